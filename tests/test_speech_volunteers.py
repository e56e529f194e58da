"""Voice notes on WhatsApp (Twilio's MediaUrl, fetched with the account's credentials), and in
conversations with a volunteer: a transcript reaches them marked as one; a note the model cannot
hear reaches them to listen to, is kept only while the request is open, and goes with "delete my
data". Real model (tiny.en), real notes (tests/voice/), real stand-ins."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.config import Settings
from bot.messages import Outgoing, OutKind
from tests.standins.telegram import updates
from tests.standins.twilio import inbound
from tests.support import queue_message
from tests.telegram_support import Harness
from tests.telegram_support import serving as telegram_serving
from tests.test_handover import make_volunteer
from tests.test_speech import VOICE, english, notes_left, said, speech, step, voice
from tests.twilio_support import serving as twilio_serving

AMAL = "whatsapp:+33612345678"


async def test_a_whatsapp_voice_note_names_a_city(settings: Settings, speech_models: Path) -> None:
    async with twilio_serving(settings, **speech(speech_models)) as h:
        for text in ("hello", "1", "1", "3", "1"):  # English, I agree, help near me, a bed
            assert await h.message(inbound(AMAL, text)) == 200
        await h.twilio.wait_for(5, AMAL)
        assert await step(h.passerelle, "+33612345678") == "help.place"
        url = h.twilio.add_media((VOICE / "paris.ogg").read_bytes(), "audio/ogg")
        note = inbound(AMAL, NumMedia="1", MediaUrl0=url, MediaContentType0="audio/ogg")
        assert await h.message(note) == 200
        sent = await h.twilio.wait_for(7, AMAL, within=60)
        assert sent[5]["Body"].startswith("🎤 I'm listening")
        assert sent[6]["Body"].startswith("🎤 I heard: “Paris.”")
        assert "1. Yes, that's right" in sent[6]["Body"]
        # The account's credentials went to Twilio's API only, not to the file's host.
        (api, with_auth), (cdn, without) = h.twilio.media_auth
        assert "/Media/" in api and (with_auth or "").startswith("Basic ")
        assert cdn.startswith("/cdn/") and without is None
        assert await h.message(inbound(AMAL, "1")) == 200  # yes
        answer = (await h.twilio.wait_for(8, AMAL))[7]["Body"]
        assert "Paris" in answer
        assert await step(h.passerelle, "+33612345678") != "help.place"
        assert notes_left(h.settings) == []


async def test_a_volunteer_sees_a_transcript_marked_as_one(
    settings: Settings, speech_models: Path
) -> None:
    async with telegram_serving(settings, **speech(speech_models)) as h:
        vol = await make_volunteer(h.passerelle, "vol")
        await english(h, 2101)
        await h.post(updates.text(2101, "5"))  # talk to a volunteer
        await h.post(updates.text(2101, "I need work"))
        await said(h, 2101, 5)
        assert "n°1" in (await vol.read())[0]
        await vol.send("/take 1")
        await voice(h, 2101, "cook")
        heard = (await said(h, 2101, 8))[7]
        assert heard.startswith("🎤 I heard: “I am looking for work as a cook.”")
        assert await vol.read() == []  # nothing passed on before the person says yes
        await h.post(updates.text(2101, "1"))  # yes: it goes to the volunteer, quietly
        marker, message = await vol.read()
        assert marker.startswith("🎤 #1 : le message suivant a été dit à voix haute")
        assert "I am looking for work as a cook." in message
        assert await step(h.passerelle, 2101) == "handover.talk"


async def tigrinya(h: Harness, chat: int) -> None:
    for text in ("ሰላም", "1", "1", "5"):  # Tigrinya, I agree, talk to a volunteer
        await h.post(updates.text(chat, text))
    await h.telegram.wait_for(4, chat)


async def test_a_note_the_model_cannot_hear_is_passed_to_the_volunteer_while_the_request_lasts(
    settings: Settings, speech_models: Path
) -> None:
    async with telegram_serving(settings, **speech(speech_models)) as h:
        vol = await make_volunteer(h.passerelle, "vol")
        await tigrinya(h, 2102)
        await voice(h, 2102, "cook")
        kept = (await said(h, 2102, 5))[4]
        assert kept.startswith("🎤 ናይ ድምጺ መልእኽትኹም ተመሓላሊፉ ኣሎ")
        (note,) = notes_left(h.settings)
        assert note.parent.name == "voice-kept" and note.name.endswith("-h1.ogg")
        (told,) = await vol.read()  # the volunteers on duty hear the request: the note itself
        assert told.startswith("🎤 #1 (ትግርኛ) a envoyé un message vocal")
        assert told.endswith(str(note))
        taken = await vol.send("/take 1")
        assert any(reply.endswith(str(note)) for reply in taken)  # who takes it can listen too
        assert await h.passerelle.speech.sweep() == 0  # the request is open: kept
        await vol.send("/end")
        assert await h.passerelle.speech.sweep() == 1
        assert notes_left(h.settings) == []


async def test_delete_my_data_erases_kept_notes(settings: Settings, speech_models: Path) -> None:
    async with telegram_serving(settings, **speech(speech_models)) as h:
        await tigrinya(h, 2103)
        await voice(h, 2103, "cook")
        await said(h, 2103, 5)
        assert len(notes_left(h.settings)) == 1
        await h.post(updates.text(2103, "/delete"))  # first: end the conversation, or stay?
        await said(h, 2103, 6)
        await h.post(updates.text(2103, "1"))  # end it, and go on
        assert "ኩሉ ክድምሰስ ትደልዩዶ?" in (await said(h, 2103, 7))[6]  # erase everything?
        await h.post(updates.text(2103, "1"))
        assert await step(h.passerelle, 2103) is None  # erased
        for _ in range(50):
            if not notes_left(h.settings):
                break
            await asyncio.sleep(0.05)
        assert notes_left(h.settings) == []


async def test_a_note_for_a_telegram_volunteer_plays_as_a_voice_message(
    settings: Settings,
) -> None:
    async with telegram_serving(settings) as h:
        note = h.settings.data_dir / "media" / "voice-kept" / "7-x-h1.ogg"
        note.parent.mkdir(parents=True)
        note.write_bytes((VOICE / "paris.ogg").read_bytes())
        out = Outgoing(
            OutKind.DOCUMENT, "🎤 #1", path=str(note), filename="voice-1.ogg", extra={"voice": True}
        )
        await queue_message(h.passerelle, "telegram", "3001", out)
        (sent,) = await h.telegram.wait_for(1, 3001, method="sendVoice")
        assert sent.params["caption"] == "🎤 #1"
        assert sent.params["voice"]["content"] == note.read_bytes()
