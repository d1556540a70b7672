"""Writing concepts and terms: optimistic locking and the change log.

Every write path (web forms, the JSON API, termbase imports, the review queue) goes through
these functions, so the rules hold everywhere:
- input is validated (`services.validation`) and refused with a list of field errors,
  never half-applied;
- an edit names the version it was based on; a stale edit is refused with the current
  concept, never silently overwritten (and the database re-checks it at flush time);
- every accepted write adds a row to the change log in the same transaction.
The caller owns the transaction (`db.transaction()`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from glossary import enrich
from glossary.concept_rules import MAX_NOTE_LENGTH, MAX_TERM_LENGTH, SLUG, clean_text
from glossary.messages import message
from glossary.models import (
    Change,
    Concept,
    Relation,
    Source,
    Term,
)
from glossary.services.concepts import NotFound, get_concept

# Re-exported: callers (web, API, review, imports) long imported these from here.
from glossary.services.validation import (
    ValidationError,
    merge_texts,
    texts_patch,
    validate_concept,
    validate_term,
)

__all__ = [
    "MAX_NOTE_LENGTH",
    "MAX_TERM_LENGTH",
    "SLUG",
    "Conflict",
    "ValidationError",
    "merge_texts",
    "texts_patch",
    "validate_concept",
    "validate_term",
]


class Conflict(Exception):
    """The edit was based on an old version; `current` is the concept as it is now."""

    def __init__(self, current: dict[str, Any], message: str):
        self.current = current
        super().__init__(message)


def _load(session: Session, key: str) -> Concept:
    concept = session.scalar(select(Concept).where(Concept.key == key).options(
        selectinload(Concept.terms).selectinload(Term.sources),
        selectinload(Concept.relations).selectinload(Relation.target)))
    if concept is None:
        raise NotFound(message("no concept with id %(id)r", id=key))
    return concept


def _check_version(session: Session, concept: Concept, expected: int | None) -> None:
    if expected is not None and concept.version != expected:
        raise Conflict(get_concept(session, concept.key), message(
            "concept %(id)r is at version %(version)d, the edit was based on version "
            "%(expected)d", id=concept.key, version=concept.version, expected=expected))


def _sources(session: Session, keys: list[str], field: str) -> list[Source]:
    found = {s.key: s for s in session.scalars(select(Source).where(Source.key.in_(keys)))}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValidationError([{"field": field, "message": message("unknown source %(id)r",
                                                                   id=k)} for k in missing])
    return [found[k] for k in sorted(set(keys))]


def _set_terms(session: Session, concept: Concept, lang: str,
               items: list[dict[str, Any]], kind: str | None = None) -> None:
    """Replace the concept's terms in `lang` by `items`; a term whose text stays keeps its
    id and what the items do not mention (see _fill_term). `kind`: the concept's kind
    before this edit."""
    current = {t.text: t for t in concept.terms if t.lang == lang}
    wanted = {item["text"] for item in items}
    for text, gone in current.items():
        if text not in wanted:
            concept.terms.remove(gone)
    session.flush()
    for position, item in enumerate(items):
        term = current.get(item["text"])
        if term is None:
            term = Term(lang=lang, text=item["text"])
            concept.terms.append(term)
        _fill_term(session, concept, term, item, position, f"terms.{lang}[{position}]",
                   kind=kind)


def _fill_term(session: Session, concept: Concept, term: Term, item: dict[str, Any],
               position: int, field: str, *, kind: str | None = None) -> None:
    # Before any query: a flush would hide that the text was just changed.
    reading = item.get("reading") or checked_reading(term, kind or concept.kind)
    for attr in ("type", "status", "pos", "gender", "note"):
        setattr(term, attr, item[attr])
    if item.get("homonym") is not None:
        term.homonym = item["homonym"]
    term.position = position
    term.sources = _sources(session, item["sources"], f"{field}.sources")
    palladius = item.get("palladius")
    if palladius is None:
        palladius = term.cyrillic or False
    enrich.fill_chinese(term, concept.kind, palladius=palladius, pinyin=reading)


def checked_reading(term: Term, kind: str) -> str | None:
    """The pinyin of a Chinese term when a person set it (it differs from what the
    dictionary gives for its text and the concept's `kind`), so that edits which do not
    mention pinyin keep it; None for a new term, a changed text or a derived reading."""
    if not term.lang or not term.lang.startswith("zh") or not term.pinyin or not term.text:
        return None
    if term.pinyin_plain is None or inspect(term).attrs.text.history.has_changes():
        return None
    return None if term.pinyin == enrich.derived_pinyin(term.text, kind) else term.pinyin


def _set_relations(session: Session, concept: Concept, relations: dict[str, list[str]]):
    targets = {c.key: c for c in session.scalars(
        select(Concept).where(Concept.key.in_([k for v in relations.values() for k in v])))}
    errors = [{"field": f"relations.{kind}", "message": message("unknown concept %(id)r", id=k)}
              for kind, keys in relations.items() for k in keys if k not in targets]
    errors += [{"field": f"relations.{kind}",
                "message": message("a concept cannot relate to itself")}
               for kind, keys in relations.items() if concept.key in keys]
    if errors:
        raise ValidationError(errors)
    for kind, keys in relations.items():
        for rel in [r for r in concept.relations if r.type == kind]:
            concept.relations.remove(rel)
        session.flush()
        for key in dict.fromkeys(keys):
            concept.relations.append(Relation(target=targets[key], type=kind))


def _log(session: Session, concept: Concept, action: str, user: str | None,
         data: dict[str, Any]) -> None:
    session.flush()
    session.add(Change(concept_key=concept.key, action=action, user=user,
                       version=concept.version if action != "delete" else None, data=data))
    session.flush()


def _new_key(session: Session, clean: dict[str, Any]) -> str:
    """A readable id from the English (or pinyin) head term, made unique."""
    terms = clean.get("terms", {})
    head = (terms.get("en") or [{}])[0].get("text") or ""
    if not head and terms.get("zh-Hans"):
        from glossary import chinese

        head = chinese.pinyin_forms(terms["zh-Hans"][0]["text"]).plain
    base = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", head).encode(
        "ascii", "ignore").decode().lower()).strip("-")[:60] or "concept"
    base = base if base[0].isalpha() else f"c-{base}"
    key, n = base, 1
    while session.scalar(select(Concept.id).where(Concept.key == key)) is not None:
        n += 1
        key = f"{base}-{n}"
    return key


def create_concept(session: Session, data: Any, *, user: str | None) -> dict[str, Any]:
    """Create a concept from the concept shape; return it as stored."""
    clean = validate_concept(data, partial=False)
    key = data.get("id") or _new_key(session, clean)
    if session.scalar(select(Concept.id).where(Concept.key == key)) is not None:
        raise ValidationError([{"field": "id", "message": message(
            "concept %(id)r already exists", id=key)}])
    concept = Concept(key=key, kind=clean["kind"], subject=clean["subject"],
                      definition=clean.get("definition", {}), note=clean.get("note", {}),
                      origin=f"edited:{user or 'anonymous'}")
    session.add(concept)
    session.flush()
    for lang, items in clean["terms"].items():
        _set_terms(session, concept, lang, items)
    if clean.get("relations"):
        _set_relations(session, concept, clean["relations"])
    _log(session, concept, "create", user, {"terms": sum(len(v) for v in
                                                         clean["terms"].values())})
    return get_concept(session, key)


def update_concept(session: Session, key: str, data: Any, *, expected_version: int | None,
                   user: str | None) -> dict[str, Any]:
    """Apply a patch (only the fields given); term lists given replace that language's."""
    clean = validate_concept(data, partial=True)
    concept = _load(session, key)
    _check_version(session, concept, expected_version)
    before = get_concept(session, key)
    old_kind = concept.kind
    for field in ("kind", "subject"):
        if field in clean:
            setattr(concept, field, clean[field])
    for field in ("definition", "note"):
        if field in clean:  # merged, never replaced: what the patch does not name stays
            if data.get(field) is None:
                setattr(concept, field, {})
            else:
                setattr(concept, field, merge_texts(getattr(concept, field), clean[field]))
    for lang, items in clean.get("terms", {}).items():
        _set_terms(session, concept, lang, items, kind=old_kind)
    if concept.kind != old_kind:
        for term in concept.terms:  # pinyin capitalisation depends on the kind
            if term.lang not in clean.get("terms", {}):
                enrich.fill_chinese(term, concept.kind, palladius=term.cyrillic or False,
                                    pinyin=checked_reading(term, old_kind))
    if "relations" in clean:
        _set_relations(session, concept, clean["relations"])
    return _finish_edit(session, concept, "update", user, before)


def _finish_edit(session: Session, concept: Concept, action: str, user: str | None,
                 before: dict[str, Any]) -> dict[str, Any]:
    concept.bump()
    concept.origin = f"edited:{user or 'anonymous'}"
    session.flush()
    after = get_concept(session, concept.key)
    diff = {k: [before[k], after[k]] for k in ("kind", "subject", "definition", "note",
                                               "terms", "relations") if before[k] != after[k]}
    _log(session, concept, action, user, diff)
    return get_concept(session, concept.key)


def ensure_sources(session: Session, sources: list[dict[str, Any]]) -> list[str]:
    """Add the sources (works terms cite) that are not known yet; return the ids added.

    Known sources are left as they are: many concepts share them. Used by imports, whose
    files carry the sources their terms cite.
    """
    errors: list[dict[str, str]] = []
    wanted: dict[str, dict[str, Any]] = {}
    for i, source in enumerate(sources):
        key = str(source.get("id") or "")
        if not SLUG.match(key):
            errors.append({"field": f"sources[{i}].id", "message": message(
                "%(id)r: lowercase letters, digits and '-', starting with a letter", id=key)})
        elif key not in wanted or len(source) > len(wanted[key]):
            wanted[key] = source
    if errors:
        raise ValidationError(errors)
    known = set(session.scalars(select(Source.key).where(Source.key.in_(list(wanted)))))
    added = []
    for key, source in wanted.items():
        if key in known:
            continue
        # Cut to the column sizes (publisher 200, lang 16, date 10) rather than fail later.
        fields = {f: clean_text(source[f])[:size] or None
                  for f, size in (("publisher", 200), ("url", None), ("lang", 16),
                                  ("date", 10)) if source.get(f)}
        session.add(Source(key=key, title=clean_text(source.get("title") or key), **fields))
        added.append(key)
    session.flush()
    return added


def restore_dates(session: Session, key: str, *, created: dt.datetime | None,
                  updated: dt.datetime | None) -> None:
    """Give a concept just created by an import the dates its file records.

    The change log keeps the time of the import itself; the concept keeps its history.
    """
    concept = _load(session, key)
    if created is not None:
        concept.created_at = created
    if updated is not None:
        concept.updated_at = updated
    session.flush()


def delete_concept(session: Session, key: str, *, expected_version: int | None,
                   user: str | None) -> None:
    concept = _load(session, key)
    _check_version(session, concept, expected_version)
    snapshot = get_concept(session, key)
    session.delete(concept)
    session.flush()
    session.add(Change(concept_key=key, action="delete", user=user, data=snapshot))
    session.flush()


def add_term(session: Session, key: str, data: Any, *, lang: str,
             expected_version: int | None, user: str | None) -> dict[str, Any]:
    concept = _load(session, key)
    item = validate_term(data, lang)  # before the version: a bad request is 422 whatever
    _check_version(session, concept, expected_version)
    if any(t.lang == lang and t.text == item["text"] for t in concept.terms):
        raise ValidationError([{"field": "text",
                                "message": message("the concept already has this term")}])
    before = get_concept(session, key)
    term = Term(lang=lang, text=item["text"])
    concept.terms.append(term)
    _fill_term(session, concept, term, item,
               sum(1 for t in concept.terms if t.lang == lang) - 1, "term")
    return _finish_edit(session, concept, "update", user, before)


def _term_concept(session: Session, term_id: int) -> tuple[Term, Concept]:
    term = session.get(Term, term_id)
    if term is None:
        raise NotFound(message("no term with id %(id)d", id=term_id))
    return term, _load(session, term.concept.key)


def update_term(session: Session, term_id: int, data: Any, *, expected_version: int | None,
                user: str | None) -> dict[str, Any]:
    """Change a term's fields (text included); the version is its concept's."""
    term, concept = _term_concept(session, term_id)
    if not isinstance(data, dict):
        raise ValidationError([{"field": "", "message": message("must be a JSON object")}])
    current = {"text": term.text, "type": term.type, "status": term.status, "pos": term.pos,
               "gender": term.gender, "note": term.note,
               "sources": [s.key for s in term.sources], "palladius": term.cyrillic or False,
               "homonym": term.homonym}
    item = validate_term({**current, **data}, term.lang)
    _check_version(session, concept, expected_version)  # after: a bad request is 422
    if item["text"] != term.text and any(t.lang == term.lang and t.text == item["text"]
                                         for t in concept.terms):
        raise ValidationError([{"field": "text",
                                "message": message("the concept already has this term")}])
    before = get_concept(session, concept.key)
    term.text = item["text"]
    _fill_term(session, concept, term, item, term.position, "term")
    return _finish_edit(session, concept, "update", user, before)


def delete_term(session: Session, term_id: int, *, expected_version: int | None,
                user: str | None) -> dict[str, Any]:
    term, concept = _term_concept(session, term_id)
    _check_version(session, concept, expected_version)
    if len(concept.terms) == 1:
        raise ValidationError([{"field": "term", "message": message(
            "the last term of a concept cannot be deleted; delete the concept instead")}])
    before = get_concept(session, concept.key)
    concept.terms.remove(term)
    return _finish_edit(session, concept, "update", user, before)
