"""An employer's offer, the whole way, in Chromium (Playwright): the form filled in (the trade and
the commune picked among the suggestions), the confirmation mail caught by the SMTP stand-in and
its link followed, the company checked and the offer published by a coordinator in the console, a
person on Telegram (the Bot API stand-in) with a matching CV alerted, saying "I'm interested" and
their French CV mailed to the employer, the employer's private page counting them, and the offer
closing at its end date — after which the bot no longer shows it. Screenshots go to
docs/screenshots/."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import pytest_asyncio
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from sqlalchemy import select, update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings, load_settings
from bot.server import make_server
from bot.store import tables
from tests.browser.support import Browser, Page, Site, browser_loop, eventually
from tests.conftest import FROZEN_AT
from tests.employers_support import links_in
from tests.standins.smtp import SmtpStandIn, attachments, body
from tests.standins.telegram import TelegramStandIn, updates
from tests.telegram_support import HEADERS, SECRET
from tests.test_directory_flows import CV

pytestmark = browser_loop
CHAT = 5551234
EMPLOYER = "claire@bon-accueil.example"


@dataclass
class Employers:
    site: Site
    smtp: SmtpStandIn
    telegram: TelegramStandIn

    async def say(self, text: str) -> None:
        """The person writes on Telegram (the webhook, with its secret)."""
        update = updates.text(CHAT, text, language="fr")
        response = await self.site.http.post(
            self.site.url("/webhooks/telegram"), json=update, headers=HEADERS
        )
        assert response.status == 200

    def count(self) -> int:
        return len(self.telegram.texts(CHAT))

    async def heard(self, since: int, words: str) -> str:
        """The first message to the person, from the `since`-th on, holding `words`."""

        def found() -> list[str]:
            return [text for text in self.telegram.texts(CHAT)[since:] if words in text]

        async def arrived() -> bool:
            return bool(found())

        await eventually(arrived, within=20)
        return found()[0]

    async def link(self, count: int, kind: str) -> str:
        mails = await self.smtp.wait_for(count, to=EMPLOYER)
        found = [link for link in links_in(body(mails[count - 1])) if kind in link]
        assert found, body(mails[count - 1])
        return self.site.url(re.sub(r"^https?://[^/]+", "", found[0]))


@pytest_asyncio.fixture(loop_scope="session")
async def employers(
    browser: Browser, store: Settings, request: pytest.FixtureRequest
) -> AsyncIterator[Employers]:
    smtp, telegram = SmtpStandIn(), TelegramStandIn()
    await smtp.start()
    await telegram.start()
    settings = load_settings(
        **{
            **store.model_dump(),
            **smtp.settings(),
            "telegram_bot_token": "123456:TEST-token",
            "telegram_webhook_secret": SECRET,
            "telegram_api_base_url": telegram.base_url,
            "telegram_rate_per_second": 0,
            "telegram_chat_interval_seconds": 0,
            "public_base_url": "http://bot.test",
            "delivery_poll_seconds": 0.1,
            "broadcast_poll_seconds": 0.2,
            "mail_poll_seconds": 0.2,
        }
    )
    clock = FrozenClock(FROZEN_AT)
    server = TestServer(make_server(settings, clock=clock), host="127.0.0.1")
    await server.start_server()
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = await context.new_page()
    page.set_default_timeout(10_000)
    http = ClientSession()
    try:
        site = Site(server, None, page, clock, store.is_sqlite, http)  # type: ignore[arg-type]
        yield Employers(site, smtp, telegram)
    finally:
        await http.close()
        await context.close()
        await server.close()
        await telegram.stop()
        await smtp.stop()


async def set_cv(app: App) -> None:
    """The person's CV, as the CV flow leaves it (tested in test_cv and the goldens)."""
    users, conversations = tables.users, tables.conversations
    async with app.database.write() as conn:
        user_id = await conn.scalar(select(users.c.id).where(users.c.external_id == str(CHAT)))
        data = await conn.scalar(
            select(conversations.c.data).where(conversations.c.user_id == user_id)
        )
        await conn.execute(
            update(conversations)
            .where(conversations.c.user_id == user_id)
            .values(data={**data, "cv": CV})
        )


async def fill_the_form(page: Page) -> None:
    await page.fill('input[name="siret"]', "732 829 320 00074")
    await page.fill('input[name="company"]', "Restaurant Le Bon Accueil")
    await page.fill('input[name="contact_name"]', "Claire Martin")
    await page.fill('input[name="contact_email"]', EMPLOYER)
    await page.fill('input[name="contact_phone"]', "04 78 12 34 56")
    await page.type('input[name="title"]', "cuisini")
    await page.click('#title-suggestions button[data-value="Cuisinier / Cuisinière"]')
    assert await page.input_value('input[name="ogr"]') == "13861"
    await page.select_option('select[name="contract"]', "cdi")
    await page.fill('input[name="hours"]', "35")
    await page.fill('input[name="starts_on"]', "2026-12-15")
    await page.fill('input[name="ends_on"]', "2026-12-20")
    await page.type('input[name="place"]', "69003")
    await page.click('#place-suggestions button[data-value="69003 Lyon 3e Arrondissement"]')
    await page.fill('input[name="salary"]', "1 900 € brut par mois")
    await page.check('input[name="french_level"][value="A2"]')
    await page.fill(
        'textarea[name="description"]',
        "Préparer les entrées et les plats du midi avec le chef, en équipe de six.",
    )
    await page.fill('textarea[name="how_to_apply"]', "Passez au restaurant, 12 rue Servient.")
    await page.check('input[name="cv_route"][value="mail"]')
    await page.check('input[name="law"]')


async def test_an_offer_from_the_form_to_an_application_and_its_end(employers: Employers) -> None:
    site, page = employers.site, employers.site.page
    app = site.app
    for words in ("bonjour", "1", "1"):  # French, consent
        await employers.say(words)
    await set_cv(app)
    for words in ("2", "🔔 M'alerter", "Oui, m'alerter"):  # find a job (none yet), alert me
        await employers.say(words)
    await employers.heard(0, "Je vous écrirai")
    before = employers.count()

    await page.goto(site.url("/employeurs/"))
    await fill_the_form(page)
    await site.shot("employers-form")
    await page.click('button[type="submit"]')
    await page.wait_for_url("**/employeurs/envoye")
    await page.goto(await employers.link(1, "/confirmer/"))
    await page.click("#confirm")
    await page.wait_for_selector('[data-status="pending"]')

    await site.login("coordination@example.org", "coordinator")
    await page.goto(site.url("/console/employers"))
    await page.click("text=Cuisinier / Cuisinière")
    assert "L.1132-1" in await page.inner_text("main")
    await page.fill('textarea[name="note"]', "SIRET vu dans l'annuaire ; appel à Claire Martin.")
    await page.click("#check-company")
    await page.wait_for_selector("#publish:not([disabled])")
    await site.shot("employers-moderation")
    await page.click("#publish")
    await page.wait_for_selector('[data-status="published"]')

    alert = await employers.heard(before, "Cuisinier")  # the publication alerted them
    assert "Cuisinier / Cuisinière — Lyon 3e Arrondissement" in alert
    before = employers.count()
    for words in ("menu", "2", "1"):  # find a job, the first offer
        await employers.say(words)
    offer = await employers.heard(before, "📄 Cuisinier / Cuisinière")
    assert "🤝 Publiée par l'employeur, ouverte aux personnes réfugiées" in offer
    await employers.say("✋ Ça m'intéresse")
    mails = await employers.smtp.wait_for(4, to=EMPLOYER)  # confirm, received, published, CV
    [(name, pdf)] = attachments(mails[3])
    assert name == "CV Amina K.pdf" and pdf.startswith(b"%PDF")
    assert str(CHAT) not in body(mails[3])
    await employers.telegram.wait_for(1, CHAT, method="sendDocument")  # their copy

    manage = await employers.link(3, "/offre/")
    await page.goto(manage)
    assert await page.get_attribute("#interested", "data-count") == "1"
    assert await page.get_attribute("#sent", "data-count") == "1"
    await site.shot("employers-offer")

    site.clock.advance(days=23)  # 21 December: past its end date; the scheduler closes it

    async def closed() -> bool:
        await page.goto(manage)
        return await page.locator('[data-status="closed"]').count() == 1

    await eventually(closed)
    before = employers.count()
    for words in ("menu", "2"):
        await employers.say(words)
    listing = await employers.heard(before, "aucune offre")
    assert "Cuisinier" not in listing
