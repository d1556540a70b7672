"""`glossary search` and `glossary index`: the search from the command line, and the
index's upkeep (sync, rebuild, check, sweep)."""

from __future__ import annotations

import json

import click

from glossary.cli.errors import fail
from glossary.cli.lazy import LazyChoice, need_database, with_app


def _lang_filters() -> list[str]:
    from glossary.services.search import LANG_FILTERS

    return sorted(LANG_FILTERS)


@click.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON, nothing else.")
@click.option("--lang", type=LazyChoice(_lang_filters),
              help="Only terms of this language may match.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 200))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--subject", help="Only concepts of this subject field.")
@click.option("--status", help="Only terms with this status (preferred, admitted ...).")
@click.option("--document", help="Only concepts found in or sourced from this document.")
@click.option("--prefix", is_flag=True, help="Treat the last word as incomplete.")
@with_app
def search_command(query: str, as_json: bool, lang: str | None, limit: int, offset: int,
                   subject: str | None, status: str | None, document: str | None,
                   prefix: bool) -> None:
    """Search the termbase: any language, pinyin, a fragment, a typo."""
    from glossary import db
    from glossary.services.search import InvalidSearch, SearchUnavailable
    from glossary.services.search import search as search_service

    need_database()
    try:
        result = search_service(db.session(), query, lang=lang, limit=limit, offset=offset,
                                subject=subject, status=status, document=document,
                                prefix=prefix)
    except InvalidSearch as exc:
        fail(str(exc), 2)
    except SearchUnavailable as exc:
        fail(exc.description)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    for hit in result["hits"]:
        concept, matched = hit["concept"], hit["matched"]
        heads = [concept["terms"][lang][0]["text"] if concept["terms"][lang] else "-"
                 for lang in ("zh-Hans", "ru", "en")]
        if matched["step"] == "text":  # the definition or note, around the match
            what = f"{matched['lang']} {' '.join(matched['snippet']['text'].split())}"
        else:
            what = matched["term"]
        click.echo("\t".join([concept["id"], *heads,
                              f"[{matched['step']}: {matched['field']} {what}]"]))
    shown = len(result["hits"])
    click.echo(f"{shown} of {result['total']} shown.", err=True)
    if result["did_you_mean"]:
        click.echo(f"Did you mean: {result['did_you_mean']}", err=True)


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Build a fresh index and swap it in.")
@click.option("--check", is_flag=True,
              help="List every concept whose entry in the term index or in the full-text "
                   "index of the prose differs from the database (exit status 1 when any).")
@click.option("--sweep", is_flag=True, help="Drop the rows of replaced terms and merge the "
                                           "full-text index into one segment.")
@with_app
def index_command(rebuild: bool, check: bool, sweep: bool) -> None:
    """Bring the search index up to date (the default), or rebuild, check or sweep it.

    The index is the term index and, beside it, the full-text index of definitions and
    notes; both are rebuilt, checked and kept up to date together."""
    from flask import current_app

    from glossary.search import sync
    from glossary.search.engine import IndexBusy

    need_database()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        if check:
            _check(app)
            return
        if rebuild:
            click.echo(f"Rebuilt the index: {sync.rebuild(app)} concepts.")
        else:
            click.echo(f"Index up to date: {sync.sync(app)} concepts updated.")
        if sweep:
            swept = sync.index_for(app).sweep(app.config["SEARCH_LOCK_TIMEOUT"])
            click.echo(f"Swept the rows of {swept} replaced terms.")
    except IndexBusy as exc:
        fail(str(exc))
    info = sync.status(app)
    click.echo(f"{info['concepts']} concepts, {info['terms']} terms, {info['texts']} with prose "
               f"(full text), change {info['last_change']}, {info['bytes'] / 1e6:.1f} MB in "
               f"{info['path']}")


def _check(app) -> None:
    from glossary.search import sync
    from glossary.search.fulltext import TextIndexBroken

    if not sync.index_for(app).usable():
        fail("there is no usable search index; run 'glossary index' to build it")
    try:
        differences = sync.check(app)
    except TextIndexBroken as exc:
        fail(f"{exc}; 'glossary index --rebuild' builds it again")
    for d in differences:
        click.echo(f"{d.concept}\t{d.problem}" + ("\tfull text" if d.part == "text" else ""))
    if differences:
        fail(f"{len(differences)} concept(s) differ between the index and the database "
             "('glossary index' brings it up to date)")
    click.echo("The index matches the database.")


COMMANDS = (search_command, index_command)
