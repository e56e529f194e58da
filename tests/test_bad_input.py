"""Whatever is typed — random Unicode, control characters, huge texts — gets a reply in the person's
language and leaves the store consistent (property-based, with Hypothesis)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import FrozenClock
from bot.config import Settings
from tests.conftest import FROZEN_AT, sqlite_settings
from tests.support import Person, running

ARABIC = range(0x0600, 0x06FF)
typed = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50),
    st.text(alphabet=st.sampled_from("٠١٢٣٤٥٦٧٨٩0123456789 ./)-"), max_size=8),
    st.text(min_size=4000, max_size=6000),
    st.sampled_from(["", " ", "\x00", "\u200f", "/", "/start@bot extra", "{}", "{max}", "%n"]),
)


async def reply_to(store: Settings, text: str) -> tuple[list[str], dict[str, object]]:
    async with running(store, FrozenClock(FROZEN_AT)) as app:
        person = Person(app, "fuzz")
        if not (await person.row()).get("language"):
            for line in ("مرحبا", "1", "1"):  # onboard in Arabic once
                await person.send(line)
        replies = await person.send(text)
        return replies, await person.row()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=typed)
def test_any_text_gets_an_answer_in_the_persons_language(tmp_path: Path, text: str) -> None:
    store = sqlite_settings(tmp_path)
    replies, row = asyncio.run(reply_to(store, text))
    assert replies and all(r.strip() for r in replies)
    if row["language"] == "ar":
        assert any(ord(ch) in ARABIC for ch in replies[-1])
    assert isinstance(row["step"], str) and "." in row["step"]
