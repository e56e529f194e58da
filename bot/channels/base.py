"""What the outbox needs from a channel: `send()` one message, and errors that say what to do next.

A channel's sender turns its platform's failures into these kinds, so retries, rate limits, opted-
out and blocked people are handled once, in the dispatcher, for every channel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from bot.messages import Outgoing


@dataclass(frozen=True, slots=True)
class SendContext:
    """What a channel may need to know about a message beyond its content."""

    outbox_id: int
    priority: int  # 0 = a reply; larger = an announcement or an alert
    now: dt.datetime
    last_inbound_at: dt.datetime | None = None  # when the person last wrote (WhatsApp's window)


class DeliveryError(Exception):
    """A message could not be sent; the subclass says what to do."""


class RateLimited(DeliveryError):
    """The platform asks us to slow down: wait `retry_after` seconds, then try again."""

    def __init__(self, retry_after: float, reason: str = "rate limited") -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Unreachable(DeliveryError):
    """The person blocked the bot, opted out or is gone: stop sending to them.

    `status` is what the person becomes: "blocked", or "stopped" (an opt-out they can undo with
    START)."""

    def __init__(self, reason: str, status: str = "blocked") -> None:
        super().__init__(reason)
        self.status = status


class Skipped(DeliveryError):
    """This message may not be sent (e.g. outside WhatsApp's 24-hour window, with no template):
    record it as skipped, with the reason, and do not retry."""


class Temporary(DeliveryError):
    """A network error, a timeout or a server error: retry later, with backoff."""


class Rejected(DeliveryError):
    """The platform refused this message for good (e.g. bad request): record it, do not retry."""


class Sender(Protocol):
    channel: str

    async def send(self, address: str, out: Outgoing, context: SendContext) -> str | None:
        """Send one message; return the platform's id for it (the last one if split)."""
        ...
