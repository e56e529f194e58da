"""Countries, typed in any of the ten languages, as the French name a CV prints.

"سوريا", "Сирія", "Syria" and "سوریه" are all "SY", printed "Syrie". The names are CLDR's, through
Babel, in every locale Passerelle speaks; a few names people also use are added here.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from bot.cv.normalize.lookup import LOCALES, NameIndex

# Codes CLDR lists among territories that are not countries a person comes from.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# Other names in common use (CLDR gives one name per language).
_ALSO = (
    ("Syrie arabe", "SY"),
    ("سورية", "SY"),
    ("Soudan du Nord", "SD"),
    ("Côte d'Ivoire", "CI"),
    ("Ivory Coast", "CI"),
    ("RDC", "CD"),
    ("Congo RDC", "CD"),
    ("Congo Kinshasa", "CD"),
    ("Congo Brazzaville", "CG"),
    ("Congo", "CG"),
    ("Congo", "CD"),
    ("Birmanie", "MM"),
    ("Burma", "MM"),
    ("UK", "GB"),
    ("Angleterre", "GB"),
    ("England", "GB"),
    ("USA", "US"),
    ("Amérique", "US"),
    ("Russie", "RU"),
    ("Iran", "IR"),
    ("Palestine", "PS"),
    ("فلسطين", "PS"),
    ("Turquie", "TR"),
    ("Türkiye", "TR"),
    ("ایران", "IR"),
    ("افغانستان", "AF"),
)


@cache
def index() -> NameIndex:
    names: list[tuple[str, str]] = list(_ALSO)
    for code in LOCALES:
        for territory, name in Locale.parse(code).territories.items():
            if territory.isalpha() and territory not in _NOT_COUNTRIES:
                names.append((name, territory))
    return NameIndex(names)


def find(text: str) -> list[str]:
    """The country codes `text` may name (usually one; none when unknown)."""
    return [code for code in index().find(text) if code not in _NOT_COUNTRIES]


def name(code: str, lang: str = "fr") -> str:
    """ "SY" → "Syrie" (or the name in `lang`)."""
    locale = Locale.parse("fa_AF" if lang == "prs" else lang)
    return str(locale.territories.get(code) or Locale.parse("fr").territories.get(code, code))
