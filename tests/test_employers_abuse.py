"""The public form against abuse, each limit tested: a hidden field robots fill in (answered as if
all went well, nothing kept), submissions limited per network address and per SIRET, a ceiling of
open offers per company, the CSRF token on every change, and "send me my links" answering the
same for any address while limited too."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from bot.web.employers_app import AREAS
from bot.web.routing import PUBLIC
from tests.employers_support import (
    OFFER,
    OTHER_SIRET,
    confirmed,
    employers_site,
    last_mail_links,
    offers,
)


async def mails_queued(app: App) -> int:
    async with app.database.read() as conn:
        found = await conn.scalar(select(func.count()).select_from(tables.mail_outbox))
    return int(found or 0)


async def test_a_robot_filling_the_hidden_field_gets_nothing_stored(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        page = await site.employer.get("/employeurs/")
        assert 'name="website" tabindex="-1"' in page[1] and 'aria-hidden="true"' in page[1]
        response = await site.employer.submit(website="https://cheap-pills.example")
        assert response.status == 303 and response.headers["Location"] == "/employeurs/envoye"
        assert await offers(site.app) == [] and await mails_queued(site.app) == 0


async def test_submissions_are_limited_per_address(settings: Settings, clock: FrozenClock) -> None:
    async with employers_site(settings, clock, employer_submissions_per_address=2) as site:
        for siret in ("732 829 320 00074", OTHER_SIRET):
            assert (await site.employer.submit(siret=siret)).status == 303
        refused = await site.employer.submit(siret="552 100 554 00005")
        assert refused.status == 429
        assert "Réessayez dans 24 heures" in await refused.text()
        assert len(await offers(site.app)) == 2
        # Another address (behind the proxy on this machine) may still submit.
        token = await site.employer.token()
        other = await site.employer.client.post(
            "/employeurs/",
            data={**_offer(siret="552 100 554 00005"), "csrf": token},
            headers={"X-Forwarded-For": "203.0.113.9"},
            allow_redirects=False,
        )
        assert other.status == 303
        clock.advance(hours=24, seconds=1)  # a new window
        assert (await site.employer.submit(siret="552 100 554 00005")).status == 303


async def test_submissions_are_limited_per_siret(settings: Settings, clock: FrozenClock) -> None:
    async with employers_site(settings, clock, employer_submissions_per_siret=2) as site:
        for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
            token = await site.employer.token()
            response = await site.employer.client.post(
                "/employeurs/",
                data={**_offer(), "csrf": token},
                headers={"X-Forwarded-For": address},
                allow_redirects=False,
            )
            last = response.status
        assert last == 429 and len(await offers(site.app)) == 2


async def test_a_company_has_a_ceiling_of_open_offers(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock, employer_max_open_offers=2) as site:
        # Submissions nobody confirmed do not count: knowing a SIRET cannot lock a company out.
        assert (await site.employer.submit(title="Serveur / Serveuse", ogr="")).status == 303
        await confirmed(site)
        await confirmed(site, title="Commis de cuisine", ogr="")
        over = await site.employer.submit(title="Serveur / Serveuse", ogr="")
        assert over.status == 400
        assert "Cette entreprise a déjà 2 offres ouvertes" in await over.text()
        assert len(await offers(site.app)) == 3
        [manage] = [link for link in await last_mail_links(site) if "/offre/" in link]
        assert (await site.employer.post(f"{manage}/fermer")).status == 303
        assert (await site.employer.submit(title="Serveur / Serveuse", ogr="")).status == 303


async def test_every_change_needs_the_pages_token(settings: Settings, clock: FrozenClock) -> None:
    async with employers_site(settings, clock) as site:
        client = site.employer.client
        await site.employer.token()  # the session exists: only the token is missing
        bare = await client.post("/employeurs/", data=_offer(), allow_redirects=False)
        assert bare.status == 403
        token = await site.employer.token()
        elsewhere = await client.post(
            "/employeurs/",
            data={**_offer(), "csrf": token},
            headers={"Origin": "https://evil.example"},
            allow_redirects=False,
        )
        assert elsewhere.status == 403
        for path in (
            "/employeurs/lien",
            "/employeurs/confirmer/x.y",
            "/employeurs/offre/x.y/fermer",
        ):
            assert (await client.post(path, data={"email": "a@b.c"})).status == 403, path
        assert await offers(site.app) == []


async def test_asking_for_links_says_the_same_for_any_address(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock, employer_submissions_per_siret=2) as site:
        await confirmed(site)
        known = await site.employer.post(
            "/employeurs/lien", {"email": "claire@bon-accueil.example"}
        )
        unknown = await site.employer.post("/employeurs/lien", {"email": "nobody@example.org"})
        assert known.status == unknown.status == 200
        assert _main(await known.text()) == _main(await unknown.text())
        [link] = await last_mail_links(site)
        assert "/employeurs/offre/" in link and (await site.employer.get(link))[0] == 200
        again = await site.employer.post("/employeurs/lien", {"email": "nobody@example.org"})
        assert again.status == 200
        third = await site.employer.post("/employeurs/lien", {"email": "nobody@example.org"})
        assert third.status == 429  # links for this e-mail were asked too often


def _offer(**changes: str) -> dict[str, str]:
    return {**OFFER, **changes}


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


async def test_every_public_route_is_declared_and_every_change_checked(
    settings: Settings, clock: FrozenClock
) -> None:
    routes = [route for area in AREAS for route in area.items]
    assert routes and all(route.allow is PUBLIC for route in routes)
    async with employers_site(settings, clock) as site:
        await site.employer.token()
        for route in routes:
            if route.method != "POST":
                continue
            path = "/employeurs" + re.sub(r"\{(\w+)(?::[^}]*)?\}", "x.y", route.path)
            response = await site.employer.client.post(path, data={}, allow_redirects=False)
            assert response.status == 403, path
        missing = await site.employer.client.get("/employeurs/nothing-here")
        assert missing.status == 404
        wrong = await site.employer.client.put("/employeurs/", data={})
        assert wrong.status == 405
