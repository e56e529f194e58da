"""Telegram in: real-shaped updates posted to our webhook, replies read at the stand-in Bot API."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from bot.config import Settings
from bot.store import tables
from tests.standins.telegram import updates
from tests.telegram_support import HEADERS, Harness, serving


async def users_named(h: Harness, chat_id: int) -> list[dict[str, object]]:
    async with h.passerelle.database.read() as conn:
        rows = await conn.execute(
            select(tables.users).where(tables.users.c.external_id == str(chat_id))
        )
        return [dict(r._mapping) for r in rows]


async def logged(h: Harness) -> int:
    async with h.passerelle.database.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(tables.inbound_log)) or 0)


async def test_a_conversation_with_inline_keyboards(settings: Settings) -> None:
    async with serving(settings) as h:
        assert await h.post(updates.text(1001, "/start", language="ar")) == 200
        (picker,) = await h.telegram.wait_for(1, 1001)
        buttons = [row[0] for row in picker.params["reply_markup"]["inline_keyboard"]]
        assert buttons[0]["text"].endswith("1. العربية")  # Telegram's language_code suggests it
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        press = updates.press(1001, buttons[0]["callback_data"])
        assert await h.post(press) == 200
        await h.telegram.wait_for(2, 1001)
        await h.telegram.wait_for(1, method="answerCallbackQuery")
        assert (
            h.telegram.sent(method="answerCallbackQuery")[0].params["callback_query_id"]
            == (press["callback_query"]["id"])
        )
        assert "هل توافق" in h.telegram.texts(1001)[1]
        assert await h.post(updates.text(1001, "1")) == 200  # typed numbers work too
        await h.telegram.wait_for(3, 1001)
        assert (await users_named(h, 1001))[0]["consent"] == "given"


async def test_a_button_from_a_question_that_has_passed(settings: Settings) -> None:
    async with serving(settings) as h:
        await h.post(updates.text(1002, "hello"))
        await h.telegram.wait_for(1, 1002)
        await h.post(updates.text(1002, "1"))
        await h.telegram.wait_for(2, 1002)
        await h.post(updates.press(1002, "onboarding.language|fr"))  # the old keyboard
        (*_, stale) = await h.telegram.wait_for(3, 1002)
        assert stale.params["text"].startswith("That question has passed.")
        assert "Do you agree" in stale.params["text"]
        await h.telegram.wait_for(1, method="answerCallbackQuery")


async def test_locations_and_media_get_a_polite_answer(settings: Settings) -> None:
    async with serving(settings) as h:
        for update in (
            updates.text(1003, "bonjour"),
            updates.text(1003, "1"),
            updates.text(1003, "1"),
        ):
            await h.post(update)
        await h.telegram.wait_for(3, 1003)
        for n, update in enumerate(
            (
                updates.location(1003, 48.85, 2.35),
                updates.voice(1003),
                updates.sticker(1003),
                updates.photo(1003),
            ),
            start=4,
        ):
            assert await h.post(update) == 200
            await h.telegram.wait_for(n, 1003)
        texts = h.telegram.texts(1003)
        assert "pas besoin d'une position" in texts[3]
        # No speech model installed here: a voice note is answered with "write, please".
        assert texts[4].startswith("Je ne peux pas encore écouter les messages vocaux ici.")
        assert all("Je ne sais lire que du texte" in t for t in texts[5:])


async def test_what_is_not_a_private_conversation_is_ignored_safely(settings: Settings) -> None:
    async with serving(settings) as h:
        for update in (
            updates.edited(1004, "edited"),
            updates.channel_post(-100123, "news"),
            updates.text(-5005, "hello group", chat_type="group"),
        ):
            assert await h.post(update) == 200
        assert await logged(h) == 0 and await users_named(h, 1004) == []
        assert h.telegram.sent() == []


async def test_blocking_and_unblocking_the_bot(settings: Settings) -> None:
    async with serving(settings) as h:
        await h.post(updates.text(1005, "hello"))
        await h.telegram.wait_for(1, 1005)
        assert await h.post(updates.member(1005, "kicked")) == 200
        assert (await users_named(h, 1005))[0]["status"] == "blocked"
        assert await h.post(updates.member(1005, "member")) == 200
        assert (await users_named(h, 1005))[0]["status"] == "active"


async def test_the_secret_token_is_required_and_nothing_is_stored_without_it(
    settings: Settings,
) -> None:
    async with serving(settings) as h:
        update = updates.text(1006, "hello")
        assert await h.post(update, headers={}) == 403
        assert await h.post(update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) == 403
        assert await logged(h) == 0 and h.telegram.sent() == []


async def test_bodies_that_are_not_updates_get_400(settings: Settings) -> None:
    async with serving(settings) as h:
        post = h.client.post
        for body in (
            b"not json",
            b"[]",
            b'{"message": {}}',
            b'{"update_id": "7"}',
            b'{"update_id": 7, "message": {"chat": "nope"}}',
            b"\xff\xfe\x00",
        ):
            response = await post("/webhooks/telegram", data=body, headers=HEADERS)
            assert response.status == 400, body
        huge = io.BytesIO(b"x" * (2 * 1024 * 1024))
        too_big = await post("/webhooks/telegram", data=huge, headers=HEADERS)
        assert too_big.status == 413
        assert await logged(h) == 0


async def test_the_same_update_twice_gets_one_reply(settings: Settings) -> None:
    async with serving(settings) as h:
        update = updates.text(1007, "hello")
        assert await h.post(update) == 200
        assert await h.post(update) == 200
        await h.telegram.wait_for(1, 1007)
        await h.post(updates.text(1007, "1"))
        await h.telegram.wait_for(2, 1007)
        assert len(h.telegram.sent(1007)) == 2
