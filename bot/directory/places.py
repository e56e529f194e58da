"""Where a person is: a typed city or postcode matched against the French communes list, and
distances.

`content/places/communes.csv` (see its README) lists every commune with its postcodes and
centre, and names people may type for large cities in other scripts; `typed.csv` adds names of
towns where many newcomers live, as they type them in Arabic, Persian, Tigrinya, Bengali or
Cyrillic. Matching is lenient: case, accents, hyphens and "St"/"Saint" do not matter, a postcode
can come with the name ("69003 Lyon"), and a small typo is forgiven ("Marseile"). A name several
communes share (Saint-Denis) gives several places, largest first, for the person to pick.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from bot.i18n.normalize import LETTER_VARIANTS

EARTH_RADIUS_KM = 6371.0088
COLUMNS = ("name", "department", "postcodes", "population", "latitude", "longitude", "aliases")
FUZZY_CUTOFF = 85  # rapidfuzz ratio (0-100) below which a name is not proposed
_POSTCODE = re.compile(r"\b(\d{5})\b")
_DEPARTMENT = re.compile(r"^(\d{2}|2[ab]|97\d)$")
_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


class Place(NamedTuple):  # a tuple: 35,000 of them are built at start-up
    name: str
    department: str  # code: "75", "2A", "974"
    postcode: str
    latitude: float
    longitude: float
    population: int = 0


class Gazetteer:
    """The communes of France, searchable by name, postcode and position."""

    def __init__(
        self, places: list[Place], aliases: dict[str, list[int]], departments: dict[str, str]
    ) -> None:
        self.places = places
        self.departments = departments
        self._by_name = aliases  # folded name → indexes into places
        self._names = list(aliases)
        self._by_postcode: dict[str, list[int]] = {}

    @classmethod
    def load(cls, folder: Path, typed: bool = True) -> Gazetteer:
        places: list[Place] = []
        names: dict[str, list[int]] = {}
        by_postcode: dict[str, list[int]] = {}
        by_insee: dict[str, int] = {}
        with (folder / "communes.csv").open(encoding="utf-8", newline="") as rows:
            reader = csv.reader(rows)
            header = next(reader)
            columns = itemgetter(*(header.index(name) for name in COLUMNS))
            insee = header.index("insee")
            for row in reader:
                name, department, postcodes_text, population, latitude, longitude, aliases = (
                    columns(row)
                )
                postcodes = postcodes_text.split()
                index = len(places)
                by_insee[row[insee]] = index
                places.append(
                    Place(
                        name,
                        department,
                        postcodes[0],
                        float(latitude),
                        float(longitude),
                        int(population or 0),
                    )
                )
                for written in {name, *filter(None, aliases.split("|"))}:
                    names.setdefault(fold(written), []).append(index)
                for postcode in postcodes:
                    by_postcode.setdefault(postcode, []).append(index)
        if typed and (folder / "typed.csv").exists():
            with (folder / "typed.csv").open(encoding="utf-8", newline="") as rows:
                for entry in csv.DictReader(rows):
                    if entry["insee"] in by_insee:
                        found = names.setdefault(fold(entry["typed"]), [])
                        found.append(by_insee[entry["insee"]])
        with (folder / "departments.csv").open(encoding="utf-8", newline="") as rows:
            departments = {row["code"]: row["name"] for row in csv.DictReader(rows)}
        gazetteer = cls(places, names, departments)
        gazetteer._by_postcode = by_postcode
        return gazetteer

    def find(self, text: str, limit: int = 5) -> list[Place]:
        """The places `text` may mean, most likely first (empty when nothing is close)."""
        text = text.strip()
        coordinates = _COORDINATES.match(text)
        if coordinates:
            latitude, longitude = float(coordinates[1]), float(coordinates[2])
            if -90 <= latitude <= 90 and -180 <= longitude <= 180:
                near = self.nearest(latitude, longitude)
                name = near.name if near else f"{latitude:.4f}, {longitude:.4f}"
                return [
                    Place(
                        name,
                        near.department if near else "",
                        near.postcode if near else "",
                        latitude,
                        longitude,
                    )
                ]
        postcode = _POSTCODE.search(text)
        if postcode:
            found = _without_parents(self._ranked(self._by_postcode.get(postcode[1], [])))
            words = fold(_POSTCODE.sub(" ", text))
            if words and len(found) > 1:  # "69003 Lyon", "13400 Aubagne"
                named = [p for p in found if fold(p.name).startswith(words)]
                found = named or found
            if found:
                return found[:limit]
        query = fold(text)
        if not query:
            return []
        if _DEPARTMENT.match(query):
            return self._department(query.upper())
        exact = self._by_name.get(query)
        if exact:
            return self._ranked(exact)[:limit]
        if len(query) < 4:
            return []
        matches = process.extract(
            query, self._names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit * 2
        )
        best = max((score for _name, score, _i in matches), default=0)
        indexes = [i for name, score, _i in matches if score == best for i in self._by_name[name]]
        return self._ranked(indexes)[:limit]

    def nearest(self, latitude: float, longitude: float) -> Place | None:
        """The commune whose centre is nearest (for "you are near …" after a shared location)."""
        best: tuple[float, Place] | None = None
        scale = math.cos(math.radians(latitude))
        for place in self.places:
            dy = place.latitude - latitude
            if abs(dy) > 0.5:
                continue
            dx = (place.longitude - longitude) * scale
            d2 = dx * dx + dy * dy
            if best is None or d2 < best[0]:
                best = (d2, place)
        return best[1] if best else None

    def describe(self, place: Place) -> str:
        """ "Saint-Denis (Seine-Saint-Denis)": enough to tell namesakes apart."""
        department = self.departments.get(place.department)
        return f"{place.name} ({department})" if department else place.name

    def _department(self, code: str) -> list[Place]:
        indexes = [i for i, p in enumerate(self.places) if p.department == code]
        return self._ranked(indexes)[:1]

    def _ranked(self, indexes: list[int]) -> list[Place]:
        unique = dict.fromkeys(indexes)
        return sorted((self.places[i] for i in unique), key=lambda p: -p.population)


def _without_parents(places: list[Place]) -> list[Place]:
    """75011 is "Paris 11e Arrondissement", not also "Paris"."""
    names = [p.name for p in places]
    return [p for p in places if not any(n.startswith(p.name + " ") for n in names)]


@cache
def gazetteer(content_dir: Path) -> Gazetteer:
    """The communes list, read once per process (≈0.3 s, ≈25 MB)."""
    return Gazetteer.load(content_dir / "places")


# Accents and other combining marks (of the Basic Multilingual Plane, where every script people
# type names in lives) are dropped; separators become spaces.
_UNMARK = {c: None for c in range(0x10000) if unicodedata.combining(chr(c))}
_SEPARATORS = re.compile(r"[\s'’\-_.,()/]+")
_EXPANDED = {"st": "saint", "ste": "sainte"}


def fold(text: str) -> str:
    """ "Saint-Étienne", "ST ETIENNE" and "saint etienne" → "saint etienne"; Arabic and Persian
    keyboard variants ("پاريس", "پاریس") alike."""
    plain = unicodedata.normalize("NFKD", text.casefold()).translate(_UNMARK)
    plain = plain.translate(LETTER_VARIANTS)
    words = _SEPARATORS.sub(" ", plain).split()
    return " ".join(_EXPANDED.get(word, word) for word in words)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def box(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a square that contains the circle of `radius_km`."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    scale = max(math.cos(math.radians(min(abs(latitude) + dlat, 89.0))), 1e-6)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * scale))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon
