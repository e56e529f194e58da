"""Issue 17, item 5: a photo's caption was never read on Telegram — a captioned photo at "where
are you?" got "I can only read text" — while the WhatsApp channel reads an image's caption. The
caption is the person's words: it is read as text; a photo without one still gets the polite
answer.
"""

from __future__ import annotations

from bot.config import Settings
from tests.standins.telegram import updates
from tests.telegram_support import serving

CHAT = 2718281


async def test_a_captioned_photo_answers_where_are_you(settings: Settings) -> None:
    async with serving(settings) as h:
        texts = ("hello", "1", "1", "3", "1")  # English, agree, find help near me, a kind
        for n, text in enumerate(texts, start=1):
            assert await h.post(updates.text(CHAT, text)) == 200
            await h.telegram.wait_for(n, CHAT)
        where = h.telegram.texts(CHAT)[-1]
        media = h.passerelle.catalogs.text("en", "input.media")
        assert await h.post(updates.photo(CHAT, caption="Lyon")) == 200
        answer = (await h.telegram.wait_for(len(texts) + 1, CHAT))[-1].params["text"]
        assert media not in answer and "Lyon" in answer, (where, answer)
        assert await h.post(updates.photo(CHAT)) == 200
        answer = (await h.telegram.wait_for(len(texts) + 2, CHAT))[-1].params["text"]
        assert media in answer
