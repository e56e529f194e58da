"""One turn of conversation: the person, their conversation state, and what we answer.

A `Turn` is what a step handler works with. It holds copies of the stored rows (`UserState`,
`ConversationState`); the engine writes them back in the same transaction as the outgoing messages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from bot.i18n import bidi
from bot.i18n.msg import Msg, Option
from bot.messages import Inbound, Outgoing, OutKind, Recipient
from bot.messages import Option as OutOption
from bot.store.people import ConversationState, UserState

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncConnection

    from bot.config import Settings
    from bot.i18n.catalogs import Catalogs
    from bot.translate.service import Translation, Translator

HISTORY_LIMIT = 30


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
    # The assembly's long-lived services, by name, for jobs that need one (bot/app.py: "speech").
    tools: Mapping[str, object] = field(default_factory=dict)


Job = Callable[[JobContext], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Binding:
    """What a Script's services are bound to for one batch: its transaction (one connection,
    shared by the batch's turns through `lock`), the translator and the settings."""

    conn: AsyncConnection
    lock: asyncio.Lock
    translator: Translator | None
    settings: Settings


class Services(Protocol):
    """What the engine itself needs of the services a Script hands it: translation (for
    `Turn.translate`). The features a flow uses come on the same object (see `Script.services`)."""

    async def translate(
        self, text: str, source: str, target: str, owner: int | None
    ) -> Translation: ...


S = TypeVar("S", bound=Services)


class Turn(Generic[S]):
    """One message of one person: what they sent, who they are, where their conversation is,
    and what we answer. `services` are the Script's, bound to the batch's transaction."""

    def __init__(
        self,
        *,
        inbound: Inbound,
        user: UserState,
        state: ConversationState,
        catalogs: Catalogs,
        services: S,
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
    def say(self, msg: Msg | str, about: int | None = None) -> None:
        """`about`: the person whose words this quotes, if not the one it goes to (a volunteer
        shown a request): erasing them erases it."""
        self.outgoing.append(self._out(OutKind.TEXT, self.text(msg), about=about))

    def ask(
        self, prompt: Msg | str, options: list[Option], step: str, numbered: bool = True
    ) -> None:
        out_options = tuple(OutOption(o.id, self.text(o.label)) for o in options)
        text = self.text(prompt)
        if not text and not out_options:
            return
        kind = OutKind.CHOICES if options else OutKind.TEXT
        self.outgoing.append(
            self._out(kind, text, options=out_options, step=step, numbered=numbered)
        )

    def send_document(self, path: str, filename: str, caption: Msg | None = None) -> None:
        text = self.text(caption) if caption else ""
        self.outgoing.append(self._out(OutKind.DOCUMENT, text, path=path, filename=filename))

    def tell(self, to: Recipient, msg: Msg | str) -> None:
        """Send someone else a message, in their language, with this turn's commit (a volunteer
        hearing from the person they help, and the other way round). It is about this turn's
        person: erasing them erases it."""
        lang = to.language or "fr"
        text = msg if isinstance(msg, str) else self.catalogs.text(lang, msg.id, msg.values)
        rtl = self.catalogs.is_rtl(lang)
        text = bidi.anchor_rtl(text) if rtl else text
        self.told.append((to, Outgoing(OutKind.TEXT, text, lang, rtl, about=self.user.id)))

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
                and None in (previous.about, out.about)  # one person quoted per message at most
            ):
                joined = "\n\n".join(part for part in (previous.text, out.text) if part)
                merged[-1] = Outgoing(
                    out.kind,
                    joined,
                    out.lang,
                    out.rtl,
                    out.options,
                    out.step,
                    numbered=out.numbered,
                    about=previous.about or out.about,
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
