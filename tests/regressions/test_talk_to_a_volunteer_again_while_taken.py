"""Coming back through the menu's "talk to a volunteer" while a volunteer held their request, a
person was told "no volunteers now" (issue 14). Now they are told a volunteer is with them."""

from __future__ import annotations

from sqlalchemy import select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_already_with_you(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        hana = await onboarded(app, "hana", "bonjour")
        await hana.send("5")
        await hana.send("Bonjour")
        await vol.send("/take 1")
        await hana.read()
        again = joined(await hana.send("bénévole"))  # the "talk to a volunteer" words
        assert "Un bénévole est déjà avec vous (demande n°1)" in again
        assert "ne sont pas là" not in again
        async with app.database.read() as conn:
            assert len((await conn.execute(select(tables.handovers))).all()) == 1
