"""`glossary extract FILE [--json]` and `glossary import FILE`: term extraction on the command
line. Bad input ends with a message on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from glossary import db
from glossary.services import extraction


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _session():
    """The database session, or None when there is no database yet (extract works anyway)."""
    return db.session() if db.has_schema(db.engine()) else None


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the candidates as a JSON array (and nothing else).")
@click.option("--limit", type=click.IntRange(min=1), help="Print at most this many.")
@with_appcontext
def extract_command(file: Path, as_json: bool, limit: int | None) -> None:
    """Extract term candidates from a Chinese text file, best first."""
    try:
        found = extraction.extract_file(_session(), file)
    except extraction.ExtractionError as exc:
        _fail(str(exc))
    found = found[:limit] if limit else found
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for c in found:
        known = f"  = {c['concept']}" if c["concept"] else ""
        full = f"  ({c['full_form']})" if c["full_form"] else ""
        click.echo(f"{c['score']:6.2f}  {c['kind']:<12} {c['count']:>3}  {c['term']}"
                   f"{full}{known}  {c['pinyin']}")
    click.echo(f"{len(found)} candidates", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", help="The document's title (default: the file name).")
@with_appcontext
def import_command(file: Path, title: str | None) -> None:
    """Import a Chinese document: store it and queue its new term candidates for review."""
    if not db.has_schema(db.engine()):
        _fail("there is no database yet; run 'glossary init' first")
    try:
        with db.transaction() as session:
            result = extraction.import_file(session, file, title=title)
    except extraction.ExtractionError as exc:
        _fail(f"{exc}\nNothing was imported.")
    if not result["imported"]:
        click.echo(f"{file.name} is already imported; nothing changed.")
        return
    click.echo(f"Imported {file.name} as {result['document']}: {result['known']} known terms, "
               f"{result['candidates']} new candidates for review "
               f"({result['updated']} already in the queue).")


COMMANDS = (extract_command, import_command)
