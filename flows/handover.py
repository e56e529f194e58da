"""Talking to a volunteer, in two languages at once.

```mermaid
flowchart LR
    ask([menu, or "human"]) --> talk
    talk -->|a message| talk
    talk -->|find help| help([help near me])
    talk -->|end| menu([menu])
    take([volunteer: /take N]) --> desk
    desk -->|a message| desk
    desk -->|end| vmenu([menu])
```

The person writes in their language; each message is kept with its French machine translation
and reaches the volunteer who took the conversation (or, while nobody has, the volunteers on duty
are told of the first one). The volunteer writes in French or their own language; the person gets
it in theirs, marked as machine-translated, with the original on request. Where no translation
model exists, the original is passed on and said so. Either side ends it. Volunteers see a number
(#12) and a language, never a name, number or account; every time they are shown a conversation
or act on it, the access log says so. "Delete my data" erases the conversation with the person.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from bot.directory import hours
from bot.engine.flow import STAY, Answer, Flow, Goto, Next
from bot.engine.turn import Turn
from bot.i18n import display
from bot.i18n.msg import Msg, Option, _
from bot.translate.service import Translation
from flows import help as help_flow
from flows import speech

flow = Flow("handover")

ORIGINAL = Option("original", _("handover.original"))
FIND_HELP = Option("help", _("handover.find_help"))
END = Option("end", _("handover.end"))


def desk(t: Turn) -> Any:
    return t.services.handovers


def who(t: Turn) -> str:
    """How the person's language is named to volunteers: in that language (دری, Українська)."""
    return t.catalogs.text(t.lang, "language.autonym")


# --- the person ---------------------------------------------------------------------------------
async def entry(t: Turn) -> Next:
    """From the menu or the "human" command: open (or find) the request, say what happens."""
    if t.user.id is None:
        return Goto("menu.main")
    await desk(t).open(t.user.id, t.now)
    settings = t.services.settings
    when = hours.today(settings.volunteer_hours, "75000", t.now)
    if when is not None and when.open_now:
        t.say(_("handover.opened.now"))
    elif when is not None and when.opens_at is not None:
        t.say(
            _(
                "handover.opened.later",
                day=display.date(when.opens_at, t.lang),
                time=display.time(when.opens_at, t.lang),
            )
        )
    else:
        t.say(_("handover.opened.unknown"))
    t.say(_("handover.emergency_hint"))
    return Goto("handover.talk")


async def person_texts(p: Any) -> None:
    """Prepare: translate the person's message to French before the turn (see translate flow)."""
    if p.inbound.text and p.language != "fr":
        await p.services.translate(p.inbound.text, p.language, "fr")


@flow.question(
    "talk",
    prompt=_("handover.talk.prompt"),
    options=(ORIGINAL, FIND_HELP, END),
    accepts=("text",),
    prepare=person_texts,
)
async def talk(t: Turn, answer: Answer) -> Next:
    handover = await desk(t).current(t.user.id)
    if handover is None:
        t.say(_("handover.closed"))
        return Goto("menu.main")
    if answer.choice == END.id:
        await desk(t).end(handover.id, t.now)
        if handover.volunteer_id is not None:
            t.tell(
                await desk(t).recipient(handover.volunteer_id),
                _("handover.vol.person_ended", id=handover.id),
            )
        t.say(_("handover.ended"))
        return Goto("menu.main")
    if answer.choice == FIND_HELP.id:
        return help_flow.entry(t)
    if answer.choice == ORIGINAL.id:
        said = await desk(t).messages(handover.id, author="volunteer")
        t.say(_("handover.original.text", text=said[-1].text) if said else _("handover.nothing"))
        return STAY
    await from_person(t, handover, answer.text)
    return STAY


async def from_person(t: Turn, handover: Row[Any], text: str) -> None:
    """Keep the person's message and pass it on, translated for whoever reads it."""
    volunteer = await desk(t).recipient(handover.volunteer_id) if handover.volunteer_id else None
    target = (volunteer.language if volunteer else None) or "fr"
    made = await t.translate(text, t.lang, target)
    count = await desk(t).add(handover.id, "person", text, t.lang, shown(made, text), target, t.now)
    if volunteer is not None:
        speech.mark_transcript(t, volunteer, handover.id)
        t.tell(volunteer, message_for_volunteer(t, handover, text, made))
        await desk(t).log(volunteer.user_id, handover.id, "read", t.now)
        return
    if count == 1:  # the first words of a request: the volunteers on duty hear of it
        for on_duty in await desk(t).on_duty(but=t.user.id):
            speech.mark_transcript(t, on_duty, handover.id)
            t.tell(on_duty, request_for_volunteer(t, handover, text, made))
            await desk(t).log(on_duty.user_id, handover.id, "notified", t.now)
        t.say(_("handover.passed_on"))
    else:
        t.say(_("handover.kept"))


def shown(made: Translation, original: str) -> str:
    return original if made.missing else made.text


def message_for_volunteer(t: Turn, handover: Row[Any], text: str, made: Translation) -> Msg:
    if made.missing or made.source == made.target:
        return _("handover.vol.message_untranslated", id=handover.id, language=who(t), text=text)
    return _("handover.vol.message", id=handover.id, language=who(t), text=made.text, original=text)


def request_for_volunteer(t: Turn, handover: Row[Any], text: str, made: Translation) -> Msg:
    words = shown(made, text)
    if handover.urgent:
        return _("handover.vol.urgent", id=handover.id, language=who(t), text=words, original=text)
    return _("handover.vol.request", id=handover.id, language=who(t), text=words, original=text)


# --- the volunteers -----------------------------------------------------------------------------
THEIR_WORDS = Option("original", _("handover.vol.original"))
CLOSE = Option("end", _("handover.vol.end"))


async def duty(t: Turn) -> Next:
    """`/duty`: be told of requests, or stop being told."""
    if t.user.id is None:
        return STAY
    on = not await desk(t).is_on_duty(t.user.id)
    await desk(t).set_duty(t.user.id, on, t.now)
    t.say(_("handover.duty.on") if on else _("handover.duty.off"))
    return await queue(t) if on else STAY


async def queue(t: Turn) -> Next:
    """`/queue`: the requests nobody took yet (numbers and languages only)."""
    waiting = await desk(t).waiting()
    if not waiting:
        t.say(_("handover.queue.empty"))
        return STAY
    lines = [t.text(_("handover.queue.header"))]
    for row in waiting[:20]:
        minutes = int((t.now - row.created_at).total_seconds() // 60)
        line = _(
            "handover.queue.line",
            id=row.id,
            language=t.catalogs.text(row.language or "fr", "language.autonym"),
            minutes=minutes,
        )
        lines.append(("🚨 " if row.urgent else "") + t.text(line))
    lines.append(t.text(_("handover.queue.how")))
    t.say("\n".join(lines))
    return STAY


async def take(t: Turn) -> Next:
    """`/take 12`: answer request #12 (exactly one volunteer gets it)."""
    number = "".join(ch for ch in (t.inbound.text or "") if ch.isdigit())
    if not number or t.user.id is None:
        return await queue(t)
    wanted = int(number)
    held = await desk(t).held_by(t.user.id)
    if held is not None:
        t.say(_("handover.take.busy", id=held.id))
        return Goto("handover.desk")
    if not await desk(t).take(wanted, t.user.id, t.now):
        found = await desk(t).get(wanted)
        taken = found is not None and found.status == "taken"
        t.say(_("handover.take.lost", id=wanted) if taken else _("handover.take.none", id=wanted))
        return STAY
    handover = await desk(t).get(wanted)
    assert handover is not None
    await desk(t).log(t.user.id, wanted, "took", t.now)
    t.tell(await desk(t).person(handover), _("handover.volunteer_here"))
    for other in await desk(t).on_duty(but=t.user.id):
        t.tell(other, _("handover.vol.taken", id=wanted))
    t.say(_("handover.take.won", id=wanted))
    for said in await desk(t).messages(wanted, author="person"):
        text = said.translated
        if said.translated_language != t.lang:
            made = await t.services.translate(said.text, said.language, t.lang, handover.user_id)
            text = shown(made, said.text)
        t.say(_("handover.vol.backlog", text=text, original=said.text))
    speech.give_notes(t, handover.user_id, wanted)  # voice notes the model could not hear
    return Goto("handover.desk")


async def desk_prompt(t: Turn) -> Msg:
    handover = await desk(t).held_by(t.user.id)
    return _("handover.vol.prompt", id=handover.id if handover else "?")


@flow.question("desk", prompt=desk_prompt, options=(THEIR_WORDS, CLOSE), accepts=("text",))
async def desk_step(t: Turn, answer: Answer) -> Next:
    handover = await desk(t).held_by(t.user.id)
    if handover is None:
        t.say(_("handover.vol.closed"))
        return Goto("menu.main")
    person = await desk(t).person(handover)
    if answer.choice == CLOSE.id:
        await desk(t).end(handover.id, t.now)
        await desk(t).log(t.user.id, handover.id, "ended", t.now)
        t.tell(person, _("handover.volunteer_ended"))
        t.say(_("handover.vol.ended", id=handover.id))
        return Goto("menu.main")
    if answer.choice == THEIR_WORDS.id:
        said = await desk(t).messages(handover.id, author="person")
        await desk(t).log(t.user.id, handover.id, "read", t.now)
        t.say(_("handover.original.text", text=said[-1].text) if said else _("handover.nothing"))
        return STAY
    target = person.language or "fr"
    made = await t.services.translate(answer.text, t.lang, target, handover.user_id)
    await desk(t).add(
        handover.id, "volunteer", answer.text, t.lang, shown(made, answer.text), target, t.now
    )
    await desk(t).log(t.user.id, handover.id, "wrote", t.now)
    if made.missing:
        t.tell(person, _("handover.from_volunteer.untranslated", text=answer.text))
    elif made.machine:
        t.tell(person, _("handover.from_volunteer.machine", text=made.text))
    else:
        t.tell(person, _("handover.from_volunteer", text=made.text))
    return STAY
