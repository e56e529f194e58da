"""Files in and out of the directory: an upload imported with `passerelle import`'s own checks,
all or nothing, its problems reported by line and field; and, for admins, the directory exported
as CSV in our import format (so an export can be edited and imported again).

An upload is streamed to a temporary file in DATA_DIR (never held in memory), up to
CONSOLE_UPLOAD_MAX_MB, then read by bot/directory/formats.py; nothing is written unless every row
is valid.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web
from sqlalchemy import select

from bot.directory import formats, importer
from bot.directory.places import gazetteer
from bot.directory.records import EMPLOYER_SOURCE, RowError
from bot.i18n.msg import _
from bot.store import tables
from bot.web import audit, forms, pages
from bot.web.csrf import MULTIPART
from bot.web.keys import SETTINGS, member_of, passerelle
from bot.web.routing import ADMINS, COORDINATORS, Routes

routes = Routes()
SHOWN = 200  # problems listed on the page
SUFFIXES = (".csv", ".json", ".yaml", ".yml")
CHUNK = 1 << 16
EXPORT_BATCH = 1000
SERVICE_COLUMNS = (
    "source", "source_id", "name", "organisation", "categories", "description", "address",
    "postcode", "city", "latitude", "longitude", "opening_hours", "languages", "publics",
    "conditions", "price", "phone", "website", "last_verified", "national", "sample",
)  # fmt: skip
JOB_COLUMNS = (
    "source", "source_id", "title", "employer", "sector", "rome", "contract", "description",
    "city", "postcode", "latitude", "longitude", "salary", "hours", "experience", "french_level",
    "driving_licence", "refugee_friendly", "how_to_apply", "published", "updated", "sample",
)  # fmt: skip


class TooLarge(Exception):
    pass


@routes.get("/directory/import", allow=COORDINATORS)
async def import_page(request: web.Request) -> web.StreamResponse:
    return _page(request, None)


def _page(request: web.Request, result: dict[str, Any] | None, status: int = 200) -> web.Response:
    limit = request.config_dict[SETTINGS].console_upload_max_mb
    return pages.render(request, "import.html", {"result": result, "limit": limit}, status)


@routes.post("/directory/import", allow=COORDINATORS)
async def upload(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    settings = request.config_dict[SETTINGS]
    reader = request.get(MULTIPART)
    if reader is None:
        raise web.HTTPBadRequest()
    spool_dir = Path(settings.data_dir) / "uploads"
    await asyncio.to_thread(spool_dir.mkdir, parents=True, exist_ok=True)
    kind, path = "", None
    try:
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "kind":
                kind = (await part.text())[:20]
            elif part.name == "file" and path is None:
                suffix = Path(part.filename or "").suffix.casefold()
                if suffix not in SUFFIXES:
                    return _page(request, {"problem": _("web.import.type")}, 400)
                path = await _save(part, spool_dir, suffix, settings.console_upload_max_mb)
        if kind not in ("services", "jobs") or path is None:
            return _page(request, {"problem": _("web.import.missing")}, 400)
        return await _import(request, account.id, kind, path)
    except TooLarge:
        limit = settings.console_upload_max_mb
        return _page(request, {"problem": _("web.import.too_large", mb=limit)}, 413)
    finally:
        if path is not None:
            await asyncio.to_thread(path.unlink, missing_ok=True)


async def _save(part: BodyPartReader, folder: Path, suffix: str, limit_mb: int) -> Path:
    """The uploaded file, streamed into a temporary file (its suffix tells the format)."""
    descriptor, name = await asyncio.to_thread(tempfile.mkstemp, suffix, "upload-", folder)
    path = Path(name)
    size = 0
    try:
        with os.fdopen(descriptor, "wb") as handle:
            while chunk := await part.read_chunk(CHUNK):
                size += len(chunk)
                if size > limit_mb * 1024 * 1024:
                    raise TooLarge()
                await asyncio.to_thread(handle.write, chunk)
    except BaseException:
        await asyncio.to_thread(path.unlink, True)
        raise
    return path


async def _import(request: web.Request, staff_id: int, kind: str, path: Path) -> web.Response:
    app = passerelle(request)
    settings = request.config_dict[SETTINGS]
    now = app.engine.clock.now()
    places = await asyncio.to_thread(gazetteer, settings.content_dir)
    try:
        summary = await importer.import_file(
            app.database,
            "jobs" if kind == "jobs" else "services",
            path,
            places,
            app.catalogs,
            now,
            spool_dir=Path(settings.data_dir),
        )
    except formats.FileProblem as problem:
        result = {
            "problem": _("web.import.unreadable", line=problem.line),
            "detail": str(problem),
        }
        await _log(app, staff_id, kind, "unreadable", now)
        return _page(request, result, 400)
    except importer.ImportRefused as refused:
        await _log(app, staff_id, kind, "refused", now)
        return _page(request, _refused(refused.errors, refused.valid), 400)
    await _log(app, staff_id, kind, f"{summary.added}+{summary.updated}", now)
    return _page(request, {"summary": summary, "kind": kind})


def _refused(errors: list[RowError], valid: int) -> dict[str, Any]:
    return {
        "errors": [
            {
                "line": e.line,
                "field": e.field,
                "label": forms.problem_label(e),
                "detail": e.message,
            }
            for e in errors[:SHOWN]
        ],
        "count": len(errors),
        "rows": len({e.line for e in errors}),
        "valid": valid,
        "more": max(0, len(errors) - SHOWN),
    }


async def _log(app: Any, staff_id: int, kind: str, outcome: str, now: Any) -> None:
    async with app.database.write() as conn:
        await audit.record(conn, staff_id, "imported", now, target=f"{kind}:{outcome}")


# --- export -------------------------------------------------------------------------------------
@routes.get("/directory/{kind:services|jobs}.csv", allow=ADMINS)
async def export(request: web.Request) -> web.StreamResponse:
    """The whole directory as CSV in our import format, streamed by batches of ids."""
    account = member_of(request)
    app = passerelle(request)
    kind = request.match_info["kind"]
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        await audit.record(conn, account.id, "exported", now, target=kind)
    table = tables.jobs if kind == "jobs" else tables.services
    columns = JOB_COLUMNS if kind == "jobs" else SERVICE_COLUMNS
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{kind}-{now.date().isoformat()}.csv"',
            "Cache-Control": "no-store",
        }
    )
    await response.prepare(request)
    await response.write(("\ufeff" + _line(columns)).encode())  # Excel reads UTF-8 with a BOM
    last = 0
    while True:
        async with app.database.read() as conn:
            rows = list(
                (
                    await conn.execute(
                        select(table)
                        .where(table.c.id > last, *_own_rows(kind))
                        .order_by(table.c.id)
                        .limit(EXPORT_BATCH)
                    )
                ).all()
            )
        if not rows:
            break
        text = "".join(_line([_cell(_value(kind, row, c)) for c in columns]) for row in rows)
        await response.write(text.encode())
        last = rows[-1].id
    await response.write_eof()
    return response


def _own_rows(kind: str) -> list[Any]:
    """Employers' offers live in /console/employers, not in the directory's files."""
    return [tables.jobs.c.source != EMPLOYER_SOURCE] if kind == "jobs" else []


def _value(kind: str, row: Any, column: str) -> Any:
    return getattr(row, forms.JOB_COLUMNS.get(column, column) if kind == "jobs" else column)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    text = str(value)
    # A cell a spreadsheet would run as a formula is written as text (OWASP's advice); numbers
    # such as a longitude of -1.55 stay numbers.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text):
        return "'" + text
    return text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _line(cells: Any) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()
