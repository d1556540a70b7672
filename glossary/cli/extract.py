"""`glossary extract FILE [--json]`: term candidates of a Chinese text, on the command line.
(`glossary import`, which stores the document and queues its candidates, is in data.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import click

from glossary.cli.errors import fail
from glossary.cli.lazy import with_app


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the candidates as a JSON array (and nothing else).")
@click.option("--limit", type=click.IntRange(min=1), help="Print at most this many.")
@with_app
def extract_command(file: Path, as_json: bool, limit: int | None) -> None:
    """Extract term candidates from a Chinese text file, best first."""
    from glossary import db
    from glossary.services import extraction

    # Without a database the candidates are still found, only not matched to concepts.
    session = db.session() if db.has_schema(db.engine()) else None
    try:
        found = extraction.extract_file(session, file)
    except extraction.ExtractionError as exc:
        fail(str(exc))
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


COMMANDS = (extract_command,)
