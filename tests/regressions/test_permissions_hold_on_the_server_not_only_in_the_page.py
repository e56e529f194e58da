"""Glific #3067: staff permissions were only hidden in the interface, so a hidden action could
still be called. In the console a volunteer's pages show no announcements, directory or export,
and a coordinator's none of the accounts or exports — and calling those routes anyway is 403."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.web_support import another, console, logged_in


async def test_what_a_page_does_not_offer_the_server_refuses(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as volunteer, another(volunteer) as coordinator:
        await logged_in(volunteer, "volunteer")
        await logged_in(coordinator, "coordinator")
        inbox = await volunteer.text("/console/inbox")
        for hidden in ("/console/announcements", "/console/directory", ".csv", "/console/audit"):
            assert hidden not in inbox
        refused = [
            await volunteer.client.get("/console/announcements/new"),
            await volunteer.post("/console/announcements/new", {"text": "x", "action": "draft"}),
            await volunteer.client.get("/console/directory/services.csv"),
            await coordinator.client.get("/console/directory/services.csv"),
            await coordinator.post(
                "/console/accounts", {"email": "x@example.org", "role": "admin"}
            ),
            await coordinator.client.get("/console/audit"),
        ]
        assert [r.status for r in refused] == [403] * len(refused)
        services = await coordinator.text("/console/directory/services")
        assert ".csv" not in services and "/console/accounts" not in services
