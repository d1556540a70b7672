"""Russian and English suggestions for a Chinese term or a candidate (glossary.suggest), over
the database: the termbase as the suggesters' Knowledge, imported bilingual material as their
Material.

The Knowledge is built once per database and kept until the change log moves (as annotate
keeps its matchers): at 100,000 concepts building it takes seconds, a suggestion milliseconds,
so a large termbase that has changed is rebuilt in the background (BUILD_IN_BACKGROUND_FROM).
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.messages import message
from glossary.models import Candidate, Change, Concept, Term
from glossary.services.concepts import NotFound
from glossary.services.review import concept_kind
from glossary.services.validation import ValidationError
from glossary.suggest import Material, NoMaterial, Query, prepare, suggest
from glossary.suggest.knowledge import Knowledge

#: The longest Chinese text suggestions are made for (a term, not a paragraph).
MAX_TERM_LENGTH = 200
#: How many suggestions per language are shown.
LIMIT = 5

#: From this many concepts on, a termbase that has changed keeps answering with the Knowledge
#: it has while a new one is built in the background (at 100,000 concepts a build takes
#: seconds, and suggestions are hints: a minute-old termbase gives the same ones). Smaller
#: termbases are rebuilt before answering, which takes milliseconds.
BUILD_IN_BACKGROUND_FROM = 20_000

_cache: dict[str, tuple[tuple[Any, ...], Knowledge]] = {}
_lock = threading.Lock()
_building: set[str] = set()


def _stamp(session: Session) -> tuple[Any, ...]:
    return tuple(session.execute(select(select(func.max(Change.id)).scalar_subquery(),
                                        select(func.max(Term.id)).scalar_subquery())).one())


def _build(session: Session) -> Knowledge:
    rows = session.execute(
        select(Concept.key, Concept.kind, Term.lang, Term.text, Term.status, Term.type,
               Term.gender, Term.pos)
        .join(Concept, Concept.id == Term.concept_id)
        .where(Term.lang.in_(("zh-Hans", "ru", "en")))
        .order_by(Concept.id, Term.lang, Term.position, Term.id))
    built = Knowledge.from_rows(rows)
    prepare(built)  # the suggesters' indexes: seconds at 100k concepts, before it is used
    return built


def knowledge(session: Session) -> Knowledge:
    """The termbase as the suggesters see it, rebuilt when the change log has moved."""
    engine = session.get_bind().engine
    url = str(engine.url)
    stamp = _stamp(session)
    cached = _cache.get(url)
    if cached and cached[0] == stamp:
        return cached[1]
    if cached and len(cached[1]) >= BUILD_IN_BACKGROUND_FROM:
        _rebuild_in_background(url, engine)
        return cached[1]
    with _lock:  # one build at a time; the others wait and reuse it
        cached = _cache.get(url)
        if cached and cached[0] == stamp:
            return cached[1]
        built = _build(session)
        _cache[url] = (stamp, built)
        return built


def _rebuild_in_background(url: str, engine: Engine) -> None:
    with _lock:
        if url in _building:
            return
        _building.add(url)

    def rebuild() -> None:
        try:
            with Session(bind=engine) as session:
                stamp = _stamp(session)
                built = _build(session)
            _cache[url] = (stamp, built)
        finally:
            with _lock:
                _building.discard(url)

    threading.Thread(target=rebuild, name="glossary-suggest-knowledge", daemon=True).start()


def material(session: Session) -> Material:
    """The bilingual material imported into this database."""
    return NoMaterial()


def _query_term(text: str) -> str:
    term = chinese.fold_script(" ".join((text or "").split()))
    if not term:
        raise ValidationError([{"field": "term", "message": message("enter a Chinese term")}])
    if not chinese.has_han(term):
        raise ValidationError([{"field": "term", "message": message(
            "suggestions are made for Chinese terms; %(term)r has no Chinese characters",
            term=term)}])
    if len(term) > MAX_TERM_LENGTH:
        raise ValidationError([{"field": "term", "message": message(
            "a term is at most %(max)d characters", max=MAX_TERM_LENGTH)}])
    return term


def for_term(session: Session, text: str, *, kind: str | None = None,
             exclude: str | None = None, limit: int = LIMIT) -> dict[str, Any]:
    """Suggestions for any Chinese term: per language, best first, each with its evidence.

    `known` lists the concepts that already have the term (their renderings are the answer,
    and are not suggested again).
    """
    term = _query_term(text)
    known = knowledge(session)
    found = suggest(Query(term, kind, exclude), known, material(session), limit=limit)
    return {"term": term, "kind": kind,
            "known": [e.key for e in known.lookup(term, exclude=exclude)],
            "suggestions": {lang: [s.to_dict() for s in found[lang]] for lang in found}}


def for_candidate(session: Session, candidate_id: int, *, limit: int = LIMIT) -> dict[str, Any]:
    """Suggestions for a candidate of the review queue, for the kind the extractor gave it."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound(message("no candidate with id %(id)d", id=candidate_id))
    kind = concept_kind(candidate.kind) if candidate.kind else None
    return {"candidate": candidate_id,
            **for_term(session, candidate.text, kind=kind, limit=limit)}
