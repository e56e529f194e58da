"""Issue 16: "سیم‌کشی خانه‌ها و نصب تابلوهای برق" (with zero-width non-joiners) was drawn as
"ها و نصب تابلوهای برق‌کشی خانه‌سیم" by `bot.cv.pdf.render` alone: fpdf2 kept the non-joiners
at the French paragraph's level and drew the pieces between them in the wrong order."""

from __future__ import annotations

from bot.cv.document import CvDocument, Line, Section
from bot.cv.pdf import render
from tests.test_cv_bidi import FONTS, clean, read_lines, seen

TEXT = "سیم‌کشی خانه‌ها و نصب تابلوهای برق"


def test_persian_with_non_joiners_is_drawn_in_one_piece() -> None:
    doc = CvDocument("Zahra", sections=(Section("Expérience", lines=(Line(TEXT),)),))
    data = render(doc, FONTS)
    assert clean(TEXT) in read_lines(data)  # read back in the order written
    drawn = seen(data)  # and drawn right to left: the last word leftmost
    assert any(line.startswith(clean("برق")[::-1]) for line in drawn), drawn
