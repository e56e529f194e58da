"""Matching a trade someone typed ("soudeuse", "aide-soignant de nuit") to offer titles.

People pick their trade from a short list (with a ROME code) or type it in their own words, which
the CV keeps with a French translation. Offers store their title's words folded (no case, no
accents) and reduced to one form, masculine singular, so that "Boulangère", "boulangers" and
"BOULANGER (H/F)" are all `boulanger`. A typed trade matches an offer whose title holds every one
of its words: "aide soignante" finds "Aide-soignant de nuit H/F" and not "Aide cuisinier".
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.directory.places import fold

# Words that say nothing about the trade ("h/f" is in every French title).
STOP = frozenset(
    {
        *("a", "au", "aux", "avec", "chez", "d", "de", "des", "du", "en", "et", "f", "h"),
        *("l", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une"),
    }
)
# Feminine endings → masculine (after a plural s/x is dropped), longest first.
_ENDINGS = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("ienne", "ien"),
    ("ere", "er"),
    ("ante", "ant"),
    ("ente", "ent"),
)


def stem(word: str) -> str:
    if len(word) > 4 and word[-1] in "sx":
        word = word[:-1]
    for ending, masculine in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + masculine
    return word


def words(text: str) -> list[str]:
    """The words of a title or a typed trade, folded and stemmed, in order, without repeats."""
    found = (stem(w) for w in fold(text).split() if len(w) > 1 and w.isalnum() and w not in STOP)
    return list(dict.fromkeys(found))


def title_words(title: str) -> str:
    """What the jobs table keeps for a title: its words between spaces (" aide soignant nuit "),
    so that `LIKE '% word %'` matches whole words only."""
    return f" {' '.join(words(title))} "


def phrases(typed: Iterable[str]) -> tuple[str, ...]:
    """The typed trades, each as the words an offer's title must all hold."""
    found = (" ".join(words(text)) for text in typed)
    return tuple(dict.fromkeys(phrase for phrase in found if phrase))


def matches(phrase: str, kept: str) -> bool:
    """Does a title's kept words (`title_words`) hold every word of `phrase`?"""
    return all(f" {word} " in kept for word in phrase.split())
