"""CV PDF benchmark: render typical CVs 50 times each — a French CV and a bilingual Arabic CV
written as documents, and the French and bilingual copies built from an Arabic speaker's answers
(`bot.cv.build`: fields in two directions on a line, drawn one by one).

    python bench/cv_pdf.py

Each render loads its fonts, lays the CV out, draws it and subsets the fonts (`bot.cv.pdf`); the
first, untimed render only warms up imports. Prints p50/p95 in milliseconds of wall time and the
p50 of CPU time (the figure least disturbed by other processes on a shared machine), and the
peak RSS.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import datetime as dt  # noqa: E402

from bot.cv import build, trades  # noqa: E402
from bot.cv.document import CvDocument, Line, Section  # noqa: E402
from bot.cv.pdf import render  # noqa: E402
from bot.i18n.catalogs import Catalogs  # noqa: E402

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


def welder(**fields: object) -> dict[str, object]:
    return {**trades.named()["welder"].as_dict(), **fields}


ANSWERS = {
    "name": {"text": "أمل حداد", "latin": "Amal Haddad"},
    "gender": "f",
    "phone": {"text": "06 12 34 56 78"},
    "city": {"name": "Saint-Denis"},
    "status": "refugee",
    "jobs": [welder(text="لحّام / لحّامة"), {**trades.named()["cook"].as_dict(), "text": "طبّاخ"}],
    "experience": [
        {
            "trade": welder(),
            "employer": {"text": "مطعم الشام", "latin": "Restaurant Al Sham"},
            "country": "SY",
            "city": {"text": "حلب", "latin": "Alep"},
            "start": {"year": 2019, "month": 3},
            "end": "now",
            "tasks": {
                "text": "لحام الأنابيب في ورشة",
                "fr": "Soudure de tuyauteries",
                "how": "machine",
            },
        },
        {
            "trade": {**trades.named()["cook"].as_dict()},
            "country": "TR",
            "city": {"text": "Istanbul", "latin": "Istanbul"},
            "start": {"year": 2015},
            "end": {"year": 2018},
        },
    ],
    "education": [
        {"level": "vocational", "country": "SY", "year": {"year": 2012}, "obtained": True}
    ],
    "french": "A2",
    "languages": [{"code": "ar", "level": "native"}, {"code": "ku", "level": "B1"}],
    "skills": ["welding", "plans", "hygiene"],
    "licence": "car",
    "start": "now",
    "time": "full",
    "contracts": ["cdi", "interim"],
    "distance": "30",
}


def from_answers(bilingual: bool) -> CvDocument:
    catalogs = Catalogs(ROOT / "content")
    return build.document(ANSWERS, catalogs, "ar", bilingual=bilingual, today=dt.date(2026, 11, 28))


def main() -> None:
    for label, document, bilingual in (
        ("French CV", FRENCH, False),
        ("bilingual Arabic CV", ARABIC, True),
        ("French copy (answers)", from_answers(False), False),
        ("bilingual copy (answers)", from_answers(True), True),
    ):
        render(document, FONTS, bilingual=bilingual)  # warm-up: imports, caches
        times: list[float] = []
        cpu: list[float] = []
        size = 0
        for _ in range(ROUNDS):
            started, started_cpu = time.perf_counter(), time.process_time()
            size = len(render(document, FONTS, bilingual=bilingual))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        print(
            f"{label:>24}: p50 {pct(times, 0.5):6.1f} ms  p95 {pct(times, 0.95):6.1f} ms"
            f"  CPU p50 {pct(cpu, 0.5):6.1f} ms  ({ROUNDS} renders, {size / 1024:.0f} KiB each)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{'peak RSS':>24}: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
