"""`passerelle staff`: the web console's accounts from the shell — add one (printing its one-time
link to set a password), list them, link a chat account, send a new link, change a role, disable."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import click
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.cli import fail, run, settings_or_exit, setup_logging
from bot.clock import SystemClock
from bot.config import Settings
from bot.i18n.catalogs import read_linguas
from bot.people.roles import parse_account
from bot.store import migrate, tables
from bot.store.database import Database
from bot.web import staff as accounts
from bot.web.login import setup_link
from bot.web.staff import ROLES, StaffError


@asynccontextmanager
async def _store(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings)
    try:
        await migrate.prepare(database)
        yield database
    finally:
        await database.close()


def _base(settings: Settings) -> str:
    return settings.public_base_url or f"http://{settings.server_host}:{settings.server_port}"


@click.group()
def staff() -> None:
    """Accounts of the web console (/console): admins, coordinators, volunteers."""


@staff.command()
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the account may do.")
@click.option("--lang", default="fr", show_default=True, help="The console's language for them.")
@click.option(
    "--account",
    help="Their chat account (telegram:ID, whatsapp:+33…): the chat and the console then share "
    "their requests.",
)
def add(email: str, role: str, lang: str, account: str | None) -> None:
    """Create an account and print a one-time link to set its password."""
    settings = settings_or_exit()
    setup_logging(settings, quiet=True)
    if lang not in read_linguas(settings.content_dir / "locales"):
        fail(f"unknown language {lang!r}", 2)
    chat = _chat(account) if account else None

    async def go() -> int:
        now = SystemClock().now()
        async with _store(settings) as database, database.write() as conn:
            try:
                new_id, token = await accounts.add(
                    conn,
                    email=email,
                    role=role,
                    language=lang,
                    now=now,
                    link_hours=settings.console_setup_link_hours,
                )
            except StaffError as error:
                fail(str(error), 2)
            if chat is not None:
                await accounts.link(conn, new_id, *chat, now)
        click.echo(f"{accounts.normal_email(email)} is now {role} of the console.")
        click.echo(
            f"Send them this link to set a password (it works once, for "
            f"{settings.console_setup_link_hours} hours):"
        )
        click.echo(setup_link(_base(settings), token))
        return 0

    sys.exit(run(go()))


@staff.command(name="list")
def list_staff() -> None:
    """Every account, its role and whether it can log in."""
    settings = settings_or_exit()

    async def go() -> int:
        table, users = tables.staff, tables.users
        async with _store(settings) as database, database.read() as conn:
            rows = (
                await conn.execute(
                    select(table, users.c.channel)
                    .outerjoin(users, users.c.id == table.c.user_id)
                    .order_by(table.c.email)
                )
            ).all()
        for row in rows:
            state = "active" if row.active else "disabled"
            password = "password set" if row.password_hash else "no password yet"
            chat = f", chat: {row.channel}" if row.channel else ""
            click.echo(f"{row.email}  {row.role}  {state}, {password}{chat}")
        if not rows:
            click.echo("no accounts yet: passerelle staff add EMAIL --role admin")
        return 0

    sys.exit(run(go()))


@staff.command()
@click.argument("email")
@click.argument("account")
def link(email: str, account: str) -> None:
    """Link EMAIL's account to their chat ACCOUNT (telegram:ID, whatsapp:+33…)."""
    settings = settings_or_exit()
    chat = _chat(account)

    async def go() -> int:
        async with _store(settings) as database, database.write() as conn:
            found = await _find(conn, email)
            await accounts.link(conn, found.id, *chat, SystemClock().now())
        click.echo(f"{found.email} is linked to {account}")
        return 0

    sys.exit(run(go()))


@staff.command()
@click.argument("email")
def reset(email: str) -> None:
    """Print a new one-time link (to set a forgotten password); the old password stays until it
    is used."""
    settings = settings_or_exit()

    async def go() -> int:
        async with _store(settings) as database, database.write() as conn:
            found = await _find(conn, email)
            token = await accounts.new_link(
                conn, found.id, SystemClock().now(), settings.console_setup_link_hours
            )
        click.echo(setup_link(_base(settings), token))
        return 0

    sys.exit(run(go()))


@staff.command()
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
def role(email: str, role: str) -> None:
    """Give EMAIL another role (from their next request)."""
    settings = settings_or_exit()

    async def go() -> int:
        async with _store(settings) as database, database.write() as conn:
            found = await _find(conn, email)
            await conn.execute(
                update(tables.staff).where(tables.staff.c.id == found.id).values(role=role)
            )
        click.echo(f"{found.email} is now {role}")
        return 0

    sys.exit(run(go()))


@staff.command()
@click.argument("email")
def disable(email: str) -> None:
    """Stop EMAIL from logging in, and end their sessions now."""
    settings = settings_or_exit()

    async def go() -> int:
        table = tables.staff
        async with _store(settings) as database, database.write() as conn:
            found = await _find(conn, email)
            await conn.execute(
                update(table)
                .where(table.c.id == found.id)
                .values(active=False, sessions_epoch=table.c.sessions_epoch + 1)
            )
        click.echo(f"{found.email} can no longer log in")
        return 0

    sys.exit(run(go()))


async def _find(conn: AsyncConnection, email: str) -> accounts.Member:
    try:
        address = accounts.normal_email(email)
    except StaffError as error:
        fail(str(error), 2)
    row = await accounts.by_email(conn, address)
    if row is None:
        fail(f"no account for {address}")
    return accounts.member(row)


def _chat(account: str) -> tuple[str, str]:
    try:
        return parse_account(account)
    except ValueError as error:
        fail(str(error), 2)
