"""What a CV PDF shows, independent of how it is drawn: a header and titled sections of lines.

The flow turns a person's answers into a `CvDocument` (labels from the catalogs, values in French,
and — for the bilingual copy — in the person's language too); `bot.cv.pdf` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Text = str | tuple[str, ...]  # one text, or the fields of a line ("Soudeuse", "Alep", "Syrie")


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the CV. Given as fields, it is drawn with `separator` between them and each
    field isolated, so a field in Arabic cannot reorder its neighbours; an empty field (an emoji
    no font draws) is left out with its separator."""

    french: Text
    local: Text | None = None  # the same line in the person's language (bilingual copy only)
    separator: str = " — "

    def fields(self, local: bool = False) -> tuple[str, ...]:
        value = self.local if local else self.french
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else value

    def text(self, local: bool = False) -> str:
        """The line as plain text (for the chat, and tests)."""
        return self.separator.join(field for field in self.fields(local) if field)


@dataclass(frozen=True, slots=True)
class Section:
    title: str  # in French
    local_title: str | None = None
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class CvDocument:
    name: str  # as the person wrote it, in any script
    headline: Line | None = None  # the jobs sought, e.g. "Cuisinier · Agent d'entretien"
    profile: Line | None = None  # "Soudeuse TIG, 5 ans d'expérience, disponible immédiatement"
    contact: tuple[str, ...] = ()  # phone, e-mail, city
    sections: tuple[Section, ...] = ()
    language: str = "fr"  # the person's language (for the bilingual copy)
    rtl: bool = False  # the person's language is written right to left
    footer: str = ""  # e.g. "CV réalisé avec Passerelle — 28/11/2026"
    extra: dict[str, str] = field(default_factory=dict)
