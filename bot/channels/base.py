"""What the outbox needs from a channel: `send()` one message, and errors that say what to do next.

A channel's sender turns its platform's failures into these four kinds, so retries, rate limits and
blocked people are handled once, in the dispatcher, for every channel.
"""

from __future__ import annotations

from typing import Protocol

from bot.messages import Outgoing


class DeliveryError(Exception):
    """A message could not be sent; the subclass says what to do."""


class RateLimited(DeliveryError):
    """The platform asks us to slow down: wait `retry_after` seconds, then try again."""

    def __init__(self, retry_after: float, reason: str = "rate limited") -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Unreachable(DeliveryError):
    """The person blocked the bot or their account is gone: stop sending to them."""


class Temporary(DeliveryError):
    """A network error, a timeout or a server error: retry later, with backoff."""


class Rejected(DeliveryError):
    """The platform refused this message for good (e.g. bad request): record it, do not retry."""


class Sender(Protocol):
    channel: str

    async def send(self, address: str, out: Outgoing) -> str | None:
        """Send one message; return the platform's id for it (the last one if split)."""
        ...
