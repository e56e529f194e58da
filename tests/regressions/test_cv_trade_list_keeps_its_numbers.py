"""Issue 15: in the CV's list of trades, after one pick the list was renumbered: "16", which had
been "another job (type it)", became "that's all" and jumped to the experience question."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import step
from tests.cv_walk import TO_JOBS, walk
from tests.support import Person, running


async def test_numbers_keep_their_meaning_and_chosen_ones_are_marked(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "trades")
        first = await walk(person, TO_JOBS, "cv.jobs")
        assert "16. Un autre métier" in first[-1] and "17. C'est tout" in first[-1]
        again = await person.send("1")  # cook
        assert "1. ✓ Cuisinier" in again[-1] and "16. Un autre métier" in again[-1]
        await person.send("16")
        assert await step(person) == "cv.job_typed"  # still "another job", not "that's all"


async def test_choosing_a_chosen_trade_again_unchooses_it(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "untrades")
        await walk(person, TO_JOBS, "cv.jobs")
        await person.send("1")
        replies = await person.send("1")
        assert "✓" not in replies[-1]
