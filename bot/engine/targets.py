"""Every `Goto("flow.step")` and `Call(...)` in the flows names a step that exists, and every
`Perform("name")` a command: checked when the Script is built, so a typo fails at start instead of
jumping to the menu at run time.

The flows' modules (those of every handler, prompt, option list, command and guard) are read with
`ast`: a target written as a string must be a declared step (or a renamed one); a target written
as an f-string (`f"broadcast.{choice}"`) must match at least one. Targets computed otherwise are
checked when they are used (the runner refuses an unknown step).
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

STEP_MOVES = {"Goto", "Call"}
COMMAND_MOVES = {"Perform"}


class UnknownStep(LookupError):
    """A move to a step no flow declares."""


def check(
    steps: Iterable[str],
    commands: Iterable[str],
    modules_of: Iterable[Any],
    functions: Iterable[Any],
) -> None:
    """Raise UnknownStep listing every literal target (file:line) that names no step: in the
    whole modules of `modules_of` (the flows' questions) and in the bodies of `functions`
    (commands and guards, whose modules may hold more than this Script uses)."""
    known = {**dict.fromkeys(steps, "step"), **{c: "command" for c in commands}}
    problems = []
    trees = [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in _files(modules_of)]
    for function in functions:
        try:
            lines, first = inspect.getsourcelines(function)
        except (OSError, TypeError):  # no source (built-in, generated): checked at run time
            continue
        tree = ast.parse(textwrap.dedent("".join(lines)))
        ast.increment_lineno(tree, first - 1)
        trees.append((Path(inspect.getfile(function)), tree))
    for path, tree in trees:
        for line, kind, target in _targets(tree):
            names = [name for name, what in known.items() if what == kind]
            if isinstance(target, str):
                if target not in names:
                    problems.append(f"{path}:{line}: no {kind} {target!r}")
            elif not any(target.fullmatch(name) for name in names):
                problems.append(f"{path}:{line}: no {kind} matches {target.pattern!r}")
    if problems:
        raise UnknownStep("moves to undeclared steps:\n" + "\n".join(sorted(set(problems))))


def _files(sources: Iterable[Any]) -> list[Path]:
    found = set()
    for source in sources:
        module = sys.modules.get(getattr(source, "__module__", "") or "")
        if module is None:
            continue
        try:
            found.add(Path(inspect.getfile(module)))
        except TypeError:  # a built-in
            continue
    return sorted(found)


def _targets(tree: ast.AST) -> Iterator[tuple[int, str, str | re.Pattern[str]]]:
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in STEP_MOVES:
            kind = "step"
        elif name in COMMAND_MOVES:
            kind = "command"
        else:
            continue
        argument = node.args[0]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            yield node.lineno, kind, argument.value
        elif isinstance(argument, ast.JoinedStr):
            parts = [
                re.escape(str(v.value)) if isinstance(v, ast.Constant) else ".+"
                for v in argument.values
            ]
            yield node.lineno, kind, re.compile("".join(parts))
