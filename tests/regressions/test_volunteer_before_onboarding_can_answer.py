"""A volunteer who had not finished their own onboarding had their reply to a person swallowed
by the consent question (issue 14): the conversation comes before any step now."""

from __future__ import annotations

from sqlalchemy import update

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.regressions.support import NoModelFor, joined, onboarded
from tests.support import Person, running


async def test_reply_reaches_the_person(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = Person(app, "vol")
        await vol.send("bonjour")
        await vol.send("1")  # French — and never answers the consent question
        async with app.database.write() as conn:
            users = tables.users
            await conn.execute(
                update(users).where(users.c.external_id == "vol").values(roles=["volunteer"])
            )
        noor = await onboarded(app, "noor", "مرحبا")
        await noor.send("5")
        await noor.send("سؤال")
        await vol.send("/take 1")
        await vol.send("Bonjour, je suis là")
        assert "[ar] Bonjour, je suis là" in joined(await noor.read())
        assert (await vol.row())["consent"] is None
