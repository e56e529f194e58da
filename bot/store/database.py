"""Connecting to the store: one async SQLAlchemy engine, tuned for SQLite or PostgreSQL.

SQLite runs in WAL mode with a busy timeout, foreign keys and secure delete on, and write
transactions start with `BEGIN IMMEDIATE` so two processes never deadlock upgrading a read lock.
On PostgreSQL an optional schema is put first on the search path.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.config import Settings


class StoreError(Exception):
    """The store cannot be used as configured; the message says what to do."""


class Database:
    """The engine and the two ways to use it: `read()` and `write()` (one transaction each)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = settings.database_url
        self.is_sqlite = settings.is_sqlite
        self.engine = _create_engine(settings)
        self._writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        # SQLite has one writer. Inside a process we queue writers ourselves: SQLite's own busy
        # handler would make them sleep 1, 2, 5 … 100 ms between tries (see README, Performance).
        self._write_turn = asyncio.Lock() if self.is_sqlite else None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as conn:
            yield conn

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A transaction that commits on success and rolls back on any error."""
        if self._write_turn is None:
            async with self._writer.begin() as conn:
                yield conn
            return
        async with self._write_turn, self._writer.begin() as conn:
            yield conn

    async def empty_log(self) -> bool:
        """SQLite: copy the write-ahead log into the database file and truncate it (after an
        erasure, so no old copy of the erased rows stays in it). False if readers kept it."""
        path = sqlite_path(self.url)
        if path is None or self._write_turn is None:
            return True
        timeout = self.settings.sqlite_busy_timeout_ms / 1000
        async with self._write_turn:  # our writers wait here, not in SQLite's busy handler
            return await asyncio.to_thread(_checkpoint, path, timeout)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()


def _create_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        _ensure_sqlite_directory(settings.database_url)
        engine = create_async_engine(
            settings.database_url,
            connect_args={"timeout": settings.sqlite_busy_timeout_ms / 1000},
        )
        _tune_sqlite(engine, settings)
        return engine
    connect_args: dict[str, Any] = {}
    if settings.database_schema:
        connect_args["server_settings"] = {"search_path": settings.database_schema}
    return create_async_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_pool_size,
        pool_pre_ping=True,
        connect_args=connect_args,
    )


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for memory and `file:` URIs, or another database)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    if not path or path.startswith(":memory:") or path.startswith("file:"):
        return None
    return Path(path.split("?", 1)[0])


def _ensure_sqlite_directory(url: str) -> None:
    path = sqlite_path(url)
    if path is not None:
        directory = path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the database folder {directory}: {error}") from None


def _checkpoint(path: Path, timeout: float) -> bool:
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        try:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return not busy


def _tune_sqlite(engine: AsyncEngine, settings: Settings) -> None:
    pragmas = (
        "PRAGMA journal_mode=WAL",
        # Deleted rows are overwritten with zeros, not left readable in free pages: Debian's
        # SQLite does it by default, other builds (and Python's own on some systems) do not.
        "PRAGMA secure_delete=ON",
        f"PRAGMA busy_timeout={settings.sqlite_busy_timeout_ms}",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA synchronous={settings.sqlite_synchronous}",
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
