"""Issue 17, item 7: at first contact "Добрий день" was taken for Russian and "Salam" for Turkish.
When the evidence is weak, or the script is shared by several supported languages, the language
question offers those first (and asks in the likeliest two) instead of picking one; a greeting
only one language uses picks it. Through the Telegram webhook, with no app language to help.
"""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.i18n.bidi import strip_marks
from tests.standins.telegram import updates
from tests.telegram_support import serving

CASES = [
    ("Добрий день", ["Українська"], "Якою мовою"),
    ("Доброго дня", ["Українська", "Русский"], "На каком языке"),
    ("Salam", ["دری (فارسی)", "پښتو", "العربية", "বাংলা"], "کومه ژبه"),
    ("سلام", ["دری (فارسی)", "العربية", "پښتو"], "أي لغة"),
]


@pytest.mark.parametrize(("first", "offered", "asked"), CASES)
async def test_the_languages_that_fit_come_first(
    sqlite_only: Settings, first: str, offered: list[str], asked: str
) -> None:
    async with serving(sqlite_only) as h:
        assert await h.post(updates.text(4040, first)) == 200
        (call,) = await h.telegram.wait_for(1, 4040)
        text = strip_marks(call.params["text"])
        assert asked in text, text
        buttons = [row[0]["text"] for row in call.params["reply_markup"]["inline_keyboard"]]
        labels = [strip_marks(b).split(". ", 1)[1] for b in buttons]
        assert labels[: len(offered)] == offered, labels
        assert "Türkçe" not in labels[: len(offered)]
