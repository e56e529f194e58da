"""Job alerts: after an import (or an employer's offer published by a coordinator, which is
written the same way), tell each subscriber about the new offers that match.

Runs inside the import's transaction, so an offer and the messages announcing it are written
together or not at all. One message per person per import, in their language, listing the best
few offers (their titles in French, as employers wrote them). Messages go through the outbox with
`ALERT` priority: after replies, and never to someone who said STOP (the dispatcher checks again
when it sends).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.directory.records import CONTRACT_LABELS, EMPLOYER_SOURCE
from bot.directory.search import JobQuery
from bot.i18n import bidi
from bot.i18n.catalogs import Catalogs
from bot.messages import Outgoing, OutKind
from bot.outbox.queries import ALERT, new_row
from bot.store import tables

LISTED = 3  # offers named in one alert message


async def notify(conn: AsyncConnection, catalogs: Catalogs, after_id: int, now: dt.datetime) -> int:
    """Queue alerts for the offers added by this import (ids above `after_id`, stamped `now`);
    returns how many people were told."""
    users, alerts_table, jobs = tables.users, tables.job_alerts, tables.jobs
    subscribers = (
        await conn.execute(
            select(
                alerts_table.c.user_id,
                alerts_table.c.criteria,
                users.c.channel,
                users.c.external_id,
                users.c.language,
            )
            .join(users, users.c.id == alerts_table.c.user_id)
            .where(users.c.status == "active", users.c.consent == "given")
        )
    ).all()
    if not subscribers:
        return 0
    offers = (
        await conn.execute(
            select(
                jobs.c.id,
                jobs.c.title,
                jobs.c.city,
                jobs.c.contract,
                jobs.c.rome,
                jobs.c.title_words,
                jobs.c.latitude,
                jobs.c.longitude,
                jobs.c.refugee_friendly,
                jobs.c.source,
            ).where(jobs.c.id > after_id, jobs.c.updated_at == now)
        )
    ).all()
    by_rome: dict[str, list[Any]] = defaultdict(list)
    for offer in offers:
        by_rome[offer.rome].append(offer)
    rows, told = [], []
    for person in subscribers:
        query = JobQuery.from_json(person.criteria)
        by_code_only = query.rome and not query.words
        pool = [o for code in query.rome for o in by_rome.get(code, ())] if by_code_only else offers
        matches = []
        for offer in pool:
            distance = query.distance(offer.latitude, offer.longitude)
            if query.accepts(offer.rome, offer.title_words, offer.contract, distance):
                matches.append(
                    (
                        not offer.refugee_friendly,
                        offer.source != EMPLOYER_SOURCE,  # employers' own offers first
                        distance or 0.0,
                        offer,
                    )
                )
        if not matches:
            continue
        matches.sort(key=lambda m: m[:3])
        language = person.language or "fr"
        message = _message(catalogs, language, [m[3] for m in matches])
        rows.append(
            new_row(person.user_id, person.channel, person.external_id, message, now, ALERT)
        )
        told.append({"b_user": person.user_id})
    if rows:
        await conn.execute(tables.outbox.insert(), rows)
        await conn.execute(
            update(alerts_table)
            .where(alerts_table.c.user_id == bindparam("b_user"))
            .values(last_sent_at=now),
            told,
        )
    return len(rows)


def _message(catalogs: Catalogs, language: str, offers: list[Any]) -> Outgoing:
    lines = [catalogs.text(language, "jobs.alert.new", {"count": len(offers)})]
    for offer in offers[:LISTED]:
        label = CONTRACT_LABELS.get(offer.contract, CONTRACT_LABELS["other"])
        values = {
            "title": offer.title,
            "city": offer.city or "—",
            "contract": catalogs.text(language, label.id),
        }
        lines.append(catalogs.text(language, "jobs.alert.offer", values))
    lines.append(catalogs.text(language, "jobs.alert.how"))
    body = "\n".join(lines)
    rtl = catalogs.is_rtl(language)
    return Outgoing(OutKind.TEXT, bidi.anchor_rtl(body) if rtl else body, language, rtl)
