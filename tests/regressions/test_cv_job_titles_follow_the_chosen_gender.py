"""Issue 16: a woman's CV said "Électricien". Trades carry ROME's feminine and masculine titles,
and the CV writes the form the person chose (or both)."""

from __future__ import annotations

from bot.cv import trades
from tests.cv_support import pdf_text


def job(trade_id: str) -> dict[str, object]:
    return dict(trades.named()[trade_id].as_dict())


def test_the_title_is_in_the_form_chosen() -> None:
    assert "Électricienne du bâtiment" in pdf_text({"gender": "f", "jobs": [job("electrician")]})
    assert "Électricien du bâtiment" in pdf_text({"gender": "m", "jobs": [job("electrician")]})
    both = pdf_text({"gender": "x", "jobs": [job("welder")]})
    assert "Soudeur / Soudeuse" in both


def test_the_situation_line_agrees_too() -> None:
    text = pdf_text({"gender": "f", "status": "refugee"})
    assert "Réfugiée" in text and "autorisée à travailler" in text
