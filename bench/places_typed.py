"""How many communes typed in another script does the CV find? Measured on typed forms.

The corpus: the names of towns where many asylum seekers and refugees live, as people would type
them in Arabic, Persian, Pashto, Tigrinya, Bengali, Ukrainian and Russian — spelling variants
included (with or without vowels, Arabic or Persian letters, hyphens or spaces). The developers
wrote it; it is not a sample of real messages.

    python bench/places_typed.py

Three figures: the share found from GeoNames' names alone (content/places/communes.csv), with
the typed forms of content/places/typed.csv, and with the romanised fallback the CV uses when
neither knows the text (bot/cv/normalize/names.py, then the communes list, asked to confirm).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cv.normalize import names
from bot.directory.places import Gazetteer

CONTENT = Path(__file__).resolve().parent.parent / "content"
CORPUS: dict[str, tuple[str, ...]] = {
    "Paris": ("باريس", "پاریس", "پارس", "پاريس", "ፓሪስ", "প্যারিস", "Париж"),
    "Lyon": ("ليون", "لیون", "ሊዮን", "লিয়ন", "Ліон", "Лион"),
    "Marseille": ("مرسيليا", "مارسی", "مارسي", "ማርሴይ", "মার্সেই", "Марсель"),
    "Toulouse": ("تولوز", "تولوس", "ቱሉዝ", "তুলুজ", "Тулуза"),
    "Nantes": ("نانت", "ናንት", "নঁত", "Нант"),
    "Strasbourg": ("ستراسبورغ", "استراسبورگ", "ስትራስቡርግ", "স্ট্রাসবুর্গ", "Страсбург"),
    "Bordeaux": ("بوردو", "ቦርዶ", "বোর্দো", "Бордо"),
    "Lille": ("ليل", "لیل", "ሊል", "লিল", "Лілль", "Лилль"),
    "Rennes": ("رين", "رن", "ሬን", "রেন", "Ренн"),
    "Grenoble": ("غرونوبل", "گرونوبل", "ግሮኖብል", "গ্রেনোবল", "Гренобль"),
    "Calais": ("كاليه", "کاله", "ካሌ", "কালে", "Кале"),
    "Saint-Denis": ("سان دوني", "سن دنی", "سان دنی", "ሰን ዴኒ", "সাঁ দেনি", "Сен-Дені", "Сен-Дени"),
    "Montreuil": ("مونتروي", "مونتروی", "ሞንትሮይ", "মঁত্রই", "Монтрей"),
    "Nice": ("نيس", "نیس", "ኒስ", "নিস", "Ніцца", "Ницца"),
    "Metz": ("ميتز", "متز", "ሜትዝ", "মেস", "Мец"),
    "Nancy": ("نانسي", "نانسی", "ናንሲ", "নঁসি", "Нансі", "Нанси"),
    "Montpellier": ("مونبلييه", "مونپلیه", "ሞንፕሊየ", "মঁপেলিয়ে", "Монпельє", "Монпелье"),
    "Dijon": ("ديجون", "دیژون", "ዲዦን", "দিজোঁ", "Діжон", "Дижон"),
    "Rouen": ("روان", "رووان", "ሩዋን", "রুয়াঁ", "Руан"),
    "Besançon": ("بيزانسون", "بزانسون", "ቤዛንሶን", "বেজাঁসোঁ", "Безансон"),
    "Aubervilliers": ("أوبرفيلييه", "اوبرویلیه", "ኦበርቪሊየ", "Обервільє", "Обервилье"),
    "Créteil": ("كريتاي", "کرتی", "ክሬቴይ", "Кретей"),
    "Cergy": ("سيرجي", "سرژی", "ሰርጂ", "Сержі", "Сержи"),
    "Villeurbanne": ("فيلوربان", "ویلوربان", "ቪለርባን", "Вілербан", "Виллербан"),
}


def share(find: object) -> tuple[int, int]:
    found = total = 0
    for commune, typed in CORPUS.items():
        for text in typed:
            total += 1
            places = find(text)  # type: ignore[operator]
            found += any(p.name == commune for p in places)
    return found, total


def main() -> None:
    plain = Gazetteer.load(CONTENT / "places", typed=False)
    full = Gazetteer.load(CONTENT / "places")

    def with_fallback(text: str) -> list[object]:
        return full.find(text) or full.find(names.suggest(text))

    for label, find in (
        ("GeoNames names alone", plain.find),
        ("+ content/places/typed.csv", full.find),
        ("+ romanised fallback (confirmed)", with_fallback),
    ):
        found, total = share(find)
        print(f"{label:<36} {found:>3} / {total} = {found / total:.0%}")


if __name__ == "__main__":
    main()
