"""Broadcast benchmark: planning for 100,000 people, then delivery by real worker processes.

    python bench/broadcast.py plan                       # SQLite file in a temporary folder
    python bench/broadcast.py plan --database-url postgresql://postgres@127.0.0.1/test
    python bench/broadcast.py deliver --database-url postgresql://postgres@127.0.0.1/test

plan    — 100,000 people spread over the ten languages and three channels; one announcement in
          French to everyone. Times the scheduler's "broadcasts" task (translations, then every
          outbox row in batches of BROADCAST_BATCH), counts the calls to the translation model (a
          counting double standing in for Argos, whose models cannot be downloaded here; a real
          model adds its own time once per language) and the process's peak RSS.
deliver — the same announcement to N Telegram people through `passerelle worker` processes and
          the fast Telegram stand-in (bench/telegram_standin.py): at a configured rate limit, the
          share of it reached; with no limit, one worker against two (PostgreSQL).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    cpu_seconds,
    free_port,
    fresh_store,
    start_process,
    stop_processes,
    wait_http,
)
from bot.app import open_app
from bot.broadcast import queries
from bot.broadcast.audience import Audience
from bot.clock import SystemClock
from bot.config import Settings, load_settings
from bot.store import migrate, tables
from bot.store.database import Database

LANGUAGES = ("fr", "en", "ar", "fa", "ps", "ti", "uk", "ru", "bn", "tr")
TEXT = "Cours de français gratuits tous les mardis à 18 h à la Maison des associations."


class CountingModel:
    """Stands in for the Argos model: counts calls, answers at once."""

    def __init__(self) -> None:
        self.calls = 0

    def route(self, source: str, target: str) -> str | None:
        return "direct"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls += 1
        return [f"[{target}] {text}" for text in texts]


async def add_people(database: Database, count: int, channel: str | None = None) -> None:
    now = SystemClock().now()
    channels = ("telegram", "whatsapp", "sms")
    for start in range(0, count, 5000):
        rows: list[dict[str, Any]] = []
        for n in range(start, min(count, start + 5000)):
            on = channel or channels[n % 3]
            rows.append(
                {
                    "channel": on,
                    "external_id": str(10_000 + n) if on == "telegram" else f"+336{n:08}",
                    "language": LANGUAGES[n % len(LANGUAGES)],
                    "roles": [],
                    "status": "active",
                    "created_at": now,
                    "last_inbound_at": now,
                }
            )
        async with database.write() as conn:
            await conn.execute(tables.users.insert(), rows)


async def create(database: Database) -> int:
    async with database.write() as conn:
        return await queries.create(
            conn,
            author="cli:bench",
            text=TEXT,
            language="fr",
            audience=Audience(),
            now=SystemClock().now(),
        )


async def plan(settings: Settings, people: int) -> None:
    await fresh_store(settings)
    async with open_app(settings) as app:
        model = CountingModel()
        app.translator.backend = model
        await add_people(app.database, people)
        broadcast_id = await create(app.database)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        planned = await app.scheduler().run("broadcasts")
        elapsed = time.perf_counter() - start
        async with app.database.read() as conn:
            progress = await queries.progress(conn, broadcast_id)
    assert planned == [broadcast_id] and progress is not None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"plan: {progress.recipients:,} people queued in {elapsed:.2f} s "
        f"({progress.recipients / elapsed:,.0f}/s), batches of {settings.broadcast_batch}, "
        f"{model.calls} translation calls, peak RSS {peak:.0f} MB "
        f"({rss_before:.0f} MB before planning)"
    )


async def deliver(
    settings: Settings, people: int, workers: int, rate: float, env_extra: dict[str, str]
) -> float:
    """Send one announcement to `people` through `workers` worker processes; messages/s."""
    await fresh_store(settings)
    database = Database(settings)
    await migrate.prepare(database)
    await add_people(database, people, channel="telegram")
    port = free_port()
    standin = await start_process(
        [sys.executable, "bench/telegram_standin.py", str(port)], dict(os.environ)
    )
    await wait_http(f"http://127.0.0.1:{port}/stats")
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "DATA_DIR": str(settings.data_dir),
        "LOAD_SAMPLES": "false",
        "TELEGRAM_BOT_TOKEN": "1:bench",
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{port}/bot",
        "TELEGRAM_RATE_PER_SECOND": str(rate),
        "TELEGRAM_CHAT_INTERVAL_SECONDS": "0",
        "BROADCAST_POLL_SECONDS": "0.2",
        "LOG_LEVEL": "WARNING",
        **env_extra,
    }
    if settings.database_schema:
        env["DATABASE_SCHEMA"] = settings.database_schema
    processes = [
        await start_process([sys.executable, "-m", "bot", "worker"], env) for _ in range(workers)
    ]
    await asyncio.sleep(3)  # start-up, outside the measure
    groups = {
        "workers": [p.pid for p in processes],
        "stand-in": [standin.pid],
        "postgres": postgres_pids(),
    }
    before = {name: cpu_seconds(pids) for name, pids in groups.items()}
    began = time.perf_counter()
    await create(database)
    try:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            while True:
                async with http.get(f"http://127.0.0.1:{port}/count") as response:
                    if await response.json() >= people:
                        break
                await asyncio.sleep(0.5)
            wall = time.perf_counter() - began
            used = {name: cpu_seconds(pids) - before[name] for name, pids in groups.items()}
            async with http.get(f"http://127.0.0.1:{port}/stats") as response:
                seen: dict[str, list[float]] = await response.json()
        print(
            "  CPU used (share of one passerelle): "
            + ", ".join(f"{name} {seconds / wall:.0%}" for name, seconds in used.items())
        )
    finally:
        await stop_processes([*processes, standin])
        await database.close()
    times = sorted(t for arrivals in seen.values() for t in arrivals)
    # The steady part: from the 5th to the 95th percentile of arrivals.
    low, high = times[len(times) // 20], times[len(times) * 19 // 20]
    return (len(times) * 0.9) / (high - low)


def postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("plan", "deliver"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default="bench_broadcast")
    parser.add_argument("--people", type=int, default=0)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="passerelle-bench-")
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    settings = load_settings(
        database_url=url,
        database_schema=None if url.startswith("sqlite") else args.schema,
        data_dir=Path(folder),
        load_samples=False,
    )
    print(f"store: {settings.database_url.split('://')[0]}, cpus {os.cpu_count()}")
    if args.what == "plan":
        asyncio.run(plan(settings, args.people or 100_000))
        return
    people = args.people or 20_000
    for limit in (100.0, 400.0):
        n = min(people, int(limit * 30))
        got = asyncio.run(deliver(settings, n, 1, limit, {}))
        print(
            f"deliver: 1 worker, limit {limit:.0f}/s, {n:,} people: {got:,.0f}/s "
            f"= {got / limit:.0%} of the limit"
        )
    one = asyncio.run(deliver(settings, people, 1, 0, {}))
    print(f"deliver: 1 worker, no limit, {people:,} people: {one:,.0f}/s")
    if not settings.is_sqlite:
        two = asyncio.run(deliver(settings, people, 2, 0, {}))
        print(f"deliver: 2 workers, no limit, {people:,} people: {two:,.0f}/s = {two / one:.2f}×")


if __name__ == "__main__":
    main()
