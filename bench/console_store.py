"""The store the console benchmark measures (bench/console.py): 10,000 people, 90 days of
counters, 1,000 requests to talk, 2,000 services and offers, 50 announcements, 20,000 access-log
entries, and three staff accounts."""

from __future__ import annotations

import datetime as dt

from bot.config import Settings
from bot.directory.categories import CATEGORIES
from bot.store import tables
from bot.store.database import Database
from bot.web import staff as accounts

LANGUAGES = ("fr", "en", "ar", "fa", "ps", "ti", "uk", "ru", "bn", "tr")
CHANNELS = ("whatsapp", "telegram", "sms")
PASSWORD = "bench password for the console"
NOW = dt.datetime.now(dt.UTC)


async def populate(settings: Settings) -> dict[str, int]:
    """The store described in the module's docstring; the ids the pages need."""
    database = Database(settings)
    users, handovers, messages = tables.users, tables.handovers, tables.handover_messages
    try:
        async with database.write() as conn:
            people = [
                {
                    "channel": CHANNELS[n % 3],
                    "external_id": f"+3361{n:07d}",
                    "language": LANGUAGES[n % 10],
                    "consent": "given",
                    "roles": [],
                    "status": "active",
                    "created_at": NOW - dt.timedelta(days=n % 90),
                    "last_inbound_at": NOW - dt.timedelta(hours=n % 48),
                }
                for n in range(10_000)
            ]
            await conn.execute(users.insert(), people)
            ids = list(await conn.scalars(users.select().with_only_columns(users.c.id)))
            await conn.execute(
                tables.interests.insert(),
                [
                    {"user_id": uid, "kind": kind, "value": value, "updated_at": NOW}
                    for n, uid in enumerate(ids[:3000])
                    for kind, value in (
                        ("category", CATEGORIES[n % len(CATEGORIES)].id),
                        ("department", f"{69 + n % 7:02d}"),
                    )
                ],
            )
            await conn.execute(
                tables.counters.insert(),
                [
                    {
                        "day": (NOW - dt.timedelta(days=d)).date(),
                        "metric": metric,
                        "channel": channel,
                        "language": language,
                        "value": 10 + d,
                    }
                    for d in range(90)
                    for metric in ("inbound", "outbound", "new_user", "erased")
                    for channel in CHANNELS
                    for language in LANGUAGES
                ],
            )
            volunteer = await conn.scalar(
                users.insert()
                .values(
                    channel=accounts.WEB_CHANNEL,
                    external_id="staff-3",
                    language="fr",
                    roles=["volunteer"],
                    status=accounts.WEB_STATUS,
                    created_at=NOW,
                )
                .returning(users.c.id)
            )
            staff_ids = {}
            hashed = await accounts.hash_password(PASSWORD)
            for role in ("admin", "coordinator", "volunteer"):
                staff_ids[role] = await conn.scalar(
                    tables.staff.insert()
                    .values(
                        email=f"{role}@bench.example.org",
                        role=role,
                        language="fr",
                        user_id=volunteer if role == "volunteer" else None,
                        password_hash=hashed,
                        sessions_epoch=0,
                        active=True,
                        created_at=NOW,
                    )
                    .returning(tables.staff.c.id)
                )
            requests = []
            for n in range(1000):
                status = "waiting" if n < 300 else "taken" if n < 500 else "ended"
                requests.append(
                    {
                        "user_id": ids[n],
                        "status": status,
                        "urgent": n % 10 == 0,
                        "volunteer_id": volunteer if status != "waiting" else None,
                        "created_at": NOW - dt.timedelta(minutes=n * 3),
                        "taken_at": NOW - dt.timedelta(minutes=n * 2)
                        if status != "waiting"
                        else None,
                        "ended_at": NOW if status == "ended" else None,
                    }
                )
            await conn.execute(handovers.insert(), requests)
            request_ids = list(
                await conn.scalars(handovers.select().with_only_columns(handovers.c.id))
            )
            await conn.execute(
                messages.insert(),
                [
                    {
                        "handover_id": hid,
                        "author": "person" if k != 1 else "volunteer",
                        "text": "أحتاج مساعدة في ملف اللجوء الخاص بي",
                        "language": "ar",
                        "translated": "J'ai besoin d'aide pour mon dossier d'asile",
                        "translated_language": "fr",
                        "created_at": NOW - dt.timedelta(minutes=k),
                    }
                    for hid in request_ids
                    for k in range(3)
                ],
            )
            broadcasts = []
            for n in range(50):
                broadcasts.append(
                    {
                        "author": "console:coordinator@bench.example.org",
                        "text": f"Annonce {n}: cours de français mardi",
                        "language": "fr",
                        "segment": {"languages": ["ar", "fa"]} if n % 2 else {},
                        "translations": {"fr": {"text": "x", "origin": "original"}},
                        "status": "done",
                        "scheduled_at": NOW - dt.timedelta(days=n),
                        "cursor": 0,
                        "queued": 1000 if n < 10 else 0,
                        "created_at": NOW - dt.timedelta(days=n),
                        "updated_at": NOW,
                    }
                )
            await conn.execute(tables.broadcasts.insert(), broadcasts)
            broadcast_ids = list(
                await conn.scalars(
                    tables.broadcasts.select().with_only_columns(tables.broadcasts.c.id)
                )
            )
            for b in broadcast_ids[:10]:
                await conn.execute(
                    tables.outbox.insert(),
                    [
                        {
                            "user_id": ids[k],
                            "channel": "whatsapp",
                            "address": f"+3361{k:07d}",
                            "payload": {"kind": "text", "text": "x", "language": "fr"},
                            "priority": 9,
                            "status": ("sent", "delivered", "read", "failed", "skipped")[k % 5],
                            "attempts": 1,
                            "next_attempt_at": NOW,
                            "created_at": NOW,
                            "updated_at": NOW,
                            "broadcast_id": b,
                        }
                        for k in range(1000)
                    ],
                )
            await conn.execute(
                tables.access_log.insert(),
                [
                    {
                        "staff_id": staff_ids["volunteer"],
                        "volunteer_id": volunteer,
                        "handover_id": request_ids[n % 1000],
                        "action": "opened",
                        "target": "",
                        "at": NOW - dt.timedelta(minutes=n),
                    }
                    for n in range(20_000)
                ],
            )
        await _directory(database, settings)
        return {"request": request_ids[350], "broadcast": broadcast_ids[0]}
    finally:
        await database.close()


async def _directory(database: Database, settings: Settings) -> None:
    from bot.directory import importer
    from bot.directory.places import gazetteer
    from bot.i18n.catalogs import Catalogs

    places, catalogs = gazetteer(settings.content_dir), Catalogs(settings.content_dir)
    postcodes = ("75011", "69003", "13001", "33000", "59000", "67000", "31000", "44000")
    services = [
        (
            n + 2,
            {
                "source": "bench",
                "source_id": f"s{n}",
                "name": f"Service {n} — {CATEGORIES[n % len(CATEGORIES)].id}",
                "categories": CATEGORIES[n % len(CATEGORIES)].id,
                "postcode": postcodes[n % len(postcodes)],
                "opening_hours": "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
                "languages": "fr; ar",
            },
        )
        for n in range(2000)
    ]
    jobs = [
        (
            n + 2,
            {
                "source": "bench",
                "source_id": f"j{n}",
                "title": f"Agent de propreté {n}",
                "rome": "K2204",
                "postcode": postcodes[n % len(postcodes)],
            },
        )
        for n in range(2000)
    ]
    await importer.import_rows(database, "services", services, places, catalogs, NOW)
    await importer.import_rows(database, "jobs", jobs, places, catalogs, NOW)
