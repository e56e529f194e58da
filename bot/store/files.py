"""Files that belong to a person (their CV PDFs), named so that erasing them is a glob.

Every such file lives at DATA_DIR/media/<kind>/<user id>-<random>.<ext>; "delete my data" removes
`media/*/<user id>-*` once the erasure is committed.
"""

from __future__ import annotations

import secrets
from pathlib import Path


def owned_path(data_dir: Path, kind: str, user_id: int, suffix: str) -> Path:
    folder = data_dir / "media" / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{user_id}-{secrets.token_urlsafe(12)}{suffix}"


def erase_owned(data_dir: Path, user_id: int, kind: str = "*") -> int:
    """Delete a person's files (of one kind, or all)."""
    removed = 0
    for path in (data_dir / "media").glob(f"{kind}/{user_id}-*"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
