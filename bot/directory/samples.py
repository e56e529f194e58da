"""The directories shipped in content/directory/ (national lines, examples in Paris and Lyon),
loaded into an empty store so the bot has something to show from its first start.

Only when LOAD_SAMPLES is true (the default, for trying the bot) and only into an empty
directory: once an association imports its own data, nothing is added behind its back.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.config import Settings
from bot.directory import formats, importer
from bot.directory.places import gazetteer
from bot.i18n.catalogs import Catalogs
from bot.store import tables
from bot.store.database import Database

SOURCE = "passerelle-samples"
log = logging.getLogger(__name__)


async def load_if_empty(
    database: Database, settings: Settings, catalogs: Catalogs, now: dt.datetime
) -> None:
    for kind, table in (("services", tables.services), ("jobs", tables.jobs)):
        async with database.read() as conn:
            if await conn.scalar(select(func.count()).select_from(table)):
                continue
        path = settings.content_dir / "directory" / f"{kind}.yaml"
        if not path.is_file():
            continue
        try:
            summary = await importer.import_rows(
                database,
                kind,  # type: ignore[arg-type]
                formats.read(path),
                gazetteer(settings.content_dir),
                catalogs,
                now,
                source=SOURCE,
                spool_dir=settings.data_dir,
            )
        except IntegrityError:
            # `serve` and `worker` started together on a new PostgreSQL database: the other
            # process committed the same rows first, and this transaction was rolled back.
            log.info("sample %s were loaded by another process", kind)
            continue
        log.info("loaded %d sample %s from %s", summary.added, kind, path)
