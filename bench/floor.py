"""The floor: a bare aiohttp handler that answers each update with one sendMessage (raw HTTP, no
framework, no state). `python bench/floor.py PORT API_BASE_URL`."""

from __future__ import annotations

import sys

import aiohttp
from aiohttp import web


def main(port: int, api: str) -> None:
    app = web.Application()

    async def session(app: web.Application):  # type: ignore[no-untyped-def]
        app["http"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))
        yield
        await app["http"].close()

    async def webhook(request: web.Request) -> web.Response:
        update = await request.json()
        chat = update["message"]["chat"]["id"]
        async with request.app["http"].post(
            f"{api}123456:FLOOR/sendMessage", data={"chat_id": str(chat), "text": "ok"}
        ) as reply:
            await reply.read()
        return web.Response()

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app.cleanup_ctx.append(session)
    app.router.add_post("/webhooks/telegram", webhook)
    app.router.add_get("/healthz", health)
    web.run_app(
        app,
        host="127.0.0.1",
        port=port,
        print=lambda *_: print("ready", flush=True),
        access_log=None,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
