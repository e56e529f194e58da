"""Normalising what people type, so answers match however they are spelled or typed.

`for_matching("  Arrêt! ")` and `for_matching("arret")` are equal; so are Arabic and Persian
keyboard variants of the same word (ي/ی, ك/ک, أ/ا, ة/ه), words with or without vowel marks or a
zero-width non-joiner, and digits in any script. `clean_input` removes control characters from
incoming text while keeping what the person wrote.
"""

from __future__ import annotations

import re
import unicodedata

from bot.i18n.bidi import MARKS

_LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh → Farsi yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf → keheh
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ـ": None,  # tatweel (elongation)
        "ı": "i",  # Turkish dotless i, often typed either way
        "’": "'",  # typographic apostrophes, as phone keyboards type them
        "ʼ": "'",  # (Ukrainian's apostrophe letter)
        "‘": "'",
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
    }
)
LETTER_VARIANTS = _LETTER_VARIANTS  # for other folds (place names)
_EDGE_PUNCTUATION = " \t\n.,;:!?¿¡…'\"«»“”‘’()[]{}*_~-–—،؛؟።፣፤፥፧"
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^\s*(\d{1,4})\s*[.)]?\s*$")


def for_matching(text: str) -> str:
    """A comparison key: no case, accents, vowel marks, letter variants or edge punctuation."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch not in MARKS)
    text = unicodedata.normalize("NFKC", text).translate(_LETTER_VARIANTS)
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCTUATION)


def as_number(text: str) -> int | None:
    """ "2", "2.", " ٢ " or "۲)" → 2; anything else → None."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    return int(match.group(1))  # int() reads every script's decimal digits


def clean_input(text: str, max_chars: int) -> tuple[str, bool]:
    """Keep letters, emoji, line breaks and tabs; drop other control characters; cut to size.

    Returns the cleaned text and whether it was cut.
    """
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )
    kept = kept.replace("\r\n", "\n").strip()
    if len(kept) > max_chars:
        return kept[:max_chars].rstrip(), True
    return kept, False
