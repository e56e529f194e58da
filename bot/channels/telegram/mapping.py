"""Telegram updates → what the engine understands, with python-telegram-bot's own types.

Only private chats are conversations. Text and commands become text, and so does a photo's (or any
media's) caption; a pressed inline button becomes a choice (with the question it belonged to); a
voice note or an audio file becomes a voice message carrying its file_id (downloaded later,
bot/channels/telegram/files.py); a shared location, a contact, and every other kind of media keep
their kind, so the flows can answer each properly. `my_chat_member` tells us that the person
blocked or unblocked the bot. Edited messages, channel posts, group messages and service messages
(a pinned message, a new chat title, the auto-delete timer…) are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from telegram import Message, Update

from bot.channels import buttons
from bot.messages import Audio, Inbound, Kind

CHANNEL = "telegram"
ALLOWED_UPDATES = ("message", "callback_query", "my_chat_member")
MEDIA_KINDS = ("photo", "sticker", "video", "video_note", "animation", "document")
# Service messages: Telegram's notes about the chat (a pinned message, a new title or photo, the
# auto-delete timer, a payment, a shared user, a topic, a gift, a boost…), not something the
# person said to us. Names of the Bot API's Message fields (telegram.constants.MessageType).
SERVICE_KINDS = frozenset(
    {
        "boost_added", "channel_chat_created", "chat_background_set", "chat_owner_changed",
        "chat_owner_left", "chat_shared", "checklist_tasks_added", "checklist_tasks_done",
        "connected_website", "delete_chat_photo", "direct_message_price_changed",
        "forum_topic_closed", "forum_topic_created", "forum_topic_edited", "forum_topic_reopened",
        "general_forum_topic_hidden", "general_forum_topic_unhidden", "gift", "gift_upgrade_sent",
        "giveaway_completed", "giveaway_created", "giveaway_winners", "group_chat_created",
        "left_chat_member", "managed_bot_created", "message_auto_delete_timer_changed",
        "migrate_from_chat_id", "migrate_to_chat_id", "new_chat_members", "new_chat_photo",
        "new_chat_title", "paid_message_price_changed", "passport_data", "pinned_message",
        "poll_option_added", "poll_option_deleted", "proximity_alert_triggered",
        "refunded_payment", "successful_payment", "suggested_post_approval_failed",
        "suggested_post_approved", "suggested_post_declined", "suggested_post_paid",
        "suggested_post_refunded", "supergroup_chat_created", "unique_gift", "users_shared",
        "video_chat_ended", "video_chat_participants_invited", "video_chat_scheduled",
        "video_chat_started", "web_app_data", "write_access_allowed",
    }
)  # fmt: skip


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
    if message.caption and message.caption.strip():  # a photo with words: read the words
        return Incoming(replace(inbound, text=message.caption))
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
    media = next((kind for kind in MEDIA_KINDS if getattr(message, kind, None)), None)
    if media is None and _is_service(message):
        return None
    return Incoming(replace(inbound, kind=Kind.MEDIA, media_type=media or "other"))


def _is_service(message: Message) -> bool:
    return any(getattr(message, kind, None) for kind in SERVICE_KINDS)


def callback_data(step: str | None, option_id: str, index: int) -> str:
    """What a button carries back; Telegram allows 64 bytes."""
    return buttons.encode(step, option_id, index, limit=64)


def _pressed(chat_id: str, message_id: str, data: str, hint: str | None) -> Inbound:
    return Inbound(CHANNEL, chat_id, message_id, locale_hint=hint, **buttons.decode(data))
