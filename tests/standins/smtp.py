"""An SMTP server on 127.0.0.1 standing in for the association's (aiosmtpd), for the real
aiosmtplib client: it takes mails (with a login when `user` is set, which aiosmtpd allows without
TLS only because we say so here), keeps them parsed, and fails on demand:
`fail(451, times=2)` answers the next DATA commands with a temporary error, `fail(550)` with a
final one.
"""

from __future__ import annotations

import asyncio
import email
import time
import warnings
from collections import deque
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

USER = "passerelle"
PASSWORD = "smtp-secret"


class SmtpStandIn:
    def __init__(self, user: str | None = USER) -> None:
        self.user = user
        self.mails: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._failures: deque[int] = deque()
        self._server: asyncio.AbstractServer | None = None
        self.port = 0

    async def start(self) -> int:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._protocol, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def settings(self) -> dict[str, Any]:
        """What Passerelle's settings must say to use this server."""
        values: dict[str, Any] = {
            "smtp_host": "127.0.0.1",
            "smtp_port": self.port,
            "smtp_starttls": False,
            "smtp_from": "Action Emploi Réfugiés <offres@asso.example>",
        }
        if self.user:
            values.update(smtp_user=self.user, smtp_password=PASSWORD)
        return values

    def fail(self, code: int, times: int = 1) -> None:
        self._failures.extend([code] * times)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.mails if address in str(m["To"])]

    async def wait_for(
        self, count: int, to: str | None = None, within: float = 20.0
    ) -> list[EmailMessage]:
        deadline = time.monotonic() + within
        while len(found := (self.to(to) if to else self.mails)) < count:
            if time.monotonic() > deadline:
                subjects = [str(m["Subject"]) for m in self.mails]
                raise AssertionError(f"{len(found)} mails, expected {count}: {subjects}")
            await asyncio.sleep(0.05)
        return found

    def _protocol(self) -> SMTP:
        with warnings.catch_warnings():  # "AUTH without TLS": on loopback, on purpose
            warnings.simplefilter("ignore", UserWarning)
            return SMTP(
                self,
                hostname="smtp.test",
                auth_require_tls=False,
                auth_required=self.user is not None,
                authenticator=self._authenticate,
            )

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.user
            and data.password.decode() == PASSWORD
        )
        return AuthResult(success=ok)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self._failures:
            code = self._failures.popleft()
            return f"{code} {'try again later' if code < 500 else 'refused'}"
        content = envelope.original_content or envelope.content or b""
        message = email.message_from_bytes(
            content if isinstance(content, bytes) else content.encode(), policy=default
        )
        assert isinstance(message, EmailMessage)
        self.mails.append(message)
        self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 OK"


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def attachments(message: EmailMessage) -> list[tuple[str, bytes]]:
    return [
        (str(part.get_filename()), bytes(part.get_content())) for part in message.iter_attachments()
    ]
