"""Assembling a running Passerelle: settings → store (migrated) → catalogs → flows → engine, and
the timed work of the scheduler.

`open_app()` is what `passerelle chat`, `passerelle serve`, the tests and the benchmarks share, so
they all run the same code on the same kind of store. The translator and the speech service
are built but import nothing heavy until a first translation or voice note asks for them.
`App.scheduler()` is the one place that knows every timed task (announcements, requests nobody
took, housekeeping, mails, employers' offers reaching their end) and what each needs.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial

from bot import logs
from bot.broadcast import planner
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.directory import samples
from bot.emergency import detect as emergency
from bot.employers import cv_mail, expiry
from bot.employers.offers import Employers
from bot.engine.core import Engine
from bot.engine.flow import Script
from bot.handover import timeouts
from bot.i18n.catalogs import Catalogs
from bot.mail import outbox
from bot.scheduler import Scheduler, Task
from bot.speech.service import Speech
from bot.store import maintenance, migrate
from bot.store.database import Database
from bot.translate.argos import ArgosBackend
from bot.translate.service import Translator
from bot.web import housekeeping as console_housekeeping

log = logging.getLogger(__name__)


HOUR = 3600.0


@dataclass
class App:
    settings: Settings
    database: Database
    catalogs: Catalogs
    engine: Engine
    translator: Translator
    speech: Speech

    def scheduler(self) -> Scheduler:
        """The timed work of this deployment, each task bound to what it needs."""
        settings, clock = self.settings, self.engine.clock
        poll = settings.broadcast_poll_seconds
        tasks = [
            Task(
                "broadcasts",
                lambda now: planner.plan_due(
                    self.database, self.translator, self.catalogs, settings, clock
                ),
                every=poll,
            ),
            Task(
                "handover-timeouts",
                partial(
                    timeouts.tell_waiting,
                    self.database,
                    self.catalogs,
                    self.engine.send,
                    settings.handover_timeout_minutes,
                ),
                every=poll,
            ),
            Task(
                "handover-idle",
                partial(
                    timeouts.end_idle,
                    self.database,
                    self.catalogs,
                    self.engine.send,
                    settings.handover_idle_minutes,
                ),
                every=poll,
            ),
            Task("housekeeping", self._housekeeping, every=HOUR, first_after=60.0),
            Task(
                "console-housekeeping",  # the access log's retention, login-attempt windows
                partial(console_housekeeping.run, self.database, settings.audit_retention_days),
                every=poll,
            ),
            Task(
                "mail",  # employers' mails, CVs sent through the association
                partial(outbox.deliver_due, self.database, settings, self._mail_attachments()),
                every=settings.mail_poll_seconds,
            ),
            Task(
                "employer-offers",  # end dates, "still open?" after 60 days, unconfirmed ones
                partial(
                    expiry.run, self.database, Employers.from_settings(settings, self.catalogs)
                ),
                every=poll,
            ),
        ]
        return Scheduler(tasks, clock, tick=min(poll, settings.mail_poll_seconds))

    def _mail_attachments(self) -> dict[str, outbox.Maker]:
        """What a queued mail may carry, made when it is sent: a person's French CV."""
        content = self.settings.content_dir
        return {"cv": partial(cv_mail.french_cv, self.database, self.catalogs, content)}

    async def _housekeeping(self, now: dt.datetime) -> None:
        """Forget de-duplication ids and machine translations past their retention."""
        settings = self.settings
        removed = await maintenance.prune(self.database, now, settings.inbound_log_retention_days)
        log.info("housekeeping: removed %d old message ids", removed)
        cutoff = now - dt.timedelta(days=settings.translate_cache_days)
        forgotten = await self.translator.forget_before(cutoff)
        log.info("housekeeping: forgot %d old machine translations", forgotten)


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
    logs.quiet_text_libraries()  # however the process set logging up (bot/logs.py)
    catalogs = Catalogs(settings.content_dir)
    emergency.load(settings.content_dir)  # a broken rules file stops the start, not a message
    database = Database(settings)
    translator = Translator(database, ArgosBackend(settings), settings.translate_workers, clock)
    speech = Speech(settings, database)
    try:
        await migrate.prepare(database)
        if settings.load_samples:
            now = (clock or SystemClock()).now()
            await samples.load_if_empty(database, settings, catalogs, now)
        engine = Engine(
            database,
            catalogs,
            script or default_script(),
            settings,
            clock,
            translator,
            tools={"speech": speech},
        )
        await speech.start()
        async with engine:
            yield App(settings, database, catalogs, engine, translator, speech)
    finally:
        await speech.stop()
        translator.close()
        await database.close()
