"""Talking to people: the volunteers' side. Holding a request is a mode, as it is for the person.

```mermaid
flowchart LR
    take([/take 12]) -->|Enter desk| desk
    desk -->|any message| desk
    desk -->|/take 15: another, or one they hold| desk
    desk -->|/end: the last one| back([where they were])
    desk -->|menu…| leave{{leave them, or stay?}}
```

`/duty` tells a volunteer of new requests; `/queue` lists the waiting ones (urgent first, with
their age and language, never a name or number); `/take 12` takes one — of two volunteers racing,
exactly one wins — and shows what the person wrote. While a volunteer holds requests, everything
they write goes to the one they took or switched to last (`/take N` switches), translated into the
person's language; every message they receive names its request. `/end` ends that one. Leaving
the desk for something else ends the conversations they answered and puts back in the queue the
requests they took but never answered. A volunteer who has not finished their own onboarding can
still answer: the mode comes before any step.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from bot.engine.flow import STAY, WAIT, Answer, Enter, Leave, Mode, Next
from bot.handover.desk import Handovers
from bot.i18n import display
from bot.i18n.msg import Msg, Option, _
from flows import handover_text, speech
from flows.handover import flow
from flows.services import Turn

CLOSE = Option("end", _("handover.vol.end"), _("handover.vol.words.end"))


def desk(t: Turn) -> Handovers:
    return t.services.handovers


def active_id(t: Turn) -> int | None:
    value = t.state.nav.get("desk")
    return int(value) if value is not None else None


async def holding(t: Turn) -> bool:
    """The volunteer still holds at least one request (the `desk` mode holds)."""
    return bool(await desk(t).held(t.user.id))


def in_mode(t: Turn) -> bool:
    return (t.state.nav.get("mode") or {}).get("name") == "desk"


# --- commands -----------------------------------------------------------------------------------
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
    lines = [t.text(_("handover.queue.header"))] if waiting else []
    for row in waiting[:20]:
        minutes = int((t.now - row.created_at).total_seconds() // 60)
        language = display.language_name(row.language or "fr", t.lang)
        line = _("handover.queue.line", id=row.id, language=language, minutes=minutes)
        lines.append(("🚨 " if row.urgent else "") + t.text(line))
    if waiting:
        lines.append(t.text(_("handover.queue.how")))
    else:
        lines.append(t.text(_("handover.queue.empty")))
    held = await desk(t).held(t.user.id)
    if held:
        lines.append(t.text(holding_line(t, held)))
    t.say("\n".join(lines))
    return STAY


async def take(t: Turn) -> Next:
    """`/take 12`: answer request #12 (exactly one volunteer gets it), or switch to it."""
    number = "".join(ch for ch in (t.inbound.text or "") if ch.isdigit())
    if not number or t.user.id is None:
        return await queue(t)
    wanted = int(number)
    if any(row.id == wanted for row in await desk(t).held(t.user.id)):
        t.state.nav["desk"] = wanted
        t.say(_("handover.vol.switched", id=wanted))
        return STAY if in_mode(t) else Enter("desk")
    if not await desk(t).take(wanted, t.user.id, t.now):
        found = await desk(t).get(wanted)
        status = found.status if found is not None else None
        if status == "taken":
            t.say(_("handover.take.lost", id=wanted))
        elif status == "ended":
            t.say(_("handover.take.ended", id=wanted))
        else:
            t.say(_("handover.take.none", id=wanted))
        return STAY
    handover = await desk(t).get(wanted)
    assert handover is not None
    await desk(t).log(t.user.id, wanted, "took", t.now)
    t.tell(await desk(t).person(handover), _("handover.volunteer_here", id=wanted))
    for other in await desk(t).on_duty(but=t.user.id):
        t.tell(other, _("handover.vol.taken", id=wanted))
    me = await desk(t).recipient(t.user.id)
    t.say(_("handover.take.won", id=wanted))
    for line in await handover_text.backlog(t, handover, me):
        t.say(line, about=handover.user_id)  # erased with the person, wherever it went
    speech.give_notes(t, handover.user_id, wanted)  # voice notes the model could not hear
    t.state.nav["desk"] = wanted
    return STAY if in_mode(t) else Enter("desk")


async def end(t: Turn) -> Next:
    """`/end`: end the conversation the volunteer is writing to."""
    held = await desk(t).held(t.user.id)
    current = next((row for row in held if row.id == active_id(t)), held[0] if held else None)
    if current is None:
        t.say(_("handover.vol.none_held"))
        return STAY
    await end_one(t, current)
    rest = [row for row in held if row.id != current.id]
    if not rest:
        t.state.nav.pop("desk", None)
        return Leave() if in_mode(t) else STAY
    t.state.nav["desk"] = rest[0].id
    t.say(_("handover.vol.switched", id=rest[0].id))
    return STAY


async def end_one(t: Turn, handover: Row[Any]) -> None:
    """End one conversation; whoever ends it tells both sides, once."""
    if not await desk(t).end(handover.id, t.now):
        return  # the person or the time-out ended it at the same moment, and told them
    await desk(t).log(t.user.id, handover.id, "ended", t.now)
    t.tell(await desk(t).person(handover), _("handover.volunteer_ended"))
    t.say(_("handover.vol.ended", id=handover.id))


async def step_away(t: Turn) -> None:
    """Leaving the desk (for the menu, an announcement…): the conversations they answered end;
    the requests they took but never answered go back to the queue, so nobody is left
    unanswered."""
    for handover in await desk(t).held(t.user.id):
        if await desk(t).messages(handover.id, author="volunteer"):
            await end_one(t, handover)
        else:
            await release(t, handover)
    t.state.nav.pop("desk", None)


async def release(t: Turn, handover: Row[Any]) -> None:
    """A request taken but not answered, back in the queue: the person and the volunteers on
    duty are told."""
    if t.user.id is None or not await desk(t).release(handover.id, t.user.id):
        return  # the person or the time-out ended it at the same moment, and told them
    await desk(t).log(t.user.id, handover.id, "released", t.now)
    t.tell(await desk(t).person(handover), _("handover.released", id=handover.id))
    t.say(_("handover.vol.released", id=handover.id))
    for other in await desk(t).on_duty(but=t.user.id):
        if other.user_id != handover.user_id:
            t.tell(other, _("handover.vol.waiting_again", id=handover.id))


# --- writing to the person ----------------------------------------------------------------------
def holding_line(t: Turn, held: list[Row[Any]]) -> Msg:
    current = active_id(t) or held[0].id
    others = ", ".join(
        t.text(_("handover.vol.number", id=row.id)) for row in held if row.id != current
    )
    if others:
        return _("handover.vol.holding.several", id=current, others=others)
    return _("handover.vol.holding.one", id=current)


async def desk_prompt(t: Turn) -> Msg | str:
    held = await desk(t).held(t.user.id)
    if not held:
        return _("handover.vol.closed")
    current = next((row for row in held if row.id == active_id(t)), held[0])
    t.state.nav["desk"] = current.id
    language = display.language_name(current.language or "fr", t.lang)
    others = t.text(holding_line(t, held)) if len(held) > 1 else ""
    prompt = _("handover.vol.prompt", id=current.id, language=language, holding=others)
    return t.text(prompt).rstrip()


@flow.question(
    "desk",
    prompt=desk_prompt,
    options=(CLOSE,),
    accepts=("text",),
    numbers=False,
    data=True,
    resumable=False,
)
async def desk_step(t: Turn, answer: Answer) -> Next:
    held = await desk(t).held(t.user.id)
    if answer.choice == CLOSE.id:
        return await end(t)
    current = next((row for row in held if row.id == active_id(t)), None)
    if current is None:  # the person (or the time-out) ended the one they were writing to
        t.say(_("handover.vol.not_sent", id=active_id(t) or "?"))
        if not held:
            t.state.nav.pop("desk", None)
            return Leave()
        t.state.nav["desk"] = held[0].id
        t.say(_("handover.vol.switched", id=held[0].id))
        return WAIT
    person = await desk(t).person(current)
    target = person.language or "fr"
    made = await t.services.translate(answer.text, t.lang, target, current.user_id)
    stored = handover_text.kept(made, answer.text)
    await desk(t).add(current.id, "volunteer", answer.text, t.lang, stored, target, t.now)
    await desk(t).log(t.user.id, current.id, "wrote", t.now)
    if made.missing:
        t.tell(person, _("handover.from_volunteer.untranslated", text=answer.text))
        name = display.language_name(target, t.lang)
        t.say(_("handover.vol.sent_untranslated", id=current.id, language=name))
    elif made.machine:
        t.tell(person, _("handover.from_volunteer.machine", text=made.text))
    else:
        t.tell(person, _("handover.from_volunteer", text=made.text))
    return WAIT


DESK = Mode(
    home="handover.desk",
    leave="handover.leave",
    active=holding,
    keeps=frozenset({"stop", "start", "help", "duty", "queue", "take", "end"}),
    gone=_("handover.vol.gone"),
)
