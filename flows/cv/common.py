"""What every part of the CV flow shares: the flow, "skip", sections, where to go next, the
answers already given, and questions that can keep them (`question`).

Answers live in the conversation data under "cv" (shown by "my data", erased with the person);
their shapes are described in bot/cv/answers.py. Besides the answers the CV keeps a little
navigation: `_next` (the question to resume at), `_done` (sections finished), `_at` (which entry
of a list — a job, a diploma, a language — is being filled), `_edit` (a change started from the
review: which questions it covers and which menu it returns to) and `_pending` (what a temporary
question — a confirmation, a "which one?" — is about).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from bot.cv import answers
from bot.cv.vocabulary import Term
from bot.engine.flow import Answer, Current, Flow, Goto, Handler, Next, Options, Prompt, Question
from bot.i18n import bidi
from bot.i18n.msg import Msg, Option, _
from flows.services import Turn

flow = Flow("cv")

SKIP = Option("skip", _("cv.skip"), _("cv.words.skip"))
DONE = Option("done", _("cv.done_choosing"), _("cv.words.done"))
YES = Option("yes", _("cv.yes"), _("answer.words.yes"))
NO = Option("no", _("cv.no"), _("answer.words.no"))
# Offered first when a question that has an answer is asked again (see `question`).
KEEP = Option("unchanged", _("cv.keep"), _("cv.words.keep"))
# No words: "delete" and its kin are the global command that erases everything.
CLEAR = Option("clear", _("cv.clear"))
CHOSEN_MARK = "✓ "

SHORT, LONG = 80, 400  # characters kept for a short and a long free answer
VERSION = 2  # the shapes of bot/cv/answers.py

# Sections in order, with their first question; "Change a part" offers each of them.
SECTIONS: list[tuple[str, str, Msg]] = [
    ("identity", "cv.name", _("cv.section.identity")),
    ("status", "cv.status", _("cv.section.status")),
    ("jobs", "cv.jobs", _("cv.section.jobs")),
    ("experience", "cv.exp_add", _("cv.section.experience")),
    ("education", "cv.edu_add", _("cv.section.education")),
    ("languages", "cv.french", _("cv.section.languages")),
    ("skills", "cv.skills", _("cv.section.skills")),
    ("availability", "cv.avail_start", _("cv.section.availability")),
    ("share", "cv.share", _("cv.section.share")),
]


def cv(t: Turn) -> dict[str, Any]:
    data = t.data("cv")
    if data and data.get("_v") != VERSION:
        answers.upgrade(data)
    data["_v"] = VERSION
    return data


def go(t: Turn, step: str) -> Next:
    """Go to the CV question `step`: remembered as where to resume; during a change started from
    the review, a question outside that change leads back to its menu instead. "end:identity"
    ends a section (see `section_end`)."""
    if step.startswith("end:"):
        return section_end(t, step.removeprefix("end:"))
    data = cv(t)
    edit = data.get("_edit")
    if edit:
        if step in edit["steps"]:
            return Goto(step)
        data.pop("_edit")
        return Goto(edit["menu"])
    data["_next"] = step
    return Goto(step)


def section_end(t: Turn, section: str) -> Next:
    """After the last question of `section`: the next section, or the review."""
    data = cv(t)
    done: list[str] = data.setdefault("_done", [])
    if section not in done:
        done.append(section)
    if data.get("_edit"):
        return go(t, "cv.review")
    names = [name for name, _step, _label in SECTIONS]
    following = [(n, s) for n, s, _l in SECTIONS[names.index(section) + 1 :] if n not in done]
    if following and not data.get("complete"):
        return go(t, following[0][1])
    data["complete"] = True
    data.pop("_next", None)
    return Goto("cv.review")


def clip(t: Turn, text: str, limit: int, truncated: bool = False) -> str:
    """Keep answers a CV can hold; say so when an answer was cut."""
    text = " ".join(text.split())
    if len(text) > limit or truncated:
        t.say(_("cv.too_long", max=limit))
        return text[:limit].rstrip()
    return text


def has_letters(text: str) -> bool:
    """An answer a CV can print needs letters or digits (not only emoji or punctuation)."""
    return any(ch.isalnum() for ch in text)


def put(data: dict[str, Any], path: Sequence[str | int], value: Any) -> None:
    """data["experience"][2]["tasks"] = value, for path ("experience", 2, "tasks")."""
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def get(data: dict[str, Any], path: Sequence[str | int]) -> Any:
    target: Any = data
    for key in path:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return None
    return target


def answered(t: Turn, path: Sequence[str | int], show: Callable[[Any], str | None]) -> str | None:
    """The answer kept at `path` as the person reads it back: "Skip" for a question they
    skipped, nothing for one not asked yet."""
    target: Any = cv(t)
    for key in path:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return None
    return t.text(SKIP.label) if target is None else show(target)


# --- entries of a list (jobs done, diplomas, languages) ------------------------------------


def at(t: Turn, section: str) -> int:
    """The index of the entry of `section` being filled or changed."""
    index: int = cv(t).get("_at", {}).get(section, 0)
    return index


def entry(t: Turn, section: str) -> dict[str, Any]:
    """The entry of `section` being filled (created when first written to)."""
    entries: list[dict[str, Any]] = cv(t).setdefault(section, [])
    index = at(t, section)
    while len(entries) <= index:
        entries.append({})
    return entries[index]


def start_entry(t: Turn, section: str, index: int | None = None) -> None:
    """Fill a new entry of `section` (or change entry `index`)."""
    data = cv(t)
    entries = data.setdefault(section, [])
    entries[:] = [e for e in entries if any(v is not None for v in e.values())]
    data.setdefault("_at", {})[section] = len(entries) if index is None else index


# --- what the person already answered ------------------------------------------------------


def shown(t: Turn, value: Any, terms: Sequence[Term] = ()) -> str | None:
    """An answer as the person reads it back: a term's label, a free answer as they wrote it
    (with its French when there is one), a name with its Latin spelling."""
    if value is None:
        return None
    if isinstance(value, str) and terms:
        found = next((term for term in terms if term.id == value), None)
        return t.text(found.label) if found else None
    if isinstance(value, dict):
        text = str(value.get("text") or value.get("name") or "")
        french = value.get("latin") or answers.french(value)
        if french and french != text:
            return f"{bidi.isolate(text)} → {bidi.isolate(str(french))}"
        return bidi.isolate(text) if text else None
    if isinstance(value, list):
        labels = [shown(t, item, terms) for item in value]
        return ", ".join(label for label in labels if label) or None
    return str(value)


# --- questions asked again ------------------------------------------------------------------

# The questions declared through `question`, and how each keeps its answer (None: its own
# "that's all" does).
KEEPING: dict[str, Callable[[Turn], Next] | None] = {}


def question(
    name: str,
    *,
    prompt: Prompt,
    current: Callable[[Turn], str | None],
    keep: Callable[[Turn], Next] | None,
    options: Options = (SKIP,),
    **settings: Any,
) -> Callable[[Handler], Question]:
    """A CV question that can already have an answer (asked again after "back", or to change it
    from the review). While it has one, "✔ Keep it" comes first and leads where the answer leads,
    leaving it as it is; "skip" gives way to "Remove this answer": pressed on an answered
    question, "skip" would mean "go on" to the person and "erase" to the CV. Typed skip words
    keep the answer (they are among the keep words). `keep` is None for a list whose "that's all"
    already keeps what is ticked (its numbers must not move while the person ticks)."""

    def offered(t: Turn) -> Sequence[Option]:
        base = list(options(t) if callable(options) else options)
        if keep is None or not has_answer(t, current):
            return base
        return [KEEP, *(CLEAR if option.id == SKIP.id else option for option in base)]

    def register(handler: Handler) -> Question:
        @functools.wraps(handler)  # its module: where the moves it makes are checked
        async def answered_again(t: Turn, answer: Answer) -> Next:
            if answer.choice == KEEP.id and keep is not None:
                return keep(t)
            if answer.choice == CLEAR.id:
                return await handler(t, Answer(choice=SKIP.id))
            return await handler(t, answer)

        KEEPING[f"{flow.name}.{name}"] = keep
        shown: Current = current
        return flow.question(name, prompt=prompt, options=offered, current=shown, **settings)(
            answered_again
        )

    return register


def has_answer(t: Turn, current: Callable[[Turn], str | None]) -> bool:
    """An answer to keep: given, not skipped."""
    now = current(t)
    return now is not None and now != t.text(SKIP.label)


def chosen_label(label: str, chosen: bool) -> str:
    return CHOSEN_MARK + label if chosen else label
