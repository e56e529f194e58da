"""A person's name in Latin letters, as their papers (titre de séjour, récépissé) write it.

A name typed in another script gets a suggestion the person confirms or corrects; nothing is
written on the CV without their word. What suggests it was chosen by measuring candidates on
names of each script (`bench/romanisation.py`, figures in the README):

- Russian: `iuliia`'s ICAO Doc 9303 table, the one Russian passports use (every test name right);
- Ukrainian: `uroman` (70 % of words right; `anyascii` 35 %);
- Arabic, Persian, Pashto: common names from content/cv/names.csv (short vowels are not written,
  so no table can guess "Mohammad" from "محمد"), then `uroman`, the closest of the libraries;
  the same list gives the French names of the towns people most often come from ("حلب" is
  Alep, "ኣስመራ" Asmara);
- Tigrinya (Ethiopic), Bengali and anything else: `anyascii` (its syllables come out as papers
  write them: "ሰላም ተስፋይ" → "Selam Tesfay").

`uroman` takes about 2.5 s and 60 MB to load: it is loaded in a thread by the name question's
`prepare` hook (`warm_up`), the first time someone types a Cyrillic or Arabic-script name.
"""

from __future__ import annotations

import csv
import threading
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from anyascii import anyascii

from bot.i18n.normalize import for_matching as key

NAMES_FILE = Path(__file__).resolve().parents[3] / "content" / "cv" / "names.csv"
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_UROMAN_CODES = {"ar": "ara", "fa": "fas", "prs": "fas", "ps": "pus", "uk": "ukr"}
_lock = threading.Lock()


def is_latin(text: str) -> bool:
    """Only Latin letters (with accents), digits, spaces and punctuation."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def script(text: str) -> str:
    """ "arabic", "cyrillic", "ethiopic", "bengali", "latin" or "other": the first letter's."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for word in ("ARABIC", "CYRILLIC", "ETHIOPIC", "BENGALI", "LATIN"):
                if name.startswith(word):
                    return word.lower()
            return "other"
    return "other"


def suggest(text: str, lang: str = "") -> str:
    """The most likely Latin spelling of the name `text`, capitalised ("Zahra Ahmadi"). Names in
    content/cv/names.csv are taken as they are written there ("Alep", "Mazar-e Charif")."""
    text = " ".join(text.split())
    if is_latin(text):
        return text
    known = _known(text)
    if known:
        return known
    kind = script(text)
    if kind == "cyrillic":
        ukrainian = lang == "uk" or (lang != "ru" and _UKRAINIAN_LETTERS & set(text))
        latin = _capitalised(_uroman(text, "uk") if ukrainian else _icao(text))
    elif kind == "arabic":
        latin = _arabic_script(text, lang)
    else:
        return _capitalised(anyascii(text))
    return latin


def warm_up(text: str) -> None:
    """Load what `suggest(text)` will need (uroman for Cyrillic and Arabic script)."""
    if script(text) in ("cyrillic", "arabic"):
        _engine()


def _arabic_script(text: str, lang: str) -> str:
    words = text.split()
    out: list[str] = []
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2]) if index + 1 < len(words) else ""
        if pair and _known(pair):
            out.append(_known(pair) or "")
            index += 2
            continue
        word = words[index]
        out.append(_known(word) or _capitalised(_uroman(word, lang or "ar")))
        index += 1
    return " ".join(out)


def _icao(text: str) -> str:
    import iuliia  # small; imported here with the rest of the Cyrillic path

    return str(iuliia.ICAO_DOC_9303.translate(text))


def _uroman(text: str, lang: str) -> str:
    romanised = str(_engine().romanize_string(text, lcode=_UROMAN_CODES.get(lang, "ara")))
    return anyascii(romanised).replace("'", "").replace("`", "")


def _known(text: str) -> str | None:
    """The spelling content/cv/names.csv gives: for the text as written ("فاطمة" is Fatima,
    "فاطمه" Fatemeh), else for its letters whatever the keyboard variant."""
    exact, folded = _lexicon()
    return exact.get(text) or folded.get(key(text))


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    with NAMES_FILE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            exact.setdefault(row["written"], row["latin"])
            folded.setdefault(key(row["written"]), row["latin"])
    return exact, folded


def _engine() -> Any:
    with _lock:
        return _load_uroman()


@cache
def _load_uroman() -> Any:
    import uroman

    return uroman.Uroman()


def _capitalised(text: str) -> str:
    text = text.replace("'", "").replace("`", "")  # romanisers' marks for glottal stops
    words = []
    for word in text.split():
        parts = word.split("-")
        words.append("-".join(p[:1].upper() + p[1:].lower() if p else p for p in parts))
    return " ".join(words)
