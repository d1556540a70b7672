"""Reading concepts in the one shape every surface shares (`glossary concepts --json`)."""

from __future__ import annotations

import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, event, func, select
from sqlalchemy.orm import Session, selectinload

from glossary.messages import message
from glossary.models import LANGUAGES, Change, Concept, Document, Occurrence, Relation, Term

#: How many concept shapes each process keeps per database (search, annotate and the API
#: ask for the same concepts again and again; building one costs ~0.4 ms).
SHAPE_CACHE_SIZE = 20_000
_WROTE = "glossary.uncommitted_writes"


class NotFound(LookupError):
    """The thing asked for does not exist."""


def _eager():
    return (
        selectinload(Concept.terms).selectinload(Term.sources),
        selectinload(Concept.relations).selectinload(Relation.target),
    )


def term_to_dict(term: Term) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": term.id,
        "text": term.text,
        "type": term.type,
        "status": term.status,
        "pinyin": term.pinyin,
        "cyrillic": term.cyrillic,
    }
    if term.lang.startswith("zh"):
        out["pinyin_numbered"] = term.pinyin_numbered
    if term.pos:
        out["pos"] = term.pos
    if term.gender:
        out["gender"] = term.gender
    if term.note:
        out["note"] = term.note
    out["sources"] = [s.key for s in term.sources]
    return out


def concept_to_dict(concept: Concept, narrower: list[str] | None = None) -> dict[str, Any]:
    """The concept shape: id, kind, subject, terms by language, sources, relations."""
    terms: dict[str, list[dict[str, Any]]] = {lang: [] for lang in LANGUAGES}
    sources: dict[str, dict[str, Any]] = {}
    for term in concept.terms:
        terms[term.lang].append(term_to_dict(term))
        for s in term.sources:
            sources[s.key] = {"id": s.key, "title": s.title, "publisher": s.publisher,
                              "url": s.url, "lang": s.lang, "date": s.date}
    relations: dict[str, list[str]] = {"broader": [], "narrower": narrower or [],
                                       "related": []}
    for rel in concept.relations:
        relations[rel.type].append(rel.target.key)
    # In key order, as narrower and related are: the relations collection has no order of its
    # own (as created while the concept is in the session, as read back from the database
    # after), and an export, a comparison or an ETag must not depend on which it was.
    relations["broader"].sort()
    return {
        "id": concept.key,
        "kind": concept.kind,
        "subject": concept.subject,
        "terms": terms,
        "definition": concept.definition or {},
        "note": concept.note or {},
        "relations": relations,
        "sources": sorted(sources.values(), key=lambda s: s["id"]),
        "version": concept.version,
        "updated": concept.updated_at.isoformat(timespec="seconds") + "Z",
    }


def _narrower_and_related(session: Session, concept_ids: list[int]) -> dict[int, dict]:
    """Inverse relations (narrower, and related stated from the other side) per concept id."""
    rows = session.execute(
        select(Relation.target_id, Relation.type, Concept.key)
        .join(Concept, Concept.id == Relation.source_id)
        .where(Relation.target_id.in_(concept_ids))
    )
    out: dict[int, dict[str, list[str]]] = {}
    for target_id, rel_type, key in rows:
        name = "narrower" if rel_type == "broader" else "related"
        out.setdefault(target_id, {"narrower": [], "related": []})[name].append(key)
    return out


def _shape(session: Session, concepts: list[Concept]) -> list[dict[str, Any]]:
    inverse = _narrower_and_related(session, [c.id for c in concepts]) if concepts else {}
    shaped = []
    for c in concepts:
        inv = inverse.get(c.id, {"narrower": [], "related": []})
        d = concept_to_dict(c, sorted(inv["narrower"]))
        d["relations"]["related"] = sorted(set(d["relations"]["related"]) | set(inv["related"]))
        shaped.append(d)
    return shaped


def get_concept(session: Session, key: str) -> dict[str, Any]:
    """One concept in the shared shape. Raises NotFound."""
    found = get_concepts(session, [key])
    if not found:
        raise NotFound(message("no concept with id %(id)r", id=key))
    return found[0]


def get_concepts(session: Session, keys: list[str]) -> list[dict[str, Any]]:
    """Several concepts in the order of `keys`; unknown keys are left out.

    Shapes come from a per-process cache that is valid while the change log stands still:
    every write to any concept adds a Change row, and a new last change id empties it.
    """
    cache, seen = _cache_for(session)
    if cache is None:
        return _load_shapes(session, keys)
    with cache.lock:
        hits = {k: cache.shapes[k] for k in keys if k in cache.shapes}
        for k in hits:
            cache.shapes.move_to_end(k)
    if hits:
        # A concept's own writes bump its version: a shape of an older version is never
        # served, even where change ids commit out of order and the log's top stood still.
        current = _versions(session, list(hits))
        hits = {k: hit for k, hit in hits.items() if current.get(k) == hit[0]}
    missing = [k for k in keys if k not in hits]
    if missing:
        shapes = _load_shapes(session, missing)
        # Kept as JSON text: callers may change what they get, and json.loads makes a fresh
        # copy faster than deepcopy.
        loaded = {c["id"]: (c["version"], json.dumps(c, ensure_ascii=False)) for c in shapes}
        with cache.lock:
            # Stored only under the change id read before loading: a shape loaded while a
            # newer change was committing must not be filed under that newer change.
            if cache.change == seen:
                cache.shapes.update(loaded)
                while len(cache.shapes) > SHAPE_CACHE_SIZE:
                    cache.shapes.popitem(last=False)
        hits.update(loaded)
    return [json.loads(hits[k][1]) for k in keys if k in hits]


def _versions(session: Session, keys: list[str]) -> dict[str, int]:
    return dict(session.execute(select(Concept.key, Concept.version)
                                .where(Concept.key.in_(keys))).all())


def _load_shapes(session: Session, keys: list[str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(Concept).where(Concept.key.in_(keys)).options(*_eager()))
    by_key = {c.key: c for c in rows}
    return _shape(session, [by_key[k] for k in keys if k in by_key])


class _ShapeCache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.change: int | None = None
        #: concept id → (version, the shape as JSON text)
        self.shapes: OrderedDict[str, tuple[int, str]] = OrderedDict()


_caches: weakref.WeakKeyDictionary[Engine | Connection, _ShapeCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def _last_change(session: Session) -> int:
    return session.scalar(select(func.max(Change.id))) or 0


def _cache_for(session: Session) -> tuple[_ShapeCache | None, int]:
    """The cache of this session's database, emptied if the change log moved, and the last
    change id read; no cache while the session holds uncommitted writes (its view is not
    everyone's)."""
    if session.info.get(_WROTE) or session.new or session.dirty or session.deleted:
        return None, 0
    engine = session.get_bind()
    with _caches_lock:
        cache = _caches.setdefault(engine, _ShapeCache())
    last = _last_change(session)
    with cache.lock:
        if cache.change != last:
            cache.shapes.clear()
            cache.change = last
    return cache, last


@event.listens_for(Session, "before_flush")
def _note_writes(session: Session, _context, _instances) -> None:
    # Flushed but uncommitted rows are visible to this session only: bypass the cache.
    if session.new or session.dirty or session.deleted:
        session.info[_WROTE] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _writes_settled(session: Session) -> None:
    # Also called when a savepoint is released: the writes stay uncommitted until the
    # outermost transaction ends.
    if not session.in_nested_transaction():
        session.info.pop(_WROTE, None)


def iter_concepts(session: Session, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every concept, ordered by id, fetched in batches so memory stays flat."""
    last = 0
    while True:
        rows = list(session.scalars(
            select(Concept).where(Concept.id > last).order_by(Concept.id).limit(batch)
            .options(*_eager())
        ))
        if not rows:
            return
        yield from _shape(session, rows)
        last = rows[-1].id
        session.expunge_all()


def list_concepts(session: Session, *, offset: int = 0, limit: int = 50,
                  kind: str | None = None) -> dict[str, Any]:
    """A page of concepts, ordered by their head zh-Hans term's pinyin."""
    query = select(Concept)
    if kind:
        query = query.where(Concept.kind == kind)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    # The concept's own head term (its first zh-Hans term), not the lowest pinyin of any of
    # its terms: 拉希德·阿利莫夫 sorts under L, although 阿利莫夫 is one of its terms.
    head = (select(Term.pinyin_plain).where(Term.concept_id == Concept.id,
                                            Term.lang == "zh-Hans")
            .order_by(Term.position, Term.id).limit(1)
            .correlate(Concept).scalar_subquery())
    rows = list(session.scalars(query.order_by(head, Concept.key).offset(offset).limit(limit)
                                .options(*_eager())))
    return {"total": total, "offset": offset, "limit": limit, "concepts": _shape(session, rows)}


def contexts(session: Session, key: str, limit: int = 20) -> list[dict[str, Any]]:
    """Sentences from source documents where the concept's terms occur, the newest
    document's first (by its date; undated ones last, the latest imported first), each
    document's in text order."""
    rows = session.execute(
        select(Occurrence, Term.text, Term.lang)
        .join(Term, Term.id == Occurrence.term_id)
        .join(Concept, Concept.id == Term.concept_id)
        .join(Document, Document.id == Occurrence.document_id)
        .where(Concept.key == key)
        .order_by(Document.date.is_(None), Document.date.desc(), Document.id.desc(),
                  Occurrence.start)
        .limit(limit)
        .options(selectinload(Occurrence.document))
    )
    found, seen = [], set()
    for occ, text, text_lang in rows:
        # Two terms of the concept in one sentence (e.g. the full form and, inside it, the
        # short form) are one context, shown once with the first term found.
        where = (occ.document_id, occ.sentence)
        if where in seen:
            continue
        seen.add(where)
        found.append({
            "document": occ.document.key,
            "document_title": occ.document.title,
            "document_lang": occ.document.lang,
            "document_date": occ.document.date,
            "lang": text_lang,
            "term": text,
            "sentence": occ.sentence,
            "highlight": [occ.sentence_start, occ.sentence_end],
            "start": occ.start,
            "end": occ.end,
        })
    return found


def context_groups(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contexts (as `contexts` gives them, newest document first) grouped by document:
    [{"document", "title", "lang", "date", "contexts"}], in the same order."""
    groups: dict[str, dict[str, Any]] = {}
    for ctx in found:
        group = groups.setdefault(ctx["document"], {
            "document": ctx["document"], "title": ctx["document_title"],
            "lang": ctx["document_lang"], "date": ctx["document_date"], "contexts": []})
        group["contexts"].append(ctx)
    return list(groups.values())


def history(session: Session, key: str, limit: int = 50) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Change).where(Change.concept_key == key).order_by(Change.id.desc()).limit(limit)
    )
    return [{"id": c.id, "action": c.action, "user": c.user, "version": c.version,
             "at": c.at.isoformat(timespec="seconds") + "Z", "data": c.data,
             "changes": describe_changes(c.data) if c.action == "update" else []}
            for c in rows]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _texts_of(value: Any) -> dict[str, str]:
    """A change log value by part: a language's note, a language's terms, a relation kind."""
    if isinstance(value, dict):
        out = {}
        for part, item in value.items():
            if isinstance(item, list):  # terms (dicts) or relations (ids)
                out[part] = ", ".join(
                    (t.get("text", "") + ("" if t.get("status") == "preferred"
                                          else f" ({t.get('status')})"))
                    if isinstance(t, dict) else str(t) for t in item)
            else:
                out[part] = str(item)
        return out
    return {"": "" if value is None else str(value)}


def describe_changes(data: dict[str, Any] | None) -> list[dict[str, str]]:
    """What an update changed, old → new, one row per field and language (or relation kind):
    {"field": "note", "part": "en", "old": "…", "new": "…"}; unchanged parts are left out."""
    rows = []
    for field, pair in (data or {}).items():
        if not (isinstance(pair, list) and len(pair) == 2):
            continue
        old, new = _texts_of(pair[0]), _texts_of(pair[1])
        for part in [*old, *(p for p in new if p not in old)]:
            if old.get(part, "") != new.get(part, ""):
                rows.append({"field": field, "part": part, "old": _short(old.get(part, "")),
                             "new": _short(new.get(part, ""))})
    return rows


def concept_page(session: Session, key: str) -> dict[str, Any]:
    """Everything the concept page shows: the concept, its contexts and its history."""
    concept = get_concept(session, key)
    found = contexts(session, key)
    return {"concept": concept, "contexts": found, "context_groups": context_groups(found),
            "history": history(session, key)}


def stats(session: Session) -> dict[str, Any]:
    by_lang = dict(session.execute(select(Term.lang, func.count()).group_by(Term.lang)).all())
    return {"concepts": session.scalar(select(func.count(Concept.id))) or 0,
            "terms": {lang: by_lang.get(lang, 0) for lang in LANGUAGES}}


def page_keys(session: Session, *, after: str | None, limit: int, kind: str | None,
              subject: str | None) -> tuple[list[str], int]:
    """The ids of one page (one more than `limit`, to tell whether another follows), and
    how many concepts pass the filters. Paging by id keeps cursors valid across edits."""
    where = []
    if kind:
        where.append(Concept.kind == kind)
    if subject:
        where.append(Concept.subject == subject)
    total = session.scalar(select(func.count(Concept.id)).where(*where)) or 0
    page = select(Concept.key).where(*where).order_by(Concept.key).limit(limit + 1)
    if after is not None:
        page = page.where(Concept.key > after)
    return list(session.scalars(page)), total
