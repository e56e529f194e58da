"""Statements about the right to work, each with its official source and last check (content/cv)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.i18n.msg import _

# The statements' message ids, named here so the catalog check knows them (legal.json uses them).
MESSAGES = (
    _("cv.rights.asylum"),
    _("cv.rights.refugee"),
    _("cv.rights.subsidiary"),
    _("cv.rights.temporary"),
    _("cv.rights.other"),
    _("cv.comparability.explain"),
)


@dataclass(frozen=True, slots=True)
class Statement:
    key: str
    message: str  # catalog message id
    source: str  # where the person can confirm it
    reference: str
    checked_on: str | None


def load(content_dir: Path) -> dict[str, Statement]:
    raw = json.loads((content_dir / "cv" / "legal.json").read_text(encoding="utf-8"))
    return {
        key: Statement(
            key, entry["message"], entry["source"], entry["reference"], entry.get("checked_on")
        )
        for key, entry in raw.items()
        if not key.startswith("_")
    }
