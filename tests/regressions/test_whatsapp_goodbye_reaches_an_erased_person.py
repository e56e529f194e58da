"""Issue 17, item 2: a WhatsApp person who deleted their data never got the confirmation. The
goodbye row ended "skipped / outside window": once the person was gone, the 24-hour window was
computed from no last message. It must reach them on every channel, through the real webhook and
REST stand-in, and its row is then scrubbed.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.config import Settings
from bot.store import tables
from tests.standins.twilio import inbound
from tests.twilio_support import serving

NUMBER = "+33655501234"
WHATSAPP = f"whatsapp:{NUMBER}"


async def test_the_goodbye_reaches_a_whatsapp_person_after_erasure(settings: Settings) -> None:
    async with serving(settings) as h:
        for n, text in enumerate(("hello", "1", "1", "delete my data"), start=1):
            assert await h.message(inbound(WHATSAPP, text)) == 200
            await h.twilio.wait_for(n, WHATSAPP)
        assert await h.message(inbound(WHATSAPP, "1")) == 200  # yes, erase everything
        sent = await h.twilio.wait_for(5, WHATSAPP)
        goodbye = h.passerelle.catalogs.text("en", "erase.done")
        assert sent[-1]["Body"] == goodbye
        for _ in range(400):  # the send is recorded just after the stand-in answers
            async with h.passerelle.database.read() as conn:
                rows = (await conn.execute(select(tables.outbox))).mappings().all()
            if all(r["status"] != "sending" for r in rows):
                break
            await asyncio.sleep(0.05)
        assert [(r["status"], r["external_id"]) for r in rows if r["user_id"] is None] == [
            ("sent", None)
        ]
        assert all(NUMBER not in str(dict(r)) for r in rows)  # sent, then scrubbed


async def test_the_goodbye_reaches_an_sms_person_too(settings: Settings) -> None:
    async with serving(settings) as h:
        for n, text in enumerate(("hello", "1", "1", "delete my data", "1"), start=1):
            assert await h.message(inbound(NUMBER, text)) == 200
            await h.twilio.wait_for(n, NUMBER)
        assert h.twilio.sent(NUMBER)[-1]["Body"] == h.passerelle.catalogs.text("en", "erase.done")
