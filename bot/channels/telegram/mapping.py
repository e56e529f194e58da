"""Telegram updates → what the engine understands, with python-telegram-bot's own types.

Only private chats are conversations. Text and commands become text; a pressed inline button
becomes a choice (with the question it belonged to); a voice note or an audio file becomes a
voice message carrying its file_id (downloaded later, bot/channels/telegram/files.py); a shared
location, a contact, and every other kind of media keep their kind, so the flows can answer each
properly. `my_chat_member` tells us that the
person blocked or unblocked the bot. Edited messages, channel posts and group messages are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from telegram import Update

from bot.channels import buttons
from bot.messages import Audio, Inbound, Kind

CHANNEL = "telegram"
ALLOWED_UPDATES = ("message", "callback_query", "my_chat_member")
MEDIA_KINDS = ("photo", "sticker", "video", "video_note", "animation", "document")


@dataclass(frozen=True, slots=True)
class Incoming:
    inbound: Inbound
    callback_query_id: str | None = None


@dataclass(frozen=True, slots=True)
class MemberChange:
    chat_id: str
    blocked: bool


def to_event(update: Update) -> Incoming | MemberChange | None:
    message_id = str(update.update_id)  # update ids are unique per bot: the de-duplication key
    if update.callback_query is not None:
        query = update.callback_query
        chat = query.message.chat if query.message is not None else None
        if chat is not None and chat.type != "private":
            return None
        chat_id = str(chat.id if chat is not None else query.from_user.id)
        return Incoming(
            _pressed(chat_id, message_id, query.data or "", query.from_user.language_code),
            query.id,
        )
    if update.my_chat_member is not None:
        member = update.my_chat_member
        if member.chat.type != "private":
            return None
        status = member.new_chat_member.status
        return MemberChange(str(member.chat.id), blocked=status in ("kicked", "left"))
    message = update.message
    if message is None or message.chat.type != "private":
        return None  # edited messages, channel posts, groups: not conversations
    inbound = Inbound(
        CHANNEL,
        str(message.chat.id),
        message_id,
        locale_hint=message.from_user.language_code if message.from_user else None,
        received_at=message.date,
    )
    if message.text is not None:
        return Incoming(replace(inbound, text=message.text))
    if message.location is not None:
        where = message.location
        return Incoming(
            replace(inbound, kind=Kind.LOCATION, latitude=where.latitude, longitude=where.longitude)
        )
    if message.contact is not None:
        return Incoming(replace(inbound, kind=Kind.CONTACT, phone=message.contact.phone_number))
    sound = message.voice or message.audio
    if sound is not None:
        # to_dict: reading `.duration` warns while PTB moves it to timedelta.
        seconds = sound.to_dict().get("duration")
        audio = Audio(
            sound.file_id,
            sound.mime_type or "",
            sound.file_size,
            float(seconds) if isinstance(seconds, int | float) else None,
        )
        media_type = "voice" if message.voice is not None else "audio"
        return Incoming(replace(inbound, kind=Kind.VOICE, media_type=media_type, audio=audio))
    media = next((kind for kind in MEDIA_KINDS if getattr(message, kind, None)), "other")
    return Incoming(replace(inbound, kind=Kind.MEDIA, media_type=media))


def callback_data(step: str | None, option_id: str, index: int) -> str:
    """What a button carries back; Telegram allows 64 bytes."""
    return buttons.encode(step, option_id, index, limit=64)


def _pressed(chat_id: str, message_id: str, data: str, hint: str | None) -> Inbound:
    return Inbound(CHANNEL, chat_id, message_id, locale_hint=hint, **buttons.decode(data))
