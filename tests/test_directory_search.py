"""Where, how far, open or not, and in what order: places, distances, opening hours, the nearest
services and the ranking of job offers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.directory import hours, importer, trades
from bot.directory.places import box, distance_km, gazetteer
from bot.directory.search import Directory, JobQuery
from bot.i18n.catalogs import Catalogs
from bot.store import migrate
from bot.store.database import Database
from tests.conftest import FROZEN_AT

CONTENT = Path(__file__).parent.parent / "content"
PLACES = gazetteer(CONTENT)
UTC = dt.UTC


# --- places and distances ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Paris", "Paris"),
        ("paris 11", "Paris 11e Arrondissement"),
        ("75011", "Paris 11e Arrondissement"),
        ("69003 Lyon", "Lyon 3e Arrondissement"),
        ("LYON 3E", "Lyon 3e Arrondissement"),
        ("st etienne", "Saint-Étienne"),
        ("Marseile", "Marseille"),  # a typo
        ("  grenoble  ", "Grenoble"),
        ("باريس", "Paris"),  # Arabic
        ("Париж", "Paris"),  # Russian
        ("Ліон", "Lyon"),  # Ukrainian
        ("69", "Lyon"),  # a département: its largest commune
        ("97400", "Saint-Denis"),  # La Réunion
        ("48.8566, 2.3522", "Paris 4e Arrondissement"),  # coordinates typed by hand
    ],
)
def test_typed_places_are_found_leniently(typed: str, expected: str) -> None:
    assert PLACES.find(typed)[0].name == expected


def test_ambiguous_and_unknown_places() -> None:
    saint_denis = PLACES.find("Saint-Denis")
    assert len(saint_denis) > 1
    assert {PLACES.describe(p) for p in saint_denis[:2]} == {
        "Saint-Denis (La Réunion)",
        "Saint-Denis (Seine-Saint-Denis)",
    }
    assert PLACES.find("Atlantide") == [] and PLACES.find("zz") == [] and PLACES.find("") == []
    assert PLACES.find("99999") == []


def test_distances() -> None:
    # Paris (Notre-Dame) to Lyon (Bellecour): 392 km as the crow flies.
    assert distance_km(48.8530, 2.3499, 45.7578, 4.8320) == pytest.approx(392, abs=2)
    assert distance_km(45.0, 4.0, 45.0, 4.0) == 0
    # One degree of latitude is 111.2 km everywhere.
    assert distance_km(10, 0, 11, 0) == pytest.approx(111.2, abs=0.1)
    south, north, west, east = box(48.85, 2.35, 10)
    for bearing_lat, bearing_lon in ((north, 2.35), (south, 2.35), (48.85, west), (48.85, east)):
        assert distance_km(48.85, 2.35, bearing_lat, bearing_lon) >= 9.99


def test_nearest_commune_of_a_shared_location() -> None:
    near = PLACES.nearest(45.7640, 4.8357)  # Lyon, place des Terreaux
    assert near is not None and near.name.startswith("Lyon")


# --- opening hours ------------------------------------------------------------------------------


def at(paris_time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(paris_time).replace(tzinfo=hours.PARIS).astimezone(UTC)


@pytest.mark.parametrize(
    ("expression", "when", "open_now"),
    [
        ("Mo-Su 20:00-08:00", "2026-12-01 23:30", True),  # before midnight
        ("Mo-Su 20:00-08:00", "2026-12-02 00:30", True),  # after midnight: opened yesterday
        ("Mo-Su 20:00-08:00", "2026-12-02 12:00", False),
        ("Fr 22:00-02:00", "2026-12-05 01:00", True),  # Saturday 01:00, Friday's night
        ("Fr 22:00-02:00", "2026-12-06 01:00", False),
        ("Mo-Fr 09:00-17:00; PH off", "2026-12-25 10:00", False),  # Christmas, a Friday
        ("Mo-Fr 09:00-17:00; PH off", "2026-07-14 10:00", False),  # Bastille Day, a Tuesday
        ("Mo-Fr 09:00-17:00; PH off", "2026-07-15 10:00", True),
        ("Mo-Fr 09:00-17:00", "2026-12-25 10:00", True),  # no PH rule: open
        ("24/7", "2026-12-25 03:00", True),
        ("Mo-Fr 09:00-12:00 unknown", "2026-12-01 10:00", None),
    ],
)
def test_open_now(expression: str, when: str, open_now: bool | None) -> None:
    today = hours.today(expression, "75011", at(when))
    assert today is not None and today.open_now is open_now


def test_today_hours_and_next_opening() -> None:
    today = hours.today("Mo-Fr 09:00-12:00,14:00-17:00; PH off", "69003", at("2026-12-24 12:30"))
    assert today is not None and today.open_now is False
    assert today.intervals == ((dt.time(9), dt.time(12)), (dt.time(14), dt.time(17)))
    assert today.opens_at is not None and today.opens_at.hour == 14
    christmas = hours.today("Mo-Fr 09:00-12:00; PH off", "69003", at("2026-12-25 10:00"))
    assert christmas is not None and christmas.intervals == ()
    assert christmas.opens_at is not None and christmas.opens_at.date() == dt.date(2026, 12, 28)
    night = hours.today("Mo-Su 20:00-08:00", "75011", at("2026-12-02 00:30"))
    assert night is not None and night.closes_at is not None and night.closes_at.hour == 8
    assert night.intervals[0] == (dt.time(0), dt.time(8))


def test_hours_are_read_in_local_time() -> None:
    # 08:30 UTC in winter is 09:30 in Paris (open) but 12:30 in La Réunion (closed).
    when = dt.datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    assert hours.today("Mo-Fr 09:00-12:00", "75011", when).open_now is True  # type: ignore[union-attr]
    assert hours.today("Mo-Fr 09:00-12:00", "97400", when).open_now is False  # type: ignore[union-attr]
    # Summer time: 07:30 UTC is 09:30 in Paris.
    summer = dt.datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    assert hours.today("Mo-Fr 09:00-12:00", "75011", summer).open_now is True  # type: ignore[union-attr]
    assert hours.today("", "75011", when) is None


# --- searching the store ----------------------------------------------------------------------


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = Database(settings)
    await migrate.prepare(db)
    yield db
    await db.close()


async def put(database: Database, kind: importer.Kind, rows: list[dict[str, Any]]) -> None:
    numbered = [(i + 1, {"source": "t", **row}) for i, row in enumerate(rows)]
    await importer.import_rows(database, kind, numbered, PLACES, Catalogs(CONTENT), FROZEN_AT)


async def ids_by(database: Database, table: str) -> dict[str, int]:
    async with database.read() as conn:
        found = await conn.exec_driver_sql(f"SELECT source_id, id FROM {table}")
        return {source_id: id_ for source_id, id_ in found}


async def test_nearest_services(database: Database) -> None:
    # Around Lyon 3e (45.7612, 4.8518): shelters at growing distances, one food bank, one
    # national line and one shelter in Paris.
    await put(
        database,
        "services",
        [
            {
                "source_id": "near",
                "name": "A",
                "categories": ["shelter"],
                "latitude": 45.7620,
                "longitude": 4.8530,
            },
            {
                "source_id": "mid",
                "name": "B",
                "categories": ["shelter", "food"],
                "latitude": 45.7800,
                "longitude": 4.8700,
            },
            {
                "source_id": "far",
                "name": "C",
                "categories": ["shelter"],
                "latitude": 45.9000,
                "longitude": 4.7000,
            },
            {
                "source_id": "food",
                "name": "D",
                "categories": ["food"],
                "latitude": 45.7612,
                "longitude": 4.8518,
            },
            {"source_id": "paris", "name": "E", "categories": ["shelter"], "city": "Paris"},
            {"source_id": "115", "name": "115", "categories": ["shelter"], "national": True},
            {"source_id": "112", "name": "112", "categories": ["shelter"], "national": True},
        ],
    )
    ids = await ids_by(database, "services")
    async with database.read() as conn:
        directory = Directory(conn)
        hits = await directory.nearest_services("shelter", 45.7612, 4.8518, limit=4)
        assert [h.id for h in hits] == [ids["115"], ids["near"], ids["mid"], ids["far"]]
        assert hits[0].distance_km is None
        assert hits[1].distance_km == pytest.approx(0.13, abs=0.02)
        assert hits[3].distance_km == pytest.approx(19.2, abs=0.5)
        everything = await directory.nearest_services("shelter", 45.7612, 4.8518, limit=30)
        # Other national lines come last; Paris, 390 km away, is no help "near me".
        assert everything[-1].id == ids["112"]
        assert ids["paris"] not in [h.id for h in everything]
        food = await directory.nearest_services("food", 45.7612, 4.8518)
        assert [h.id for h in food] == [ids["food"], ids["mid"]]
        assert await directory.nearest_services("mobility", 45.7612, 4.8518) == []


async def test_job_ranking_follows_the_cv(database: Database) -> None:
    lyon = {"latitude": 45.7612, "longitude": 4.8518}
    await put(
        database,
        "jobs",
        [
            {
                "source_id": "cook-far",
                "title": "Cuisinier",
                "rome": "G1602",
                "contract": "cdi",
                "latitude": 45.90,
                "longitude": 4.85,
            },  # 15 km
            {
                "source_id": "cook-friendly",
                "title": "Cuisinier",
                "rome": "G1602",
                "contract": "cdd",
                "refugee_friendly": True,
                "latitude": 45.80,
                "longitude": 4.85,
            },  # 4 km
            {
                "source_id": "cook-near",
                "title": "Cuisinier",
                "rome": "G1602",
                "contract": "cdi",
                **lyon,
            },
            {
                "source_id": "cook-c1",
                "title": "Chef",
                "rome": "G1602",
                "contract": "cdi",
                "french_level": "C1",
                **lyon,
            },
            {
                "source_id": "cleaner",
                "title": "Agent d'entretien",
                "rome": "K2204",
                "contract": "cdi",
                "refugee_friendly": True,
                **lyon,
            },
            {
                "source_id": "cook-paris",
                "title": "Cuisinier",
                "rome": "G1602",
                "contract": "cdi",
                "city": "Paris",
            },
        ],
    )
    ids = await ids_by(database, "jobs")
    cook = JobQuery(rome=("G1602",), radius_km=30, french_level="A2", **lyon)
    async with database.read() as conn:
        directory = Directory(conn)
        ranked = [h.id for h in await directory.rank_jobs(cook)]
        assert ranked == [
            ids[k] for k in ("cook-friendly", "cook-near", "cook-far", "cook-c1", "cleaner")
        ]
        cdi = await directory.rank_jobs(JobQuery(**{**cook.__dict__, "contracts": ("cdi",)}))
        assert ids["cook-friendly"] not in [h.id for h in cdi]
        near = await directory.rank_jobs(JobQuery(**{**cook.__dict__, "radius_km": 10}))
        assert ids["cook-far"] not in [h.id for h in near]
        anywhere = await directory.rank_jobs(JobQuery(rome=("G1602",), **lyon))
        assert ids["cook-paris"] in [h.id for h in anywhere]
        no_cv = [h.id for h in await directory.rank_jobs(JobQuery(radius_km=30, **lyon))]
        assert set(no_cv[:2]) == {ids["cook-friendly"], ids["cleaner"]}  # refugee-friendly first


@pytest.mark.parametrize(
    ("typed", "title", "found"),
    [
        ("boulangère", "Boulanger / Boulangère (H/F)", True),
        ("Aide-soignante", "AIDE SOIGNANT DE NUIT H/F", True),
        ("aide soignante", "Aide cuisinier", False),  # every word of the trade, not one
        ("vendeuses", "Vendeur en boulangerie", True),
        ("conductrice de bus", "Conducteur / conductrice de bus urbain", True),
        ("Électricienne", "electricien batiment", True),
        ("agente de propreté", "Agent(e) de propreté", True),
        ("soudeur", "Chaudronnier", False),
        ("de la", "Cuisinier de la cantine", False),  # nothing but little words: no trade
    ],
)
def test_typed_trades_match_titles(typed: str, title: str, found: bool) -> None:
    kept = trades.title_words(title)
    phrases = trades.phrases([typed])
    assert any(trades.matches(p, kept) for p in phrases) is found


async def test_a_typed_trade_ranks_like_a_chosen_one(database: Database) -> None:
    lyon = {"latitude": 45.7612, "longitude": 4.8518}
    await put(
        database,
        "jobs",
        [
            {"source_id": "welder", "title": "Soudeur / soudeuse TIG", "contract": "cdi", **lyon},
            {"source_id": "near", "title": "Magasinier", "refugee_friendly": True, **lyon},
            {"source_id": "cook", "title": "Cuisinier", "rome": "G1602", **lyon},
        ],
    )
    ids = await ids_by(database, "jobs")
    async with database.read() as conn:
        directory = Directory(conn)
        welder = JobQuery(words=trades.phrases(["soudeuse"]), radius_km=30, **lyon)
        first = (await directory.rank_jobs(welder))[0]
        assert first.id == ids["welder"]
        both = JobQuery(rome=("G1602",), words=welder.words, radius_km=30, **lyon)
        ranked = [h.id for h in await directory.rank_jobs(both)]
        assert set(ranked[:2]) == {ids["welder"], ids["cook"]} and ranked[2] == ids["near"]


def test_job_query_round_trips_through_json() -> None:
    query = JobQuery(
        rome=("G1602", "K2204"),
        latitude=45.7,
        longitude=4.8,
        radius_km=30,
        contracts=("cdi",),
        french_level="A2",
        place="Lyon",
    )
    assert JobQuery.from_json(json.loads(json.dumps(query.to_json()))) == query
    assert query.accepts("G1602", "", "cdi", 12.0) and not query.accepts("G1602", "", "cdd", 12.0)
    assert not query.accepts("G1602", "", "cdi", 31.0)
    assert not query.accepts("A1414", "", "cdi", 1.0)
    typed = JobQuery(words=trades.phrases(["Soudeuse"]), contracts=("cdi",))
    assert JobQuery.from_json(json.loads(json.dumps(typed.to_json()))) == typed
    assert typed.accepts("", trades.title_words("SOUDEUR TIG (H/F)"), "cdi", None)
    assert not typed.accepts("", trades.title_words("Agent de soudure"), "cdi", None)
    assert query.too_hard("B1") and not query.too_hard("A1") and not query.too_hard("")
