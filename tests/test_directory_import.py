"""Importing jobs and services: every format, every kind of bad row, all-or-nothing writes,
upserts, and the `passerelle import` command as an admin runs it."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import open_app
from bot.config import Settings
from bot.directory import formats, importer
from bot.directory.places import gazetteer
from bot.i18n.catalogs import Catalogs
from bot.store import migrate, tables
from bot.store.database import Database
from tests.conftest import FROZEN_AT

CONTENT = Path(__file__).parent.parent / "content"


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = Database(settings)
    await migrate.prepare(db)
    yield db
    await db.close()


async def load(database: Database, kind: importer.Kind, path: Path, **options: Any) -> Any:
    return await importer.import_file(
        database, kind, path, gazetteer(CONTENT), Catalogs(CONTENT), FROZEN_AT, **options
    )


async def rows(database: Database, table: Any) -> list[Any]:
    async with database.read() as conn:
        order = table.c.id if "id" in table.c else table.c.service_id
        return list((await conn.execute(select(table).order_by(order))).all())


async def count(database: Database, table: Any) -> int:
    async with database.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table)) or 0)


SERVICES_CSV = """\
source_id;name;categories;address;postcode;city;opening_hours;languages;phone;last_verified
s1;Halte de nuit;shelter;12 rue X;75011;Paris;Mo-Su 20:00-08:00;fr, ar;0100000001;03/11/2026
s2;"Épicerie; solidaire";food|equipment;;69003;;Tu 14:00-18:00;fr;;2026-11-01
s3;Cours de français;french;;;Villeurbanne;;;;
"""


async def test_own_csv_with_semicolons_imports_and_geocodes(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "services.csv"
    path.write_text(SERVICES_CSV, encoding="utf-8-sig")  # as Excel saves it, with a BOM
    summary = await load(database, "services", path, source="asso")
    assert (summary.added, summary.updated, summary.unchanged, summary.rejected) == (3, 0, 0, 0)
    found = {r.source_id: r for r in await rows(database, tables.services)}
    assert found["s1"].languages == ["fr", "ar"]
    assert found["s1"].last_verified.isoformat() == "2026-11-03"
    assert found["s2"].name == "Épicerie; solidaire"
    assert found["s2"].categories == ["food", "equipment"]
    # No coordinates in the file: the commune's centre (postcode, else the city's name).
    assert found["s2"].latitude == pytest.approx(45.761, abs=0.01)
    assert found["s3"].latitude == pytest.approx(45.77, abs=0.02)
    places = await rows(database, tables.service_places)
    assert sorted((p.category, p.service_id) for p in places) == sorted(
        [
            ("shelter", found["s1"].id),
            ("food", found["s2"].id),
            ("equipment", found["s2"].id),
            ("french", found["s3"].id),
        ]
    )


async def test_own_json_and_yaml_formats(database: Database, tmp_path: Path) -> None:
    offers = [
        {
            "source_id": "j1",
            "title": "Commis de cuisine",
            "rome": "g1605",
            "contract": "CDI",
            "postcode": "75011",
            "refugee_friendly": "oui",
            "published": "2026-11-20",
        },
        {
            "source_id": "j2",
            "title": "Agent de propreté",
            "contract": "intérim",
            "latitude": 48.85,
            "longitude": 2.35,
            "french_level": "a1",
        },
    ]
    (tmp_path / "jobs.json").write_text(json.dumps({"jobs": offers}), encoding="utf-8")
    summary = await load(database, "jobs", tmp_path / "jobs.json", source="asso")
    assert summary.added == 2
    (tmp_path / "more.yaml").write_text(
        "- source_id: j3\n  title: Vendeur\n  contract: apprentissage\n  city: Lyon\n"
        "  driving_licence: x\n",
        encoding="utf-8",
    )
    assert (await load(database, "jobs", tmp_path / "more.yaml", source="asso")).added == 1
    found = {r.source_id: r for r in await rows(database, tables.jobs)}
    assert (found["j1"].rome, found["j1"].contract, found["j1"].refugee_friendly) == (
        "G1605",
        "cdi",
        True,
    )
    assert (found["j2"].contract, found["j2"].french_level) == ("interim", "A1")
    assert (found["j3"].contract, found["j3"].driving_licence) == ("apprentice", True)


async def test_data_inclusion_services(database: Database, tmp_path: Path) -> None:
    service = {
        "id": "abc-123",
        "source": "dora",
        "nom": "Aide alimentaire",
        "presentation_resume": "Colis chaque semaine.",
        "thematiques": ["equipement-et-alimentation--alimentation", "sante--accompagnement"],
        "adresse": "1 rue Y",
        "code_postal": "69007",
        "commune": "Lyon",
        "latitude": 45.745,
        "longitude": 4.842,
        "telephone": "0400000000",
        "recurrence": "Tous les mercredis",  # free text (schema v0): kept as a condition
        "profils": ["demandeurs-d-asile", "refugies"],
        "frais": ["gratuit"],
        "date_maj": "2026-10-01T08:00:00Z",
        "zone_diffusion_type": "commune",
    }
    national = {
        "id": "n1",
        "source": "dora",
        "nom": "Ligne d'écoute",
        "thematiques": ["acces-aux-droits-et-citoyennete"],
        "horaires_accueil": "Mo-Fr 09:00-17:00",
        "zone_diffusion_type": "pays",
    }
    path = tmp_path / "di.json"
    path.write_text(json.dumps([service, national]), encoding="utf-8")
    summary = await load(database, "services", path)
    assert summary.added == 2
    found = {r.source_id: r for r in await rows(database, tables.services)}
    food = found["abc-123"]
    assert (food.source, food.categories) == ("dora", ["food", "health"])
    assert food.opening_hours == "" and "Tous les mercredis" in food.conditions
    assert food.publics == ["demandeurs-d-asile", "refugies"] and food.price == "gratuit"
    assert food.last_verified.isoformat() == "2026-10-01"
    line = found["n1"]
    assert (line.national, line.categories, line.opening_hours) == (
        True,
        ["legal"],
        "Mo-Fr 09:00-17:00",
    )


async def test_france_travail_offers(database: Database, tmp_path: Path) -> None:
    offer = {
        "id": "190XYZ",
        "intitule": "Plongeur / Plongeuse",
        "description": "Plonge et entretien de la cuisine.",
        "dateCreation": "2026-11-20T10:12:00.000Z",
        "dateActualisation": "2026-11-21T08:00:00.000Z",
        "lieuTravail": {
            "libelle": "75 - Paris 11e Arrondissement",
            "latitude": 48.859,
            "longitude": 2.38,
            "codePostal": "75011",
        },
        "romeCode": "G1605",
        "entreprise": {"nom": "Brasserie Z"},
        "typeContrat": "MIS",
        "salaire": {"libelle": "Horaire de 11.88 Euros"},
        "dureeTravailLibelle": "35H Horaires normaux",
        "experienceLibelle": "Débutant accepté",
        "permis": [{"libelle": "B - Véhicule léger", "exigence": "E"}],
        "contact": {"urlPostulation": "https://example.org/postuler"},
    }
    path = tmp_path / "ft.json"
    path.write_text(json.dumps({"resultats": [offer], "filtresPossibles": []}), encoding="utf-8")
    assert (await load(database, "jobs", path)).added == 1
    job = (await rows(database, tables.jobs))[0]
    assert (job.source, job.source_id, job.city, job.contract) == (
        "france-travail",
        "190XYZ",
        "Paris 11e Arrondissement",
        "interim",
    )
    assert job.driving_licence and job.how_to_apply == "https://example.org/postuler"
    assert job.published_at.isoformat() == "2026-11-20"


async def test_a_file_with_bad_rows_imports_nothing(database: Database, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("source_id,name,categories,city\nold,Ancien,food,Lyon\n", encoding="utf-8")
    await load(database, "services", good, source="asso")
    before = await rows(database, tables.services)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "source_id,name,categories,city,opening_hours,website,languages\n"
        "a,Bon,food,Lyon,,,\n"
        'b,"Sur deux\nlignes",cinema,Lyon,,,\n'  # line 3 (the row spans lines 3-4)
        "c,Horaires,food,Lyon,tous les jours,,\n"  # line 5
        "d,Site,food,Lyon,,www.example.org,\n"  # line 6
        "a,Doublon,food,Lyon,,,\n"  # line 7
        "e,Nulle part,food,Atlantide,,,\n"  # line 8
        "f,Langue,food,Lyon,,,arabic\n"  # line 9
        ",Sans id,food,Lyon,,,\n",  # line 10
        encoding="utf-8",
    )
    with pytest.raises(importer.ImportRefused) as refused:
        await load(database, "services", bad, source="asso")
    where = {(e.line, e.field) for e in refused.value.errors}
    assert where == {
        (3, "categories"),
        (5, "opening_hours"),
        (6, "website"),
        (7, "source_id"),
        (8, "city"),
        (9, "languages"),
        (10, "source_id"),
    }
    messages = " | ".join(str(e) for e in refused.value.errors)
    assert "cinema" in messages and "already on line 2" in messages
    assert await rows(database, tables.services) == before  # nothing written, nothing lost

    summary = await load(database, "services", bad, source="asso", skip_invalid=True)
    assert (summary.added, summary.rejected) == (1, 7)
    assert {r.source_id for r in await rows(database, tables.services)} == {"old", "a"}


async def test_reimport_updates_changed_rows_only(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "- {source_id: a, name: A, categories: [food], city: Lyon}\n"
        "- {source_id: b, name: B, categories: [food], city: Lyon}\n",
        encoding="utf-8",
    )
    await load(database, "services", path, source="asso")
    first = {r.source_id: r for r in await rows(database, tables.services)}
    path.write_text(
        "- {source_id: a, name: A, categories: [food], city: Lyon}\n"
        "- {source_id: b, name: B, categories: [health], city: Paris}\n"
        "- {source_id: c, name: C, categories: [food], city: Lyon}\n",
        encoding="utf-8",
    )
    summary = await load(database, "services", path, source="asso")
    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 1)
    now = {r.source_id: r for r in await rows(database, tables.services)}
    assert now["b"].id == first["b"].id and now["b"].city == "Paris"
    places = {(p.category, p.service_id) for p in await rows(database, tables.service_places)}
    assert ("food", first["b"].id) not in places and ("health", first["b"].id) in places
    # Another source with the same ids is another row; --prune removes what a source dropped.
    (tmp_path / "other.yaml").write_text(
        "- {source_id: a, name: A2, categories: [food], city: Lyon}\n", encoding="utf-8"
    )
    assert (await load(database, "services", tmp_path / "other.yaml", source="x")).added == 1
    path.write_text("- {source_id: c, name: C, categories: [food], city: Lyon}\n")
    summary = await load(database, "services", path, source="asso", prune=True)
    assert (summary.unchanged, summary.removed) == (1, 2)
    left = {(r.source, r.source_id) for r in await rows(database, tables.services)}
    assert left == {("asso", "c"), ("x", "a")}
    assert await count(database, tables.service_places) == 2


async def test_rows_stream_through_in_chunks(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked rows wait in a spool file and are written CHUNK at a time, new and changed ones
    interleaved: nothing is lost or doubled at the chunk boundaries, in the spool's folder
    nothing is left behind."""
    monkeypatch.setattr(importer, "CHUNK", 4)
    spool = tmp_path / "spool"
    spool.mkdir()
    path = tmp_path / "jobs.csv"

    def offers(ids: range, title: str) -> None:
        lines = [f"o{n},{title} {n},Lyon" for n in ids]
        path.write_text("source_id,title,city\n" + "\n".join(lines) + "\n", encoding="utf-8")

    offers(range(0, 11), "Soudeur")
    first = await load(database, "jobs", path, source="asso", spool_dir=spool)
    assert (first.added, first.updated, first.unchanged) == (11, 0, 0)
    offers(range(5, 20), "Boulangère")  # 5-10 changed, 11-19 new, 0-4 gone
    path.write_text(
        path.read_text(encoding="utf-8").replace("Boulangère 7", "Soudeur 7"), encoding="utf-8"
    )
    again = await load(database, "jobs", path, source="asso", prune=True, spool_dir=spool)
    assert (again.added, again.updated, again.unchanged, again.removed) == (9, 5, 1, 5)
    titles = {r.source_id: (r.title, r.title_words) for r in await rows(database, tables.jobs)}
    assert sorted(titles, key=lambda k: int(k[1:])) == [f"o{n}" for n in range(5, 20)]
    assert titles["o7"] == ("Soudeur 7", " soudeur ")  # a lone digit is no word
    assert titles["o12"] == ("Boulangère 12", " boulanger 12 ")
    assert list(spool.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "line", "words"),
    [
        (
            "cut.json",
            '[{"source_id": "a", "title": "A", "city": "Lyon"},\n{"source_id": ',
            2,
            "not valid JSON",
        ),
        ("cut.yaml", "- source_id: a\n  title: [A\n", 3, "not valid YAML"),
        ("wide.csv", "source_id,title\na,b,c\n", 2, "3 cells for 2 columns"),
        ("latin1.csv", "source_id,title\nb,Caf\xe9\n", 2, "not UTF-8"),
        ("list.json", '{"nothing": 1}', 0, "no list of rows"),
        ("jobs.txt", "x", 0, "unknown file type"),
    ],
)
def test_unreadable_files_say_where(
    tmp_path: Path, name: str, content: str, line: int, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1" if "latin1" in name else "utf-8"))
    with pytest.raises(formats.FileProblem) as problem:
        list(formats.read(path))
    assert words in str(problem.value) and problem.value.line == line


def test_rows_know_their_lines(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '{"total": 2,\n "items": [\n  {"id": 1},\n\n  {"id": 2,\n   "x": [1,\n 2]},\n'
        '  {"id": 3}\n]}',
        encoding="utf-8",
    )
    assert [line for line, _row in formats.read(tmp_path / "a.json")] == [3, 5, 8]
    (tmp_path / "a.yaml").write_text("items:\n  - id: 1\n    x: 2\n  - id: 2\n", encoding="utf-8")
    assert [line for line, _row in formats.read(tmp_path / "a.yaml")] == [2, 4]


# --- the command -----------------------------------------------------------------------------


def cli(
    tmp_path: Path, *args: str, data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "DATA_DIR": str(data_dir or tmp_path),
    }
    return subprocess.run(
        [str(Path(sys.executable).parent / "passerelle"), "import", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).parent.parent,
    )


def test_import_command_reports_and_exits(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("source_id,name,categories,city\na,A,food,Lyon\nb,B,nope,Lyon\n")
    refused = cli(tmp_path, "services", str(path), "--source", "asso")
    assert refused.returncode == 1
    assert "line 3, categories: unknown category nope" in refused.stderr
    assert "nothing was imported" in refused.stderr and "Traceback" not in refused.stderr
    done = cli(tmp_path, "services", str(path), "--source", "asso", "--skip-invalid")
    assert done.returncode == 0, done.stderr
    assert "services: 1 added, 0 updated, 0 unchanged, 1 rejected" in done.stdout
    missing = cli(tmp_path, "jobs", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    failed = cli(tmp_path, "jobs", str(broken), "--source", "x")
    assert failed.returncode == 1 and "line 1: not valid JSON" in failed.stderr
    no_source = cli(tmp_path, "jobs", str(tmp_path / "s.csv"))
    assert no_source.returncode == 1
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where DATA_DIR should be")
    no_spool = cli(tmp_path, "services", str(path), "--skip-invalid", data_dir=not_a_folder)
    assert no_spool.returncode == 1 and "Traceback" not in no_spool.stderr
    assert f"cannot read or write a file ({not_a_folder})" in no_spool.stderr


async def test_processes_starting_together_load_the_samples_once(settings: Settings) -> None:
    """`serve` and `worker` started at the same moment on a new database both find it empty."""
    with_samples = settings.model_copy(update={"load_samples": True})

    async def start() -> None:
        async with open_app(with_samples):
            pass

    await asyncio.gather(start(), start(), start())
    database = Database(settings)
    try:
        shipped = len(list(formats.read(CONTENT / "directory" / "services.yaml")))
        assert await count(database, tables.services) == shipped
    finally:
        await database.close()


def test_shipped_samples_are_valid() -> None:
    for kind in ("services", "jobs"):
        good, errors = importer.check(
            kind,
            formats.read(CONTENT / "directory" / f"{kind}.yaml"),
            gazetteer(CONTENT),
            source="passerelle-samples",
        )
        assert errors == [] and len(good) >= 10
        local = [c.record for c in good if not getattr(c.record, "national", False)]
        assert all(r.sample for r in local)  # examples say so
        assert all(getattr(c.record, "last_verified", True) for c in good)


async def test_the_examples_in_the_import_guide_import_as_written(
    database: Database, tmp_path: Path
) -> None:
    guide = (Path(__file__).parent.parent / "docs" / "importing.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(csv|json|yaml)\n(.*?)```", guide, flags=re.S)
    assert [kind for kind, _text in blocks] == ["csv", "json", "yaml"]
    kinds: dict[str, importer.Kind] = {"csv": "services", "json": "jobs", "yaml": "services"}
    for suffix, text in blocks:
        path = tmp_path / f"example.{suffix}"
        path.write_text(text, encoding="utf-8")
        summary = await load(database, kinds[suffix], path, source="guide")
        assert (summary.added, summary.rejected) == (1, 0), suffix
    services = await rows(database, tables.services)
    assert services[0].categories == ["welcome", "hygiene"]
    assert services[0].languages == ["fr", "ar"]
    assert services[1].city == "Villeurbanne" and services[1].latitude is not None
    (job,) = await rows(database, tables.jobs)
    assert (job.contract, job.source, job.refugee_friendly) == ("cdd", "my-association", True)
