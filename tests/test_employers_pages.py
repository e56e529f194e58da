"""The employers' public pages: French or English (the switcher, else Accept-Language), the
suggestions while a trade or a commune is typed, the form that works without a script (a choice
when the words fit several), mails in the employer's language, links that open nothing once
altered, the security headers, and a server without SMTP saying offers cannot be posted yet."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.employers_support import EMPLOYER, deliver, employers_site, last_mail_links, offers
from tests.standins.smtp import body
from tests.web_support import console, shown


async def test_french_or_english_with_a_switcher(settings: Settings, clock: FrozenClock) -> None:
    async with employers_site(settings, clock) as site:
        client = site.employer.client
        french = await client.get("/employeurs/")
        page = await french.text()
        assert '<html lang="fr"' in page and shown(site.app, "web.employers.title") in page
        assert 'href="/employeurs/?lang=en"' in page and "L.1132-1" in page
        english = await client.get("/employeurs/", headers={"Accept-Language": "de, en;q=0.8"})
        assert "Offer a job" in await english.text()  # German is not offered: English is next
        chosen = await client.get("/employeurs/?lang=en", headers={"Accept-Language": "fr"})
        assert "Offer a job" in await chosen.text()
        kept = await client.get("/employeurs/envoye", headers={"Accept-Language": "fr"})
        assert "Check your e-mail" in await kept.text()  # the choice stays
        moved = await client.get("/employers", allow_redirects=False)
        assert moved.headers["Location"] == "/employeurs/?lang=en"
        bare = await client.get("/employeurs", allow_redirects=False)
        assert bare.status == 301 and bare.headers["Location"] == "/employeurs/"
        for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
            assert header in french.headers
        assert french.headers["Cache-Control"] == "no-store"


async def test_an_employer_in_english_gets_english_mails(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        await site.employer.client.get("/employeurs/?lang=en")
        assert (await site.employer.submit()).status == 303
        await deliver(site.app)
        [mail] = site.smtp.to(EMPLOYER)
        assert str(mail["Subject"]) == "Confirm your job offer “Cuisinier / Cuisinière”"
        assert "open this link within 48 hours" in body(mail)


async def test_suggestions_and_choices_without_a_script(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        _status, trades = await site.employer.get("/employeurs/metiers?q=soud")
        assert 'data-value="Soudeur / Soudeuse" data-code="404475"' in trades
        _status, places = await site.employer.get("/employeurs/communes?q=saint-denis")
        assert 'data-value="93200 Saint-Denis"' in places and "Seine-Saint-Denis" in places
        _status, nothing = await site.employer.get("/employeurs/metiers?q=s")
        assert "<li>" not in nothing

        several = await site.employer.submit(title="soudeur tig", ogr="", place="Saint-Denis")
        assert several.status == 400
        page = await several.text()
        assert 'name="pick_title" value="Soudeur Tungsten Inert Gas -TIG- /' in page
        assert 'name="pick_place" value="93200 Saint-Denis"' in page
        assert await offers(site.app) == []
        picked = await site.employer.submit(
            title="soudeur tig", pick_title="Soudeur / Soudeuse", pick_place="93200 Saint-Denis"
        )
        assert picked.status == 303
        [offer] = await offers(site.app)
        assert (offer.title, offer.rome, offer.city) == (
            "Soudeur / Soudeuse",
            "H2913",
            "Saint-Denis",
        )


async def test_links_that_are_not_right_open_nothing(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        assert (await site.employer.submit()).status == 303
        [confirm] = await last_mail_links(site)
        body_part, signature = confirm.rsplit(".", 1)
        for wrong in (
            f"{body_part}.{signature[:-2]}xx",
            "/employeurs/confirmer/nope",
            confirm.replace("confirmer", "offre"),
        ):
            response = await site.employer.client.get(wrong)
            assert response.status == 410, wrong
            assert response.headers["Referrer-Policy"] == "no-referrer"
            assert shown(site.app, "web.employers.link_gone") in await response.text()
        clock.advance(hours=49)  # past EMPLOYER_CONFIRM_HOURS
        assert (await site.employer.client.get(confirm)).status == 410


async def test_without_smtp_the_pages_say_offers_cannot_be_posted(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        response = await session.client.get("/employeurs/")
        assert response.status == 503
        assert shown(session.app, "web.employers.closed_here") in await response.text()
        cookies = response.headers.getall("Set-Cookie", [])
        assert all("Path=/employeurs" in c and "HttpOnly" in c for c in cookies)
