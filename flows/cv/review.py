"""The CV as a whole: start or resume, review, get the PDF (French, or bilingual), delete.

"Build my CV" resumes a CV left half-way at the first question not answered yet, with one line
saying what is done. Before a PDF is made the person is told what has no French yet (it would be
left out of the French copy) and may give it now: the PDF follows the last one given. The PDF
itself is drawn and sent by flows/cv/pdfs.py.
"""

from __future__ import annotations

from bot.cv import answers, summary
from bot.engine.flow import Answer, Goto, Next
from bot.i18n import bidi
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import NO, SECTIONS, YES, cv, flow, go
from flows.cv.freetext import next_untranslated
from flows.cv.pdfs import forget_pdfs, make_pdf
from flows.services import Turn

BEGIN = Option("begin", _("cv.intro.begin"))
MENU = Option("menu", _("common.back_to_menu"))
PDF = Option("pdf", _("cv.review.pdf"))
BILINGUAL = Option("bilingual", _("cv.review.bilingual"))
EDIT = Option("edit", _("cv.review.edit"))
DELETE = Option("delete", _("cv.review.delete"))
MAKE_ANYWAY = Option("anyway", _("cv.pdf.anyway"))
GIVE_NOW = Option("give", _("cv.pdf.give_now"))


@flow.question("start", prompt=_("cv.intro"), options=(BEGIN, MENU))
async def start(t: Turn, answer: Answer) -> Next:
    if answer.choice == BEGIN.id:
        return go(t, SECTIONS[0][1])
    return Goto("menu.main")


def entry(t: Turn) -> Next:
    """Where "Build my CV" leads: the review once there is a CV; the first question not answered
    yet for a CV begun; else the introduction."""
    data = cv(t)
    data.pop("_edit", None)
    data.pop("_pending", None)
    data.pop("_pdf_after", None)
    if data.get("complete"):
        return Goto("cv.review")
    resume = data.get("_next")
    if not resume:
        return Goto("cv.start")
    done = [t.text(label) for name, _step, label in SECTIONS if name in data.get("_done", [])]
    upcoming = next((label for _n, step, label in SECTIONS if step == resume), None)
    if done:
        t.say(_("cv.resume.done", done=", ".join(done)))
    else:
        t.say(_("cv.resume.started"))
    if upcoming is not None:
        t.say(_("cv.resume.next", section=t.text(upcoming)))
    return Goto(resume)


def review_prompt(t: Turn) -> str:
    return summary.summary(cv(t), t.catalogs, t.lang) + "\n\n" + t.text(_("cv.review.prompt"))


def review_options(t: Turn) -> list[Option]:
    options = [PDF, BILINGUAL, EDIT, DELETE, MENU]
    return options if t.lang != "fr" else [o for o in options if o is not BILINGUAL]


@flow.question("review", prompt=review_prompt, options=review_options, root=True)
async def review(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    if answer.choice in (PDF.id, BILINGUAL.id):
        if answers.untranslated(data) and answer.choice == PDF.id:
            return Goto("cv.pdf_check")
        return make_pdf(t, bilingual=answer.choice == BILINGUAL.id)
    if answer.choice == EDIT.id:
        return Goto("cv.edit")
    if answer.choice == DELETE.id:
        return Goto("cv.delete")
    return Goto("menu.main")


def check_prompt(t: Turn) -> str:
    waiting = answers.untranslated(cv(t))
    lines = [t.text(_("cv.pdf.untranslated", count=len(waiting)))]
    lines += [f"• {bidi.isolate(text)}" for _where, text in waiting]
    lines.append(t.text(_("cv.pdf.untranslated_choice")))
    return "\n".join(lines)


@flow.question(
    "pdf_check",
    prompt=check_prompt,
    options=(GIVE_NOW, MAKE_ANYWAY, MENU),
    resumable=False,
    temporary=True,
)
async def pdf_check(t: Turn, answer: Answer) -> Next:
    if answer.choice == MAKE_ANYWAY.id:
        return make_pdf(t, bilingual=False)
    if answer.choice == GIVE_NOW.id:
        cv(t)["_pdf_after"] = True  # once the last one is decided, the PDF they asked for
        return next_untranslated(t)
    return Goto("cv.review")


def delete_prompt(t: Turn) -> Msg:
    return _("cv.delete.prompt")


@flow.question("delete", prompt=delete_prompt, options=(YES, NO), resumable=False)
async def delete(t: Turn, answer: Answer) -> Next:
    if answer.choice != YES.id:
        return Goto("cv.review")
    t.state.data.pop("cv", None)
    t.after_commit(forget_pdfs)
    t.say(_("cv.delete.done"))
    return Goto("menu.main")
