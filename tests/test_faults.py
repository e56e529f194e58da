"""A bug in a flow or a bad batch never loses a message, corrupts state or blocks others."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from bot.engine.flow import STAY, Answer, Flow, Next, Script
from bot.messages import Inbound
from flows.services import Turn
from tests.support import Person, running

fragile = Flow("fragile")


@fragile.question("ask", prompt="", accepts=("text",))
async def ask(t: Turn, answer: Answer) -> Next:
    t.data("fragile")["last"] = answer.text  # changed, then the turn fails: must not be kept
    if answer.text == "boom":
        raise RuntimeError("a bug in a flow")
    if answer.text == "unstorable":
        t.data("fragile")["when"] = t.now  # not JSON: the whole batch's commit fails
    t.say(f"ok {answer.text}")
    return STAY


FRAGILE = Script((fragile,), (), "fragile.ask", "fragile.ask", "fragile.ask")


async def test_a_failing_turn_answers_sorry_and_keeps_the_state(
    settings: Settings, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(settings, clock, FRAGILE) as app:
        person = Person(app, "p")
        await person.send("hello")
        assert await person.send("one") == ["ok one"]
        sorry = await person.send("boom")
        assert "something went wrong" in sorry[0] or "problème" in sorry[0]
        assert (await person.row())["data"] == {"fragile": {"last": "one"}}
        assert await person.send("two") == ["ok two"]
    failures = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [r.getMessage() for r in failures] == [
        f"turn failed for message console:{failures[0].args[0].split(':')[1]} at step fragile.ask"
    ]
    assert not any("one" in r.getMessage() or "two" in r.getMessage() for r in caplog.records)


async def test_one_bad_message_does_not_hold_back_the_others_in_its_batch(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock, FRAGILE) as app:
        people = [Person(app, f"p{n}") for n in range(50)]
        await asyncio.gather(*(p.send("hello") for p in people))
        bad = Inbound("console", "p0", "bad", text="unstorable")
        good = [Inbound("console", f"p{n}", f"ok-{n}", text="fine") for n in range(1, 50)]
        results = await asyncio.gather(*(app.engine.handle(m) for m in [bad, *good]))
        assert not any(r.duplicate for r in results)
        replies = [await p.read() for p in people]
        # Retried alone, the bad message is recorded with an apology: never retried forever.
        assert "something went wrong" in replies[0][0] or "problème" in replies[0][0]
        assert (await people[0].row())["data"] == {}
        assert (await app.engine.handle(bad)).duplicate
    assert all(r == ["ok fine"] for r in replies[1:])


async def test_ids_too_long_for_the_store_are_digested(settings: Settings) -> None:
    async with running(settings, script=FRAGILE) as app:
        long_id = Inbound("console", "u" * 300, "m" * 500, text="hello")
        assert not (await app.engine.handle(long_id)).duplicate
        assert (await app.engine.handle(long_id)).duplicate


def test_a_read_only_sqlite_file_stops_commands_with_a_clear_error(tmp_path: Path) -> None:
    """The file made immutable (as root, permissions alone would not stop writes): every command
    that writes says so in one sentence and exits 1, instead of failing on the first message."""
    env = {**os.environ, "DATA_DIR": str(tmp_path / "var"), "LOAD_SAMPLES": "false"}
    env.pop("DATABASE_URL", None)

    def passerelle(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input="bonjour\n",
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    assert passerelle("db", "upgrade").returncode == 0
    database = tmp_path / "var" / "passerelle.db"
    if subprocess.run(["chattr", "+i", str(database)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (needs root and a file system that has it)")
    try:
        for command in (("chat", "--user", "amal"), ("import", "services", str(database))):
            done = passerelle(*command)
            assert done.returncode == 1, (command, done.stdout, done.stderr)
            assert "cannot be written" in done.stderr and "read-only" in done.stderr
            assert "Traceback" not in done.stderr
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
