"""Speech-to-text models: install (from SPEECH_MODEL_SOURCE or a folder), list, remove, and what
the configured one hears.

A model is a faster-whisper (CTranslate2) folder, SPEECH_DIR/<name>/: config.json, model.bin,
tokenizer.json and a vocabulary. Installing downloads or copies the files into a hidden folder
beside it, loads the model once to prove it works, writes `passerelle.json` (its languages, size
and origin) and only then renames the folder into place, so a half-installed model is never used.
`hearing()` reads that manifest: a turn learns which languages can be heard without importing
faster-whisper (about 0.3 s and 60 MB), which only the transcriber and `install` do.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.config import MODEL_NAME, Settings

REQUIRED = ("config.json", "model.bin", "tokenizer.json")
OPTIONAL = ("vocabulary.txt", "vocabulary.json", "preprocessor_config.json")
MANIFEST = "passerelle.json"
CHUNK = 1024 * 1024

Progress = Callable[[str, int, int], None]  # file name, bytes so far, total (0: unknown)


class ModelError(Exception):
    """A model cannot be found, downloaded, installed or removed; the message says why."""


@dataclass(frozen=True, slots=True)
class Installed:
    name: str
    languages: tuple[str, ...]  # Whisper's codes; ("en",) for an English-only model
    size: int  # bytes on disk
    source: str  # the URL or folder it came from

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1


def installed(settings: Settings) -> list[Installed]:
    root = settings.speech_models_dir
    found = [_read(folder) for folder in sorted(root.iterdir())] if root.is_dir() else []
    return [model for model in found if model is not None]


_seen: dict[Path, tuple[float, Installed | None]] = {}


def hearing(settings: Settings) -> Installed | None:
    """The model SPEECH_MODEL names, if it is installed (its manifest is read again only when
    it changes: every voice note asks)."""
    if not settings.speech_model:
        return None
    manifest = settings.speech_models_dir / settings.speech_model / MANIFEST
    try:
        stamp = manifest.stat().st_mtime
    except OSError:
        return None
    cached = _seen.get(manifest)
    if cached is None or cached[0] != stamp:
        cached = (stamp, _read(manifest.parent))
        _seen[manifest] = cached
    return cached[1]


def install_from_source(
    settings: Settings, name: str, progress: Progress | None = None
) -> Installed:
    _check_name(name)
    base = settings.speech_model_source.replace("{name}", name)
    folder = _fresh(settings, name)
    try:
        for file in REQUIRED:
            _download(base + file, folder / file, progress, required=True)
        for file in OPTIONAL:
            _download(base + file, folder / file, progress, required=False)
        return _finish(settings, name, folder, base)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def install_from_dir(settings: Settings, name: str, source: Path) -> Installed:
    _check_name(name)
    if not source.is_dir():
        raise ModelError(f"no such folder: {source}")
    missing = [file for file in REQUIRED if not (source / file).is_file()]
    if missing:
        raise ModelError(f"{source} is not a faster-whisper model (no {', '.join(missing)})")
    folder = _fresh(settings, name)
    try:
        for file in (*REQUIRED, *OPTIONAL):
            if (source / file).is_file():
                shutil.copyfile(source / file, folder / file)
        return _finish(settings, name, folder, str(source.resolve()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove(settings: Settings, name: str) -> Installed:
    _check_name(name)
    folder = settings.speech_models_dir / name
    model = _read(folder)
    if model is None:
        raise ModelError(f"no speech model {name} is installed")
    shutil.rmtree(folder)
    return model


def probe(folder: Path) -> tuple[str, ...]:
    """Load the model once (the proof it works); its languages."""
    from faster_whisper import WhisperModel

    model = WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=1)
    return tuple(model.supported_languages)


# --- inside ----------------------------------------------------------------------------------
def _check_name(name: str) -> None:
    if not MODEL_NAME.fullmatch(name):
        raise ModelError(f"{name!r} is not a model name (like base, small or tiny.en)")


def _fresh(settings: Settings, name: str) -> Path:
    root = settings.speech_models_dir
    try:
        root.mkdir(parents=True, exist_ok=True)
        folder = root / f".installing-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    except OSError as error:
        raise ModelError(f"cannot write to {root}: {error.strerror or error}") from None
    return folder


def _finish(settings: Settings, name: str, folder: Path, source: str) -> Installed:
    try:
        languages = probe(folder)
    except Exception as error:  # CTranslate2 or the tokenizer refusing the files: say so
        raise ModelError(f"{name} does not load as a faster-whisper model ({error})") from None
    size = sum(f.stat().st_size for f in folder.iterdir())
    model = Installed(name, languages, size, source)
    manifest = {"name": name, "languages": list(languages), "size": size, "source": source}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    target = settings.speech_models_dir / name
    shutil.rmtree(target, ignore_errors=True)
    folder.rename(target)
    return model


def _read(folder: Path) -> Installed | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return Installed(
            str(data["name"]),
            tuple(str(code) for code in data["languages"]),
            int(data["size"]),
            str(data.get("source", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _download(url: str, path: Path, progress: Progress | None, required: bool) -> None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response, path.open("wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(path.name, done, total)
    except urllib.error.HTTPError as error:
        path.unlink(missing_ok=True)
        if required or error.code != 404:
            raise ModelError(f"download of {url} failed: HTTP {error.code}") from None
    except (OSError, ValueError) as error:
        path.unlink(missing_ok=True)
        raise ModelError(f"download of {url} failed: {error}") from None
