"""`passerelle import`: take a file of jobs or services into the store, all or nothing.

Every row is read, mapped onto our format and validated before anything is written. With any
invalid row the import stops and writes nothing, unless `skip_invalid` is set; then the valid
rows go in and the others are reported. Checked rows wait in a temporary file, not in memory (a
national file of 100,000 services held as validated records took half a gigabyte, too much for a
small server). Writing is one transaction: rows are matched on (source,
source id), new ones added, changed ones updated (a hash of the content tells), the rest left
alone. Places without coordinates get their commune's centre. New job offers that match someone's
alert queue a message to them in the same transaction (see `alerts`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from pydantic import ValidationError
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.directory import alerts, formats, records, trades
from bot.directory.places import Gazetteer
from bot.directory.records import JobRecord, Record, RowError, ServiceRecord, errors_of
from bot.i18n.catalogs import Catalogs
from bot.store import tables
from bot.store.database import Database

Kind = Literal["jobs", "services"]
CHUNK = 2000  # rows per INSERT/UPDATE statement
# Called as progress(phase, done, total): ("check", line reached, 0), then ("write", rows, all).
Progress = Callable[[str, int, int], None]


class ImportRefused(Exception):
    """Invalid rows and no `skip_invalid`: nothing was written."""

    def __init__(self, errors: list[RowError], valid: int) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors
        self.valid = valid


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    removed: int = 0
    alerts: int = 0  # people told about new matching offers
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Checked:
    line: int
    record: Record


def check(
    kind: Kind,
    rows: Iterable[tuple[int, dict[str, Any]]],
    gazetteer: Gazetteer,
    *,
    source: str | None = None,
    schema: str | None = None,
    progress: Progress | None = None,
) -> tuple[list[Checked], list[RowError]]:
    """Map and validate every row; also catch a (source, source id) given twice."""
    good: list[Checked] = []
    errors: list[RowError] = []
    for item in _checked(kind, rows, gazetteer, source, schema, progress):
        if isinstance(item, RowError):
            errors.append(item)
        else:
            good.append(item)
    return good, errors


def _checked(
    kind: Kind,
    rows: Iterable[tuple[int, dict[str, Any]]],
    gazetteer: Gazetteer,
    source: str | None,
    schema: str | None,
    progress: Progress | None,
) -> Iterator[Checked | RowError]:
    """Each row as a checked record, or as the problems found in it, one row at a time."""
    model = JobRecord if kind == "jobs" else ServiceRecord
    seen: dict[tuple[str, str], int] = {}
    mapper: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    count = 0
    for line, raw in rows:
        count += 1
        if progress and count % 1000 == 0:
            progress("check", line, 0)
        if mapper is None:
            chosen = schema or formats.detect(kind, raw)
            mapper = _MAPPERS[chosen]
        try:
            data = mapper(raw)
            if source and not data.get("source"):
                data["source"] = source
            record = model.model_validate(data)
        except ValidationError as error:
            yield from errors_of(error, line)
            continue
        problem = _complete(record, gazetteer)
        if problem is None and not record.source:
            problem = RowError(
                line=line,
                field="source",
                message="say where the data comes from (--source NAME)",
                kind="source",
            )
        if problem is None and record.source == records.EMPLOYER_SOURCE:  # only from /employeurs
            problem = RowError(line=line, field="source", message="reserved", kind="source")
        key = (record.source, record.source_id)
        if problem is None and key in seen:
            problem = RowError(
                line=line,
                field="source_id",
                message=f"{record.source_id!r} is already on line {seen[key]}",
                kind="duplicate",
            )
        if problem is not None:
            yield problem.model_copy(update={"line": line})
        else:
            seen[key] = line
            yield Checked(line, record)


def _complete(record: Record, gazetteer: Gazetteer) -> RowError | None:
    """Coordinates from the postcode or city when the row has none (and a city's name from the
    coordinates, when only they are given)."""
    if getattr(record, "national", False):
        return None
    if record.latitude is not None and record.longitude is not None:
        if not record.city:
            near = gazetteer.nearest(record.latitude, record.longitude)
            record.city = near.name if near else ""
        return None
    for written in (record.postcode, record.city):
        if written:
            found = gazetteer.find(written, limit=1)
            if found:
                record.latitude, record.longitude = found[0].latitude, found[0].longitude
                # The commune's name too, as when only coordinates are given: a row exported
                # and imported again is then the same row.
                record.city = record.city or found[0].name
                return None
    field_name = "postcode" if record.postcode else "city"
    value = record.postcode or record.city
    return RowError(
        line=0,
        field=field_name,
        message=f"no French commune matches {value!r}; give latitude and longitude",
        kind="place",
    )


def _identity(row: dict[str, Any]) -> dict[str, Any]:
    return dict(row)


_MAPPERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "passerelle": _identity,
    "data-inclusion": formats.from_data_inclusion,
    "france-travail": formats.from_france_travail,
}


async def import_rows(
    database: Database,
    kind: Kind,
    rows: Iterable[tuple[int, dict[str, Any]]],
    gazetteer: Gazetteer,
    catalogs: Catalogs,
    now: dt.datetime,
    *,
    source: str | None = None,
    schema: str | None = None,
    skip_invalid: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
    spool_dir: Path | None = None,
) -> Summary:
    """Check every row, then write the valid ones in one transaction (see the module doc)."""
    errors: list[RowError] = []
    keys: set[tuple[str, str]] = set()
    # The checked rows, as table values. In the data folder: /tmp is often a RAM disk.
    if spool_dir is not None:
        await asyncio.to_thread(spool_dir.mkdir, parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=spool_dir) as spool:
        batch: list[dict[str, Any]] = []  # pickled CHUNK rows at a time: faster and smaller
        for item in _checked(kind, rows, gazetteer, source, schema, progress):
            if isinstance(item, RowError):
                errors.append(item)
                continue
            keys.add((item.record.source, item.record.source_id))
            if not errors or skip_invalid:  # refused anyway: only count what is valid
                batch.append(_columns(kind, item.record, now))
                if len(batch) >= CHUNK:
                    pickle.dump(batch, spool)
                    batch.clear()
        pickle.dump(batch, spool)
        if errors and not skip_invalid:
            raise ImportRefused(errors, len(keys))
        summary = Summary(rejected=len({e.line for e in errors}), errors=errors)
        spool.seek(0)
        async with database.write() as conn:
            last_before = await conn.scalar(select(func.max(tables.jobs.c.id)))
            await _write(conn, kind, _unspool(spool), keys, summary, prune, progress)
            if kind == "jobs" and summary.added:
                summary.alerts = await alerts.notify(conn, catalogs, int(last_before or 0), now)
    return summary


def _unspool(spool: BinaryIO) -> Iterator[dict[str, Any]]:
    while True:
        try:
            yield from pickle.load(spool)  # our own file, written just before
        except EOFError:
            return


async def import_file(
    database: Database,
    kind: Kind,
    path: Path,
    gazetteer: Gazetteer,
    catalogs: Catalogs,
    now: dt.datetime,
    **options: Any,
) -> Summary:
    return await import_rows(
        database, kind, formats.read(path), gazetteer, catalogs, now, **options
    )


async def _write(
    conn: AsyncConnection,
    kind: Kind,
    rows: Iterable[dict[str, Any]],
    keys: set[tuple[str, str]],
    summary: Summary,
    prune: bool,
    progress: Progress | None,
) -> None:
    """Add the new rows, update the changed ones, CHUNK rows per statement as they stream by."""
    table = tables.jobs if kind == "jobs" else tables.services
    sources = sorted({source for source, _id in keys})
    existing: dict[tuple[str, str], tuple[int, str]] = {}
    query = select(table.c.id, table.c.source, table.c.source_id, table.c.content_hash)
    for row in await conn.execute(query.where(table.c.source.in_(sources))):
        existing[(row.source, row.source_id)] = (row.id, row.content_hash)
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    written: list[tuple[str, str]] = []
    done = 0

    async def flush(final: bool = False) -> None:
        nonlocal done
        if new and (final or len(new) >= CHUNK):
            await conn.execute(table.insert(), new)
            summary.added += len(new)
            done += len(new)
            new.clear()
        if changed and (final or len(changed) >= CHUNK):
            names = [name for name in changed[0] if name != "b_id"]
            statement = (
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({name: bindparam(name) for name in names})
            )
            await conn.execute(statement, changed)
            summary.updated += len(changed)
            done += len(changed)
            changed.clear()
        if progress:
            progress("write", done + summary.unchanged, len(keys))

    for values in rows:
        key = (values["source"], values["source_id"])
        known = existing.get(key)
        if known is None:
            new.append(values)
        elif known[1] != values["content_hash"]:
            changed.append({"b_id": known[0], **values})
        else:
            summary.unchanged += 1
            continue
        written.append(key)
        if len(new) >= CHUNK or len(changed) >= CHUNK:
            await flush()
    await flush(final=True)
    if prune and sources:
        gone = [id_ for key, (id_, _hash) in existing.items() if key not in keys]
        for chunk in _chunks(gone):
            await conn.execute(delete(table).where(table.c.id.in_(chunk)))
        summary.removed = len(gone)
    if kind == "services" and written:
        await _index_places(conn, written)
    if written or summary.removed:
        # Fresh statistics, so the query planners pick the place indexes from the first search
        # (PostgreSQL's autovacuum would take a while; SQLite has none until asked).
        for name in (table.name, *(["service_places"] if kind == "services" else [])):
            await conn.execute(sql(f"ANALYZE {name}"))


async def _index_places(conn: AsyncConnection, keys: list[tuple[str, str]]) -> None:
    """Rewrite the (category, position) rows of the services just added or changed.

    One read of the sources' rows, filtered here: a row-value IN list of thousands of (source,
    source id) pairs took PostgreSQL 0.7 s per 500 pairs."""
    services, places = tables.services, tables.service_places
    wanted = set(keys)
    rows = await conn.execute(
        select(
            services.c.id,
            services.c.source,
            services.c.source_id,
            services.c.categories,
            services.c.latitude,
            services.c.longitude,
        ).where(services.c.source.in_(sorted({source for source, _id in wanted})))
    )
    found = [r for r in rows if (r.source, r.source_id) in wanted]
    for chunk in _chunks(found):
        await conn.execute(delete(places).where(places.c.service_id.in_([r.id for r in chunk])))
        index = [
            {
                "category": category,
                "service_id": r.id,
                "latitude": r.latitude,
                "longitude": r.longitude,
            }
            for r in chunk
            if r.latitude is not None and r.longitude is not None
            for category in r.categories
        ]
        if index:
            await conn.execute(places.insert(), index)


async def write_one(
    conn: AsyncConnection,
    kind: Kind,
    record: Record,
    catalogs: Catalogs,
    now: dt.datetime,
    row_id: int | None = None,
) -> int:
    """One checked record written as an import would (a row edited in the web console): added,
    or row `row_id` replaced; a service's places re-indexed, a new offer's alerts sent."""
    table = tables.jobs if kind == "jobs" else tables.services
    values = _columns(kind, record, now)
    if row_id is None:
        last_before = await conn.scalar(select(func.max(tables.jobs.c.id)))
        row_id = int(await conn.scalar(table.insert().values(values).returning(table.c.id)) or 0)
        if kind == "jobs":
            await alerts.notify(conn, catalogs, int(last_before or 0), now)
    else:
        await conn.execute(update(table).where(table.c.id == row_id).values(values))
    if kind == "services":
        await _index_places(conn, [(record.source, record.source_id)])
    return row_id


def _columns(kind: Kind, record: Record, now: dt.datetime) -> dict[str, Any]:
    values = record.model_dump()
    if kind == "jobs":
        values["title_words"] = trades.title_words(values["title"])
        values["published_at"] = values.pop("published")
        values["updated_on"] = values.pop("updated")
    values["content_hash"] = record.content_hash()
    values["updated_at"] = now
    return values


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


async def counts(database: Database) -> dict[str, int]:
    """How many jobs and services the store holds (for `passerelle import` summaries)."""
    async with database.read() as conn:
        jobs = await conn.scalar(select(func.count()).select_from(tables.jobs))
        services = await conn.scalar(select(func.count()).select_from(tables.services))
    return {"jobs": int(jobs or 0), "services": int(services or 0)}
