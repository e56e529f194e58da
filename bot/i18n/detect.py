"""Which language is this text in? Script, telltale letters and words, then a statistical detector.

Scripts say a lot: Ethiopic is Tigrinya here, Bengali script is Bengali. Inside a script several
supported languages share the letters — Arabic, Dari and Pashto; Ukrainian and Russian; French,
English and Turkish — and a first message is often one or two words, where the statistical
detector (lingua-language-detector, offline, low-accuracy mode: trigrams, ~30 MB) guesses wildly
("hello" comes out French, "Добрий день" Russian). So, in this order:

1. letters only one of the script's languages uses (ټ ډ ړ… Pashto, і ї є ґ Ukrainian, ы э ъ ё
   Russian, ğ ı ş Turkish, ة ك Arabic; پ چ ژ گ ک ی rule Arabic out);
2. greetings and everyday words, each with the languages that use it (`_WORDS`: "добрий" is
   Ukrainian, "доброго" both, "salam" Dari, Pashto, Arabic and Bengali typed in Latin letters);
3. the detector, for three words or more, when it is confident and every language still possible
   is one it knows (it cannot tell Dari from Pashto, nor Turkish from Tigrinya in Latin letters).

`plausible_languages` answers one language when the evidence is strong, otherwise the few that
fit, most likely first, for the onboarding to offer first instead of picking one (measured on
`bench/first_messages.tsv` by `bench/language_detection.py`, figures in the README); nothing
when it has no idea. `detect` (the source of a text to translate) keeps the single best guess.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.i18n.normalize import for_matching

_PASHTO_ONLY = set("ټډړږښګڼۍېځڅ")
_NOT_ARABIC = set("پچژگکی")  # Dari and Pashto letters (and forms) Arabic does not use
_ONLY = {
    "arabic": {"ar": set("ةك")},
    "cyrillic": {"uk": set("іїєґІЇЄҐ"), "ru": set("ыэъёЫЭЪЁ")},
    "latin": {"tr": set("ğışİĞŞ")},
}
# The languages lingua can tell apart, for each script; and every supported one of the script.
_BY_SCRIPT = {"latin": ("fr", "en", "tr"), "arabic": ("ar", "fa"), "cyrillic": ("uk", "ru")}
_SCRIPT_LANGUAGES = {
    "latin": ("fr", "en", "tr"),
    "arabic": ("fa", "ar", "ps"),
    "cyrillic": ("uk", "ru"),
    "ethiopic": ("ti",),
    "bengali": ("bn",),
}
_ROMANISED_SALAM = ("fa", "ps", "ar", "bn")
# Greetings and everyday words of first messages, with the languages that use them, most likely
# first (keys compared as `for_matching` leaves them: no case, accents or letter variants).
_LEXICON: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "bonjour salut bonsoir coucou bjr slt merci aide aidez moi vous plaît svp madame "
        "monsieur oui je suis cherche besoin travail où dormir soir veux apprendre français "
        "demandeur asile est avocat urgence logement papiers préfecture",
        ("fr",),
    ),
    (
        "hello hi hey thanks thank good morning evening help please yes am need looking there "
        "where sleep speak english",
        ("en",),
    ),
    (
        "merhaba merhabalar selamlar günaydın iyi günler akşamlar teşekkürler teşekkür evet "
        "nasılsınız yardım",
        ("tr",),
    ),
    ("selam", ("tr", "ti")),
    ("marhaba", ("ar", "tr")),
    ("salam salaam assalam asalam", _ROMANISED_SALAM),
    ("alaykum alaikum aleikum assalamu salamu", ("ar", "fa", "ps", "bn")),
    ("khubi khub chetori tashakor", ("fa",)),
    ("shukran ahlan", ("ar",)),
    ("stare mashe manana", ("ps",)),
    ("namaskar dhonnobad ami apni", ("bn",)),
    ("سلام السلام", ("fa", "ar", "ps")),
    ("مرحبا اهلا أهلا صباح مساء الخير شكرا", ("ar",)),
    ("تشکر بخیر خوبی چطور", ("fa", "ps")),
    ("مننه", ("ps",)),
    ("добрий ранку ранок вітаю привіт дякую будь ласка", ("uk",)),
    ("добрый доброе утро здравствуйте привет спасибо", ("ru",)),
    ("доброго дня", ("uk", "ru")),
)
_WORDS = {for_matching(word): langs for words, langs in _LEXICON for word in words.split()}
_WORD = re.compile(r"[^\W\d_]+")
_LONG_ENOUGH = 3  # words, for the statistical detector to decide alone


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


def _script(text: str) -> str | None:
    scripts = Counter(s for s in map(script_of, text) if s)
    return scripts.most_common(1)[0][0] if scripts else None


def detect(text: str, supported: Iterable[str] | None = None) -> Detection | None:
    """The most likely supported language, with a confidence between 0 and 1."""
    allowed = set(supported) if supported is not None else None
    script = _script(text)
    if script is None:
        return None
    found: Detection | None
    if script == "ethiopic":
        found = Detection("ti", 1.0)
    elif script == "bengali":
        found = Detection("bn", 1.0)
    elif script == "arabic" and set(text) & _PASHTO_ONLY:
        found = Detection("ps", 0.95)
    else:
        ranked = _ranked(text, script)
        found = ranked[0] if ranked else None
    if found is None or (allowed is not None and found.code not in allowed):
        return None
    return found


def plausible_languages(text: str, min_confidence: float = 0.6) -> tuple[str, ...]:
    """The languages to offer first at first contact, most likely first: one when the evidence
    is strong, a few when it is weak or the script is shared, none when nothing fits."""
    script = _script(text)
    if script is None:
        return ()
    candidates = _SCRIPT_LANGUAGES[script]
    if len(candidates) == 1:
        return candidates
    letters = set(text)
    if script == "arabic" and letters & _PASHTO_ONLY:
        return ("ps",)
    marked = [code for code, only in _ONLY.get(script, {}).items() if letters & only]
    if len(marked) == 1:
        return (marked[0],)
    if script == "arabic" and letters & _NOT_ARABIC:
        candidates = ("fa", "ps")
    words = _WORD.findall(for_matching(text))
    fitting = _fitting_words(words, script, candidates)
    if len(fitting) == 1:
        return fitting
    ranked = _ranked(text, script)
    best = ranked[0] if ranked else None
    possible = fitting or candidates
    if (
        best is not None
        and len(words) >= _LONG_ENOUGH
        and best.confidence >= min_confidence
        and best.code in possible
        and set(possible) <= set(_BY_SCRIPT[script])  # it cannot rule out Pashto or Tigrinya
    ):
        return (best.code,)
    order = {d.code: n for n, d in enumerate(ranked)}
    if fitting:  # the words' languages, the detector's favourite first among equals
        return fitting
    # Nothing but the script: its languages, the detector's order, then the ones it cannot tell.
    return tuple(sorted(candidates, key=lambda code: order.get(code, len(order))))


def suggest_language(text: str, min_confidence: float = 0.6) -> str | None:
    """The one language the first message is surely in, or None."""
    found = plausible_languages(text, min_confidence)
    return found[0] if len(found) == 1 else None


def _fitting_words(words: list[str], script: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The languages every known word of the message belongs to (in the first word's order);
    if the words disagree, every language one of them belongs to."""
    known = [
        kept
        for word in words
        if (kept := [c for c in _WORDS.get(word, ()) if c in candidates or script == "latin"])
    ]
    if not known:
        return ()
    common = [c for c in known[0] if all(c in langs for langs in known[1:])]
    if common:
        return tuple(common)
    votes = Counter(c for langs in known for c in langs)
    return tuple(c for c, _ in votes.most_common())


def _ranked(text: str, script: str) -> list[Detection]:
    candidates = _BY_SCRIPT.get(script)
    if not candidates:
        return []
    values = _detector(candidates).compute_language_confidence_values(text)
    return [Detection(v.language.iso_code_639_1.name.lower(), float(v.value)) for v in values]


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
