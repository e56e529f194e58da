"""Voice notes, heard by a real model (tiny.en) from real OGG/Opus notes (tests/voice/, made by
make.sh there), sent as Telegram voice updates through the stand-in, which serves the file: what
the person is shown, the step it drives, the notes that cannot be heard, and that no audio stays.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.store import tables
from tests.standins.telegram import updates
from tests.telegram_support import Harness, serving

VOICE = Path(__file__).parent / "voice"


def speech(speech_models: Path, **overrides: Any) -> dict[str, Any]:
    """Settings for voice notes: tiny.en from the session's folder, notes of 5 s at most."""
    return {
        "speech_dir": speech_models,
        "speech_model": "tiny.en",
        "speech_max_seconds": 5,
        **overrides,
    }


async def english(h: Harness, chat: int) -> None:
    for text in ("hello", "1", "1"):  # hello, English (suggested), I agree
        await h.post(updates.text(chat, text, language="en"))
    await h.telegram.wait_for(3, chat)


async def said(h: Harness, chat: int, count: int) -> list[str]:
    """The first `count` texts sent to `chat` (waiting for them), the rest ignored."""
    await h.telegram.wait_for(count, chat, within=60)
    return h.telegram.texts(chat)[:count]


async def voice(h: Harness, chat: int, name: str, **fields: Any) -> None:
    h.telegram.files[name] = (VOICE / f"{name}.ogg").read_bytes()
    assert await h.post(updates.voice(chat, name, mime_type="audio/ogg", **fields)) == 200


async def step(app: App, external_id: str | int) -> str | None:
    """Where the person named `external_id` is in the conversation."""
    users, conversations = tables.users, tables.conversations
    async with app.database.read() as conn:
        return await conn.scalar(
            select(conversations.c.step)
            .join(users, users.c.id == conversations.c.user_id)
            .where(users.c.external_id == str(external_id))
        )


def notes_left(settings: Settings) -> list[Path]:
    return [p for p in (settings.data_dir / "media").glob("voice*/*") if p.is_file()]


async def test_a_voice_note_is_shown_back_then_answers_the_menu_as_if_typed(
    settings: Settings, speech_models: Path
) -> None:
    async with serving(settings, **speech(speech_models)) as h:
        await english(h, 2001)
        assert await step(h.passerelle, 2001) == "menu.main"
        await voice(h, 2001, "find_help")
        listening, heard = (await said(h, 2001, 5))[3:]
        assert listening.startswith("🎤 I'm listening to your voice message")
        assert heard.startswith("🎤 I heard: “Find help near me.”\nIs that right?")
        question = h.telegram.sent(2001)[4].params["reply_markup"]["inline_keyboard"]
        assert [row[0]["text"] for row in question] == [
            "1. Yes, that's right",
            "2. Say it again",
            "3. Type it instead",
        ]
        assert await step(h.passerelle, 2001) == "speech.heard"
        assert h.telegram.downloads == ["voice/find_help.oga"]
        assert notes_left(h.settings) == []  # heard, and let go

        await h.post(updates.text(2001, "2"))  # say it again: back to the menu
        again = (await said(h, 2001, 6))[5]
        assert again.startswith("🎤 Send your voice message again") and "What would you" in again
        assert await step(h.passerelle, 2001) == "menu.main"

        await voice(h, 2001, "find_help")
        await said(h, 2001, 8)
        await h.post(updates.text(2001, "type it instead"))  # the option's words work too
        typed = (await said(h, 2001, 9))[8]
        assert typed.startswith("Please write your answer.") and "What would you" in typed

        await voice(h, 2001, "find_help")
        await said(h, 2001, 11)
        await h.post(updates.text(2001, "1"))  # yes: "Find help near me" picks the menu entry
        kinds = (await said(h, 2001, 12))[11]
        assert kinds.startswith("What do you need?")
        assert await step(h.passerelle, 2001) == "help.category"
        assert notes_left(h.settings) == []


async def test_broken_silent_and_long_notes_are_told_why(
    settings: Settings, speech_models: Path
) -> None:
    async with serving(settings, **speech(speech_models)) as h:
        await english(h, 2002)
        await voice(h, 2002, "broken")
        problem = (await said(h, 2002, 5))[4]
        assert problem.startswith("I couldn't play this file as a voice message.")
        assert "What would you like to do?" in problem  # and the question again
        await voice(h, 2002, "silent", duration=2)
        problem = (await said(h, 2002, 7))[6]
        assert problem.startswith("I couldn't hear anyone speaking in your voice message.")
        await voice(h, 2002, "long", duration=1)  # Telegram says 1 s; decoding finds 7
        problem = (await said(h, 2002, 9))[8]
        assert problem.startswith("Your voice message is too long for me (5 seconds at most).")
        await voice(h, 2002, "long", duration=7)  # said so: refused before downloading
        problem = (await said(h, 2002, 11))[10]
        assert problem.startswith("Your voice message is too long for me")
        assert h.telegram.downloads.count("voice/long.oga") == 1
        assert await step(h.passerelle, 2002) == "menu.main" and notes_left(h.settings) == []


async def test_too_big_and_gone_notes_are_told_why(settings: Settings, speech_models: Path) -> None:
    async with serving(settings, **speech(speech_models, speech_max_mb=0.001)) as h:
        await english(h, 2003)
        await voice(h, 2003, "cook", file_size=7738)
        problem = (await said(h, 2003, 5))[4]
        assert problem.startswith("Your voice message is too large for me (0.001 MB at most).")
        assert h.telegram.downloads == []
        # A file_id Telegram no longer knows (getFile answers 400): said, not swallowed.
        assert await h.post(updates.voice(2003, "gone", mime_type="audio/ogg")) == 200
        problem = (await said(h, 2003, 7))[6]
        assert problem.startswith("I couldn't get your voice message. Please send it again")


async def test_a_language_the_model_cannot_hear_is_not_guessed(
    settings: Settings, speech_models: Path
) -> None:
    async with serving(settings, **speech(speech_models)) as h:
        for text in ("ሰላም", "1", "1"):  # Tigrinya, by its script
            await h.post(updates.text(2004, text))
        await h.telegram.wait_for(3, 2004)
        await voice(h, 2004, "cook")
        told = (await said(h, 2004, 4))[3]
        assert "ብትግርኛ ገና ኣይርድኣንን" in told and "«ወለንተኛ»" in told  # write, or ask a volunteer
        await asyncio.sleep(0.3)
        assert not [c for c in h.telegram.calls if c.method == "getFile"]
        assert await step(h.passerelle, 2004) == "menu.main"


async def test_a_note_sent_again_is_heard_once(settings: Settings, speech_models: Path) -> None:
    async with serving(settings, **speech(speech_models)) as h:
        await english(h, 2005)
        h.telegram.files["paris"] = (VOICE / "paris.ogg").read_bytes()
        update = updates.voice(2005, "paris", mime_type="audio/ogg")
        assert await h.post(update) == 200
        assert await h.post(update) == 200  # Telegram re-sends what it thinks we missed
        heard = (await said(h, 2005, 5))[4]
        assert heard.startswith("🎤 I heard: “Paris.”")
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert len(h.telegram.texts(2005)) == 5
        assert [c.method for c in h.telegram.calls].count("getFile") == 1
