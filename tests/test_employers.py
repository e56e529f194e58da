"""An employer's offer from the public form to the bot: submitted without an account, confirmed by
the link mailed through the SMTP stand-in, checked and published by a coordinator in the console
(alerts fire), "I'm interested" in the chat mails the French CV through the association, the
private page counts it, edits and the end date; a checked company's next offer from the same
address is published at once, from another address it waits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.employers_support import (
    EMPLOYER,
    OFFER,
    Site,
    deliver,
    employer_jobs,
    employers_site,
    last_mail_links,
    offers,
)
from tests.standins.smtp import attachments, body
from tests.support import Person
from tests.test_cv import documents
from tests.test_directory_flows import CV, set_cv, to_menu
from tests.web_support import logged_in


async def submitted_and_confirmed(site: Site) -> int:
    """The form sent, the confirmation link followed; the offer's id."""
    response = await site.employer.submit()
    assert response.status == 303 and response.headers["Location"] == "/employeurs/envoye"
    [confirm] = await last_mail_links(site)
    assert "/employeurs/confirmer/" in confirm
    status, page = await site.employer.get(confirm)
    assert status == 200 and "Restaurant Le Bon Accueil" in page
    done = await site.employer.post(confirm)
    assert done.status == 303 and "/employeurs/offre/" in done.headers["Location"]
    [offer] = [o for o in await offers(site.app) if o.status == "pending"]
    return offer.id


async def published(site: Site, offer_id: int) -> None:
    """A coordinator checks the company and publishes the offer, in the console."""
    session = site.console
    await logged_in(session, "coordinator")
    page = await session.text(f"/console/employers/{offer_id}")
    assert "L.1132-1" in page and "73282932000074" in page
    too_early = await session.post(f"/console/employers/{offer_id}/publish")
    assert too_early.status == 409  # the company is not checked yet
    checked = await session.post(
        f"/console/employers/{offer_id}/company", {"note": "SIRET vu, appel à Claire le 28/11"}
    )
    assert checked.status == 303
    done = await session.post(f"/console/employers/{offer_id}/publish")
    assert done.status == 303


async def test_an_offer_from_the_form_to_an_application(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        person = Person(app, "amina")
        await to_menu(person)
        await set_cv(app, person, {**CV, "phone": {"text": "06 12 34 56 78"}})
        await person.send("2")  # find a job
        await person.send("🔔 M'alerter")
        await person.send("Oui, m'alerter")
        await person.read()

        offer_id = await submitted_and_confirmed(site)
        await deliver(app)
        mails = site.smtp.to(EMPLOYER)
        assert [str(m["Subject"]) for m in mails[-1:]] == [
            "Offre reçue : « Cuisinier / Cuisinière »"
        ]
        assert await employer_jobs(app) == []  # not shown before a coordinator publishes it

        await published(site, offer_id)
        [job] = await employer_jobs(app)
        assert job.refugee_friendly and job.employer == "Restaurant Le Bon Accueil"
        assert job.hours == "35 h par semaine" and job.employer_offer_id == offer_id
        [alert] = await person.read()  # the publication fired the alert
        assert "Cuisinier / Cuisinière — Lyon 3e Arrondissement" in alert
        [manage] = await last_mail_links(site)
        assert "Votre offre est publiée" in str(site.smtp.to(EMPLOYER)[-1]["Subject"])

        await person.send("menu")
        listing = (await person.send("2"))[-1]
        assert "1. Cuisinier / Cuisinière" in listing
        assert "🤝 Publiée par l'employeur" in listing
        offer = (await person.send("1"))[-1]
        assert "🤝 Publiée par l'employeur, ouverte aux personnes réfugiées" in offer
        assert "📅 Début : 15 déc. 2026 · offre ouverte jusqu'au 31 janv. 2027" in offer
        replies = await person.send("✋ Ça m'intéresse")
        said = "\n".join(replies)
        assert "L'association envoie votre CV (en français) à cet employeur par e-mail" in said
        assert "pas votre compte de messagerie" in said
        assert await deliver(app) == 1
        cv_mail = site.smtp.to(EMPLOYER)[-1]
        assert str(cv_mail["From"]).endswith("<offres@asso.example>")
        [(name, pdf)] = attachments(cv_mail)
        assert name == "CV Amina K.pdf" and pdf.startswith(b"%PDF")
        assert "amina" not in body(cv_mail)  # the chat account is nowhere in the mail

        [copy] = await documents(app, person)  # the same CV, to the person
        assert Path(copy).read_bytes().startswith(b"%PDF")
        await person.send("Retour aux offres")
        await person.send("1")
        again = "\n".join(await person.send("✋ Ça m'intéresse"))
        assert "Vous avez déjà dit que cette offre vous intéressait" in again
        assert await deliver(app) == 0  # not sent twice

        status, page = await site.employer.get(manage)
        assert status == 200
        assert 'id="interested" data-count="1"' in page
        assert 'id="sent" data-count="1"' in page
        report = (await person.send("mes données"))[0]
        while "CV envoyés à des employeurs" not in report and "➡️" in report:
            report = (await person.send("1"))[0]  # "my data" is paged
        assert "CV envoyés à des employeurs par l'association : 1." in report
        # Erasing the person erases the record of the CV sent; the offer keeps its count.
        await person.send("supprimer mes données")
        await person.send("1")
        async with app.database.read() as conn:
            kept = await conn.scalar(select(tables.employer_referrals.c.id))
            about = await conn.scalar(select(tables.mail_outbox.c.about_user_id))
        assert kept is None and about is None
        assert [o.interested for o in await offers(app)] == [1]


async def test_withdrawing_consent_stops_a_cv_on_its_way(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        offer_id = await submitted_and_confirmed(site)
        await published(site, offer_id)
        await deliver(app)
        person = Person(app, "dawit")
        await to_menu(person)
        await set_cv(app, person, CV)
        for words in ("2", "1", "✋ Ça m'intéresse", "mes données"):
            await person.send(words)
        await person.send("Retirer mon accord")
        assert await deliver(app) == 0  # the CV mail was still queued: it never leaves
        async with app.database.read() as conn:
            kept = await conn.scalar(select(tables.employer_referrals.c.id))
        assert kept is None


async def test_the_employer_edits_extends_and_closes(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        offer_id = await submitted_and_confirmed(site)
        await published(site, offer_id)
        [manage] = await last_mail_links(site)
        edited = await site.employer.post(
            f"{manage}/modifier", {**OFFER, "salary": "2 000 € brut par mois", "hours": "30"}
        )
        assert edited.status == 303
        [job] = await employer_jobs(site.app)
        assert (job.salary, job.hours) == ("2 000 € brut par mois", "30 h par semaine")
        later = await site.employer.post(f"{manage}/fin", {"ends_on": "2027-03-01"})
        assert later.status == 303
        too_far = await site.employer.post(f"{manage}/fin", {"ends_on": "2028-01-01"})
        assert too_far.status == 400
        closed = await site.employer.post(f"{manage}/fermer")
        assert closed.status == 303
        assert await employer_jobs(site.app) == []
        [offer] = await offers(site.app)
        assert (offer.status, offer.closed_reason, offer.ends_on) == (
            "closed",
            "employer",
            dt.date(2027, 3, 1),
        )
        status, page = await site.employer.get(manage)
        assert status == 200 and 'data-status="closed"' in page


async def test_a_checked_company_publishes_at_once_from_a_known_address(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        first = await submitted_and_confirmed(site)
        await published(site, first)
        await site.employer.submit(title="Commis de cuisine", ogr="")
        [confirm] = await last_mail_links(site)
        await site.employer.post(confirm)
        states = {o.title: (o.status, o.decided_by) for o in await offers(site.app)}
        assert states["Commis de cuisine / Commise de cuisine"] == ("published", None)
        # Someone else who knows the (public) SIRET: their offer waits for a coordinator.
        await site.employer.submit(contact_email="autre@ailleurs.example", title="Serveur")
        await deliver(site.app)
        [confirm] = await last_mail_links(site, "autre@ailleurs.example")
        await site.employer.post(confirm)
        statuses = [o.status for o in await offers(site.app)]
        assert statuses == ["published", "published", "pending"]
        async with site.app.database.read() as conn:
            count = await conn.scalar(
                select(tables.jobs.c.id).where(tables.jobs.c.title == "Serveur / Serveuse")
            )
        assert count is None
