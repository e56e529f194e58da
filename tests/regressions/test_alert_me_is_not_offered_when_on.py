""" "Alert me" was offered when the alert was already on (issue 15): the results now offer to
change or stop the alert that is on."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_directory_flows import CV, set_cv, to_menu, with_samples


async def test_alert_on(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        fan = Person(app, "fan")
        await to_menu(fan)
        await set_cv(app, fan, CV)
        listing = (await fan.send("2"))[-1]
        assert "🔔 M'alerter" in listing
        await fan.send("🔔 M'alerter")
        await fan.send("Oui, m'alerter")
        listing = (await fan.send("Retour aux offres"))[-1]
        assert "🔔 M'alerter" not in listing and "Mon alerte (activée)" in listing
