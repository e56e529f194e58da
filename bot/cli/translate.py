"""`passerelle translate`: manage the offline models and translate from the command line."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from bot.cli import fail, settings_or_exit
from bot.i18n.catalogs import Catalogs
from bot.translate.argos import PIVOT, ArgosBackend, PackageError


@click.group()
def translate() -> None:
    """Offline translation models (Argos Translate packages)."""


@translate.command(name="list")
def list_() -> None:
    """Installed pairs, and how each supported language reaches French and back."""
    settings = settings_or_exit()
    backend = ArgosBackend(settings)
    pairs = backend.installed()
    click.echo(
        "installed: " + (", ".join(f"{p.source}→{p.target} ({p.version})" for p in pairs) or "none")
    )
    click.echo(f"{'lang':<5} {'→ fr':<8} {'fr →':<8}")
    for code in Catalogs(settings.content_dir).codes:
        if code == "fr":
            continue
        to_fr = backend.route(code, "fr") or "none"
        from_fr = backend.route("fr", code) or "none"
        click.echo(f"{code:<5} {to_fr:<8} {from_fr:<8}")
    click.echo(f"(pivot = through {PIVOT}: two installed pairs chained)")


@translate.command()
@click.argument("source", required=False)
@click.argument("target", required=False)
@click.option(
    "--file",
    "file_",
    type=click.Path(path_type=Path),
    default=None,
    help="Install this .argosmodel file instead of downloading.",
)
def install(source: str | None, target: str | None, file_: Path | None) -> None:
    """Install SOURCE TARGET from TRANSLATE_PACKAGE_INDEX (or --file PATH.argosmodel)."""
    settings = settings_or_exit()
    backend = ArgosBackend(settings)
    try:
        if file_ is not None:
            pair = backend.install_file(file_)
        elif source and target:
            with click.progressbar(
                length=1, label=f"downloading {source}→{target}", file=sys.stderr
            ) as bar:

                def progress(done: int, total: int) -> None:
                    bar.length = max(total, done, 1)
                    bar.update(done - bar.pos)

                pair = backend.install_from_index(source, target, progress)
        else:
            fail("give SOURCE TARGET (e.g. `ar en`) or --file PATH.argosmodel", 2)
    except PackageError as error:
        fail(str(error))
    click.echo(f"installed {pair.source}→{pair.target} ({pair.version})")


@translate.command()
@click.argument("source")
@click.argument("target")
def remove(source: str, target: str) -> None:
    """Uninstall the SOURCE TARGET package."""
    settings = settings_or_exit()
    try:
        pair = ArgosBackend(settings).remove(source, target)
    except PackageError as error:
        fail(str(error))
    click.echo(f"removed {pair.source}→{pair.target} ({pair.version})")


@translate.command(name="text")
@click.option("--from", "source", required=True, help="Language of the text (e.g. ar).")
@click.option("--to", "target", required=True, help="Language to translate into (e.g. fr).")
@click.argument("words", nargs=-1, required=True)
def text_(source: str, target: str, words: tuple[str, ...]) -> None:
    """Translate TEXT and print it (no cache, nothing stored)."""
    settings = settings_or_exit()
    backend = ArgosBackend(settings)
    if backend.route(source, target) is None:
        fail(
            f"no model for {source}→{target}: see `passerelle translate list` and "
            f"`passerelle translate install {source} {target}`"
        )
    text = " ".join(words)
    (translated,) = asyncio.run(asyncio.to_thread(backend.translate, [text], source, target))
    click.echo(translated)
