"""The translator the flows use: cache first, then argostranslate in a bounded worker pool.

`translate(text, source, target)` answers with a `Translation` that says where the text comes from:
a human ("human": a volunteer's correction, or no translation needed), the machine ("machine", to be
shown as such), or nowhere ("missing": no model for that pair — the original is kept and the person
is told). The cache is an SQL table shared by every process, keyed by (source, target, SHA-256 of
the text), with a small in-process cache in front of it. Models run in threads (CTranslate2 releases
the GIL), at most TRANSLATE_WORKERS at a time, so the event loop keeps answering while a long text
is translated.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, Protocol

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock, SystemClock
from bot.store import tables
from bot.store.database import Database
from bot.store.dialect import insert_for

log = logging.getLogger(__name__)

Origin = Literal["human", "machine", "missing"]
RECENT_ENTRIES = 10_000
RECENT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Translation:
    text: str
    source: str
    target: str
    origin: Origin

    @property
    def machine(self) -> bool:
        return self.origin == "machine"

    @property
    def missing(self) -> bool:
        return self.origin == "missing"


class Backend(Protocol):
    def route(self, source: str, target: str) -> str | None:
        """ "direct", "pivot" (through English) or None."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Blocking; runs in a worker thread."""
        ...


class MissingPair(Exception):
    pass


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Translator:
    def __init__(
        self, database: Database, backend: Backend, workers: int = 1, clock: Clock | None = None
    ) -> None:
        self.database = database
        self.backend = backend
        self.clock = clock or SystemClock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="translate")
        # In front of the shared SQL cache, a small in-process one: a hit costs microseconds
        # instead of a query. Entries live a minute, so another process's correction shows soon.
        self._recent: OrderedDict[tuple[str, str, str], tuple[float, Translation]] = OrderedDict()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def translate(
        self,
        text: str,
        source: str,
        target: str,
        *,
        owner: int | None = None,
        conn: AsyncConnection | None = None,
    ) -> Translation:
        return (await self.translate_many([text], source, target, owner=owner, conn=conn))[0]

    async def translate_many(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        owner: int | None = None,
        conn: AsyncConnection | None = None,
    ) -> list[Translation]:
        """Translate several texts at once: one cache query, one model call for the misses."""
        if source == target:
            return [Translation(t, source, target, "human") for t in texts]
        known = self._remembered(texts, source, target)
        if len(known) < len(set(texts)):
            known.update(
                await self._cached([t for t in texts if t not in known], source, target, conn)
            )
        misses = [t for t in dict.fromkeys(texts) if t.strip() and t not in known]
        if misses:
            if self.backend.route(source, target) is None:
                return [known.get(t) or Translation(t, source, target, "missing") for t in texts]
            loop = asyncio.get_running_loop()
            try:
                made = await loop.run_in_executor(
                    self._pool, self.backend.translate, list(misses), source, target
                )
            except MissingPair:
                return [known.get(t) or Translation(t, source, target, "missing") for t in texts]
            fresh = {
                t: Translation(m, source, target, "machine")
                for t, m in zip(misses, made, strict=True)
            }
            await self._store(fresh, owner, conn)
            known.update(fresh)
        self._remember(known)
        return [known.get(t) or Translation(t, source, target, "human") for t in texts]

    def _remembered(self, texts: Sequence[str], source: str, target: str) -> dict[str, Translation]:
        now = time.monotonic()
        found = {}
        for text in texts:
            entry = self._recent.get((source, target, text))
            if entry is not None and now - entry[0] < RECENT_SECONDS:
                found[text] = entry[1]
        return found

    def _remember(self, known: dict[str, Translation]) -> None:
        now = time.monotonic()
        for original, translation in known.items():
            key = (translation.source, translation.target, original)
            self._recent.pop(key, None)
            self._recent[key] = (now, translation)
        while len(self._recent) > RECENT_ENTRIES:
            self._recent.popitem(last=False)

    def forget_recent(self) -> None:
        """Empty the in-process cache (someone erased their data: it may hold their words)."""
        self._recent.clear()

    async def correct(self, text: str, source: str, target: str, corrected: str) -> None:
        """A person's correction: from now on it is what everyone gets, unmarked."""
        self._recent.pop((source, target, text), None)
        row = {
            "source": source,
            "target": target,
            "text_hash": text_hash(text),
            "text": corrected,
            "origin": "human",
            "user_id": None,
            "created_at": self.clock.now(),
        }
        async with self.database.write() as conn:
            statement = insert_for(conn, tables.translations)
            await conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["source", "target", "text_hash", "origin"],
                    set_={
                        "text": statement.excluded.text,
                        "created_at": statement.excluded.created_at,
                    },
                ),
                [row],
            )

    async def forget_before(self, cutoff: dt.datetime) -> int:
        """Drop machine translations older than the cache's lifetime (human ones stay)."""
        table = tables.translations
        async with self.database.write() as conn:
            result = await conn.execute(
                delete(table).where(table.c.origin == "machine", table.c.created_at < cutoff)
            )
        return int(result.rowcount or 0)

    async def _cached(
        self, texts: Sequence[str], source: str, target: str, conn: AsyncConnection | None
    ) -> dict[str, Translation]:
        hashes = {text_hash(t): t for t in texts}
        table = tables.translations
        query = select(table.c.text_hash, table.c.text, table.c.origin).where(
            table.c.source == source,
            table.c.target == target,
            table.c.text_hash.in_(list(hashes)),
        )
        if conn is not None:
            rows = (await conn.execute(query)).all()
        else:
            async with self.database.read() as reader:
                rows = (await reader.execute(query)).all()
        found: dict[str, Translation] = {}
        for digest, translated, origin in sorted(rows, key=lambda r: r.origin != "human"):
            original = hashes[digest]
            found.setdefault(original, Translation(translated, source, target, origin))
        return found

    async def _store(
        self, fresh: dict[str, Translation], owner: int | None, conn: AsyncConnection | None
    ) -> None:
        now = self.clock.now()
        rows = [
            {
                "source": t.source,
                "target": t.target,
                "text_hash": text_hash(original),
                "text": t.text,
                "origin": "machine",
                "user_id": owner,
                "created_at": now,
            }
            for original, t in fresh.items()
        ]
        try:
            if conn is not None:  # inside someone's transaction: a savepoint keeps it usable
                async with conn.begin_nested():
                    await conn.execute(
                        insert_for(conn, tables.translations).on_conflict_do_nothing(), rows
                    )
                return
            async with self.database.write() as writer:
                await writer.execute(
                    insert_for(writer, tables.translations).on_conflict_do_nothing(), rows
                )
        except Exception as error:  # the cache is an optimisation: never fail a turn for it
            log.warning("cannot cache %d translations: %r", len(rows), error)
