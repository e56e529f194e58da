"""Rebuild `trades.csv` and `appellations.csv` from the ROME referential (not used at run time).

Source: France Travail's *Répertoire opérationnel des métiers et des emplois* (ROME 4.0), the
open-data CSV files `unix_referentiel_appellation_v460_utf8.csv` and
`unix_referentiel_code_rome_v460_utf8.csv` (Licence Ouverte / Open Licence 2.0, Etalab).

    python content/cv/build_trades.py DIR   # DIR holds the two files

`trades.csv`: the trades the CV offers by name, each an appellation (its OGR code below), with
its masculine and feminine titles and the ROME code of its job sheet (the code offers carry).
`appellations.csv`: every appellation not marked rare, for trades typed in French.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).parent
# Our id → the OGR code of the appellation it stands for.
CHOSEN = {
    "cook": "13861",
    "kitchen": "17846",
    "waiter": "19430",
    "cleaning": "10573",
    "building": "16250",
    "painter": "17619",
    "electrician": "14635",
    "warehouse": "17993",
    "driver": "11999",
    "security": "10599",
    "care": "11453",
    "farm": "17388",
    "sales": "14778",
    "mechanic": "16446",
    "it": "14153",
    "welder": "404475",
    "baker": "11573",
    "butcher": "11564",
    "hairdresser": "12688",
    "tailor": "13812",
    "cashier": "11640",
    "plumber": "17837",
    "carpenter": "16611",
    "tiler": "11690",
    "forklift": "11679",
    "handler": "16361",
    "truck": "13132",
    "nurse_aide": "10891",
    "childcare": "510086",
    "home_help": "10805",
    "housekeeping": "20500",
    "gardener": "16067",
    "factory": "10448",
    "accountant": "12786",
    "admin": "11183",
    "bodywork": "11702",
    "fastfood": "14875",
    "interpreter": "16043",
    "pizza": "17807",
}


def genders(title: str) -> tuple[str, str]:
    """ROME writes both forms in one title: "Agent / Agente de propreté" → the masculine
    "Agent de propreté" and the feminine "Agente de propreté". The feminine head has as many
    words as the masculine one; what follows it belongs to both."""
    if " / " not in title:
        return title, title
    masculine_head, rest = title.split(" / ", 1)
    words = rest.split(" ")
    size = len(masculine_head.split(" "))
    feminine_head, tail = " ".join(words[:size]), " ".join(words[size:])
    return (f"{masculine_head} {tail}".strip(), f"{feminine_head} {tail}".strip())


def accented(title: str, known: set[str]) -> str:
    """ROME leaves capitals unaccented ("Electricien"): put the accent back where the same word
    is written with one elsewhere in the referential ("monteur électricien")."""
    first, _space, rest = title.partition(" ")
    if first[:1] == "E" and "é" + first[1:].lower() in known and first.lower() not in known:
        first = "É" + first[1:]
    return f"{first} {rest}".strip()


def main(sources: Path) -> None:
    with (sources / "unix_referentiel_code_rome_v460_utf8.csv").open(encoding="utf-8") as rows:
        parents = {row["code_rome"]: row["code_rome_parent"] for row in csv.DictReader(rows)}
    with (sources / "unix_referentiel_appellation_v460_utf8.csv").open(encoding="utf-8") as rows:
        appellations = list(csv.DictReader(rows))
    by_ogr = {row["code_ogr"]: row for row in appellations}
    known = {
        word
        for row in appellations
        for word in row["libelle_appellation_long"].replace("-", " ").split()[1:]
    }
    with (HERE / "trades.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("id", "ogr", "rome", "masculine", "feminine"))
        for trade, ogr in CHOSEN.items():
            row = by_ogr[ogr]
            masculine, feminine = (
                accented(t, known) for t in genders(row["libelle_appellation_long"])
            )
            rome = parents.get(row["code_rome"], row["code_rome"])
            writer.writerow((trade, ogr, rome, masculine, feminine))
    with (HERE / "appellations.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("ogr", "rome", "masculine", "feminine", "main"))
        for row in sorted(appellations, key=lambda r: r["libelle_appellation_long"]):
            if row["peu_usite"] == "O":
                continue
            masculine, feminine = (
                accented(t, known) for t in genders(row["libelle_appellation_long"])
            )
            rome = parents.get(row["code_rome"], row["code_rome"])
            main_title = "1" if row["classification"] == "PRINCIPALE" else ""
            writer.writerow((row["code_ogr"], rome, masculine, feminine, main_title))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
