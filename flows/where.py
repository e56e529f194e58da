""" "Where are you?": the question "find help" and "find a job" both ask, and its answer.

A shared location (Telegram, WhatsApp) is taken as it is; a typed city or postcode is matched
leniently against the communes list (bot/directory/places.py). When a name fits several
communes the person picks one; when nothing fits they are told so and asked again. The place is
kept in the conversation data under "where", so the next search offers it first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.directory.places import Gazetteer, Place, gazetteer
from bot.engine.flow import STAY, Answer, Flow, Goto, Next
from bot.i18n.msg import Msg, Option, _
from flows.services import Turn

MENU = Option("menu", _("common.back_to_menu"))
SAME = "same"
OnPlace = Callable[[Turn, dict[str, Any]], Awaitable[Next]]


def places(t: Turn) -> Gazetteer:
    content_dir: Path = t.catalogs.locales_dir.parent
    return gazetteer(content_dir)


def remembered(t: Turn) -> dict[str, Any] | None:
    """The last place this person searched from."""
    place: dict[str, Any] | None = t.data("where").get("place")
    return place


def keep(
    t: Turn, name: str, latitude: float, longitude: float, department: str = ""
) -> dict[str, Any]:
    place = {"name": name, "latitude": latitude, "longitude": longitude, "department": department}
    t.data("where")["place"] = place
    return place


def ask_place(flow: Flow, name: str, prompt: Msg, on_place: OnPlace) -> None:
    """Declare `flow.name` (where are you?) and `flow.name_which` (which of these?); both end
    with `on_place(t, place)` once the place is known."""
    which_key = f"{flow.name}.{name}_which"

    def options(t: Turn) -> list[Option]:
        last = remembered(t)
        same = [Option(SAME, _("where.same", place=last["name"]))] if last else []
        return [*same, MENU]

    @flow.question(name, prompt=prompt, options=options, accepts=("text", "location"))
    async def where(t: Turn, answer: Answer) -> Next:
        if answer.choice == MENU.id:
            return Goto("menu.main")
        if answer.choice == SAME:
            last = remembered(t)
            return await on_place(t, last) if last else STAY
        if answer.location is not None:
            latitude, longitude = answer.location
            near = places(t).nearest(latitude, longitude)
            label = near.name if near else t.text(_("where.shared"))
            department = near.department if near else ""
            return await on_place(t, keep(t, label, latitude, longitude, department))
        found = places(t).find(answer.text)
        if not found:
            t.say(_("where.unknown", text=answer.text[:60]))
            return STAY
        if len(found) == 1:
            return await on_place(t, keep_place(t, found[0]))
        t.data("where")["candidates"] = [_as_dict(t, p) for p in found]
        return Goto(which_key)

    def which_options(t: Turn) -> list[Option]:
        candidates = t.data("where").get("candidates", [])
        return [
            Option(str(i), _("where.candidate", place=c["label"])) for i, c in enumerate(candidates)
        ] + [MENU]

    @flow.question(f"{name}_which", prompt=_("where.which"), options=which_options, temporary=True)
    async def which(t: Turn, answer: Answer) -> Next:
        candidates = t.data("where").pop("candidates", [])
        if answer.choice == MENU.id or not candidates:
            return Goto("menu.main")
        chosen = candidates[int(answer.choice or 0)]
        return await on_place(
            t,
            keep(
                t,
                chosen["name"],
                chosen["latitude"],
                chosen["longitude"],
                chosen.get("department", ""),
            ),
        )


def keep_place(t: Turn, place: Place) -> dict[str, Any]:
    return keep(t, place.name, place.latitude, place.longitude, place.department)


def _as_dict(t: Turn, place: Place) -> dict[str, Any]:
    return {
        "name": place.name,
        "label": places(t).describe(place),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "department": place.department,
    }
