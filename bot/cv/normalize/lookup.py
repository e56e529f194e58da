"""A list of things with names in many languages, matched leniently against what someone typed.

Countries and languages both come from CLDR (through Babel) in every language Passerelle speaks,
plus the regional variants people write (Persian of Afghanistan, Levantine Arabic month names…).
Matching ignores case, accents, vowel marks, Arabic/Persian letter variants and the Arabic
article; a typo is forgiven in names of four letters or more.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.i18n.normalize import for_matching

FUZZY_CUTOFF = 86  # rapidfuzz ratio (0–100) under which a name is not proposed
LOCALES = ("fr", "en", "fa", "fa_AF", "ps", "ar", "ti", "ti_ER", "uk", "ru", "bn", "tr")


def key(text: str) -> str:
    """The comparison key of a name: "  Al-Sūriya " and "السورية" compare by their letters."""
    folded = for_matching(text).replace("-", " ")
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in folded.split()]
    return " ".join(words)


class NameIndex:
    """Names → codes; several names may share a code, a name that means two codes keeps both."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._codes: dict[str, list[str]] = {}
        for name, code in names:
            folded = key(name)
            if folded and code not in self._codes.setdefault(folded, []):
                self._codes[folded].append(code)
        self._keys = list(self._codes)

    def find(self, text: str) -> list[str]:
        """The codes `text` names: exact first; else the closest names if close enough."""
        folded = key(text)
        if not folded:
            return []
        exact = self._codes.get(folded)
        if exact:
            return list(exact)
        if len(folded) < 4:
            return []
        found = process.extract(
            folded, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=4
        )
        best = max((score for _name, score, _i in found), default=0)
        codes = [c for name, score, _i in found if score == best for c in self._codes[name]]
        return list(dict.fromkeys(codes))
