"""Coming back after a long silence: continue where you left off, or start again."""

from __future__ import annotations

from bot.engine.flow import RETURN, Answer, Flow, Goto, Next
from bot.i18n.msg import Option, _
from flows.services import Turn

flow = Flow("resume")

CONTINUE = Option("continue", _("resume.continue"))
RESTART = Option("restart", _("resume.restart"))


@flow.question("ask", prompt=_("resume.prompt"), options=(CONTINUE, RESTART), resumable=False)
async def resume(t: Turn, answer: Answer) -> Next:
    if answer.choice == CONTINUE.id:
        return RETURN
    left = t.state.stack[-1] if t.state.stack else ""
    t.state.data.pop(left.split(".", 1)[0], None)  # the unfinished answers of that flow
    return Goto("menu.main")
