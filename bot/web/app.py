"""The console as an aiohttp sub-application, mounted by `passerelle serve` under /console.

It runs in the server's process and uses its store, engine, translator and outbox (the running
`App`, reached through `RUNNING`), so a page and a chat message see the same data and the same
rules. Middlewares, outermost first: security headers, the session cookie, the guard (who may use
which route, CSRF). Each area registers its routes with the roles that may use them.
"""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from aiohttp import web

from bot.app import App
from bot.config import Settings
from bot.web import (
    accounts,
    announcements,
    audit_page,
    auth,
    canned,
    directory,
    directory_files,
    figures,
    inbox,
    live,
    login,
    moderation,
    pages,
)
from bot.web.keys import RUNNING, SETTINGS
from bot.web.routing import PUBLIC, Routes, install

static = Routes()
STATIC_FILES = ("console.css", "console.js", "employers.js")  # the last for /employeurs
# The scripts a staff member's computer may lack fonts for (Ethiopic, Bengali, Arabic): the Noto
# fonts the CV PDFs use (content/fonts, SIL OFL), loaded by the stylesheet only when needed.
FONT_FILES = (
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansBengali-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
)
STATIC_DIR = web.AppKey("console_static", Path)
FONTS_DIR = web.AppKey("console_fonts", Path)
# Every area's routes, each with the roles that may use it (the security tests walk this list).
AREAS = (
    login.routes,
    inbox.routes,
    announcements.routes,
    canned.routes,
    directory.routes,
    directory_files.routes,
    moderation.routes,
    figures.routes,
    accounts.routes,
    audit_page.routes,
    live.routes,
    static,
)


def make_console(settings: Settings, running: Callable[[], App]) -> web.Application:
    # Uploads are streamed to disk by their handler; other forms are small.
    app = web.Application(middlewares=[auth.headers, auth.sessions(settings), auth.guard])
    app[SETTINGS] = settings
    app[RUNNING] = running
    web_dir = settings.content_dir / "web"
    pages.setup(app, web_dir / "templates")
    app[STATIC_DIR] = web_dir / "static"
    app[FONTS_DIR] = settings.content_dir / "fonts"
    install(app, *AREAS)
    app[figures.CACHE] = {}
    app.cleanup_ctx.append(_watching)
    app.on_shutdown.append(_close_streams)
    return app


@static.get("/static/{name}", allow=PUBLIC)
async def static_file(request: web.Request) -> web.StreamResponse:
    """The console's own stylesheet, script and fonts: fixed lists, nothing else from a folder."""
    name = request.match_info["name"]
    if name in STATIC_FILES:
        path = request.app[STATIC_DIR] / name
    elif name in FONT_FILES:
        path = request.app[FONTS_DIR] / name
    else:
        raise web.HTTPNotFound()
    response = web.FileResponse(path)
    response.content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response.headers["Cache-Control"] = (
        "public, max-age=86400" if name in FONT_FILES else ("public, max-age=3600")
    )
    return response


async def _close_streams(app: web.Application) -> None:
    """On SIGTERM, end the open inboxes' event streams so the server need not wait for them."""
    if live.WATCHER in app:
        await app[live.WATCHER].stop()


async def _watching(app: web.Application) -> AsyncIterator[None]:
    """The watcher that tells open inboxes about new messages (started on first use)."""
    watcher = live.Watcher(app[RUNNING])
    app[live.WATCHER] = watcher
    try:
        yield
    finally:
        await watcher.stop()
