"""Helpers for the employers' tests: a server with the SMTP stand-in, an employer's browser on the
public pages (its own cookie and CSRF token), a valid offer, the links found in mails, and the
scheduler's tasks run by hand."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientResponse, ClientSession, CookieJar
from sqlalchemy import select

from bot.app import App
from bot.clock import Clock
from bot.config import Settings, load_settings
from bot.employers import store
from bot.employers.offers import Employers
from bot.employers.store import Offer
from bot.store import tables
from tests.standins.smtp import SmtpStandIn, body
from tests.web_support import Console, console

SIRET = "732 829 320 00074"
OTHER_SIRET = "356 000 000 00048"  # La Poste's, valid by its own rule
EMPLOYER = "claire@bon-accueil.example"
OFFER: dict[str, str] = {
    "siret": SIRET,
    "company": "Restaurant Le Bon Accueil",
    "contact_name": "Claire Martin",
    "contact_email": EMPLOYER,
    "contact_phone": "04 78 12 34 56",
    "title": "Cuisinier / Cuisinière",
    "ogr": "13861",
    "contract": "cdi",
    "hours": "35",
    "starts_on": "2026-12-15",
    "ends_on": "2027-01-31",
    "place": "69003 Lyon 3e Arrondissement",
    "salary": "1 900 € brut par mois",
    "french_level": "A2",
    "description": "Préparer les entrées et les plats du midi avec le chef, en équipe de six.",
    "how_to_apply": "Envoyez votre CV à recrutement@bon-accueil.example",
    "cv_route": "mail",
    "law": "on",
}
_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
_LINK = re.compile(r"https?://\S+?/employeurs/(?:confirmer|offre)/[\w.-]+")
QUIET = {"mail_poll_seconds": 3600.0, "broadcast_poll_seconds": 3600.0}  # tasks run when told


@dataclass
class Employer:
    """An employer's browser on the public pages: its own cookie jar, hence its own token."""

    client: ClientSession

    async def token(self, path: str = "/employeurs/") -> str:
        page = await self.client.get(path)
        found = _TOKEN.search(await page.text())
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    async def submit(self, **changes: str) -> ClientResponse:
        form = {**OFFER, **changes, "csrf": await self.token()}
        return await self.client.post("/employeurs/", data=form, allow_redirects=False)

    async def post(self, path: str, form: dict[str, str] | None = None) -> ClientResponse:
        data = {"csrf": await self.token(), **(form or {})}
        return await self.client.post(path, data=data, allow_redirects=False)

    async def get(self, path: str) -> tuple[int, str]:
        response = await self.client.get(path, allow_redirects=True)
        return response.status, await response.text()


@dataclass
class Site:
    """The server (its console), its SMTP stand-in and an employer's browser."""

    console: Console
    smtp: SmtpStandIn
    employer: Employer

    @property
    def app(self) -> App:
        return self.console.app


@asynccontextmanager
async def employers_site(settings: Settings, clock: Clock, **overrides: Any) -> AsyncIterator[Site]:
    smtp = SmtpStandIn()
    await smtp.start()
    try:
        values = {**settings.model_dump(), **QUIET, **smtp.settings(), **overrides}
        async with console(load_settings(**values), clock) as session:
            base = str(session.server.make_url("/")).rstrip("/")
            jar = CookieJar(unsafe=True)
            async with ClientSession(base_url=base, cookie_jar=jar) as client:
                yield Site(session, smtp, Employer(client))
    finally:
        await smtp.stop()


def links_in(text: str, base: str = "") -> list[str]:
    """The employer's links in a mail, as paths on the test server."""
    return [re.sub(r"^https?://[^/]+", base, link) for link in _LINK.findall(text)]


async def deliver(app: App) -> int:
    """Send what is queued now, and wait for what the server's own scheduler may be sending
    (its first run at start-up can overlap the test's first mail)."""
    sent = int(await app.scheduler().run("mail") or 0)
    table = tables.mail_outbox
    deadline = time.monotonic() + 10
    while True:
        async with app.database.read() as conn:
            busy = await conn.scalar(select(table.c.id).where(table.c.status == "sending"))
        if busy is None:
            return sent
        assert time.monotonic() < deadline, "a mail stays in sending"
        await asyncio.sleep(0.02)


async def last_mail_links(site: Site, to: str = EMPLOYER) -> list[str]:
    """Send what is queued, then the links of the newest mail to `to`."""
    await deliver(site.app)
    mails = site.smtp.to(to)
    assert mails, f"no mail to {to}"
    return links_in(body(mails[-1]))


async def offers(app: App) -> list[Offer]:
    async with app.database.read() as conn:
        rows = await conn.execute(store.offers_query().order_by(tables.employer_offers.c.id))
        return [store.as_offer(row) for row in rows]


async def employer_jobs(app: App) -> list[Any]:
    jobs = tables.jobs
    async with app.database.read() as conn:
        return list(
            (await conn.execute(select(jobs).where(jobs.c.source == store.EMPLOYER_SOURCE))).all()
        )


async def publish(app: App, offer_id: int) -> None:
    """What a coordinator does in the console (tested there): check the company, publish."""
    employers = Employers.from_settings(app.settings, app.catalogs)
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        offer = await store.load(conn, offer_id)
        assert offer is not None
        await employers.check_company(conn, offer.company_id, "vu", now, None)
        await employers.publish(conn, offer, now, None)


async def confirmed(site: Site, **changes: str) -> int:
    """An offer submitted and its address confirmed; its id."""
    response = await site.employer.submit(**changes)
    assert response.status == 303, await response.text()
    email = changes.get("contact_email", EMPLOYER)
    [confirm] = await last_mail_links(site, email)
    assert (await site.employer.post(confirm)).status == 303
    return max(o.id for o in await offers(site.app))
