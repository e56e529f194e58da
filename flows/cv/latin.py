"""Words a French CV must print in Latin letters: the person's name, an employer, a town abroad.

Typed in Latin letters, they are kept as typed. Typed in another script, the person is offered
the most likely Latin spelling (bot/cv/normalize/names.py; for an employer, its common nouns in
French: bot/cv/normalize/employers.py) and asked to confirm it, type it (their name: as their
papers write it — said for the name only), or keep it as written (`cv.latin`, a temporary
question).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from bot.cv.normalize import employers, names
from bot.engine.flow import STAY, Answer, Goto, Next, Preparation, Question
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import (
    SHORT,
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
from flows.services import Turn

Path = Callable[[Turn], Sequence[str | int]]

RIGHT = Option("right", _("cv.latin.right"), _("answer.words.yes"))
AS_WRITTEN = Option("keep", _("cv.latin.keep"))


async def warm_up(p: Preparation) -> None:
    """`prepare`: load the romaniser a name in this script needs, off the event loop."""
    if p.inbound.text and not names.is_latin(p.inbound.text):
        await asyncio.to_thread(names.warm_up, p.inbound.text)


def latin_text(
    name: str,
    prompt: Msg | Callable[[Turn], Msg | str],
    path: Path,
    then: Callable[[Turn], str],
    *,
    skip: bool = True,
) -> Question:
    """A question whose answer the French CV prints in Latin letters."""

    async def handler(t: Turn, answer: Answer) -> Next:
        if answer.choice == SKIP.id:
            put(cv(t), path(t), None)
            return go(t, then(t))
        if not has_letters(answer.text):
            t.say(_("cv.text.no_letters"))
            return STAY
        return written(t, path(t), clip(t, answer.text, SHORT, answer.truncated), then(t))

    def current(t: Turn) -> str | None:
        return answered(t, path(t), lambda value: shown(t, value))

    return question(
        name,
        prompt=prompt,
        options=(SKIP,) if skip else (),
        accepts=("text",),
        data=True,
        prepare=warm_up,
        current=current,
        keep=lambda t: go(t, then(t)),
    )(handler)


def written(t: Turn, path: Sequence[str | int], text: str, then: str) -> Next:
    """Keep `text`; if it is not in Latin letters, first ask how papers spell it."""
    if names.is_latin(text):
        put(cv(t), path, {"text": text, "latin": text})
        return go(t, then)
    put(cv(t), path, {"text": text, "latin": None})
    employer = bool(path) and path[-1] == "employer"
    cv(t)["_pending"] = {
        "path": list(path),
        "text": text,
        "latin": (employers if employer else names).suggest(text, t.lang),
        "then": then,
    }
    return Goto("cv.latin")


def latin_prompt(t: Turn) -> Msg:
    """How to write it in Latin letters; "exactly as on your titre de séjour" for the person's
    name only (an employer or a town is on no paper of theirs)."""
    pending = cv(t).get("_pending") or {}
    text, latin = pending.get("text", ""), pending.get("latin", "")
    if pending.get("path") == ["name"]:
        return _("cv.latin.prompt_name", text=text, latin=latin)
    return _("cv.latin.prompt", text=text, latin=latin)


@flow.question(
    "latin",
    prompt=latin_prompt,
    options=(RIGHT, AS_WRITTEN),
    accepts=("text",),
    data=True,
    resumable=False,
    temporary=True,
)
async def confirm_latin(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    pending = data.get("_pending")
    if not pending:
        return Goto("cv.review")
    if answer.choice == RIGHT.id:
        value = {"text": pending["text"], "latin": pending["latin"]}
    elif answer.choice == AS_WRITTEN.id:
        value = {"text": pending["text"], "latin": None, "keep": True}
    else:
        typed = clip(t, answer.text, SHORT, answer.truncated)
        if not names.is_latin(typed) or not has_letters(typed):
            name = pending["path"] == ["name"]
            t.say(_("cv.latin.not_latin_name") if name else _("cv.latin.not_latin"))
            return STAY
        value = {"text": pending["text"], "latin": typed}
    data.pop("_pending")
    put(data, pending["path"], value)
    return go(t, pending["then"])
