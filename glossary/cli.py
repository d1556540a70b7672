"""The `glossary` command: a thin layer over the services.

Every command runs inside an application context built by `create_app`, so it reads the same
settings (GLOSSARY_* variables) as the web service. Bad input ends with a message on stderr
and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from glossary import db, worker
from glossary.datafiles import DataError, read_termbase
from glossary.search import sync as search_sync
from glossary.services import concepts as concept_service
from glossary.services.loading import LoadReport, load_termbase


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def describe_os_error(exc: OSError) -> str:
    """`/proc/version: No such file or directory` rather than a traceback."""
    where = exc.filename if exc.filename is not None else ""
    why = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: {why}" if where else why


def _guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    """A command's callback whose expected failures end with a message and exit 1."""
    @functools.wraps(callback)
    def run(*args, **kwargs):
        from sqlalchemy.exc import InterfaceError, OperationalError

        from glossary.writeguard import IndexUnwritable

        try:
            return callback(*args, **kwargs)
        except IndexUnwritable as exc:
            fail(str(exc))
        except BrokenPipeError:  # `glossary report ... | head`: the reader has had enough
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # unwritable output, missing file, full disk, port in use
            fail(describe_os_error(exc))
        except (OperationalError, InterfaceError) as exc:
            fail(f"the database cannot be used: {str(exc.orig or exc).strip()}")
    run._glossary_guarded = True  # type: ignore[attr-defined]
    return run


def _guard(command: click.Command) -> None:
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _guard(sub)
    if command.callback is not None and not getattr(command.callback, "_glossary_guarded",
                                                    False):
        command.callback = _guarded(command.callback)


def initialise(data_dir: Path | None = None) -> LoadReport:
    """Create the schema if needed and sync the shipped data; all-or-nothing."""
    termbase = read_termbase(data_dir or Path(current_app.config["DATA_DIR"]))
    db.create_schema(db.engine())
    with db.transaction() as session:
        report = load_termbase(session, termbase, Path(current_app.config["DATA_DIR"]))
    search_sync.catch_up(current_app, timeout=None)  # the index follows the database
    return report


@click.command("init")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder with termbase/ and documents/ (default: the shipped data/).")
@with_appcontext
def init_command(data_dir: Path | None) -> None:
    """Build or update the database from the shipped data (safe to run again)."""
    try:
        report = initialise(data_dir)
    except DataError as exc:
        fail(f"{exc}\nThe database was not changed.")
    click.echo(f"Termbase ready: {report.summary()}.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Serve the web lookup, the API and the exports (creates the database on first start)."""
    if not db.has_schema(db.engine()) or not concept_service.stats(db.session())["concepts"]:
        try:
            click.echo(f"First start: {initialise().summary()}.")
        except DataError as exc:
            fail(str(exc))
    import waitress

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:  # bind first: only a server that has its port says it is serving
        server = waitress.create_server(
            app, host=host, port=port, threads=8, ident="glossary",
            # waitress would spool a gigabyte; nothing here reads more than this
            max_request_body_size=int(app.config["MAX_CONTENT_LENGTH"]) + 64 * 1024)
    except OSError as exc:
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}"
             " (is another server using that port? choose one with --port)")
    worker.start(app)  # the queued jobs (document imports) are done in this process
    click.echo(f"Glossary is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Stopped.")


@click.command("concepts")
@click.option("--json", "as_json", is_flag=True, help="Print the whole termbase as JSON.")
@with_appcontext
def concepts_command(as_json: bool) -> None:
    """List every concept (as a table, or as a JSON array with --json)."""
    session = db.session()
    if not db.has_schema(db.engine()):
        fail("there is no database yet; run 'glossary init' first")
    items = concept_service.iter_concepts(session)
    if as_json:
        # Streamed element by element: the array can hold a million concepts.
        click.echo("[", nl=False)
        for i, concept in enumerate(items):
            click.echo(("," if i else "") + "\n" + json.dumps(concept, ensure_ascii=False),
                       nl=False)
        click.echo("\n]")
        return
    for concept in items:
        heads = [concept["terms"][lang][0]["text"] if concept["terms"][lang] else "-"
                 for lang in ("zh-Hans", "ru", "en")]
        click.echo("\t".join([concept["id"], *heads]))


@click.group("db")
def db_group() -> None:
    """The database schema."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def db_upgrade_command(revision: str) -> None:
    """Create the schema, or migrate it to a revision (the newest by default; safe to repeat)."""
    from alembic.util import CommandError

    from glossary import schema

    try:
        click.echo(f"Database: {schema.upgrade(db.engine(), revision)}.")
    except CommandError as exc:
        fail(f"{exc} (the newest revision is {schema.head()})")


@db_group.command("current")
@with_appcontext
def db_current_command() -> None:
    """Print the schema revision of the database and the newest one."""
    from glossary import schema

    click.echo(f"database: {schema.current(db.engine()) or 'none'}; newest: {schema.head()}")


COMMANDS = (init_command, serve_command, concepts_command, db_group)
#: Modules that contribute commands: each has a `COMMANDS` tuple of click commands.
COMMAND_MODULES: tuple[str, ...] = (
    "glossary.extract_cli",
    "glossary.search_cli",
    "glossary.report_cli",
    "glossary.user_cli",
    "glossary.exchange_cli",
    "glossary.api_cli",
    "glossary.jobs_cli",
)


def init_app(app: Flask) -> None:
    import importlib

    commands = list(COMMANDS)
    for name in COMMAND_MODULES:
        commands += importlib.import_module(name).COMMANDS
    for command in commands:
        _guard(command)
        app.cli.add_command(command)


def _create_app(*_args) -> Flask:
    from glossary import create_app

    return create_app()


class _Group(FlaskGroup):
    """The command group; a write the search index could not follow ends with a message."""

    def invoke(self, ctx: click.Context):
        from glossary.writeguard import IndexUnwritable

        try:
            return super().invoke(ctx)
        except IndexUnwritable as exc:
            fail(str(exc))


main = _Group(
    name="glossary",
    help="Glossary: the SCO Chinese–Russian–English termbase.",
    create_app=_create_app,
    add_default_commands=False,
    load_dotenv=False,
    set_debug_flag=False,
)
