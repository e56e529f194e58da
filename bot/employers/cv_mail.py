"""The French CV attached to a mail for an employer, made when the mail is sent.

Made from the CV as it is at that moment (an answer corrected in between is sent corrected), and
only if the person still agrees that employers may see it: a CV deleted or made private since
"I'm interested" is not sent, and the mail is dropped (bot/mail/outbox.py). Nothing is written to
disk: the PDF lives in memory until the mail is handed to the SMTP server.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from sqlalchemy import select

from bot.cv import build
from bot.cv.document import CvDocument
from bot.i18n.catalogs import Catalogs
from bot.mail.smtp import Attachment
from bot.store import tables
from bot.store.database import Database


def shared_cv(data: object) -> dict[str, object] | None:
    """The CV in a conversation's data, if it is complete and may be shown to employers."""
    cv = data.get("cv") if isinstance(data, dict) else None
    if isinstance(cv, dict) and cv.get("complete") and cv.get("share"):
        return cv
    return None


async def french_cv(
    database: Database, catalogs: Catalogs, content_dir: Path, user_id: int
) -> Attachment | None:
    users, conversations = tables.users, tables.conversations
    async with database.read() as conn:
        row = (
            await conn.execute(
                select(users.c.language, conversations.c.data)
                .join(conversations, conversations.c.user_id == users.c.id)
                .where(users.c.id == user_id, users.c.consent == "given")
            )
        ).first()
    cv = shared_cv(row.data) if row is not None else None
    if row is None or cv is None:
        return None
    footer = catalogs.text("fr", "cv.pdf.footer")
    document = build.document(cv, catalogs, row.language or "fr", bilingual=False, footer=footer)
    drawn = await asyncio.to_thread(_draw, document, content_dir / "fonts")
    name = re.sub(r"[^\w -]", "", document.name).strip() or "CV"
    return Attachment(f"CV {name}.pdf", drawn)


def _draw(document: CvDocument, fonts: Path) -> bytes:
    from bot.cv import pdf  # fpdf2 and its imports load with the first CV drawn

    return pdf.render(document, fonts, bilingual=False)
