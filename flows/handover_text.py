"""What volunteers read of a person's words, exactly: the words as written, then either the machine
translation marked as machine text, or "not translated: no model for <language>" — never a text
shown as translated when it is not. Language names are in the reader's language (CLDR, through
Babel), and every message names the request it belongs to (#12). A message may come with a
`context`, a catalog message said in the reader's language before the words (the CV saying which
answer the person asks help to write in French).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from bot.engine.flow import Preparation
from bot.i18n import display
from bot.i18n.msg import Msg, _, from_stored
from bot.messages import Recipient
from bot.translate.service import Translation
from flows import speech
from flows.services import Turn


async def to_french(p: Preparation) -> None:
    """Prepare: translate the person's message before the turn (see the translate flow)."""
    if p.inbound.text and p.language != "fr":
        await p.services.translate(p.inbound.text, p.language, "fr")


def kept(made: Translation, original: str) -> str:
    """What is stored as the translation: nothing but the original when there is none."""
    return original if made.missing else made.text


def words(
    t: Turn, text: str, made: Translation, reader: str | None, *, source: str | None = None
) -> Msg:
    """The person's words for a volunteer reading in `reader`: original, then the translation."""
    reader = reader or "fr"
    source = source or t.lang
    if source == reader:
        return _("handover.vol.words.same", text=text)
    if made.missing:
        name = display.language_name(source, reader)
        return _("handover.vol.words.untranslated", text=text, language=name)
    if made.machine:
        return _("handover.vol.words.machine", text=text, translated=made.text)
    return _("handover.vol.words.human", text=text, translated=made.text)


def message(
    t: Turn,
    handover: Row[Any],
    text: str,
    made: Translation,
    reader: str | None,
    context: Msg | None = None,
) -> Msg:
    """A message of a conversation a volunteer holds."""
    said = _said(t, text, made, reader, context)  # (not inside `_(…)`: Babel would lose the id)
    language = display.language_name(t.lang, reader or "fr")
    return _("handover.vol.message", id=handover.id, language=language, words=said)


def request(
    t: Turn,
    handover: Row[Any],
    text: str,
    made: Translation,
    reader: str | None,
    context: Msg | None = None,
) -> Msg:
    """A new request (or an urgent one) for the volunteers on duty."""
    language = display.language_name(t.lang, reader or "fr")
    said = _said(t, text, made, reader, context)
    if handover.urgent:
        return _("handover.vol.urgent", id=handover.id, language=language, words=said)
    return _("handover.vol.request", id=handover.id, language=language, words=said)


async def announce(
    t: Turn,
    handover: Row[Any],
    text: str,
    *,
    skip: int | None = None,
    context: Msg | None = None,
) -> int:
    """Tell the volunteers on duty of a request (each in their language), and log it; how many
    were told."""
    desk = t.services.handovers
    told = 0
    for volunteer in await desk.on_duty(but=t.user.id):
        if volunteer.user_id == skip:
            continue
        told += 1
        made = await t.translate(text, t.lang, volunteer.language or "fr")
        speech.mark_transcript(t, volunteer, handover.id)
        t.tell(volunteer, request(t, handover, text, made, volunteer.language, context))
        await desk.log(volunteer.user_id, handover.id, "notified", t.now)
    return told


async def backlog(t: Turn, handover: Row[Any], reader: Recipient) -> list[str]:
    """Everything the person wrote in a request, for the volunteer who just took it."""
    desk = t.services.handovers
    lines = []
    for said in await desk.messages(handover.id, author="person"):
        if said.context:  # what the bot sent it for (a CV answer, a search that found nothing)
            lines.append(in_reader(t, from_stored(said.context), reader.language))
        if not said.text:
            continue
        made = await t.services.translate(
            said.text, said.language, reader.language or "fr", handover.user_id
        )
        shown = words(t, said.text, made, reader.language, source=said.language)
        lines.append(t.catalogs.text(reader.language or "fr", shown.id, shown.values))
    return lines


def _said(t: Turn, text: str, made: Translation, reader: str | None, context: Msg | None) -> str:
    """The words for `reader`, after the context if there is one (both in their language)."""
    if context is not None and not text:  # the bot's words for the person, nothing of theirs
        return in_reader(t, context, reader)
    said = t.catalogs.text(reader or "fr", *_as_args(words(t, text, made, reader)))
    return f"{in_reader(t, context, reader)}\n{said}" if context is not None else said


def in_reader(t: Turn, msg: Msg, reader: str | None) -> str:
    """`msg` in the reader's language, its values that are messages too."""
    return t.catalogs.message(reader or "fr", msg)


def _as_args(msg: Msg) -> tuple[str, Any]:
    return msg.id, msg.values
