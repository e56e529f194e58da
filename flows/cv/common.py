"""What every part of the CV flow shares: the flow, "skip", sections, free text, multiple choice.

Answers live in the conversation data under "cv" (shown by "my data", erased with the person).
A free-text answer is kept as {"text": what they wrote, "fr": French}; unless they write in
French, the French is a machine translation they confirm, rewrite or refuse (`cv.confirm`).
Each section ends with `section_end`, which goes to the next section — or back to the review when
the person is editing that one section.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.cv.vocabulary import Term
from bot.engine.flow import STAY, Answer, Flow, Goto, Next, Preparation, Question
from bot.i18n.msg import Msg, Option, _
from flows.services import Turn

flow = Flow("cv")

SKIP = Option("skip", _("cv.skip"), _("cv.words.skip"))
DONE = Option("done", _("cv.done_choosing"), _("cv.words.done"))
YES = Option("yes", _("cv.yes"), _("answer.words.yes"))
NO = Option("no", _("cv.no"), _("answer.words.no"))

SHORT, LONG = 80, 400  # characters kept for a short and a long free answer

# Sections in order, with their first step; the review lets people edit any one of them.
SECTIONS: list[tuple[str, str, Msg]] = [
    ("identity", "cv.name", _("cv.section.identity")),
    ("status", "cv.status", _("cv.section.status")),
    ("jobs", "cv.jobs", _("cv.section.jobs")),
    ("experience", "cv.exp_add", _("cv.section.experience")),
    ("education", "cv.edu_level", _("cv.section.education")),
    ("languages", "cv.french", _("cv.section.languages")),
    ("skills", "cv.digital", _("cv.section.skills")),
    ("availability", "cv.avail_start", _("cv.section.availability")),
    ("share", "cv.share", _("cv.section.share")),
]


def cv(t: Turn) -> dict[str, Any]:
    return t.data("cv")


def section_end(t: Turn, section: str) -> Next:
    """After the last step of `section`: the next section, or the review."""
    data = cv(t)
    if data.pop("_editing", None) or data.get("complete"):
        return Goto("cv.review")
    names = [name for name, _step, _label in SECTIONS]
    index = names.index(section) + 1
    if index < len(SECTIONS):
        return Goto(SECTIONS[index][1])
    data["complete"] = True
    return Goto("cv.review")


def clip(t: Turn, text: str, limit: int, truncated: bool = False) -> str:
    """Keep answers a CV can hold; say so when an answer was cut."""
    text = " ".join(text.split())
    if len(text) > limit or truncated:
        t.say(_("cv.too_long", max=limit))
        return text[:limit].rstrip()
    return text


def put(data: dict[str, Any], path: Sequence[str | int], value: Any) -> None:
    """data["experience"][-1]["tasks"] = value, for path ("experience", -1, "tasks")."""
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


async def keep_text(t: Turn, path: Sequence[str | int], text: str, asked: str, then: Next) -> Next:
    """Store a free answer with its French; confirm a machine translation first."""
    data = cv(t)
    if t.lang == "fr":
        put(data, path, {"text": text, "fr": text})
        return then
    result = await t.translate(text, t.lang, "fr")
    if result.missing:
        put(data, path, {"text": text, "fr": None})
        t.say(_("cv.untranslated"))
        return then
    data["_pending"] = {
        "path": list(path),
        "text": text,
        "fr": result.text,
        "asked": asked,
        "then": then.step if isinstance(then, Goto) else None,
    }
    return Goto("cv.confirm")


async def to_french(p: Preparation) -> None:
    """`prepare` for free-text questions: start translating before the turn needs it."""
    if p.language != "fr":
        await p.services.translate(" ".join(p.inbound.text.split()), p.language, "fr")


CORRECT = Option("correct", _("cv.confirm.correct"), _("answer.words.yes"))
REWRITE = Option("rewrite", _("cv.confirm.rewrite"))
ORIGINAL = Option("original", _("cv.confirm.original"))


def confirm_prompt(t: Turn) -> Msg:
    pending = cv(t).get("_pending") or {}
    return _("cv.confirm.prompt", french=pending.get("fr", ""))


@flow.question(
    "confirm",
    prompt=confirm_prompt,
    options=(CORRECT, REWRITE, ORIGINAL),
    accepts=("text",),
    resumable=False,
    temporary=True,
    data=True,
)
async def confirm(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    pending = data.get("_pending")
    if not pending:
        return Goto("cv.review")
    if answer.choice == REWRITE.id:
        data.pop("_pending")
        return Goto(pending["asked"])
    if answer.choice is None:  # they typed the French themselves
        french = clip(t, answer.text, LONG, answer.truncated)
        put(data, pending["path"], {"text": pending["text"], "fr": french, "checked": True})
    elif answer.choice == ORIGINAL.id:
        put(data, pending["path"], {"text": pending["text"], "fr": None})
    else:
        put(data, pending["path"], {"text": pending["text"], "fr": pending["fr"], "machine": True})
    data.pop("_pending")
    return Goto(pending["then"] or "cv.review")


def free_text(
    name: str,
    prompt: Msg | Callable[[Turn], Msg],
    path: Callable[[Turn], Sequence[str | int]],
    then: Callable[[Turn], Next],
    *,
    limit: int = LONG,
    translate: bool = True,
    options: Sequence[Option] = (SKIP,),
) -> Question:
    """A question answered in the person's own words (skippable)."""

    async def handler(t: Turn, answer: Answer) -> Next:
        if answer.choice == SKIP.id:
            return then(t)
        if answer.choice is not None:
            return STAY
        text = clip(t, answer.text, limit, answer.truncated)
        if not translate:
            put(cv(t), path(t), {"text": text, "fr": text})
            return then(t)
        return await keep_text(t, path(t), text, f"cv.{name}", then(t))

    return flow.question(
        name,
        prompt=prompt,
        options=options,
        accepts=("text",),
        prepare=to_french if translate else None,
        data=True,
    )(handler)


def pick_many(
    name: str,
    prompt: Msg,
    terms: Sequence[Term],
    key: str,
    then: Callable[[Turn], Next],
    *,
    limit: int = 6,
) -> Question:
    """A question where people pick several answers, one at a time, then "that's all"."""

    def options(t: Turn) -> list[Option]:
        chosen = set(cv(t).get(key, []))
        return [Option(term.id, term.label) for term in terms if term.id not in chosen] + [DONE]

    def ask(t: Turn) -> str:
        chosen = cv(t).get(key, [])
        lines = [t.text(prompt)]
        if chosen:
            labels = [t.text(term.label) for term in terms if term.id in chosen]
            lines.append(t.text(_("cv.chosen", items=", ".join(labels))))
        return "\n".join(lines)

    async def handler(t: Turn, answer: Answer) -> Next:
        chosen: list[str] = cv(t).setdefault(key, [])
        if answer.choice in (DONE.id, None) or len(chosen) >= limit:
            return then(t)
        chosen.append(answer.choice)
        return STAY

    return flow.question(name, prompt=ask, options=options)(handler)


def pick_one(
    name: str,
    prompt: Msg,
    terms: Sequence[Term],
    key: str | Callable[[Turn], Sequence[str | int]],
    then: Callable[[Turn], Next],
) -> Question:
    """A question with one answer among `terms` (or skip); `key` names where it is kept."""

    async def handler(t: Turn, answer: Answer) -> Next:
        if answer.choice != SKIP.id:
            put(cv(t), (key,) if isinstance(key, str) else key(t), answer.choice)
        return then(t)

    options = [Option(term.id, term.label) for term in terms] + [SKIP]
    return flow.question(name, prompt=prompt, options=options)(handler)
