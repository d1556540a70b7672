"""`glossary suggest`: Russian and English renderings for a Chinese term, with evidence."""

from __future__ import annotations

import json

import click

from glossary.cli.errors import fail
from glossary.cli.lazy import LazyChoice, need_database, with_app


def _kinds() -> list[str]:
    from glossary.models import KINDS

    return sorted(KINDS)


@click.command("suggest")
@click.argument("term")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON, nothing else.")
@click.option("--kind", type=LazyChoice(_kinds),
              help="What the term names (person, place, meeting ...), when you know it.")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 20),
              help="At most this many suggestions per language.")
@click.option("--evidence/--no-evidence", default=True, show_default=True,
              help="Print what each suggestion rests on.")
@with_app
def suggest_command(term: str, as_json: bool, kind: str | None, limit: int,
                    evidence: bool) -> None:
    """Suggest Russian and English renderings for a Chinese TERM.

    Each suggestion says how it was made (composed from known terms, a name transcribed, a
    phrase found in imported bilingual material) and what it rests on. A suggestion marked
    "?" is weak: check it before use. None at all means no suggester could tell."""
    from glossary import db
    from glossary.services import suggestions
    from glossary.services.validation import ValidationError

    need_database()
    try:
        result = suggestions.for_term(db.session(), term, kind=kind, limit=limit)
    except ValidationError as exc:
        fail("; ".join(str(e["message"]) for e in exc.errors), 2)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    if result["known"]:
        click.echo(f"{result['term']} is already in the termbase: "
                   f"{', '.join(result['known'])}", err=True)
    for lang in ("ru", "en"):
        found = result["suggestions"][lang]
        if not found:
            click.echo(f"{lang}\t(no suggestion)")
        for s in found:
            mark = "" if s["confident"] else "?"
            click.echo(f"{lang}\t{s['text']}{mark}\t{s['score']:.2f}\t{s['method']}"
                       + (f"\t{s['note']}" if s["note"] else ""))
            if evidence:
                for item in s["evidence"]:
                    click.echo(f"\t\t{_evidence_line(item)}")


def _evidence_line(item: dict) -> str:
    kind = item.get("type")
    if kind == "part":
        if item.get("composed"):
            return f"part composed first: {item.get('zh')} → {item.get('text')}"
        if item.get("learned_from"):
            return (f"piece: {item.get('zh')} → {item.get('text')} (as in "
                    f"{', '.join(item['learned_from'])})")
        return f"part: {item.get('zh')} → {item.get('text')} ({item.get('concept')})"
    if kind == "pair":
        return f"aligned ({item.get('source')}): {item.get('zh')} ‖ {item.get('target')}"
    if kind == "table":
        return f"table {item.get('table')}: {item.get('zh')} → {item.get('text')}"
    if kind == "rule":
        examples = ", ".join(item.get("examples") or [])
        return f"rule: {item.get('rule')}" + (f" (as in {examples})" if examples else "")
    return json.dumps(item, ensure_ascii=False)


COMMANDS = (suggest_command,)
