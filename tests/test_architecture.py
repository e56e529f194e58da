"""The shape of the code, checked: the engine knows no feature, no import circle, small modules.

Imports are read from the source (every `import`/`from … import`, including those only for type
checking), so a circle hidden behind `TYPE_CHECKING` counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import CHECKOUT

PACKAGES = ("bot", "flows")
MAX_LINES = 400
# What the engine may use: its own toolkit and the layers below it — never a feature.
ENGINE_MAY_IMPORT = (
    "bot.engine",
    "bot.i18n",
    "bot.messages",
    "bot.store",
    "bot.clock",
    "bot.config",
    "bot.translate",
    "bot.outbox",  # where replies go: the engine writes them with the turn (transactional outbox)
)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((CHECKOUT / package).rglob("*.py")):
            parts = path.relative_to(CHECKOUT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `name` imports (a `from package import module` names the module)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.add(f"{base}.{alias.name}")
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycle_from(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    """A shortest import circle through `start`, if any."""
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop(0)
        for target in sorted(edges[path[-1]]):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                paths.append([*path, target])
    return None


def test_no_import_circle() -> None:
    edges = graph()
    # A package's __init__ re-exporting its modules is not a circle of meaning: skip those edges.
    edges = {
        name: {t for t in targets if not t.startswith(name + ".")}
        for name, targets in edges.items()
    }
    circles = {tuple(c) for name in edges if (c := cycle_from(name, edges))}
    assert not circles, "import circles:\n" + "\n".join(" → ".join(c) for c in sorted(circles))


def test_the_engine_knows_no_feature() -> None:
    edges = graph()
    wrong = {
        (name, target)
        for name, targets in edges.items()
        if name.startswith("bot.engine")
        for target in targets
        if not target.startswith(ENGINE_MAY_IMPORT)
    }
    assert not wrong, f"the engine imports features: {sorted(wrong)}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_small(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES})"
