"""Assembling a running Passerelle: settings → store (migrated) → catalogs → flows → engine.

`open_app()` is what `passerelle chat`, `passerelle serve`, the tests and the benchmarks share, so
they all run the same code on the same kind of store. The translator and the speech service
are built but import nothing heavy until a first translation or voice note asks for them.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.directory import samples
from bot.engine.core import Engine
from bot.engine.flow import Script
from bot.i18n.catalogs import Catalogs
from bot.speech.service import Speech
from bot.store import migrate
from bot.store.database import Database
from bot.translate.argos import ArgosBackend
from bot.translate.service import Translator


@dataclass
class App:
    settings: Settings
    database: Database
    catalogs: Catalogs
    engine: Engine
    translator: Translator
    speech: Speech


def tune_for_serving() -> None:
    """Keep Python's cycle collector off the latency path of a long-running process.

    Start-up leaves hundreds of thousands of long-lived objects (SQLAlchemy's compiled statements,
    the catalogs). Freezing them means full collections no longer walk them, and a larger young
    generation means fewer collections: measured on the engine benchmark, p99 latency at 1,000
    messages/s fell from 180 ms to 33 ms (bench/engine.py, README "Performance").
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)


def default_script() -> Script:
    import flows

    return flows.script()


@asynccontextmanager
async def open_app(
    settings: Settings, *, clock: Clock | None = None, script: Script | None = None
) -> AsyncIterator[App]:
    catalogs = Catalogs(settings.content_dir)
    database = Database(settings)
    translator = Translator(database, ArgosBackend(settings), settings.translate_workers, clock)
    speech = Speech(settings, database)
    try:
        await migrate.prepare(database)
        if settings.load_samples:
            now = (clock or SystemClock()).now()
            await samples.load_if_empty(database, settings, catalogs, now)
        engine = Engine(
            database, catalogs, script or default_script(), settings, clock, translator, speech
        )
        await speech.start()
        async with engine:
            yield App(settings, database, catalogs, engine, translator, speech)
    finally:
        await speech.stop()
        translator.close()
        await database.close()
