"""Transcribing voice notes with faster-whisper, in a bounded pool, off the event loop.

`hear(path, language)` decodes and checks the note (bot/speech/audio.py), finds speech with the
voice-activity detector faster-whisper ships (none: "silent"), and — with a multilingual model —
asks Whisper which language it is: the person's language is used when it is the one detected;
another one only when Whisper is sure of it (SPEECH_MIN_LANGUAGE_CONFIDENCE: someone practising
French may well speak French); otherwise "unsure", and the person is asked to write. Nothing is
guessed in a language the model cannot hear.

At most SPEECH_WORKERS notes are heard at once, each on SPEECH_THREADS CPU threads; CTranslate2
releases the GIL, so the event loop keeps answering. faster-whisper is imported, and the model
loaded (0.5–2 s), by the first note, never at start-up; it then stays loaded.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.speech import audio
from bot.speech.models import Installed, hearing


@dataclass(frozen=True, slots=True)
class Heard:
    text: str = ""
    language: str | None = None
    problem: str | None = None  # silent | unsure | unheard | not_audio | too_long
    seconds: float = 0.0  # the note's duration


# Loaded models, shared by every transcriber of the process (one in a server; the tests open
# many apps and load tiny.en once): (folder, manifest, threads, workers) → WhisperModel.
_loaded: dict[tuple[Path, Installed, int, int], Any] = {}
_loading = threading.Lock()


class Transcriber:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool = ThreadPoolExecutor(
            max_workers=settings.speech_workers,
            thread_name_prefix="speech",
        )

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def hear(self, path: Path, language: str) -> Heard:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.hear_now, path, language)

    async def check(self, path: Path) -> Heard:
        """Only decode and check the note (one kept for a volunteer is not transcribed)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.check_now, path)

    # --- in a pool thread -----------------------------------------------------------------
    def check_now(self, path: Path) -> Heard:
        try:
            samples = audio.decode(path, self.settings.speech_max_seconds)
        except audio.AudioProblem as problem:
            return Heard(problem=problem.kind)
        return Heard(seconds=samples.shape[0] / audio.RATE)

    def hear_now(self, path: Path, language: str) -> Heard:
        settings = self.settings
        try:
            samples = audio.decode(path, settings.speech_max_seconds)
        except audio.AudioProblem as problem:
            return Heard(problem=problem.kind)
        seconds = samples.shape[0] / audio.RATE
        speech = _speech_only(samples)
        if speech is None:
            return Heard(problem="silent", seconds=seconds)
        model = self.model()
        if model is None:
            return Heard(problem="unheard", seconds=seconds)
        said = language
        try:
            if model.model.is_multilingual:
                # The window transcribe() will encode first (its features, less the one frame
                # of padding it leaves out), so that the encoder runs once for both.
                features = model.feature_extractor(speech)[..., :-1]
                detected, confidence, _all = model.detect_language(features=features)
                if detected != language:
                    sure = confidence >= settings.speech_min_language_confidence
                    if not sure or not self.hears(detected):
                        return Heard(language=detected, problem="unsure", seconds=seconds)
                    said = detected
            elif language != "en":
                return Heard(problem="unheard", seconds=seconds)
            segments, _info = model.transcribe(
                speech,
                language=said,
                beam_size=settings.speech_beam_size,
                vad_filter=False,  # done above
                condition_on_previous_text=False,
            )
            text = " ".join(segment.text.strip() for segment in segments).strip()
        finally:
            model.forget()
        if not text:
            return Heard(language=said, problem="silent", seconds=seconds)
        return Heard(text=text, language=said, seconds=seconds)

    def hears(self, language: str) -> bool:
        return hears(self.settings, language)

    def model(self) -> Any:
        """The loaded model (once per process), or None when none is installed."""
        installed = hearing(self.settings)
        if installed is None:
            return None
        settings = self.settings
        folder = settings.speech_models_dir / installed.name
        key = (folder, installed, settings.speech_threads, settings.speech_workers)
        with _loading:
            if key not in _loaded:
                _loaded[key] = _whisper()(
                    str(folder),
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=settings.speech_threads,
                    num_workers=settings.speech_workers,
                )
            return _loaded[key]


def _speech_only(samples: Any) -> Any:
    """The note without its silences (the voice-activity detector faster-whisper ships), or
    None when nobody speaks in it."""
    import numpy as np
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks = get_speech_timestamps(samples, VadOptions())
    if not chunks:
        return None
    pieces, _where = collect_chunks(samples, chunks)
    return np.concatenate(pieces)


def _whisper() -> type:
    """faster-whisper's model, encoding each 30-second window once.

    Language detection and then transcription both encode a note's first 30 s (faster-whisper
    does not pass one's encoder output to the other), and for a short note that encoder pass is
    about half the work: measured here, base spent 1.8–2.4 s detecting and 2.0–2.5 s
    transcribing a 10-s note. `encode` is faster-whisper's public method; this remembers the
    last window it encoded in each thread, and `forget()` drops it once the note is heard.
    """
    import numpy as np
    from faster_whisper import WhisperModel

    class Whisper(WhisperModel):  # type: ignore[misc]
        _last = threading.local()

        def encode(self, features: Any) -> Any:
            last = getattr(self._last, "window", None)
            if last is not None and np.array_equal(last[0], features):  # shapes too
                return last[1]
            encoded = super().encode(features)
            self._last.window = (np.array(features, copy=True), encoded)
            return encoded

        def forget(self) -> None:
            self._last.window = None

    return Whisper


def hears(settings: Settings, language: str) -> bool:
    """Whether voice notes in `language` are transcribed here: the configured model is installed
    and knows it, and it is not one of SPEECH_UNHEARD_LANGUAGES."""
    model = hearing(settings)
    return (
        model is not None
        and language in model.languages
        and language not in settings.speech_unheard
    )
