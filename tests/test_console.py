"""`passerelle chat` as a person uses it: a real subprocess on a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from bot.app import open_app
from bot.config import load_settings
from bot.messages import Outgoing, OutKind
from bot.store import tables


def chat(tmp_path: Path, user: str, lines: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", user],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "DATA_DIR": str(tmp_path / "var")},
        timeout=120,
    )


def test_a_scripted_chat_in_arabic_stops_and_continues_where_it_was(tmp_path: Path) -> None:
    first = chat(tmp_path, "layla", ["مرحبا", "1", "1"])
    assert first.returncode == 0, first.stderr
    assert "أي لغة تريد" in first.stdout and "ماذا تريد أن تفعل" in first.stdout
    again = chat(tmp_path, "layla", ["7"])  # a new process: the menu is still where she left it
    assert again.returncode == 0
    assert "هذا كل ما أحفظه عنك" in again.stdout
    assert "أي لغة" not in again.stdout
    other = chat(tmp_path, "omar", ["7"])  # someone else starts at the beginning
    # "7" says no language: the question comes in French, then English, French first.
    french = other.stdout.index("Quelle langue voulez-vous utiliser ? Envoyez un numéro.")
    assert french < other.stdout.index("Which language do you want to use? Send a number.")
    assert "1. Français" in other.stdout and "هذا كل ما أحفظه عنك" not in other.stdout


def test_replies_are_flushed_before_the_next_line_is_read(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--user", "live"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "DATA_DIR": str(tmp_path / "var")},
    ) as process:
        assert process.stdin and process.stdout
        process.stdin.write("hello\n")
        process.stdin.flush()
        seen = ""
        while "Türkçe" not in seen:  # the whole language picker arrives while stdin stays open
            seen += process.stdout.readline()
        process.stdin.write("1\n")
        process.stdin.flush()
        while "Do you agree" not in seen:
            seen += process.stdout.readline()
        process.stdin.close()
        assert process.wait(timeout=60) == 0


def test_bad_lines_never_crash_and_always_get_an_answer(tmp_path: Path) -> None:
    bad = [
        "",
        "x" * 10_000,
        "😀🙏🏽",
        "\x00\x1b[2J\x07",
        "مرحبا hello שלום",
        "-1",
        "999999",
        "/unknown",
        "' OR 1=1 --",
        "{max}",
        "%s%s%n",
    ]
    done = chat(tmp_path, "fuzz", ["bonjour", "1", "1", *bad])
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert done.stdout.count("Que voulez-vous faire") >= len(bad)
    assert "\x00" not in done.stdout and "\x1b" not in done.stdout


def queue_for(tmp_path: Path, user: str, text: str) -> None:
    """Queue a message for a console user from another process (as an announcement would be)."""

    async def queue() -> None:
        settings = load_settings(data_dir=tmp_path / "var", database_url="")
        async with open_app(settings) as app, app.database.write() as conn:
            now = app.engine.clock.now()
            payload = Outgoing(OutKind.TEXT, text).to_payload()
            await conn.execute(
                tables.outbox.insert().values(
                    channel="console",
                    address=user,
                    payload=payload,
                    priority=5,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                    updated_at=now,
                )
            )

    asyncio.run(queue())


def test_messages_queued_while_away_are_shown_at_the_next_chat(tmp_path: Path) -> None:
    chat(tmp_path, "nadia", ["bonjour", "1", "1"])
    queue_for(tmp_path, "nadia", "Cours de français gratuit jeudi à 14 h.")
    opened = chat(tmp_path, "nadia", [])
    assert opened.returncode == 0
    assert "Cours de français gratuit jeudi à 14 h." in opened.stdout
    assert "Cours de français" not in chat(tmp_path, "nadia", []).stdout  # shown once


def read_until(fd: int, marker: str, timeout: float = 60) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in seen:
        assert time.monotonic() < deadline, f"no {marker!r} in {seen.decode(errors='replace')!r}"
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            seen += os.read(fd, 65536)
    return seen.decode(errors="replace")


def test_in_a_terminal_the_chat_prompts_and_explains_how_to_leave(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--user", "tty"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=tmp_path,
        env={**os.environ, "DATA_DIR": str(tmp_path / "var")},
    ) as process:
        os.close(follower)
        assert "Ctrl-D" in read_until(leader, "> ")
        os.write(leader, b"bonjour\n")
        assert "Quelle langue" in read_until(leader, "Türkçe")
        # While she thinks, a message for her (a volunteer's answer, an announcement) comes in
        # from another process: it is shown at once, and the prompt comes back under it.
        queue_for(tmp_path, "tty", "Une bénévole vous répond.")
        shown = read_until(leader, "répond.")
        after = shown.split("répond.", 1)[1]
        if "> " not in after:
            after += read_until(leader, "> ")
        assert after.strip() == ">"
        os.write(leader, b"\x04")  # Ctrl-D: end of input
        assert process.wait(timeout=60) == 0
    os.close(leader)


def test_a_scripted_chat_shows_what_slower_work_sends_before_it_ends(tmp_path: Path) -> None:
    # The French CV of the golden transcript, then "receive my CV": the PDF is made after the
    # answer is committed, and its path is printed before the chat ends.
    golden = (Path(__file__).parent / "golden" / "cv_fr.txt").read_text(encoding="utf-8")
    lines = [line[4:] for line in golden.splitlines() if line.startswith(">>> ")]
    done = chat(tmp_path, "amal", [*lines, "1"])
    assert done.returncode == 0, done.stderr
    pdf = Path(done.stdout.rstrip().splitlines()[-1])
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
