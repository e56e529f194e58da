"""Reading directory files: CSV, JSON and YAML, in our format or in another source's schema.

`read(path)` gives (line, row) pairs, each row a dict as written in the file, and the line where it
starts, so every problem can be reported where a person will find it. A file that cannot be read
at all (bad encoding, broken JSON) raises `FileProblem` with its line.

Schemas: "passerelle" (ours, see docs/importing.md), "data-inclusion" (the `service` schema of
data·inclusion, versions 0 and 1) and "france-travail" (job offers from France Travail's "Offres
d'emploi v2" API). `detect` recognises them from the first row; each `from_*` maps a row of that
schema onto ours.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import opening_hours
import yaml

from bot.directory import categories

Row = dict[str, Any]
SCHEMAS = ("passerelle", "data-inclusion", "france-travail")
# Keys under which JSON/YAML files (and API answers) hold their list of rows.
LIST_KEYS = ("resultats", "items", "data", "services", "jobs", "offers", "results")


class FileProblem(Exception):
    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


def read(path: Path) -> Iterator[tuple[int, Row]]:
    """The rows of a CSV, JSON or YAML file, with the line each starts on."""
    suffix = path.suffix.casefold()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise FileProblem("not UTF-8 text (save it as CSV UTF-8)", line) from None
    if suffix == ".csv":
        return _csv(text)
    if suffix == ".json":
        return _json(text)
    if suffix in (".yaml", ".yml"):
        return _yaml(text)
    raise FileProblem(f"unknown file type {suffix or '(none)'}: use .csv, .json or .yaml")


def _csv(text: str) -> Iterator[tuple[int, Row]]:
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Excel in French writes ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().casefold() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:  # e.g. a first line longer than the csv module's field limit
        raise FileProblem(f"not valid CSV ({error})", 1) from None
    if len(set(header)) != len(header):
        raise FileProblem("a column name appears twice in the header", 1)
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(header):
                    raise FileProblem(
                        f"{len(cells)} cells for {len(header)} columns "
                        f"(a {delimiter!r} inside a value needs quotes)",
                        start,
                    )
                # Empty cells are absent values: the field's default applies.
                yield start, {k: v for k, v in zip(header, cells, strict=False) if v.strip()}
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileProblem(f"not valid CSV ({error})", start) from None


def _json(text: str) -> Iterator[tuple[int, Row]]:
    """Walks the top-level list itself, so each row knows its line (json.loads does not say)."""
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    pos = _skip(text, 0)
    try:
        if text.startswith("{", pos):
            pos = _find_list(text, pos + 1, decoder)
        if not text.startswith("[", pos):
            raise FileProblem("expected a list of rows, or an object holding one", lines.at(pos))
        pos = _skip(text, pos + 1)
        if text.startswith("]", pos):
            return
        while True:
            row, end = decoder.raw_decode(text, pos)
            yield lines.at(pos), row if isinstance(row, dict) else {"": row}
            pos = _skip(text, end)
            if text.startswith("]", pos):
                return
            if not text.startswith(",", pos):
                raise FileProblem("expected ',' or ']' after a row", lines.at(pos))
            pos = _skip(text, pos + 1)
    except json.JSONDecodeError as error:
        raise FileProblem(f"not valid JSON ({error.msg})", error.lineno) from None


def _find_list(text: str, pos: int, decoder: json.JSONDecoder) -> int:
    """Inside a top-level object: the position of the list under one of LIST_KEYS."""
    while True:
        pos = _skip(text, pos)
        if text.startswith("}", pos):
            raise FileProblem(f"no list of rows under any of: {', '.join(LIST_KEYS)}")
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        if not text.startswith(":", pos):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _skip(text, pos + 1)
        if key in LIST_KEYS and text.startswith("[", pos):
            return pos
        _value, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos += 1


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _LineCounter:
    """Line numbers of increasing positions, counting each newline once."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _yaml(text: str) -> Iterator[tuple[int, Row]]:
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return
        items = root
        if isinstance(root, yaml.MappingNode):
            found = [v for k, v in root.value if k.value in LIST_KEYS]
            if not found:
                raise FileProblem(f"no list of rows under any of: {', '.join(LIST_KEYS)}")
            items = found[0]
        if not isinstance(items, yaml.SequenceNode):
            raise FileProblem("expected a list of rows", items.start_mark.line + 1)
        for node in items.value:
            row = loader.construct_object(node, deep=True)
            yield node.start_mark.line + 1, row if isinstance(row, dict) else {"": row}
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise FileProblem(f"not valid YAML ({error.problem})", line) from None
    finally:
        loader.dispose()


# --- schemas -----------------------------------------------------------------------------------


def detect(kind: str, row: Mapping[str, Any]) -> str:
    """The schema of a file, from its first row."""
    if kind == "services" and ("thematiques" in row or "nom" in row):
        return "data-inclusion"
    if kind == "jobs" and "intitule" in row:
        return "france-travail"
    return "passerelle"


def from_data_inclusion(row: Mapping[str, Any]) -> Row:
    """A data·inclusion `service` (schema v0 or v1) as one of our services."""
    thematiques = _as_list(row.get("thematiques"))
    found = [categories.from_thematique(t) for t in thematiques]
    hours = _text(row.get("horaires_accueil") or row.get("recurrence"))
    conditions = [
        _text(row.get("conditions_acces")),
        _joined(row.get("pre_requis")),
        _joined(row.get("justificatifs")),
    ]
    if hours and not opening_hours.validate(hours):
        conditions.insert(0, f"Horaires : {hours}")  # free text in v0: keep it, as text
        hours = ""
    price = _joined(row.get("frais")) + (
        f" ({row['frais_autres']})" if row.get("frais_autres") else ""
    )
    mapped: Row = {
        "source": _text(row.get("source")),
        "source_id": _text(row.get("id")),
        "name": _text(row.get("nom")),
        "description": _text(
            row.get("description")
            or row.get("presentation_detail")
            or row.get("presentation_resume")
        ),
        "organisation": _text(row.get("structure_nom") or _nested(row, "structure", "nom")),
        "categories": list(dict.fromkeys(c for c in found if c)) or ["welcome"],
        "address": ", ".join(
            filter(None, (_text(row.get("adresse")), _text(row.get("complement_adresse"))))
        ),
        "postcode": _text(row.get("code_postal")),
        "city": _text(row.get("commune")),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "opening_hours": hours,
        "languages": _as_list(row.get("langues")),
        "publics": _as_list(row.get("publics") or row.get("profils")),
        "conditions": "\n".join(filter(None, conditions)),
        "price": price.strip(),
        "phone": _text(row.get("telephone")),
        "website": _text(row.get("page_web") or row.get("lien_source")),
        "last_verified": row.get("date_maj"),
        "national": row.get("zone_diffusion_type") == "pays",
    }
    return {k: v for k, v in mapped.items() if v not in ("", None, [])}


_FT_CONTRACTS = {"CDI": "cdi", "CDD": "cdd", "MIS": "interim", "SAI": "seasonal"}


def from_france_travail(row: Mapping[str, Any]) -> Row:
    """An offer from France Travail's "Offres d'emploi v2" API as one of our jobs."""
    place = row.get("lieuTravail") or {}
    contract = _FT_CONTRACTS.get(_text(row.get("typeContrat")).upper(), "other")
    if row.get("alternance") or "apprentissage" in _text(row.get("natureContrat")).casefold():
        contract = "apprentice"
    contact = row.get("contact") or {}
    origin = row.get("origineOffre") or {}
    apply = [
        _text(contact.get("urlPostulation")),
        _text(contact.get("courriel")),
        _text(contact.get("coordonnees1")),
        _text(origin.get("urlOrigine")),
    ]
    licences = row.get("permis") or []
    mapped: Row = {
        "source": "france-travail",
        "source_id": _text(row.get("id")),
        "title": _text(row.get("intitule")),
        "description": _text(row.get("description")),
        "employer": _text(_nested(row, "entreprise", "nom")),
        "sector": _text(row.get("secteurActiviteLibelle")),
        "rome": _text(row.get("romeCode")),
        "contract": contract,
        # "75 - Paris 11e Arrondissement" → "Paris 11e Arrondissement"
        "city": re.sub(r"^\s*\w{2,3}\s+-\s+", "", _text(place.get("libelle"))),
        "postcode": _text(place.get("codePostal")),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "salary": _text(_nested(row, "salaire", "libelle")),
        "hours": _text(row.get("dureeTravailLibelle")),
        "experience": _text(row.get("experienceLibelle")),
        "driving_licence": any(isinstance(p, dict) and p.get("exigence") == "E" for p in licences),
        "how_to_apply": "\n".join(dict.fromkeys(a for a in apply if a)),
        "published": row.get("dateCreation"),
        "updated": row.get("dateActualisation"),
    }
    return {k: v for k, v in mapped.items() if v not in ("", None, [])}


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _nested(row: Mapping[str, Any], *keys: str) -> Any:
    value: Any = row
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,|]", value) if part.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def _joined(value: Any) -> str:
    return ", ".join(_as_list(value))
