"""Web console benchmark: every page's latency with a full store, and how fast a person's new
message reaches an open inbox.

    python bench/console.py                                   # SQLite file in a temporary folder
    python bench/console.py --database-url postgresql://postgres@127.0.0.1/test --schema bench
    python bench/console.py --database-url … --processes 2    # the inbox on one `serve`, the
                                                              # person's messages through another

The store holds 10,000 people (languages, channels, interests), 90 days of counters, 1,000
requests to talk (300 waiting, 200 held by the measured volunteer, 500 ended; 3 messages each),
2,000 services, 2,000 job offers, 50 announcements (10 with 1,000 messages each) and 20,000
access-log entries. `passerelle serve` runs in its own process(es) with the Twilio stand-in;
this process logs in as an admin, a coordinator and a volunteer and requests every console page
REQUESTS times, one at a time (p50, p95, max), beside the floor: GET /healthz on the same server.
The figures page keeps its numbers 30 s; their computation is also timed alone, uncached.
Then a person writes on WhatsApp (signed webhooks) while the volunteer's inbox stream is open:
the time until the stream says so, and until the message is in the page's fragment.
Targets (issue 18): every page p95 ≤ 100 ms; a new message in an open inbox within 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from twilio.request_validator import RequestValidator

from bench.console_store import PASSWORD, populate
from bench.harness import (
    HERE,
    cpu_seconds,
    free_port,
    fresh_store,
    pct,
    start_process,
    stop_processes,
    wait_http,
)
from bot.config import Settings, load_settings

PUBLIC = "http://bench.example.org"
ACCOUNT = "AC" + "2" * 32
TOKEN = "bench-auth-token"
TOKEN_RE = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def webhook(person: int, text: str, sid: int) -> dict[str, Any]:
    form = {
        "MessageSid": f"SM{sid:032d}",
        "AccountSid": ACCOUNT,
        "From": f"whatsapp:+3370{person:07d}",
        "To": "whatsapp:+14155238886",
        "Body": text,
        "NumMedia": "0",
    }
    signature = RequestValidator(TOKEN).compute_signature(f"{PUBLIC}/webhooks/twilio", form)
    return {"data": form, "headers": {"X-Twilio-Signature": signature}}


async def login(base: str, role: str) -> aiohttp.ClientSession:
    session = aiohttp.ClientSession(base_url=base, cookie_jar=aiohttp.CookieJar(unsafe=True))
    page = await (await session.get("/console/login")).text()
    token = TOKEN_RE.search(page)
    assert token
    form = {"csrf": token.group(1), "email": f"{role}@bench.example.org", "password": PASSWORD}
    done = await session.post("/console/login", data=form, allow_redirects=False)
    assert done.status == 303, (role, done.status)
    return session


async def timed(session: aiohttp.ClientSession, path: str, times: int) -> list[float]:
    for _ in range(3):  # warm up
        async with session.get(path) as response:
            await response.read()
    found = []
    for _ in range(times):
        started = time.perf_counter()
        async with session.get(path) as response:
            await response.read()
            assert response.status == 200, (path, response.status)
        found.append(time.perf_counter() - started)
    return found


def pages(ids: dict[str, int]) -> list[tuple[str, str]]:
    request, broadcast = ids["request"], ids["broadcast"]
    return [
        ("volunteer", "/console/inbox"),
        ("volunteer", "/console/inbox?fragment=list"),
        ("volunteer", f"/console/inbox/{request}"),
        ("volunteer", f"/console/inbox/{request}?fragment=messages"),
        ("volunteer", "/console/me"),
        ("coordinator", "/console/announcements"),
        ("coordinator", "/console/announcements/new"),
        ("coordinator", "/console/announcements/audience?languages=ar&departments=69"),
        ("coordinator", f"/console/announcements/{broadcast}"),
        ("coordinator", f"/console/announcements/{broadcast}/progress"),
        ("coordinator", "/console/directory/services"),
        ("coordinator", "/console/directory/services?q=propre&page=2"),
        ("coordinator", "/console/directory/services/1500"),
        ("coordinator", "/console/directory/jobs?q=Agent"),
        ("coordinator", "/console/directory/hours?value=Mo-Fr%2009:00-17:00&postcode=69003"),
        ("coordinator", "/console/directory/import"),
        ("coordinator", "/console/figures"),
        ("coordinator", "/console/figures?days=90"),
        ("coordinator", "/console/canned"),
        ("admin", "/console/inbox"),
        ("admin", "/console/accounts"),
        ("admin", "/console/audit"),
        ("admin", "/console/audit?action=opened"),
    ]


async def live(base: str, post_base: str, times: int) -> tuple[list[float], list[float]]:
    """Time from a person's webhook to the inbox stream's event, and to the fragment showing it."""
    volunteer = await login(base, "volunteer")
    events: list[float] = []
    shown: list[float] = []
    sid = 1
    async with aiohttp.ClientSession() as twilio:
        people = range(times)
        for person in people:  # each asks to talk once (Arabic, consent, "talk to a volunteer")
            for words in ("مرحبا", "1", "1", "5", "السلام عليكم"):
                sid += 1
                await twilio.post(f"{post_base}/webhooks/twilio", **webhook(person, words, sid))
        stream = await volunteer.get("/console/live")
        await stream.content.readuntil(b"\r\n\r\n")  # hello
        for person in people:
            text = f"رسالة جديدة رقم {person}"
            sid += 1
            started = time.perf_counter()
            posted = await twilio.post(f"{post_base}/webhooks/twilio", **webhook(person, text, sid))
            assert posted.status == 200
            while b"event: inbox" not in await stream.content.readuntil(b"\r\n\r\n"):
                pass
            events.append(time.perf_counter() - started)
            page = await (await volunteer.get("/console/inbox?fragment=list")).text()
            assert page
            shown.append(time.perf_counter() - started)
            await asyncio.sleep(0.3)  # like people, not a flood: each message its own event
        stream.close()
    await volunteer.close()
    return events, shown


async def figures_uncached(settings: Settings, times: int) -> list[float]:
    """The figures page's computation for 90 days, without its 30-second cache (in this process)."""
    from bot.app import open_app
    from bot.web import figures

    found = []
    async with open_app(settings) as app:
        for _ in range(times):
            started = time.perf_counter()
            await figures.compute(app, 90)
            found.append(time.perf_counter() - started)
    return found


def line(label: str, values: list[float]) -> str:
    return (
        f"{label:<62} p50 {pct(values, 0.50):6.1f}  p95 {pct(values, 0.95):6.1f}  "
        f"max {max(values) * 1000:6.1f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default="bench")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--messages", type=int, default=30)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="bench-console-")
    values: dict[str, Any] = {"data_dir": data, "load_samples": False}
    if args.database_url:
        values |= {"database_url": args.database_url, "database_schema": args.schema}
    settings = load_settings(**values)
    started = time.perf_counter()
    await fresh_store(settings)
    ids = await populate(settings)
    store = settings.database_url.split(":")[0]
    print(f"store filled in {time.perf_counter() - started:.1f} s ({store})")
    print(line("figures for 90 days, computed (no cache)", await figures_uncached(settings, 30)))
    api_port = free_port()
    standin = await start_process(
        [sys.executable, str(HERE / "twilio_standin.py"), str(api_port)], os.environ.copy()
    )
    ports = [free_port() for _ in range(args.processes)]
    env = {
        **os.environ,
        "DATA_DIR": data,
        "DATABASE_URL": settings.database_url,
        "DATABASE_SCHEMA": settings.database_schema or "",
        "LOAD_SAMPLES": "false",
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886",
        "TWILIO_API_BASE_URL": f"http://127.0.0.1:{api_port}",
        "TWILIO_WHATSAPP_RATE_PER_SECOND": "0",
        "PUBLIC_BASE_URL": PUBLIC,
        "LOG_LEVEL": "WARNING",
    }
    for variable in ("TWILIO_EDGE", "TWILIO_REGION"):
        env.pop(variable, None)
    servers = [
        await start_process([sys.executable, "-m", "bot", "serve", "--port", str(port)], env)
        for port in ports
    ]
    try:
        for port in ports:
            await wait_http(f"http://127.0.0.1:{port}/healthz")
        base = f"http://127.0.0.1:{ports[0]}"
        sessions = {role: await login(base, role) for role in ("admin", "coordinator", "volunteer")}
        cpu_before = cpu_seconds([s.pid for s in servers])
        floor = await timed(sessions["admin"], "/healthz", args.requests)
        print(line("floor: GET /healthz", floor))
        worst = 0.0
        for role, path in pages(ids):
            found = await timed(sessions[role], path, args.requests)
            worst = max(worst, pct(found, 0.95))
            print(line(f"{role:<11} {path[:48]}", found))
        cpu = cpu_seconds([s.pid for s in servers]) - cpu_before
        count = args.requests * (len(pages(ids)) + 1)
        print(
            f"worst page p95: {worst:.1f} ms (target ≤ 100 ms); "
            f"floor p95 {pct(floor, 0.95):.1f} ms; server CPU {cpu * 1000 / count:.1f} ms/request"
        )
        for session in sessions.values():
            await session.close()
        post_base = f"http://127.0.0.1:{ports[-1]}"
        events, shown = await live(base, post_base, args.messages)
        where = "another process" if len(ports) > 1 else "the same process"
        print(line(f"new message → inbox event (webhook on {where})", events))
        print(line("new message → inbox fragment fetched", shown))
        print(f"slowest: {max(shown) * 1000:.0f} ms (target ≤ 1,000 ms)")
    finally:
        await stop_processes([*servers, standin])


if __name__ == "__main__":
    asyncio.run(main())
