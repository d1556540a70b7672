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

#: How long a request waits for a build another thread started, before building its own.
WAIT_FOR_BUILD_SECONDS = 300

_cache: dict[str, tuple[tuple[Any, ...], Knowledge]] = {}
_lock = threading.Lock()
_building: dict[str, threading.Event] = {}  # set when that database's build has ended


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
        build_in_background(engine)
        return cached[1]
    running = _building.get(url)
    if cached is None and running is not None:  # the first build is under way (warm-up)
        running.wait(WAIT_FOR_BUILD_SECONDS)
        cached = _cache.get(url)
        if cached is not None:
            return cached[1]
    with _lock:  # one build at a time; the others wait and reuse it
        cached = _cache.get(url)
        if cached and cached[0] == stamp:
            return cached[1]
        built = _build(session)
        _cache[url] = (stamp, built)
        return built


def build_in_background(engine: Engine) -> None:
    """Build the Knowledge of `engine`'s database in a thread of its own (once at a time):
    `glossary serve` starts it, so that the first suggestion does not wait for it; a large
    termbase that changed is rebuilt so."""
    url = str(engine.url)
    with _lock:
        if url in _building:
            return
        done = _building[url] = threading.Event()

    def rebuild() -> None:
        try:
            with Session(bind=engine) as session:
                stamp = _stamp(session)
                built = _build(session)
            _cache[url] = (stamp, built)
        finally:
            with _lock:
                _building.pop(url, None)
            done.set()

    threading.Thread(target=rebuild, name="glossary-suggest-knowledge", daemon=True).start()
