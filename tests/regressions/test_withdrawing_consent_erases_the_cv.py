"""Withdrawing consent kept the whole CV while the bot said it kept only what the chat needs
(found by testing as users would): the CV, its PDF, the alert and what was searched go, as the
option now says."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_directory_flows import CV, set_cv, to_menu, with_samples


async def test_withdraw(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        layla = Person(app, "layla")
        await to_menu(layla, english=True)
        await set_cv(app, layla, CV)
        shown = "\n".join(await layla.send("my data"))
        assert "Withdraw my agreement (erases my CV and saved answers)" in shown
        withdraw = next(
            line.split(".")[0] for line in shown.splitlines() if "Withdraw my agreement" in line
        )
        done = "\n".join(await layla.send(withdraw))
        assert "Your CV, its PDF, your job alert and what you looked for are erased" in done
        row = await layla.row()
        assert row["consent"] == "refused" and "cv" not in row["data"]
        assert "Amina K" not in done
