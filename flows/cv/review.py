"""The CV as a whole: start, review, edit a section, get the PDF (French, or bilingual), delete.

The PDF is drawn after the turn is committed (`after_commit`), in a worker thread, and sent as a
document: a file on Telegram, a signed link on WhatsApp/SMS, a path in the console.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from bot.cv import build
from bot.cv.document import CvDocument
from bot.engine.flow import Answer, Goto, Next
from bot.engine.turn import JobContext
from bot.i18n import bidi
from bot.i18n.msg import Msg, Option, _
from bot.messages import Outgoing, OutKind
from bot.store import files
from flows.cv.common import NO, SECTIONS, YES, cv, flow
from flows.services import Turn

BEGIN = Option("begin", _("cv.intro.begin"))
MENU = Option("menu", _("common.back_to_menu"))
PDF = Option("pdf", _("cv.review.pdf"))
BILINGUAL = Option("bilingual", _("cv.review.bilingual"))
EDIT = Option("edit", _("cv.review.edit"))
DELETE = Option("delete", _("cv.review.delete"))
PDF_CAPTION = _("cv.pdf.caption")


@flow.question("start", prompt=_("cv.intro"), options=(BEGIN, MENU))
async def start(t: Turn, answer: Answer) -> Next:
    if answer.choice == BEGIN.id:
        return Goto(SECTIONS[0][1])
    return Goto("menu.main")


def entry(t: Turn) -> Next:
    """Where "Build my CV" leads: the review once there is a CV, else the introduction."""
    return Goto("cv.review" if cv(t).get("complete") else "cv.start")


def review_prompt(t: Turn) -> str:
    return build.summary(cv(t), t.catalogs, t.lang) + "\n\n" + t.text(_("cv.review.prompt"))


def review_options(t: Turn) -> list[Option]:
    options = [PDF, BILINGUAL, EDIT, DELETE, MENU]
    return options if t.lang != "fr" else [o for o in options if o is not BILINGUAL]


@flow.question("review", prompt=review_prompt, options=review_options, root=True)
async def review(t: Turn, answer: Answer) -> Next:
    if answer.choice in (PDF.id, BILINGUAL.id):
        t.say(_("cv.pdf.coming"))
        t.after_commit(pdf_job(dict(cv(t)), bilingual=answer.choice == BILINGUAL.id))
        return Goto("cv.review")
    if answer.choice == EDIT.id:
        return Goto("cv.edit")
    if answer.choice == DELETE.id:
        return Goto("cv.delete")
    return Goto("menu.main")


def edit_options(t: Turn) -> list[Option]:
    return [Option(name, label) for name, _step, label in SECTIONS] + [MENU]


@flow.question("edit", prompt=_("cv.edit.prompt"), options=edit_options)
async def edit(t: Turn, answer: Answer) -> Next:
    first = {name: step for name, step, _label in SECTIONS}.get(answer.choice or "")
    if first is None:
        return Goto("cv.review")
    cv(t)["_editing"] = True
    return Goto(first)


@flow.question("delete", prompt=_("cv.delete.prompt"), options=(YES, NO), resumable=False)
async def delete(t: Turn, answer: Answer) -> Next:
    if answer.choice != YES.id:
        return Goto("cv.review")
    t.state.data.pop("cv", None)
    t.after_commit(forget_pdfs)
    t.say(_("cv.delete.done"))
    return Goto("menu.main")


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
