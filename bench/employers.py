"""Employers' names in other scripts: what the CV suggests in Latin letters, before and after
their common nouns were given in French (content/cv/employer_words.csv).

Each example is an employer as a person might type it, and the Latin spelling a French employer
reading the CV would understand best: the common noun in French ("Restaurant"), the name as its
owners would write it in Latin letters. Written by the developers, six or so per script; it
shows what the list changes, it does not promise an accuracy.

    python bench/employers.py

For each script: the share of words spelled exactly as expected (case ignored), the mean
character similarity (1 − normalised edit distance), and the common nouns written in French.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein

from bot.cv.normalize import employers, names

# (typed, expected, its common noun in French)
EMPLOYERS: dict[str, list[tuple[str, str, str]]] = {
    "ar": [
        ("مطعم الياسمين", "Restaurant Al Yasmine", "Restaurant"),
        ("شركة النور", "Société Al Nour", "Société"),
        ("مخبز أبو أحمد", "Boulangerie Abou Ahmad", "Boulangerie"),
        ("ورشة خالد", "Atelier Khaled", "Atelier"),
        ("فندق الشام", "Hôtel Al Sham", "Hôtel"),
        ("مقهى دمشق", "Café Damas", "Café"),
    ],
    "fa": [
        ("رستوران علی", "Restaurant Ali", "Restaurant"),
        ("نانوایی رضا", "Boulangerie Reza", "Boulangerie"),
        ("شرکت ساختمانی البرز", "Entreprise de construction Alborz", "Entreprise de construction"),
        ("کارگاه خیاطی مریم", "Atelier de couture Maryam", "Atelier de couture"),
        ("هتل کابل", "Hôtel Kaboul", "Hôtel"),
        ("فروشگاه امید", "Magasin Omid", "Magasin"),
    ],
    "ps": [
        ("رستورانت خیبر", "Restaurant Khyber", "Restaurant"),
        ("نانوایي کابل", "Boulangerie Kaboul", "Boulangerie"),
        ("کمپنۍ آریانا", "Société Ariana", "Société"),
        ("هوټل سپین غر", "Hôtel Spin Ghar", "Hôtel"),
        ("دوکان ګل احمد", "Boutique Gul Ahmad", "Boutique"),
    ],
    "ti": [
        ("ቤት ብልዒ ሰላም", "Restaurant Selam", "Restaurant"),
        ("ሆቴል ኣስመራ", "Hôtel Asmara", "Hôtel"),
        ("ፋብሪካ ባርካ", "Usine Barka", "Usine"),
        ("ድኳን ዳዊት", "Boutique Dawit", "Boutique"),
        ("ጋራጅ ተስፋይ", "Garage Tesfay", "Garage"),
    ],
    "bn": [
        ("রহিম রেস্তোরাঁ", "Rahim Restaurant", "Restaurant"),
        ("করিম বেকারি", "Karim Boulangerie", "Boulangerie"),
        ("ঢাকা গার্মেন্টস", "Dhaka Garments", "Garments"),
        ("সোনালী হোটেল", "Sonali Hôtel", "Hôtel"),
        ("আলম দোকান", "Alam Magasin", "Magasin"),
    ],
    "uk": [
        ("Ресторан Київ", "Restaurant Kyiv", "Restaurant"),
        ("Пекарня Хлібна", "Boulangerie Khlibna", "Boulangerie"),
        ("Аптека Здоров'я", "Pharmacie Zdorovia", "Pharmacie"),
        ("Готель Дніпро", "Hôtel Dnipro", "Hôtel"),
    ],
    "ru": [
        ("Кафе Ромашка", "Café Romashka", "Café"),
        ("Завод Электросила", "Usine Elektrosila", "Usine"),
        ("Магазин Берёзка", "Magasin Berezka", "Magasin"),
        ("Гостиница Москва", "Hôtel Moskva", "Hôtel"),
    ],
}

Suggest = Callable[[str, str], str]


def score(suggest: Suggest, lang: str) -> tuple[float, float]:
    exact = similar = 0.0
    words = 0
    for typed, expected, _nouns in EMPLOYERS[lang]:
        got, want = suggest(typed, lang).casefold().split(), expected.casefold().split()
        if len(got) != len(want):  # compare whole names when the words do not line up
            got, want = [" ".join(got)], [" ".join(want)]
        for g, w in zip(got, want, strict=True):
            words += 1
            exact += g == w
            similar += Levenshtein.normalized_similarity(g, w)
    return exact / words, similar / words


def nouns_in_french(suggest: Suggest, lang: str) -> str:
    """How many of the examples' common nouns come out as the French word."""
    rows = EMPLOYERS[lang]
    found = sum(noun.casefold() in suggest(typed, lang).casefold() for typed, _e, noun in rows)
    return f"{found}/{len(rows)}"


def main() -> None:
    suggesters: dict[str, Suggest] = {
        "before (names.suggest)": names.suggest,
        "after (employers.suggest)": employers.suggest,
    }
    scripts = list(EMPLOYERS)
    print(f"{'':<27}" + "".join(f"{s:>17}" for s in scripts))
    for label, suggest in suggesters.items():
        cells = [(*score(suggest, lang), nouns_in_french(suggest, lang)) for lang in scripts]
        print(f"{label:<27}" + "".join(f"{e:>5.0%} {s:>4.2f} {n:>5}" for e, s, n in cells))
    print("(each cell: words exactly as expected, mean character similarity, nouns in French)")


if __name__ == "__main__":
    main()
