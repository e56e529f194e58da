"""What the end-to-end benchmarks share: a load generator that plays the platform, a stand-in
API's arrival log, process management and the figures. A platform script gives `Webhook`:
how to turn (person, text) into the request the platform would post."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Webhook:
    path: str
    request: Callable[[int, str], dict[str, Any]]  # → aiohttp post kwargs (json/data, headers)
    key: Callable[[int], str]  # how the stand-in names the person a reply went to


@dataclass
class Run:
    posted: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    acks: list[float] = field(default_factory=list)
    errors: int = 0
    started: float = 0.0
    acked: float = 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def drive(
    port: int,
    hook: Webhook,
    users: int,
    script: list[str],
    connections: int,
    rate: float = 0.0,
    first: int = 10_000,
) -> Run:
    """`connections` senders, like a platform's: each takes the next person who is ready, posts
    their next message and waits for the answer; a person is ready again once acknowledged. With
    `rate`, messages leave no faster than that many per second, else as fast as acknowledged."""
    run = Run()
    url = f"http://127.0.0.1:{port}{hook.path}"
    ready: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    for n in range(users):
        ready.put_nowait((first + n, 0))
    remaining = users * len(script)
    posted = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as http:

        async def sender() -> None:
            nonlocal remaining, posted
            while remaining > 0:
                try:
                    person, step = await asyncio.wait_for(ready.get(), 1)
                except TimeoutError:
                    continue
                if rate:
                    due = run.started + posted / rate
                    posted += 1
                    if (delay := due - time.time()) > 0:
                        await asyncio.sleep(delay)
                kwargs = hook.request(person, script[step])
                sent = time.time()
                start = time.perf_counter()
                async with http.post(url, **kwargs) as response:
                    await response.read()
                    if response.status != 200:
                        run.errors += 1
                run.acks.append(time.perf_counter() - start)
                run.posted[hook.key(person)].append(sent)
                remaining -= 1
                run.acked = time.time()
                if step + 1 < len(script):
                    ready.put_nowait((person, step + 1))

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


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes used so far (from /proc; gone ones count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


async def start_process(command: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *command, env=env, cwd=HERE.parent, stdout=asyncio.subprocess.DEVNULL
    )


async def stop_processes(processes: list[asyncio.subprocess.Process]) -> None:
    for child in processes:
        if child.returncode is None:
            child.send_signal(signal.SIGTERM)
    for child in processes:
        try:
            await asyncio.wait_for(child.wait(), 30)
        except TimeoutError:
            child.kill()


async def measure(
    name: str,
    command: list[str],
    env: dict[str, str],
    port: int,
    api_port: int | None,
    hook: Webhook,
    users: int,
    script: list[str],
    connections: int,
    rate: float,
    workers: int = 0,
) -> dict[str, float]:
    """Start the system, drive it, collect replies at the stand-in (if it sends any), stop it."""
    process = await start_process(command, env)
    helpers = [
        await start_process([sys.executable, "-m", "bot", "worker"], env) for _ in range(workers)
    ]
    expected = users * len(script)
    try:
        await wait_http(f"http://127.0.0.1:{port}/healthz")
        pids = [process.pid, *(helper.pid for helper in helpers)]
        cpu_before = cpu_seconds(pids)
        if os.environ.get("BENCH_PROFILE") == name:  # py-spy record of the system under load
            await asyncio.create_subprocess_exec(
                "py-spy",
                "record",
                "-o",
                f"/tmp/{name}.txt",
                "-d",
                os.environ.get("BENCH_PROFILE_SECONDS", "8"),
                "-p",
                str(process.pid),
                "-f",
                "raw",
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
        run = await drive(port, hook, users, script, connections, rate)
        seen = await arrivals(api_port, expected) if api_port else {}
        rss = peak_rss_mb(process.pid)
        cpu = cpu_seconds(pids) - cpu_before
    finally:
        await stop_processes([process, *helpers])
    delivered = sum(map(len, seen.values()))
    last = max((t for times in seen.values() for t in times), default=run.acked)
    end_to_end = [
        reply - sent
        for person, sends in run.posted.items()
        for sent, reply in zip(sends, sorted(seen.get(person, [])), strict=False)
    ]
    return {
        "updates": float(len(run.acks)),
        "errors": float(run.errors),
        "lost": float(expected - delivered) if api_port else 0.0,
        "acked_per_s": len(run.acks) / (run.acked - run.started),
        "delivered_per_s": delivered / (last - run.started) if api_port else 0.0,
        "ack_p50": pct(run.acks, 0.5),
        "ack_p99": pct(run.acks, 0.99),
        "e2e_p50": pct(end_to_end, 0.5),
        "e2e_p99": pct(end_to_end, 0.99),
        "rss": rss,
        "cpu_ms": 1000 * cpu / max(1, len(run.acks)),
    }


def report(name: str, r: dict[str, float]) -> None:
    delivered = (
        f"delivered {r['delivered_per_s']:6.0f}/s" if r["delivered_per_s"] else "delivered    -   "
    )
    print(
        f"{name:<11} {r['updates']:>6.0f} messages, errors {r['errors']:.0f}, "
        f"lost {r['lost']:.0f} | acked {r['acked_per_s']:6.0f}/s, {delivered} | "
        f"ack p50 {r['ack_p50']:6.1f} ms p99 {r['ack_p99']:6.1f} ms | "
        f"end-to-end p50 {r['e2e_p50']:7.1f} ms p99 {r['e2e_p99']:7.1f} ms | "
        f"CPU {r['cpu_ms']:.2f} ms/message | peak RSS {r['rss']:.0f} MB",
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


async def fresh_store(settings: Any) -> None:
    """An empty store at the current schema: a new PostgreSQL schema, or a new SQLite file."""
    from bot.store import migrate
    from bot.store.database import Database

    if not settings.is_sqlite:
        import asyncpg

        plain = settings.database_url.replace("postgresql+asyncpg://", "postgresql://")
        conn = await asyncpg.connect(plain)
        schema = settings.database_schema or "public"
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
        await conn.close()
    database = Database(settings)
    await migrate.upgrade(database)
    await database.close()
