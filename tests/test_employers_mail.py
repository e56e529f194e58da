"""Mail through the association's SMTP server (the aiosmtpd stand-in, the real aiosmtplib client):
queued in a transaction and sent only afterwards by the scheduler's task, with the server's login;
a temporary refusal tried again later, a final one given up, a server down waited for; a sent
mail's body (it may hold a private link) emptied; a CV no longer shared never attached."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings, load_settings
from bot.mail import outbox
from bot.store import tables
from tests.standins.smtp import SmtpStandIn, attachments, body
from tests.support import Person, running
from tests.test_directory_flows import CV, set_cv, to_menu


def with_smtp(settings: Settings, smtp: SmtpStandIn, **more: Any) -> Settings:
    return load_settings(**{**settings.model_dump(), **smtp.settings(), **more})


async def queue(app: App, **fields: Any) -> int:
    values = {"to": "rh@example.org", "subject": "Objet", "body": "Lien : https://x/secret"}
    async with app.database.write() as conn:
        mail_id = await outbox.queue(conn, now=app.engine.clock.now(), **{**values, **fields})
    return mail_id


async def row(app: App, mail_id: int) -> Any:
    table = tables.mail_outbox
    async with app.database.read() as conn:
        return (await conn.execute(select(table).where(table.c.id == mail_id))).one()


async def send(app: App) -> int:
    return int(await app.scheduler().run("mail") or 0)


async def test_a_queued_mail_goes_out_only_when_the_scheduler_sends_it(
    settings: Settings, clock: FrozenClock
) -> None:
    smtp = SmtpStandIn()
    await smtp.start()
    try:
        async with running(with_smtp(settings, smtp), clock) as app:
            mail_id = await queue(app, subject="Confirmez « Cuisinier »")
            assert smtp.mails == []  # the transaction is over, nothing has been sent
            assert await send(app) == 1
            [mail] = smtp.mails
            assert str(mail["Subject"]) == "Confirmez « Cuisinier »"
            assert str(mail["From"]) == "Action Emploi Réfugiés <offres@asso.example>"
            assert str(mail["Auto-Submitted"]) == "auto-generated"
            assert body(mail).strip() == "Lien : https://x/secret"
            sent = await row(app, mail_id)
            assert (sent.status, sent.body, sent.sent_at) == ("sent", "", clock.now())
            assert await send(app) == 0  # never twice
    finally:
        await smtp.stop()


async def test_refusals_and_a_server_down(settings: Settings, clock: FrozenClock) -> None:
    smtp = SmtpStandIn()
    await smtp.start()
    try:
        async with running(with_smtp(settings, smtp, mail_max_attempts=3), clock) as app:
            smtp.fail(451)
            later = await queue(app)
            assert await send(app) == 0
            waiting = await row(app, later)
            assert (waiting.status, waiting.attempts) == ("pending", 1)
            assert waiting.next_attempt_at > clock.now() and waiting.body  # kept to try again
            clock.advance(minutes=1)
            assert await send(app) == 1

            smtp.fail(550)
            refused = await queue(app)
            assert await send(app) == 0
            assert (await row(app, refused)).status == "failed"

            await smtp.stop()
            down = await queue(app)
            for _ in range(3):
                assert await send(app) == 0
                clock.advance(hours=1)
            gone = await row(app, down)
            assert (gone.status, gone.attempts, gone.error) == ("failed", 3, "SMTPConnectError")
    finally:
        await smtp.stop()


async def test_a_wrong_login_is_tried_again(settings: Settings, clock: FrozenClock) -> None:
    smtp = SmtpStandIn()
    await smtp.start()
    try:
        wrong = with_smtp(settings, smtp, smtp_password="not-it", smtp_timeout_seconds=2)
        async with running(wrong, clock) as app:
            mail_id = await queue(app)
            assert await send(app) == 0
            assert (await row(app, mail_id)).status == "pending"  # our settings, not the mail
    finally:
        await smtp.stop()


async def test_without_a_server_nothing_is_claimed(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        mail_id = await queue(app)
        assert await send(app) == 0
        assert (await row(app, mail_id)).status == "pending"


async def test_a_cv_no_longer_shared_is_not_attached(
    settings: Settings, clock: FrozenClock
) -> None:
    smtp = SmtpStandIn()
    await smtp.start()
    try:
        async with running(with_smtp(settings, smtp), clock) as app:
            person = Person(app, "dawit")
            await to_menu(person)
            await set_cv(app, person, CV)
            user_id = (await person.row())["id"]
            shared = await queue(app, attachment="cv", about_user_id=user_id)
            assert await send(app) == 1
            [(name, pdf)] = attachments(smtp.mails[0])
            assert name == "CV Amina K.pdf" and pdf.startswith(b"%PDF")
            await set_cv(app, person, {**CV, "share": False})
            private = await queue(app, attachment="cv", about_user_id=user_id)
            assert await send(app) == 0
            assert (await row(app, private)).status == "dropped"
            assert len(smtp.mails) == 1
            assert (await row(app, shared)).status == "sent"
            # A mail about a person is erased with them, sent or not.
            async with app.database.write() as conn:
                await conn.execute(
                    update(tables.mail_outbox)
                    .where(tables.mail_outbox.c.id == private)
                    .values(status="pending")
                )
            await person.send("supprimer mes données")
            await person.send("1")
            async with app.database.read() as conn:
                left = await conn.scalar(select(tables.mail_outbox.c.id))
            assert left is None
    finally:
        await smtp.stop()
