"""The rate limiter: the overall rate, per-chat spacing, pauses, priority order, cancellation."""

from __future__ import annotations

import asyncio
import time

from bot.outbox.limits import RateLimiter


async def test_tokens_follow_the_rate_and_replies_go_first() -> None:
    limiter = RateLimiter(10, 0)
    for n in range(10):  # the burst: one second's worth at once
        await limiter.acquire(f"burst{n}", 9)
    order: list[str] = []

    async def send(name: str, priority: int) -> None:
        await limiter.acquire(name, priority)
        order.append(name)

    start = time.monotonic()
    waiting = [asyncio.create_task(send(f"a{n}", 9)) for n in range(5)]
    await asyncio.sleep(0.01)
    waiting.append(asyncio.create_task(send("reply", 0)))
    await asyncio.gather(*waiting)
    elapsed = time.monotonic() - start
    assert 0.5 <= elapsed < 0.9  # six tokens at 10 a second
    assert order.index("reply") <= 1  # the head already waiting may take the first token
    assert [name for name in order if name != "reply"] == [f"a{n}" for n in range(5)]


async def test_a_chat_is_spaced_and_a_pause_stops_everyone() -> None:
    limiter = RateLimiter(0, 0.2)
    start = time.monotonic()
    await limiter.acquire("chat")
    await limiter.acquire("other")  # another chat is not held back
    assert time.monotonic() - start < 0.05
    await limiter.acquire("chat")
    assert time.monotonic() - start >= 0.19
    limiter.pause(0.2)
    paused = time.monotonic()
    await limiter.acquire("third")
    assert time.monotonic() - paused >= 0.19


async def test_a_cancelled_wait_leaves_the_line() -> None:
    limiter = RateLimiter(5, 0)
    for n in range(5):
        await limiter.acquire(str(n))
    first = asyncio.create_task(limiter.acquire("first"))
    second = asyncio.create_task(limiter.acquire("second"))
    await asyncio.sleep(0.01)
    first.cancel()
    await asyncio.wait_for(second, 1.0)  # not stuck behind the cancelled one
    assert first.cancelled()


def test_a_new_share_of_the_rate_applies_at_once() -> None:
    limiter = RateLimiter(40, 0)
    limiter.set_rate(20)
    assert limiter.per_second == 20
    limiter.set_rate(0)  # ignored: a share is never "no limit"
    assert limiter.per_second == 20
