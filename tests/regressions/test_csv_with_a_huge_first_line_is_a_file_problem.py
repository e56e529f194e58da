"""Bug: a CSV file whose first line held a cell longer than the csv module's field limit (128 KiB)
crashed `passerelle import` and the console's upload with `_csv.Error` instead of a one-line
"not valid CSV" report, because the header was read outside the error handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.directory import formats


def test_a_huge_first_line_is_reported_as_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(formats.FileProblem, match="line 1: not valid CSV"):
        list(formats.read(path))
