"""`glossary user ...` and `glossary token ...`: the accounts that sign in to the web pages,
and the bearer tokens of the JSON API. Both go through `glossary.services.accounts`.

Passwords are never taken on the command line, where shell history and `ps` would keep them:
they are read from a hidden prompt (asked twice) or, for scripts, from standard input with
--password-stdin.

A token is printed once, when it is made, and kept only as a digest: it cannot be shown
again, only revoked and replaced. The token goes to standard output alone (so that
`TOKEN=$(glossary token create ...)` works); what to do with it goes to standard error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from glossary.cli.errors import fail
from glossary.cli.lazy import LazyChoice, with_app


def _roles() -> tuple[str, ...]:
    from glossary.models import ROLES

    return ROLES


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _create_schema() -> None:
    """A new instance may have no tables yet: accounts can come before `glossary init`."""
    from glossary import db

    db.create_schema(db.engine())


@click.group("user")
def user_group() -> None:
    """Manage the accounts that sign in to the web pages."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=LazyChoice(_roles), default="reader", show_default=True,
              help="reader: reads; editor: edits and reviews; admin: also manages users.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_app
def add_command(name: str, role: str, password_stdin: bool) -> None:
    """Create the account NAME (the password is asked for, never given as an argument)."""
    from glossary import db
    from glossary.services import accounts
    from glossary.services.editing import ValidationError

    _create_schema()
    password = _password(password_stdin)
    try:
        with db.transaction() as session:
            accounts.create_user(session, name, password, role)
    except ValidationError as exc:
        fail(str(exc))
    click.echo(f"User {name!r} added with the role {role}.")


@user_group.command("list")
@with_app
def list_command() -> None:
    """Print every account: name, role, and "disabled" for a disabled one."""
    from glossary import db
    from glossary.services import accounts

    _create_schema()
    for user in accounts.list_users(db.session()):
        state = "\tdisabled" if user["disabled"] else ""
        click.echo(f"{user['name']}\t{user['role']}{state}")


@user_group.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_app
def password_command(name: str, password_stdin: bool) -> None:
    """Set a new password for NAME."""
    from glossary import db
    from glossary.services import accounts
    from glossary.services.concepts import NotFound
    from glossary.services.editing import ValidationError

    password = _password(password_stdin)
    try:
        with db.transaction() as session:
            accounts.set_password(session, name, password)
    except (ValidationError, NotFound) as exc:
        fail(str(exc))
    click.echo(f"Password of {name!r} changed; every session of {name!r} has ended.")


def _change_user(change: Callable[..., None], name: str, *args: Any) -> None:
    """Run `change(session, name, *args)` (an accounts function) in one transaction; an
    unknown user ends the command with a message."""
    from glossary import db
    from glossary.services.concepts import NotFound

    try:
        with db.transaction() as session:
            change(session, name, *args)
    except NotFound as exc:
        fail(str(exc))


def _set_disabled(name: str, disabled: bool) -> None:
    from glossary.services import accounts

    _change_user(accounts.set_disabled, name, disabled)


@user_group.command("disable")
@click.argument("name")
@with_app
def disable_command(name: str) -> None:
    """Disable NAME: no sign-in, every session ended, API tokens refused until enabled."""
    _set_disabled(name, True)
    click.echo(f"User {name!r} is disabled; every session of {name!r} has ended.")


@user_group.command("enable")
@click.argument("name")
@with_app
def enable_command(name: str) -> None:
    """Enable NAME again after `glossary user disable`."""
    _set_disabled(name, False)
    click.echo(f"User {name!r} is enabled.")


@user_group.command("role")
@click.argument("name")
@click.argument("role", type=LazyChoice(_roles))
@with_app
def role_command(name: str, role: str) -> None:
    """Give NAME another role."""
    from glossary.services import accounts

    _change_user(accounts.set_role, name, role)
    click.echo(f"User {name!r} is now {role}.")


@click.group("token")
def token_group() -> None:
    """Manage the bearer tokens of the JSON API."""


@token_group.command("create")
@click.option("--user", "user_name", required=True, help="The account the token acts for.")
@click.option("--scope", type=click.Choice(("read", "write")), default="read",
              show_default=True, help="read: reading only; write: also editing (if the "
                                      "user's role is editor or admin).")
@with_app
def token_create_command(user_name: str, scope: str) -> None:
    """Issue a token for USER and print it (once: it is stored only as a digest)."""
    from glossary import db
    from glossary.services import accounts
    from glossary.services.concepts import NotFound
    from glossary.services.editing import ValidationError

    _create_schema()
    try:
        with db.transaction() as session:
            token, text = accounts.create_token(session, user_name, scope)
            prefix, role = token.prefix, token.user.role
    except (NotFound, ValidationError) as exc:
        fail(f"{exc}; add the user first with 'glossary user add'"
             if isinstance(exc, NotFound) else str(exc))
    click.echo(text)
    note = ""
    if scope == "write" and role == "reader":
        note = f" Note: {user_name!r} is a reader, so the token cannot write until the " \
               "role is editor or admin."
    click.echo(f"Token {prefix}… for {user_name!r} (scope {scope}) created. It is shown "
               f"this once; send it as 'Authorization: Bearer <token>'.{note}", err=True)


@token_group.command("revoke")
@click.argument("token")
@with_app
def token_revoke_command(token: str) -> None:
    """Revoke a token, named by its id or its prefix (from 'glossary token list')."""
    from glossary import db
    from glossary.services import accounts
    from glossary.services.concepts import NotFound

    _create_schema()
    if token.startswith(accounts.TOKEN_PREFIX) and len(token) > 12:
        token = token[:12]  # the whole token was pasted: its prefix names it
    try:
        with db.transaction() as session:
            row = accounts.revoke_token(session, token)
            prefix, user = row.prefix, row.user.name
    except NotFound as exc:
        fail(f"{exc}; see 'glossary token list'")
    click.echo(f"Token {prefix}… of {user!r} revoked.")


@token_group.command("list")
@click.option("--user", "user_name", help="Only this account's tokens.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@with_app
def token_list_command(user_name: str | None, as_json: bool) -> None:
    """Print the tokens: id, prefix, user, scope, created, and whether revoked."""
    from glossary import db
    from glossary.services import accounts

    _create_schema()
    tokens = accounts.list_tokens(db.session(), user_name)
    if as_json:
        click.echo(json.dumps(tokens, ensure_ascii=False))
        return
    for t in tokens:
        state = "revoked" if t["revoked"] else "active"
        click.echo(f"{t['id']}\t{t['prefix']}…\t{t['user']}\t{t['scope']}\t{t['created']}"
                   f"\t{state}")


COMMANDS = (user_group, token_group)
