"""SIGKILL in the middle of the work: no acknowledged message is lost, no reply is queued twice.

A worker process handles numbered messages and prints "ack <id>" once each is committed. We kill it
with SIGKILL mid-run, check that every acknowledged message is in the store with its reply, then
start it again with every message (as a platform re-sends what it did not get acknowledged) and
check that each message was handled exactly once, in order per person.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from bot.config import Settings
from bot.store import tables
from tests.support import COUNTING, running

PEOPLE, COUNT = 20, 60


def start_worker(settings: Settings, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash_worker",
            settings.database_url,
            str(PEOPLE),
            str(COUNT),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, "DATABASE_SCHEMA": settings.database_schema or ""},
    )


async def store_contents(settings: Settings) -> tuple[set[str], Counter[str], dict[str, list[str]]]:
    async with running(settings, script=COUNTING) as app, app.database.read() as conn:
        logged = {
            r.external_id for r in await conn.execute(select(tables.inbound_log.c.external_id))
        }
        replies = Counter(
            f"{r.address}:{r.payload['text']}"
            for r in await conn.execute(select(tables.outbox.c.address, tables.outbox.c.payload))
        )
        seen = {
            r.external_id: r.data["count"]["seen"]
            for r in await conn.execute(
                select(tables.users.c.external_id, tables.conversations.c.data).join(
                    tables.conversations, tables.conversations.c.user_id == tables.users.c.id
                )
            )
        }
    return logged, replies, seen


async def test_sigkill_loses_no_acknowledged_message_and_repeats_no_reply(
    settings: Settings, project_dir: Path
) -> None:
    worker = start_worker(settings, project_dir)
    assert worker.stdout
    acked = []
    while len(acked) < PEOPLE * COUNT // 3:
        line = await asyncio.to_thread(worker.stdout.readline)
        assert line, "the worker stopped early"
        acked.append(line.split()[1])
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    worker.stdout.close()

    logged, replies, _ = await store_contents(settings)
    assert set(acked) <= logged  # nothing acknowledged was lost
    for message_id in acked:
        person, number = message_id.split("-")
        if number != "hello":
            assert replies[f"{person}:got {number}"] == 1

    again = start_worker(settings, project_dir)  # the platform re-sends everything
    out, _ = again.communicate(timeout=240)
    assert again.returncode == 0 and out.endswith("done\n")

    logged, replies, seen = await store_contents(settings)
    assert len(logged) == PEOPLE * (COUNT + 1)
    assert set(replies.values()) == {1} and len(replies) == PEOPLE * COUNT
    assert all(s == [str(n) for n in range(COUNT)] for s in seen.values()) and len(seen) == PEOPLE
