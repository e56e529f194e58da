"""`passerelle import`: load job offers and services from files (or live APIs) into the store."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import click

from bot.cli import fail, run, settings_or_exit, setup_logging
from bot.clock import SystemClock
from bot.config import Settings
from bot.directory import fetch, formats, importer
from bot.directory.places import gazetteer
from bot.directory.records import RowError
from bot.i18n.catalogs import Catalogs
from bot.store import migrate
from bot.store.database import Database

SHOWN_ERRORS = 50


@click.group(name="import")
def import_() -> None:
    """Job offers and services: files in our format (CSV, JSON, YAML, see docs/importing.md), in
    data·inclusion's service schema or France Travail's offer JSON; or fetched from those APIs."""


F = TypeVar("F", bound=Callable[..., Any])


def _options(kind: importer.Kind) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        for option in reversed(
            [
                click.argument("file", type=click.Path(path_type=Path), required=False),
                click.option(
                    "--source",
                    help="Where the rows come from, when they do not say "
                    "(the key is source + source_id).",
                ),
                click.option(
                    "--format",
                    "schema",
                    type=click.Choice(("auto", *formats.SCHEMAS)),
                    default="auto",
                    show_default=True,
                    help="The file's schema.",
                ),
                click.option(
                    "--skip-invalid",
                    is_flag=True,
                    help="Import the valid rows even if some are invalid.",
                ),
                click.option(
                    "--prune",
                    is_flag=True,
                    help="Also delete rows of the same source(s) absent from the file.",
                ),
                click.option(
                    "--fetch",
                    "live",
                    is_flag=True,
                    help="Fetch from the live API instead of a file ("
                    + ("France Travail" if kind == "jobs" else "data·inclusion")
                    + "; needs credentials, see .env.example).",
                ),
                click.option(
                    "--department",
                    "departments",
                    multiple=True,
                    help="With --fetch: only this département (repeatable).",
                ),
            ]
        ):
            command = option(command)
        return command

    return decorate


@import_.command()
@_options("jobs")
def jobs(**options: Any) -> None:
    """Import job offers from FILE; subscribers to matching alerts are told of new ones."""
    sys.exit(_run("jobs", **options))


@import_.command()
@_options("services")
def services(**options: Any) -> None:
    """Import services (shelters, food banks, French classes…) from FILE."""
    sys.exit(_run("services", **options))


def _run(
    kind: importer.Kind,
    *,
    file: Path | None,
    source: str | None,
    schema: str,
    skip_invalid: bool,
    prune: bool,
    live: bool,
    departments: tuple[str, ...],
) -> int:
    settings = settings_or_exit()
    setup_logging(settings, quiet=True)
    if live == (file is not None):
        fail("give a FILE, or --fetch (not both)", 2)
    if file is not None and not file.is_file():
        fail(f"no such file: {file}", 2)

    async def go() -> int:
        database = Database(settings)
        try:
            await migrate.prepare(database)
            if file is None:
                rows: Iterable[tuple[int, dict[str, Any]]] = await _fetch(
                    settings, kind, departments
                )
            else:
                rows = formats.read(file)
            progress = _Progress(file)
            try:
                summary = await importer.import_rows(
                    database,
                    kind,
                    rows,
                    gazetteer(settings.content_dir),
                    Catalogs(settings.content_dir),
                    SystemClock().now(),
                    source=source,
                    schema=None if schema == "auto" else schema,
                    skip_invalid=skip_invalid,
                    prune=prune,
                    progress=progress,
                    spool_dir=settings.data_dir,
                )
            finally:
                progress.close()
        except formats.FileProblem as problem:
            fail(f"{file}: {problem}")
        except (fetch.FetchError, aiohttp.ClientError, TimeoutError) as error:
            fail(f"fetching failed: {error or type(error).__name__}")
        except OSError as error:  # the file, or the spool file in DATA_DIR
            where = f" ({error.filename})" if error.filename else ""
            fail(f"cannot read or write a file{where}: {error.strerror or error}")
        except importer.ImportRefused as refused:
            _print_errors(refused.errors)
            fail(
                f"{len(refused.errors)} problem(s) in {len(_lines(refused.errors))} row(s); "
                f"nothing was imported ({refused.valid} valid rows). Fix them, or use "
                "--skip-invalid to import the valid rows only."
            )
        finally:
            await database.close()
        _print_errors(summary.errors)
        parts = [
            f"{summary.added} added",
            f"{summary.updated} updated",
            f"{summary.unchanged} unchanged",
            f"{summary.rejected} rejected",
        ]
        if prune:
            parts.append(f"{summary.removed} removed")
        if kind == "jobs":
            parts.append(f"{summary.alerts} people alerted")
        click.echo(f"{kind}: " + ", ".join(parts))
        return 0

    return run(go())


async def _fetch(
    settings: Settings, kind: importer.Kind, departments: tuple[str, ...]
) -> list[tuple[int, dict[str, Any]]]:
    if kind == "jobs":
        return await fetch.france_travail(settings, departments)
    return await fetch.data_inclusion(settings, departments)


def _lines(errors: list[RowError]) -> set[int]:
    return {e.line for e in errors}


def _print_errors(errors: list[RowError]) -> None:
    for error in errors[:SHOWN_ERRORS]:
        click.echo(str(error), err=True)
    if len(errors) > SHOWN_ERRORS:
        click.echo(f"… and {len(errors) - SHOWN_ERRORS} more", err=True)


class _Progress:
    """Two bars on stderr: checking (by line of the file) and writing (by row)."""

    def __init__(self, file: Path | None) -> None:
        self.lines = _count_lines(file) if file else 0
        self.bar: Any = None
        self.phase = ""
        self.done = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            length = total or self.lines
            if length < 5000:  # small files need no bar
                return
            label = "checking" if phase == "check" else "writing"
            self.bar = click.progressbar(length=length, label=label, file=sys.stderr)
            self.bar.__enter__()
            self.phase, self.done = phase, 0
        if self.bar is not None:
            self.bar.update(done - self.done)
            self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        self.phase = ""


def _count_lines(file: Path) -> int:
    with file.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
