"""The direction of text in the CV PDF: each field of a line laid out in its own direction.

fpdf2 resolves directions with the Unicode bidi algorithm but orders what it draws with a
simpler rule (runs of one direction, reversed in a right-to-left paragraph), which goes wrong
as soon as levels nest: a Latin word inside an Arabic answer on a French line is drawn on the
wrong side, and a zero-width non-joiner inside Persian text, which fpdf2 keeps at the
paragraph's level, cuts "سیم‌کشی" into pieces drawn in the wrong order. So a line of several
fields ("Soudeuse", "حلب", "2019") is drawn field by field — left to right on a French line,
right to left on a line in Arabic, Persian or Pashto — each field shaped in its own direction,
where nothing nests. A line too long for one line is wrapped by fpdf2 with each field in a
directional isolate (LRI or RLI … PDI), which keeps numbers and dashes with their own field.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"
_ISOLATES = frozenset((_LRI, _RLI, _PDI, "\u2068"))
_RTL_CLASSES = ("R", "AL")


def shape(pdf: FPDF, text: str) -> None:
    """Set the direction `text` is laid out in, and shape it only if it needs shaping: HarfBuzz
    and fpdf2's bidi pass cost about a millisecond a line, and Latin or Cyrillic text looks the
    same without them (they matter for joined Arabic letters and Bengali conjuncts)."""
    if simple(text):
        pdf.set_text_shaping(False)
    else:
        pdf.set_text_shaping(True, direction="rtl" if rtl(text) else "ltr")


def simple(text: str) -> bool:
    """Only letters and signs of scripts drawn glyph by glyph, left to right."""
    return all(
        ord(ch) < 0x0590 or (0x2000 <= ord(ch) <= 0x206F and ch not in _ISOLATES) for ch in text
    )


def rtl(text: str) -> bool:
    """Is the text's first strong letter right-to-left?"""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES or kind == "L":
            return kind != "L"
    return False


def nested(fields: Sequence[str], right_to_left: bool) -> bool:
    """Would fpdf2 misorder this line? Only when directions nest: right-to-left text on a French
    line (its digits and Latin words, its non-joiners), or a left-to-right field holding
    right-to-left text on an Arabic line. Other lines are drawn in one piece, which is faster."""
    if right_to_left:
        return any(not rtl(field) and _has_rtl(field) for field in fields)
    return any(_has_rtl(field) for field in fields)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def isolated(fields: Sequence[str], separator: str, *, right_to_left: bool = False) -> str:
    """The fields joined by `separator`, each that could lean on its neighbours in an isolate of
    its own direction: a field of the other direction, or of digits and punctuation alone
    ("06 12 34 56 78", "2018 – 2022", kept left to right as written everywhere). Fields of the
    paragraph's own direction need none (and shaping is faster without)."""

    def alone(field: str) -> bool:
        strong = any(unicodedata.bidirectional(ch) in ("L", *_RTL_CLASSES) for ch in field)
        return strong and rtl(field) == right_to_left and (right_to_left or not _has_rtl(field))

    return separator.join(field if alone(field) else _isolate(field) for field in fields)


def _isolate(text: str) -> str:
    return (_RLI if rtl(text) else _LRI) + text + _PDI


def _parts(fields: Sequence[str], separator: str) -> list[str]:
    parts: list[str] = []
    for field in fields:
        if parts:
            parts.append(separator)
        parts.append(field)
    return parts


def _width(pdf: FPDF, text: str) -> float:
    """The shaped width of `text` in the current font, remembered for the document: a line is
    measured when it is laid out (at each size tried) and again when it is drawn, and shaping
    is most of the cost of a CV."""
    cache: dict[tuple[str, str, float, str], float] = pdf.__dict__.setdefault("_widths", {})
    key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, text)
    if key not in cache:
        shape(pdf, text)
        cache[key] = float(pdf.get_string_width(text))
    return cache[key]


def fits(pdf: FPDF, fields: Sequence[str], separator: str, room: float) -> bool:
    """Do the fields, side by side, fit on one line of `room` mm?"""
    return sum(_width(pdf, part) for part in _parts(fields, separator)) < room * 0.98


def draw_fields(
    pdf: FPDF, fields: Sequence[str], separator: str, right_to_left: bool, height: float
) -> None:
    """Draw the fields on one line, in reading order for the paragraph's direction."""
    y = pdf.get_y()
    left, right = pdf.l_margin + pdf.c_margin, pdf.w - pdf.r_margin - pdf.c_margin
    x = right if right_to_left else left
    for part in _parts(fields, separator):
        width = _width(pdf, part)
        if right_to_left:
            x -= width
        pdf.set_xy(x, y)
        shape(pdf, part)
        pdf.cell(width, height, part, new_x=XPos.RIGHT, new_y=YPos.TOP)
        if not right_to_left:
            x += width
    pdf.set_xy(pdf.l_margin, y + height)
