"""A fast Telegram Bot API stand-in for benchmarks: answers every call at once and records when
each sendMessage arrived, per chat. `python bench/telegram_standin.py PORT`; GET /stats reads it,
GET /count counts it."""

from __future__ import annotations

import itertools
import sys
import time
from collections import defaultdict

from aiohttp import web

BOT = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
arrivals: dict[str, list[float]] = defaultdict(list)
ids = itertools.count(1)


async def api(request: web.Request) -> web.Response:
    method = request.match_info["method"]
    if method == "getMe":
        return web.json_response({"ok": True, "result": BOT})
    if method == "sendMessage":
        form = await (
            request.json() if request.content_type == "application/json" else request.post()
        )
        chat = str(form["chat_id"])
        arrivals[chat].append(time.time())
        message = {
            "message_id": next(ids),
            "date": int(time.time()),
            "chat": {"id": int(chat), "type": "private"},
            "text": str(form["text"]),
        }
        return web.json_response({"ok": True, "result": message})
    return web.json_response({"ok": True, "result": True})


async def stats(request: web.Request) -> web.Response:
    return web.json_response(arrivals)


async def count(request: web.Request) -> web.Response:
    """How many messages arrived (cheap to poll, unlike /stats)."""
    return web.json_response(sum(map(len, arrivals.values())))


async def reset(request: web.Request) -> web.Response:
    arrivals.clear()
    return web.json_response({"ok": True})


def main() -> None:
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api)
    app.router.add_get("/stats", stats)
    app.router.add_get("/count", count)
    app.router.add_post("/reset", reset)
    web.run_app(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        print=lambda *_: print("ready", flush=True),
        access_log=None,
    )


if __name__ == "__main__":
    main()
