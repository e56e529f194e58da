"""The emergency corpus: labelled messages per language, split into development and held-out parts.

The format and the labelling rules are in README.md beside this file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
LANGUAGES = ("fr", "en", "fa", "ps", "ar", "ti", "uk", "ru", "bn", "tr")
HELD_OUT_BELOW = 77  # first SHA-256 byte below this: held out (about 30 %)
NOTE = "  # "


@dataclass(frozen=True, slots=True)
class Example:
    lang: str
    line: int
    alarm: bool
    text: str
    note: str

    @property
    def part(self) -> str:
        digest = hashlib.sha256(self.text.encode("utf-8")).digest()
        return "held-out" if digest[0] < HELD_OUT_BELOW else "dev"


class CorpusError(ValueError):
    """A corpus line is not `+ text` or `- text`; the message names the file and line."""


def load(lang: str) -> list[Example]:
    path = HERE / f"{lang}.txt"
    examples = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw[:2] not in ("+ ", "- "):
            raise CorpusError(f"{path.name}:{number}: start with '+ ' or '- ': {raw!r}")
        text, _, note = raw[2:].partition(NOTE)
        examples.append(Example(lang, number, raw[0] == "+", text.strip(), note.strip()))
    return examples


def load_all() -> list[Example]:
    return [example for lang in LANGUAGES for example in load(lang)]
