"""Commands started by the tests run the checkout under test, from any working folder.

Once, `python -m bot` started from a temporary folder imported the `bot` that the environment's
editable install pointed at — another clone — so subprocess tests tested the wrong code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import CHECKOUT


def test_python_dash_m_bot_imports_this_checkout(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import bot, flows; print(bot.__file__); print(flows.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    bot_file, flows_file = done.stdout.split()
    assert Path(bot_file).resolve() == CHECKOUT / "bot" / "__init__.py"
    assert Path(flows_file).resolve() == CHECKOUT / "flows" / "__init__.py"
