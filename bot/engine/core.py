"""The engine: every inbound message handled once, in order per person, atomically with its replies.

`handle(inbound)` waits for its person's previous message to finish (`KeyedLocks`), then joins the
next batch. A writer task takes every message queued so far and handles the batch in one
transaction:

    lock the people (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE is already exclusive)
    → record the message ids (a duplicate stops there) → create new people
    → run each turn (commands, the current question, the next step)
    → write state, replies (outbox rows) and anonymous counters → commit.

Sharing a commit between messages is group commit: each message still commits with its replies or
not at all, and `handle` returns only after the commit, so an acknowledged message is never lost and
a reply is never queued twice. Delivery happens after the commit, from the outbox. If a batch fails,
its messages are retried one by one, so one bad message cannot hold back the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.engine.flow import Preparation, Script
from bot.engine.locks import KeyedLocks
from bot.engine.runner import Runner
from bot.engine.services import Preparing, Translating
from bot.engine.turn import Binding, JobContext, Turn
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import _
from bot.i18n.normalize import clean_input
from bot.messages import Inbound, Kind, Outgoing
from bot.outbox.queries import REPLY, new_row
from bot.store import counters, erasure, people, tables
from bot.store import inbound as inbound_log
from bot.store.database import Database
from bot.translate.service import Translator

log = logging.getLogger(__name__)

RECENT_PEOPLE = 100_000


@dataclass(frozen=True, slots=True)
class Outcome:
    duplicate: bool
    replies: int = 0


@dataclass(slots=True)
class _Pending:
    inbound: Inbound
    future: asyncio.Future[Outcome]


class Engine:
    def __init__(
        self,
        database: Database,
        catalogs: Catalogs,
        script: Script,
        settings: Settings,
        clock: Clock | None = None,
        translator: Translator | None = None,
        tools: Mapping[str, object] | None = None,
    ) -> None:
        self.database = database
        self.tools = dict(tools or {})  # long-lived services jobs may need (JobContext.tools)
        self.catalogs = catalogs
        self.settings = settings
        self.clock = clock or SystemClock()
        self.translator = translator
        self.script = script
        # Where each recently seen person is, to run their question's `prepare` hook before
        # the turn (bounded: a miss only means the slow work happens inside the turn).
        self._recent: OrderedDict[tuple[str, str], tuple[str | None, str, int | None]] = (
            OrderedDict()
        )
        self.runner = Runner(script, catalogs, settings.language_detection_min_confidence)
        self.idle = dt.timedelta(days=settings.conversation_idle_days)
        self._locks = KeyedLocks()
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._writers: list[asyncio.Task[None]] = []
        self._listeners: list[Callable[[set[str]], None]] = []
        self._jobs: set[asyncio.Future[object]] = set()

    # --- life cycle ---------------------------------------------------------------------
    async def start(self) -> None:
        if not self._writers:
            self._writers = [
                asyncio.create_task(self._write_loop(), name=f"engine-writer-{n}")
                for n in range(self.settings.writers)
            ]

    async def stop(self) -> None:
        """Finish what is queued and the background jobs, then stop the writers."""
        await self._queue.join()
        if self._jobs:
            await asyncio.wait(list(self._jobs), timeout=30)
        for task in self._writers:
            task.cancel()
        await asyncio.gather(*self._writers, return_exceptions=True)
        self._writers = []

    async def settle(self) -> None:
        """Wait until what is queued is committed and the jobs it started (and theirs) are done."""
        await self._queue.join()
        while self._jobs:
            await asyncio.wait(list(self._jobs))
            await self._queue.join()

    async def __aenter__(self) -> Engine:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def on_commit(self, listener: Callable[[set[str]], None]) -> None:
        """Call `listener(channels)` after each commit that queued outgoing messages."""
        self._listeners.append(listener)

    # --- handling -----------------------------------------------------------------------
    async def handle(self, inbound: Inbound) -> Outcome:
        if not self._writers:
            raise RuntimeError("the engine is not started (use `async with engine:`)")
        text, truncated = clean_input(inbound.text, self.settings.max_input_chars)
        inbound = inbound_log.fit(inbound.with_text(text, truncated))
        async with self._locks.hold(inbound.user_key):
            await self._prepare(inbound)
            future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
            self._queue.put_nowait(_Pending(inbound, future))
            try:
                return await asyncio.shield(future)
            except asyncio.CancelledError:
                # Keep this person's turn until their message is done, so order holds.
                await asyncio.wait([future])
                raise

    async def _prepare(self, inbound: Inbound) -> None:
        recent = self._recent.get(inbound.user_key)
        if recent is None or inbound.kind is not Kind.TEXT or not inbound.text:
            return
        step, language, owner = recent
        question = self.script.step(step)
        if question is None or question.prepare is None:
            return
        services = Preparing(self.translator, owner)
        try:
            await question.prepare(Preparation(inbound, language, services))
        except Exception as error:  # only an optimisation: the turn will do it itself
            log.warning("preparing message %s failed: %r", _ref(inbound), error)

    def _remember(self, turns: Sequence[Turn[Any]]) -> None:
        for turn in turns:
            key = turn.inbound.user_key
            self._recent.pop(key, None)
            if not turn.user.erased:
                self._recent[key] = (turn.state.step, turn.lang, turn.user.id)
        while len(self._recent) > RECENT_PEOPLE:
            self._recent.popitem(last=False)

    def notify(self, channels: set[str]) -> None:
        """Wake delivery for these channels (after a commit that queued messages, ours or a
        transaction outside the engine: a reply from the web console)."""
        if channels:
            for listener in self._listeners:
                listener(channels)

    def _after_commit(self, turns: Sequence[Turn[Any]]) -> None:
        """Start the turns' background jobs; remove the files of people who were erased."""
        erased = [t.user.id for t in turns if t.user.erased and t.user.id is not None]
        if erased:
            if self.translator is not None:
                self.translator.forget_recent()
            self._background(erasure.forget(self.database, erased))
        for turn in turns:
            if turn.jobs and turn.user.id is not None and not turn.user.erased:
                context = JobContext(
                    turn.user.id,
                    turn.user.channel,
                    turn.user.external_id,
                    turn.lang,
                    self.catalogs.is_rtl(turn.lang),
                    self.catalogs,
                    self.settings.data_dir,
                    partial(self.send, turn.user.id, turn.user.channel, turn.user.external_id),
                    self.database,
                    self.translator,
                    self.clock,
                    self.handle,
                    self.tools,
                )
                for job in turn.jobs:
                    self._background(job(context))

    def _background(self, work: Awaitable[object]) -> None:
        task = asyncio.ensure_future(work)
        self._jobs.add(task)
        task.add_done_callback(self._job_done)

    def _job_done(self, task: asyncio.Future[object]) -> None:
        self._jobs.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a background job failed", exc_info=task.exception())

    async def send(
        self,
        user_id: int,
        channel: str,
        address: str,
        outgoing: Sequence[Outgoing],
        priority: int = REPLY,
    ) -> None:
        """Queue messages for someone outside a turn (a finished PDF, an alert): outbox rows."""
        now = self.clock.now()
        rows = [new_row(user_id, channel, address, out, now, priority) for out in outgoing]
        if rows:
            async with self.database.write() as conn:
                await conn.execute(tables.outbox.insert(), rows)
            self.notify({channel})

    async def _write_loop(self) -> None:
        limit = self.settings.engine_batch_max
        while True:
            batch = [await self._queue.get()]
            while len(batch) < limit and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._commit(batch)
            finally:
                for _pending in batch:
                    self._queue.task_done()

    async def _commit(self, batch: list[_Pending], *, run_flows: bool = True) -> None:
        try:
            outcomes, turns = await self._run_batch([p.inbound for p in batch], run_flows)
        except Exception as error:
            if len(batch) > 1:
                log.warning("batch of %d failed (%r); retrying one by one", len(batch), error)
                for pending in batch:
                    await self._commit([pending])
            elif run_flows:
                # This message alone breaks its transaction (a flow stored something the store
                # refuses, say). Record it with an apology, so it is not retried forever.
                log.error(
                    "message %s failed (%r); answering with an apology",
                    _ref(batch[0].inbound),
                    error,
                )
                await self._commit(batch, run_flows=False)
            else:  # even the apology cannot be written: the store itself is failing
                log.error("message %s cannot be recorded: %r", _ref(batch[0].inbound), error)
                if not batch[0].future.done():
                    batch[0].future.set_exception(error)
            return
        for pending, outcome in zip(batch, outcomes, strict=True):
            if not pending.future.done():
                pending.future.set_result(outcome)
        self.notify(
            {t.user.channel for t in turns if t.outgoing}
            | {to.channel for t in turns for to, _out in t.told}
        )
        self._after_commit(turns)

    async def _run_batch(
        self, inbounds: Sequence[Inbound], run_flows: bool = True
    ) -> tuple[list[Outcome], list[Turn[Any]]]:
        now = self.clock.now()
        async with self.database.write() as conn:
            found = await people.lock(conn, {i.user_key for i in inbounds})
            accepted = await inbound_log.record(
                conn, inbounds, {key: p.user.id for key, p in found.items()}, now
            )
            fresh = [i for i, ok in zip(inbounds, accepted, strict=True) if ok]
            newcomers = [i for i in fresh if found[i.user_key].user.id is None]
            await people.create(conn, found, [i.user_key for i in fresh], now)
            await inbound_log.attach(
                conn,
                newcomers,
                {i.user_key: found[i.user_key].user.id or 0 for i in newcomers},
            )
            turns = await self._take_turns(conn, fresh, found, now, run_flows)
            await self._save(conn, turns, now)
        self._remember(turns)
        replies = iter(turns)
        outcomes = [
            Outcome(duplicate=False, replies=len(next(replies).replies()))
            if ok
            else Outcome(duplicate=True)
            for ok in accepted
        ]
        return outcomes, turns

    async def _take_turns(
        self,
        conn: AsyncConnection,
        inbounds: Sequence[Inbound],
        found: dict[people.Key, people.Person],
        now: dt.datetime,
        run_flows: bool = True,
    ) -> list[Turn[Any]]:
        """Run the turns of a batch concurrently (they belong to different people)."""
        binding = Binding(conn, asyncio.Lock(), self.translator, self.settings)
        services = (self.script.services or Translating)(binding)

        def turn_of(inbound: Inbound, person: people.Person) -> Turn[Any]:
            return Turn(
                inbound=inbound,
                user=person.user,
                state=person.state,
                catalogs=self.catalogs,
                services=services,
                now=now,
            )

        turns = [turn_of(i, found[i.user_key]) for i in inbounds]
        if not run_flows:
            for turn in turns:
                turn.say(_("error.internal"))
        results = await asyncio.gather(
            *(self.runner.run(turn) for turn in turns if run_flows), return_exceptions=True
        )
        for n, result in enumerate(results):
            if isinstance(result, BaseException):
                inbound = inbounds[n]
                log.error(
                    "turn failed for message %s at step %s",
                    _ref(inbound),
                    turns[n].state.step,
                    exc_info=result,
                )
                # The turn may have half-changed its state: start again from what is stored.
                person = (await people.lock(conn, {inbound.user_key}))[inbound.user_key]
                turns[n] = turn_of(inbound, person)
                turns[n].say(_("error.internal"))
        for turn in turns:
            turn.user.last_inbound_at = now
            turn.state.expires_at = now + self.idle
        return turns

    async def _save(
        self, conn: AsyncConnection, turns: Sequence[Turn[Any]], now: dt.datetime
    ) -> None:
        """Write the turns' people and conversations, their replies and what they told others
        (outbox rows), and the anonymous counters — in the batch's transaction."""
        if not turns:
            return
        await people.save(conn, [people.Person(t.user, t.state) for t in turns], now)
        await erasure.erase(
            conn,
            [
                erasure.Erasure(t.user.id, t.inbound.channel, t.inbound.message_id)
                for t in turns
                if t.user.erased and t.user.id is not None
            ],
        )
        rows = [
            new_row(
                None if t.user.erased else t.user.id, t.user.channel, t.user.external_id, out, now
            )
            for t in turns
            for out in t.replies()
        ]
        rows += [
            new_row(to.user_id, to.channel, to.address, out, now)
            for t in turns
            if not t.user.erased
            for to, out in t.told
        ]
        if rows:
            await conn.execute(tables.outbox.insert(), rows)
        await counters.add(conn, now.date(), _counts(turns))


def _counts(turns: Iterable[Turn[Any]]) -> counters.Counts:
    counts: counters.Counts = Counter()
    for turn in turns:
        language = turn.user.language or "-"
        counts[("inbound", turn.user.channel, language)] += 1
        counts[("outbound", turn.user.channel, language)] += len(turn.replies())
        if turn.state.version == 1:
            counts[("new_user", turn.user.channel, language)] += 1
        if turn.user.erased:
            counts[("erased", turn.user.channel, language)] += 1
    return counts


def _ref(inbound: Inbound) -> str:
    """How logs name a message: channel and message id, never its text or the person's number."""
    return f"{inbound.channel}:{inbound.message_id}"
