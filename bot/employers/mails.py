"""The mails employers receive, written from the catalogs in the language they used on the pages
(French, or English), and queued in the transaction that decides them (bot/mail/outbox.py).

Each mail that concerns an offer carries a fresh private link (bot/employers/links.py), valid
EMPLOYER_LINK_DAYS: an employer who keeps their mails always has a working way back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import Settings
from bot.employers import links as signed
from bot.employers.links import Links
from bot.employers.store import Offer
from bot.i18n import display
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import Msg, _
from bot.mail import outbox

PARIS = ZoneInfo("Europe/Paris")
STATUSES: dict[str, Msg] = {
    "unconfirmed": _("web.employers.status.unconfirmed"),
    "pending": _("web.employers.status.pending"),
    "published": _("web.employers.status.published"),
    "refused": _("web.employers.status.refused"),
    "closed": _("web.employers.status.closed"),
}
# Each mail: its subject and its body.
MAILS: dict[str, tuple[Msg, Msg]] = {
    "confirm": (_("mail.employers.confirm.subject"), _("mail.employers.confirm.body")),
    "received": (_("mail.employers.received.subject"), _("mail.employers.received.body")),
    "published": (_("mail.employers.published.subject"), _("mail.employers.published.body")),
    "refused": (_("mail.employers.refused.subject"), _("mail.employers.refused.body")),
    "reminder": (_("mail.employers.reminder.subject"), _("mail.employers.reminder.body")),
    "closed": (_("mail.employers.closed.subject"), _("mail.employers.closed.body")),
    "cv": (_("mail.employers.cv.subject"), _("mail.employers.cv.body")),
}
# Why an offer closed, as the closing mail says it.
WHY: dict[str, Msg] = {
    "ended": _("mail.employers.why.ended"),
    "unconfirmed": _("mail.employers.why.unconfirmed"),
    "coordinator": _("mail.employers.why.coordinator"),
}
FOOTER = _("mail.employers.footer")


class Mailer:
    def __init__(self, catalogs: Catalogs, links: Links, settings: Settings) -> None:
        self.catalogs = catalogs
        self.links = links
        self.settings = settings

    @property
    def site(self) -> str:
        return f"{self.links.base_url}/employeurs/"

    def manage_link(self, offer: Offer, now: dt.datetime) -> tuple[str, dt.datetime]:
        until = now + dt.timedelta(days=self.settings.employer_link_days)
        return self.links.url(offer.id, offer.link_secret, signed.MANAGE, until), until

    def confirm_link(self, offer: Offer, now: dt.datetime) -> str:
        until = now + dt.timedelta(hours=self.settings.employer_confirm_hours)
        return self.links.url(offer.id, offer.link_secret, signed.CONFIRM, until)

    def day(self, when: dt.date | dt.datetime, lang: str) -> str:
        if isinstance(when, dt.datetime):
            when = when.astimezone(PARIS).date()
        return display.date(when, lang)

    async def _queue(
        self,
        conn: AsyncConnection,
        offer: Offer,
        kind: str,
        values: Mapping[str, object],
        now: dt.datetime,
        **extra: object,
    ) -> int:
        lang = offer.language
        common = {"name": offer.contact_name, "title": offer.title, "company": offer.company}
        every = {**common, **values}
        text = self.catalogs.text
        subject_msg, body_msg = MAILS[kind]
        subject = text(lang, subject_msg.id, every)
        body = text(lang, body_msg.id, every)
        footer = text(lang, FOOTER.id, {"site": self.site})
        return await outbox.queue(
            conn,
            to=offer.contact_email,
            subject=subject,
            body=f"{body}\n\n{footer}",
            now=now,
            **extra,  # type: ignore[arg-type]
        )

    # --- one function per mail (their ids are listed in MAIL_IDS for the catalogs) -----------
    async def confirm(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> int:
        values = {
            "link": self.confirm_link(offer, now),
            "hours": self.settings.employer_confirm_hours,
        }
        return await self._queue(conn, offer, "confirm", values, now)

    async def received(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> int:
        link, until = self.manage_link(offer, now)
        values = {"link": link, "until": self.day(until, offer.language)}
        return await self._queue(conn, offer, "received", values, now)

    async def published(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> int:
        link, until = self.manage_link(offer, now)
        values = {
            "link": link,
            "until": self.day(until, offer.language),
            "ends": self.day(offer.ends_on, offer.language),
            "days": self.settings.employer_confirm_after_days,
        }
        return await self._queue(conn, offer, "published", values, now)

    async def refused(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> int:
        return await self._queue(
            conn, offer, "refused", {"reason": offer.reason, "site": self.site}, now
        )

    async def reminder(
        self, conn: AsyncConnection, offer: Offer, now: dt.datetime, deadline: dt.datetime
    ) -> int:
        link, _until = self.manage_link(offer, now)
        values = {
            "link": link,
            "days": self.settings.employer_confirm_after_days,
            "deadline": self.day(deadline, offer.language),
        }
        return await self._queue(conn, offer, "reminder", values, now)

    async def closed(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> int:
        link, until = self.manage_link(offer, now)
        lang = offer.language
        why = WHY.get(offer.closed_reason, WHY["coordinator"])
        values = {
            "why": self.catalogs.text(lang, why.id, {"reason": offer.reason}),
            "count": offer.interested,
            "link": link,
            "until": self.day(until, lang),
        }
        return await self._queue(conn, offer, "closed", values, now)

    async def cv(
        self,
        conn: AsyncConnection,
        offer: Offer,
        user_id: int,
        referral_id: int,
        now: dt.datetime,
    ) -> int:
        """The French CV of someone interested, attached when it is sent (if they still agree)."""
        values = {"published": self.day(offer.published_at or now, offer.language)}
        return await self._queue(
            conn,
            offer,
            "cv",
            values,
            now,
            attachment="cv",
            about_user_id=user_id,
            referral_id=referral_id,
        )

    async def links_for(
        self,
        conn: AsyncConnection,
        email: str,
        offers: Sequence[Offer],
        lang: str,
        now: dt.datetime,
    ) -> int:
        """Fresh private links to every offer of this address (asked for on /employeurs/lien)."""
        text = self.catalogs.text
        lines = []
        until = now
        for offer in offers:
            link, until = self.manage_link(offer, now)
            status = text(lang, STATUSES.get(offer.status, STATUSES["closed"]).id)
            values = {"title": offer.title, "status": status, "link": link}
            lines.append(text(lang, "mail.employers.links.line", values))
        values = {"links": "\n".join(lines), "until": self.day(until, lang)}
        body = text(lang, "mail.employers.links.body", values)
        footer = text(lang, FOOTER.id, {"site": self.site})
        return await outbox.queue(
            conn,
            to=email,
            subject=text(lang, "mail.employers.links.subject"),
            body=f"{body}\n\n{footer}",
            now=now,
        )
