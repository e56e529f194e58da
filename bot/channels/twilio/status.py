"""Delivery receipts from Twilio, written in batches (group commit, like the engine's).

Each status callback names our outbox row (`?o=<id>` in the callback URL we gave), so a receipt
that arrives before we recorded the send still finds its row. Statuses only move forward: sent →
delivered → read, or sent → failed/undelivered with Twilio's error code. The callback is answered
200 only after the batch holding it is committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update

from bot.clock import Clock
from bot.store import tables
from bot.store.database import Database

log = logging.getLogger(__name__)

# Twilio's status → ours, and the statuses a row may move from.
FORWARD = {
    "sent": ("sending",),
    "delivered": ("sending", "sent"),
    "read": ("sending", "sent", "delivered"),
    "failed": ("sending", "sent"),
    "undelivered": ("sending", "sent"),
}
OPTED_OUT = "21610"


@dataclass(frozen=True, slots=True)
class Receipt:
    outbox_id: int
    status: str
    error_code: str | None


class StatusWriter:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock
        self._queue: asyncio.Queue[tuple[Receipt, asyncio.Future[None]]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="twilio-status")

    async def stop(self) -> None:
        if self._task is not None:
            await self._queue.join()
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def record(self, receipt: Receipt) -> None:
        """Returns once the receipt is committed (raises if the store fails)."""
        if receipt.status not in FORWARD:
            return  # queued, accepted, sending…: nothing we track
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((receipt, future))
        await future

    async def _loop(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._write([receipt for receipt, _ in batch])
                outcome: BaseException | None = None
            except Exception as error:
                log.warning("cannot record %d delivery receipts: %r", len(batch), error)
                outcome = error
            for _, future in batch:
                if not future.done():
                    if outcome is None:
                        future.set_result(None)
                    else:
                        future.set_exception(outcome)
                self._queue.task_done()

    async def _write(self, receipts: list[Receipt]) -> None:
        outbox, users = tables.outbox, tables.users
        now = self.clock.now()
        by_status: dict[str, list[Receipt]] = defaultdict(list)
        for receipt in receipts:
            by_status[receipt.status].append(receipt)
        async with self.database.write() as conn:
            for status, group in by_status.items():
                await conn.execute(
                    update(outbox)
                    .where(outbox.c.id == bindparam("b_id"), outbox.c.status.in_(FORWARD[status]))
                    .values(status=status, error=bindparam("b_error"), updated_at=now),
                    [
                        {
                            "b_id": r.outbox_id,
                            "b_error": f"Twilio error {r.error_code}" if r.error_code else None,
                        }
                        for r in group
                    ],
                )
            opted_out = [r.outbox_id for r in receipts if r.error_code == OPTED_OUT]
            if opted_out:
                owners = select(outbox.c.user_id).where(outbox.c.id.in_(opted_out))
                await conn.execute(
                    update(users)
                    .where(users.c.id.in_(owners.scalar_subquery()))
                    .values(status="stopped")
                )
