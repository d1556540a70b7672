"""`glossary report ...`: reports for terminologists (pinyin, coverage, lint, corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from glossary.cli.lazy import with_app


@click.group("report")
def report_group() -> None:
    """Reports on the termbase."""


@report_group.command("pinyin")
@with_app
def pinyin_command() -> None:
    """Print the pinyin table of every zh-Hans term (data/pinyin.tsv is its checked copy)."""
    from glossary import db
    from glossary.services import reports

    click.echo(reports.PINYIN_HEADER, nl=False)
    for line in reports.pinyin_table(db.session()):
        click.echo(line)


@report_group.command("coverage")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_app
def coverage_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Term candidates of documents (default: the shipped ones) that have no concept yet."""
    from flask import current_app

    from glossary import db
    from glossary.services import reports
    from glossary.services.extraction import ExtractionError
    from glossary.textio import read_text_file

    paths = files or tuple(sorted((Path(current_app.config["DATA_DIR"]) / "documents")
                                  .glob("*.txt")))
    results = []
    for path in paths:
        try:
            results.append(reports.coverage(db.session(), read_text_file(path)[1].text,
                                            path.name))
        except (ExtractionError, ValueError) as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for r in results:
        share = f" ({r['share']:.0%})" if r["share"] is not None else ""
        click.echo(f"{r['document']}: {r['known']} of {r['candidates']} candidates are in the "
                   f"termbase{share}; {len(r['missing'])} have no concept yet")
        for c in r["missing"]:
            click.echo(f"  {c['kind']:<12} {c['count']:>3}  {c['term']}")


@report_group.command("lint")
@with_app
def lint_command() -> None:
    """Check the termbase files against the rules of data/README.md ("Lint"); exit 1 on any
    problem. Reads the YAML, not the database, so that it names file and line."""
    from flask import current_app

    from glossary.datafiles import DataError, read_termbase
    from glossary.services.lint import lint

    try:
        termbase = read_termbase(Path(current_app.config["DATA_DIR"]))
    except DataError as exc:
        for problem in exc.problems:
            click.echo(f"{problem}: [load] the loader rejects this")
        sys.exit(1)
    problems = lint(termbase)
    for found in problems:
        click.echo(str(found))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)


@report_group.command("corpus")
@with_app
def corpus_command() -> None:
    """Print data/CORPUS.md: every source the termbase cites, its address, and how many
    concepts and terms it attests."""
    from flask import current_app

    from glossary.datafiles import DataError, read_termbase
    from glossary.services.corpus import corpus_markdown

    try:
        termbase = read_termbase(Path(current_app.config["DATA_DIR"]))
    except DataError as exc:
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    for line in corpus_markdown(termbase):
        click.echo(line)


COMMANDS = (report_group,)
