"""The CV's PDF: drawn after the turn is committed (`after_commit`), in a worker thread, and sent
as a document — a file on Telegram, a signed link on WhatsApp/SMS, a path in the console; only
the latest is kept. The review, job applications and employers' offers all ask for it here.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from bot.cv import build
from bot.cv.document import CvDocument
from bot.engine.flow import Goto, Next
from bot.engine.turn import JobContext
from bot.i18n import bidi
from bot.i18n.msg import Msg, _
from bot.messages import Outgoing, OutKind
from bot.store import files
from flows.cv.common import cv
from flows.services import Turn

PDF_CAPTION = _("cv.pdf.caption")
BILINGUAL_CAPTION = _("cv.pdf.caption_bilingual")


def make_pdf(t: Turn, *, bilingual: bool) -> Next:
    t.say(_("cv.pdf.coming"))
    caption = BILINGUAL_CAPTION if bilingual else PDF_CAPTION
    t.after_commit(pdf_job(dict(cv(t)), bilingual=bilingual, caption=caption))
    return Goto("cv.review")


def draw(document: CvDocument, fonts: Path, bilingual: bool) -> bytes:
    """The PDF, drawn off the event loop. fpdf2 and what it imports (numpy, Pillow, fontTools:
    about 25 MB and half a second) load with the first CV drawn, not with every process."""
    from bot.cv import pdf

    return pdf.render(document, fonts, bilingual=bilingual)


def pdf_job(  # type: ignore[no-untyped-def]
    data: dict[str, Any], *, bilingual: bool, caption: Msg = PDF_CAPTION
):
    async def make(ctx: JobContext) -> None:
        content_dir = ctx.catalogs.locales_dir.parent
        footer = ctx.catalogs.text("fr", "cv.pdf.footer")
        document = build.document(
            data, ctx.catalogs, ctx.language, bilingual=bilingual, footer=footer
        )
        drawn = await asyncio.to_thread(draw, document, content_dir / "fonts", bilingual)
        await asyncio.to_thread(files.erase_owned, ctx.data_dir, ctx.user_id, "cv")
        path = files.owned_path(ctx.data_dir, "cv", ctx.user_id, ".pdf")
        await asyncio.to_thread(path.write_bytes, drawn)
        name = re.sub(r"[^\w -]", "", document.name).strip() or "CV"
        text = ctx.catalogs.text(ctx.language, caption.id)
        await ctx.send(
            [
                Outgoing(
                    OutKind.DOCUMENT,
                    bidi.anchor_rtl(text) if ctx.rtl else text,
                    ctx.language,
                    ctx.rtl,
                    path=str(path),
                    filename=f"CV {name}.pdf",
                )
            ]
        )

    return make


async def forget_pdfs(ctx: JobContext) -> None:
    await asyncio.to_thread(files.erase_owned, ctx.data_dir, ctx.user_id, "cv")
