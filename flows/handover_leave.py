"""Leaving a conversation with a volunteer, on either side: asked when a command (menu, language,
my data…) would take someone out of it. "Stay" goes back to the conversation; "end" ends it — the
person's request; for a volunteer, every conversation they answered, while the requests they took
but never answered go back to the queue — each side told once, and then does what they asked.
"""

from __future__ import annotations

from bot.engine.flow import RETURN, Answer, Leave, Next, Perform
from bot.i18n.msg import Msg, Option, _
from flows import volunteer_desk
from flows.handover import end_by_person, flow
from flows.services import Turn

LEAVE = Option("leave", _("handover.leave.end"))
STEP_AWAY = Option("leave", _("handover.vol.leave.go"))  # the same choice, a volunteer's words
STAY_HERE = Option("stay", _("handover.leave.stay"))


def leave_options(t: Turn) -> list[Option]:
    return [STEP_AWAY if volunteer_desk.in_mode(t) else LEAVE, STAY_HERE]


async def leave_prompt(t: Turn) -> Msg:
    if volunteer_desk.in_mode(t):  # every conversation they hold ends: name them all
        held = await t.services.handovers.held(t.user.id)
        numbers = [t.text(_("handover.vol.number", id=row.id)) for row in held] or ["?"]
        return _("handover.vol.leave.prompt", ids=", ".join(numbers))
    handover = await t.services.handovers.current(t.user.id)
    if handover is not None and handover.status == "waiting":  # nobody has taken it yet
        return _("handover.leave.prompt_waiting", id=handover.id)
    return _("handover.leave.prompt", id=handover.id if handover else "?")


@flow.question("leave", prompt=leave_prompt, options=leave_options, temporary=True, resumable=False)
async def leave(t: Turn, answer: Answer) -> Next:
    """Asked when a command would take someone out of a conversation with a volunteer."""
    wanted = t.state.nav.pop("leaving", None)
    if answer.choice != LEAVE.id:
        return RETURN  # back in the conversation, its prompt as a reminder
    if volunteer_desk.in_mode(t):
        await volunteer_desk.step_away(t)
    else:
        handover = await t.services.handovers.current(t.user.id)
        if handover is not None:
            await end_by_person(t, handover)
    return Leave(Perform(wanted)) if wanted else Leave()
