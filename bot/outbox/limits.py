"""Sending no faster than a platform allows: an overall rate, a per-chat spacing, and pauses.

`acquire(address)` waits until both the channel-wide token bucket and the chat's own spacing allow
one more message; `pause(seconds)` stops everything, as a platform's "retry after" asks.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        per_second: float,
        per_address_interval: float,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second  # 0: no overall limit
        self.interval = per_address_interval  # 0: no per-chat spacing
        self._now = now
        self._burst = max(1.0, per_second)
        self._tokens = self._burst
        self._refilled = now()
        self._paused_until = 0.0
        self._next_for: dict[str, float] = {}

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)

    async def acquire(self, address: str) -> None:
        while True:
            wait = self._wait_for(address)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def _wait_for(self, address: str) -> float:
        now = self._now()
        waits = [self._paused_until - now, self._next_for.get(address, 0.0) - now]
        if self.per_second:
            self._tokens = min(self._burst, self._tokens + (now - self._refilled) * self.per_second)
            self._refilled = now
            if self._tokens < 1:
                waits.append((1 - self._tokens) / self.per_second)
        wait = max(waits)
        if wait > 0:
            return wait
        if self.per_second:
            self._tokens -= 1
        if self.interval:
            self._next_for[address] = now + self.interval
            if len(self._next_for) > 10_000:
                self._forget_before(now)
        return 0.0

    def _forget_before(self, now: float) -> None:
        self._next_for = {a: t for a, t in self._next_for.items() if t > now}
