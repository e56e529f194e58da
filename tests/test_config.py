"""Settings: defaults that run with nothing configured; bad values stop start-up clearly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, load_settings


def test_nothing_configured_means_a_sqlite_file_in_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path / 'var' / 'passerelle.db'}"
    assert settings.is_sqlite and settings.writers == 1


def test_plain_urls_get_the_async_drivers() -> None:
    pg = load_settings(database_url="postgresql://u@localhost/db")
    assert pg.database_url == "postgresql+asyncpg://u@localhost/db"
    assert not pg.is_sqlite and pg.writers == 4
    assert (
        load_settings(database_url="sqlite:////x/y.db").database_url
        == "sqlite+aiosqlite:////x/y.db"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("database_url", "mysql://root@localhost/x"),
        ("conversation_idle_days", "soon"),
        ("sqlite_synchronous", "fast"),
        ("engine_batch_max", "0"),
        ("database_schema", "bad;schema"),
        ("volunteer_hours", "every day"),
        ("handover_timeout_minutes", "-5"),
        ("broadcast_batch", "-5"),
    ],
)
def test_an_invalid_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(**{name: value})
    assert name.upper() in str(error.value)
    assert value not in str(error.value) or name == "database_schema"  # values are not echoed


def test_the_command_stops_with_the_variable_named_and_exit_2(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CONVERSATION_IDLE_DAYS": "-3", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--user", "x"],
        cwd=tmp_path,
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "CONVERSATION_IDLE_DAYS" in done.stderr
    assert "Traceback" not in done.stderr


def test_every_setting_is_documented_in_env_example(project_dir: Path) -> None:
    documented = set(re.findall(r"^([A-Z_]+)=", (project_dir / ".env.example").read_text(), re.M))
    assert documented == {name.upper() for name in Settings.model_fields}
