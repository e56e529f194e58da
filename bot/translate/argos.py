"""argostranslate, offline and lazy: the only module that imports it.

argostranslate reads its folders and index address once, when first imported, so `configure()`
sets them first (all under TRANSLATE_DIR) together with ORT_DISABLE_TELEMETRY, which must precede
onnxruntime's import. `import argostranslate.translate` costs about a second and 300 MB (torch,
stanza, spacy, onnxruntime), so it happens on the first translation, never at start-up.
Installing from the index, from a file, and removing are here too, with argostranslate's
in-process caches cleared afterwards (else an old model keeps answering).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import logs
from bot.config import Settings
from bot.translate import sentences
from bot.translate.service import MissingPair

PIVOT = "en"


class PackageError(Exception):
    """A package cannot be found, downloaded or installed; the message says why."""


@dataclass(frozen=True, slots=True)
class Pair:
    source: str
    target: str
    version: str


_configured: Path | None = None
_lock = threading.Lock()


def configure(settings: Settings) -> None:
    """Point argostranslate at TRANSLATE_DIR (before its first import; once per process)."""
    global _configured
    root = settings.translation_dir
    with _lock:
        if _configured is not None:
            if _configured != root:
                raise RuntimeError(f"argostranslate already uses {_configured}, not {root}")
            return
        for folder in ("data", "cache", "config", "packages"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        os.environ["XDG_DATA_HOME"] = str(root / "data")
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")
        os.environ["ARGOS_PACKAGES_DIR"] = str(root / "packages")
        os.environ["ARGOS_PACKAGE_INDEX"] = settings.translate_package_index
        os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")
        os.environ["ARGOS_DEBUG"] = "0"  # else it logs every text to stdout, whatever we set
        logs.quiet_text_libraries()
        _configured = root


class ArgosBackend:
    """The `Backend` the Translator uses, and the package management the CLI uses."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pairs: set[tuple[str, str]] | None = None
        self._ready = False

    def _configure(self) -> None:
        if not self._ready:  # at first use, so a bot that never translates never imports it
            configure(self.settings)
            self._ready = True

    # --- what is installed ----------------------------------------------------------------
    def installed(self) -> list[Pair]:
        self._configure()
        import argostranslate.package as package

        return sorted(
            (
                Pair(p.from_code, p.to_code, str(p.package_version))
                for p in package.get_installed_packages()
            ),
            key=lambda p: (p.source, p.target),
        )

    def route(self, source: str, target: str) -> str | None:
        if self._pairs is None:
            self._pairs = {(p.source, p.target) for p in self.installed()}
        if (source, target) in self._pairs:
            return "direct"
        if (source, PIVOT) in self._pairs and (PIVOT, target) in self._pairs:
            return "pivot"
        return None

    # --- translating (blocking; called from worker threads) --------------------------------
    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self._configure()
        import argostranslate.translate as translate

        translation = translate.get_translation_from_codes(source, target)
        if translation is None:
            raise MissingPair(f"{source}→{target}")
        results = []
        for text in texts:
            lines = sentences.split(text)
            done = [[translation.translate(s) for s in line] for line in lines]
            results.append(sentences.join(done))
        return results

    # --- managing packages ------------------------------------------------------------------
    def install_file(self, path: Path) -> Pair:
        self._configure()
        import argostranslate.package as package

        if not path.is_file():
            raise PackageError(f"no such file: {path}")
        try:
            package.install_from_path(path)
        except Exception as error:
            raise PackageError(f"{path.name} is not an Argos Translate package ({error})") from None
        self._keep_offline()
        self._forget()
        installed = {(p.source, p.target): p for p in self.installed()}
        meta = _metadata_of(path)
        pair = installed.get((meta.get("from_code", ""), meta.get("to_code", "")))
        if pair is None:
            raise PackageError(f"{path.name} did not install")
        return pair

    def install_from_index(
        self, source: str, target: str, progress: Callable[[int, int], None] | None = None
    ) -> Pair:
        entry = self.find_in_index(source, target)
        links = entry.get("links") or []
        if not links:
            raise PackageError(f"the index lists {source}→{target} without a download link")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"translate-{source}_{target}.argosmodel"
            _download(str(links[0]), path, progress)
            return self.install_file(path)

    def find_in_index(self, source: str, target: str) -> dict[str, Any]:
        self._configure()
        url = self.settings.translate_package_index + "index.json"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                index = json.load(response)
        except (OSError, ValueError) as error:
            raise PackageError(f"cannot read the package index {url}: {error}") from None
        for entry in index if isinstance(index, list) else []:
            if entry.get("from_code") == source and entry.get("to_code") == target:
                return dict(entry)
        raise PackageError(f"the index {url} has no package {source}→{target}")

    def remove(self, source: str, target: str) -> Pair:
        self._configure()
        import argostranslate.package as package

        for installed in package.get_installed_packages():
            if (installed.from_code, installed.to_code) == (source, target):
                pair = Pair(source, target, str(installed.package_version))
                package.uninstall(installed)
                self._forget()
                return pair
        raise PackageError(f"no package {source}→{target} is installed")

    def _forget(self) -> None:
        """argostranslate keeps loaded models and language lists: drop them after a change."""
        self._pairs = None
        translate = sys.modules.get("argostranslate.translate")
        if translate is not None:  # not imported yet: nothing loaded to forget
            translate.installed_translates.clear()
            translate.get_installed_languages.cache_clear()

    def _keep_offline(self) -> None:
        """Give every installed package a sentence model that never calls the network."""
        packages = self.settings.translation_dir / "packages"
        for folder in packages.iterdir() if packages.is_dir() else []:
            target = folder / "minisbd"
            if folder.is_dir() and not any(target.glob("*.onnx")):
                target.mkdir(exist_ok=True)
                (target / "no_split.onnx").write_bytes(sentences.no_split_onnx())


def _download(url: str, path: Path, progress: Callable[[int, int], None] | None) -> None:
    if not url.startswith(("http://", "https://")):
        raise PackageError(f"refusing to download from {url}")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, path.open("wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(256 * 1024):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    except OSError as error:
        raise PackageError(f"download of {url} failed: {error}") from None


def _metadata_of(path: Path) -> dict[str, Any]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith("metadata.json"))
            return dict(json.loads(archive.read(name)))
    except (zipfile.BadZipFile, StopIteration, ValueError, KeyError):
        return {}
