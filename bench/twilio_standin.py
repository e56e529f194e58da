"""A fast Twilio REST stand-in for benchmarks: answers every Messages.json post at once and records
when each arrived, per recipient. `python bench/twilio_standin.py PORT`; GET /stats reads it."""

from __future__ import annotations

import itertools
import sys
import time
from collections import defaultdict

from aiohttp import web

arrivals: dict[str, list[float]] = defaultdict(list)
ids = itertools.count(1)


async def create(request: web.Request) -> web.Response:
    form = await request.post()
    arrivals[str(form["To"])].append(time.time())
    return web.json_response(
        {
            "sid": f"SM{next(ids):032d}",
            "status": "queued",
            "to": str(form["To"]),
            "from": str(form.get("From", "")),
            "body": str(form.get("Body", "")),
        },
        status=201,
    )


async def stats(request: web.Request) -> web.Response:
    return web.json_response(arrivals)


async def reset(request: web.Request) -> web.Response:
    arrivals.clear()
    return web.json_response({"ok": True})


def main() -> None:
    app = web.Application()
    app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", create)
    app.router.add_get("/stats", stats)
    app.router.add_post("/reset", reset)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)


if __name__ == "__main__":
    main()
