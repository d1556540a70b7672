"""The termbase in and out: `init`, `concepts`, `db`, `import` (a document, or with
--parallel a document and its translation), `import-tm` (a TMX), `import-termbase` and
`export` (CAT-tool files).

Each command parses its options, calls the services and reports. Bad input ends with a
message on stderr and a non-zero exit status; an import that cannot be read changes nothing.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from glossary.cli.errors import fail
from glossary.cli.lazy import LazyChoice, need_database, with_app

if TYPE_CHECKING:
    from glossary.services.loading import LoadReport

#: Exit status of an import that went in except for some rejected concepts.
EXIT_SOME_REJECTED = 3


def initialise(data_dir: Path | None = None) -> LoadReport:
    """Create the schema if needed and sync the shipped data; all-or-nothing.

    Runs inside an application context (the database and the index are the app's)."""
    from flask import current_app

    from glossary import db
    from glossary.datafiles import read_termbase
    from glossary.search import sync as search_sync
    from glossary.services.loading import load_termbase

    termbase = read_termbase(data_dir or Path(current_app.config["DATA_DIR"]))
    db.create_schema(db.engine())
    with db.transaction() as session:
        report = load_termbase(session, termbase, Path(current_app.config["DATA_DIR"]))
    search_sync.catch_up(current_app, timeout=None)  # the index follows the database
    return report


@click.command("init")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder with termbase/ and documents/ (default: the shipped data/).")
@with_app
def init_command(data_dir: Path | None) -> None:
    """Build or update the database from the shipped data (safe to run again)."""
    from glossary.datafiles import DataError

    try:
        report = initialise(data_dir)
    except DataError as exc:
        fail(f"{exc}\nThe database was not changed.")
    click.echo(f"Termbase ready: {report.summary()}.")


@click.command("concepts")
@click.option("--json", "as_json", is_flag=True, help="Print the whole termbase as JSON.")
@with_app
def concepts_command(as_json: bool) -> None:
    """List every concept (as a table, or as a JSON array with --json)."""
    from glossary import db
    from glossary.services import concepts as concept_service

    session = db.session()
    need_database()
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
@with_app
def db_upgrade_command(revision: str) -> None:
    """Create the schema, or migrate it to a revision (the newest by default; safe to repeat)."""
    from alembic.util import CommandError

    from glossary import db, migrate

    try:
        click.echo(f"Database: {migrate.upgrade(db.engine(), revision)}.")
    except CommandError as exc:
        fail(f"{exc} (the newest revision is {migrate.head()})")


@db_group.command("current")
@with_app
def db_current_command() -> None:
    """Print the schema revision of the database and the newest one."""
    from glossary import db, migrate

    click.echo(f"database: {migrate.current(db.engine()) or 'none'}; newest: {migrate.head()}")


@click.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--parallel", nargs=2, type=click.Path(dir_okay=False, path_type=Path),
              metavar="ZH TRANSLATION", help="A Chinese text and its Russian or English "
              "translation: both imported, and their sentences aligned into pairs.")
@click.option("--title", help="The document's title (default: the file name).")
@with_app
def import_command(file: Path | None, parallel: tuple[Path, Path] | None,
                   title: str | None) -> None:
    """Import a Chinese, Russian or English document; queue a Chinese one's new candidates.
    With --parallel, a Chinese text and its translation as bilingual material."""
    from glossary import db
    from glossary.services import extraction

    if (file is None) == (not parallel):
        fail("give a FILE, or --parallel ZH TRANSLATION", 2)
    need_database()
    if parallel:
        _import_parallel(*parallel, title=title)
        return
    assert file is not None
    try:
        with db.transaction() as session:
            result = extraction.import_file(session, file, title=title)
    except extraction.ExtractionError as exc:
        fail(f"{exc}\nNothing was imported.")
    if not result["imported"]:
        click.echo(f"{file.name} is already imported; nothing changed.")
        return
    click.echo(f"Imported {file.name} as {result['document']}: {result['known']} known terms, "
               f"{result['candidates']} new candidates for review "
               f"({result['updated']} already in the queue).")


def _read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refused before reading when it is over `limit`."""
    size = path.stat().st_size
    if size > limit:
        fail(f"{path}: {size} bytes; files over {limit} bytes are refused. "
             "Nothing was imported.")
    return path.read_bytes()


def _import_parallel(zh: Path, target: Path, *, title: str | None) -> None:
    from glossary import db
    from glossary.services import bitexts
    from glossary.textio import MAX_TEXT_BYTES

    zh_raw, target_raw = (_read_limited(p, MAX_TEXT_BYTES) for p in (zh, target))
    try:
        with db.transaction() as session:
            result = bitexts.import_parallel(session, zh_raw, target_raw, zh_name=zh.name,
                                             target_name=target.name, title=title)
    except bitexts.BitextError as exc:
        fail(f"{exc}\nNothing was imported.")
    if not result["imported"]:
        click.echo(f"{zh.name} and {target.name} are already imported as "
                   f"{result['bitext']}; nothing changed.")
        return
    click.echo(f"Imported {zh.name} and {target.name} as {result['bitext']}: "
               f"{result['pairs']} sentence pairs ({result['langs'][0]}); documents "
               f"{result['zh_document']} and {result['target_document']}, "
               f"{result['candidates']} new candidates for review.")


@click.command("import-tm")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", help="The material's title (default: the file name).")
@with_app
def import_tm_command(file: Path, title: str | None) -> None:
    """Import a translation memory (TMX) as Chinese–Russian/English sentence pairs."""
    from glossary import db
    from glossary.services import bitexts

    need_database()
    data = _read_limited(file, bitexts.MAX_TMX_BYTES)
    try:
        with db.transaction() as session:
            result = bitexts.import_tmx(session, data, name=file.name, title=title,
                                        origin=str(file))
    except bitexts.BitextError as exc:
        fail(f"{exc}\nNothing was imported.")
    if not result["imported"]:
        click.echo(f"{file.name} is already imported as {result['bitext']}; nothing changed.")
        return
    click.echo(f"Imported {file.name} as {result['bitext']}: {result['pairs']} sentence "
               f"pairs ({', '.join(result['langs'])}); {result['skipped']} units without "
               "Chinese and Russian or English left out.")


def _presets() -> list[str]:
    from glossary.services import exchange

    return list(exchange.PRESETS)


def _format_names() -> list[str]:
    from glossary import formats

    return formats.all_names()


def _conflict_policies() -> tuple[str, ...]:
    from glossary.services import exchange

    return exchange.CONFLICT_POLICIES


@click.command("import-termbase")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would happen; change nothing.")
@click.option("--on-conflict", type=LazyChoice(_conflict_policies), default="skip",
              show_default=True, help="A concept that is already in the termbase: keep it "
              "(skip), apply the file to it (update), or add the file's as another (new).")
@click.option("--format", "format_name", type=LazyChoice(_format_names),
              help="The file's format (default: told by its content and extension).")
@click.option("--languages", help="Source and target language of an OmegaT file without "
              "a language header, e.g. zh-Hans,ru.")
@click.option("--user", default=lambda: os.environ.get("USER", "cli"),
              help="Name recorded in the change log.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@with_app
def import_termbase_command(file: Path, dry_run: bool, on_conflict: str,
                            format_name: str | None, languages: str | None, user: str,
                            as_json: bool) -> None:
    """Import a termbase file (TBX, CSV, XLSX, memoQ, OmegaT) in one transaction."""
    from glossary import db
    from glossary.services import exchange

    size = file.stat().st_size
    if size > exchange.MAX_IMPORT_BYTES:  # refused before a byte is read
        fail(f"{file}: {size} bytes; files over {exchange.MAX_IMPORT_BYTES} bytes are refused "
             "(split the file). The database was not changed.")
    db.create_schema(db.engine())
    langs = tuple(x.strip() for x in (languages or "").split(",") if x.strip())
    try:
        with db.transaction() as session:
            summary = exchange.import_file(session, file.read_bytes(), file.name,
                                           on_conflict=on_conflict, dry_run=dry_run,
                                           user=user, format_name=format_name,
                                           languages=langs)
    except exchange.ExchangeError as exc:
        fail(f"{exc}\nThe database was not changed.")
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _report(summary)
    if summary["rejected"]:
        sys.exit(EXIT_SOME_REJECTED)


def _report(summary: dict) -> None:
    verb = "would be" if summary["dry_run"] else "were"
    click.echo(f"{summary['file']} ({summary['format']}, {summary['concepts']} concepts): "
               f"{len(summary['added'])} added, {len(summary['updated'])} updated, "
               f"{len(summary['skipped'])} skipped, {len(summary['rejected'])} rejected; "
               f"{len(summary['sources_added'])} sources and "
               f"{len(summary['documents_added'])} documents added. Changes {verb} "
               f"{'rolled back (dry run)' if summary['dry_run'] else 'committed'}.")
    for item in summary["rejected"]:
        click.echo(f"rejected {item['id']} (line {item['line']}): "
                   f"{'; '.join(item['reasons'])}", err=True)
    for warning in summary["warnings"]:
        click.echo(f"warning: {warning}", err=True)


@click.command("export")
@click.option("--for", "tool", type=LazyChoice(_presets),
              help="The CAT tool the file is for: it picks the format, language codes, "
              "layout and comments (docs/EXCHANGE.md).")
@click.option("--format", "format_name", type=LazyChoice(_format_names),
              help="A generic file format (tbx is TBX-Basic 2008; tbx3 is TBX v3).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output).")
@click.option("--languages", multiple=True, help="Languages in order, e.g. zh-Hans,ru "
              "(the first is the source language of OmegaT and memoQ files).")
@click.option("--status", "statuses", multiple=True, help="Only terms with these statuses.")
@click.option("--subject", "subjects", multiple=True, help="Only these subject fields.")
@click.option("--document", "documents", multiple=True,
              help="Only concepts that occur in these source documents (ids).")
@click.option("--source", "sources", multiple=True,
              help="Only concepts attested in these sources (ids).")
@click.option("--concepts", multiple=True, help="Only these concepts (ids).")
@click.option("--layout", type=click.Choice(["term", "concept"]),
              help="CSV/XLSX: one row per term or per concept.")
@click.option("--codes", type=click.Choice(["locale", "phrase"]),
              help="XLSX language headers: zh-CN (locale, the default) or Phrase's zh_cn.")
@with_app
def export_command(tool: str | None, format_name: str | None, output: Path | None,
                   layout: str | None, codes: str | None,
                   **filter_options: tuple[str, ...]) -> None:
    """Export the termbase (or a filtered part of it) for a CAT tool: --for TOOL, or
    --format FORMAT for a generic file."""
    from glossary import db, formats
    from glossary.services import exchange

    if (tool is None) == (format_name is None):
        fail("give either --for TOOL or --format FORMAT", 2)
    if tool and (layout or codes):
        fail(f"--for {tool} picks the layout and the language codes itself; leave out "
             "--layout and --codes, or use --format", 2)
    need_database()
    filters = exchange.Filters.from_mapping(filter_options)
    try:
        result = (exchange.export_for(db.session(), tool, filters) if tool else
                  exchange.export(db.session(), str(format_name), filters, layout=layout,
                                  codes=codes or "locale"))
    except exchange.ExchangeError as exc:
        fail(str(exc), 2)
    if output is None:
        if result.content_type.startswith("application/vnd") and sys.stdout.isatty():
            fail("a workbook is binary: give -o FILE", 2)
        stream = sys.stdout.buffer
        for chunk in result:
            stream.write(chunk)
        stream.flush()
        return
    try:
        write_atomically(output, result)
    except (exchange.ExchangeError, formats.FormatError) as exc:
        fail(f"{exc}; {output} was not written", 1)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", 1)
    click.echo(f"Wrote {output} ({output.stat().st_size} bytes).", err=True)


def write_atomically(target: Path, chunks) -> None:
    """Write the file beside the target and rename it into place: an export that fails
    (a refused byte, a full disk, Ctrl-C) leaves the target as it was, never half a file.
    The file gets the permissions any new file gets under the umask (0644 under 022).

    :raises OSError: the folder cannot be written; the temporary file is gone by then.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                   suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            os.fchmod(out.fileno(), 0o666 & ~_umask())  # mkstemp made it 0600
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


COMMANDS = (init_command, concepts_command, db_group, import_command, import_tm_command,
            import_termbase_command, export_command)
