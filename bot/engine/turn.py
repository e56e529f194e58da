"""One turn of conversation: the person, their conversation state, and what we answer.

A `Turn` is what a step handler works with. It holds copies of the stored rows (`UserState`,
`ConversationState`); the engine writes them back in the same transaction as the outgoing messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from bot.i18n import bidi
from bot.i18n.msg import Msg, Option
from bot.messages import Inbound, Outgoing, OutKind, Recipient
from bot.messages import Option as OutOption

if TYPE_CHECKING:
    from bot.broadcast.desk import Desk
    from bot.config import Settings
    from bot.directory.search import Directory
    from bot.handover.desk import Desk as HandoverDesk
    from bot.i18n.catalogs import Catalogs
    from bot.translate.service import Translation

HISTORY_LIMIT = 30


@dataclass
class UserState:
    id: int | None
    channel: str
    external_id: str
    language: str | None = None
    consent: str | None = None  # "given" | "refused" | None (not asked yet)
    consent_at: dt.datetime | None = None
    status: str = "active"  # active | stopped | blocked
    roles: list[str] = field(default_factory=list)
    created_at: dt.datetime | None = None
    last_inbound_at: dt.datetime | None = None
    erased: bool = False


@dataclass
class ConversationState:
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    nav: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    expires_at: dt.datetime | None = None

    @property
    def choices(self) -> list[str]:
        """The option ids shown with the current question, in order: "2" picks the second."""
        return list(self.nav.get("choices", []))

    @property
    def history(self) -> list[str]:
        """Steps to go "back" to, most recent last."""
        history: list[str] = self.nav.setdefault("history", [])
        return history

    @property
    def stack(self) -> list[str]:
        """Steps to RETURN to (the question that called "language", "my data"…), last on top."""
        stack: list[str] = self.nav.setdefault("stack", [])
        return stack


@dataclass(frozen=True, slots=True)
class PersonalData:
    """Counts of what the store holds about a person beyond their profile and conversation."""

    inbound_messages: int
    queued_messages: int
    job_interests: int = 0
    job_alert: bool = False
    asked_about: tuple[tuple[str, str], ...] = ()  # (kind, value) rows of `interests`
    volunteer_messages: int = 0  # messages of their conversations with volunteers


@dataclass(frozen=True, slots=True)
class JobContext:
    """What an after-commit job knows and can do."""

    user_id: int
    channel: str
    address: str
    language: str
    rtl: bool
    catalogs: Catalogs
    data_dir: Any  # pathlib.Path
    send: Callable[[list[Outgoing]], Awaitable[None]]
    database: Any = None  # bot.store.database.Database: a job opens its own transactions
    translator: Any = None  # bot.translate.service.Translator
    clock: Any = None  # bot.clock.Clock
    # Feed a message back into the engine as the person's own (a voice note's transcript):
    # `Engine.handle`, so it is de-duplicated on its id and takes its turn like any other.
    handle: Callable[[Inbound], Awaitable[object]] | None = None
    speech: Any = None  # bot.speech.service.Speech


Job = Callable[[JobContext], Awaitable[None]]


class Services(Protocol):
    """The I/O a step may use, bound to the turn's transaction."""

    async def personal_data(self, user_id: int | None) -> PersonalData: ...

    async def translate(
        self, text: str, source: str, target: str, owner: int | None
    ) -> Translation: ...

    @property
    def settings(self) -> Settings:
        """The deployment's settings (volunteers' hours, timeouts…)."""
        ...

    @property
    def directory(self) -> Directory:
        """Services and job offers (see bot/directory/search.py)."""
        ...

    @property
    def broadcasts(self) -> Desk:
        """Volunteers' announcements (see bot/broadcast/desk.py)."""
        ...

    @property
    def handovers(self) -> HandoverDesk:
        """Conversations with volunteers (see bot/handover/desk.py)."""
        ...


class Turn:
    def __init__(
        self,
        *,
        inbound: Inbound,
        user: UserState,
        state: ConversationState,
        catalogs: Catalogs,
        services: Services,
        now: dt.datetime,
    ) -> None:
        self.inbound = inbound
        self.user = user
        self.state = state
        self.catalogs = catalogs
        self.services = services
        self.now = now
        self.outgoing: list[Outgoing] = []
        self.told: list[tuple[Recipient, Outgoing]] = []  # messages to other people
        self.jobs: list[Job] = []

    # --- language -----------------------------------------------------------------------
    @property
    def lang(self) -> str:
        """The person's language; before they choose, the one suggested at first contact."""
        return self.user.language or self.state.nav.get("suggested") or "fr"

    def text(self, msg: Msg | str) -> str:
        if isinstance(msg, str):
            return msg
        return self.catalogs.text(msg.lang or self.lang, msg.id, msg.values)

    def words(self, msg: Msg) -> list[str]:
        return self.catalogs.words(msg.lang or self.lang, msg.id)

    # --- speaking -----------------------------------------------------------------------
    def say(self, msg: Msg | str) -> None:
        self.outgoing.append(self._out(OutKind.TEXT, self.text(msg)))

    def ask(self, prompt: Msg | str, options: list[Option], step: str) -> None:
        out_options = tuple(OutOption(o.id, self.text(o.label)) for o in options)
        text = self.text(prompt)
        if not text and not out_options:
            return
        self.outgoing.append(
            self._out(
                OutKind.CHOICES if options else OutKind.TEXT, text, options=out_options, step=step
            )
        )

    def send_document(self, path: str, filename: str, caption: Msg | None = None) -> None:
        text = self.text(caption) if caption else ""
        self.outgoing.append(self._out(OutKind.DOCUMENT, text, path=path, filename=filename))

    def tell(self, to: Recipient, msg: Msg | str) -> None:
        """Send someone else a message, in their language, with this turn's commit (a volunteer
        hearing from the person they help, and the other way round)."""
        lang = to.language or "fr"
        text = msg if isinstance(msg, str) else self.catalogs.text(lang, msg.id, msg.values)
        rtl = self.catalogs.is_rtl(lang)
        out = Outgoing(OutKind.TEXT, bidi.anchor_rtl(text) if rtl else text, lang, rtl)
        self.told.append((to, out))

    def after_commit(self, job: Job) -> None:
        """Run `job` once this turn is committed, in the background (slow work such as a PDF:
        it must not hold the turn's transaction). Its messages go through the outbox. A job is
        not durable: if the process dies first, the person asks again."""
        self.jobs.append(job)

    def _out(self, kind: OutKind, text: str, **fields: Any) -> Outgoing:
        rtl = self.catalogs.is_rtl(self.lang)
        return Outgoing(kind, bidi.anchor_rtl(text) if rtl else text, self.lang, rtl, **fields)

    def replies(self) -> list[Outgoing]:
        """What to send, with consecutive texts joined to the question that follows them."""
        merged: list[Outgoing] = []
        for out in self.outgoing:
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and previous.kind is OutKind.TEXT
                and out.kind in (OutKind.TEXT, OutKind.CHOICES)
                and previous.lang == out.lang
            ):
                joined = "\n\n".join(part for part in (previous.text, out.text) if part)
                merged[-1] = Outgoing(
                    out.kind,
                    joined,
                    out.lang,
                    out.rtl,
                    out.options,
                    out.step,
                )
            else:
                merged.append(out)
        return merged

    # --- conversation data --------------------------------------------------------------
    def data(self, flow: str) -> dict[str, Any]:
        """The answers a flow keeps for this person (shown by "my data", erased with them)."""
        value: dict[str, Any] = self.state.data.setdefault(flow, {})
        return value

    # --- the person ---------------------------------------------------------------------
    async def translate(self, text: str, source: str, target: str) -> Translation:
        """Machine translation (cached; see bot/translate). Results made from this person's
        words belong to them and are erased with their data."""
        return await self.services.translate(text, source, target, self.user.id)

    async def translate_shared(self, text: str, source: str, target: str) -> Translation:
        """Machine translation of shared content (a job offer, a service's description): cached
        for everyone, owned by no one."""
        return await self.services.translate(text, source, target, None)

    def set_language(self, code: str) -> None:
        self.user.language = code

    def set_consent(self, given: bool) -> None:
        self.user.consent = "given" if given else "refused"
        self.user.consent_at = self.now

    def set_status(self, status: str) -> None:
        self.user.status = status

    def erase(self) -> None:
        """Erase everything about this person when the turn commits."""
        self.user.erased = True
