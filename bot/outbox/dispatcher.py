"""Delivery: one dispatcher per channel takes due outbox rows and sends them through the channel.

Replies go before broadcasts (claim order), each chat's messages go in order and one at a time,
the channel's rate limits are kept, "retry after" pauses everything, a blocked person is marked and
skipped, other failures are retried with exponential backoff and finally recorded as failed with
the reason. Each turn of the loop records the results so far and claims what is due, in one
transaction. A commit that queued messages, or a finished send, wakes the dispatcher at once;
otherwise it looks every DELIVERY_POLL_SECONDS (for rows queued by other processes).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import math
import random
from collections import deque

from bot.channels.base import (
    RateLimited,
    Rejected,
    SendContext,
    Sender,
    Skipped,
    Unreachable,
)
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.outbox import queries
from bot.outbox.limits import RateLimiter
from bot.outbox.queries import Claimed, Result
from bot.outbox.shared_rate import SharedRate
from bot.store.database import Database

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)
MAX_BACKOFF = 300.0
TURN_GAP = 0.005


class Dispatcher:
    def __init__(
        self,
        database: Database,
        sender: Sender,
        limiter: RateLimiter,
        *,
        max_attempts: int = 6,
        backoff_seconds: float = 2.0,
        max_in_flight: int = 64,
        poll_seconds: float = 1.0,
        lease: dt.timedelta = LEASE,
        clock: Clock | None = None,
    ) -> None:
        self.database = database
        self.sender = sender
        self.channel = sender.channel
        self.limiter = limiter
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.max_in_flight = max_in_flight
        self.poll_seconds = poll_seconds
        self.lease = lease
        self.share = SharedRate(database, self.channel, limiter)
        self.clock = clock or SystemClock()
        self._wake = asyncio.Event()
        self._queues: dict[str, deque[Claimed]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._in_flight: dict[int, Claimed] = {}
        self._results: list[Result] = []
        self._stopping = False
        self._urgent = False  # something was just queued here: claim even with little room
        self._tasks: list[asyncio.Task[None]] = []

    @classmethod
    def from_settings(
        cls,
        database: Database,
        sender: Sender,
        limiter: RateLimiter,
        settings: Settings,
        clock: Clock | None = None,
    ) -> Dispatcher:
        """A channel's dispatcher with the DELIVERY_* settings."""
        return cls(
            database,
            sender,
            limiter,
            max_attempts=settings.delivery_max_attempts,
            backoff_seconds=settings.delivery_backoff_seconds,
            max_in_flight=settings.delivery_max_in_flight,
            poll_seconds=settings.delivery_poll_seconds,
            lease=dt.timedelta(seconds=settings.delivery_lease_seconds),
            clock=clock,
        )

    # --- life cycle ---------------------------------------------------------------------
    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self._claim_loop(), name=f"deliver-{self.channel}")]

    async def stop(self, grace: float = 10.0) -> None:
        """Stop claiming, let sends in progress finish, give back what was not sent."""
        self._stopping = True
        self._wake.set()
        if self._workers:
            await asyncio.wait(list(self._workers.values()), timeout=grace)
        for task in [*self._tasks, *self._workers.values()]:
            task.cancel()
        await asyncio.gather(*self._tasks, *self._workers.values(), return_exceptions=True)
        await self._flush()
        unsent = [row.id for queue in self._queues.values() for row in queue]
        unsent += [i for i in self._in_flight if i not in unsent]
        await queries.release(self.database, unsent, self.clock.now())
        with contextlib.suppress(Exception):  # the others notice after STALE anyway
            await self.share.leave()

    def wake(self) -> None:
        self._wake.set()

    def on_commit(self, channels: set[str]) -> None:
        if self.channel in channels:
            self._urgent = True
            self._wake.set()

    @property
    def window(self) -> int:
        """How many messages to hold at once: no more than about a second of sending, so that
        what waits for the rate limit in memory cannot hold back a reply queued after it
        (claims take replies first)."""
        rate = self.limiter.per_second
        return max(1, min(self.max_in_flight, math.ceil(rate))) if rate else self.max_in_flight

    @property
    def idle(self) -> bool:
        return not self._in_flight and not self._results

    # --- claiming -----------------------------------------------------------------------
    async def _claim_loop(self) -> None:
        """Each turn, in one transaction: record what happened, claim what is due."""
        while not self._stopping:
            self._wake.clear()
            free = self.window - len(self._in_flight)
            if free < max(1, self.window // 4) and not self._urgent:
                # Nearly full (a large announcement): let sends finish, so that one transaction
                # records and claims many instead of one per message. New replies skip this.
                await self._wait(self.poll_seconds)
                await asyncio.sleep(TURN_GAP)
                continue
            self._urgent = False
            results, self._results = self._results, []
            rows: list[Claimed] = []
            try:
                await self.share.beat(self.clock.now())
                rows = await queries.record_and_claim(
                    self.database, results, self.channel, free, self.clock.now(), self.lease
                )
            except Exception as error:  # the store is unavailable: keep results, retry soon
                log.warning("%s: cannot record or claim messages: %r", self.channel, error)
                self._results = results + self._results
                await asyncio.sleep(min(self.poll_seconds, 1.0))
                continue
            if any(r.orphan and r.status in queries.FINAL for r in results):
                # An erased person's goodbye was just scrubbed: leave no copy in SQLite's log.
                await self.database.empty_log()
            for row in rows:
                self._in_flight[row.id] = row
                self._queues.setdefault(row.address, deque()).append(row)
                if row.address not in self._workers:
                    self._workers[row.address] = asyncio.create_task(self._send_all(row.address))
            if rows and len(rows) == free:
                await self._wait(self.poll_seconds / 10)  # more may be due: look again soon
            else:
                await self._wait(self.poll_seconds)
            await asyncio.sleep(TURN_GAP)  # let wake-ups gather: one transaction serves many

    async def _wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    # --- sending ------------------------------------------------------------------------
    async def _send_all(self, address: str) -> None:
        """Send one chat's messages in order, one at a time."""
        queue = self._queues[address]
        try:
            while queue:
                row = queue[0]
                await self.limiter.acquire(address, row.priority)
                result = await self._send(row)
                queue.popleft()
                self._finish(row, result)
                if result.status == "pending" and queue:
                    # Keep the chat's order: what follows waits for the retried message.
                    while queue:
                        later = queue.popleft()
                        self._finish(
                            later,
                            Result(
                                later.id,
                                "pending",
                                result.at,
                                retry_at=result.retry_at,
                                error="waiting",
                            ),
                        )
                if result.error == "unreachable":
                    for later in queue:  # already marked failed in the store
                        self._in_flight.pop(later.id, None)
                    queue.clear()
        finally:
            del self._queues[address]
            del self._workers[address]
            self._wake.set()  # room for more

    def _finish(self, row: Claimed, result: Result) -> None:
        self._in_flight.pop(row.id, None)
        self._results.append(result)

    async def _send(self, row: Claimed) -> Result:
        orphan = row.user_id is None
        context = SendContext(row.id, row.priority, self.clock.now(), row.last_inbound_at)
        try:
            external_id = await self.sender.send(row.address, row.message, context)
        except RateLimited as error:
            self.limiter.pause(error.retry_after)
            now = self.clock.now()
            log.info("%s: rate limited for %.1f s", self.channel, error.retry_after)
            return Result(
                row.id,
                "pending",
                now,
                error=str(error),
                retry_at=now + dt.timedelta(seconds=error.retry_after),
            )
        except Unreachable as error:
            now = self.clock.now()
            log.info("%s: outbox %d: person unreachable (%s)", self.channel, row.id, error)
            await queries.mark_unreachable(
                self.database,
                self.channel,
                row.address,
                now,
                f"unreachable: {error}",
                error.status,
            )
            return Result(row.id, "failed", now, error="unreachable", orphan=orphan)
        except Skipped as error:
            log.info("%s: outbox %d skipped: %s", self.channel, row.id, error)
            return Result(row.id, "skipped", self.clock.now(), error=str(error), orphan=orphan)
        except Rejected as error:
            log.warning("%s: outbox %d rejected: %s", self.channel, row.id, error)
            return Result(
                row.id, "failed", self.clock.now(), error=f"rejected: {error}", orphan=orphan
            )
        except Exception as error:  # Temporary, or anything unexpected: retry with backoff
            now = self.clock.now()
            reason = f"{type(error).__name__}: {error}"[:500]
            if row.attempts >= self.max_attempts:
                log.warning(
                    "%s: outbox %d failed after %d attempts: %s",
                    self.channel,
                    row.id,
                    row.attempts,
                    reason,
                )
                return Result(row.id, "failed", now, error=reason, orphan=orphan)
            delay = min(MAX_BACKOFF, self.backoff_seconds * 2 ** (row.attempts - 1))
            delay *= random.uniform(0.8, 1.2)
            return Result(
                row.id, "pending", now, error=reason, retry_at=now + dt.timedelta(seconds=delay)
            )
        return Result(row.id, "sent", self.clock.now(), external_id=external_id, orphan=orphan)

    # --- recording ----------------------------------------------------------------------
    async def _flush(self) -> None:
        results, self._results = self._results, []
        if not results:
            return
        try:
            await queries.record(self.database, results)
        except Exception as error:  # the lease protects the rows: they will be sent again
            log.warning("%s: cannot record %d results: %r", self.channel, len(results), error)
