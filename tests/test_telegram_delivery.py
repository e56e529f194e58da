"""Telegram out: the outbox delivered through the real python-telegram-bot client to the stand-in,
under rate limits, 429s, 5xx errors and blocked people."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select
from telegram import Bot

from bot.channels.telegram.http import AiohttpRequest
from bot.config import Settings, load_settings
from bot.messages import Outgoing, OutKind
from bot.server import make_server
from bot.store import tables
from tests.standins.telegram import TelegramStandIn, updates
from tests.support import outbox_row, queue_message, settled
from tests.telegram_support import Harness, serving, telegram_settings


async def queue(
    h: Harness, chat_id: int, out: Outgoing, priority: int = 5, user_id: int | None = None
) -> int:
    return await queue_message(h.passerelle, "telegram", str(chat_id), out, priority, user_id)


def text(body: str) -> Outgoing:
    return Outgoing(OutKind.TEXT, body)


async def test_a_burst_of_429s_loses_nothing_and_repeats_nothing(settings: Settings) -> None:
    async with serving(settings, delivery_max_in_flight=1) as h:
        h.telegram.fail("sendMessage", 429, times=3, retry_after=1)
        ids = [await queue(h, 3000 + n, text(f"announcement {n}")) for n in range(5)]
        started = time.monotonic()
        await h.telegram.wait_for(5)
        assert time.monotonic() - started >= 2.5  # three pauses of one second were honoured
        assert sorted(h.telegram.texts()) == [f"announcement {n}" for n in range(5)]
        assert [(await settled(h.passerelle, i))["status"] for i in ids] == ["sent"] * 5


async def test_someone_who_blocked_the_bot_gets_nothing_more(settings: Settings) -> None:
    async with serving(settings) as h:
        await h.post(updates.text(2001, "hello"))
        await h.telegram.wait_for(1, 2001)
        h.telegram.fail("sendMessage", 403)
        await h.post(updates.text(2001, "1"))
        async with h.passerelle.database.read() as conn:
            user_id = await conn.scalar(
                select(tables.users.c.id).where(tables.users.c.external_id == "2001")
            )
        deadline = time.monotonic() + 10
        while True:
            async with h.passerelle.database.read() as conn:
                status = await conn.scalar(
                    select(tables.users.c.status).where(tables.users.c.id == user_id)
                )
            if status == "blocked":
                break
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        later = await queue(h, 2001, text("a broadcast"), user_id=user_id)
        assert (await settled(h.passerelle, later))["status"] == "skipped"
        assert (await outbox_row(h.passerelle, later))["error"] == "blocked"
        assert len(h.telegram.sent(2001)) == 1


async def test_server_errors_are_retried_then_recorded_as_failed(settings: Settings) -> None:
    async with serving(settings, delivery_max_attempts=3) as h:
        h.telegram.fail("sendMessage", 500, times=2)
        recovered = await queue(h, 2101, text("second time lucky"))
        state = await settled(h.passerelle, recovered)
        assert (state["status"], state["attempts"]) == ("sent", 3)
        assert h.telegram.texts(2101) == ["second time lucky"]
        h.telegram.fail("sendMessage", 502, times=3)
        doomed = await queue(h, 2102, text("never"))
        state = await settled(h.passerelle, doomed)
        assert state["status"] == "failed" and "Bad Gateway" in state["error"]
        assert h.telegram.texts(2102) == []


async def test_long_texts_are_split_and_documents_sent_as_files(
    settings: Settings, tmp_path: Path
) -> None:
    async with serving(settings) as h:
        long = "\n\n".join(f"Paragraph {n}: " + "mot " * 180 for n in range(12))
        await queue(h, 2201, text(long), priority=0)
        parts = await h.telegram.wait_for(3, 2201)
        assert all(len(p.params["text"]) <= 4096 for p in parts)
        assert " ".join(p.params["text"] for p in parts).split() == long.split()
        cv = tmp_path / "cv.pdf"
        cv.write_bytes(b"%PDF-1.4 a CV")
        await queue(
            h, 2201, Outgoing(OutKind.DOCUMENT, "Votre CV", path=str(cv), filename="CV.pdf")
        )
        (document,) = await h.telegram.wait_for(1, 2201, method="sendDocument")
        assert document.params["document"] == {"filename": "CV.pdf", "content": b"%PDF-1.4 a CV"}
        assert document.params["caption"] == "Votre CV"


async def test_rate_limits_overall_and_per_chat(settings: Settings) -> None:
    async with serving(
        settings, telegram_rate_per_second=5, telegram_chat_interval_seconds=0.3
    ) as h:
        for n in range(3):
            await queue(h, 2301, text(f"same chat {n}"))
        same = await h.telegram.wait_for(3, 2301)
        gaps = [b.at - a.at for a, b in itertools.pairwise(same)]
        assert all(gap >= 0.28 for gap in gaps), gaps
        assert [c.params["text"] for c in same] == [f"same chat {n}" for n in range(3)]
        started = time.monotonic()
        for n in range(15):
            await queue(h, 2400 + n, text("to many"))
        await h.telegram.wait_for(15 + 3)
        assert time.monotonic() - started >= 1.8  # 5 at once, then 5 per second


async def test_replies_go_before_announcements(settings: Settings) -> None:
    async with serving(settings, delivery_max_in_flight=1) as h:
        h.telegram.delay = 0.2  # a slow API: the queue builds up behind the first message
        first = await queue(h, 2500, text("announcement 0"))
        while not h.telegram.calls or h.telegram.calls[-1].method != "sendMessage":
            await asyncio.sleep(0.01)
        later = [await queue(h, 2501 + n, text(f"announcement {n + 1}")) for n in range(3)]
        reply = await queue(h, 2600, text("a reply"), priority=0)
        await h.telegram.wait_for(5)
        order = [c.params["text"] for c in h.telegram.sent()]
        assert order[:2] == ["announcement 0", "a reply"]
        states = [(await settled(h.passerelle, i))["status"] for i in [first, *later, reply]]
        assert states == ["sent"] * 5


async def test_a_platform_that_stops_answering_for_a_while_is_waited_out(
    settings: Settings,
) -> None:
    """Telegram answers too slowly for a while: each send times out and is retried (it may have
    gone through: a timeout says nothing), and the message is sent once Telegram answers again."""
    telegram = TelegramStandIn()
    api = await telegram.start()
    values = telegram_settings(settings, api, delivery_max_attempts=20).model_dump()
    quick = Bot(
        "123456:TEST-token", base_url=api, request=AiohttpRequest(connections=8, read_timeout=0.3)
    )
    server = TestServer(make_server(load_settings(**values), telegram_bot=quick), host="127.0.0.1")
    try:
        async with TestClient(server) as client:
            h = Harness(telegram, client, load_settings(**values))
            telegram.delay = 1.0  # from now on, longer than our read timeout
            slow = await queue(h, 2301, text("are you there?"))
            await asyncio.sleep(1.5)
            early = await outbox_row(h.passerelle, slow)
            assert early["status"] in ("pending", "sending"), early
            telegram.delay = 0.0
            state = await settled(h.passerelle, slow)
            assert state["status"] == "sent" and state["attempts"] >= 2
            assert "are you there?" in telegram.texts(2301)
    finally:
        await telegram.stop()
