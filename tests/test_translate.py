"""Offline translation: tiny real Argos packages (tests/argos_models.py), a package index on
127.0.0.1, the CLI, the cached service, the event loop while translating, and the flow."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from bot.translate.argos import ArgosBackend
from bot.translate.service import Translator
from tests.argos_models import serve_index
from tests.support import Person, running


class Counting:
    def __init__(self, inner: ArgosBackend) -> None:
        self.inner = inner
        self.calls = 0

    def route(self, source: str, target: str) -> str | None:
        return self.inner.route(source, target)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls += 1
        return self.inner.translate(texts, source, target)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "translate", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **env},
    )


async def test_the_cli_installs_from_a_file_and_an_index_lists_translates_and_removes(
    packages: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    async with serve_index([packages["en", "fr"]]) as index:
        env = {"TRANSLATE_DIR": str(tmp_path / "models"), "TRANSLATE_PACKAGE_INDEX": index}
        done = await asyncio.to_thread(cli, env, "install", "--file", str(packages["ar", "en"]))
        assert done.returncode == 0 and "installed ar→en" in done.stdout, done.stderr
        done = await asyncio.to_thread(cli, env, "install", "en", "fr")
        assert done.returncode == 0 and "installed en→fr" in done.stdout, done.stderr
        assert "downloading en→fr" in done.stderr  # the progress bar
        missing = await asyncio.to_thread(cli, env, "install", "ps", "fr")
        assert missing.returncode == 1 and "has no package ps→fr" in missing.stderr
    listed = cli(env, "list")
    assert "ar→en (1.0), en→fr (1.0)" in listed.stdout
    assert "ar    pivot    none" in listed.stdout and "en    direct   none" in listed.stdout
    said = cli(env, "text", "--from", "ar", "--to", "fr", "مرحبا", "كيف", "حالك")
    assert said.returncode == 0 and said.stdout.strip() == "bonjour mon ami"
    nothing = cli(env, "text", "--from", "ps", "--to", "fr", "سلام")
    assert nothing.returncode == 1 and "no model for ps→fr" in nothing.stderr
    assert cli(env, "remove", "en", "fr").returncode == 0
    assert cli(env, "text", "--from", "ar", "--to", "fr", "x").returncode == 1
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    refused = cli(env, "install", "--file", str(junk))
    assert refused.returncode == 1 and "not an Argos Translate package" in refused.stderr
    assert "Traceback" not in refused.stderr + nothing.stderr + missing.stderr


async def test_direct_pivot_cache_missing_and_human_corrections(
    installed: ArgosBackend, sqlite_only: Settings
) -> None:
    async with running(sqlite_only) as app:
        backend = Counting(installed)
        translator = Translator(app.database, backend)
        direct = await translator.translate("مرحبا", "ar", "en")
        assert (direct.text, direct.origin) == ("good morning friend", "machine")
        pivot = await translator.translate("مرحبا", "ar", "fr")
        assert (pivot.text, pivot.machine) == ("bonjour mon ami", True)
        calls = backend.calls
        again = await translator.translate("مرحبا", "ar", "fr")
        assert again == pivot and backend.calls == calls  # from the cache
        missing = await translator.translate("سلام", "ps", "fr")
        assert (missing.text, missing.origin) == ("سلام", "missing")
        assert (await translator.translate("Bonjour", "fr", "fr")).origin == "human"
        await translator.correct("مرحبا", "ar", "fr", "Bonjour !")
        corrected = await translator.translate("مرحبا", "ar", "fr")
        assert (corrected.text, corrected.machine) == ("Bonjour !", False)
        lines = await translator.translate("مرحبا.\nكيف حالك؟ بخير", "ar", "en")
        assert lines.text == "good morning friend\ngood morning friend good morning friend"
        translator.close()


async def test_the_event_loop_keeps_answering_during_a_long_batch(
    installed: ArgosBackend, sqlite_only: Settings
) -> None:
    async with running(sqlite_only) as app:
        translator = Translator(app.database, installed)
        texts = [f"نص رقم {n}. " * 3 for n in range(800)]
        worst = 0.0
        done = asyncio.Event()

        async def ticker() -> None:
            nonlocal worst
            while not done.is_set():
                before = time.perf_counter()
                await asyncio.sleep(0.005)
                worst = max(worst, time.perf_counter() - before - 0.005)

        watch = asyncio.create_task(ticker())
        started = time.perf_counter()
        results = await translator.translate_many(texts, "ar", "en")
        elapsed = time.perf_counter() - started
        done.set()
        await watch
        translator.close()
    assert len(results) == 800 and all(r.machine for r in results)
    assert elapsed > 0.3, "too short to say anything about the loop"
    assert worst < 0.05, f"the event loop stalled {worst * 1000:.0f} ms"


async def test_translate_a_message_both_ways_and_a_missing_pair(
    installed: ArgosBackend, settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        layla = Person(app, "layla")
        for line in ("مرحبا", "1", "1"):
            await layla.send(line)
        prompt = await layla.send("4")
        assert "أرسل لي رسالة لأترجمها" in prompt[0]
        out = await layla.send("أين مكتب البريد؟")
        assert "ترجمة آلية" in out[0] and "bonjour mon ami" in out[0]
        back = await layla.send("Bonjour, où est la mairie ?")
        assert "مرحبا يا صديقي" in back[0]
        async with app.database.read() as conn:
            owned = await conn.scalar(
                select(func.count())
                .select_from(tables.translations)
                .where(tables.translations.c.user_id.is_not(None))
            )
        assert owned == 2  # prepared before the turn, owned by her: erased with her data
        await layla.send("/delete")
        await layla.send("1")
        async with app.database.read() as conn:
            left = await conn.scalar(select(func.count()).select_from(tables.translations))
        assert left == 0

        gul = Person(app, "gul")
        for line in ("سلام څنګه یې", "1", "1", "4"):
            await gul.send(line)
        missing = await gul.send("زه کار لټوم")
        assert "زه کار لټوم" in missing[0] and "ژباړه نه شم کولی" in missing[0]
