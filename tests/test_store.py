"""The store: migrations, SQLite tuning, the PostgreSQL start-up check, and unusable files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.clock import FrozenClock
from bot.config import Settings, load_settings
from bot.store import (
    maintenance,
    migrate,
    tables,  # noqa: F401  (every table on Base.metadata)
)
from bot.store.database import Database, StoreError
from bot.store.models import Base
from tests.conftest import POSTGRES_URL, postgres_schema
from tests.support import Person, running


async def test_migrations_build_exactly_the_models(settings: Settings) -> None:
    database = Database(settings)
    try:
        await migrate.prepare(database)

        def differences(conn: Connection) -> list[object]:
            return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))

        async with database.engine.connect() as conn:
            assert await conn.run_sync(differences) == []
        assert await migrate.current_revision(database) == migrate.head_revision()
    finally:
        await database.close()


async def test_offers_imported_before_title_matching_get_their_words(settings: Settings) -> None:
    database = Database(settings)

    def back_to_0005(connection: Connection) -> None:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")

    try:
        await migrate.upgrade(database)
        async with database.engine.begin() as conn:
            await conn.run_sync(back_to_0005)
        async with database.write() as conn:
            await conn.execute(
                text(
                    "INSERT INTO jobs (source, source_id, title, description, employer, sector,"
                    " rome, contract, city, postcode, salary, hours, experience, french_level,"
                    " driving_licence, refugee_friendly, how_to_apply, sample, content_hash,"
                    " updated_at) VALUES ('old', '1', 'Boulangère (H/F)', '', '', '', '',"
                    " 'cdi', '', '', '', '', '', '', false, false, '', false, 'x',"
                    " '2026-11-01 00:00:00')"
                )
            )
        await migrate.upgrade(database)
        async with database.read() as conn:
            assert await conn.scalar(text("SELECT title_words FROM jobs")) == " boulanger "
    finally:
        await database.close()


async def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(
    sqlite_only: Settings,
) -> None:
    database = Database(sqlite_only)
    try:
        async with database.write() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 5000
            assert (await conn.execute(text("PRAGMA synchronous"))).scalar() == 2  # FULL
    finally:
        await database.close()


@pytest.mark.postgres
async def test_an_out_of_date_postgresql_schema_refuses_to_start(tmp_path: Path) -> None:
    async with postgres_schema() as schema:
        settings = load_settings(database_url=POSTGRES_URL, database_schema=schema)
        database = Database(settings)
        try:
            with pytest.raises(StoreError, match="passerelle db upgrade"):
                await migrate.prepare(database)
            await migrate.upgrade(database)
            await migrate.prepare(database)  # now fine
        finally:
            await database.close()


def run(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        input="",
    )


def test_db_commands_report_and_upgrade(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    before = run("db", "current", env=env, cwd=tmp_path)
    assert before.returncode == 1 and "out of date" in before.stdout
    upgraded = run("db", "upgrade", env=env, cwd=tmp_path)
    assert upgraded.returncode == 0 and f"empty → {migrate.head_revision()}" in upgraded.stdout
    after = run("db", "current", env=env, cwd=tmp_path)
    assert after.returncode == 0 and "up to date" in after.stdout


def test_a_data_folder_that_cannot_be_created_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    done = run("chat", "--user", "x", env={"DATA_DIR": str(blocker / "var")}, cwd=tmp_path)
    assert done.returncode == 1
    assert "cannot create the database folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "passerelle.db").write_bytes(b"this is not sqlite" * 100)
    done = run("chat", "--user", "x", env={"DATA_DIR": str(tmp_path / "var")}, cwd=tmp_path)
    assert done.returncode == 1
    assert "cannot prepare the SQLite database" in done.stderr
    assert "Traceback" not in done.stderr


async def test_old_message_ids_are_pruned(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        await Person(app, "old").send("bonjour")
        clock.advance(days=31)
        await Person(app, "new").send("bonjour")
        removed = await maintenance.prune(app.database, clock.now(), 30)
        assert removed == 1
        assert await maintenance.prune(app.database, clock.now(), 30) == 0  # the recent one stays
