"""The two types every part shares: what a person sent (`Inbound`) and what we send (`Outgoing`).

Channels turn platform payloads into `Inbound` and render `Outgoing` in the platform's best form;
the engine and flows see nothing else of a platform. `Outgoing` is stored in the outbox as a JSON
payload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    TEXT = "text"
    CHOICE = (
        "choice"  # a pressed button: `choice` is the option id, `step` the question it belonged to
    )
    LOCATION = "location"
    MEDIA = "media"  # photo, sticker, video, file: we say what we can read
    CONTACT = "contact"
    VOICE = "voice"  # a voice note or audio file: `audio` says where the channel fetches it
    HEARD = "heard"  # what a voice note said (`text`), or why it could not be heard (`audio`)


@dataclass(frozen=True, slots=True)
class Audio:
    """A voice note: the platform's reference to it (never its sound), what the platform says of
    it, and — once heard (`Kind.HEARD`) — the language it was heard in or the problem."""

    ref: str  # Telegram: the file_id; Twilio: the MediaUrl
    content_type: str = ""
    size: int | None = None  # bytes, as the platform announces it
    seconds: float | None = None  # duration, as the platform announces it
    language: str | None = None  # HEARD: the language it was transcribed in
    problem: str | None = None  # HEARD: too_big, too_long, not_audio, silent, unsure, unheard…
    kept: str | None = None  # HEARD: the note, kept under DATA_DIR for a volunteer to listen

    def __post_init__(self) -> None:
        for name in ("ref", "content_type"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"audio {name} must be text")
        for name in ("size", "seconds"):
            value = getattr(self, name)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if value is not None and not number:
                raise TypeError(f"audio {name} must be a number")


@dataclass(frozen=True, slots=True)
class Inbound:
    channel: str
    user_id: str  # the platform's id for the person: chat id, phone number, console name
    message_id: str  # the platform's id for this message: the de-duplication key
    kind: Kind = Kind.TEXT
    text: str = ""
    choice: str | None = None
    step: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    media_type: str | None = None
    phone: str | None = None
    locale_hint: str | None = None  # the language the person's app reports, if any
    truncated: bool = False  # set by the engine when the text was cut to MAX_INPUT_CHARS
    received_at: dt.datetime | None = None
    audio: Audio | None = None  # VOICE and HEARD
    transcribed: bool = False  # the text was heard in a voice note (and confirmed by the person)

    def __post_init__(self) -> None:
        """A platform's payload with the wrong types (a dict where text goes) is refused here,
        where the channel can still answer "bad request", not deep in the engine."""
        for name in ("channel", "user_id", "message_id", "text"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be text")
        for name in ("choice", "step", "media_type", "phone", "locale_hint"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be text")
        for name, bound in (("latitude", 90), ("longitude", 180)):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not -bound <= value <= bound
            ):
                raise TypeError(f"{name} must be a number within ±{bound}")
        if self.received_at is not None and not isinstance(self.received_at, dt.datetime):
            raise TypeError("received_at must be a date and time")
        if self.audio is not None and not isinstance(self.audio, Audio):
            raise TypeError("audio must be an Audio")

    @property
    def user_key(self) -> tuple[str, str]:
        return (self.channel, self.user_id)

    def with_text(self, text: str, truncated: bool) -> Inbound:
        if text == self.text and truncated == self.truncated:
            return self
        return replace(self, text=text, truncated=truncated)


class OutKind(StrEnum):
    TEXT = "text"
    CHOICES = "choices"
    DOCUMENT = "document"
    LOCATION = "location"


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Outgoing:
    kind: OutKind
    text: str = ""
    lang: str = "fr"
    rtl: bool = False
    options: tuple[Option, ...] = ()
    step: str | None = None  # the question the options answer; buttons carry it back
    path: str | None = None  # DOCUMENT: a file on our server
    filename: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # False: the options are picked by a button or their words, never by a typed number (the
    # prompt says what to type); text channels then leave them out.
    numbered: bool = True
    # The person whose words or request this carries, when it goes to someone else: erasing
    # them deletes it (the outbox's `about_user_id`; not part of what is sent).
    about: int | None = None

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"kind": self.kind.value, "text": self.text, "lang": self.lang}
        if self.rtl:
            payload["rtl"] = True
        if self.options:
            payload["options"] = [[o.id, o.label] for o in self.options]
            payload["step"] = self.step
        for name in ("path", "filename", "latitude", "longitude"):
            value = getattr(self, name)
            if value is not None:
                payload[name] = value
        if self.extra:
            payload["extra"] = self.extra
        if not self.numbered:
            payload["numbered"] = False
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Outgoing:
        return cls(
            kind=OutKind(payload["kind"]),
            text=payload.get("text", ""),
            lang=payload.get("lang", "fr"),
            rtl=payload.get("rtl", False),
            options=tuple(Option(i, label) for i, label in payload.get("options", ())),
            step=payload.get("step"),
            path=payload.get("path"),
            filename=payload.get("filename"),
            latitude=payload.get("latitude"),
            longitude=payload.get("longitude"),
            extra=payload.get("extra", {}),
            numbered=payload.get("numbered", True),
        )


@dataclass(frozen=True, slots=True)
class Recipient:
    """Someone a turn may tell something (see `Turn.tell`)."""

    user_id: int
    channel: str
    address: str
    language: str | None
