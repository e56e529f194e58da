"""Checking and decoding a voice note with PyAV: is it audio, how long is it, its samples.

The platforms say what a note is (a content type, a size, a duration), but a file can say
otherwise; only decoding it tells. `decode()` opens the file with PyAV (FFmpeg's decoders, inside
the wheel faster-whisper brings), refuses what has no audio stream or does not decode
("not_audio") and what lasts longer than the limit ("too_long", decided from the container's
header when it has one, and in any case while decoding, so a long file is never decoded whole),
and returns 16 kHz mono float samples, what Whisper takes. Blocking: it runs in the pool.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

RATE = 16_000  # Whisper's sampling rate
AUDIO_TYPES = ("audio/", "application/ogg", "video/ogg")  # WhatsApp says audio/ogg; some, video/ogg


class AudioProblem(Exception):
    """Why a note cannot be heard: too_big, too_long, not_audio (and the pool's silent…)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def looks_like_audio(content_type: str) -> bool:
    """What a platform's content type says (empty: it said nothing, decoding will tell)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return not kind or kind.startswith(AUDIO_TYPES)


def decode(path: Path, max_seconds: float) -> npt.NDArray[np.float32]:
    import av
    import numpy as np

    limit = int(max_seconds * RATE)
    chunks: list[npt.NDArray[np.float32]] = []
    length = 0
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioProblem("not_audio")
            if container.duration is not None and container.duration / 1_000_000 > max_seconds:
                raise AudioProblem("too_long")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    samples = out.to_ndarray().reshape(-1).astype(np.float32)
                    chunks.append(samples)
                    length += samples.shape[0]
                if length > limit + RATE // 2:  # half a second of grace for rounding
                    raise AudioProblem("too_long")
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1).astype(np.float32))
    except AudioProblem:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, OSError):
        raise AudioProblem("not_audio") from None
    if not chunks:
        raise AudioProblem("not_audio")
    return np.concatenate(chunks).astype(np.float32, copy=False)
