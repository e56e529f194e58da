"""Telegram end to end: webhook in → sendMessage at a stand-in Bot API, three systems side by side.

    python bench/telegram_e2e.py                 # Passerelle on SQLite
    python bench/telegram_e2e.py --database-url postgresql://postgres@127.0.0.1/test --schema bench

Each system runs in its own process, as does the stand-in; this process plays Telegram: many people
write at once, each sending their next message once the previous update was acknowledged (200),
over at most 40 connections (Telegram's default `max_connections` for a webhook).
  passerelle — `passerelle serve` (every update committed with its state before the 200)
  ptb        — a python-telegram-bot ConversationHandler bot (3 steps) with PicklePersistence behind
               an aiohttp webhook feeding the Application's update queue (state in memory, written
               every 60 s)
  floor      — a bare aiohttp handler answering each update with one sendMessage
Reported: updates acknowledged per second, replies delivered per second (first update sent → last
reply received), acknowledgement latency p50/p99, end-to-end latency p50/p99 (update sent → its
reply at the stand-in), peak RSS of the system's process.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import socket
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

HERE = Path(__file__).resolve().parent
SECRET = "bench-secret"
SCRIPTS = {
    "passerelle": ["/start", "1", "1", "7", "3", "menu"],
    "ptb": ["/start", "Amal", "Paris", "/start", "Amal", "Lyon"],
    "floor": ["a", "b", "c", "d", "e", "f"],
}
update_ids = itertools.count(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def update(chat: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(update_ids),
        "date": int(time.time()),
        "text": text,
        "chat": {"id": chat, "type": "private", "first_name": "P"},
        "from": {"id": chat, "is_bot": False, "first_name": "P", "language_code": "fr"},
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": next(update_ids), "message": message}


@dataclass
class Run:
    posted: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    acks: list[float] = field(default_factory=list)
    errors: int = 0
    started: float = 0.0
    acked: float = 0.0


async def drive(
    port: int, users: int, script: list[str], connections: int, rate: float = 0.0
) -> Run:
    """`connections` senders, like Telegram's: each takes the next person who is ready, posts their
    next update and waits for the answer; a person is ready again once acknowledged. With `rate`,
    updates leave no faster than that many per second (paced), else as fast as acknowledged."""
    run = Run()
    url = f"http://127.0.0.1:{port}/webhooks/telegram"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    ready: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    for n in range(users):
        ready.put_nowait((10_000 + n, 0))
    remaining = users * len(script)
    posted = 0
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def sender() -> None:
            nonlocal remaining
            while remaining > 0:
                try:
                    chat, step = await asyncio.wait_for(ready.get(), 1)
                except TimeoutError:
                    continue
                if rate:
                    nonlocal posted
                    due = run.started + posted / rate
                    posted += 1
                    if (delay := due - time.time()) > 0:
                        await asyncio.sleep(delay)
                body = update(chat, script[step])
                sent = time.time()
                start = time.perf_counter()
                async with http.post(url, json=body, headers=headers) as response:
                    await response.read()
                    if response.status != 200:
                        run.errors += 1
                run.acks.append(time.perf_counter() - start)
                run.posted[chat].append(sent)
                remaining -= 1
                run.acked = time.time()
                if step + 1 < len(script):
                    ready.put_nowait((chat, step + 1))

        run.started = time.time()
        await asyncio.gather(*(sender() for _ in range(connections)))
    return run


async def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up")
            await asyncio.sleep(0.1)


async def arrivals(api_port: int, expected: int, seconds: float = 120) -> dict[str, list[float]]:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while True:
            async with http.get(f"http://127.0.0.1:{api_port}/stats") as response:
                seen: dict[str, list[float]] = await response.json()
            if sum(map(len, seen.values())) >= expected or time.monotonic() > deadline:
                await http.post(f"http://127.0.0.1:{api_port}/reset")
                return seen
            await asyncio.sleep(0.2)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


async def measure(
    name: str,
    command: list[str],
    env: dict[str, str],
    port: int,
    api_port: int,
    users: int,
    connections: int,
    rate: float,
    workers: int = 0,
) -> dict[str, float]:
    process = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=HERE.parent, stdout=asyncio.subprocess.DEVNULL
    )
    helpers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "worker",
            env=env,
            cwd=HERE.parent,
            stdout=asyncio.subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    if os.environ.get("BENCH_PROFILE") == name:  # py-spy record of the system under load
        await asyncio.sleep(3)
        await asyncio.create_subprocess_exec(
            "py-spy",
            "record",
            "-o",
            f"/tmp/{name}.txt",
            "-d",
            "8",
            "-p",
            str(process.pid),
            "-f",
            "raw",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    try:
        await wait_http(f"http://127.0.0.1:{port}/healthz")
        script = SCRIPTS[name]
        run = await drive(port, users, script, connections, rate)
        expected = users * len(script)
        seen = await arrivals(api_port, expected)
        rss = peak_rss_mb(process.pid)
    finally:
        for child in [process, *helpers]:
            child.send_signal(signal.SIGTERM)
        for child in [process, *helpers]:
            try:
                await asyncio.wait_for(child.wait(), 30)
            except TimeoutError:
                child.kill()
    delivered = sum(map(len, seen.values()))
    last = max((t for times in seen.values() for t in times), default=run.acked)
    end_to_end = [
        reply - sent
        for chat, sends in run.posted.items()
        for sent, reply in zip(sends, sorted(seen.get(str(chat), [])), strict=False)
    ]
    return {
        "updates": float(len(run.acks)),
        "errors": float(run.errors),
        "lost": float(expected - delivered),
        "acked_per_s": len(run.acks) / (run.acked - run.started),
        "delivered_per_s": delivered / (last - run.started),
        "ack_p50": pct(run.acks, 0.5),
        "ack_p99": pct(run.acks, 0.99),
        "e2e_p50": pct(end_to_end, 0.5) if end_to_end else 0,
        "e2e_p99": pct(end_to_end, 0.99) if end_to_end else 0,
        "rss": rss,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument(
        "--connections",
        type=int,
        default=40,
        help="concurrent webhook connections (Telegram's default max_connections)",
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default="")
    parser.add_argument("--only", choices=sorted(SCRIPTS), action="append")
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="run `serve --no-delivery` plus this many `passerelle worker`s",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="offer this many updates per second (default: as fast as acked)",
    )
    args = parser.parse_args()
    api_port = free_port()
    standin = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HERE / "telegram_standin.py"),
        str(api_port),
        stdout=asyncio.subprocess.DEVNULL,
    )
    api = f"http://127.0.0.1:{api_port}/bot"
    results = {}
    try:
        await asyncio.sleep(0.5)
        for name in args.only or ["passerelle", "ptb", "floor"]:
            port = free_port()
            data = tempfile.mkdtemp(prefix=f"bench-{name}-")
            env = {**os.environ, "ORT_DISABLE_TELEMETRY": "1"}
            if name == "passerelle":
                if args.database_url:
                    await fresh_postgres(args.database_url, args.schema or "bench")
                env.update(
                    {
                        "DATA_DIR": data,
                        "DATABASE_URL": args.database_url,
                        "DATABASE_SCHEMA": args.schema or ("bench" if args.database_url else ""),
                        "TELEGRAM_BOT_TOKEN": "123456:BENCH",
                        "TELEGRAM_WEBHOOK_SECRET": SECRET,
                        "TELEGRAM_API_BASE_URL": api,
                        "TELEGRAM_RATE_PER_SECOND": "0",
                        "TELEGRAM_CHAT_INTERVAL_SECONDS": "0",
                        "DELIVERY_MAX_IN_FLIGHT": "64",
                        "LOG_LEVEL": "WARNING",
                    }
                )
                command = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
                if args.workers:
                    command.append("--no-delivery")
                if os.environ.get("BENCH_SERVE"):
                    command = [sys.executable, os.environ["BENCH_SERVE"], "--port", str(port)]
            elif name == "ptb":
                command = [sys.executable, str(HERE / "ptb_bot.py"), str(port), api, data]
            else:
                command = [sys.executable, str(HERE / "floor.py"), str(port), api]
            results[name] = await measure(
                name,
                command,
                env,
                port,
                api_port,
                args.users,
                args.connections,
                args.rate,
                args.workers if name == "passerelle" else 0,
            )
            report(name, results[name])
    finally:
        standin.send_signal(signal.SIGTERM)
        await standin.wait()
    if "passerelle" in results:
        for other in ("ptb", "floor"):
            if other in results:
                ratio = results["passerelle"]["delivered_per_s"] / results[other]["delivered_per_s"]
                print(f"passerelle / {other}: {ratio:.2f}× replies per second")


def report(name: str, r: dict[str, float]) -> None:
    print(
        f"{name:<11} {r['updates']:>6.0f} updates, errors {r['errors']:.0f}, "
        f"lost {r['lost']:.0f} | "
        f"acked {r['acked_per_s']:6.0f}/s, delivered {r['delivered_per_s']:6.0f}/s | "
        f"ack p50 {r['ack_p50']:6.1f} ms p99 {r['ack_p99']:6.1f} ms | "
        f"end-to-end p50 {r['e2e_p50']:7.1f} ms p99 {r['e2e_p99']:7.1f} ms | "
        f"peak RSS {r['rss']:.0f} MB",
        flush=True,
    )


async def fresh_postgres(url: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    await conn.close()
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_SCHEMA": schema}
    upgrade = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "db",
        "upgrade",
        env=env,
        cwd=HERE.parent,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await upgrade.wait()


if __name__ == "__main__":
    asyncio.run(main())
