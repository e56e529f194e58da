"""CV PDF benchmark: render a typical French CV and a typical bilingual Arabic CV 50 times each.

    python bench/cv_pdf.py

Each render loads its fonts, lays the CV out, draws it and subsets the fonts (`bot.cv.pdf`); the
first, untimed render only warms up imports. Prints p50/p95 in milliseconds and the peak RSS.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cv.document import CvDocument, Line, Section  # noqa: E402
from bot.cv.pdf import render  # noqa: E402

FONTS = ROOT / "content" / "fonts"
ROUNDS = 50


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


FRENCH = CvDocument(
    name="Oleksandr Kovalenko",
    headline=Line("Électricien · Manutentionnaire"),
    contact=("06 11 22 33 44", "o.kovalenko@example.com", "Toulouse"),
    sections=(
        Section(
            "Expérience professionnelle",
            lines=(
                Line("2018-2022 : électricien en bâtiment, entreprise Budmontazh, Kharkiv"),
                Line(
                    "Installation et mise aux normes de tableaux électriques, câblage de logements"
                ),
                Line("2015-2018 : magasinier, préparation de commandes, chariot élévateur"),
                Line("2024 : mission d'intérim de 3 mois comme manutentionnaire, Toulouse"),
            ),
        ),
        Section(
            "Formation",
            lines=(
                Line("2014 : diplôme professionnel d'électricien, lycée technique de Kharkiv"),
                Line("2024 : cours de français langue étrangère (FLE), 200 heures"),
            ),
        ),
        Section(
            "Langues",
            lines=(
                Line("Ukrainien : langue maternelle"),
                Line("Russe : courant"),
                Line("Français : niveau A2, en progrès"),
            ),
        ),
        Section(
            "Compétences",
            lines=(
                Line("Lecture de schémas électriques, habilitation électrique"),
                Line("CACES 3 (chariot élévateur) obtenu en Ukraine"),
                Line("Sérieux, ponctuel, habitué au travail en équipe"),
            ),
        ),
    ),
    language="uk",
    footer="CV réalisé avec Passerelle — 28/11/2026",
)

ARABIC = CvDocument(
    name="أحمد الحسن",
    headline=Line("Cuisinier · Agent d'entretien", "طباخ · عامل نظافة"),
    contact=("06 12 34 56 78", "ahmed.hassan@example.org", "Lyon"),
    sections=(
        Section(
            "Expérience",
            "الخبرة",
            (
                Line(
                    "2019-2023 : cuisinier au restaurant Le Damas, Alep (Syrie)",
                    "2019-2023: طباخ في مطعم Le Damas في حلب (سوريا)",
                ),
                Line("2016-2019 : aide-cuisinier dans un hôtel", "2016-2019: مساعد طباخ في فندق"),
                Line("Préparation de 200 repas par jour", "تحضير 200 وجبة في اليوم"),
            ),
        ),
        Section(
            "Formation",
            "التعليم",
            (
                Line("Baccalauréat, Alep, 2015", "شهادة البكالوريا، حلب، 2015"),
                Line("Certificat d'hygiène alimentaire HACCP", "شهادة HACCP للنظافة الغذائية"),
            ),
        ),
        Section(
            "Langues",
            "اللغات",
            (
                Line("Arabe : langue maternelle", "العربية: اللغة الأم"),
                Line("Français : niveau A2", "الفرنسية: مستوى A2"),
            ),
        ),
        Section(
            "Compétences",
            "المهارات",
            (
                Line("Cuisine orientale et méditerranéenne", "المطبخ الشرقي والمتوسطي"),
                Line("Travail en équipe, ponctualité", "العمل الجماعي، الالتزام بالمواعيد"),
                Line("Permis B", "رخصة قيادة B"),
            ),
        ),
    ),
    language="ar",
    rtl=True,
    footer="CV réalisé avec Passerelle — 28/11/2026",
)


def main() -> None:
    for label, document, bilingual in (
        ("French CV", FRENCH, False),
        ("bilingual Arabic CV", ARABIC, True),
    ):
        render(document, FONTS, bilingual=bilingual)  # warm-up: imports, caches
        times: list[float] = []
        size = 0
        for _ in range(ROUNDS):
            started = time.perf_counter()
            size = len(render(document, FONTS, bilingual=bilingual))
            times.append(time.perf_counter() - started)
        print(
            f"{label:>20}: p50 {pct(times, 0.5):6.1f} ms  p95 {pct(times, 0.95):6.1f} ms"
            f"  ({ROUNDS} renders, {size / 1024:.0f} KiB each)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{'peak RSS':>20}: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
