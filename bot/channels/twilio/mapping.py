"""Twilio's inbound webhook form → `Inbound`. The channel comes from `From`: `whatsapp:+33…` is
WhatsApp, a bare number is SMS. `ProfileName` is deliberately not read: we keep no name. A voice
note (audio media) keeps its MediaUrl and content type, to be fetched with the account's
credentials after the message is committed (bot/channels/twilio/media.py)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.channels import buttons
from bot.messages import Audio, Inbound, Kind
from bot.speech.audio import looks_like_audio

WHATSAPP = "whatsapp"
SMS = "sms"
PREFIX = "whatsapp:"
MEDIA_TYPES = {"audio": "voice", "image": "photo", "video": "video"}


def to_inbound(form: Mapping[str, str]) -> Inbound | None:
    """None when the form is not an inbound message (no sender or no message id)."""
    message_id = form.get("MessageSid") or form.get("SmsMessageSid") or ""
    sender = form.get("From", "").strip()
    if not message_id or not sender:
        return None
    if sender.startswith(PREFIX):
        channel, number = WHATSAPP, sender[len(PREFIX) :]
    else:
        channel, number = SMS, sender
    base = Inbound(channel, number, message_id)
    # A quick reply (ButtonPayload) or a list item (ListId), with the words the person saw
    # (ButtonText, ListTitle; Body repeats them): a press of someone else's button (an
    # operator's template, "STOP") is read as those words, or its payload.
    payload = form.get("ButtonPayload") or form.get("ListId") or ""
    if payload:
        pressed = buttons.decode(payload)
        if pressed.get("kind") is Kind.CHOICE:
            seen = form.get("ButtonText") or form.get("ListTitle") or form.get("Body") or ""
            pressed["text"] = seen.strip()
        return Inbound(channel, number, message_id, **pressed)
    latitude, longitude = _number(form.get("Latitude")), _number(form.get("Longitude"))
    if latitude is not None and longitude is not None:
        return Inbound(
            channel, number, message_id, kind=Kind.LOCATION, latitude=latitude, longitude=longitude
        )
    body = form.get("Body", "") or form.get("ButtonText", "")
    media = int(_number(form.get("NumMedia")) or 0)
    if media and not body.strip():
        content_type = form.get("MediaContentType0", "")
        kind = content_type.split("/")[0]
        url = form.get("MediaUrl0", "")
        if url and looks_like_audio(content_type) and content_type:
            return Inbound(
                channel,
                number,
                message_id,
                kind=Kind.VOICE,
                media_type="voice",
                audio=Audio(url, content_type),
            )
        return Inbound(
            channel,
            number,
            message_id,
            kind=Kind.MEDIA,
            media_type=MEDIA_TYPES.get(kind, "document"),
        )
    return Inbound(base.channel, base.user_id, base.message_id, text=body)


def address(channel: str, number: str) -> str:
    """How Twilio names the person when we write to them."""
    return f"{PREFIX}{number}" if channel == WHATSAPP else number


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
