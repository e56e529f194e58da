"""What "my data" shows: every stored answer and record about the person, in their language.

Blocks, in order: who they are to us (account, language, agreement, announcements, since when),
their messages (how many, from when to when — never the text), their CV answer by answer (as its
bilingual copy would print them, in their language where it has one), the offers they marked and
their job alert, the place they last gave, their requests to volunteers, what they looked for,
the machine translations kept of their words, then why we keep it and what erasure leaves. The
privacy flow pages it for small screens.
"""

from __future__ import annotations

from typing import Any

from babel.dates import format_date

from bot.cv import answers, build
from bot.cv.vocabulary import OCCUPATIONS
from bot.directory.categories import CATEGORIES
from bot.i18n import display
from bot.i18n.msg import Msg, _
from bot.store.personal import PersonalData
from flows.services import Turn

CATEGORY_LABELS = {c.id: c.label for c in CATEGORIES}
TRADE_LABELS = {o.code: o.label for o in OCCUPATIONS if o.code}
STATUS = {
    "waiting": _("mydata.request.waiting"),
    "taken": _("mydata.request.taken"),
    "ended": _("mydata.request.ended"),
}
Block = list[str]


async def blocks(t: Turn) -> list[Block]:
    stored = await t.services.personal_data(t.user.id)
    jobs = _jobs(t, stored)
    sent = await t.services.employers.count(t.user.id) if t.user.id is not None else 0
    if sent:  # CVs sent to employers for them, through the association
        jobs.append(t.text(_("mydata.referrals", count=sent)))
    found = [_you(t), _messages(t, stored), _cv(t), jobs, _place(t)]
    found += [_requests(t, stored), _asked(t, stored), _translations(t, stored), _why(t)]
    return [block for block in found if block]


def _you(t: Turn) -> Block:
    user = t.user
    lines: list[Msg] = [
        _("mydata.header"),
        _("mydata.account", channel=user.channel, id=user.external_id),
        _("mydata.language", language=t.text(_("language.autonym"))),
    ]
    if user.consent == "given" and user.consent_at:
        lines.append(_("mydata.consent_given", date=_date(t, user.consent_at)))
    elif user.consent == "refused":
        lines.append(_("mydata.consent_refused"))
    stopped = user.status == "stopped"
    lines.append(_("mydata.status_stopped") if stopped else _("mydata.status_active"))
    if user.created_at:
        lines.append(_("mydata.since", date=_date(t, user.created_at)))
    return [t.text(line) for line in lines]


def _messages(t: Turn, stored: PersonalData) -> Block:
    lines = [
        t.text(
            _("mydata.messages", received=stored.inbound_messages, queued=stored.queued_messages)
        )
    ]
    if stored.first_message_at and stored.last_message_at:
        first, last = _date(t, stored.first_message_at), _date(t, stored.last_message_at)
        lines.append(t.text(_("mydata.messages.dates", first=first, last=last)))
    return lines


def _cv(t: Turn) -> Block:
    """Each CV answer, as the bilingual copy prints it (in the person's language where it can)."""
    data = t.state.data.get("cv") or {}
    if not any(value for key, value in data.items() if not key.startswith("_")):
        return []
    document = build.document(data, t.catalogs, t.lang, bilingual=True, today=t.now.date())
    lines = [t.text(_("mydata.cv"))]
    name = data.get("name") or {}
    if name.get("text"):  # as they wrote it, and in Latin letters if they gave them
        latin = answers.latin(name)
        lines.append(
            f"• {name['text']}" + (f" ({latin})" if latin and latin != name["text"] else "")
        )
    if document.headline is not None and document.headline.text():
        lines.append(f"• {document.headline.text(local=True) or document.headline.text()}")
    lines += [f"• {value}" for value in document.contact if value]
    for section in document.sections:
        lines.append(section.local_title or section.title)
        lines += [f"  – {line.text(local=True) or line.text()}" for line in section.lines]
    # The copy prints only what has French; "my data" shows the rest too, as it was written.
    lines += [
        t.text(_("mydata.cv_waiting", text=said)) for _where, said in answers.untranslated(data)
    ]
    return lines


def _jobs(t: Turn, stored: PersonalData) -> Block:
    lines = [
        t.text(_("mydata.offer", title=title, date=_date(t, when))) for title, when in stored.offers
    ]
    if stored.job_alert is not None:
        criteria = stored.job_alert
        radius = criteria.get("radius_km")
        where = (
            t.text(_("mydata.alert.anywhere"))
            if radius is None
            else t.text(
                _(
                    "mydata.alert.within",
                    km=display.distance(float(radius), t.lang),
                    place=criteria.get("place") or "—",
                )
            )
        )
        lines.append(t.text(_("mydata.alert", where=where)))
    filters: dict[str, Any] = (t.state.data.get("jobs") or {}).get("filters") or {}
    if filters.get("contract") or filters.get("distance"):
        lines.append(t.text(_("mydata.job_filters")))
    return lines


def _place(t: Turn) -> Block:
    place = (t.state.data.get("where") or {}).get("place") or {}
    return [t.text(_("mydata.place", place=place["name"]))] if place.get("name") else []


def _requests(t: Turn, stored: PersonalData) -> Block:
    return [
        t.text(
            _(
                "mydata.request",
                id=request.id,
                date=_date(t, request.created_at),
                status=t.text(STATUS.get(request.status, STATUS["ended"])),
                count=request.messages,
            )
        )
        for request in stored.requests
    ]


def _asked(t: Turn, stored: PersonalData) -> Block:
    if not stored.asked_about:
        return []
    topics = ", ".join(_topic(t, kind, value) for kind, value in stored.asked_about)
    return [t.text(_("mydata.interests", topics=topics))]


def _translations(t: Turn, stored: PersonalData) -> Block:
    if not stored.translations:
        return []
    days = t.services.settings.translate_cache_days
    return [t.text(_("mydata.translations", count=stored.translations, days=days))]


def _why(t: Turn) -> Block:
    days = t.services.settings.inbound_log_retention_days
    return [t.text(_("mydata.why")), t.text(_("mydata.after_erasure", days=days))]


def _topic(t: Turn, kind: str, value: str) -> str:
    """One thing someone asked about, as they would name it."""
    if kind == "category" and value in CATEGORY_LABELS:
        return t.text(CATEGORY_LABELS[value])
    if kind == "trade" and value in TRADE_LABELS:
        return t.text(TRADE_LABELS[value])
    if kind == "department":
        return t.text(_("mydata.department", code=value))
    return value


def _date(t: Turn, when: Any) -> str:
    # Without a final dot ("28 листопада 2026 р."): the sentences around it end with their own.
    return format_date(when, format="long", locale=display.locale_of(t.lang)).rstrip(".")
