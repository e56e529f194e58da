"""Tester's report (issue 21, #2): Layla was a cook from March 2015 to 2022 and a cleaner since
January 2023; her French CV said "Cuisinière, 11 ans d'expérience" — every job added up under the
trade it named — and under "Disponibilité" "Tout de suite — Les deux", which means nothing to an
employer. The profile now counts the experience of the trade it names, each month once however
the jobs overlap, or says "d'expérience professionnelle" when none of the jobs is that trade; and
the availability reads "Disponible immédiatement — Temps plein ou temps partiel"."""

from __future__ import annotations

from typing import Any

from bot.cv import trades
from tests.cv_support import pdf_text


def job(trade: str, start: dict[str, int], end: dict[str, int] | str) -> dict[str, Any]:
    return {"trade": trades.named()[trade].as_dict(), "start": start, "end": end}


COOK = job("cook", {"year": 2015, "month": 3}, {"year": 2022})
CLEANER = job("cleaning", {"year": 2023, "month": 1}, "now")  # the PDF's today: November 2026


def layla(**answers: Any) -> dict[str, Any]:
    return {"gender": "f", "jobs": [trades.named()["cook"].as_dict()], **answers}


def test_the_experience_is_that_of_the_trade_named() -> None:
    text = pdf_text(layla(experience=[COOK, CLEANER]))
    assert "Cuisinière, 7 ans d'expérience" in text  # March 2015 – December 2022
    assert "11 ans" not in text


def test_overlapping_jobs_count_once() -> None:
    again = job("cook", {"year": 2020, "month": 1}, {"year": 2021, "month": 12})
    text = pdf_text(layla(experience=[COOK, again]))  # 2020–2021 is inside 2015–2022
    assert "Cuisinière, 7 ans d'expérience" in text and "9 ans" not in text


def test_without_that_trade_it_is_work_experience() -> None:
    text = pdf_text(layla(experience=[CLEANER]))
    assert "Cuisinière, 3 ans d'expérience professionnelle" in text
    one = job("cleaning", {"year": 2025, "month": 6}, "now")
    assert "1 an d'expérience professionnelle" in pdf_text(layla(experience=[one]))


def test_availability_reads_as_an_employer_reads_it() -> None:
    text = pdf_text(layla(start="now", time="both"))
    assert "Disponible immédiatement — Temps plein ou temps partiel" in text
    assert "Les deux" not in text and "Tout de suite" not in text
    assert "Disponible sous un mois — Temps partiel" in pdf_text(layla(start="month", time="part"))
