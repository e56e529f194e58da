"""The two engine mechanisms voice notes need, on a small script of their own: a guard may lead
the conversation to a step (not only answer), and `AnswerCaller` returns to the calling question
and answers it with a text exactly as if the person had typed it there."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.engine.flow import (
    RETURN,
    STAY,
    Answer,
    AnswerCaller,
    Call,
    Command,
    Flow,
    Goto,
    Next,
    Question,
    Script,
)
from bot.i18n.msg import Option, _
from flows.services import Turn
from tests.support import Person, running

flow = Flow("t")
PICK = Option("pick", _("speech.heard.yes"), _("answer.words.yes"))
OTHER = Option("other", _("speech.heard.again"))


@flow.question("ask", prompt="ask?", options=(PICK, OTHER), accepts=("text",))
async def ask(t: Turn, answer: Answer) -> Next:
    if answer.text == "loop":  # a flow mistake: answering its caller for ever
        return AnswerCaller("loop")
    t.say(f"got {answer.choice or answer.text!r}, transcribed={t.inbound.transcribed}")
    return STAY


@flow.question("confirm", prompt="confirm?", options=(PICK, OTHER))
async def confirm(t: Turn, answer: Answer) -> Next:
    pending = str(t.state.nav.pop("pending", ""))
    return AnswerCaller(pending, transcribed=True) if answer.choice == PICK.id else RETURN


async def guard(t: Turn, question: Question | None) -> bool | Next:
    text = t.inbound.text
    if text.startswith("?"):  # leads to a step, from the question the person is on
        t.state.nav["pending"] = text[1:]
        return Call("t.confirm")
    if text == "!":
        t.say("guarded")
        return True
    return False


async def to_ask(t: Turn) -> Next:
    t.say("the command")
    return Goto("t.ask")


MENU = Command("menu", _("command.words.menu"), to_ask, _("command.describe.menu"))
SCRIPT = Script((flow,), (MENU,), "t.ask", "t.ask", "t.ask", guards=(guard,))


async def test_a_guard_can_call_a_step_and_its_answer_answers_the_caller(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock, script=SCRIPT) as app:
        person = Person(app, "p")
        assert await person.send("hi") == ["ask?\n1. Yes, that's right\n2. Say it again"]
        assert await person.send("!") == ["guarded"]
        assert (await person.send("?a free answer"))[0].startswith("confirm?")
        row = await person.row()
        assert row["step"] == "t.confirm" and row["nav"]["stack"] == ["t.ask"]
        # "1" picks "yes" at the confirm step; the caller then gets the text as typed.
        (got,) = await person.send("1")
        assert got.startswith("got 'a free answer', transcribed=True\n\nask?")
        assert (await person.row())["nav"]["stack"] == []
        # The text is interpreted as typed at the caller: a number, an option's words…
        await person.send("?2")
        assert (await person.send("1"))[0].startswith("got 'other', transcribed=True")
        await person.send("?yes")
        assert (await person.send("1"))[0].startswith("got 'pick', transcribed=True")
        # …a global command in the person's words…
        await person.send("?menu")
        assert (await person.send("1"))[0].startswith("the command\n\nask?")
        # …and the guards again (they see the text as the person's).
        await person.send("?!")
        assert await person.send("1") == ["guarded"]
        # "no" at the confirm step goes back to the question, unanswered.
        await person.send("?never")
        assert (await person.send("2"))[0].startswith("ask?")
        assert (await person.row())["step"] == "t.ask"


async def test_answering_the_caller_for_ever_is_stopped(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock, script=SCRIPT) as app:
        person = Person(app, "p")
        await person.send("hi")
        (apology,) = await person.send("loop")
        assert apology.startswith("Sorry, something went wrong on my side.")
        assert (await person.row())["step"] == "t.ask"
        still = (await person.send("still here"))[0]
        assert still.startswith("got 'still here', transcribed=False")
