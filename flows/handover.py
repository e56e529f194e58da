"""Talking to a volunteer: the person's side. The conversation is a mode, not a step.

```mermaid
flowchart LR
    ask([menu, "human", or emergency words — even a first message]) -->|Enter talk| talk
    talk -->|any message, even a number| talk
    talk -->|END| back([where they were])
    talk -->|menu, language, my data…| leave{{end the conversation, or stay?}}
    leave -->|stay| talk
    leave -->|end| cmd([then what they asked])
```

From the moment a request is open until someone ends it (the person, the volunteer, or the
time-out), every message the person writes goes to the request, whatever step they were on; words
that would take them elsewhere first ask "end the conversation, or stay?" (`handover.leave`), while
STOP, START, help and emergency words keep their meaning. A typed number is a message for the
volunteer ("2 children"), never a pick: the talk step is picked by words or buttons only. The person
is told when a volunteer takes the request (its number, never a name) and when it ends, once.

The volunteers' side (`/take`, `/end`, `/queue`, `/duty`) is in flows/volunteer_desk.py; what
volunteers read of each message is built in flows/handover_text.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row

from bot.directory import hours
from bot.engine.flow import (
    STAY,
    WAIT,
    Answer,
    Enter,
    Flow,
    Leave,
    Mode,
    Next,
)
from bot.handover.desk import Handovers
from bot.i18n import display
from bot.i18n.msg import Msg, Option, _
from bot.i18n.normalize import for_matching
from bot.messages import Kind
from flows import handover_text, onboarding, speech
from flows.services import Turn

flow = Flow("handover")

ORIGINAL = Option("original", _("handover.original"), _("handover.words.original"))
END = Option("end", _("handover.end"), _("handover.words.end"))
REMIND_EVERY = 5  # person's messages between two reminders of how to end
AWHILE = dt.timedelta(hours=1)  # back after this long, the person is reminded where they are


def desk(t: Turn) -> Handovers:
    return t.services.handovers


async def talking(t: Turn) -> bool:
    """The person's request is still open (the `talk` mode holds)."""
    return await desk(t).current(t.user.id) is not None


# --- opening ------------------------------------------------------------------------------------
async def entry(t: Turn) -> Next:
    """From the menu or the "human" command: open (or find) the request, say what happens."""
    if t.user.id is None:
        return STAY
    found = await desk(t).current(t.user.id)
    if found is not None and found.status == "taken":
        t.say(_("handover.already_taken", id=found.id))
        return WAIT if in_mode(t) else Enter("talk")
    if found is not None and in_mode(t):
        t.say(_("handover.already_waiting", id=found.id))
        return WAIT
    if found is None:
        await desk(t).open(t.user.id, t.now)
    t.say(_("handover.emergency_hint"))
    return Enter("talk")


def in_mode(t: Turn) -> bool:
    return (t.state.nav.get("mode") or {}).get("name") == "talk"


# --- talking ------------------------------------------------------------------------------------
async def talk_prompt(t: Turn) -> str:
    handover = await desk(t).current(t.user.id)
    number = handover.id if handover is not None else "?"
    if handover is not None and handover.status == "taken":
        return t.text(_("handover.talk.with_volunteer", id=number))
    return t.text(await availability(t)) + "\n" + t.text(_("handover.talk.waiting", id=number))


async def availability(t: Turn) -> Msg:
    """Whether volunteers are there now — someone is on duty — or when they will be
    (VOLUNTEER_HOURS): the truth of this moment, whatever the usual hours say."""
    if await desk(t).on_duty(but=t.user.id):
        return _("handover.opened.now")
    when = hours.today(t.services.settings.volunteer_hours, "75000", t.now)
    if when is not None and not when.open_now and when.opens_at is not None:
        day, time = display.date(when.opens_at, t.lang), display.time(when.opens_at, t.lang)
        return _("handover.opened.later", day=day, time=time)
    return _("handover.opened.unknown")


@flow.question(
    "talk",
    prompt=talk_prompt,
    options=(ORIGINAL, END),
    accepts=("text",),
    numbers=False,
    data=True,
    resumable=False,
    prepare=handover_text.to_french,
)
async def talk(t: Turn, answer: Answer) -> Next:
    handover = await desk(t).current(t.user.id)
    if handover is None:  # ended a moment ago: they were told
        return Leave()
    if answer.choice == END.id:
        await end_by_person(t, handover)
        pressed = t.inbound.kind is Kind.CHOICE  # a button, labelled in the language we spoke
        if t.user.language is None and (pressed or _in_own_words(t, t.inbound.text or "", END)):
            # Words of danger came before anything else, and they ended in the language we
            # spoke all along: it is theirs; go on with what onboarding still needs.
            t.set_language(t.lang)
            return Leave(onboarding.resume_point(t))
        return Leave()
    if answer.choice == ORIGINAL.id:
        said = await desk(t).messages(handover.id, author="volunteer")
        t.say(_("handover.original.text", text=said[-1].text) if said else _("handover.nothing"))
        return WAIT
    count = await from_person(t, handover, answer.text, cut=answer.truncated)
    if answer.truncated:  # nothing is lost without a word: they can send the rest
        t.say(_("handover.cut", max=t.services.settings.max_input_chars))
    if handover.status == "waiting":
        t.say(_("handover.passed_on") if count == 1 else _("handover.kept"))
        return WAIT
    if count % REMIND_EVERY == 0 or _back_after_a_while(t):
        t.say(_("handover.reminder", id=handover.id))
    return WAIT


def _back_after_a_while(t: Turn) -> bool:
    last = t.user.last_inbound_at  # their message before this one
    return last is not None and t.now - last >= AWHILE


def _in_own_words(t: Turn, text: str, option: Option) -> bool:
    """`text` is one of `option`'s words in the conversation's language itself (not a word
    every language accepts, such as "end")."""
    said = for_matching(text)
    own = t.catalogs.own_words(t.lang, option.words.id) if option.words else []
    return said in {for_matching(word) for word in own}


async def from_person(
    t: Turn, handover: Row[Any], text: str, cut: bool = False, context: Msg | None = None
) -> int:
    """Keep the person's message and pass it on, translated for whoever reads it; the number of
    messages in the request so far. `cut`: it was longer than MAX_INPUT_CHARS (volunteers are
    told). `context`, told before the words in the reader's language, says what the message is
    about when the bot sends it for the person (a CV answer)."""
    volunteer = await desk(t).recipient(handover.volunteer_id) if handover.volunteer_id else None
    target = (volunteer.language if volunteer else None) or "fr"
    made = await t.translate(text, t.lang, target)
    kept = handover_text.kept(made, text)
    count = await desk(t).add(handover.id, "person", text, t.lang, kept, target, t.now, context)
    if volunteer is not None:
        speech.mark_transcript(t, volunteer, handover.id)
        t.tell(
            volunteer, handover_text.message(t, handover, text, made, volunteer.language, context)
        )
        if cut:
            t.tell(volunteer, _("handover.vol.cut"))
        await desk(t).log(volunteer.user_id, handover.id, "read", t.now)
    elif count == 1:  # the first words of a request: the volunteers on duty hear of it
        await handover_text.announce(t, handover, text, context=context)
        if cut:
            for on_duty in await desk(t).on_duty(but=t.user.id):
                t.tell(on_duty, _("handover.vol.cut"))
    return count


async def end_by_person(t: Turn, handover: Row[Any]) -> None:
    """The person ends it; whoever ends a conversation is the one who tells both sides."""
    if not await desk(t).end(handover.id, t.now):
        return  # the volunteer or the time-out ended it at the same moment, and told them
    if handover.volunteer_id is not None:
        t.tell(
            await desk(t).recipient(handover.volunteer_id),
            _("handover.vol.person_ended", id=handover.id),
        )
    else:  # the volunteers on duty were told of it: it is no longer theirs to take
        for on_duty in await desk(t).on_duty(but=t.user.id):
            t.tell(on_duty, _("handover.vol.closed_waiting", id=handover.id))
    t.say(_("handover.ended"))


TALK = Mode(
    home="handover.talk",
    leave="handover.leave",
    active=talking,
    keeps=frozenset({"stop", "start", "help", "human"}),
    gone=_("handover.gone"),
)
