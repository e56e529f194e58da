"""An employer's name in Latin letters: the common nouns it is made of in their usual French
("مطعم الياسمين" → "Restaurant Alyasmyn", not "Mtm Alyasmyn"), the rest spelled as a name
(bot/cv/normalize/names.py).

A romaniser spells "مطعم" as its letters; a French employer reading the CV knows it as a
restaurant. content/cv/employer_words.csv lists such nouns per script (one word, or two:
"ቤት ብልዒ", "شركة مقاولات"), matched like names (letter variants, the Arabic article). As for
names, the person confirms or corrects the suggestion.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from bot.cv.normalize import names
from bot.cv.normalize.lookup import key

WORDS_FILE = Path(__file__).resolve().parents[3] / "content" / "cv" / "employer_words.csv"
LONGEST = 2  # words in the longest noun of the list


def suggest(text: str, lang: str = "") -> str:
    """The most likely Latin spelling of the employer `text`."""
    words = text.split()
    if names.is_latin(text) or not words:
        return " ".join(words)
    parts: list[str] = []
    rest: list[str] = []  # words of a name, spelled together (a name may be two words)
    index = 0
    while index < len(words):
        size, noun = _noun_at(words, index)
        if noun is None:
            rest.append(words[index])
        else:
            if rest:
                parts.append(names.suggest(" ".join(rest), lang))
                rest = []
            parts.append(noun)
        index += size
    if rest:
        parts.append(names.suggest(" ".join(rest), lang))
    return " ".join(parts)


def _noun_at(words: list[str], index: int) -> tuple[int, str | None]:
    """The common noun starting at `words[index]` (the longest listed) and how many words it
    takes; else one word and None."""
    for size in range(min(LONGEST, len(words) - index), 0, -1):
        noun = _nouns().get(key(" ".join(words[index : index + size])))
        if noun is not None:
            return size, noun
    return 1, None


@cache
def _nouns() -> dict[str, str]:
    found: dict[str, str] = {}
    with WORDS_FILE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            found.setdefault(key(row["written"]), row["french"])
    return found
