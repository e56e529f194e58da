"""Looking for what is left of a person: every table of the live store and every file of the data
folder, found from the schema and the disk — not from a list of the tables the code knows today.

`rows_mentioning` reflects the schema and reads every column of every row (JSON decoded), so a
table or column added later is searched too. `rows_pointing_at` follows every foreign key to
`users`. `files_mentioning` reads the bytes of every file under a folder (the SQLite database,
its write-ahead log, media, spools), looking for each needle as UTF-8, as JSON's `\\u` escapes and
as UTF-16.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, select

from bot.store.database import Database


def _reflect(conn: Connection) -> MetaData:
    meta = MetaData()
    meta.reflect(conn)
    return meta


def _as_text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


async def table_names(database: Database) -> list[str]:
    async with database.read() as conn:
        meta = await conn.run_sync(_reflect)
    return sorted(meta.tables)


async def rows_mentioning(database: Database, needles: Iterable[str]) -> list[str]:
    """`table.column: needle` for every stored value that contains a needle."""
    wanted = [n for n in needles if n]

    def scan(conn: Connection) -> list[str]:
        found = []
        for table in _reflect(conn).sorted_tables:
            for row in conn.execute(select(table)).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    text = _as_text(value)
                    found += [f"{table.name}.{column}: {n}" for n in wanted if n in text]
        return found

    async with database.read() as conn:
        return await conn.run_sync(scan)


async def rows_pointing_at(database: Database, user_id: int) -> list[str]:
    """`table.column` for every row whose foreign key to `users` holds `user_id`."""

    def scan(conn: Connection) -> list[str]:
        found = []
        for table in _reflect(conn).sorted_tables:
            for key in table.foreign_keys:
                if key.column.table.name == "users" and key.column.name == "id":
                    column = key.parent
                    hits = conn.execute(select(column).where(column == user_id)).all()
                    found += [f"{table.name}.{column.name}"] * len(hits)
        return found

    async with database.read() as conn:
        return await conn.run_sync(scan)


def _encodings(needle: str) -> list[bytes]:
    forms = {needle.encode("utf-8"), needle.encode("utf-16-le")}
    forms.add(json.dumps(needle)[1:-1].encode("ascii"))  # how JSON columns store non-ASCII
    return sorted(forms)


def files_mentioning(folder: Path, needles: Iterable[str]) -> list[str]:
    """`path: needle` for every file under `folder` whose bytes contain a needle."""
    wanted = [(n, _encodings(n)) for n in needles if n]
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            try:
                data = path.read_bytes()
            except OSError:  # removed while we looked (a checkpointed log, a temporary file)
                continue
            found += [f"{path}: {n}" for n, forms in wanted if any(f in data for f in forms)]
    return found
