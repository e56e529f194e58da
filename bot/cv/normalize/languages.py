"""Languages, typed in any of the ten languages, as the French name a CV prints.

"الكردية" (Arabic), "ኣምሓርኛ" (Tigrinya) and "Kurdish" give "ku" and "am", printed "kurde" and
"amharique": CLDR's names through Babel in every locale Passerelle speaks. Dari, which CLDR
counts as Persian of Afghanistan, is added with its names.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from bot.cv.normalize.lookup import LOCALES, NameIndex

_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})
# Languages people name that CLDR has no entry for (code → names; the French one first).
_EXTRA: dict[str, tuple[str, ...]] = {
    "prs": ("dari", "Dari", "دری", "دري", "زبان دری", "ዳሪ", "дари", "দারি", "Darice"),
    "haz": ("hazaragi", "Hazaragi", "هزارگی", "هزاره گی", "хазараги"),
}
# Other names in common use for languages CLDR has.
_ALSO = (
    ("farsi", "fa"),
    ("فارسی دری", "prs"),
    ("afghan", "ps"),
    ("pachtou", "ps"),
    ("pashto", "ps"),
    ("tigrinya", "ti"),
    ("tigrigna", "ti"),
    ("ትግሪኛ", "ti"),
    ("kurmandji", "ku"),
    ("kurmanji", "ku"),
    ("sorani", "ckb"),
    ("سورانی", "ckb"),
    ("کوردی", "ku"),
    ("amhara", "am"),
    ("bangla", "bn"),
    ("soudanais", "ar"),
    ("arabe soudanais", "ar"),
    ("arabe syrien", "ar"),
)


@cache
def index() -> NameIndex:
    names: list[tuple[str, str]] = list(_ALSO)
    for locale in LOCALES:
        for code, name in Locale.parse(locale).languages.items():
            if "_" not in code and code not in _NOT_LANGUAGES:
                names.append((name, code))
    for code, extra in _EXTRA.items():
        names.extend((name, code) for name in extra)
    return NameIndex(names)


def find(text: str) -> list[str]:
    """The language codes `text` may name (usually one; none when unknown)."""
    return index().find(text)


def name(code: str, lang: str = "fr") -> str:
    """ "ku" → "kurde" (or the name in `lang`); Dari is named from its own list."""
    if code in _EXTRA:
        return _EXTRA[code][0] if lang == "fr" else _EXTRA[code][1]
    locale = Locale.parse("fa_AF" if lang == "prs" else lang)
    found = locale.languages.get(code) or Locale.parse("fr").languages.get(code)
    return str(found or code)
