"""The outbox: every outgoing message is a row written with the state that caused it, and
delivered after the commit — by a `Dispatcher` per channel, or taken directly by the console."""

from bot.outbox.dispatcher import Dispatcher
from bot.outbox.limits import RateLimiter
from bot.outbox.queries import take_for_address

__all__ = ["Dispatcher", "RateLimiter", "take_for_address"]
