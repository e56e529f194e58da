"""Issue 17, item 6: announcements outside WhatsApp's 24-hour window go out as the operator's
approved templates, which usually carry a quick-reply button whose payload is STOP. Pressing it
was taken for a stale choice ("that question has passed") and the person was not stopped. A
press whose payload or words are a stop or start word stops or starts, whatever question is open.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.config import Settings
from bot.store import tables
from tests.standins.twilio import inbound
from tests.twilio_support import Harness, serving

NUMBER = "+33655512121"
WHATSAPP = f"whatsapp:{NUMBER}"


async def status(h: Harness) -> str:
    async with h.passerelle.database.read() as conn:
        found = await conn.scalar(
            select(tables.users.c.status).where(tables.users.c.external_id == NUMBER)
        )
    return str(found)


async def press(h: Harness, payload: str, words: str) -> str:
    said = len(h.twilio.sent(WHATSAPP))
    form = inbound(WHATSAPP, words, ButtonPayload=payload, ButtonText=words)
    assert await h.message(form) == 200
    return (await h.twilio.wait_for(said + 1, WHATSAPP))[-1]["Body"]


async def test_a_template_stop_button_stops_and_start_starts(settings: Settings) -> None:
    async with serving(settings) as h:
        for n, text in enumerate(("hello", "1", "1"), start=1):
            assert await h.message(inbound(WHATSAPP, text)) == 200
            await h.twilio.wait_for(n, WHATSAPP)
        stale = h.passerelle.catalogs.text("en", "input.stale_choice")

        answer = await press(h, "STOP", "Stop promotions")  # the payload is the stop word
        assert await status(h) == "stopped" and stale not in answer
        assert "not receive announcements" in answer

        await press(h, "resubscribe", "START")  # the words are the start word
        assert await status(h) == "active"

        answer = await press(h, "opt_out_7", "Unsubscribe")  # the words, in a template of ours
        assert await status(h) == "stopped" and stale not in answer
