"""Load: people on Telegram and WhatsApp through two `serve` processes on PostgreSQL, while an
announcement to all of them is delivered — the scaled-out shape of docs/deployment.md.

    python bench/load.py --database-url postgresql://postgres@127.0.0.1/test [--users 10000]

Shape: two `passerelle serve --no-delivery` (each webhook goes to either, alternately by person)
and one `passerelle worker`, on one PostgreSQL; the fast Telegram and Twilio stand-ins
(bench/*_standin.py) in their own processes; this process plays both platforms, each over 40
connections. Half the people are on Telegram, half on WhatsApp.

1. Everyone starts: hello, picks the language, agrees (3 messages each).
2. An announcement to everyone is created, and while it is delivered everyone carries on: 3 more
   messages each ("my data", a wrong number, "menu").
Then every person must have received exactly one reply per message plus the announcement.
Reported: messages and errors; acknowledgements per second and p50/p99 latency; replies lost and
duplicated (per person: fewer or more than expected); the announcement's delivery time; peak RSS
of each process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import aiohttp  # noqa: E402
from harness import (  # noqa: E402
    Run,
    drive,
    free_port,
    fresh_postgres,
    pct,
    peak_rss_mb,
    start_process,
    stop_processes,
    wait_http,
)
from telegram_e2e import SECRET, TELEGRAM  # noqa: E402
from twilio_e2e import ACCOUNT, PUBLIC, TOKEN, TWILIO  # noqa: E402

START = ["Bonjour", "1", "1"]
CARRY_ON = ["7", "42", "menu"]


async def both(ports: list[int], users: int, script: list[str], connections: int) -> list[Run]:
    """Half the people on each platform, each platform's people split over the two processes."""
    half, quarter = users // 2, users // 4
    return await asyncio.gather(
        drive(ports[0], TELEGRAM, quarter, script, connections // 2, first=10_000),
        drive(ports[1], TELEGRAM, half - quarter, script, connections // 2, first=10_000 + quarter),
        drive(ports[0], TWILIO, quarter, script, connections // 2, first=10_000),
        drive(ports[1], TWILIO, half - quarter, script, connections // 2, first=10_000 + quarter),
    )


async def counts(port: int) -> dict[str, list[float]]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/stats") as response,
    ):
        found: dict[str, list[float]] = await response.json()
        return found


async def total(port: int) -> int:
    return sum(map(len, (await counts(port)).values()))


async def announce(url: str, schema: str) -> float:
    """Create the announcement to everyone, as `passerelle broadcast create` does."""
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_SCHEMA": schema, "LOAD_SAMPLES": "false"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "broadcast",
        "create",
        "--yes",
        "--text",
        "Distribution de repas ce soir à 19 h, place de la République.",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
    )
    assert await process.wait() == 0
    return time.time()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--schema", default="bench_load")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=80, help="over both platforms")
    args = parser.parse_args()
    await fresh_postgres(args.database_url, args.schema)
    telegram_port, twilio_port = free_port(), free_port()
    standins = [
        await start_process(
            [sys.executable, str(HERE / "telegram_standin.py"), str(telegram_port)],
            dict(os.environ),
        ),
        await start_process(
            [sys.executable, str(HERE / "twilio_standin.py"), str(twilio_port)], dict(os.environ)
        ),
    ]
    env = {
        **os.environ,
        "ORT_DISABLE_TELEMETRY": "1",
        "DATABASE_URL": args.database_url,
        "DATABASE_SCHEMA": args.schema,
        "DATA_DIR": "/tmp/passerelle-bench-load",
        "LOAD_SAMPLES": "false",
        "LOG_LEVEL": "WARNING",
        "PUBLIC_BASE_URL": PUBLIC,
        "TELEGRAM_BOT_TOKEN": "123456:BENCH",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{telegram_port}/bot",
        "TELEGRAM_RATE_PER_SECOND": "0",
        "TELEGRAM_CHAT_INTERVAL_SECONDS": "0",
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886",
        "TWILIO_API_BASE_URL": f"http://127.0.0.1:{twilio_port}",
        "TWILIO_WHATSAPP_RATE_PER_SECOND": "0",
        "BROADCAST_POLL_SECONDS": "0.5",
    }
    ports = [free_port(), free_port()]
    serves = [
        await start_process(
            [sys.executable, "-m", "bot", "serve", "--no-delivery", "--port", str(p)], env
        )
        for p in ports
    ]
    worker = await start_process([sys.executable, "-m", "bot", "worker"], env)
    processes = [*serves, worker]
    try:
        for port in ports:
            await wait_http(f"http://127.0.0.1:{port}/healthz")
        await wait_http(f"http://127.0.0.1:{telegram_port}/stats")
        await wait_http(f"http://127.0.0.1:{twilio_port}/stats")
        print(f"{args.users:,} people, 2 serve + 1 worker on PostgreSQL, cpus {os.cpu_count()}")
        began = time.time()
        first = await both(ports, args.users, START, args.connections)
        announced = await announce(args.database_url, args.schema)
        second = await both(ports, args.users, CARRY_ON, args.connections)
        ended = time.time()
        expected = args.users * (len(START) + len(CARRY_ON) + 1)
        deadline = time.time() + 300
        while time.time() < deadline:
            if await total(telegram_port) + await total(twilio_port) >= expected:
                break
            await asyncio.sleep(1)
        await asyncio.sleep(3)  # anything late or twice has time to show
        seen = {**(await counts(telegram_port)), **(await counts(twilio_port))}
        rss = {
            "serve 1": peak_rss_mb(serves[0].pid),
            "serve 2": peak_rss_mb(serves[1].pid),
            "worker": peak_rss_mb(worker.pid),
        }
    finally:
        await stop_processes([*processes, *standins])
    runs = first + second
    acks = [a for run in runs for a in run.acks]
    errors = sum(run.errors for run in runs)
    per_person = len(START) + len(CARRY_ON) + 1
    people = [str(n) for n in range(10_000, 10_000 + args.users // 2)]
    people += [
        f"whatsapp:+3360{n:07d}" for n in range(10_000, 10_000 + args.users - args.users // 2)
    ]
    lost = sum(max(0, per_person - len(seen.get(p, []))) for p in people)
    duplicated = sum(max(0, len(seen.get(p, [])) - per_person) for p in people)
    last = max((t for times in seen.values() for t in times), default=ended)
    rate = len(acks) / (ended - began)
    print(
        f"messages {len(acks):,}, errors {errors} | acknowledged {rate:,.0f}/s,"
        f" p50 {pct(acks, 0.5):.1f} ms, p99 {pct(acks, 0.99):.1f} ms"
    )
    print(
        f"replies and announcement: expected {expected:,}, received "
        f"{sum(map(len, seen.values())):,}, lost {lost}, duplicated {duplicated}; all delivered "
        f"{last - announced:.1f} s after the announcement was created"
    )
    print("peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items()))


if __name__ == "__main__":
    asyncio.run(main())
