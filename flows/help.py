"""Find help near me: what you need, where you are, then the nearest places that help.

```mermaid
flowchart LR
    menu([menu]) --> category
    category --> place
    place -->|several communes| place_which --> results
    place --> results
    results -->|more / original / translated| results
    results -->|another place| place
    results -->|another kind of help| category
    results -->|nothing near: a volunteer| handover([handover])
```

Each result says how far it is, whether it is open now and today's hours, the languages spoken,
the address, phone and a map link, and when the entry was last checked. Descriptions are shown
in the person's language (machine translation, marked) with the French original one tap away.
Services that answer everywhere (the 115) come first. Sample entries say they are samples.
Where the directory knows nothing near the place (only national lines, or nothing at all), the
person is told so plainly and offered a volunteer, who may know what the directory does not.
"""

from __future__ import annotations

from typing import Any

from bot.directory import hours
from bot.directory.categories import CATEGORIES, Category
from bot.engine.flow import STAY, Answer, Flow, Goto, Next
from bot.i18n import display
from bot.i18n.msg import Msg, Option, _
from flows import french_texts, handover, where
from flows.services import Turn

flow = Flow("help")

PAGE = 3  # results per message: short enough for a small screen and little data
RESULTS = 30  # results kept for "more"
SUMMARY = 280  # characters of a description shown (and translated)
MAP_URL = "https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"

MORE = Option("more", _("help.more"))
ORIGINAL = Option("original", _("help.original"))
TRANSLATED = Option("translated", _("help.translated"))
OTHER_PLACE = Option("place", _("help.other_place"))
OTHER_KIND = Option("kind", _("help.other_kind"))
VOLUNTEER = Option("volunteer", _("menu.volunteer"))
MENU = Option("menu", _("common.back_to_menu"))


def state(t: Turn) -> dict[str, Any]:
    return t.data("help")


def entry(t: Turn) -> Next:
    return Goto("help.category")


@flow.question(
    "category",
    prompt=_("help.category.prompt"),
    options=[Option(c.id, c.label) for c in CATEGORIES] + [MENU],
)
async def category(t: Turn, answer: Answer) -> Next:
    if answer.choice == MENU.id or answer.choice is None:
        return Goto("menu.main")
    state(t)["category"] = answer.choice
    return Goto("help.place")


async def search(t: Turn, place: dict[str, Any]) -> Next:
    data = state(t)
    hits = await t.services.directory.nearest_services(
        data.get("category", "welcome"), place["latitude"], place["longitude"], RESULTS
    )
    data.update(results=[[h.id, _rounded(h.distance_km)] for h in hits], page=0, original=False)
    if t.user.consent == "given":  # so volunteers can tell them of a new place of this kind
        await t.services.directory.note_interests(
            t.user.id,
            [("category", data.get("category", "")), ("department", place.get("department", ""))],
            t.now,
        )
    return Goto("help.results")


where.ask_place(flow, "place", _("help.place.prompt"), search)


def results_options(t: Turn) -> list[Option]:
    data = state(t)
    options = []
    if (data.get("page", 0) + 1) * PAGE < len(data.get("results", [])):
        options.append(MORE)
    if t.lang != "fr" and (data.get("original") or data.get("translated")):
        options.append(TRANSLATED if data.get("original") else ORIGINAL)
    if nothing_near(data):
        options.append(VOLUNTEER)
    return [*options, OTHER_PLACE, OTHER_KIND, MENU]


def nothing_near(data: dict[str, Any]) -> bool:
    """Only lines that answer everywhere were found, or nothing at all."""
    return all(distance is None for _id, distance in data.get("results", []))


async def results_prompt(t: Turn) -> str:
    data = state(t)
    results = data.get("results", [])
    kind = kind_of(t)
    place = (where.remembered(t) or {}).get("name", "")
    if not results:
        return t.text(_("help.none", category=t.text(kind.label), place=place))
    page = data.get("page", 0)
    shown = results[page * PAGE : (page + 1) * PAGE]
    rows = await t.services.directory.services([id_ for id_, _d in shown])
    parts = [t.text(_("help.results.header", category=t.text(kind.label), place=place))]
    texts = french_texts.Shown()
    for id_, distance in shown:  # not numbered: the numbers on screen are the choices below
        row = rows.get(id_)
        if row is not None:
            parts.append(await describe(t, row, distance, data.get("original", False), texts))
    data["translated"] = texts.translated  # so "French original" is offered only if it differs
    parts.extend(french_texts.note(t, texts))
    last = page * PAGE + len(shown)
    if len(results) > PAGE:
        count = _("help.results.count", first=page * PAGE + 1, last=last, total=len(results))
        parts.append(t.text(count))
    if nothing_near(data) and last >= len(results):
        parts.append(t.text(_("help.none_near", category=t.text(kind.label), place=place)))
    return "\n\n".join(parts)


@flow.question("results", prompt=results_prompt, options=results_options)
async def results(t: Turn, answer: Answer) -> Next:
    data = state(t)
    if answer.choice == MORE.id:
        data["page"] = data.get("page", 0) + 1
        return STAY
    if answer.choice in (ORIGINAL.id, TRANSLATED.id):
        data["original"] = answer.choice == ORIGINAL.id
        return STAY
    if answer.choice == OTHER_PLACE.id:
        return Goto("help.place")
    if answer.choice == OTHER_KIND.id:
        return Goto("help.category")
    if answer.choice == VOLUNTEER.id:
        return await ask_volunteer(t)
    return Goto("menu.main")


async def ask_volunteer(t: Turn) -> Next:
    """Nothing near: a request to a volunteer that says what they looked for, and where."""
    moved = await handover.entry(t)
    request = await t.services.handovers.current(t.user.id)
    if request is not None:
        place = (where.remembered(t) or {}).get("name", "")
        looked_for = _("help.volunteer.context", category=kind_of(t).label, place=place)
        await handover.from_person(t, request, "", context=looked_for)
    return moved


def kind_of(t: Turn) -> Category:
    return next((c for c in CATEGORIES if c.id == state(t).get("category")), CATEGORIES[0])


async def describe(
    t: Turn, row: Any, distance: float | None, original: bool, shown: french_texts.Shown
) -> str:
    """One service, line by line, in the person's language."""
    lines = [
        t.text(
            _(
                "help.result.title",
                name=row.name,
                distance=display.distance(distance, t.lang),
            )
            if distance is not None
            else _("help.result.title_national", name=row.name)
        )
    ]
    if row.sample:
        lines.append(t.text(_("help.result.sample")))
    if row.organisation and row.organisation != row.name:
        lines.append(row.organisation)
    lines.extend(t.text(m) for m in opening(t, row))
    if row.languages:
        lines.append(
            t.text(_("help.result.languages", languages=display.languages(row.languages, t.lang)))
        )
    address = " ".join(filter(None, (row.address + ",", row.postcode, row.city))).strip(" ,")
    if address and not row.national:
        lines.append(t.text(_("help.result.address", address=address)))
    if row.phone:
        lines.append(t.text(_("help.result.phone", phone=row.phone)))
    if row.latitude is not None and not row.national:
        url = MAP_URL.format(lat=row.latitude, lon=row.longitude)
        lines.append(t.text(_("help.result.map", url=url)))
    if row.price:
        price = await french_texts.short_text(t, row.price, shown, original)
        lines.append(t.text(_("help.result.price", price=price)))
    if row.description:
        lines.append(
            await french_texts.long_text(
                t, french_texts.clip(row.description, SUMMARY), shown, original
            )
        )
    if row.last_verified:
        lines.append(t.text(_("help.result.checked", date=display.date(row.last_verified, t.lang))))
    return "\n".join(lines)


def opening(t: Turn, row: Any) -> list[Msg]:
    today = hours.today(row.opening_hours, row.postcode, t.now)
    if today is None:
        return [_("help.result.hours_unknown")]
    found: list[Msg] = []
    if today.open_now and today.closes_at is not None:
        found.append(_("help.result.open_until", time=display.time(today.closes_at, t.lang)))
    elif today.open_now:
        found.append(_("help.result.open"))
    elif today.open_now is False and today.opens_at is not None:
        when = (
            display.time(today.opens_at, t.lang)
            if today.opens_at.date() == t.now.astimezone(today.opens_at.tzinfo).date()
            else display.weekday_time(today.opens_at, t.lang)
        )
        found.append(_("help.result.closed_opens", when=when))
    elif today.open_now is False:
        found.append(_("help.result.closed"))
    if today.intervals and not (today.open_now and today.closes_at is None):
        spans = ", ".join(
            f"{display.time(start, t.lang)}–{display.time(end, t.lang)}"
            for start, end in today.intervals
        )
        found.append(_("help.result.today", hours=spans))
    elif not today.intervals:
        found.append(_("help.result.closed_today"))
    return found


def _rounded(km: float | None) -> float | None:
    return round(km, 3) if km is not None else None
