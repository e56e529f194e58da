"""WhatsApp and SMS out: the real twilio client against the stand-in — receipts, errors, the
24-hour window, templates, long bodies, signed media links and rate limits."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from pathlib import Path

from sqlalchemy import select, update

from bot.config import Settings
from bot.media import MediaLinks
from bot.messages import Outgoing, OutKind
from bot.store import tables
from tests.standins.twilio import inbound
from tests.support import outbox_row, queue_message, settled
from tests.twilio_support import PUBLIC, Harness, serving

AMAL = "whatsapp:+33611111111"
NUMBER = "+33611111111"
OMAR = "+33622222222"


async def onboard(h: Harness, sender: str) -> None:
    for n, text in enumerate(("hello", "1", "yes"), start=1):
        await h.message(inbound(sender, text))
        await h.twilio.wait_for(n, sender)


async def user_id(h: Harness, channel: str, number: str) -> int:
    async with h.passerelle.database.read() as conn:
        return int(
            await conn.scalar(
                select(tables.users.c.id).where(
                    tables.users.c.channel == channel, tables.users.c.external_id == number
                )
            )
        )


async def queue(
    h: Harness,
    channel: str,
    number: str,
    out: Outgoing,
    priority: int = 5,
    owner: int | None = None,
) -> int:
    return await queue_message(h.passerelle, channel, number, out, priority, owner)


def text(body: str, lang: str = "en") -> Outgoing:
    return Outgoing(OutKind.TEXT, body, lang)


async def test_receipts_move_statuses_forward_only(settings: Settings) -> None:
    async with serving(settings) as h:
        await h.message(inbound(AMAL, "hello"))
        (reply,) = await h.twilio.wait_for(1, AMAL)
        callback = reply["StatusCallback"].removeprefix(PUBLIC)
        outbox_id = int(callback.split("o=")[1])
        await settled(h.passerelle, outbox_id)

        async def receipt(status: str, **extra: str) -> int:
            form = {"MessageSid": "SM1", "MessageStatus": status, "AccountSid": "AC", **extra}
            return (await h.post(callback, form)).status

        assert await receipt("delivered") == 200
        assert (await outbox_row(h.passerelle, outbox_id))["status"] == "delivered"
        assert await receipt("sent") == 200  # late and out of order: ignored
        assert (await outbox_row(h.passerelle, outbox_id))["status"] == "delivered"
        assert await receipt("read") == 200
        assert (await outbox_row(h.passerelle, outbox_id))["status"] == "read"
        unsigned = await h.client.post(callback, data={"MessageStatus": "failed"})
        assert (
            unsigned.status == 403
            and (await outbox_row(h.passerelle, outbox_id))["status"] == "read"
        )


async def test_a_failed_receipt_keeps_twilios_error_code(settings: Settings) -> None:
    async with serving(settings) as h:
        await h.message(inbound(OMAR, "hello"))
        (reply,) = await h.twilio.wait_for(1, OMAR)
        callback = reply["StatusCallback"].removeprefix(PUBLIC)
        outbox_id = int(callback.split("o=")[1])
        await settled(h.passerelle, outbox_id)
        form = {"MessageSid": "SM2", "MessageStatus": "undelivered", "ErrorCode": "30003"}
        assert (await h.post(callback, form)).status == 200
        state = await outbox_row(h.passerelle, outbox_id)
        assert (state["status"], state["error"]) == ("undelivered", "Twilio error 30003")


async def test_errors_429_21610_and_500(settings: Settings) -> None:
    async with serving(settings) as h:
        h.twilio.fail(429, 20429, times=2)
        h.twilio.fail(500)
        await h.message(inbound(OMAR, "hello"))
        await h.twilio.wait_for(1, OMAR)
        assert len([p for p in h.twilio.posts if not p.ok]) == 3  # retried, then sent once
        h.twilio.fail(400, 21610)  # the person texted STOP to the carrier
        await h.message(inbound(OMAR, "1"))
        owner = await user_id(h, "sms", OMAR)
        deadline = time.monotonic() + 10
        while True:
            async with h.passerelle.database.read() as conn:
                status = await conn.scalar(
                    select(tables.users.c.status).where(tables.users.c.id == owner)
                )
            if status == "stopped":
                break
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        announcement = await queue(h, "sms", OMAR, text("A job fair"), owner=owner)
        assert (await settled(h.passerelle, announcement))["status"] == "skipped"


async def test_outside_the_24_hour_window_only_templates_go(settings: Settings) -> None:
    async with serving(settings) as h:
        await onboard(h, AMAL)
        owner = await user_id(h, "whatsapp", NUMBER)
        long_ago = h.passerelle.engine.clock.now() - dt.timedelta(hours=25)
        async with h.passerelle.database.write() as conn:
            await conn.execute(
                update(tables.users)
                .where(tables.users.c.id == owner)
                .values(last_inbound_at=long_ago)
            )
        skipped = await queue(h, "whatsapp", NUMBER, text("French class on Thursday"), owner=owner)
        state = await settled(h.passerelle, skipped)
        assert (state["status"], state["error"]) == ("skipped", "outside window")
        assert len(h.twilio.sent(AMAL)) == 3  # nothing was attempted
        sms = await queue(h, "sms", OMAR, text("SMS has no window"))
        assert (await settled(h.passerelle, sms))["status"] == "sent"

    async with serving(settings, twilio_template_content_sids={"en": "HXtemplate_en"}) as h:
        await onboard(h, AMAL)
        owner = await user_id(h, "whatsapp", NUMBER)
        async with h.passerelle.database.write() as conn:
            await conn.execute(
                update(tables.users)
                .where(tables.users.c.id == owner)
                .values(last_inbound_at=long_ago)
            )
        templated = await queue(
            h, "whatsapp", NUMBER, text("French class on Thursday"), owner=owner
        )
        assert (await settled(h.passerelle, templated))["status"] == "sent"
        last = h.twilio.sent(AMAL)[-1]
        assert last["ContentSid"] == "HXtemplate_en" and "Body" not in last
        assert json.loads(last["ContentVariables"]) == {"1": "French class on Thursday"}


async def test_error_63016_falls_back_to_the_template_or_skips(settings: Settings) -> None:
    async with serving(settings, twilio_template_content_sids={"default": "HXdefault"}) as h:
        await onboard(h, AMAL)
        h.twilio.fail(400, 63016)
        owner = await user_id(h, "whatsapp", NUMBER)
        sent = await queue(h, "whatsapp", NUMBER, text("Shelter open tonight"), owner=owner)
        assert (await settled(h.passerelle, sent))["status"] == "sent"
        assert h.twilio.sent(AMAL)[-1]["ContentSid"] == "HXdefault"
        h.twilio.fail(400, 63016, times=2)
        skipped = await queue(h, "whatsapp", NUMBER, text("Again"), owner=owner)
        assert (await settled(h.passerelle, skipped))["error"] == "outside window"


async def test_long_bodies_are_split_and_choices_can_use_content_templates(
    settings: Settings,
) -> None:
    async with serving(settings, twilio_choice_content_sids={"2": "HXtwo_options"}) as h:
        await h.message(inbound(AMAL, "hello"))
        await h.message(inbound(AMAL, "1"))  # English: the consent question has two options
        consent = (await h.twilio.wait_for(2, AMAL))[1]
        assert consent["ContentSid"] == "HXtwo_options"
        variables = json.loads(consent["ContentVariables"])
        assert variables["2"] == "Yes, I agree" and variables["4"] == "onboarding.privacy|agree"
        await h.message(inbound(AMAL, "Yes, I agree", ButtonPayload=variables["4"]))
        menu = (await h.twilio.wait_for(3, AMAL))[2]  # seven options: numbered text
        assert "ContentSid" not in menu and "7. My data" in menu["Body"]
        long = "\n\n".join("Paragraph. " * 40 for _ in range(8))
        await queue(h, "sms", OMAR, text(long))
        parts = await h.twilio.wait_for(3, OMAR)
        assert all(len(p["Body"]) <= 1600 for p in parts)
        assert " ".join(p["Body"] for p in parts).split() == long.split()


async def test_documents_go_as_signed_expiring_links(settings: Settings) -> None:
    async with serving(settings) as h:
        folder = h.settings.data_dir / "media"
        folder.mkdir(parents=True, exist_ok=True)
        cv = folder / "cv-7.pdf"
        cv.write_bytes(b"%PDF-1.4 CV")
        await queue(h, "sms", OMAR, Outgoing(OutKind.DOCUMENT, "Your CV", path=str(cv)))
        (message,) = await h.twilio.wait_for(1, OMAR)
        link = message["MediaUrl"]
        assert link.startswith(f"{PUBLIC}/media/") and message["Body"] == "Your CV"
        path = link.removeprefix(PUBLIC)
        fetched = await h.client.get(path)
        assert fetched.status == 200 and await fetched.read() == b"%PDF-1.4 CV"
        assert (await h.client.get(path[:-3] + "xyz")).status == 403  # forged
        body, _, mac = path.removeprefix("/media/").partition(".")
        assert (await h.client.get(f"/media/{body[:-2]}AA.{mac}")).status == 403  # altered
        links = MediaLinks.from_settings(h.settings)
        assert links is not None
        expired = links.url_for(cv, now=time.time() - 2 * 3600).removeprefix(PUBLIC)
        assert (await h.client.get(expired)).status == 404
        (folder.parent / "secret.txt").write_text("not for you")
        try:
            links.url_for(folder / ".." / "secret.txt")
            raise AssertionError("a link outside the media folder was made")
        except ValueError:
            pass
        outside = await queue(
            h, "sms", OMAR, Outgoing(OutKind.DOCUMENT, "x", path=str(Path("/etc/passwd")))
        )
        assert (await settled(h.passerelle, outside))["status"] == "failed"


async def test_each_sender_keeps_its_rate(settings: Settings) -> None:
    async with serving(settings, twilio_sms_rate_per_second=4) as h:
        started = time.monotonic()
        for n in range(10):
            await queue(h, "sms", f"+3369999{n:04d}", text(f"hello {n}"))
        await h.twilio.wait_for(10)
        assert time.monotonic() - started >= 1.3  # 4 at once, then 4 per second
