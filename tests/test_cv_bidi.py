"""Text direction in the CV PDF: lines mixing right-to-left script, Latin and digits, and Persian
with zero-width non-joiners, read back from the PDF (pymupdf).

Each line is given as fields ("كنت لحّامة … في حلب", "سوريا", "3 à 5 ans"), each isolated. What
the eye reads from left to right — the drawn characters sorted by position — must be what the
Unicode bidi algorithm (python-bidi) says for that line, in a French (left-to-right) paragraph
and in one of the person's right-to-left language; for Tigrinya and Bengali (left to right, no
nesting) the text read back must be the line as written. Page images of these lines, one per
script, reviewed by eye, are in tests/golden/pdf/ (`python bench/cv_pages.py` redraws them).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pymupdf
import pytest
from bidi import get_display

from bot.cv.directions import isolated
from bot.cv.document import CvDocument, Line, Section
from bot.cv.pdf import render

FONTS = Path(__file__).resolve().parent.parent / "content" / "fonts"
MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))
SEPARATOR = " — "

# Per language: is it written right to left, and lines (as fields) mixing scripts and digits.
CORPUS: dict[str, tuple[bool, tuple[tuple[str, ...], ...]]] = {
    "fa": (
        True,
        (
            ("سیم‌کشی خانه‌ها و نصب تابلوهای برق",),
            ("جوشکار", "هرات، افغانستان", "2019 – 2023"),
            ("آشپز در رستوران Le Damas", "Paris", "۲ سال"),
            ("کمک‌آشپز", "می‌توانم ۲۰۰ غذا در روز بپزم"),
        ),
    ),
    "ar": (
        True,
        (
            ("كنت لحّامة … في حلب", "سوريا", "3 à 5 ans"),
            ("طباخ في مطعم Carrefour", "Lyon", "2021"),
            ("أمل حداد", "06 12 34 56 78", "Saint-Denis"),
        ),
    ),
    "ps": (
        True,
        (
            ("د کور برېښنا کارونه", "کابل", "2018 – 2022"),
            ("ګل احمد", "موټر چلوونکی B", "Marseille"),
        ),
    ),
    "ti": (
        False,
        (
            ("ኣብ ቤት መግቢ Le Damas ሰሪሐ", "ኣስመራ", "2019"),
            ("ሰላም ተስፋይ", "06 12 34 56 78"),
        ),
    ),
    "bn": (
        False,
        (
            ("রান্নাঘরে সহকারী", "ঢাকা", "২০১৯ – ২০২২"),
            ("সুমাইয়া আক্তার", "Lyon", "2024"),
        ),
    ),
}


def document(language: str, rtl: bool, lines: tuple[tuple[str, ...], ...]) -> CvDocument:
    """A CV whose French lines and translated lines are the same mixed fields."""
    section = Section("Expérience", "—", tuple(Line(f, f, SEPARATOR) for f in lines))
    return CvDocument(name="Test", sections=(section,), language=language, rtl=rtl)


def read_lines(data: bytes) -> list[str]:
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        text = "\n".join(page.get_text() for page in pdf)
    return [clean(line) for line in text.splitlines()]


def clean(text: str) -> str:
    """The visible letters in order: no spaces (pymupdf puts the one between an Arabic word and
    a Latin one on either side of the Latin word), no invisible characters (direction marks,
    zero-width non-joiners: where their zero-width glyph sits says nothing), no vowel marks (a
    shadda is drawn over its letter, the bidi algorithm puts it after), and not the control code
    pymupdf reads for one glyph of a Bengali conjunct (fpdf2's ToUnicode map)."""
    text = unicodedata.normalize("NFKC", text).translate(MARKS)
    dropped = ("Cc", "Cf", "Mn")
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in dropped)


def seen(data: bytes) -> list[str]:
    """Each drawn line as the eye reads it left to right: characters sorted by position."""
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        chars = [
            c
            for page in pdf
            for block in page.get_text("rawdict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            for c in span["chars"]
        ]
    rows: dict[int, list[dict[str, object]]] = {}
    for c in chars:
        rows.setdefault(round(c["origin"][1]), []).append(c)
    return [
        clean("".join(str(c["c"]) for c in sorted(row, key=lambda c: c["bbox"][0])))
        for row in rows.values()
    ]


def expected(fields: tuple[str, ...], right_to_left: bool) -> str:
    line = isolated(fields, SEPARATOR, right_to_left=right_to_left)
    return clean(get_display(line, base_dir="R" if right_to_left else "L"))


@pytest.mark.parametrize("language", sorted(CORPUS))
@pytest.mark.parametrize("bilingual", [False, True], ids=["french", "bilingual"])
def test_lines_read_in_their_direction(language: str, bilingual: bool) -> None:
    rtl, lines = CORPUS[language]
    data = render(document(language, rtl, lines), FONTS, bilingual=bilingual)
    if not rtl:  # Tigrinya, Bengali: left to right, the text read back is the text written
        read = read_lines(data)
        for fields in lines:
            assert read.count(clean(SEPARATOR.join(fields))) == (2 if bilingual else 1), read
        return
    drawn = seen(data)
    for fields in lines:
        assert expected(fields, right_to_left=False) in drawn, (fields, drawn)
        if bilingual:
            assert expected(fields, right_to_left=True) in drawn, (fields, drawn)


def test_a_field_no_font_draws_is_left_out_with_its_separator() -> None:
    """An emoji-only job title used to leave "— France" behind."""
    doc = document("fr", False, (("🔥🔥", "France"),))
    assert "France" in read_lines(render(doc, FONTS))
    assert not any(line.startswith("—") for line in read_lines(render(doc, FONTS)))
