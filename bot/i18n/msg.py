"""What a person reads, before it is put in their language: catalog messages and answer options.

A `Msg` names a catalog entry (`menu.prompt`) and the values for its placeholders; `_("id", …)`
makes one and marks the id for extraction. An `Option` is one answer to a question: a stable id,
its label, and the words that also pick it. Flows, features and the engine all speak in these;
`bot/i18n/catalogs.py` turns them into text in a language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Msg:
    """A catalog message with the values for its placeholders; `lang` forces a language."""

    id: str
    values: Mapping[str, object] = field(default_factory=dict)
    lang: str | None = None


def _(msgid: str, /, **values: object) -> Msg:
    """Mark a catalog message (Babel extracts the ids of `_` calls)."""
    return Msg(msgid, values)


def in_language(msg: Msg, lang: str) -> Msg:
    return Msg(msg.id, msg.values, lang)


def to_stored(msg: Msg) -> dict[str, Any]:
    """`msg` as JSON, to be shown later in whoever reads it's language (messages in its values
    too)."""
    values = {k: to_stored(v) if isinstance(v, Msg) else v for k, v in msg.values.items()}
    return {"id": msg.id, "values": values}


def from_stored(data: Mapping[str, Any]) -> Msg:
    values = {
        k: from_stored(v) if isinstance(v, Mapping) and "id" in v else v
        for k, v in (data.get("values") or {}).items()
    }
    return Msg(str(data["id"]), values)


@dataclass(frozen=True, slots=True)
class Option:
    """One answer to a question: a stable id, a label, and the words that also pick it."""

    id: str
    label: Msg
    words: Msg | None = None
