"""What a CV PDF shows, independent of how it is drawn: a header and titled sections of lines.

The flow turns a person's answers into a `CvDocument` (labels from the catalogs, values in French,
and — for the bilingual copy — in the person's language too); `bot.cv.pdf` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    french: str
    local: str | None = None  # the same line in the person's language (bilingual copy only)


@dataclass(frozen=True, slots=True)
class Section:
    title: str  # in French
    local_title: str | None = None
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class CvDocument:
    name: str  # as the person wrote it, in any script
    headline: Line | None = None  # the jobs sought, e.g. "Cuisinier · Agent d'entretien"
    contact: tuple[str, ...] = ()  # phone, e-mail, city
    sections: tuple[Section, ...] = ()
    language: str = "fr"  # the person's language (for the bilingual copy)
    rtl: bool = False  # the person's language is written right to left
    footer: str = ""  # e.g. "CV réalisé avec Passerelle — 28/11/2026"
    extra: dict[str, str] = field(default_factory=dict)
