"""Exports: checked at once, then streamed a batch of concepts at a time.

Concepts are read in batches (as `concepts.iter_concepts` does), shaped by
`concepts.get_concepts` and given what files need besides (creation date, homonym marks,
context sentences, which relation targets are in the same file); what a batch loaded is let go
before the next, so memory stays flat however large the termbase.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glossary import formats
from glossary.formats import Options
from glossary.messages import message
from glossary.models import LANGUAGES, Concept, Document, Occurrence, Term
from glossary.services import concepts
from glossary.services.exchange.filters import ExchangeError, Filters, conditions

BATCH = 100  # a smaller batch holds less at once, and is no slower (benchmarks/export_memory.py)
#: Context sentences exported per term (the shortest ones: see `_contexts`).
CONTEXTS_PER_TERM = 3
#: The order of terms in every file: what a translator should use first.
STATUS_ORDER = {"preferred": 0, "admitted": 1, "proposed": 2, "deprecated": 3}


@dataclass
class Export:
    """A file being exported: iterate it for its bytes."""

    chunks: Iterator[bytes]
    content_type: str
    filename: str

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks


def export(session: Session, format_name: str, filters: Filters | None = None, *,
           layout: str | None = None, codes: str = "locale",
           audience: str = "termbase") -> Export:
    """Start an export: checks happen now, the bytes come as the result is iterated.

    :param layout: "term" or "concept" for the tabular formats (None: the format's default).
    :param codes: language codes of XLSX headers: "locale" or "phrase".
    :param audience: "termbase" (every field) or "translator" (see `formats.Options`).
    :raises ExchangeError: unknown format, bad filters, a pair format without a pair.
    """
    filters = filters or Filters()
    try:
        fmt = formats.get_format(format_name)
    except KeyError as exc:
        raise ExchangeError(exc.args[0]) from None
    filters.check()
    if fmt.languages == "pair" and len(filters.languages) != 2:
        raise ExchangeError(message("the %(format)s format holds two languages: give a source "
                                    "and a target language, e.g. languages=zh-Hans,ru",
                                    format=fmt.name))
    if (layout not in (None, "term", "concept") or codes not in ("locale", "phrase")
            or audience not in ("termbase", "translator")):
        raise ExchangeError(message("layout is term or concept; codes is locale or phrase"))
    if session.scalar(select(Concept.id).where(*conditions(filters)).limit(1)) is None:
        raise ExchangeError(message("no concept matches these filters: nothing to export"))
    options = Options(languages=filters.languages, layout=layout, codes=codes,
                      audience=audience,
                      max_terms=_max_terms(session, filters) if fmt.needs_term_counts else {})
    mimetype = fmt.mimetype + ("" if fmt.binary else "; charset=utf-8")
    records = iter_records(session, filters, preferred_first=not fmt.keeps_term_order)
    return Export(fmt.write(records, options), mimetype,
                  f"glossary-{_name_part(filters)}.{fmt.extensions[0]}")


def _name_part(filters: Filters) -> str:
    """What the file holds, for its name: `5-concepts-zh-Hans-ru` for the side glossary of an
    annotated text, `security-zh-Hans-ru` for a subject, `all` for the whole termbase."""
    parts = []
    if filters.concepts:
        count = len(filters.concepts)
        parts.append(f"{count}-concept{'s' if count != 1 else ''}")
    parts += [*filters.subjects, *filters.documents]
    parts += filters.languages
    return "-".join(parts) or "all"


def _max_terms(session: Session, filters: Filters) -> dict[str, int]:
    """Per language, the most terms one exported concept has there (for column layouts)."""
    where = conditions(filters)
    kept = [Term.concept_id.in_(select(Concept.id).where(*where))] if where else []
    if filters.languages:
        kept.append(Term.lang.in_(filters.languages))
    if filters.statuses:
        kept.append(Term.status.in_(filters.statuses))
    per_concept = (select(Term.lang, func.count().label("n")).where(*kept)
                   .group_by(Term.concept_id, Term.lang).subquery())
    rows = session.execute(select(per_concept.c.lang, func.max(per_concept.c.n))
                           .group_by(per_concept.c.lang))
    return {lang: n for lang, n in rows}


def iter_records(session: Session, filters: Filters, batch: int = BATCH, *,
                 preferred_first: bool = True) -> Iterator[dict[str, Any]]:
    """Exchange records of the selected concepts, by id, fetched a batch at a time.

    :param preferred_first: each language's terms in the order a translator should consider
        them (see `by_status`); False keeps the termbase's own order (a complete backup).
    """
    where = conditions(filters)
    last = 0
    while True:
        loaded_before = set(session.identity_map.keys())
        rows = session.execute(
            select(Concept.id, Concept.key, Concept.created_at)
            .where(*where, Concept.id > last)
            .order_by(Concept.id).limit(batch)).all()
        if not rows:
            return
        shapes = concepts.get_concepts(session, [key for _, key, _ in rows])
        created = {key: stamp for _, key, stamp in rows}
        yield from _records(session, shapes, created, filters, preferred_first)
        last = rows[-1][0]
        forget_loaded(session, loaded_before)


def forget_loaded(session: Session, loaded_before: set) -> None:
    """Let go of what a batch loaded (memory stays flat), but not of what the caller holds."""
    for key, obj in list(cast(Any, session.identity_map).items()):
        if key not in loaded_before and obj in session:  # expunging cascades to children
            session.expunge(obj)


def _records(session: Session, shapes: list[dict[str, Any]], created: dict[str, Any],
             filters: Filters, preferred_first: bool) -> Iterator[dict[str, Any]]:
    term_ids = [t["id"] for c in shapes for terms in c["terms"].values() for t in terms]
    homonyms = set(session.scalars(select(Term.id).where(Term.id.in_(term_ids),
                                                         Term.homonym)))
    contexts = _contexts(session, term_ids)
    targets = {k for c in shapes for kind in c["relations"].values() for k in kind}
    linked = set(session.scalars(select(Concept.key).where(
        Concept.key.in_(targets), *conditions(filters))))
    languages = filters.languages or LANGUAGES
    note_langs = {"zh" if lang.startswith("zh") else lang for lang in languages}
    for shape in shapes:
        terms = {lang: [{**t, "homonym": t["id"] in homonyms,
                         "contexts": contexts.get(t["id"], [])}
                        for t in (by_status(shape["terms"].get(lang, [])) if preferred_first
                                  else shape["terms"].get(lang, []))
                        if not filters.statuses or t["status"] in filters.statuses]
                 for lang in languages}
        yield {**shape, "terms": terms,
               "created": created[shape["id"]].isoformat(timespec="seconds") + "Z",
               "definition": {k: v for k, v in shape["definition"].items() if k in note_langs},
               "every_definition": shape["definition"],
               "note": {k: v for k, v in shape["note"].items() if k in note_langs},
               "linked": linked}


def by_status(terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Terms in the order a translator should consider them: preferred, admitted, proposed,
    deprecated; the termbase's order within each status."""
    return sorted(terms, key=lambda t: STATUS_ORDER.get(t.get("status") or "", 2))


def _contexts(session: Session, term_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per term, its context sentences: the shortest first (a short context reads best in a
    CAT tool), each sentence once, each with the document it is from.

    The order depends only on the sentences and the documents' ids, never on positions or
    row ids, so a termbase that imported the file picks the same sentences again.
    """
    rows = session.execute(
        select(Occurrence.term_id, Occurrence.sentence, Document.key, Document.title,
               Document.lang, Document.date)
        .join(Document, Document.id == Occurrence.document_id)
        .where(Occurrence.term_id.in_(term_ids)))
    found: dict[int, dict[str, tuple]] = {}
    for term_id, sentence, key, title, lang, date in rows:
        best = found.setdefault(term_id, {})
        if sentence not in best or key < best[sentence][0]:
            best[sentence] = (key, title, lang, date)
    out: dict[int, list[dict[str, Any]]] = {}
    for term_id, sentences in found.items():
        chosen = sorted(sentences, key=lambda text: (len(text), text))[:CONTEXTS_PER_TERM]
        out[term_id] = [{"text": text, "source": sentences[text][1],
                         "document": dict(zip(("id", "title", "lang", "date"),
                                              sentences[text], strict=True))}
                        for text in chosen]
    return out
