"""Files that belong to a person (their CV PDFs), named so that erasing them is a glob.

Every such file lives at DATA_DIR/media/<kind>/<user id>-<random>.<ext>; "delete my data" removes
`media/*/<user id>-*` once the erasure is committed.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
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


def kept_secret(path: Path, make: Callable[[], bytes]) -> bytes:
    """A secret made once by `make` and kept in `path`, readable by this user only; processes
    on one machine share it (the first to write it wins)."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = make()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key
