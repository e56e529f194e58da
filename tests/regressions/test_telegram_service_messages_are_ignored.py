"""Issue 17, item 5: Telegram service messages — a pinned message, a new chat title, a change of
the auto-delete timer, and the Bot API's other notes about a chat — were answered "I can only
read text…" and the menu again. They are Telegram talking, not the person: no answer, nothing
stored, and the conversation goes on as before.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from bot.config import Settings
from bot.store import tables
from tests.standins.telegram import updates
from tests.telegram_support import serving

CHAT = 3141592
PINNED = {"message_id": 7, "date": 1, "chat": {"id": CHAT, "type": "private"}, "text": "hi"}
SERVICE: list[dict[str, Any]] = [
    {"pinned_message": PINNED},
    {"new_chat_title": "Passerelle"},
    {"message_auto_delete_timer_changed": {"message_auto_delete_time": 86400}},
    {"write_access_allowed": {"from_request": True}},
    {"users_shared": {"request_id": 1, "users": [{"user_id": 42}]}},
    {"chat_background_set": {"type": {"type": "chat_theme", "theme_name": "🌷"}}},
    {"forum_topic_created": {"name": "topic", "icon_color": 7322096}},
]


async def test_service_messages_get_no_answer(settings: Settings) -> None:
    async with serving(settings) as h:
        for n, text in enumerate(("hello", "1", "1"), start=1):
            assert await h.post(updates.text(CHAT, text)) == 200
            await h.telegram.wait_for(n, CHAT)
        async with h.passerelle.database.read() as conn:
            logged = await conn.scalar(select(func.count()).select_from(tables.inbound_log))
        for fields in SERVICE:
            assert await h.post(updates.service(CHAT, **fields)) == 200, fields
        await asyncio.sleep(0.3)
        assert len(h.telegram.texts(CHAT)) == 3  # nothing more was said
        async with h.passerelle.database.read() as conn:
            assert await conn.scalar(select(func.count()).select_from(tables.inbound_log)) == logged
        assert await h.post(updates.sticker(CHAT)) == 200  # what a person sends still gets one
        (answer,) = (await h.telegram.wait_for(4, CHAT))[3:]
        assert "I can only read text" in answer.params["text"]
