"""Find a job: offers ranked with what the CV says, one offer in detail, "I'm interested", filters
and alerts.

```mermaid
flowchart LR
    menu([menu]) --> search{{CV: jobs, city, distance, contracts, French}}
    search -->|no usable city| place --> results
    search --> results
    results -->|an offer| offer
    offer -->|I'm interested: how to apply, the CV| next --> results
    offer --> results
    results -->|filters| contract --> distance --> results
    results -->|alert me| alert --> next
```

The ranking itself lives in bot/directory/search.py. Offers are shown in the person's language
(machine translation, marked) with the French original beside the title and one tap away for the
description. "I'm interested" records the interest and says how to apply; when the person agreed
that employers may see their CV, the French CV comes with it, ready to send. Offers employers
posted themselves (bot/employers) are marked with their commitment, and the association sends
the CV to the employer as they asked (by mail, or through a coordinator), saying so to the person.
"""

from __future__ import annotations

from typing import Any

from bot.cv.vocabulary import DISTANCES, WORK_RIGHT
from bot.directory import trades
from bot.directory.records import CONTRACT_LABELS, EMPLOYER_SOURCE
from bot.directory.search import JobQuery
from bot.engine.flow import STAY, Answer, Flow, Goto, Next
from bot.i18n import display
from bot.i18n.msg import Msg, Option, _
from flows import french_texts, where
from flows.cv.pdfs import pdf_job
from flows.cv.status import statements
from flows.employer_offers import through_association
from flows.services import Turn

flow = Flow("jobs")

PAGE = 3
RESULTS = 30
DETAIL = 900  # characters of an offer's description shown
RADIUS_KM = {"city": 10.0, "10": 10.0, "30": 30.0, "50": 50.0, "france": None}
DEFAULT_RADIUS = "30"

MORE = Option("more", _("jobs.more"))
FILTERS = Option("filters", _("jobs.filters"))
ALERT = Option("alert", _("jobs.alert"))
ALERT_ON = Option("alert", _("jobs.alert_on"))  # the same step: change or stop it
OTHER_PLACE = Option("place", _("jobs.other_place"))
INTERESTED = Option("interested", _("jobs.interested"))
ORIGINAL = Option("original", _("jobs.original"))
TRANSLATED = Option("translated", _("jobs.translated"))
BACK_TO_LIST = Option("list", _("jobs.back_to_list"))
ANY = Option("any", _("jobs.filter.any"))
YES = Option("yes", _("jobs.alert.yes"), _("answer.words.yes"))
NO = Option("no", _("jobs.alert.no"), _("answer.words.no"))
STOP_ALERT = Option("stop", _("jobs.alert.stop"))
MENU = Option("menu", _("common.back_to_menu"))


def state(t: Turn) -> dict[str, Any]:
    return t.data("jobs")


def cv(t: Turn) -> dict[str, Any]:
    return t.data("cv")


async def entry(t: Turn) -> Next:
    """From the menu: a word about the right to work when needed, then the offers."""
    status = cv(t).get("status")
    if status and status not in WORK_RIGHT:
        known = statements(t.catalogs.locales_dir.parent)
        if status in known:
            t.say(Msg(known[status].message))
    if not query(t).targeted:
        t.say(_("jobs.no_targets"))
    place = state(t).get("place") or from_cv(t)
    if place is None:
        return Goto("jobs.place")
    return await search(t, place)


def from_cv(t: Turn) -> dict[str, Any] | None:
    """The CV's city, when it names exactly one commune."""
    city = (cv(t).get("city") or {}).get("text", "")
    found = where.places(t).find(city) if city else []
    return where.keep_place(t, found[0]) if len(found) == 1 else None


def query(t: Turn) -> JobQuery:
    data, filters = cv(t), state(t).get("filters", {})
    place = state(t).get("place") or {}
    distance = filters.get("distance") or data.get("distance") or DEFAULT_RADIUS
    contracts = [filters["contract"]] if filters.get("contract") else data.get("contracts", [])
    return JobQuery(
        rome=tuple(dict.fromkeys(j["rome"] for j in data.get("jobs", []) if j.get("rome"))),
        # Trades typed in the person's words: their French (or as typed) against offer titles.
        words=trades.phrases(
            j.get("fr") or j.get("text") or "" for j in data.get("jobs", []) if not j.get("rome")
        ),
        latitude=place.get("latitude"),
        longitude=place.get("longitude"),
        radius_km=RADIUS_KM.get(distance, 30.0),
        contracts=tuple(contracts),
        french_level=data.get("french") or "",
        place=place.get("name", ""),
    )


async def search(t: Turn, place: dict[str, Any]) -> Next:
    data = state(t)
    data["place"] = place
    wanted = query(t)
    hits = await t.services.directory.rank_jobs(wanted, RESULTS)
    if t.user.consent == "given":  # so volunteers can tell them of a job fair in their trade
        await t.services.directory.note_interests(
            t.user.id,
            [("trade", code) for code in wanted.rome]
            + [("department", place.get("department", ""))],
            t.now,
        )
    data.update(
        results=[
            [h.id, round(h.distance_km, 3) if h.distance_km is not None else None] for h in hits
        ],
        page=0,
    )
    return Goto("jobs.results")


where.ask_place(flow, "place", _("jobs.place.prompt"), search)


# --- the list ----------------------------------------------------------------------------


def shown(t: Turn) -> list[list[Any]]:
    data = state(t)
    page = data.get("page", 0)
    results: list[list[Any]] = data.get("results", [])
    return results[page * PAGE : (page + 1) * PAGE]


def results_options(t: Turn) -> list[Option]:
    """The offers on screen first, numbered as in the list above, then what to do next."""
    data = state(t)
    options = [Option(f"offer{i}", _("jobs.open", number=i + 1)) for i in range(len(shown(t)))]
    if (data.get("page", 0) + 1) * PAGE < len(data.get("results", [])):
        options.append(MORE)
    alert = ALERT_ON if data.get("alert") else ALERT
    return [*options, FILTERS, alert, OTHER_PLACE, MENU]


async def results_prompt(t: Turn) -> str:
    data = state(t)
    place = (data.get("place") or {}).get("name", "")
    if not data.get("results"):
        return t.text(_("jobs.none", place=place))
    page = data.get("page", 0)
    rows = await t.services.directory.jobs([id_ for id_, _d in shown(t)])
    parts = [t.text(_("jobs.results.header", place=place))]
    texts = french_texts.Shown()
    for number, (id_, distance) in enumerate(shown(t), start=1):  # the numbers of their choices
        row = rows.get(id_)
        if row is not None:
            parts.append(await headline(t, number, row, distance, texts))
    total = len(data["results"])
    pages = (total + PAGE - 1) // PAGE
    parts.append(t.text(_("jobs.results.count", page=page + 1, pages=pages, total=total)))
    return "\n\n".join([*parts, *french_texts.note(t, texts)])


@flow.question("results", prompt=results_prompt, options=results_options)
async def results(t: Turn, answer: Answer) -> Next:
    data = state(t)
    choice = answer.choice or ""
    if choice.startswith("offer"):
        picked = shown(t)[int(choice.removeprefix("offer"))]
        data.update(offer=picked, original=False)
        return Goto("jobs.offer")
    if choice == MORE.id:
        data["page"] = data.get("page", 0) + 1
        return STAY
    if choice == FILTERS.id:
        return Goto("jobs.filter_contract")
    if choice == ALERT.id:
        return Goto("jobs.alert")
    if choice == OTHER_PLACE.id:
        return Goto("jobs.place")
    return Goto("menu.main")


async def headline(
    t: Turn, number: int | None, row: Any, distance: float | None, texts: french_texts.Shown
) -> str:
    """Title, badges, employer · contract · place: an offer in a list, or atop its details."""
    title = await french_texts.short_text(t, row.title, texts)
    lines = [
        t.text(
            _("jobs.result.title", number=number, title=title)
            if number is not None
            else _("jobs.offer.title", title=title)
        )
    ]
    if row.sample:
        lines.append(t.text(_("jobs.result.sample")))
    if row.source == EMPLOYER_SOURCE:  # their own commitment, never a condition to apply
        lines.append(t.text(_("jobs.employer.badge")))
    elif row.refugee_friendly:
        lines.append(t.text(_("jobs.result.friendly")))
    where_line = row.city or row.postcode
    if distance is not None:
        where_line = t.text(
            _("jobs.result.place", city=where_line, distance=display.distance(distance, t.lang))
        )
    facts = [t.text(CONTRACT_LABELS.get(row.contract, CONTRACT_LABELS["other"]))]
    if row.employer:
        facts.insert(0, row.employer)
    lines.append(" · ".join([*facts, where_line]))
    return "\n".join(lines)


# --- one offer ---------------------------------------------------------------------------


def offer_options(t: Turn) -> list[Option]:
    data = state(t)
    toggle = [TRANSLATED if data.get("original") else ORIGINAL]
    if t.lang == "fr" or not (data.get("original") or data.get("translated")):
        toggle = []  # the French original would be the same text
    return [INTERESTED, *toggle, BACK_TO_LIST, MENU]


async def offer_prompt(t: Turn) -> str:
    data = state(t)
    id_, distance = data.get("offer") or (None, None)
    row = (await t.services.directory.jobs([id_])).get(id_) if id_ is not None else None
    if row is None:
        return t.text(_("jobs.offer.gone"))
    texts = french_texts.Shown()
    lines = [await headline(t, None, row, distance, texts)]
    original = bool(data.get("original"))
    salary, hours, experience = [
        await french_texts.short_text(t, value, texts, original) if value else ""
        for value in (row.salary, row.hours, row.experience)
    ]
    details = [
        (salary, _("jobs.offer.salary", value=salary)),
        (hours, _("jobs.offer.hours", value=hours)),
        (experience, _("jobs.offer.experience", value=experience)),
        (row.french_level, _("jobs.offer.french", value=row.french_level)),
    ]
    lines.extend(t.text(msg) for value, msg in details if value)
    if row.driving_licence:
        lines.append(t.text(_("jobs.offer.licence")))
    if row.description:
        lines.append(
            await french_texts.long_text(
                t, french_texts.clip(row.description, DETAIL), texts, original
            )
        )
    employer = await t.services.employers.offer_of(row)
    if employer is not None:
        start, end = (display.date(day, t.lang) for day in (employer.starts_on, employer.ends_on))
        lines.append(t.text(_("jobs.employer.dates", start=start, end=end)))
    if row.published_at:
        lines.append(t.text(_("jobs.offer.published", date=display.date(row.published_at, t.lang))))
    data["translated"] = texts.translated  # so "French original" is offered only if it differs
    return "\n".join([*lines, *french_texts.note(t, texts)])


@flow.question("offer", prompt=offer_prompt, options=offer_options)
async def offer(t: Turn, answer: Answer) -> Next:
    data = state(t)
    if answer.choice == INTERESTED.id:
        return await interested(t)
    if answer.choice in (ORIGINAL.id, TRANSLATED.id):
        data["original"] = answer.choice == ORIGINAL.id
        return STAY
    if answer.choice == BACK_TO_LIST.id:
        return Goto("jobs.results")
    return Goto("menu.main")


async def interested(t: Turn) -> Next:
    id_, _distance = state(t).get("offer") or (None, None)
    row = (await t.services.directory.jobs([id_])).get(id_) if id_ is not None else None
    if row is None or t.user.id is None:
        t.say(_("jobs.offer.gone"))
        return Goto("jobs.results")
    first = await t.services.directory.record_interest(t.user.id, row.id, t.now)
    how = t.text(_("jobs.apply.unknown"))
    if row.how_to_apply:  # translated and marked, the employer's French (an address) beside it
        shown = french_texts.Shown()
        how = await french_texts.long_text(t, row.how_to_apply, shown)
        if shown.translated:
            how += "\n" + t.text(_("directory.french", text=row.how_to_apply))
    t.say(_("jobs.apply", how=how))
    data = cv(t)
    sent = await t.services.employers.interested(
        t.user.id, row, t.state.data, t.now, t.catalogs, first=first
    )
    if sent is not None and sent.route in ("mail", "coordinator"):
        through_association(t, sent, data)
    elif data.get("complete") and data.get("share"):
        t.say(_("jobs.apply.cv_coming"))
        t.after_commit(pdf_job(dict(data), bilingual=False, caption=_("jobs.apply.cv_caption")))
    elif data.get("complete"):
        t.say(_("jobs.apply.cv_private"))
    else:
        t.say(_("jobs.apply.no_cv"))
    return Goto("jobs.next")


@flow.question("next", prompt=_("jobs.next"), options=(BACK_TO_LIST, MENU))
async def next_step(t: Turn, answer: Answer) -> Next:
    return Goto("jobs.results" if answer.choice == BACK_TO_LIST.id else "menu.main")


# --- filters and alerts ------------------------------------------------------------------


@flow.question(
    "filter_contract",
    prompt=_("jobs.filter.contract"),
    options=[Option(id_, label) for id_, label in CONTRACT_LABELS.items() if id_ != "other"]
    + [ANY],
)
async def filter_contract(t: Turn, answer: Answer) -> Next:
    state(t).setdefault("filters", {})["contract"] = (
        None if answer.choice == ANY.id else answer.choice
    )
    return Goto("jobs.filter_distance")


@flow.question(
    "filter_distance",
    prompt=_("jobs.filter.distance"),
    options=[Option(term.id, term.label) for term in DISTANCES],
)
async def filter_distance(t: Turn, answer: Answer) -> Next:
    state(t).setdefault("filters", {})["distance"] = answer.choice
    place = state(t).get("place")
    return await search(t, place) if place else Goto("jobs.place")


async def alert_prompt(t: Turn) -> str:
    current = await t.services.directory.alert(t.user.id) if t.user.id is not None else None
    wanted = query(t)
    jobs = [job["text"] for job in cv(t).get("jobs", []) if job.get("text")]
    what = ", ".join(jobs) if jobs else t.text(_("jobs.alert.any_job"))
    if wanted.contracts:  # the contract filter counts too: say it
        kinds = [t.text(CONTRACT_LABELS[c]) for c in wanted.contracts if c in CONTRACT_LABELS]
        what = f"{what} ({', '.join(kinds)})" if kinds else what
    where_text = (
        t.text(_("jobs.alert.anywhere"))
        if wanted.radius_km is None
        else t.text(
            _(
                "jobs.alert.within",
                km=display.distance(wanted.radius_km, t.lang),
                place=wanted.place,
            )
        )
    )
    lines = [t.text(_("jobs.alert.prompt", jobs=what, where=where_text))]
    if current is not None:
        lines.insert(0, t.text(_("jobs.alert.current", place=current.place or "—")))
    return "\n\n".join(lines)


def alert_options(t: Turn) -> list[Option]:
    return [YES, NO, STOP_ALERT] if state(t).get("alert") else [YES, NO]


@flow.question("alert", prompt=alert_prompt, options=alert_options)
async def alert(t: Turn, answer: Answer) -> Next:
    if t.user.id is None:
        return Goto("jobs.results")
    if answer.choice == YES.id:
        await t.services.directory.set_alert(t.user.id, query(t), t.now)
        state(t)["alert"] = True
        t.say(_("jobs.alert.saved"))
    elif answer.choice == STOP_ALERT.id:
        await t.services.directory.set_alert(t.user.id, None, t.now)
        state(t)["alert"] = False
        t.say(_("jobs.alert.stopped"))
    return Goto("jobs.next")
