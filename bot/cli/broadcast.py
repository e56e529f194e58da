"""`passerelle volunteers` and `passerelle broadcast`: who may announce, and announcements.

Volunteers are people on a channel (`telegram:12345`, `whatsapp:+33612345678`) with the volunteer
role (and admins with both). A broadcast created here is planned and delivered by a running
`passerelle serve` or `passerelle worker` (see bot/broadcast).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import getpass
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.broadcast import queries
from bot.broadcast.audience import Audience, AudienceError
from bot.cli import fail, run, settings_or_exit, setup_logging
from bot.clock import SystemClock
from bot.config import Settings
from bot.i18n.catalogs import read_linguas
from bot.people.roles import ADMIN, VOLUNTEER, parse_account
from bot.store import migrate, tables
from bot.store.database import Database

PARIS = ZoneInfo("Europe/Paris")  # a time written without a zone is French time
MAX_TEXT = 3000


@asynccontextmanager
async def _store(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings)
    try:
        await migrate.prepare(database)
        yield database
    finally:
        await database.close()


# --- volunteers ---------------------------------------------------------------------------------
@click.group()
def volunteers() -> None:
    """Who may send announcements (and, later, answer people): CHANNEL:ID, e.g. telegram:12345."""


@volunteers.command()
@click.argument("account")
@click.option("--admin", is_flag=True, help="Also an admin (may manage broadcasts of others).")
def add(account: str, admin: bool) -> None:
    """Give ACCOUNT the volunteer role (it need not have written to the bot yet)."""
    settings = settings_or_exit()
    channel, external_id = _account(account)
    roles = [VOLUNTEER, ADMIN] if admin else [VOLUNTEER]

    async def go() -> int:
        users = tables.users
        async with _store(settings) as database, database.write() as conn:
            found = await _person(conn, channel, external_id)
            if found is None:
                await conn.execute(
                    users.insert().values(
                        channel=channel,
                        external_id=external_id,
                        roles=roles,
                        status="active",
                        created_at=SystemClock().now(),
                    )
                )
            else:
                merged = list(dict.fromkeys([*found.roles, *roles]))
                await conn.execute(update(users).where(users.c.id == found.id).values(roles=merged))
        click.echo(f"{channel}:{external_id} is now {' and '.join(roles)}")
        return 0

    sys.exit(run(go()))


@volunteers.command()
@click.argument("account")
def remove(account: str) -> None:
    """Take the volunteer and admin roles away from ACCOUNT."""
    settings = settings_or_exit()
    channel, external_id = _account(account)

    async def go() -> int:
        users = tables.users
        async with _store(settings) as database, database.write() as conn:
            found = await _person(conn, channel, external_id)
            if found is None or not set(found.roles) & {VOLUNTEER, ADMIN}:
                fail(f"{account} is not a volunteer")
            kept = [r for r in found.roles if r not in (VOLUNTEER, ADMIN)]
            await conn.execute(update(users).where(users.c.id == found.id).values(roles=kept))
        click.echo(f"{account} is no longer a volunteer")
        return 0

    sys.exit(run(go()))


@volunteers.command(name="list")
def list_volunteers() -> None:
    """Every volunteer and admin."""
    settings = settings_or_exit()

    async def go() -> int:
        users = tables.users
        async with _store(settings) as database, database.read() as conn:
            rows = (
                await conn.execute(
                    select(users.c.channel, users.c.external_id, users.c.roles).order_by(
                        users.c.channel, users.c.external_id
                    )
                )
            ).all()
        shown = [r for r in rows if set(r.roles) & {VOLUNTEER, ADMIN}]
        for row in shown:
            click.echo(f"{row.channel}:{row.external_id}  {', '.join(sorted(row.roles))}")
        if not shown:
            click.echo("no volunteers yet: passerelle volunteers add telegram:ID")
        return 0

    sys.exit(run(go()))


async def _person(conn: AsyncConnection, channel: str, external_id: str) -> Any:
    users = tables.users
    query = select(users.c.id, users.c.roles).where(
        users.c.channel == channel, users.c.external_id == external_id
    )
    return (await conn.execute(query)).first()


def _account(account: str) -> tuple[str, str]:
    try:
        return parse_account(account)
    except ValueError as error:
        fail(str(error), 2)


# --- broadcasts ---------------------------------------------------------------------------------
@click.group()
def broadcast() -> None:
    """Announcements to the people concerned, each in their own language."""


@broadcast.command()
@click.option("--text", help="The announcement.")
@click.option("--file", "path", type=click.Path(path_type=Path), help="Or read it from a file.")
@click.option("--lang", default="fr", show_default=True, help="The language it is written in.")
@click.option(
    "--segment",
    "segments",
    multiple=True,
    metavar="KEY=V[,V…]",
    help="Narrow the audience (repeatable): language=, channel=, department=, interest=, trade=.",
)
@click.option("--at", "when", help="Send later: 2026-12-01 18:00 (French time) or ISO 8601.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def create(
    text: str | None,
    path: Path | None,
    lang: str,
    segments: tuple[str, ...],
    when: str | None,
    yes: bool,
) -> None:
    """Create an announcement; a running `serve` or `worker` translates and sends it."""
    settings = settings_or_exit()
    setup_logging(settings, quiet=True)
    body = _body(text, path)
    languages = read_linguas(settings.content_dir / "locales")
    if lang not in languages:
        fail(f"unknown language {lang!r} (known: {', '.join(languages)})", 2)
    try:
        audience = Audience.parse(segments, languages)
    except AudienceError as error:
        fail(str(error), 2)
    now = SystemClock().now()
    at = _when(when, now)

    async def go() -> int:
        async with _store(settings) as database:
            async with database.read() as conn:
                sizes = await queries.audience_size(conn, audience)
            total = sum(sizes.values())
            by_language = ", ".join(f"{k} {v}" for k, v in sorted(sizes.items())) or "nobody"
            click.echo(f"audience: {audience.describe()} → {total} people ({by_language})")
            if not yes and not click.confirm(
                f"Send {'at ' + at.astimezone(PARIS).strftime('%Y-%m-%d %H:%M') if at else 'now'}?"
            ):
                click.echo("nothing sent")
                return 1
            async with database.write() as conn:
                new_id = await queries.create(
                    conn,
                    author=f"cli:{getpass.getuser()}",
                    text=body,
                    language=lang,
                    audience=audience,
                    now=now,
                    at=at,
                )
        click.echo(f"broadcast {new_id} created; follow it: passerelle broadcast status {new_id}")
        return 0

    sys.exit(run(go()))


@broadcast.command(name="list")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def list_broadcasts(limit: int) -> None:
    """The latest broadcasts."""
    settings = settings_or_exit()

    async def go() -> int:
        async with _store(settings) as database, database.read() as conn:
            rows = await queries.recent(conn, limit)
        for row in rows:
            when = row.scheduled_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
            audience = Audience.from_json(row.segment).describe()
            first = row.text.splitlines()[0] if row.text else ""
            snippet = first[:40] + ("…" if len(first) > 40 else "")
            click.echo(
                f"{row.id:>5}  {row.status:<9}  {when}  {row.queued:>7}  "
                f"{row.author}  [{audience}]  {snippet}"
            )
        if not rows:
            click.echo("no broadcasts yet")
        return 0

    sys.exit(run(go()))


@broadcast.command()
@click.argument("broadcast_id", type=int)
@click.option("--follow", is_flag=True, help="Keep showing progress until it is finished.")
def status(broadcast_id: int, follow: bool) -> None:
    """Counts of a broadcast (queued, sent, delivered, read, failed, skipped) and its texts."""
    settings = settings_or_exit()

    async def go() -> int:
        async with _store(settings) as database:
            async with database.read() as conn:
                row = await queries.get(conn, broadcast_id)
            if row is None:
                fail(f"no broadcast {broadcast_id}")
            click.echo(f"broadcast {row.id} by {row.author}, {row.language}: {row.text}")
            click.echo(f"audience: {Audience.from_json(row.segment).describe()}")
            for language, text in sorted(row.translations.items()):
                click.echo(f"  [{language}, {text['origin']}] {text['text']}")
            while True:
                async with database.read() as conn:
                    progress = await queries.progress(conn, broadcast_id)
                assert progress is not None
                line = _line(progress)
                finished = progress.status in ("done", "cancelled")
                if not follow or finished:
                    click.echo(("\r" if follow else "") + line)
                    return 0
                click.echo("\r" + line, nl=False)
                await asyncio.sleep(1)

    sys.exit(run(go()))


@broadcast.command()
@click.argument("broadcast_id", type=int)
def cancel(broadcast_id: int) -> None:
    """Stop a broadcast: what is not sent yet will not be."""
    settings = settings_or_exit()

    async def go() -> int:
        async with _store(settings) as database, database.write() as conn:
            row = await queries.get(conn, broadcast_id)
            if row is None:
                fail(f"no broadcast {broadcast_id}")
            done = await queries.cancel(
                conn, broadcast_id, f"cli:{getpass.getuser()}", SystemClock().now()
            )
        if not done:
            fail(f"broadcast {broadcast_id} is already {row.status}")
        click.echo(f"broadcast {broadcast_id} cancelled")
        return 0

    sys.exit(run(go()))


def _line(progress: queries.Progress) -> str:
    total = max(progress.recipients, 1)
    width = 30
    filled = int(width * min(progress.done, total) / total)
    counts = ", ".join(f"{k} {v}" for k, v in progress.counts.items() if v)
    return (
        f"[{'#' * filled}{'.' * (width - filled)}] {progress.done}/{progress.recipients} "
        f"{progress.status}" + (f" ({counts})" if counts else "")
    )


def _body(text: str | None, path: Path | None) -> str:
    if (text is None) == (path is None):
        fail("give --text TEXT or --file FILE (one of them)", 2)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            fail(f"cannot read {path}: {error}", 2)
    assert text is not None
    body = text.strip()
    if not body:
        fail("the announcement is empty", 2)
    if len(body) > MAX_TEXT:
        fail(f"the announcement is {len(body)} characters long; keep it under {MAX_TEXT}", 2)
    return body


def _when(when: str | None, now: dt.datetime) -> dt.datetime | None:
    if when is None:
        return None
    try:
        at = dt.datetime.fromisoformat(when.strip())
    except ValueError:
        fail(f"--at {when!r}: write a date and time such as 2026-12-01 18:00", 2)
    if at.tzinfo is None:
        at = at.replace(tzinfo=PARIS)
    if at < now - dt.timedelta(minutes=1):
        fail(f"--at {when!r} is in the past", 2)
    return at.astimezone(dt.UTC)
