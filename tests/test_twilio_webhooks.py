"""WhatsApp and SMS in: signed Twilio webhooks, replies read at the stand-in REST API."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.config import Settings
from bot.store import tables
from tests.standins.twilio import inbound, signature
from tests.twilio_support import PUBLIC, SMS_FROM, WHATSAPP_FROM, Harness, serving

AMAL = "whatsapp:+33611111111"
OMAR = "+33622222222"


async def person(h: Harness, channel: str, number: str) -> dict[str, object]:
    async with h.passerelle.database.read() as conn:
        row = (
            await conn.execute(
                select(tables.users).where(
                    tables.users.c.channel == channel, tables.users.c.external_id == number
                )
            )
        ).first()
    return dict(row._mapping) if row else {}


async def logged(h: Harness) -> int:
    async with h.passerelle.database.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(tables.inbound_log)) or 0)


async def test_whatsapp_message_gets_empty_twiml_then_a_reply_through_the_rest_api(
    settings: Settings,
) -> None:
    async with serving(settings) as h:
        response = await h.post("/webhooks/twilio", inbound(AMAL, "مرحبا"))
        assert response.status == 200
        assert response.content_type == "text/xml"
        assert "<Response></Response>" in await response.text()
        (reply,) = await h.twilio.wait_for(1, AMAL)
        assert reply["From"] == WHATSAPP_FROM
        assert "1. \u2068العربية" in reply["Body"]  # a numbered menu, first the suggested language
        assert reply["StatusCallback"].startswith(f"{PUBLIC}/webhooks/twilio/status?o=")
        stored = await person(h, "whatsapp", "+33611111111")
        assert stored["language"] is None and "Amal" not in str(stored)  # ProfileName not kept


async def test_sms_is_its_own_channel(settings: Settings) -> None:
    async with serving(settings) as h:
        assert await h.message(inbound(OMAR, "Bonjour")) == 200
        (reply,) = await h.twilio.wait_for(1, OMAR)
        assert reply["From"] == SMS_FROM and "Quelle langue" in reply["Body"]
        assert (await person(h, "sms", OMAR))["channel"] == "sms"


async def test_signatures_are_required_and_checked_against_the_public_url(
    settings: Settings,
) -> None:
    async with serving(settings) as h:
        form = inbound(AMAL, "hello")
        assert (await h.post("/webhooks/twilio", form, headers={})).status == 403
        assert (await h.post("/webhooks/twilio", form, token="not-our-token")).status == 403
        wrong_url = "https://bot.example.org/somewhere-else"
        assert (await h.post("/webhooks/twilio", form, sign_as=wrong_url)).status == 403
        internal = str(h.client.make_url("/webhooks/twilio"))  # not what Twilio called
        assert (await h.post("/webhooks/twilio", form, sign_as=internal)).status == 403
        signed_then_altered = await h.client.post(
            "/webhooks/twilio",
            data={**form, "Body": "altered"},
            headers={"X-Twilio-Signature": signature(f"{PUBLIC}/webhooks/twilio", form)},
        )
        assert signed_then_altered.status == 403
        assert await logged(h) == 0 and h.twilio.posts == []
        assert (await h.post("/webhooks/twilio", form)).status == 200


async def test_the_same_message_sid_twice_gets_one_reply(settings: Settings) -> None:
    async with serving(settings) as h:
        form = inbound(AMAL, "hello")
        assert await h.message(form) == 200
        assert await h.message(form) == 200
        await h.twilio.wait_for(1, AMAL)
        await h.message(inbound(AMAL, "1"))
        await h.twilio.wait_for(2, AMAL)
        assert len(h.twilio.sent(AMAL)) == 2 and await logged(h) == 2


async def onboard(h: Harness, sender: str) -> None:
    for n, text in enumerate(("hello", "1", "yes"), start=1):
        await h.message(inbound(sender, text))
        await h.twilio.wait_for(n, sender)


async def test_locations_media_and_buttons(settings: Settings) -> None:
    async with serving(settings) as h:
        await onboard(h, AMAL)
        await h.message(inbound(AMAL, Latitude="48.8566", Longitude="2.3522"))
        await h.message(
            inbound(
                AMAL,
                NumMedia="1",
                MediaContentType0="audio/ogg",
                MediaUrl0="https://api.twilio.com/media/x",
            )
        )
        await h.message(inbound(AMAL, "My data", ButtonPayload="menu.main|mydata"))
        replies = await h.twilio.wait_for(6, AMAL)
        assert "do not need a location" in replies[3]["Body"]
        # No speech model installed here: a voice note is answered with "write, please".
        assert "I can't listen to voice messages here yet" in replies[4]["Body"]
        assert "Here is everything I keep about you" in replies[5]["Body"]


async def test_stop_and_start_on_whatsapp_and_sms(settings: Settings) -> None:
    async with serving(settings) as h:
        for sender, channel, number in ((AMAL, "whatsapp", "+33611111111"), (OMAR, "sms", OMAR)):
            await onboard(h, sender)
            for stop_word, count in (("STOP", 4), ("ARRÊT", 6), ("Unsubscribe", 8)):
                await h.message(inbound(sender, stop_word))
                await h.twilio.wait_for(count - 1 + 1, sender)
                assert (await person(h, channel, number))["status"] == "stopped"
                await h.message(inbound(sender, "START"))
                await h.twilio.wait_for(count + 1, sender)
                assert (await person(h, channel, number))["status"] == "active"


async def test_bad_forms_are_refused_without_storing(settings: Settings) -> None:
    async with serving(settings) as h:
        assert await h.message({"Body": "no sender, no sid", "AccountSid": ""}) in (400, 403)
        other_account = inbound(AMAL, "hi", AccountSid="AC" + "9" * 32)
        assert await h.message(other_account) == 403
        assert await logged(h) == 0
