"""Golden conversations: scripted messages replayed through the real engine and flows, with a frozen
clock, compared with the transcript stored in tests/golden/*.txt.

A golden file is what a reviewer reads: `#` lines describe it, `>>> text` is what the person sends
and `>>> @vol text` what someone else (here "vol") sends; the lines after it are the replies exactly
as the console prints them (direction marks shown as [RLM], [FSI], [PDI]). When a file has more
than one participant, every reply is under the name of whoever received it (`[vol]`), so what one
message tells the others is in the transcript too. `~~~ +15 days` (or hours, minutes) moves the
clock, `!! volunteer vol` gives someone the volunteer role (as `passerelle volunteers add` does),
`!! timeouts` runs the scheduler's conversation time-outs, and `=== stored` ends with what the
store keeps about the first person. After an intended change, regenerate with
`./dev test --update-golden` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.support import Person, running, visible

GOLDEN = Path(__file__).parent / "golden"
SCRIPTS = sorted(GOLDEN.glob("*.txt"))
ADVANCE = re.compile(r"^~~~ \+(\d+) (day|hour|minute)s?$")
SAYS = re.compile(r"^>>>(?: @(\w+))?(?: (.*))?$")
FIRST = "golden"


def parse(text: str) -> tuple[list[str], list[str]]:
    header, steps = [], []
    for line in text.splitlines():
        if line.startswith(("#", ">>> ", "~~~ ", "!! ")) or line == ">>>":
            if line.startswith("#") and not steps:
                header.append(line)
            elif not line.startswith("#"):
                steps.append(line)
        elif line.startswith("=== stored"):
            break
    return header, steps


def participants(steps: list[str]) -> list[str]:
    names = [FIRST]
    for step in steps:
        said = SAYS.match(step)
        if said and said.group(1) and said.group(1) not in names:
            names.append(said.group(1))
        if step.startswith("!! volunteer "):
            name = step.split()[2]
            names += [] if name in names else [name]
    return names


async def replay(steps: list[str], settings: Settings, clock: FrozenClock) -> str:
    out: list[str] = []
    names = participants(steps)
    async with running(settings, clock) as app:
        people = {name: Person(app, name) for name in names}
        for step in steps:
            advance = ADVANCE.match(step)
            if advance:
                amount, unit = int(advance.group(1)), advance.group(2)
                clock.advance(**{f"{unit}s": amount})
                out.append(step + "\n")
                continue
            sent: dict[str, list[str]] = {}
            if step.startswith("!! "):
                await directive(app, step[3:].split())
            else:
                said = SAYS.match(step)
                assert said, step
                name = said.group(1) or FIRST
                sent[name] = await people[name].send(said.group(2) or "")
            out.append(step + "\n" + await received(people, sent, multiple=len(names) > 1))
        row = await people[FIRST].row()
    stored = {key: row.get(key) for key in ("language", "consent", "status", "step", "data")}
    return (
        "".join(out)
        + "=== stored\n"
        + json.dumps(stored, ensure_ascii=False, sort_keys=True)
        + "\n"
    )


async def received(people: dict[str, Person], sent: dict[str, list[str]], multiple: bool) -> str:
    """Every reply queued since the last step, under the name of whoever receives it."""
    text = ""
    for name, person in people.items():
        replies = sent.get(name, []) + await person.read()
        if replies and multiple:
            text += f"[{name}]\n"
        text += "".join(visible(r) + "\n\n" for r in replies)
    return text


async def directive(app: App, words: list[str]) -> None:
    if words[0] == "volunteer":
        users = tables.users
        async with app.database.write() as conn:
            found = await conn.execute(
                update(users)
                .where(users.c.channel == "console", users.c.external_id == words[1])
                .values(roles=["volunteer"])
            )
            if not found.rowcount:
                await conn.execute(
                    users.insert().values(
                        channel="console",
                        external_id=words[1],
                        roles=["volunteer"],
                        status="active",
                        created_at=app.engine.clock.now() - dt.timedelta(days=1),
                    )
                )
    elif words[0] == "timeouts":
        scheduler = app.scheduler()
        await scheduler.run("handover-timeouts")
        await scheduler.run("handover-idle")
    else:
        raise AssertionError(f"unknown directive {words}")


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
async def test_golden_conversation(
    script: Path,
    sqlite_only: Settings,
    clock: FrozenClock,
    request: pytest.FixtureRequest,
    installed: object,
) -> None:
    expected = script.read_text(encoding="utf-8")
    header, steps = parse(expected)
    # With the directories shipped in content/ (national lines, examples in Paris and Lyon).
    settings = sqlite_only.model_copy(update={"load_samples": True})
    transcript = "\n".join(header) + "\n" + await replay(steps, settings, clock)
    if request.config.getoption("--update-golden"):
        script.write_text(transcript, encoding="utf-8")
        expected = transcript
    assert transcript == expected
