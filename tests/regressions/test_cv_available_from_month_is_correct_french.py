"""Issue 16: the CV said "Disponible à partir du septembre". A month is now a month and a year,
written "à partir de septembre 2027" on the CV and in its profile line."""

from __future__ import annotations

from tests.cv_support import pdf_text


def test_a_start_month_reads_as_french() -> None:
    text = pdf_text({"start": "later", "start_date": {"year": 2027, "month": 9}, "licence": "car"})
    assert "Disponible à partir de septembre 2027" in text
    assert "à partir du" not in text
