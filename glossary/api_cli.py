"""`glossary token ...`: API tokens (create, revoke, list).

A token is printed once, when it is made, and kept only as a digest: it cannot be shown
again, only revoked and replaced. The token goes to standard output alone (so that
`TOKEN=$(glossary token create ...)` works); what to do with it goes to standard error.
"""

from __future__ import annotations

import json
import sys

import click
from flask.cli import with_appcontext

from glossary import db
from glossary.services import accounts
from glossary.services.concepts import NotFound
from glossary.services.editing import ValidationError


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group("token")
def token_group() -> None:
    """Manage the bearer tokens of the JSON API."""


@token_group.command("create")
@click.option("--user", "user_name", required=True, help="The account the token acts for.")
@click.option("--scope", type=click.Choice(("read", "write")), default="read",
              show_default=True, help="read: reading only; write: also editing (if the "
                                      "user's role is editor or admin).")
@with_appcontext
def create_command(user_name: str, scope: str) -> None:
    """Issue a token for USER and print it (once: it is stored only as a digest)."""
    db.create_schema(db.engine())
    try:
        with db.transaction() as session:
            token, text = accounts.create_token(session, user_name, scope)
            prefix, role = token.prefix, token.user.role
    except (NotFound, ValidationError) as exc:
        _fail(f"{exc}; add the user first with 'glossary user add'"
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
@with_appcontext
def revoke_command(token: str) -> None:
    """Revoke a token, named by its id or its prefix (from 'glossary token list')."""
    db.create_schema(db.engine())
    if token.startswith(accounts.TOKEN_PREFIX) and len(token) > 12:
        token = token[:12]  # the whole token was pasted: its prefix names it
    try:
        with db.transaction() as session:
            row = accounts.revoke_token(session, token)
            prefix, user = row.prefix, row.user.name
    except NotFound as exc:
        _fail(f"{exc}; see 'glossary token list'")
    click.echo(f"Token {prefix}… of {user!r} revoked.")


@token_group.command("list")
@click.option("--user", "user_name", help="Only this account's tokens.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@with_appcontext
def list_command(user_name: str | None, as_json: bool) -> None:
    """Print the tokens: id, prefix, user, scope, created, and whether revoked."""
    db.create_schema(db.engine())
    tokens = accounts.list_tokens(db.session(), user_name)
    if as_json:
        click.echo(json.dumps(tokens, ensure_ascii=False))
        return
    for t in tokens:
        state = "revoked" if t["revoked"] else "active"
        click.echo(f"{t['id']}\t{t['prefix']}…\t{t['user']}\t{t['scope']}\t{t['created']}"
                   f"\t{state}")


COMMANDS = (token_group,)
