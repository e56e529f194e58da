"""Questions answered from a list: one answer (`pick_one`) or several (`pick_many`).

A list keeps its numbers while the person chooses: what is chosen is marked ✓ and stays where it
was, choosing it again un-chooses it, and "that's all" keeps its number. A limit is said, never
applied silently. Asked again, a list keeps its answer: "✔ Keep it" for one answer, "that's
all" for several (see `common.question`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.cv.vocabulary import Term
from bot.engine.flow import STAY, Answer, Next, Question
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import DONE, SKIP, answered, cv, put, question, shown
from flows.services import Turn

Path = Callable[[Turn], Sequence[str | int]]


def chosen_option(t: Turn, option_id: str, label: Msg, chosen: bool) -> Option:
    """An option of a multi-choice list, marked ✓ when chosen (its number does not move)."""
    return Option(option_id, _("cv.chosen_item", item=t.text(label)) if chosen else label)


def pick_one(
    name: str,
    prompt: Msg | Callable[[Turn], Msg | str],
    terms: Sequence[Term],
    key: str | Path,
    then: Callable[[Turn], Next],
    *,
    skip: bool = True,
) -> Question:
    """A question with one answer among `terms` (or skip); `key` names where it is kept."""

    def path(t: Turn) -> Sequence[str | int]:
        return (key,) if isinstance(key, str) else key(t)

    async def handler(t: Turn, answer: Answer) -> Next:
        put(cv(t), path(t), None if answer.choice == SKIP.id else answer.choice)
        return then(t)

    def current(t: Turn) -> str | None:
        return answered(t, path(t), lambda value: shown(t, value, terms))

    options = [Option(term.id, term.label, term.words) for term in terms] + ([SKIP] if skip else [])
    return question(name, prompt=prompt, options=options, current=current, keep=then)(handler)


def pick_many(
    name: str,
    prompt: Msg | Callable[[Turn], Msg | str],
    terms: Callable[[Turn], Sequence[Term]] | Sequence[Term],
    key: str,
    then: Callable[[Turn], Next],
    *,
    limit: int = 6,
) -> Question:
    """A question where people choose several answers, one at a time, then "that's all"."""

    def listed(t: Turn) -> Sequence[Term]:
        return terms(t) if callable(terms) else terms

    def options(t: Turn) -> list[Option]:
        chosen = set(cv(t).get(key) or [])
        return [chosen_option(t, term.id, term.label, term.id in chosen) for term in listed(t)] + [
            DONE
        ]

    def ask(t: Turn) -> str:
        base = prompt(t) if callable(prompt) else prompt
        lines = [t.text(base), t.text(_("cv.choose_many", max=limit))]
        return "\n".join(lines)

    async def handler(t: Turn, answer: Answer) -> Next:
        chosen: list[str] = cv(t).setdefault(key, None) or []
        cv(t)[key] = chosen
        if answer.choice == DONE.id or answer.choice is None:
            return then(t)
        return toggle(t, chosen, answer.choice, limit)

    def current(t: Turn) -> str | None:
        return shown(t, cv(t).get(key) or None, listed(t))

    return question(name, prompt=ask, options=options, current=current, keep=None)(handler)


def toggle(t: Turn, chosen: list[Any], item: Any, limit: int) -> Next:
    """Choose `item`, or un-choose it if it was chosen; past `limit`, say so."""
    if item in chosen:
        chosen.remove(item)
        return STAY
    if len(chosen) >= limit:
        t.say(_("cv.limit", max=limit))
        return STAY
    chosen.append(item)
    return STAY
