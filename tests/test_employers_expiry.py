"""Offers end, with a frozen clock moved by hand and the scheduler's task run: at their end date
(the bot stops showing the offer, its employer is told); 60 days without a sign of life, the
employer is asked to confirm, and the offer closes 7 days later if they do not — "still open"
starts the 60 days again; a submission never confirmed is deleted with its contact's details."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.employers.expiry import Done
from bot.store import tables
from tests.employers_support import (
    EMPLOYER,
    confirmed,
    deliver,
    employer_jobs,
    employers_site,
    last_mail_links,
    offers,
    publish,
)
from tests.standins.smtp import body
from tests.support import Person
from tests.test_directory_flows import CV, set_cv, to_menu


async def expire(app: App) -> Done:
    done = await app.scheduler().run("employer-offers")
    assert isinstance(done, Done)
    return done


async def test_an_offer_closes_after_its_end_date(settings: Settings, clock: FrozenClock) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        offer_id = await confirmed(site, ends_on="2026-12-10")
        await publish(app, offer_id)
        person = Person(app, "amina")
        await to_menu(person)
        await set_cv(app, person, CV)
        assert "Cuisinier / Cuisinière" in (await person.send("2"))[-1]

        clock.advance(days=12)  # 10 December, 10:00 UTC: still its last day
        await expire(app)
        assert len(await employer_jobs(app)) == 1
        clock.advance(hours=13)  # 11 December, 00:00 in Paris
        done = await expire(app)
        assert done.ended == 1
        assert await employer_jobs(app) == []
        [offer] = await offers(app)
        assert (offer.status, offer.closed_reason) == ("closed", "ended")
        await person.send("menu")
        listing = (await person.send("2"))[-1]
        assert "Cuisinier" not in listing  # the bot no longer shows it
        await deliver(app)
        closing = site.smtp.to(EMPLOYER)[-1]
        assert str(closing["Subject"]) == "Votre offre est fermée : « Cuisinier / Cuisinière »"
        assert "sa date de fin est passée" in body(closing)
        assert (await expire(app)).ended == 0  # once


async def test_sixty_quiet_days_ask_and_seven_more_close(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock, employer_max_days=366) as site:
        app = site.app
        offer_id = await confirmed(site, ends_on="2027-09-01")
        await publish(app, offer_id)
        await deliver(app)
        clock.advance(days=59)
        assert (await expire(app)).reminded == 0
        clock.advance(days=1, minutes=1)
        assert (await expire(app)).reminded == 1
        assert (await expire(app)).reminded == 0  # asked once
        [manage] = await last_mail_links(site)
        reminder = site.smtp.to(EMPLOYER)[-1]
        assert "est-elle toujours ouverte" in str(reminder["Subject"])
        assert "avant le 3 févr. 2027" in body(reminder)
        status, page = await site.employer.get(manage)
        assert status == 200 and "sinon elle sera fermée le 3 févr. 2027" in page
        assert (await site.employer.post(f"{manage}/ouverte")).status == 303  # still open

        clock.advance(days=8)
        assert (await expire(app)).unconfirmed == 0
        [offer] = await offers(app)
        assert offer.status == "published" and offer.reminded_at is None
        clock.advance(days=60)
        assert (await expire(app)).reminded == 1
        clock.advance(days=7)
        assert (await expire(app)).unconfirmed == 1
        [offer] = await offers(app)
        assert (offer.status, offer.closed_reason) == ("closed", "unconfirmed")
        assert await employer_jobs(app) == []
        await deliver(app)
        assert "vous n'avez pas confirmé" in body(site.smtp.to(EMPLOYER)[-1])


async def test_a_submission_never_confirmed_is_deleted(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        assert (await site.employer.submit()).status == 303
        clock.advance(hours=47)
        await expire(app)
        assert [o.status for o in await offers(app)] == ["unconfirmed"]
        clock.advance(hours=2)
        await expire(app)
        assert await offers(app) == []
        async with app.database.read() as conn:
            companies = await conn.scalar(select(func.count()).select_from(tables.companies))
        assert companies == 0
        [confirm] = [link for link in await last_mail_links(site) if "confirmer" in link]
        status, _page = await site.employer.get(confirm)
        assert status == 410  # its link opens nothing now
