"""`Outgoing` → Bot API calls: texts split to Telegram's size, choices as inline keyboards.

Messages are sent as plain text (no parse mode), so nothing a person or a volunteer writes can be
read as formatting: there is nothing to escape and nothing to break.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.channels.render import split_text
from bot.channels.telegram.mapping import callback_data
from bot.i18n import bidi
from bot.messages import Outgoing, OutKind

TEXT_LIMIT = 4096  # UTF-16 code units, after entity parsing
CAPTION_LIMIT = 1024


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class Call:
    method: str  # send_message | send_document | send_voice | send_location
    params: dict[str, Any] = field(default_factory=dict)


def keyboard(out: Outgoing) -> list[list[dict[str, str]]]:
    rows = []
    for number, option in enumerate(out.options, start=1):
        label = f"{number}. {option.label}" if out.numbered else option.label
        if out.rtl:
            label = bidi.RLM + label
        rows.append([{"text": label, "callback_data": callback_data(out.step, option.id, number)}])
    return rows


def render(out: Outgoing) -> list[Call]:
    texts = split_text(out.text, TEXT_LIMIT, utf16_length) if out.text else []
    if out.kind is OutKind.CHOICES and out.options:
        texts = texts or ["👇"]
        calls = [Call("send_message", {"text": t}) for t in texts]
        calls[-1].params["keyboard"] = keyboard(out)
        return calls
    if out.kind is OutKind.DOCUMENT and out.path:
        caption = out.text if out.text and utf16_length(out.text) <= CAPTION_LIMIT else None
        calls = [] if caption is not None else [Call("send_message", {"text": t}) for t in texts]
        params = {"path": out.path, "filename": out.filename, "caption": caption}
        # A voice note (OGG/Opus) plays in the chat as one; any other file is a document.
        voice = out.extra.get("voice") and out.path.endswith((".ogg", ".oga", ".opus"))
        return [*calls, Call("send_voice" if voice else "send_document", params)]
    if out.kind is OutKind.LOCATION and out.latitude is not None and out.longitude is not None:
        calls = [Call("send_message", {"text": t}) for t in texts]
        return [
            *calls,
            Call("send_location", {"latitude": out.latitude, "longitude": out.longitude}),
        ]
    return [Call("send_message", {"text": t}) for t in texts]
