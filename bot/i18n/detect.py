"""Which language is this text in? Script first, then a statistical detector within the script.

Scripts say a lot: Ethiopic is Tigrinya here, Bengali script is Bengali, and letters only Pashto
uses (ټ ډ ړ ږ ښ ګ ڼ ۍ ې) tell Pashto — which the detector does not know (it would answer Persian).
Within Latin (French, English, Turkish), Arabic script (Arabic, Dari/Persian) and Cyrillic
(Ukrainian, Russian), lingua-language-detector decides, offline, from models shipped in its wheel
(low-accuracy mode: trigrams only, ~30 MB, well under a millisecond a message; measured in
README "Performance"). Below the confidence threshold the answer is None: better no guess than a
wrong one.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.i18n.normalize import for_matching

_PASHTO_ONLY = set("ټډړږښګڼۍېځڅ")
_PERSIAN = set("پچژگکی")
_UKRAINIAN = set("іїєґІЇЄҐ")
_TURKISH = set("ğışİĞŞ")
_GREETINGS = {
    "fr": {"bonjour", "salut", "bonsoir", "merci", "oui", "aide", "je", "suis", "coucou"},
    "en": {"hello", "hi", "hey", "thanks", "yes", "help", "good", "morning", "i", "am"},
    "tr": {"merhaba", "selam", "evet", "yardım", "teşekkürler", "iyi", "günler"},
}
# The languages lingua can tell apart, for each script.
_BY_SCRIPT = {"latin": ("fr", "en", "tr"), "arabic": ("ar", "fa"), "cyrillic": ("uk", "ru")}


@dataclass(frozen=True, slots=True)
class Detection:
    code: str
    confidence: float


def script_of(ch: str) -> str | None:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return "ethiopic"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0980 <= code <= 0x09FF:
        return "bengali"
    if ch.isalpha() and code < 0x0250:
        return "latin"
    return None


def detect(text: str, supported: Iterable[str] | None = None) -> Detection | None:
    """The most likely supported language, with a confidence between 0 and 1."""
    allowed = set(supported) if supported is not None else None
    scripts = Counter(s for s in map(script_of, text) if s)
    if not scripts:
        return None
    script = scripts.most_common(1)[0][0]
    letters = set(text)
    found: Detection | None
    if script == "ethiopic":
        found = Detection("ti", 1.0)
    elif script == "bengali":
        found = Detection("bn", 1.0)
    elif script == "arabic" and letters & _PASHTO_ONLY:
        found = Detection("ps", 0.95)
    else:
        found = _statistical(text, script)
    if found is None or (allowed is not None and found.code not in allowed):
        return None
    return found


def suggest_language(text: str, min_confidence: float = 0.6) -> str | None:
    """A language to offer first at first contact, or None."""
    if len(text.split()) <= 2:  # a greeting: word lists know those better than n-grams
        known = _greeting(text)
        if known is not None:
            return known
    found = detect(text)
    if found is not None and found.confidence >= min_confidence:
        return found.code
    return _by_letters_and_greetings(text)


def _statistical(text: str, script: str) -> Detection | None:
    candidates = _BY_SCRIPT.get(script)
    if not candidates:
        return None
    values = _detector(candidates).compute_language_confidence_values(text)
    if not values:
        return None
    best = values[0]
    return Detection(best.language.iso_code_639_1.name.lower(), float(best.value))


_detectors: dict[tuple[str, ...], Any] = {}
_lock = threading.Lock()


def _detector(codes: tuple[str, ...]) -> Any:
    with _lock:
        if codes not in _detectors:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            languages = [
                Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes
            ]
            _detectors[codes] = (
                LanguageDetectorBuilder.from_languages(*languages)
                .with_low_accuracy_mode()
                .with_preloaded_language_models()
                .build()
            )
        return _detectors[codes]


def _by_letters_and_greetings(text: str) -> str | None:
    """The fallback when the detector is unsure: telltale letters, then common greetings."""
    letters = set(text)
    scripts = Counter(s for s in map(script_of, text) if s)
    script = scripts.most_common(1)[0][0] if scripts else None
    if script == "cyrillic":
        return "uk" if letters & _UKRAINIAN else "ru"
    if script == "arabic":
        return "fa" if letters & _PERSIAN else "ar"
    if letters & _TURKISH:
        return "tr"
    return _greeting(text)


def _greeting(text: str) -> str | None:
    words = set(for_matching(text).replace(",", " ").split())
    best = max(_GREETINGS, key=lambda code: len(words & _GREETINGS[code]))
    return best if words & _GREETINGS[best] else None
