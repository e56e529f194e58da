"""Moves to steps that do not exist fail when the Script is built, not at run time."""

from __future__ import annotations

import pytest

from bot.engine.flow import Answer, Flow, Goto, Next, Script
from bot.engine.targets import UnknownStep
from flows.services import Turn

typo = Flow("typo")


@typo.question("start", prompt="?", accepts=("text",))
async def start(t: Turn, answer: Answer) -> Next:
    return Goto("typo.strat") if answer.text else Goto(f"typo.{answer.text}x")


def test_a_move_to_an_undeclared_step_fails_when_the_script_is_built() -> None:
    with pytest.raises(UnknownStep) as raised:
        Script((typo,), (), "typo.start", "typo.start", "typo.start")
    assert "no step 'typo.strat'" in str(raised.value)
    assert "no step matches 'typo\\\\..+x'" in str(raised.value)
