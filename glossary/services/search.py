"""Search: the one function the web page, the API and `glossary search` call.

Ids come from the index (glossary.search), rows from the database, in rank order; the
concepts have the shape of services/concepts.py. See glossary/search/query.py for the ranking
cascade and the meaning of `matched.field` and `matched.step`.

A hit of the text step (`matched.step` "text") matched the concept's prose, not a term:
`matched.field` is "definition" or "note"; `matched.lang` is the key of that text in the
concept's `definition` or `note` ("zh", "ru", "en"), or, for a term's usage note, the term's
language, with `term` and `term_id` naming the term (both null otherwise); `spans` are in
that text, and `snippet` is a fragment of it around the match ({"text", "spans"}).
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import ServiceUnavailable

from glossary.messages import message
from glossary.models import LANGUAGES, STATUSES, SUBJECTS, Document, Occurrence, Source, Term
from glossary.models import term_sources as term_sources_table
from glossary.search import highlight, sync
from glossary.search.engine import IndexMissing
from glossary.search.fulltext import FILTER_LANGS
from glossary.search.index_layout import LANG_CODES, STATUS_RANKS
from glossary.search.keys import zh_key
from glossary.search.query import STEPS, TEXT_STEP, Filters, Hit, run, text_step
from glossary.services.concepts import get_concepts

MAX_LIMIT = 200
#: The keys of a concept's definitions and notes (what `matched.lang` of a text hit may be).
NOTE_LANGS = ("zh", "ru", "en")
MAX_OFFSET = 10_000
#: Accepted values of `lang`: the term languages, and "zh" for both Chinese scripts.
LANG_FILTERS = {"zh": (1, 2), "zh-Hans": (1, 2), "zh-Hant": (1, 2), "ru": (3,), "en": (4,)}


class InvalidSearch(ValueError):
    """A search parameter is out of range; `field` names it."""

    def __init__(self, field: str, reason: str):
        self.field = field
        super().__init__(message("%(name)s: %(reason)s", name=field, reason=reason))


class SearchUnavailable(ServiceUnavailable):
    """There is no search index and none could be built (an HTTP 503 for the web)."""

    def __init__(self, reason: str):
        super().__init__(f"Search is not available right now: {reason}")


def search(session: Session, query: str, *, lang: str | None = None, limit: int = 20,
           offset: int = 0, subject: str | None = None, status: str | None = None,
           document: str | None = None, prefix: bool = False) -> dict[str, Any]:
    """Concepts matching `query`, best first, with which term matched and where.

    :param query: anything typed: any script, pinyin in any form, a fragment, a typo.
        It is data, never syntax: quotes, AND/OR, wildcards are just characters.
    :param lang: only terms of this language may match ("zh" covers both scripts).
    :param limit: hits per page (0-200); :param offset: hits to skip (0-10,000).
    :param subject: only concepts of this subject field; :param status: only terms with
        this status; :param document: only concepts whose terms occur in, or are sourced
        from, this document or source (its key).
    :param prefix: search as you type: the last word may be incomplete.
    :return: {"query", "hits": [{"concept", "score", "matched"}], "total", "total_exact",
        "did_you_mean"}: `total` counts matching concepts exactly up to 1,000; above that,
        or when counting would be slow, `total_exact` is false and `total` is a floor that
        exceeds this page's end whenever the page is full (so "more" is always offered).
    :raises InvalidSearch: a parameter is out of range or names nothing.
    :raises SearchUnavailable: there is no index and it could not be built.
    """
    filters = _filters(session, lang, status, subject, document)
    limit = _bounded("limit", limit, 0, MAX_LIMIT)
    offset = _bounded("offset", offset, 0, MAX_OFFSET)
    query = query if isinstance(query, str) else ""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    sync.catch_up(app)
    index = sync.index_for(app)
    try:
        conn = index.reader()
    except IndexMissing as exc:
        raise SearchUnavailable(str(exc)) from exc
    result = run(conn, query, filters=filters, limit=limit, offset=offset, prefix=prefix,
                 verify=lambda hits, part: _verify(session, hits, part.key),
                 text=text_step(index.text_searcher))
    hits = _shape_hits(session, conn, result, query, filters)
    return {
        "query": query,
        "hits": hits,
        "total": result.total,
        "total_exact": result.total_exact,
        "did_you_mean": _as_written(result.did_you_mean, hits),
    }


def _as_written(suggestion: str | None, hits: list[dict[str, Any]]) -> str | None:
    """The suggestion with each word written as the terms found write it: the index keeps
    words case-folded, but "Did you mean nazarbayev?" should say Nazarbayev."""
    if not suggestion:
        return suggestion
    written: dict[str, str] = {}
    for hit in hits:
        for terms in hit["concept"]["terms"].values():
            for term in terms:
                for word in re.findall(r"\w+", term["text"]):
                    written.setdefault(word.casefold(), word)
    return " ".join(written.get(word.casefold(), word) for word in suggestion.split(" "))


def _bounded(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidSearch(name, message("must be a whole number from %(low)d to %(high)d",
                                          low=low, high=high))
    return value


def _filters(session: Session, lang, status, subject, document) -> Filters:
    if lang is not None and lang not in LANG_FILTERS:
        raise InvalidSearch("lang", message("must be one of: %(choices)s",
                                            choices=", ".join(("zh", *LANGUAGES))))
    if status is not None and status not in STATUSES:
        raise InvalidSearch("status", message("must be one of: %(choices)s",
                                              choices=", ".join(STATUSES)))
    if subject is not None and subject not in SUBJECTS:
        raise InvalidSearch("subject", message("must be one of: %(choices)s",
                                               choices=", ".join(SUBJECTS)))
    cids = None if document is None else _document_concepts(session, document)
    return Filters(langs=LANG_FILTERS[lang] if lang else None,
                   status=STATUS_RANKS[status] if status else None,
                   subject=subject, cids=cids)


def _document_concepts(session: Session, key: str) -> tuple[int, ...]:
    """Concepts with a term that occurs in the document, or cites the source, `key`."""
    doc_id = session.scalar(select(Document.id).where(Document.key == key))
    source_id = session.scalar(select(Source.id).where(Source.key == key))
    if doc_id is None and source_id is None:
        raise InvalidSearch("document", message("no document or source with id %(id)r",
                                                id=key))
    found: set[int] = set()
    if doc_id is not None:
        found.update(session.scalars(
            select(Term.concept_id).join(Occurrence, Occurrence.term_id == Term.id)
            .where(Occurrence.document_id == doc_id)))
    if source_id is not None:
        found.update(session.scalars(
            select(Term.concept_id).join(term_sources_table,
                                         term_sources_table.c.term_id == Term.id)
            .where(term_sources_table.c.source_id == source_id)))
    return tuple(sorted(found))


def _verify(session: Session, hits: list[Hit], key: str) -> list[Hit]:
    """Keep the hits whose term really contains `key` (for keys longer than the index's
    Chinese suffixes)."""
    ids = list({h.term_id for h in hits})
    texts = dict(session.execute(select(Term.id, Term.text).where(Term.id.in_(ids))).all())
    return [h for h in hits if key in zh_key(texts.get(h.term_id, ""))]


def _shape_hits(session: Session, conn, result, query: str,
                filters: Filters) -> list[dict[str, Any]]:
    if not result.hits:
        return []
    cids = [h.cid for h in result.hits]
    marks = ",".join("?" * len(cids))
    keys = dict(conn.execute(f"SELECT cid, key FROM concepts WHERE cid IN ({marks})", cids))
    concepts = {c["id"]: c for c in get_concepts(session, [keys[c] for c in cids if c in keys])}
    out = []
    for hit in result.hits:
        concept = concepts.get(keys.get(hit.cid, ""))
        if concept is None:  # deleted since the index was read
            continue
        if hit.step == TEXT_STEP:
            matched = _matched_text(concept, hit, _prose_query(query, filters))
        else:
            matched = _matched(concept, hit, result.parts[hit.part])
        out.append({"concept": concept, "score": hit.score, "matched": matched})
    return out


def _prose_query(query: str, filters: Filters):
    from glossary.search.prose import analyse_query

    allowed = {FILTER_LANGS[c] for c in filters.langs} if filters.langs else None
    return analyse_query(query, allowed)


def _matched_text(concept: dict[str, Any], hit: Hit, wanted) -> dict[str, Any]:
    """Where in the concept's prose of kind `hit.field` the query matched: the text with
    the most of the query's tokens (the concept's own texts first, then its terms' notes)."""
    from glossary.search import prose

    candidates: list[tuple[str, dict[str, Any] | None, str]] = [
        (lang, None, text) for lang, text in concept[hit.field].items()
        if lang in NOTE_LANGS and isinstance(text, str)]
    if hit.field == "note":
        candidates += [(lang, term, term["note"]) for lang, terms in concept["terms"].items()
                       for term in terms if term.get("note")]
    best, best_spans, best_count = None, [], -1
    for candidate in candidates:
        found, count = prose.spans(candidate[2], wanted)
        if count > best_count:
            best, best_spans, best_count = candidate, found, count
    if best is None:  # the prose changed since the index was read
        best = ("en", None, "")
    lang, term, text = best
    fragment, fragment_spans = prose.snippet(text, best_spans)
    return {
        "lang": lang,
        "term": term["text"] if term else None,
        "term_id": term["id"] if term else None,
        "field": hit.field,
        "step": STEPS[hit.step],
        "spans": best_spans,
        "snippet": {"text": fragment, "spans": fragment_spans},
    }


def _matched(concept: dict[str, Any], hit: Hit, part) -> dict[str, Any]:
    lang = {code: name for name, code in LANG_CODES.items()}[hit.lang]
    term = next((t for t in concept["terms"][lang] if t["id"] == hit.term_id), None)
    if term is None:  # the term changed since the index was read: show the head term
        term = (concept["terms"][lang] or [{"id": hit.term_id, "text": ""}])[0]
    if part.script == "han" and lang == "zh-Hans":
        # Typed in traditional script: show the traditional form it was typed in.
        typed = "".join(part.text.split())
        holding = [t for t in concept["terms"]["zh-Hant"] if typed in t["text"]]
        if holding and typed not in term["text"]:
            # The form typed itself (地區反恐怖機構), not the first longer one that holds it
            # (上海合作組織地區反恐怖機構).
            term = next((t for t in holding if t["text"] == typed), None) or min(
                holding, key=lambda t: len(t["text"]))
            lang = "zh-Hant"
    return {
        "lang": lang,
        "term": term["text"],
        "term_id": term["id"],
        "field": hit.field,
        "step": STEPS[hit.step],
        "spans": highlight.spans(part, hit.field, hit.step, term),
    }
