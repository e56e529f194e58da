"""Issue 16: "كنت لحّامة … في حلب — سوريا — 3 à 5 ans" was drawn as
"— سوريا — كنت…حلب3 à 5 ans": the number and the dashes joined the Arabic run. Each field of a
line is now drawn in its own direction, in the paragraph's order."""

from __future__ import annotations

from bot.cv.document import CvDocument, Line, Section
from bot.cv.pdf import render
from tests.test_cv_bidi import FONTS, expected, seen

FIELDS = ("كنت لحّامة … في حلب", "سوريا", "3 à 5 ans")


def test_the_french_line_reads_field_after_field() -> None:
    doc = CvDocument("Amal", sections=(Section("Expérience", lines=(Line(FIELDS),)),))
    drawn = seen(render(doc, FONTS))
    assert expected(FIELDS, right_to_left=False) in drawn
    # The number stays in its own field, after the last dash, never glued to the Arabic.
    assert any(line.endswith("—3à5ans") for line in drawn)
