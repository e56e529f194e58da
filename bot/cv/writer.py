"""Writing a CV's lines in French and, for the bilingual copy, in the person's language.

`Writer` turns one answer into a `Line`: a catalog label, a term of a vocabulary, a free answer
(its French, or nothing — see bot/cv/answers.py), a name in Latin letters, a trade in the chosen
gender, a country (CLDR), a month and year, several fields on one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.cv import answers
from bot.cv.document import Line, Section
from bot.cv.normalize import countries, dates
from bot.cv.trades import Trade
from bot.cv.vocabulary import Term, term
from bot.i18n.catalogs import Catalogs


class Writer:
    def __init__(
        self, catalogs: Catalogs, language: str, bilingual: bool, gender: str | None
    ) -> None:
        self.catalogs = catalogs
        self.language = language
        self.bilingual = bilingual and language != "fr"
        self.gender = gender

    def label(self, msgid: str, **values: object) -> Line:
        french = self.catalogs.text("fr", msgid, values)
        local = self.catalogs.text(self.language, msgid, values) if self.bilingual else None
        return Line(french, local)

    def label_with(self, msgid: str, **labels: str) -> Line:
        """A message whose values are themselves messages (each in the line's language)."""
        french = {k: self.catalogs.text("fr", v) for k, v in labels.items()}
        line = self.catalogs.text("fr", msgid, french)
        local = None
        if self.bilingual:
            values = {k: self.catalogs.text(self.language, v) for k, v in labels.items()}
            local = self.catalogs.text(self.language, msgid, values)
        return Line(line, local)

    def dated(self, msgid: str, **values: dates.MonthYear) -> Line:
        """A message with months and years: "de mars 2019 à juin 2023"."""
        french = self.catalogs.text("fr", msgid, {k: dates.french(v) for k, v in values.items()})
        local = None
        if self.bilingual:
            written = {k: dates.written(v, self.language) for k, v in values.items()}
            local = self.catalogs.text(self.language, msgid, written)
        return Line(french, local)

    def term(self, terms: Sequence[Term], term_id: Any) -> Line | None:
        found = term(tuple(terms), term_id)
        return self.label(found.label.id) if found else None

    def free(self, value: Any) -> Line | None:
        """A free answer: its French, or nothing; the words as written beside it."""
        french = answers.french(value)
        if french is None:
            return None
        text = str(value["text"])
        return Line(french, text if self.bilingual and text != french else None)

    def latin(self, value: Any) -> Line | None:
        """A name, an employer, a town abroad: in Latin letters (or as written, if chosen)."""
        latin = answers.latin(value)
        if latin is None:
            return None
        text = str(value.get("text") or latin)
        return Line(latin, text if self.bilingual and text != latin else None)

    def job(self, value: Any) -> Line | None:
        """A trade in the person's form (feminine, masculine, both), or a job in their words."""
        trade = Trade.from_dict(value)
        if trade is None:
            return self.free(value) if isinstance(value, dict) and "text" in value else None
        local = self.catalogs.text(self.language, trade.label.id) if trade.label else None
        return Line(trade.french(self.gender), local if self.bilingual else None)

    def country(self, code: Any) -> Line | None:
        if not isinstance(code, str):
            return None
        local = countries.name(code, self.language) if self.bilingual else None
        return Line(countries.name(code), local)

    def place(self, city: Any, country: Any) -> Line | None:
        """ "Alep, Syrie", "Saint-Denis, France": a town and its country, either may be missing."""
        town = None
        if isinstance(city, dict) and city.get("name"):  # a French commune
            town = Line(str(city["name"]), str(city["name"]) if self.bilingual else None)
        elif city:
            town = self.latin(city)
        return self.fields([town, self.country(country)], ", ")

    def fields(self, parts: Sequence[Line | None], separator: str = " — ") -> Line | None:
        """Several answers on one line, each a field of its own (see bot/cv/document.py)."""
        present = [p for p in parts if p is not None and p.text()]
        if not present:
            return None
        french = tuple(p.text() for p in present)
        local = tuple(p.text(local=True) or p.text() for p in present) if self.bilingual else None
        return Line(french, local, separator)

    def listed(self, msgid: str, terms: Sequence[Term], chosen: Sequence[str]) -> Line | None:
        """ "Informatique : e-mail, internet" — the chosen terms, each in its own language."""
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

    def section(self, msgid: str, lines: Sequence[Line | None]) -> Section | None:
        kept = tuple(line for line in lines if line is not None and line.text())
        if not kept:
            return None
        title = self.label(msgid)
        return Section(title.text(), title.text(local=True) or None, kept)
