"""One mail through the association's SMTP server (aiosmtplib), from the settings SMTP_*.

`compose` builds the message (plain text in UTF-8, an optional attachment); `send` delivers it and
says whether a failure is worth another try: a 5xx answer is final (the address or the content
was refused), anything else — a 4xx, a refused connection, a time-out — may pass later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

import aiosmtplib

from bot.config import Settings


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/pdf"


class MailError(Exception):
    """The server did not take the mail; `final` when trying again would not help."""

    def __init__(self, reason: str, *, final: bool) -> None:
        super().__init__(reason)
        self.final = final


def compose(
    settings: Settings,
    to: str,
    subject: str,
    body: str,
    now: dt.datetime,
    attachment: Attachment | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(settings.smtp_from)[1].rpartition("@")[2] or "passerelle.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    # Automatic mails: out-of-office replies should not answer them (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body, charset="utf-8")
    if attachment is not None:
        maintype, _slash, subtype = attachment.mimetype.partition("/")
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message


async def send(settings: Settings, message: EmailMessage) -> None:
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    try:
        await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_user or None,
            password=password if settings.smtp_user else None,
            start_tls=settings.smtp_starttls,
            timeout=settings.smtp_timeout_seconds,
        )
    except aiosmtplib.SMTPAuthenticationError as refused:  # our settings, not the mail: retry
        raise MailError(f"login refused ({refused.code})", final=False) from None
    except aiosmtplib.SMTPRecipientsRefused as refused:
        codes = [error.code for error in refused.recipients]
        final = all(code >= 500 for code in codes)
        raise MailError(f"recipient refused ({codes})", final=final) from None
    except aiosmtplib.SMTPResponseException as answer:
        raise MailError(f"server answered {answer.code}", final=answer.code >= 500) from None
    except (aiosmtplib.SMTPException, OSError) as error:
        raise MailError(type(error).__name__, final=False) from None
