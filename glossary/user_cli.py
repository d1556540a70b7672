"""`glossary user ...`: accounts for the web pages (add, list, set a password or a role).

Passwords are never taken on the command line, where shell history and `ps` would keep them:
they are read from a hidden prompt (asked twice) or, for scripts, from standard input with
--password-stdin.
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from glossary import db
from glossary.models import ROLES, User
from glossary.services import accounts
from glossary.services.concepts import NotFound
from glossary.services.editing import ValidationError


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _user(session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        _fail(f"no user named {name!r}")
    return user


@click.group("user")
def user_group() -> None:
    """Manage the accounts that sign in to the web pages."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reader", show_default=True,
              help="reader: reads; editor: edits and reviews; admin: also manages users.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def add_command(name: str, role: str, password_stdin: bool) -> None:
    """Create the account NAME (the password is asked for, never given as an argument)."""
    db.create_schema(db.engine())  # a new instance may have no tables yet
    password = _password(password_stdin)
    try:
        with db.transaction() as session:
            accounts.create_user(session, name, password, role)
    except ValidationError as exc:
        _fail(str(exc))
    click.echo(f"User {name!r} added with the role {role}.")


@user_group.command("list")
@with_appcontext
def list_command() -> None:
    """Print every account: name, role, and "disabled" for a disabled one."""
    db.create_schema(db.engine())
    for user in db.session().scalars(select(User).order_by(User.name)):
        state = "\tdisabled" if user.disabled_at is not None else ""
        click.echo(f"{user.name}\t{user.role}{state}")


@user_group.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def password_command(name: str, password_stdin: bool) -> None:
    """Set a new password for NAME."""
    password = _password(password_stdin)
    try:
        with db.transaction() as session:
            accounts.set_password(session, name, password)
    except (ValidationError, NotFound) as exc:
        _fail(str(exc))
    click.echo(f"Password of {name!r} changed; every session of {name!r} has ended.")


def _set_disabled(name: str, disabled: bool) -> None:
    try:
        with db.transaction() as session:
            accounts.set_disabled(session, name, disabled)
    except NotFound as exc:
        _fail(str(exc))


@user_group.command("disable")
@click.argument("name")
@with_appcontext
def disable_command(name: str) -> None:
    """Disable NAME: no sign-in, every session ended, API tokens refused until enabled."""
    _set_disabled(name, True)
    click.echo(f"User {name!r} is disabled; every session of {name!r} has ended.")


@user_group.command("enable")
@click.argument("name")
@with_appcontext
def enable_command(name: str) -> None:
    """Enable NAME again after `glossary user disable`."""
    _set_disabled(name, False)
    click.echo(f"User {name!r} is enabled.")


@user_group.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def role_command(name: str, role: str) -> None:
    """Give NAME another role."""
    with db.transaction() as session:
        _user(session, name).role = role
    click.echo(f"User {name!r} is now {role}.")


COMMANDS = (user_group,)
