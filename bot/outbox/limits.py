"""Sending no faster than a platform allows: an overall rate, a per-chat spacing, and pauses.

`acquire(address, priority)` waits until the chat's own spacing allows one more message, then for
a token of the channel-wide bucket. Tokens go in order of (priority, arrival): a reply that arrives
while announcements wait for the rate limit takes the next token, instead of racing them for it.
`pause(seconds)` stops everything, as a platform's "retry after" asks.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
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
        # Those waiting for a token: (priority, arrival, woken when at the head of the line).
        self._line: list[tuple[int, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()

    def set_rate(self, per_second: float) -> None:
        """A new overall rate (this process's share of the channel's limit)."""
        if per_second and per_second != self.per_second:
            self._token_wait()  # bank what the old rate earned
            self.per_second = per_second
            self._burst = max(1.0, per_second)
            self._tokens = min(self._tokens, self._burst)

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)

    async def acquire(self, address: str, priority: int = 0) -> None:
        while True:  # the chat's spacing (and any pause) first
            wait = self._chat_wait(address)
            if wait <= 0:
                break
            await asyncio.sleep(wait)
        if not self.per_second:
            self._sent(address)
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (priority, next(self._arrivals), turn)
        heapq.heappush(self._line, entry)
        if self._line[0] is entry:
            turn.set_result(None)
        try:
            await turn  # only the head of the line is woken: no stampede of waiters
            while True:
                wait = self._token_wait()
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            self._tokens -= 1
            self._sent(address)
        finally:
            self._line.remove(entry)
            heapq.heapify(self._line)
            if self._line and not self._line[0][2].done():
                self._line[0][2].set_result(None)

    def _chat_wait(self, address: str) -> float:
        return max(self._paused_until, self._next_for.get(address, 0.0)) - self._now()

    def _token_wait(self) -> float:
        now = self._now()
        self._tokens = min(self._burst, self._tokens + (now - self._refilled) * self.per_second)
        self._refilled = now
        waits = [self._paused_until - now]
        if self._tokens < 1:
            waits.append((1 - self._tokens) / self.per_second)
        return max(waits)

    def _sent(self, address: str) -> None:
        if self.interval:
            now = self._now()
            self._next_for[address] = now + self.interval
            if len(self._next_for) > 10_000:
                self._next_for = {a: t for a, t in self._next_for.items() if t > now}
