"""From the person's answers to what the PDF shows: the `CvDocument`.

Closed answers print from the catalogs (French, and the person's language for the bilingual
copy); countries and languages from CLDR; dates as "mars 2025"; trades in the form the person
chose (feminine, masculine, or both). Free answers print in French when there is French, as
written only when the person chose to keep them so, and not at all otherwise (the person was told
before the PDF was made): the French copy has no other script than Latin unless they chose it.
Empty or unfinished parts are left out, so a CV with every question skipped is still a page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.cv import answers, skills
from bot.cv.document import CvDocument, Line, Section
from bot.cv.normalize import dates
from bot.cv.normalize import languages as language_names
from bot.cv.profile import profile
from bot.cv.vocabulary import (
    CONTRACTS,
    DIGITAL,
    DISTANCES,
    EDUCATION,
    LEVELS,
    TIME,
    WORK_RIGHT,
    YEARS,
    term,
)
from bot.cv.writer import Writer
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import _

OUR_LANGUAGES = ("en", "fa", "ps", "ar", "ti", "uk", "ru", "bn", "tr")


def document(
    data: dict[str, Any],
    catalogs: Catalogs,
    language: str,
    *,
    bilingual: bool,
    footer: str = "",
    today: dt.date | None = None,
) -> CvDocument:
    data = answers.upgrade(dict(data))
    w = Writer(catalogs, language, bilingual, data.get("gender"))
    today = today or dt.date.today()
    name = answers.latin(data.get("name")) or catalogs.text("fr", "cv.pdf.no_name")
    jobs = [line for job in data.get("jobs") or [] if (line := w.job(job)) is not None]
    headline = Line(
        tuple(line.text() for line in jobs),
        tuple(line.text(local=True) or line.text() for line in jobs) if w.bilingual else None,
        " · ",
    )
    city = data.get("city") or {}
    contact = tuple(
        value
        for value in (
            (data.get("phone") or {}).get("text"),
            (data.get("email") or {}).get("text"),
            city.get("name") or answers.latin(city),
        )
        if value
    )
    sections = [
        _experience(w, data, today),
        _education(w, data),
        _languages(w, data),
        _skills(w, data),
        _availability(w, data),
        _situation(w, data),
    ]
    summary = profile(w, data, today)
    return CvDocument(
        name=name,
        # The profile starts with the first job sought: the headline adds only the others.
        headline=headline if len(jobs) > 1 or (jobs and summary is None) else None,
        profile=summary,
        contact=contact,
        sections=tuple(s for s in sections if s is not None),
        language=language,
        rtl=catalogs.is_rtl(language),
        footer=footer,
    )


def _experience(w: Writer, data: dict[str, Any], today: dt.date) -> Section | None:
    lines: list[Line | None] = []
    for entry in data.get("experience") or []:
        title = w.job(entry.get("trade") or {}) or w.free(entry.get("job"))
        place = w.place(entry.get("city"), entry.get("country")) or w.free(
            entry.get("country_text")
        )
        when = _period(w, entry) or w.term(YEARS, entry.get("years"))
        fields = [title, w.latin(entry.get("employer")), place, when]
        heading = w.fields(fields)
        tasks = w.free(entry.get("tasks"))
        if heading is None and tasks is None:
            continue
        lines += [heading, tasks]
    return w.section("cv.pdf.experience", lines)


def _period(w: Writer, entry: dict[str, Any]) -> Line | None:
    start = dates.MonthYear.from_dict(entry.get("start"))
    end = dates.MonthYear.from_dict(entry.get("end"))
    if start and entry.get("end") == "now":
        return w.dated("cv.pdf.since", start=start)
    if start and end:
        return w.dated("cv.pdf.period", start=start, end=end)
    if start:
        return w.dated("cv.pdf.from", start=start)
    if end:
        return w.dated("cv.pdf.until", end=end)
    return None


def _education(w: Writer, data: dict[str, Any]) -> Section | None:
    lines: list[Line | None] = []
    for entry in data.get("education") or []:
        year = dates.MonthYear.from_dict(entry.get("year"))
        heading = w.fields(
            [
                w.term(EDUCATION, entry.get("level")),
                w.free(entry.get("field")),
                w.country(entry.get("country")),
                Line(str(year.year), str(year.year) if w.bilingual else None) if year else None,
            ]
        )
        obtained = entry.get("obtained")
        if heading is None:
            continue
        lines.append(heading)
        if obtained is True:
            lines.append(w.label("cv.pdf.diploma_yes"))
        elif obtained is False:
            lines.append(w.label("cv.pdf.diploma_no"))
        if obtained and entry.get("comparability"):
            lines.append(w.label("cv.pdf.comparability"))
    return w.section("cv.pdf.education", lines)


def _languages(w: Writer, data: dict[str, Any]) -> Section | None:
    lines: list[Line | None] = []
    if data.get("french"):
        lines.append(w.fields([w.label("cv.pdf.french"), w.term(LEVELS, data["french"])], " : "))
    for entry in data.get("languages") or []:
        code = entry.get("code")
        if not code:
            continue
        if code in OUR_LANGUAGES:
            name = w.label("cv.pdf.language_name." + code)
        else:
            local = language_names.name(code, w.language) if w.bilingual else None
            name = Line(language_names.name(code).capitalize(), local)
        lines.append(w.fields([name, w.term(LEVELS, entry.get("level"))], " : "))
    return w.section("cv.pdf.languages", lines)


def _skills(w: Writer, data: dict[str, Any]) -> Section | None:
    every = skills.every()
    chosen = tuple(every[s] for s in data.get("skills") or [] if s in every)
    return w.section(
        "cv.pdf.skills",
        [
            w.listed("cv.pdf.skill_list", chosen, [s.id for s in chosen]),
            w.listed("cv.pdf.digital", DIGITAL, data.get("digital") or []),
            w.label(LICENCE_LINES[data["licence"]])
            if data.get("licence") in LICENCE_LINES
            else None,
        ],
    )


def _availability(w: Writer, data: dict[str, Any]) -> Section | None:
    """When and how much: as an employer reads it ("Disponible immédiatement — Temps plein ou
    temps partiel"), not as the chat asked it ("Tout de suite", "Les deux")."""
    chosen = str(data.get("start") or "")
    start = w.label(START_LINES[chosen]) if chosen in START_LINES else None
    date = dates.MonthYear.from_dict(data.get("start_date"))
    if date is not None and data.get("start") in (None, "later"):
        start = w.dated("cv.pdf.start_on", date=date)
    hours = str(data.get("time") or "")
    time = w.label(TIME_LINES[hours]) if hours in TIME_LINES else w.term(TIME, hours)
    distance = term(DISTANCES, data.get("distance"))
    mobility = None
    if distance is not None:
        mobility = w.label_with("cv.pdf.mobility", distance=distance.label.id)
    return w.section(
        "cv.pdf.availability",
        [
            w.fields([start, time]),
            w.listed("cv.pdf.contracts", CONTRACTS, data.get("contracts") or []),
            mobility,
        ],
    )


def _situation(w: Writer, data: dict[str, Any]) -> Section | None:
    status = data.get("status")
    if status not in WORK_RIGHT:
        return None  # only a plain right to work is printed; the rest is the person's business
    gender = str(data.get("gender") or "x")
    label = SITUATION[str(status)].get(gender) or SITUATION[str(status)]["x"]
    may_work = MAY_WORK.get(gender) or MAY_WORK["x"]
    return w.section("cv.pdf.situation", [w.fields([w.label(label), w.label(may_work)])])


LICENCE_LINES = {"car": "cv.pdf.licence_car", "other": "cv.pdf.licence_other"}
START_LINES = {"now": "cv.pdf.start_now", "month": "cv.pdf.start_month"}
TIME_LINES = {"both": "cv.pdf.time_both"}  # "full" and "part" read the same in the chat
SITUATION = {
    "refugee": {"f": "cv.pdf.refugee_f", "m": "cv.status.refugee", "x": "cv.pdf.refugee_x"},
    "subsidiary": {"x": "cv.status.subsidiary"},
    "temporary": {"x": "cv.pdf.temporary"},
}
MAY_WORK = {"f": "cv.pdf.may_work_f", "m": "cv.pdf.may_work_m", "x": "cv.pdf.may_work"}

# Message ids used above by name (so `passerelle i18n check` knows them).
PDF_MESSAGES = (
    _("cv.pdf.no_name"),
    _("cv.pdf.skills"),
    _("cv.pdf.skill_list"),
    _("cv.pdf.digital"),
    _("cv.pdf.experience"),
    _("cv.pdf.education"),
    _("cv.pdf.diploma_yes"),
    _("cv.pdf.diploma_no"),
    _("cv.pdf.comparability"),
    _("cv.pdf.french"),
    _("cv.pdf.languages"),
    _("cv.pdf.start_on"),
    _("cv.pdf.start_now"),
    _("cv.pdf.start_month"),
    _("cv.pdf.time_both"),
    _("cv.pdf.since"),
    _("cv.pdf.period"),
    _("cv.pdf.from"),
    _("cv.pdf.until"),
    _("cv.pdf.contracts"),
    _("cv.pdf.availability"),
    _("cv.pdf.situation"),
    _("cv.pdf.may_work"),
    _("cv.pdf.may_work_f"),
    _("cv.pdf.may_work_m"),
    _("cv.pdf.refugee_f"),
    _("cv.pdf.refugee_x"),
    _("cv.pdf.temporary"),
    _("cv.pdf.licence_car"),
    _("cv.pdf.licence_other"),
    _("cv.pdf.mobility"),
    _("cv.pdf.language_name.en"),
    _("cv.pdf.language_name.fa"),
    _("cv.pdf.language_name.ps"),
    _("cv.pdf.language_name.ar"),
    _("cv.pdf.language_name.ti"),
    _("cv.pdf.language_name.uk"),
    _("cv.pdf.language_name.ru"),
    _("cv.pdf.language_name.bn"),
    _("cv.pdf.language_name.tr"),
)
