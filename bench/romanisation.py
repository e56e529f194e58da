"""Which romaniser suggests the Latin spelling of a name best? Measured per script.

Each test name is written in its script and in the Latin letters French papers (titre de séjour,
récépissé) would most likely show: the passport's spelling — ICAO 9303 for Russian passports,
the 2010 national table for Ukrainian ones, the usual English-style spellings of Syrian, Afghan,
Bangladeshi and Eritrean passports. The list was written by the developers (it is not a sample
of real papers); it tells the candidates apart, it does not promise an accuracy.

    python bench/romanisation.py [--lexicon]

For each candidate library installed here and each script: the share of words spelled exactly as
expected (case ignored) and the mean character similarity (1 − normalised edit distance).
`--lexicon` also measures what Passerelle suggests (bot/cv/names.py: the chosen library, plus
the list of common Arabic-script names in content/cv/names.csv).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein

NAMES: dict[str, list[tuple[str, str]]] = {
    "ar": [
        ("محمد الأحمد", "Mohammad Al Ahmad"),
        ("أمل حداد", "Amal Haddad"),
        ("فاطمة حسين", "Fatima Hussein"),
        ("خالد العمر", "Khaled Al Omar"),
        ("عمر عبد الرحمن", "Omar Abdel Rahman"),
        ("رنا يوسف", "Rana Youssef"),
        ("أحمد إبراهيم", "Ahmad Ibrahim"),
        ("مريم صالح", "Mariam Saleh"),
        ("حسن علي", "Hassan Ali"),
        ("نور الهدى", "Nour Al Houda"),
    ],
    "fa": [
        ("زهرا احمدی", "Zahra Ahmadi"),
        ("محمد رحیمی", "Mohammad Rahimi"),
        ("فاطمه حسینی", "Fatemeh Hosseini"),
        ("علی کریمی", "Ali Karimi"),
        ("مریم نظری", "Maryam Nazari"),
        ("عبدالله محمدی", "Abdullah Mohammadi"),
        ("حمید رضایی", "Hamid Rezaei"),
        ("نرگس جعفری", "Narges Jafari"),
        ("مصطفی هاشمی", "Mostafa Hashemi"),
        ("سمیرا امیری", "Samira Amiri"),
    ],
    "ps": [
        ("ګل احمد", "Gul Ahmad"),
        ("شاه محمود", "Shah Mahmood"),
        ("زرغونه خان", "Zarghuna Khan"),
        ("نوراغا وزیر", "Noragha Wazir"),
        ("احمد شاه", "Ahmad Shah"),
        ("ملالۍ یوسفزۍ", "Malalai Yousafzai"),
        ("عبدالرحمن", "Abdul Rahman"),
        ("حبیب الله", "Habibullah"),
        ("بریالی", "Baryalai"),
        ("ګلالۍ", "Gulalai"),
    ],
    "ti": [
        ("ሰላም ተስፋይ", "Selam Tesfay"),
        ("ኣማኑኤል ዮሃንስ", "Amanuel Yohannes"),
        ("ዮናስ ኪዳነ", "Yonas Kidane"),
        ("ሳባ ተኽለ", "Saba Tekle"),
        ("ፍሊሞን ሃይለ", "Filmon Haile"),
        ("ሰናይት በርሀ", "Senait Berhe"),
        ("መርሃዊ ገብረመድህን", "Merhawi Gebremedhin"),
        ("ኤደን መሓሪ", "Eden Mehari"),
        ("ሄለን ገብሩ", "Helen Gebru"),
        ("ዳዊት ኣብርሃ", "Dawit Abraha"),
    ],
    "uk": [
        ("Олександр Коваленко", "Oleksandr Kovalenko"),
        ("Юрій Шевченко", "Yurii Shevchenko"),
        ("Юлія Щербак", "Yuliia Shcherbak"),
        ("Євгенія Ігнатьєва", "Yevheniia Ihnatieva"),
        ("Андрій Мельник", "Andrii Melnyk"),
        ("Наталія Бондаренко", "Nataliia Bondarenko"),
        ("Ольга Кравченко", "Olha Kravchenko"),
        ("Сергій Ткаченко", "Serhii Tkachenko"),
        ("Дмитро Бойко", "Dmytro Boiko"),
        ("Ірина Ковальчук", "Iryna Kovalchuk"),
    ],
    "ru": [
        ("Сергей Иванов", "Sergei Ivanov"),
        ("Юлия Щербакова", "Iuliia Shcherbakova"),
        ("Алексей Соловьев", "Aleksei Solovev"),
        ("Екатерина Смирнова", "Ekaterina Smirnova"),
        ("Дмитрий Кузнецов", "Dmitrii Kuznetsov"),
        ("Ольга Попова", "Olga Popova"),
        ("Наталья Соколова", "Natalia Sokolova"),
        ("Михаил Лебедев", "Mikhail Lebedev"),
        ("Анастасия Козлова", "Anastasiia Kozlova"),
        ("Андрей Новиков", "Andrei Novikov"),
    ],
    "bn": [
        ("সুমাইয়া আক্তার", "Sumaiya Akter"),
        ("মোহাম্মদ রহিম", "Mohammad Rahim"),
        ("আব্দুল করিম", "Abdul Karim"),
        ("নাসরিন বেগম", "Nasrin Begum"),
        ("রফিকুল ইসলাম", "Rafiqul Islam"),
        ("শাহিদুল আলম", "Shahidul Alam"),
        ("তানিয়া সুলতানা", "Tania Sultana"),
        ("মিজানুর রহমান", "Mizanur Rahman"),
        ("ফাতেমা খাতুন", "Fatema Khatun"),
        ("জাহিদ হাসান", "Jahid Hasan"),
    ],
}

Romaniser = Callable[[str, str], str]


def candidates() -> dict[str, Romaniser]:
    found: dict[str, Romaniser] = {}
    try:
        from anyascii import anyascii

        found["anyascii"] = lambda text, lang: anyascii(text)
    except ImportError:
        print("anyascii: not installed", file=sys.stderr)
    try:
        from unidecode import unidecode

        found["unidecode"] = lambda text, lang: unidecode(text)
    except ImportError:
        print("unidecode: not installed", file=sys.stderr)
    try:
        import iuliia

        found["iuliia ICAO 9303 (Cyrillic)"] = lambda text, lang: iuliia.ICAO_DOC_9303.translate(
            text
        )
    except ImportError:
        print("iuliia: not installed", file=sys.stderr)
    try:
        import uroman

        started = time.perf_counter()
        engine = uroman.Uroman()
        print(f"uroman: {time.perf_counter() - started:.1f} s to load", file=sys.stderr)
        codes = {"ar": "ara", "fa": "fas", "ps": "pus", "ti": "tir", "uk": "ukr", "ru": "rus"}
        found["uroman"] = lambda text, lang: str(
            engine.romanize_string(text, lcode=codes.get(lang, "ben"))
        )
    except ImportError:
        print("uroman: not installed", file=sys.stderr)
    try:
        import icu  # PyICU

        any_latin = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
        found["icu Any-Latin"] = lambda text, lang: str(any_latin.transliterate(text))
    except (ImportError, AttributeError):
        print("PyICU: not installed", file=sys.stderr)
    return found


def score(romanise: Romaniser, lang: str) -> tuple[float, float]:
    exact = similar = 0.0
    words = 0
    for written, expected in NAMES[lang]:
        got = romanise(written, lang).casefold().split()
        want = expected.casefold().split()
        if len(got) != len(want):  # "Abdul Rahman" for one written word: compare whole names
            got, want = ["".join(got)], ["".join(want)]
        for g, w in zip(got, want, strict=True):
            words += 1
            exact += g == w
            similar += Levenshtein.normalized_similarity(g, w)
    return exact / words, similar / words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", action="store_true", help="also measure bot/cv/names.py")
    args = parser.parse_args()
    found = candidates()
    if args.lexicon:
        from bot.cv.normalize import names

        found["Passerelle (bot/cv/names.py)"] = lambda text, lang: names.suggest(text, lang)
    scripts = list(NAMES)
    print(f"{'romaniser':<30}" + "".join(f"{s:>13}" for s in scripts))
    for label, romanise in found.items():
        cells = [score(romanise, lang) for lang in scripts]
        print(f"{label:<30}" + "".join(f"{e:>6.0%} {s:>5.2f}" for e, s in cells))
    print("(each cell: words spelled exactly as on papers, mean character similarity)")


if __name__ == "__main__":
    main()
