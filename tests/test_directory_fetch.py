"""`passerelle import … --fetch`: France Travail's and data·inclusion's APIs, played by stand-ins
on 127.0.0.1 — tokens, paging, rate limits, refusals — through the real command."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.directory import fetch
from tests.standins.sources import CLIENT_ID, CLIENT_SECRET, DI_TOKEN, SourcesStandIn

PASSERELLE = str(Path(sys.executable).parent / "passerelle")


@pytest.fixture
async def sources() -> AsyncIterator[SourcesStandIn]:
    standin = SourcesStandIn(offers={"75": 320, "69": 40}, services=1_200, rate_limit_once=True)
    await standin.start()
    yield standin
    await standin.stop()


def configured(base_url: str, tmp_path: Path, **overrides: object) -> dict[str, str]:
    values = {
        "FRANCE_TRAVAIL_CLIENT_ID": CLIENT_ID,
        "FRANCE_TRAVAIL_CLIENT_SECRET": CLIENT_SECRET,
        "FRANCE_TRAVAIL_AUTH_URL": f"{base_url}/token",
        "FRANCE_TRAVAIL_API_URL": base_url,
        "DATA_INCLUSION_TOKEN": DI_TOKEN,
        "DATA_INCLUSION_API_URL": base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fetch.db'}",
        "DATA_DIR": str(tmp_path),
    }
    values.update({k: str(v) for k, v in overrides.items()})
    return values


def settings_for(env: dict[str, str]) -> Settings:
    return load_settings(**{k.lower(): v for k, v in env.items()})


async def test_france_travail_pages_and_rate_limit(sources: SourcesStandIn, tmp_path: Path) -> None:
    settings = settings_for(configured(sources.base_url, tmp_path))
    rows = await fetch.france_travail(settings, ["75"])
    assert len(rows) == 320 and rows[0][0] == 1 and rows[-1][0] == 320
    assert len({row["id"] for _line, row in rows}) == 320
    assert [s["range"] for s in sources.searches] == ["0-149", "150-299", "300-449"]
    assert all(s["departement"] == "75" for s in sources.searches)
    capped = settings_for(configured(sources.base_url, tmp_path, FRANCE_TRAVAIL_MAX_OFFERS=200))
    assert len(await fetch.france_travail(capped, ["75"])) == 200
    assert await fetch.france_travail(settings, ["2A"]) == []  # 204: nothing there


async def test_refusals_are_clear(sources: SourcesStandIn, tmp_path: Path) -> None:
    wrong = settings_for(
        configured(
            sources.base_url,
            tmp_path,
            FRANCE_TRAVAIL_CLIENT_SECRET="nope",
            DATA_INCLUSION_TOKEN="x",
        )
    )
    with pytest.raises(fetch.FetchError, match="refused the credentials"):
        await fetch.france_travail(wrong)
    with pytest.raises(fetch.FetchError, match="HTTP 403"):
        await fetch.data_inclusion(wrong)
    with pytest.raises(fetch.FetchError, match="FRANCE_TRAVAIL_CLIENT_ID"):
        await fetch.france_travail(load_settings())


async def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        PASSERELLE,
        "import",
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode or 0, out.decode(), err.decode()


async def test_import_commands_fetch_live(sources: SourcesStandIn, tmp_path: Path) -> None:
    env = configured(sources.base_url, tmp_path)
    code, out, err = await run(env, "jobs", "--fetch", "--department", "69")
    assert code == 0, err
    assert "jobs: 40 added, 0 updated, 0 unchanged, 0 rejected" in out
    code, out, err = await run(env, "services", "--fetch")
    assert code == 0, err
    assert "services: 1200 added" in out
    assert [p["page"] for p in sources.pages] == ["1", "2", "3"]
    code, out, err = await run(env, "jobs", "--fetch", "--department", "69")
    assert "0 added, 0 updated, 40 unchanged" in out
    code, _out, err = await run({**env, "FRANCE_TRAVAIL_CLIENT_ID": ""}, "jobs", "--fetch")
    assert code == 1 and "set FRANCE_TRAVAIL_CLIENT_ID" in err and "Traceback" not in err
    code, _out, err = await run(env, "jobs", "--fetch", str(tmp_path / "x.csv"))
    assert code == 2 and "not both" in err
