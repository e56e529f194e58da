"""`passerelle i18n`: extract, update, compile and check the catalogs in `content/locales`."""

from __future__ import annotations

import sys

import click

from bot.cli import fail, settings_or_exit
from bot.cv import legal
from bot.i18n import tools
from bot.i18n.catalogs import CatalogError


@click.group()
def i18n() -> None:
    """The gettext catalogs (one per language)."""


@i18n.command()
def extract() -> None:
    """Write content/locales/passerelle.pot from the message ids used in the code."""
    settings = settings_or_exit()
    path = tools.write_template(tools.extract(), settings.content_dir)
    click.echo(f"wrote {path}")


@i18n.command()
def update() -> None:
    """Add new message ids to every language's catalog (and drop unused ones)."""
    settings = settings_or_exit()
    try:
        for path in tools.update(tools.extract(), settings.content_dir):
            click.echo(f"updated {path}")
    except CatalogError as error:
        fail(str(error))


@i18n.command(name="compile")
def compile_() -> None:
    """Compile every catalog to a .mo file (for other gettext tools; the bot reads .po directly)."""
    settings = settings_or_exit()
    try:
        for path in tools.compile_all(settings.content_dir):
            click.echo(f"wrote {path}")
    except CatalogError as error:
        fail(str(error))


@i18n.command()
def check() -> None:
    """Fail on any missing or untranslated message or placeholder mismatch; show coverage."""
    settings = settings_or_exit()
    try:
        reports = tools.check(settings.content_dir)
    except CatalogError as error:
        fail(str(error))
    problems = 0
    click.echo(f"{'lang':<5} {'coverage':>9}  {'dir':<4} native review")
    for report in reports:
        review = report.reviewer or "no"
        click.echo(
            f"{report.code:<5} {report.coverage:>8.1f}%  {'rtl' if report.rtl else 'ltr':<4} "
            f"{review}"
        )
        for problem in report.problems:
            click.echo(f"  {report.code}: {problem}", err=True)
        problems += len(report.problems)
    unchecked = [s.key for s in legal.load(settings.content_dir).values() if not s.checked_on]
    if unchecked:
        click.echo(
            "legal statements never checked against their source (content/cv/legal.json): "
            + ", ".join(unchecked)
        )
    if problems:
        click.echo(f"{problems} problem(s) found", err=True)
        sys.exit(1)
    click.echo(f"all {len(reports)} catalogs complete")
