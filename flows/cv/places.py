"""Places on a CV: the commune where you live or worked in France (the communes list, in any
script: "سان دوني" is Saint-Denis — which one?), a country (CLDR names in every language), and a
town abroad (in Latin letters, confirmed like a name)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.cv.normalize import countries, names
from bot.directory.places import Place
from bot.engine.flow import STAY, Answer, Goto, Next, Question
from bot.i18n.msg import Msg, Option, _
from flows import where
from flows.cv.common import SKIP, answered, cv, flow, go, has_letters, put, question
from flows.services import Turn

Path = Callable[[Turn], Sequence[str | int]]


def commune(t: Turn, answer: Answer, path: Sequence[str | int], then: str) -> Next:
    """The commune typed, kept at `path`; several that fit: "which one?"; none: ask again."""
    found = where.places(t).find(answer.text)
    guessed = False
    if not found and not names.is_latin(answer.text):  # "مونتروی": its Latin spelling, to confirm
        found = where.places(t).find(names.suggest(answer.text, t.lang))
        guessed = True
    if not found:
        t.say(_("cv.city.unknown", text=answer.text[:60]))
        return STAY
    places = [_place(t, p, answer.text) for p in found]
    if len(places) == 1 and not guessed:
        put(cv(t), path, places[0])
        return go(t, then)
    cv(t)["_pending"] = {"path": list(path), "candidates": places, "then": then}
    return Goto("cv.city_which")


def _place(t: Turn, place: Place, typed: str) -> dict[str, Any]:
    return {
        "name": place.name,
        "label": where.places(t).describe(place),
        "department": place.department,
        "postcode": place.postcode,
        "typed": typed,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def which_options(t: Turn) -> list[Option]:
    candidates = (cv(t).get("_pending") or {}).get("candidates", [])
    return [
        Option(str(i), _("where.candidate", place=c["label"])) for i, c in enumerate(candidates)
    ] + [SKIP]


@flow.question(
    "city_which", prompt=_("where.which"), options=which_options, resumable=False, temporary=True
)
async def city_which(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    pending = data.pop("_pending", None) or {}
    if not pending:
        return Goto("cv.review")
    if answer.choice != SKIP.id:
        put(data, pending["path"], pending["candidates"][int(answer.choice or 0)])
    return go(t, pending["then"])


# --- a country ------------------------------------------------------------------------------


def country_name(t: Turn, code: object) -> str | None:
    """A country as the person reads it (in their language), from its code."""
    return countries.name(code, t.lang) if isinstance(code, str) else None


def country(
    name: str, prompt: Msg | Callable[[Turn], Msg | str], path: Path, then: Callable[[Turn], str]
) -> Question:
    """A question answered with a country, typed in any language."""

    async def handler(t: Turn, answer: Answer) -> Next:
        if answer.choice == SKIP.id:
            put(cv(t), path(t), None)
            return go(t, then(t))
        found = countries.find(answer.text) if has_letters(answer.text) else []
        if not found:
            t.say(_("cv.country.unknown", text=answer.text[:60]))
            return STAY
        if len(found) == 1:
            put(cv(t), path(t), found[0])
            return go(t, then(t))
        cv(t)["_pending"] = {"path": list(path(t)), "candidates": found, "then": then(t)}
        return Goto("cv.country_which")

    def current(t: Turn) -> str | None:
        return answered(t, path(t), lambda code: country_name(t, code))

    return question(
        name,
        prompt=prompt,
        accepts=("text",),
        data=True,
        current=current,
        keep=lambda t: go(t, then(t)),
    )(handler)


def country_options(t: Turn) -> list[Option]:
    codes = (cv(t).get("_pending") or {}).get("candidates", [])
    return [Option(code, _("cv.as_written", item=countries.name(code, t.lang))) for code in codes]


@flow.question(
    "country_which",
    prompt=_("cv.country.which"),
    options=country_options,
    resumable=False,
    temporary=True,
)
async def country_which(t: Turn, answer: Answer) -> Next:
    pending = cv(t).pop("_pending", None)
    if not pending:
        return Goto("cv.review")
    put(cv(t), pending["path"], answer.choice)
    return go(t, pending["then"])
