"""Suggesting a language from the script of a first message, before we can ask.

Scripts say a lot: Ethiopic is Tigrinya here, Bengali script is Bengali; within Arabic script,
letters only Pashto uses (ټ ډ ړ ږ ښ ګ ڼ ۍ ې) tell Pashto, letters Persian adds to Arabic (پ چ ژ گ)
or its keyboard's ی/ک tell Dari/Persian; within Cyrillic, і ї є ґ tell Ukrainian. For Latin script
we look for Turkish letters and a few very common greetings. Anything unsure returns None.
"""

from __future__ import annotations

from collections import Counter

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


def suggest_language(text: str) -> str | None:
    scripts = Counter(s for s in map(script_of, text) if s)
    if not scripts:
        return None
    script = scripts.most_common(1)[0][0]
    letters = set(text)
    if script == "ethiopic":
        return "ti"
    if script == "bengali":
        return "bn"
    if script == "cyrillic":
        return "uk" if letters & _UKRAINIAN else "ru"
    if script == "arabic":
        if letters & _PASHTO_ONLY:
            return "ps"
        return "fa" if letters & _PERSIAN else "ar"
    if letters & _TURKISH:
        return "tr"
    words = set(for_matching(text).replace(",", " ").split())
    best = max(_GREETINGS, key=lambda code: len(words & _GREETINGS[code]))
    return best if words & _GREETINGS[best] else None
