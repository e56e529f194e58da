"""Directory benchmark: import 100,000 services and 100,000 job offers, then time the searches.

    python bench/directory.py                      # SQLite file in a temporary folder
    python bench/directory.py --database-url postgresql://postgres@127.0.0.1/test --schema bench

1. Two CSV files in our own format are written (services and offers spread over real communes,
   weighted by population, as people and services are; each place jittered within ~2 km).
2. Each is imported with the real command, `passerelle import services|jobs FILE`, in its own
   process: the time is the whole command (start-up, reading, checking every row, geocoding,
   writing, indexing). The same file imported again shows the cost of a nightly refresh where
   nothing changed.
3. Searches as the flows run them (`Directory.nearest_services`, `Directory.rank_jobs`) from places
   drawn by population, one at a time: p50/p95/max per query. Job queries draw 0-3 chosen trades
   (ROME codes) and, half the time, 1-2 trades typed in words (matched on titles).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import fresh_store
from bot.config import load_settings
from bot.cv.vocabulary import OCCUPATIONS
from bot.directory import trades
from bot.directory.categories import CATEGORIES
from bot.directory.search import Directory, JobQuery
from bot.store.database import Database

CONTRACTS = ("cdi", "cdd", "interim", "seasonal", "apprentice", "other")
LEVELS = ("", "A1", "A2", "B1", "B2")
ROME = sorted({o.code for o in OCCUPATIONS if o.code})
TITLES = (
    "Soudeur / soudeuse TIG (H/F)",
    "Boulanger / boulangère",
    "Aide-soignant de nuit H/F",
    "Cuisinier de collectivité",
    "Agent / agente de propreté",
    "Vendeur en boulangerie",
    "Magasinier cariste",
    "Électricien bâtiment",
    "Conducteur / conductrice de bus",
    "Plombier chauffagiste",
)
TYPED = ("soudeuse", "boulangère", "aide soignante", "plombier", "cariste", "couvreur")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def communes(content: Path) -> tuple[list[dict[str, str]], list[int]]:
    with open(content / "places" / "communes.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["latitude"] and r["postcodes"]]
    return rows, [max(int(r["population"] or 0), 1) for r in rows]


def write_files(folder: Path, count: int, content: Path, rng: random.Random) -> tuple[Path, Path]:
    places, weights = communes(content)
    chosen = rng.choices(places, weights, k=2 * count)
    ids = [c.id for c in CATEGORIES]

    def where(commune: dict[str, str]) -> dict[str, str]:
        return {
            "city": commune["name"],
            "postcode": commune["postcodes"].split()[0],
            "latitude": f"{float(commune['latitude']) + rng.uniform(-0.02, 0.02):.5f}",
            "longitude": f"{float(commune['longitude']) + rng.uniform(-0.02, 0.02):.5f}",
        }

    services = folder / "services.csv"
    with open(services, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        header = ["source", "source_id", "name", "organisation", "categories", "address"]
        header += ["opening_hours", "languages", "phone", "last_verified"]
        out.writerow([*header, "city", "postcode", "latitude", "longitude"])
        for n, commune in enumerate(chosen[:count]):
            row = ["bench", f"s{n}", f"Service {n}", "Association", ""]
            row[4] = ";".join(rng.sample(ids, rng.choice((1, 1, 2, 3))))
            row += [f"{n} rue de la Paix", "Mo-Fr 09:00-17:00; PH off", "fr;en;ar"]
            row += ["01 23 45 67 89", "2026-11-01", *where(commune).values()]
            out.writerow(row)
    jobs = folder / "jobs.csv"
    with open(jobs, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        header = ["source", "source_id", "title", "employer", "rome", "contract", "french_level"]
        header += ["refugee_friendly", "how_to_apply", "published"]
        out.writerow([*header, "city", "postcode", "latitude", "longitude"])
        for n, commune in enumerate(chosen[count:]):
            day = 1 + n % 28
            row = ["bench", f"j{n}", f"{rng.choice(TITLES)} {n}", "Entreprise", rng.choice(ROME)]
            row += [rng.choice(CONTRACTS), rng.choice(LEVELS), "yes" if n % 10 == 0 else "no"]
            row += ["Envoyez votre CV", f"2026-11-{day:02d}", *where(commune).values()]
            out.writerow(row)
    return services, jobs


def passerelle(env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("passerelle")), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"passerelle {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    print(f"  {' '.join(args[:2]):<16} {elapsed:6.1f} s  ({summary})")
    return elapsed


async def searches(settings, queries: int, rng: random.Random) -> None:
    places, weights = communes(settings.content_dir)
    database = Database(settings)
    try:
        timings: dict[str, list[float]] = {"services": [], "jobs": []}
        found: dict[str, int] = {"services": 0, "jobs": 0}
        ids = [c.id for c in CATEGORIES]
        for commune in rng.choices(places, weights, k=queries):
            lat, lon = float(commune["latitude"]), float(commune["longitude"])
            async with database.read() as conn:
                directory = Directory(conn)
                start = time.perf_counter()
                hits = await directory.nearest_services(rng.choice(ids), lat, lon)
                await directory.services([h.id for h in hits[:3]])
                timings["services"].append(time.perf_counter() - start)
                found["services"] += len(hits)
                query = JobQuery(
                    rome=tuple(rng.sample(ROME, rng.choice((0, 1, 2, 3)))),
                    words=trades.phrases(rng.sample(TYPED, rng.choice((0, 0, 1, 2)))),
                    latitude=lat,
                    longitude=lon,
                    radius_km=rng.choice((None, 10.0, 30.0, 50.0)),
                    contracts=tuple(rng.sample(CONTRACTS, rng.choice((0, 0, 1, 2)))),
                    french_level=rng.choice(LEVELS),
                )
                start = time.perf_counter()
                hits = await directory.rank_jobs(query)
                await directory.jobs([h.id for h in hits[:3]])
                timings["jobs"].append(time.perf_counter() - start)
                found["jobs"] += len(hits)
        for name, values in timings.items():
            ms = [v * 1000 for v in values]
            print(
                f"  {name:<9} {len(ms)} queries, {found[name] / len(ms):4.1f} results each | "
                f"p50 {percentile(ms, 0.5):6.1f} ms  p95 {percentile(ms, 0.95):6.1f} ms  "
                f"max {max(ms):6.1f} ms"
            )
    finally:
        await database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default=None, help="PostgreSQL schema to create and use")
    parser.add_argument("--rows", type=int, default=100_000, help="services, and as many jobs")
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="passerelle-bench-"))
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    settings = load_settings(
        database_url=url, database_schema=args.schema, data_dir=folder, load_samples=False
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATA_DIR": str(folder),
        "LOAD_SAMPLES": "false",
        "ORT_DISABLE_TELEMETRY": "1",
    }
    if args.schema:
        env["DATABASE_SCHEMA"] = args.schema
    asyncio.run(fresh_store(settings))
    print(
        f"store: {settings.database_url.split('://')[0]}, {args.rows:,} services and "
        f"{args.rows:,} job offers, cpus {os.cpu_count()}"
    )
    services, jobs = write_files(folder, args.rows, settings.content_dir, rng)
    print("import (whole command, in its own process):")
    passerelle(env, "import", "services", str(services))
    passerelle(env, "import", "jobs", str(jobs))
    print("import again, nothing changed:")
    passerelle(env, "import", "services", str(services))
    passerelle(env, "import", "jobs", str(jobs))
    print("search (one at a time, places drawn by population):")
    asyncio.run(searches(settings, args.queries, rng))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: searches {peak:.0f} MB, import command {child:.0f} MB")


if __name__ == "__main__":
    main()
