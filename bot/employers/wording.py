"""Words a coordinator should look at before publishing an offer: what French law forbids a job
offer to ask (Code du travail L.1132-1 and L.5331-2: origin, nationality, sex, age, family
situation, religion, disability, health, looks, name, place of living…), and words that would turn
the employer's commitment into a condition ("réservé aux réfugiés"). A hint on the moderation
page, never a decision: "tenue correcte" or "permis B" are fine, and only a person can tell.

The patterns are French, as offers are (they are matched on the offer's folded text).
"""

from __future__ import annotations

import re

from bot.directory.places import fold

PATTERNS = (
    r"\bnationalit",
    r"\borigine",
    r"\bethni",
    r"\brace\b",
    r"\breligi",
    r"\bmusulman",
    r"\bchretien",
    r"\bjuif",
    r"\bage (minimum|maximum|entre|de \d)",
    r"\b(moins|plus) de \d+ ans\b",
    r"\bjeune\b",
    r"\b(homme|femme)s? (uniquement|seulement|exclusivement)",
    r"\b(uniquement|seulement|exclusivement) (des )?(homme|femme)",
    r"\benceinte\b",
    r"\bsituation (de famille|familiale)",
    r"\bcelibataire\b",
    r"\bhandicap",
    r"\bsante\b",
    r"\bapparence\b",
    r"\bphysique\b",
    r"\bnom de famille\b",
    r"\bphoto\b",
    r"\bsyndica",
    r"\b(reserve|reservee|uniquement|seulement|exclusivement) (aux? |pour (les )?)?refugie",
    r"\bfrancais de naissance\b",
    r"\blangue maternelle\b",
)
_COMPILED = [re.compile(p) for p in PATTERNS]


def to_look_at(*texts: str) -> list[str]:
    """The passages of the offer that match a pattern, as written (a few words around)."""
    found: list[str] = []
    for text in texts:
        folded = fold(text)
        for pattern in _COMPILED:
            for match in pattern.finditer(folded):
                start = max(0, match.start() - 25)
                excerpt = folded[start : match.end() + 25].strip()
                if excerpt not in found:
                    found.append(excerpt)
    return found[:12]
