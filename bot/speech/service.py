"""The speech service: a voice note fetched, checked, heard, and its audio let go.

`listen()` is what a voice note's after-commit job calls (bot/speech/notes.py): the channel the
note came from downloads it (a `Fetcher`: Telegram's getFile, Twilio's MediaUrl with the
account's credentials — registered by each channel at start) into a file that belongs to the
person (DATA_DIR/media/voice/<user id>-…, so "delete my data" removes it), the transcriber hears
it in its pool, and the file is deleted at once. The only audio kept is a note that could not be
heard while the person talks to a volunteer: it waits in media/voice-kept/ for the volunteer to
listen, and a sweep every minute deletes it once that request is over (and any note a crash left
behind). Audio and transcripts are never logged: logs name the message and the problem only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from bot.config import Settings
from bot.messages import Audio
from bot.speech.audio import AudioProblem, looks_like_audio
from bot.speech.transcriber import Heard, Transcriber, hears
from bot.store import files, tables
from bot.store.database import Database

log = logging.getLogger(__name__)

VOICE, KEPT = "voice", "voice-kept"
KEPT_NAME = re.compile(r"-h(\d+)\.\w+$")  # …/voice-kept/<user>-<random>-h<request>.ogg
SWEEP_SECONDS = 60.0
ORPHAN_SECONDS = 3600.0  # a note still here after an hour was left by a process that died
OPEN = ("waiting", "taken")
EXTENSIONS = {
    "audio/ogg": ".ogg",
    "application/ogg": ".ogg",
    "video/ogg": ".ogg",
    "audio/opus": ".ogg",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/aac": ".aac",
    "audio/amr": ".amr",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/webm": ".webm",
}


class FetchError(Exception):
    """The platform would not give the note (network, an expired reference…)."""


class Fetcher(Protocol):
    async def fetch(self, audio: Audio, into: Path, max_bytes: int) -> None:
        """Download the note into `into`; AudioProblem("too_big" | "not_audio") when the
        platform says so, FetchError when it cannot be had."""
        ...


@dataclass(frozen=True, slots=True)
class Listened:
    heard: Heard
    kept: Path | None = None  # the note, kept for a volunteer


class Speech:
    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.transcriber = Transcriber(settings)
        self.fetchers: dict[str, Fetcher] = {}
        self._sweeper: asyncio.Task[None] | None = None

    def register(self, channel: str, fetcher: Fetcher) -> None:
        """A channel says how to download the notes people send on it."""
        self.fetchers[channel] = fetcher

    def hears(self, language: str) -> bool:
        return hears(self.settings, language)

    async def start(self) -> None:
        if self._sweeper is None:
            self._sweeper = asyncio.create_task(self._sweep_loop(), name="speech-sweep")

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        self.transcriber.close()

    # --- one note ---------------------------------------------------------------------------
    async def listen(
        self,
        channel: str,
        audio: Audio,
        owner: int,
        language: str,
        *,
        transcribe: bool = True,
        keep_for: int | None = None,
        ref: str = "",
    ) -> Listened:
        """Fetch, check and (if asked) transcribe one note. A note that cannot be heard is kept
        for the volunteer of request `keep_for`; every other is deleted before this returns."""
        suffix = EXTENSIONS.get(audio.content_type.split(";")[0].strip().lower(), ".audio")
        path = files.owned_path(self.settings.data_dir, VOICE, owner, suffix)
        kept: Path | None = None
        try:
            try:
                heard = await self._hear(channel, audio, path, language, transcribe)
            except Exception as error:  # the model or a decoder failing: the person is told
                log.error("voice note %s could not be heard: %r", ref, error)
                heard = Heard(problem="failed")
            if heard.problem in ("unheard", "unsure") and keep_for is not None:
                kept = files.owned_path(
                    self.settings.data_dir, KEPT, owner, f"-h{keep_for}{suffix}"
                )
                await asyncio.to_thread(path.rename, kept)
        finally:
            if kept is None:
                await asyncio.to_thread(path.unlink, True)
        log.info("voice note %s: %s", ref, heard.problem or "heard")
        return Listened(heard, kept)

    async def _hear(
        self, channel: str, audio: Audio, path: Path, language: str, transcribe: bool
    ) -> Heard:
        fetcher = self.fetchers.get(channel)
        if fetcher is None:
            return Heard(problem="failed")
        limit = int(self.settings.speech_max_mb * 1024 * 1024)
        try:
            if audio.size is not None and audio.size > limit:
                raise AudioProblem("too_big")
            if audio.seconds is not None and audio.seconds > self.settings.speech_max_seconds:
                raise AudioProblem("too_long")
            if not looks_like_audio(audio.content_type):
                raise AudioProblem("not_audio")
            await fetcher.fetch(audio, path, limit)
            if (await asyncio.to_thread(path.stat)).st_size > limit:
                raise AudioProblem("too_big")
        except AudioProblem as problem:
            return Heard(problem=problem.kind)
        except (FetchError, OSError) as error:
            log.warning("voice note could not be fetched from %s: %s", channel, error)
            return Heard(problem="failed")
        if transcribe:
            return await self.transcriber.hear(path, language)
        heard = await self.transcriber.check(path)
        return heard if heard.problem else Heard(problem="unheard", seconds=heard.seconds)

    # --- letting audio go ---------------------------------------------------------------------
    async def _sweep_loop(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            try:
                removed = await self.sweep()
                if removed:
                    log.info("speech: deleted %d voice notes no longer needed", removed)
            except Exception as error:  # the store may be briefly unavailable: next minute
                log.warning("speech sweep failed: %r", error)

    async def sweep(self, now: float | None = None) -> int:
        """Delete kept notes whose request is over, and notes a crash left behind."""
        media = self.settings.data_dir / "media"
        now = time.time() if now is None else now
        kept = await asyncio.to_thread(lambda: list((media / KEPT).glob("*")))
        requests = {int(m.group(1)) for p in kept if (m := KEPT_NAME.search(p.name))}
        still_open: set[int] = set()
        if requests:
            table = tables.handovers
            async with self.database.read() as conn:
                found = await conn.scalars(
                    select(table.c.id).where(table.c.id.in_(requests), table.c.status.in_(OPEN))
                )
                still_open = set(found)
        doomed = [
            p for p in kept if not (m := KEPT_NAME.search(p.name)) or int(m[1]) not in still_open
        ]
        doomed += [
            p
            for p in await asyncio.to_thread(lambda: list((media / VOICE).glob("*")))
            if now - _modified(p) > ORPHAN_SECONDS
        ]
        for path in doomed:
            await asyncio.to_thread(path.unlink, True)
        return len(doomed)


def kept_notes(settings: Settings, user_id: int, request: int) -> list[Path]:
    """The notes kept for a volunteer of `request`, oldest first."""
    folder = settings.data_dir / "media" / KEPT
    found = [p for p in folder.glob(f"{user_id}-*-h{request}.*") if p.is_file()]
    return sorted(found, key=_modified)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # gone already
        return 0.0
