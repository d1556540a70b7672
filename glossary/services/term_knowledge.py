"""The termbase as the suggesters and the sentence aligner read it (glossary.suggest.Knowledge),
one per database, kept until the change log moves (as annotate keeps its matchers).

At 100,000 concepts building it (and the suggesters' indexes) takes seconds, a suggestion
milliseconds; so a large termbase that has changed keeps answering with the Knowledge it has
while the new one is built in the background (BUILD_IN_BACKGROUND_FROM).
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from glossary.models import Change, Concept, Term
from glossary.suggest import prepare
from glossary.suggest.knowledge import Knowledge

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
