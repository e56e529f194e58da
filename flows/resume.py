"""Coming back: after a long silence, continue where you left off or start again; after a pause,
a bare greeting ("سلام", "bonjour") at a question whose answer would be kept is a hello, not the
answer: welcome back, and the question again."""

from __future__ import annotations

import datetime as dt

from bot.engine.flow import RETURN, STAY, Answer, Flow, Goto, Next, Question
from bot.i18n.msg import Option, _
from bot.i18n.normalize import for_matching
from bot.messages import Kind
from flows.services import Turn

flow = Flow("resume")

CONTINUE = Option("continue", _("resume.continue"))
RESTART = Option("restart", _("resume.restart"))
GREETINGS = _("resume.words.greeting")
AWAY = dt.timedelta(hours=1)  # a name typed right after "what is your name?" may be "Salam"


@flow.question("ask", prompt=_("resume.prompt"), options=(CONTINUE, RESTART), resumable=False)
async def resume(t: Turn, answer: Answer) -> Next:
    if answer.choice == CONTINUE.id:
        return RETURN
    left = t.state.stack[-1] if t.state.stack else ""
    t.state.data.pop(left.split(".", 1)[0], None)  # the unfinished answers of that flow
    return Goto("menu.main")


async def greeting(t: Turn, question: Question | None) -> bool | Next:
    """A hello after a pause, at a question that would keep any text as the answer."""
    if question is None or not question.data or t.state.nav.get("mode"):
        return False  # a greeting to a volunteer is for the volunteer
    if t.inbound.kind is not Kind.TEXT or not is_greeting(t, t.inbound.text or ""):
        return False
    last = t.user.last_inbound_at  # the message before this one
    if last is None or t.now - last < AWAY:
        return False
    if t.state.expires_at is not None and t.now >= t.state.expires_at:
        return False  # gone for days: "continue or start again?" (resume.ask) comes first
    t.say(_("resume.welcome_back"))
    return STAY


def is_greeting(t: Turn, text: str) -> bool:
    """Only words of greeting, in any of our languages (people greet in more than one)."""
    said = for_matching(text).split()
    if not said or len(said) > 3:
        return False
    known = {
        for_matching(word)
        for code in t.catalogs.codes
        for phrase in t.catalogs.own_words(code, GREETINGS.id)
        for word in phrase.split()
    }
    return all(word in known for word in said)
