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
import hashlib
import logging
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from sqlalchemy import Row, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.broadcast.desk import Desk
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.directory.search import Directory
from bot.engine.flow import Preparation, Script
from bot.engine.loader import Loader
from bot.engine.locks import KeyedLocks
from bot.engine.runner import Runner
from bot.engine.turn import ConversationState, JobContext, PersonalData, Turn, UserState
from bot.handover.desk import Desk as HandoverDesk
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import _
from bot.i18n.normalize import clean_input
from bot.messages import Inbound, Kind, Outgoing
from bot.outbox.queries import REPLY, new_row
from bot.store import files, maintenance, tables
from bot.store.database import Database
from bot.store.dialect import insert_for
from bot.translate.service import Translation, Translator

log = logging.getLogger(__name__)

ID_LENGTH = 128  # users.external_id and inbound_log.external_id
RECENT_PEOPLE = 100_000
HOUSEKEEPING_INTERVAL = 3600.0


@dataclass(frozen=True, slots=True)
class Outcome:
    duplicate: bool
    replies: int = 0


@dataclass(slots=True)
class _Pending:
    inbound: Inbound
    future: asyncio.Future[Outcome]


@dataclass(slots=True)
class _Person:
    user: UserState
    state: ConversationState


class Engine:
    def __init__(
        self,
        database: Database,
        catalogs: Catalogs,
        script: Script,
        settings: Settings,
        clock: Clock | None = None,
        translator: Translator | None = None,
    ) -> None:
        self.database = database
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
            self._writers.append(asyncio.create_task(self._housekeeping(), name="housekeeping"))

    async def _housekeeping(self) -> None:
        """Hourly, forget de-duplication ids and machine translations past their retention
        (first run after a minute)."""
        delay = 60.0
        while True:
            await asyncio.sleep(delay)
            delay = HOUSEKEEPING_INTERVAL
            try:
                now = self.clock.now()
                removed = await maintenance.prune(
                    self.database, now, self.settings.inbound_log_retention_days
                )
                log.info("housekeeping: removed %d old message ids", removed)
                if self.translator is not None:
                    cutoff = now - dt.timedelta(days=self.settings.translate_cache_days)
                    forgotten = await self.translator.forget_before(cutoff)
                    log.info("housekeeping: forgot %d old machine translations", forgotten)
            except Exception as error:  # the store may be briefly unavailable: try next hour
                log.warning("housekeeping failed: %r", error)

    async def stop(self) -> None:
        """Finish what is queued and the background jobs, then stop the writers."""
        await self._queue.join()
        if self._jobs:
            await asyncio.wait(list(self._jobs), timeout=30)
        for task in self._writers:
            task.cancel()
        await asyncio.gather(*self._writers, return_exceptions=True)
        self._writers = []

    async def __aenter__(self) -> Engine:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def on_commit(self, listener: Callable[[set[str]], None]) -> None:
        """Call `listener(channels)` after each commit that queued outgoing messages."""
        self._listeners.append(listener)

    def queued_elsewhere(self, channels: set[str]) -> None:
        """A transaction outside the engine queued messages (a reply from the web console):
        wake delivery as a commit of ours would."""
        self._notify(channels)

    # --- handling -----------------------------------------------------------------------
    async def handle(self, inbound: Inbound) -> Outcome:
        if not self._writers:
            raise RuntimeError("the engine is not started (use `async with engine:`)")
        text, truncated = clean_input(inbound.text, self.settings.max_input_chars)
        inbound = _fit_ids(inbound.with_text(text, truncated))
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
        services = _Prepared(self.translator, owner)
        try:
            await question.prepare(Preparation(inbound, language, services))
        except Exception as error:  # only an optimisation: the turn will do it itself
            log.warning("preparing message %s failed: %r", _ref(inbound), error)

    def _remember(self, turns: Sequence[Turn]) -> None:
        for turn in turns:
            key = turn.inbound.user_key
            self._recent.pop(key, None)
            if not turn.user.erased:
                self._recent[key] = (turn.state.step, turn.lang, turn.user.id)
        while len(self._recent) > RECENT_PEOPLE:
            self._recent.popitem(last=False)

    def _notify(self, channels: set[str]) -> None:
        if channels:
            for listener in self._listeners:
                listener(channels)

    def _after_commit(self, turns: Sequence[Turn]) -> None:
        """Start the turns' background jobs; remove the files of people who were erased."""
        for turn in turns:
            if turn.user.erased and turn.user.id is not None:
                self._background(
                    asyncio.to_thread(files.erase_owned, self.settings.data_dir, turn.user.id)
                )
            elif turn.jobs and turn.user.id is not None:
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
            self._notify({channel})

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
        self._notify(
            {t.user.channel for t in turns if t.outgoing}
            | {to.channel for t in turns for to, _out in t.told}
        )
        self._after_commit(turns)

    async def _run_batch(
        self, inbounds: Sequence[Inbound], run_flows: bool = True
    ) -> tuple[list[Outcome], list[Turn]]:
        now = self.clock.now()
        async with self.database.write() as conn:
            people = await _lock_people(conn, {i.user_key for i in inbounds})
            accepted = await _record_inbound(conn, inbounds, people, now)
            fresh = [i for i, ok in zip(inbounds, accepted, strict=True) if ok]
            await self._create_people(conn, fresh, people, now)
            turns = await self._take_turns(conn, fresh, people, now, run_flows)
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

    async def _create_people(
        self,
        conn: AsyncConnection,
        inbounds: Sequence[Inbound],
        people: dict[Any, _Person],
        now: dt.datetime,
    ) -> None:
        missing = sorted({i.user_key for i in inbounds if people[i.user_key].user.id is None})
        if not missing:
            return
        users = tables.users
        statement = (
            insert_for(conn, users)
            .on_conflict_do_nothing()
            .returning(users.c.id, users.c.channel, users.c.external_id)
        )
        rows = [
            {
                "channel": channel,
                "external_id": external_id,
                "roles": [],
                "status": "active",
                "created_at": now,
            }
            for channel, external_id in missing
        ]
        for row in await conn.execute(statement, rows):
            person = people[(row.channel, row.external_id)]
            person.user.id, person.user.created_at = row.id, now
        raced = {key for key in missing if people[key].user.id is None}
        if raced:  # another process created them a moment ago: take theirs
            people.update(await _lock_people(conn, raced))
        await conn.execute(
            update(tables.inbound_log)
            .where(
                and_(
                    tables.inbound_log.c.channel == bindparam("b_channel"),
                    tables.inbound_log.c.external_id == bindparam("b_message"),
                )
            )
            .values(user_id=bindparam("b_user")),
            [
                {
                    "b_channel": i.channel,
                    "b_message": i.message_id,
                    "b_user": people[i.user_key].user.id,
                }
                for i in inbounds
                if i.user_key in set(missing)
            ],
        )

    async def _take_turns(
        self,
        conn: AsyncConnection,
        inbounds: Sequence[Inbound],
        people: dict[Any, _Person],
        now: dt.datetime,
        run_flows: bool = True,
    ) -> list[Turn]:
        """Run the turns of a batch concurrently (they belong to different people)."""
        services = StoreServices(conn, self.translator, self.settings)
        turns = [
            Turn(
                inbound=i,
                user=people[i.user_key].user,
                state=people[i.user_key].state,
                catalogs=self.catalogs,
                services=services,
                now=now,
            )
            for i in inbounds
        ]
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
                person = (await _lock_people(conn, {inbound.user_key}))[inbound.user_key]
                turns[n] = Turn(
                    inbound=inbound,
                    user=person.user,
                    state=person.state,
                    catalogs=self.catalogs,
                    services=services,
                    now=now,
                )
                turns[n].say(_("error.internal"))
        for turn in turns:
            turn.user.last_inbound_at = now
            turn.state.expires_at = now + self.idle
        return turns

    async def _save(self, conn: AsyncConnection, turns: Sequence[Turn], now: dt.datetime) -> None:
        if not turns:
            return
        kept = [t for t in turns if not t.user.erased]
        await _save_conversations(conn, kept, now)
        if kept:
            await conn.execute(
                update(tables.users)
                .where(tables.users.c.id == bindparam("b_id"))
                .values(
                    language=bindparam("b_language"),
                    consent=bindparam("b_consent"),
                    consent_at=bindparam("b_consent_at"),
                    status=bindparam("b_status"),
                    last_inbound_at=bindparam("b_last"),
                ),
                [
                    {
                        "b_id": t.user.id,
                        "b_language": t.user.language,
                        "b_consent": t.user.consent,
                        "b_consent_at": t.user.consent_at,
                        "b_status": t.user.status,
                        "b_last": t.user.last_inbound_at,
                    }
                    for t in kept
                ],
            )
        erased = [t.user.id for t in turns if t.user.erased and t.user.id is not None]
        if erased:
            await conn.execute(delete(tables.users).where(tables.users.c.id.in_(erased)))
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
        await _count(conn, now.date(), turns)


class _Prepared:
    """Services for `prepare` hooks: outside any transaction; results land in the cache."""

    def __init__(self, translator: Translator | None, owner: int | None) -> None:
        self.translator = translator
        self.owner = owner

    async def translate(self, text: str, source: str, target: str) -> object:
        if self.translator is None:
            return None
        return await self.translator.translate(text, source, target, owner=self.owner)


class StoreServices:
    """The services a step may use, bound to the batch's transaction; look-ups are batched."""

    def __init__(
        self,
        conn: AsyncConnection,
        translator: Translator | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.conn = conn
        self.translator = translator
        self.settings = settings or Settings()
        self.lock = asyncio.Lock()
        self._personal = Loader(self._personal_data, self.lock)
        self.directory = Directory(conn, self.lock)
        self.broadcasts = Desk(conn, self.lock)
        self.handovers = HandoverDesk(conn, self.lock)

    async def translate(
        self, text: str, source: str, target: str, owner: int | None
    ) -> Translation:
        if self.translator is None:
            return Translation(text, source, target, "human" if source == target else "missing")
        async with self.lock:
            return await self.translator.translate(
                text, source, target, owner=owner, conn=self.conn
            )

    async def personal_data(self, user_id: int | None) -> PersonalData:
        if user_id is None:
            return PersonalData(0, 0)
        return await self._personal.load(user_id)

    async def _personal_data(self, user_ids: Sequence[int]) -> dict[int, PersonalData]:
        log_table, outbox = tables.inbound_log, tables.outbox
        received = select(log_table.c.user_id, func.count()).where(
            log_table.c.user_id.in_(user_ids)
        )
        waiting = select(outbox.c.user_id, func.count()).where(
            outbox.c.user_id.in_(user_ids), outbox.c.status == "pending"
        )
        inbound: dict[int, int] = {}
        for user_id, count in await self.conn.execute(received.group_by(log_table.c.user_id)):
            inbound[user_id] = count
        queued: dict[int, int] = {}
        for user_id, count in await self.conn.execute(waiting.group_by(outbox.c.user_id)):
            queued[user_id] = count
        interests_table, alerts_table = tables.job_interests, tables.job_alerts
        interests: dict[int, int] = {}
        liked = select(interests_table.c.user_id, func.count()).where(
            interests_table.c.user_id.in_(user_ids)
        )
        for user_id, count in await self.conn.execute(liked.group_by(interests_table.c.user_id)):
            interests[user_id] = count
        alerted = set(
            await self.conn.scalars(
                select(alerts_table.c.user_id).where(alerts_table.c.user_id.in_(user_ids))
            )
        )
        asked: dict[int, list[tuple[str, str]]] = {}
        topics = tables.interests
        for user_id, kind, value in await self.conn.execute(
            select(topics.c.user_id, topics.c.kind, topics.c.value)
            .where(topics.c.user_id.in_(user_ids))
            .order_by(topics.c.kind, topics.c.value)
        ):
            asked.setdefault(user_id, []).append((kind, value))
        talks: dict[int, int] = {}
        handovers, said = tables.handovers, tables.handover_messages
        for user_id, count in await self.conn.execute(
            select(handovers.c.user_id, func.count())
            .join(said, said.c.handover_id == handovers.c.id)
            .where(handovers.c.user_id.in_(user_ids))
            .group_by(handovers.c.user_id)
        ):
            talks[user_id] = count
        return {
            u: PersonalData(
                inbound.get(u, 0),
                queued.get(u, 0),
                interests.get(u, 0),
                u in alerted,
                tuple(asked.get(u, ())),
                talks.get(u, 0),
            )
            for u in user_ids
        }


async def _lock_people(conn: AsyncConnection, keys: set[tuple[str, str]]) -> dict[Any, _Person]:
    users, conversations = tables.users, tables.conversations
    by_channel: dict[str, list[str]] = {}
    for channel, external_id in keys:
        by_channel.setdefault(channel, []).append(external_id)
    statement = (
        select(
            users,
            conversations.c.step,
            conversations.c.data,
            conversations.c.nav,
            conversations.c.version,
            conversations.c.expires_at,
        )
        .outerjoin(conversations, conversations.c.user_id == users.c.id)
        .where(
            or_(
                *(
                    and_(users.c.channel == channel, users.c.external_id.in_(ids))
                    for channel, ids in by_channel.items()
                )
            )
        )
        .order_by(users.c.id)
    )
    if conn.dialect.name == "postgresql":
        statement = statement.with_for_update(of=users)
    found = {(row.channel, row.external_id): _person(row) for row in await conn.execute(statement)}
    for channel, external_id in keys:
        if (channel, external_id) not in found:
            found[(channel, external_id)] = _Person(
                UserState(id=None, channel=channel, external_id=external_id), ConversationState()
            )
    return found


def _person(row: Row[Any]) -> _Person:
    user = UserState(
        id=row.id,
        channel=row.channel,
        external_id=row.external_id,
        language=row.language,
        consent=row.consent,
        consent_at=row.consent_at,
        status=row.status,
        roles=list(row.roles or []),
        created_at=row.created_at,
        last_inbound_at=row.last_inbound_at,
    )
    if row.step is None:
        return _Person(user, ConversationState())
    state = ConversationState(row.step, row.data or {}, row.nav or {}, row.version, row.expires_at)
    return _Person(user, state)


async def _record_inbound(
    conn: AsyncConnection,
    inbounds: Sequence[Inbound],
    people: dict[Any, _Person],
    now: dt.datetime,
) -> list[bool]:
    """Insert the message ids; say for each message whether it is new (else a duplicate)."""
    log_table = tables.inbound_log
    unique: dict[tuple[str, str], Inbound] = {}
    for inbound in inbounds:
        unique.setdefault((inbound.channel, inbound.message_id), inbound)
    statement = (
        insert_for(conn, log_table)
        .on_conflict_do_nothing()
        .returning(log_table.c.channel, log_table.c.external_id)
    )
    rows = [
        {
            "channel": i.channel,
            "external_id": i.message_id,
            "user_id": people[i.user_key].user.id,
            "received_at": i.received_at or now,
        }
        for i in unique.values()
    ]
    new = {(row.channel, row.external_id) for row in await conn.execute(statement, rows)}
    accepted = []
    for inbound in inbounds:  # the same id twice in one batch: only the first is new
        key = (inbound.channel, inbound.message_id)
        accepted.append(key in new)
        new.discard(key)
    return accepted


async def _save_conversations(
    conn: AsyncConnection, turns: Sequence[Turn], now: dt.datetime
) -> None:
    conversations = tables.conversations
    params = [
        {
            "b_user": t.user.id,
            "b_flow": (t.state.step or "").split(".", 1)[0],
            "b_step": t.state.step or "",
            "b_data": t.state.data,
            "b_nav": t.state.nav,
            "b_version": t.state.version + 1,
            "b_updated": now,
            "b_expires": t.state.expires_at,
        }
        for t in turns
    ]
    existing = [p for p, t in zip(params, turns, strict=True) if t.state.version > 0]
    created = [p for p, t in zip(params, turns, strict=True) if t.state.version == 0]
    if existing:
        await conn.execute(
            update(conversations)
            .where(conversations.c.user_id == bindparam("b_user"))
            .values(
                flow=bindparam("b_flow"),
                step=bindparam("b_step"),
                data=bindparam("b_data"),
                nav=bindparam("b_nav"),
                version=bindparam("b_version"),
                updated_at=bindparam("b_updated"),
                expires_at=bindparam("b_expires"),
            ),
            existing,
        )
    if created:
        await conn.execute(
            conversations.insert(),
            [
                {
                    "user_id": p["b_user"],
                    "flow": p["b_flow"],
                    "step": p["b_step"],
                    "data": p["b_data"],
                    "nav": p["b_nav"],
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "expires_at": p["b_expires"],
                }
                for p in created
            ],
        )
    for turn in turns:
        turn.state.version += 1


async def _count(conn: AsyncConnection, day: dt.date, turns: Iterable[Turn]) -> None:
    counts: Counter[tuple[str, str, str]] = Counter()
    for turn in turns:
        language = turn.user.language or "-"
        counts[("inbound", turn.user.channel, language)] += 1
        counts[("outbound", turn.user.channel, language)] += len(turn.replies())
        if turn.state.version == 1:
            counts[("new_user", turn.user.channel, language)] += 1
        if turn.user.erased:
            counts[("erased", turn.user.channel, language)] += 1
    counter = tables.counters
    statement = insert_for(conn, counter)
    statement = statement.on_conflict_do_update(
        index_elements=[counter.c.day, counter.c.metric, counter.c.channel, counter.c.language],
        set_={"value": counter.c.value + statement.excluded.value},
    )
    await conn.execute(
        statement,
        [
            {"day": day, "metric": metric, "channel": channel, "language": language, "value": value}
            for (metric, channel, language), value in sorted(counts.items())
            if value
        ],
    )


def _fit_ids(inbound: Inbound) -> Inbound:
    """Ids longer than the columns (or with characters a database refuses) become digests."""
    message_id, user_id = _fit(inbound.message_id), _fit(inbound.user_id)
    if (message_id, user_id) == (inbound.message_id, inbound.user_id):
        return inbound
    return replace(inbound, message_id=message_id, user_id=user_id)


def _fit(value: str) -> str:
    if len(value) <= ID_LENGTH and value.isprintable():
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _ref(inbound: Inbound) -> str:
    """How logs name a message: channel and message id, never its text or the person's number."""
    return f"{inbound.channel}:{inbound.message_id}"
