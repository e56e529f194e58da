"""Engine benchmark: simulated people chatting through the real flows, on SQLite or PostgreSQL.

    python bench/engine.py                      # SQLite file in a temporary folder
    python bench/engine.py --database-url postgresql://postgres@127.0.0.1/test --schema bench

Two measurements on 2,000 people × 10 messages each (onboarding, menu, "my data", a wrong number,
commands, changing language):
  saturation — everyone writes at once, each person waiting for their previous answer: throughput;
  paced      — messages arrive at a fixed rate (default 1,000/s), round-robin over people: latency
               per message (time from `handle()` to its commit) as a deployment would see it.
Peak RSS is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import fresh_store
from bot.app import open_app, tune_for_serving
from bot.config import load_settings
from bot.messages import Inbound

SCRIPT = ["bonjour", "1", "1", "7", "3", "42", "menu", "/help", "6", "1"]
ids = itertools.count()


def inbound(run: str, user: int, text: str) -> Inbound:
    return Inbound("bench", f"{run}-{user}", f"{run}-{next(ids)}", text=text)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


async def saturation(engine, users: int) -> tuple[float, list[float]]:
    latencies: list[float] = []

    async def person(user: int) -> None:
        for text in SCRIPT:
            start = time.perf_counter()
            await engine.handle(inbound("sat", user, text))
            latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(person(u) for u in range(users)))
    return time.perf_counter() - start, latencies


async def paced(engine, users: int, rate: float) -> tuple[float, list[float]]:
    latencies: list[float] = []
    tasks = []

    async def one(user: int, text: str) -> None:
        start = time.perf_counter()
        await engine.handle(inbound("paced", user, text))
        latencies.append(time.perf_counter() - start)

    begin = time.perf_counter()
    n = 0
    for text in SCRIPT:
        for user in range(users):
            due = begin + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(user, text)))
            n += 1
    await asyncio.gather(*tasks)
    return time.perf_counter() - begin, latencies


def report(name: str, elapsed: float, latencies: list[float]) -> None:
    count = len(latencies)
    print(
        f"{name:<11} {count:>6} messages in {elapsed:6.2f} s = {count / elapsed:7.0f} msg/s | "
        f"latency p50 {statistics.median(latencies) * 1000:6.1f} ms  "
        f"p99 {percentile(latencies, 0.99) * 1000:6.1f} ms  max {max(latencies) * 1000:6.1f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default=None, help="PostgreSQL schema to create and use")
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=1000.0)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="passerelle-bench-")
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    settings = load_settings(database_url=url, database_schema=args.schema, data_dir=Path(folder))
    if not settings.is_sqlite:
        await fresh_store(settings)
    print(
        f"store: {settings.database_url.split('://')[0]}, {args.users} people × {len(SCRIPT)} "
        f"messages, batch ≤ {settings.engine_batch_max}, writers {settings.writers}, "
        f"cpus {os.cpu_count()}"
    )
    async with open_app(settings) as app:
        tune_for_serving()
        report("saturation", *await saturation(app.engine, args.users))
        report(f"paced {args.rate:.0f}/s", *await paced(app.engine, args.users, args.rate))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    asyncio.run(main())
