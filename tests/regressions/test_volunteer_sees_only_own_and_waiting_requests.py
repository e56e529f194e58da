"""Chatwoot #3272 and #4216 ("my client is about to shut down my project because of this"): an
agent could see every conversation, not only their own. In the console a volunteer's inbox lists
the waiting requests and their own — never another volunteer's, in the page, in its live
fragment, or by the request's number; an admin sees them all."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.test_web_security import add_request
from tests.web_support import another, console, logged_in


async def test_each_volunteer_sees_the_waiting_requests_and_their_own(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as first, another(first) as second, another(first) as admin:
        await logged_in(first, "volunteer", "first@example.org")
        await logged_in(second, "volunteer", "second@example.org")
        await logged_in(admin, "admin")
        mine, theirs, waiting = [await add_request(first.app, external=f"p{n}") for n in range(3)]
        await first.post(f"/console/inbox/{mine}/take")
        await second.post(f"/console/inbox/{theirs}/take")
        for path in ("/console/inbox", "/console/inbox?fragment=list"):
            page = await first.text(path)
            assert f'data-request="{mine}"' in page and f'data-request="{waiting}"' in page
            assert f'data-request="{theirs}"' not in page
        assert (await first.client.get(f"/console/inbox/{theirs}")).status == 403
        everything = await admin.text("/console/inbox")
        assert all(f'data-request="{r}"' in everything for r in (mine, theirs, waiting))
