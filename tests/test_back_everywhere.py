""" "back" checked on every question of every flow, generated from the Script's own declarations.

For each question the Script declares, a person who can reach everything (onboarded in French, a
volunteer, a complete CV, job results on screen) is put on it, answers it (its first option, or a
word where it takes text), and — when that answer led to another question — says "back". They
must land on the question they answered, see a prompt that is not empty, and see their answer
again where the question declares one; a temporary step (a confirmation, a "which one?") must
never be in the history "back" walks (issue 15).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.engine.flow import Question
from bot.store import tables
from flows import script
from tests.support import Person, running
from tests.test_directory_flows import CV, set_cv, to_menu, with_samples

SCRIPT = script()
# Where "back" means something: not the menu itself, not the steps of a mode (talking with a
# volunteer keeps every message, "back" included, and asks first), not erasing everything.
SKIPPED = {"menu.main", "handover.talk", "handover.desk", "handover.leave", "privacy.erase"}
QUESTIONS = sorted(key for key, q in SCRIPT.steps.items() if key not in SKIPPED and not q.temporary)


async def put_on(app: App, person: Person, key: str, history: list[str]) -> None:
    """As if the person had reached `key` after `history` (its prompt is not sent again)."""
    user_id = (await person.row())["id"]
    conversations = tables.conversations
    async with app.database.write() as conn:
        nav = await conn.scalar(
            select(conversations.c.nav).where(conversations.c.user_id == user_id)
        )
        nav = {**(nav or {}), "history": history, "stack": [], "choices": []}
        nav.pop("mode", None)
        await conn.execute(
            update(conversations)
            .where(conversations.c.user_id == user_id)
            .values(step=key, nav=nav)
        )


def an_answer(question: Question, options: list[Any]) -> str:
    if options:
        return "1"
    return "Lyon" if "location" in question.accepts else "Bonjour"


@pytest.mark.parametrize("key", QUESTIONS)
async def test_back_returns_to_the_question_answered(
    key: str, sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        person = Person(app, "walker")
        await to_menu(person)
        async with app.database.write() as conn:
            users = tables.users
            await conn.execute(
                update(users).where(users.c.external_id == "walker").values(roles=["volunteer"])
            )
        await set_cv(app, person, CV)
        await person.send("2")  # job results on screen, for the steps about an offer
        await put_on(app, person, key, ["menu.main"])
        question = SCRIPT.steps[key]
        row = await person.row()
        options = list(question.options) if not callable(question.options) else ["?"]
        await person.send(an_answer(question, options))
        after = await person.row()
        history: list[str] = after["nav"].get("history", [])
        for step in history:
            assert not SCRIPT.steps[step].temporary, f"{step} is in the back history"
        if after["step"] == key or not history or history[-1] != key:
            return  # the answer stayed, returned, or entered a mode: no "back" to check
        back = await person.send("back")
        assert (await person.row())["step"] == key, (key, after["step"], back)
        assert back and back[-1].strip(), f"back to {key} showed nothing"
        if question.current is not None and row is not None:
            shown = "\n".join(back)
            assert "Votre réponse était" in shown or "Vous avez répondu" in shown, (key, shown)
