"""Personal data: "my data" shows what is kept; "delete my data" leaves only anonymous counters."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.support import Person, running


async def count_rows(app: object, table: object, **where: object) -> int:
    async with app.database.read() as conn:  # type: ignore[attr-defined]
        query = select(func.count()).select_from(table)  # type: ignore[arg-type]
        for column, value in where.items():
            query = query.where(getattr(table.c, column) == value)  # type: ignore[attr-defined]
        return int(await conn.scalar(query) or 0)


async def test_my_data_shows_what_is_stored(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "+33600000001", channel="whatsapp")
        await person.send("hello")
        await person.send("1")
        await person.send("yes")
        report = (await person.send("my data"))[0]
    assert "Account: whatsapp +33600000001" in report
    assert "Language: English" in report
    assert "You agreed on November 28, 2026" in report
    assert "Messages received from you: 4" in report


async def test_delete_my_data_erases_everything_but_anonymous_counters(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        keep = Person(app, "keeper")
        await keep.send("bonjour")
        person = Person(app, "leaver")
        for text in ("bonjour", "1", "1", "7", "1"):
            await person.send(text)
        user_id = (await person.row())["id"]
        goodbye = await person.send("1")  # yes, delete everything
        assert "Tout ce que je gardais sur vous est effacé" in goodbye[0]

        assert await person.row() == {}
        assert await count_rows(app, tables.conversations, user_id=user_id) == 0
        assert await count_rows(app, tables.inbound_log, user_id=user_id) == 0
        assert await count_rows(app, tables.outbox, user_id=user_id) == 0
        # The goodbye itself was sent, then its address and text scrubbed.
        assert await count_rows(app, tables.outbox, address="leaver") == 0
        assert await count_rows(app, tables.outbox, address="erased") == 1
        # What is left cannot name anyone.
        assert await count_rows(app, tables.counters, metric="erased") == 1
        assert (await keep.row())["step"] == "onboarding.language"

        again = await person.send("bonjour")
        assert "Quelle langue" in again[0]
        assert (await person.row())["id"] != user_id
