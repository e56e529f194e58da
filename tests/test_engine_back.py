""" "back" returns to the last question the person saw and answered, showing their answer;
confirmations and "which one?" questions (temporary steps) are never where it lands."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.engine.flow import Answer, Flow, Goto, Next, Script
from bot.i18n.msg import Option
from flows.commands import COMMANDS
from flows.services import Turn
from tests.support import Person, running

flow = Flow("t")
YES = Option("yes", "yes")  # type: ignore[arg-type]


@flow.question("name", prompt="name?", accepts=("text",), current=lambda t: t.data("t").get("name"))
async def name(t: Turn, answer: Answer) -> Next:
    t.data("t")["name"] = answer.text
    return Goto("t.confirm")


@flow.question("confirm", prompt="sure?", accepts=("text",), temporary=True)
async def confirm(t: Turn, answer: Answer) -> Next:
    return Goto("t.city")


@flow.question("city", prompt="city?", accepts=("text",))
async def city(t: Turn, answer: Answer) -> Next:
    return Goto("t.city")


BACK_COMMAND = tuple(c for c in COMMANDS if c.name == "back")
SCRIPT = Script((flow,), BACK_COMMAND, "t.name", "t.name", "t.name")


async def test_back_skips_a_confirmation_and_shows_the_answer_given(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock, SCRIPT) as app:
        person = Person(app, "rania")
        await person.send("hello")  # first contact: asked the name
        assert await person.send("Rania") == ["sure?"]
        assert await person.send("ok") == ["city?"]
        back = await person.send("back")
        assert (await person.row())["step"] == "t.name"
        assert back == ["Your answer was: Rania\n\nname?"]
