"""Golden conversations: scripted messages replayed through the real engine and flows, with a frozen
clock, compared with the transcript stored in tests/golden/*.txt.

A golden file is what a reviewer reads: `#` lines describe it, `>>> text` is what the person sends,
the lines after it are the bot's replies exactly as the console prints them (direction marks shown
as [RLM], [FSI], [PDI]), `~~~ +15 days` moves the clock, and `=== stored` ends with what the store
keeps about the person. After an intended change, regenerate with `./dev test --update-golden` and
review the diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running, visible

GOLDEN = Path(__file__).parent / "golden"
SCRIPTS = sorted(GOLDEN.glob("*.txt"))
ADVANCE = re.compile(r"^~~~ \+(\d+) days?$")


def parse(text: str) -> tuple[list[str], list[str]]:
    header, steps = [], []
    for line in text.splitlines():
        if line.startswith(("#", ">>> ", "~~~ ")) or line == ">>>":
            if line.startswith("#") and not steps:
                header.append(line)
            elif not line.startswith("#"):
                steps.append(line)
        elif line.startswith("=== stored"):
            break
    return header, steps


async def replay(steps: list[str], settings: Settings, clock: FrozenClock) -> str:
    out: list[str] = []
    async with running(settings, clock) as app:
        person = Person(app, "golden")
        for step in steps:
            advance = ADVANCE.match(step)
            if advance:
                clock.advance(days=int(advance.group(1)))
                out.append(step + "\n")
                continue
            text = step[4:] if step.startswith(">>> ") else ""
            replies = await person.send(text)
            out.append(step + "\n" + "".join(visible(r) + "\n\n" for r in replies))
        row = await person.row()
    stored = {key: row.get(key) for key in ("language", "consent", "status", "step", "data")}
    return (
        "".join(out)
        + "=== stored\n"
        + json.dumps(stored, ensure_ascii=False, sort_keys=True)
        + "\n"
    )


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
