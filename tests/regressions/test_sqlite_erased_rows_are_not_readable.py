"""Issue 17, item 4: SQLite leaves deleted rows readable in free pages unless `secure_delete` is
on — Debian's build turns it on by default, others do not — and old copies stay in the
write-ahead log. Here the store runs as on such a build (every connection starts with
`secure_delete=OFF`, before Passerelle's own settings), a person talks to the bot on Telegram and
erases their data, and the bytes of the database file and its log are read.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.store import database as store_database
from tests.standins.telegram import updates
from tests.telegram_support import serving
from tests.traces import files_mentioning

CHAT = 918273645
WORDS = ("Xanthippe", "Wolkenkuckucksheim")


def as_on_other_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    tune = store_database._tune_sqlite

    def tuned(engine: AsyncEngine, settings: Settings) -> None:
        @event.listens_for(engine.sync_engine, "connect")
        def _off(dbapi_connection: Any, record: Any) -> None:
            dbapi_connection.execute("PRAGMA secure_delete=OFF")

        tune(engine, settings)

    monkeypatch.setattr(store_database, "_tune_sqlite", tuned)


async def test_erased_rows_leave_no_bytes_in_the_file_or_its_log(
    sqlite_only: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_on_other_builds(monkeypatch)
    async with serving(sqlite_only) as h:
        async with h.passerelle.database.read() as conn:
            assert (await conn.execute(text("PRAGMA secure_delete"))).scalar() == 1
        said = 0
        for words in ("hello", "1", "1", "5", f"I am {WORDS[0]} from {WORDS[1]}"):
            assert await h.post(updates.text(CHAT, words)) == 200
            said += 1
            await h.telegram.wait_for(said, CHAT)
        assert files_mentioning(sqlite_only.data_dir, WORDS)  # the positive control
        for words in ("delete my data", "1", "1"):  # end the conversation, then erase
            assert await h.post(updates.text(CHAT, words)) == 200
            said += 1
            await h.telegram.wait_for(said, CHAT)
        deadline = time.monotonic() + 10
        while found := files_mentioning(sqlite_only.data_dir, (*WORDS, str(CHAT))):
            assert time.monotonic() < deadline, found
            await asyncio.sleep(0.1)
