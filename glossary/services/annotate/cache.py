"""What annotate keeps between calls: the matchers of each database's current termbase
(rebuilt when the change log moves: a new Change row or a new term), and with them the
concept shapes found, for as long as the matchers stand."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glossary.models import Change, Concept, Term
from glossary.services.annotate.annotator import Annotator
from glossary.services.concepts import get_concepts

#: Concept shapes kept per termbase state (as JSON: about 2 KB each).
MAX_CACHED_SHAPES = 20_000

_cache: dict[str, tuple[tuple[Any, ...], Annotator]] = {}
_cache_lock = threading.Lock()


def annotator(session: Session) -> Annotator:
    """The Annotator for the session's database, rebuilt when the change log has moved."""
    bind = session.get_bind()
    url = str(bind.engine.url)  # an Engine's .engine is itself; a Connection's, its engine
    stamp = tuple(session.execute(select(select(func.max(Change.id)).scalar_subquery(),
                                         select(func.max(Term.id)).scalar_subquery())).one())
    cached = _cache.get(url)
    if cached and cached[0] == stamp:
        return cached[1]
    with _cache_lock:  # one build at a time; the others wait and reuse it
        cached = _cache.get(url)
        if cached and cached[0] == stamp:
            return cached[1]
        rows = session.execute(select(Term.id, Concept.key, Term.lang, Term.status, Term.text)
                               .join(Concept, Concept.id == Term.concept_id))
        built = Annotator(rows, Shapes())
        _cache[url] = (stamp, built)
        return built


class Shapes:
    """Concept shapes as JSON, bounded, kept for as long as their Annotator is current, that
    is until the change log moves: building a shape costs about half a millisecond, and the
    paragraphs of one document name the same concepts again and again."""

    def __init__(self) -> None:
        self._shapes: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: Session, keys: list[str]) -> list[dict[str, Any]]:
        """The concept shapes of `keys`, in order (each a copy of its own)."""
        with self._lock:
            missing = [k for k in keys if k not in self._shapes]
        fetched = get_concepts(session, missing) if missing else []
        with self._lock:
            for shape in fetched:
                self._shapes[shape["id"]] = json.dumps(shape, ensure_ascii=False)
            found = [self._shapes.get(k) for k in keys]
            for key in keys:
                if key in self._shapes:
                    self._shapes.move_to_end(key)
            while len(self._shapes) > MAX_CACHED_SHAPES:
                self._shapes.popitem(last=False)
        return [json.loads(text) for text in found if text is not None]
