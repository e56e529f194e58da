"""From the person's answers to what the CV shows: the `CvDocument` for the PDF, and the short
summary shown in the chat.

Closed answers print from the catalogs (French, and the person's language for the bilingual copy);
free answers print as confirmed in French, or as written when there is no French. Empty or
unfinished parts are left out, so a CV with every question skipped is still a valid page.
"""

from __future__ import annotations

from typing import Any

from bot.cv.document import CvDocument, Line, Section
from bot.cv.vocabulary import (
    CONTRACTS,
    DIGITAL,
    DISTANCES,
    EDUCATION,
    LEVELS,
    START,
    STATUSES,
    TIME,
    WORK_RIGHT,
    YEARS,
    Term,
    term,
)
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import _


class _Writer:
    """Looks up labels in French and, for the bilingual copy, in the person's language."""

    def __init__(self, catalogs: Catalogs, language: str, bilingual: bool) -> None:
        self.catalogs = catalogs
        self.language = language
        self.bilingual = bilingual and language != "fr"

    def label(self, msgid: str, **values: object) -> Line:
        french = self.catalogs.text("fr", msgid, values)
        local = self.catalogs.text(self.language, msgid, values) if self.bilingual else None
        return Line(french, local)

    def term(self, terms: tuple[Term, ...], term_id: Any) -> Line | None:
        found = term(terms, term_id)
        return self.label(found.label.id) if found else None

    def free(self, value: Any) -> Line | None:
        """A free answer: its French (or the words as written), with the original beside."""
        if not isinstance(value, dict) or not value.get("text"):
            return None
        french = value.get("fr") or value["text"]
        local = value["text"] if self.bilingual and value["text"] != french else None
        return Line(french, local)

    def listed(self, msgid: str, terms: tuple[Term, ...], chosen: list[str]) -> Line | None:
        """ "Computer: e-mail, internet" — the chosen terms, each in its own language."""
        picked = [t for t in terms if t.id in chosen]
        if not picked:
            return None

        def items(code: str) -> str:
            return ", ".join(self.catalogs.text(code, t.label.id) for t in picked)

        french = self.catalogs.text("fr", msgid, {"items": items("fr")})
        local = None
        if self.bilingual:
            local = self.catalogs.text(self.language, msgid, {"items": items(self.language)})
        return Line(french, local)

    def joined(self, parts: list[Line | None], separator: str = " — ") -> Line | None:
        present = [p for p in parts if p is not None and p.french]
        if not present:
            return None
        french = separator.join(p.french for p in present)
        local = None
        if self.bilingual:
            local = separator.join(p.local or p.french for p in present)
        return Line(french, local)

    def section(self, msgid: str, lines: list[Line | None]) -> Section | None:
        kept = tuple(line for line in lines if line is not None and line.french)
        if not kept:
            return None
        title = self.label(msgid)
        return Section(title.french, title.local, kept)


def document(
    data: dict[str, Any], catalogs: Catalogs, language: str, *, bilingual: bool, footer: str = ""
) -> CvDocument:
    w = _Writer(catalogs, language, bilingual)
    name = (data.get("name") or {}).get("text") or catalogs.text("fr", "cv.pdf.no_name")
    jobs = [
        Line(job.get("fr") or job["text"], job["text"] if w.bilingual else None)
        for job in data.get("jobs", [])
        if job.get("text")
    ]
    headline = w.joined(list(jobs), " · ") if jobs else None
    contact = tuple(
        value["text"]
        for key in ("phone", "email", "city")
        if isinstance(value := data.get(key), dict) and value.get("text")
    )
    sections = [
        _experience(w, data),
        _education(w, data),
        _languages(w, data, catalogs),
        w.section(
            "cv.pdf.skills",
            [
                w.listed("cv.pdf.digital", DIGITAL, data.get("digital", [])),
                w.label(LICENCE_LINES[data["licence"]])
                if data.get("licence") in LICENCE_LINES
                else None,
            ],
        ),
        _availability(w, data, catalogs),
        _situation(w, data),
    ]
    return CvDocument(
        name=name,
        headline=headline,
        contact=contact,
        sections=tuple(s for s in sections if s is not None),
        language=language,
        rtl=catalogs.is_rtl(language),
        footer=footer,
    )


def _experience(w: _Writer, data: dict[str, Any]) -> Section | None:
    lines: list[Line | None] = []
    for entry in data.get("experience", []):
        title = w.joined(
            [
                w.free(entry.get("job")),
                w.free(entry.get("country")),
                w.term(YEARS, entry.get("years")),
            ]
        )
        lines += [title, w.free(entry.get("tasks"))] if title else []
    return w.section("cv.pdf.experience", lines)


def _education(w: _Writer, data: dict[str, Any]) -> Section | None:
    education = data.get("education") or {}
    if not education:
        return None
    diploma = education.get("diploma")
    compared = education.get("comparability")
    return w.section(
        "cv.pdf.education",
        [
            w.joined(
                [
                    w.term(EDUCATION, education.get("level")),
                    w.free(education.get("field")),
                    w.free(education.get("country")),
                ]
            ),
            w.label("cv.pdf.diploma_yes")
            if diploma is True
            else (w.label("cv.pdf.diploma_no") if diploma is False else None),
            w.label("cv.pdf.comparability") if compared else None,
        ],
    )


def _languages(w: _Writer, data: dict[str, Any], catalogs: Catalogs) -> Section | None:
    lines: list[Line | None] = []
    if data.get("french"):
        lines.append(w.joined([w.label("cv.pdf.french"), w.term(LEVELS, data["french"])], " : "))
    for entry in data.get("languages", []):
        name: Line | None
        if entry.get("code"):
            name = w.label("cv.pdf.language_name." + entry["code"])
        else:
            name = w.free(entry.get("name"))
        if name is not None:
            lines.append(w.joined([name, w.term(LEVELS, entry.get("level"))], " : "))
    return w.section("cv.pdf.languages", lines)


def _availability(w: _Writer, data: dict[str, Any], catalogs: Catalogs) -> Section | None:
    start = w.term(START, data.get("start"))
    if start is None and isinstance(data.get("start_date"), dict):
        start = w.label("cv.pdf.start_on", date=data["start_date"]["text"])
    distance = term(DISTANCES, data.get("distance"))
    mobility = None
    if distance is not None:
        french = catalogs.text("fr", distance.label.id)
        local = catalogs.text(w.language, distance.label.id)
        mobility = Line(
            catalogs.text("fr", "cv.pdf.mobility", {"distance": french}),
            catalogs.text(w.language, "cv.pdf.mobility", {"distance": local})
            if w.bilingual
            else None,
        )
    return w.section(
        "cv.pdf.availability",
        [
            w.joined([start, w.term(TIME, data.get("time"))]),
            w.listed("cv.pdf.contracts", CONTRACTS, data.get("contracts", [])),
            mobility,
        ],
    )


def _situation(w: _Writer, data: dict[str, Any]) -> Section | None:
    status = data.get("status")
    if status not in WORK_RIGHT:
        return None  # only a plain right to work is printed; the rest is the person's business
    found = term(STATUSES, status)
    return w.section(
        "cv.pdf.situation",
        [w.joined([w.label(found.label.id) if found else None, w.label("cv.pdf.may_work")])],
    )


def summary(data: dict[str, Any], catalogs: Catalogs, language: str) -> str:
    """A few lines for the chat, in the person's language."""

    def text(msgid: str, **values: object) -> str:
        return catalogs.text(language, msgid, values)

    lines = [text("cv.summary.title")]
    if isinstance(data.get("name"), dict):
        lines.append(text("cv.summary.name", name=data["name"]["text"]))
    jobs = [job["text"] for job in data.get("jobs", []) if job.get("text")]
    if jobs:
        lines.append(text("cv.summary.jobs", jobs=", ".join(jobs)))
    lines.append(
        text(
            "cv.summary.experience",
            count=len([e for e in data.get("experience", []) if e.get("job")]),
        )
    )
    languages = (1 if data.get("french") else 0) + len(data.get("languages", []))
    lines.append(text("cv.summary.languages", count=languages))
    lines.append(text("cv.summary.shared") if data.get("share") else text("cv.summary.private"))
    return "\n".join(lines)


LICENCE_LINES = {"car": "cv.pdf.licence_car", "other": "cv.pdf.licence_other"}

# Message ids used above by name (so `passerelle i18n check` knows them).
PDF_MESSAGES = (
    _("cv.pdf.no_name"),
    _("cv.pdf.skills"),
    _("cv.pdf.digital"),
    _("cv.pdf.experience"),
    _("cv.pdf.education"),
    _("cv.pdf.diploma_yes"),
    _("cv.pdf.diploma_no"),
    _("cv.pdf.comparability"),
    _("cv.pdf.french"),
    _("cv.pdf.languages"),
    _("cv.pdf.start_on"),
    _("cv.pdf.contracts"),
    _("cv.pdf.availability"),
    _("cv.pdf.situation"),
    _("cv.pdf.may_work"),
    _("cv.summary.title"),
    _("cv.summary.name"),
    _("cv.summary.jobs"),
    _("cv.summary.experience"),
    _("cv.summary.languages"),
    _("cv.summary.shared"),
    _("cv.summary.private"),
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
