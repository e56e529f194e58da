"""Answers in the person's own words (the tasks of a job, a field of study), and their French.

Where a translation model exists, the machine's French is shown for the person to confirm,
rewrite, keep their own words or leave the item out (`cv.confirm`). Where none exists (Pashto
and Tigrinya always; every language until models are installed) they type it in French, ask a
volunteer to write it with them — which opens a request carrying the text — keep it as written,
or leave it out (`cv.untranslated`). Both questions are temporary: "back" never returns to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.cv import answers
from bot.cv.normalize import names
from bot.engine.flow import STAY, Answer, Goto, Next, Preparation, Question
from bot.i18n.msg import Msg, Option, _
from flows import handover
from flows.cv.common import (
    LONG,
    SKIP,
    answered,
    clip,
    cv,
    flow,
    go,
    has_letters,
    put,
    question,
    shown,
)
from flows.cv.pdfs import make_pdf
from flows.services import Turn

Path = Callable[[Turn], Sequence[str | int]]

CORRECT = Option("correct", _("cv.confirm.correct"), _("answer.words.yes"))
REWRITE = Option("rewrite", _("cv.confirm.rewrite"))
KEEP = Option("keep", _("cv.confirm.keep"))
LEAVE_OUT = Option("out", _("cv.confirm.out"))
VOLUNTEER = Option("volunteer", _("cv.untranslated.volunteer"))
LATER = Option("later", _("cv.untranslated.later"))
NEXT_UNTRANSLATED = "next-untranslated"  # after a decision: the next answer without French


async def keep_text(t: Turn, path: Sequence[str | int], text: str, asked: str, then: str) -> Next:
    """Store a free answer with its French: at once in French, else through a confirmation."""
    data = cv(t)
    if t.lang == "fr" and names.is_latin(text):
        put(data, path, answers.free(text, text, "same"))
        return go(t, then)
    result = await t.translate(text, t.lang, "fr") if t.lang != "fr" else None
    if result is None:  # French, in another script: nothing to translate from
        put(data, path, answers.free(text, None, None))
        data["_pending"] = {"path": list(path), "text": text, "asked": asked, "then": then}
        return Goto("cv.untranslated")
    pending = {"path": list(path), "text": text, "asked": asked, "then": then}
    if not result.missing and not result.machine:  # a volunteer's correction: human French
        put(data, path, answers.free(text, result.text, "typed"))
        return go(t, then)
    put(data, path, answers.free(text, None, None))
    if result.missing:
        data["_pending"] = pending
        return Goto("cv.untranslated")
    data["_pending"] = {**pending, "fr": result.text}
    return Goto("cv.confirm")


async def to_french(p: Preparation) -> None:
    """`prepare` for free-text questions: start translating before the turn needs it."""
    if p.language != "fr" and p.inbound.text:
        await p.services.translate(" ".join(p.inbound.text.split()), p.language, "fr")


def free_text(
    name: str,
    prompt: Msg | Callable[[Turn], Msg | str],
    path: Path,
    then: Callable[[Turn], str],
    *,
    limit: int = LONG,
    options: Sequence[Option] = (SKIP,),
) -> Question:
    """A question answered in the person's own words (skippable), kept with its French."""

    async def handler(t: Turn, answer: Answer) -> Next:
        if answer.choice == SKIP.id:
            put(cv(t), path(t), None)
            return go(t, then(t))
        if answer.choice is not None:
            return STAY
        if not has_letters(answer.text):
            t.say(_("cv.text.no_letters"))
            return STAY
        text = clip(t, answer.text, limit, answer.truncated)
        return await keep_text(t, path(t), text, f"cv.{name}", then(t))

    def current(t: Turn) -> str | None:
        return answered(t, path(t), lambda value: shown(t, value))

    return question(
        name,
        prompt=prompt,
        options=options,
        accepts=("text",),
        data=True,
        prepare=to_french,
        current=current,
        keep=lambda t: go(t, then(t)),
    )(handler)


def pending(t: Turn) -> dict[str, Any]:
    found: dict[str, Any] = cv(t).get("_pending") or {}
    return found


def confirm_prompt(t: Turn) -> Msg:
    return _("cv.confirm.prompt", french=pending(t).get("fr", ""))


@flow.question(
    "confirm",
    prompt=confirm_prompt,
    options=(CORRECT, REWRITE, KEEP, LEAVE_OUT),
    accepts=("text",),
    data=True,
    resumable=False,
    temporary=True,
)
async def confirm(t: Turn, answer: Answer) -> Next:
    waiting = pending(t)
    if not waiting:
        return Goto("cv.review")
    if answer.choice == REWRITE.id:
        return Goto(waiting["asked"])
    if answer.choice == CORRECT.id:
        return decided(t, waiting["fr"], "machine")
    return await untranslated.handler(t, answer)


def untranslated_prompt(t: Turn) -> Msg:
    language = t.text(_("language.autonym"))
    return _("cv.untranslated.prompt", text=pending(t).get("text", ""), language=language)


@flow.question(
    "untranslated",
    prompt=untranslated_prompt,
    options=(VOLUNTEER, KEEP, LEAVE_OUT, LATER),
    accepts=("text",),
    data=True,
    resumable=False,
    temporary=True,
)
async def untranslated(t: Turn, answer: Answer) -> Next:
    """Typed text is the French; or ask a volunteer, keep it as written, leave it out, or decide
    later (the person is asked again before the PDF is made)."""
    waiting = pending(t)
    if not waiting:
        return Goto("cv.review")
    if answer.choice == KEEP.id:
        return decided(t, None, "kept")
    if answer.choice == LEAVE_OUT.id:
        return decided(t, None, "out")
    if answer.choice == LATER.id:
        if waiting["then"] == NEXT_UNTRANSLATED:  # asked before the PDF: back to the review
            cv(t).pop("_pending", None)
            cv(t).pop("_pdf_after", None)
            return Goto("cv.review")
        return decided(t, None, None)
    if answer.choice == VOLUNTEER.id:
        cv(t).pop("_pdf_after", None)  # the PDF waits for the volunteer's French
        decided(t, None, "volunteer")
        return await ask_volunteer(t, waiting["text"], waiting["path"])
    if not has_letters(answer.text) or not names.is_latin(answer.text):
        t.say(_("cv.untranslated.in_french"))
        return STAY
    return decided(t, clip(t, answer.text, LONG, answer.truncated), "typed")


def decided(t: Turn, french: str | None, how: str | None) -> Next:
    """Keep what the person decided for the pending answer, then go on."""
    data = cv(t)
    waiting = data.pop("_pending")
    put(data, waiting["path"], answers.free(waiting["text"], french, how))
    if waiting["then"] == NEXT_UNTRANSLATED:
        return next_untranslated(t)
    return go(t, waiting["then"])


def next_untranslated(t: Turn) -> Next:
    """Before a PDF: ask for the French of the first answer still without it, one after the
    other; the review when none is left."""
    data = cv(t)
    waiting = answers.untranslated(data)
    if not waiting:
        if data.pop("_pdf_after", False):  # they gave the French to get their PDF: here it is
            return make_pdf(t, bilingual=False)
        return Goto("cv.review")
    where, text = waiting[0]
    path = [int(p) if p.isdigit() else p for p in where.split(".")]
    data["_pending"] = {"path": path, "text": text, "asked": "cv.review", "then": NEXT_UNTRANSLATED}
    return Goto("cv.untranslated")


async def ask_volunteer(t: Turn, text: str, path: Sequence[str | int] = ()) -> Next:
    """Open a request to a volunteer carrying the words to write in French. The volunteer reads,
    in their own language, that it is a CV answer and which one, then the words as written
    (translated, or marked as not: a French volunteer may not read Tigrinya)."""
    data = cv(t)
    t.say(_("cv.volunteer.opening"))
    moved = await handover.entry(t)
    request = await t.services.handovers.current(t.user.id)
    if request is not None:
        context = _("cv.volunteer.context", question=about(path))
        await handover.from_person(t, request, text, context=context)
    data["_next"] = data.get("_next") or "cv.review"
    return moved


def about(path: Sequence[str | int]) -> Msg:
    """Which answer of the CV `path` is, for a volunteer: "the tasks of a job"."""
    if path and path[0] == "jobs":
        return _("cv.volunteer.about.wanted")
    last = path[-1] if path else ""
    if last == "job":
        return _("cv.volunteer.about.job")
    if last == "tasks":
        return _("cv.volunteer.about.tasks")
    if last == "field":
        return _("cv.volunteer.about.field")
    if path and path[0] == "skills_typed":
        return _("cv.volunteer.about.skill")
    return _("cv.volunteer.about.other")
