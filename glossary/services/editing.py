"""Writing concepts and terms: validation, optimistic locking and the change log.

Every write path (web forms, the JSON API, termbase imports, the review queue) goes through
these functions, so the rules hold everywhere:
- input is validated and refused with a list of field errors, never half-applied;
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
from glossary.messages import message
from glossary.models import (
    GENDERS,
    KINDS,
    LANGUAGES,
    PARTS_OF_SPEECH,
    STATUSES,
    SUBJECTS,
    TERM_TYPES,
    Change,
    Concept,
    Relation,
    Source,
    Term,
)
from glossary.services.concepts import NotFound, get_concept

SLUG = re.compile(r"^[a-z][a-z0-9-]{0,119}$")
TERM_FIELDS = ("text", "type", "status", "pos", "gender", "note", "sources", "palladius",
               "homonym", "reading")
MAX_TERM_LENGTH = 500
MAX_NOTE_LENGTH = 10_000


class ValidationError(ValueError):
    """The input breaks the termbase's rules; `errors` lists [{"field", "message"}]."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


class Conflict(Exception):
    """The edit was based on an old version; `current` is the concept as it is now."""

    def __init__(self, current: dict[str, Any], message: str):
        self.current = current
        super().__init__(message)


def _clean(text: Any) -> str:
    # NFC and single spaces: the same term typed twice must compare equal.
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _is_id(value: Any) -> bool:
    """Whether `value` could be the id of a source or a concept: text, no control
    characters (PostgreSQL cannot even compare a text holding NUL)."""
    return isinstance(value, str) and 0 < len(value) <= 200 and not _has_control(value)


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in text)


def _check_choice(errors, field: str, value: Any, allowed: tuple[str, ...], optional: bool):
    if value is None and optional:
        return None
    if value not in allowed:
        errors.append({"field": field, "message": message("must be one of: %(choices)s",
                                                          choices=", ".join(allowed))})
        return None
    return value


def validate_term(data: Any, lang: str, where: str = "term") -> dict[str, Any]:
    """Check one term's fields; return clean values or raise ValidationError."""
    errors: list[dict[str, str]] = []
    if not isinstance(data, dict):
        raise ValidationError([{"field": where,
                                "message": message("must be an object with 'text'")}])
    unknown = set(data) - set(TERM_FIELDS) - {"id", "pinyin", "pinyin_numbered", "cyrillic"}
    errors += [{"field": f"{where}.{k}", "message": message("unknown field")}
               for k in sorted(unknown)]
    if lang not in LANGUAGES:
        errors.append({"field": where, "message": message(
            "language must be one of: %(choices)s", choices=", ".join(LANGUAGES))})
    text = _clean(data.get("text", "")) if isinstance(data.get("text"), str) else ""
    if not text:
        errors.append({"field": f"{where}.text", "message": message("must be non-empty text")})
    elif len(text) > MAX_TERM_LENGTH or _has_control(text):
        errors.append({"field": f"{where}.text", "message": message(
            "at most %(count)d characters, no control characters", count=MAX_TERM_LENGTH)})
    values = {
        "text": text,
        "type": _check_choice(errors, f"{where}.type", data.get("type", "fullForm"),
                              TERM_TYPES, False),
        "status": _check_choice(errors, f"{where}.status", data.get("status", "proposed"),
                                STATUSES, False),
        "pos": _check_choice(errors, f"{where}.pos", data.get("pos"), PARTS_OF_SPEECH, True),
        "gender": _check_choice(errors, f"{where}.gender", data.get("gender"), GENDERS, True),
        "note": _clean(data["note"]) if data.get("note") else None,
        "sources": data.get("sources") or [],
        # None: keep an existing term's Palladius as it is (new terms get none).
        "palladius": data.get("palladius"),
        # None: leave the mark as it is (most edits never mention it).
        "homonym": data.get("homonym"),
        # A pinyin reading checked by a person (display form): wins over the dictionary.
        # None: an existing term keeps a checked reading it has (see _fill_term).
        "reading": data.get("reading"),
    }
    if values["gender"] and lang != "ru":
        errors.append({"field": f"{where}.gender",
                       "message": message("only Russian terms have gender")})
    if values["note"] and len(values["note"]) > MAX_NOTE_LENGTH:
        errors.append({"field": f"{where}.note", "message": message("too long")})
    if not isinstance(values["sources"], list) or not all(map(_is_id, values["sources"])):
        errors.append({"field": f"{where}.sources",
                       "message": message("must be a list of source ids")})
    if values["reading"] is not None:
        _check_reading(errors, where, lang, text, values["reading"])
    if values["homonym"] is not None and not isinstance(values["homonym"], bool):
        errors.append({"field": f"{where}.homonym", "message": message("true or false")})
    if values["palladius"] is not None and not isinstance(values["palladius"], bool | str):
        errors.append({"field": f"{where}.palladius",
                       "message": message("true, false or the text")})
    if errors:
        raise ValidationError(errors)
    return values


def _check_reading(errors, where: str, lang: str, text: str, reading: Any) -> None:
    from glossary import chinese

    if not lang.startswith("zh") or not isinstance(reading, str):
        errors.append({"field": f"{where}.reading",
                       "message": message("a pinyin text, for Chinese terms only")})
        return
    try:
        chinese.pinyin_forms_from(chinese.fold_script(text), reading)
    except ValueError as exc:
        errors.append({"field": f"{where}.reading", "message": str(exc)})


def _validate_notes(errors, field: str, value: Any, partial: bool = False
                    ) -> dict[str, str | None]:
    """Texts by language. In a patch a language set to null (or to blank text) is one to
    remove: it is kept as None for `merge_texts`."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            k in ("zh", "ru", "en") and (isinstance(v, str) or (partial and v is None))
            for k, v in value.items()):
        errors.append({"field": field, "message": message("must map zh, ru or en to text")})
        return {}
    cleaned = {k: _clean(v) if v is not None else None for k, v in value.items()}
    if partial:
        return {k: v or None for k, v in cleaned.items()}
    return {k: v for k, v in cleaned.items() if v}


def texts_patch(before: dict[str, str], after: dict[str, str]) -> dict[str, str | None]:
    """The merge patch that turns one definition or note into another: each language of
    `after`, and null for each language it no longer has (an import that replaces)."""
    return {**{lang: None for lang in before or {} if lang not in (after or {})},
            **(after or {})}


def merge_texts(current: dict[str, str], patch: dict[str, str | None]) -> dict[str, str]:
    """RFC 7396 for a definition or note: the languages sent change, null removes one, the
    languages not mentioned stay."""
    merged = dict(current or {})
    for lang, text in patch.items():
        if text is None:
            merged.pop(lang, None)
        else:
            merged[lang] = text
    return {lang: merged[lang] for lang in ("zh", "ru", "en") if lang in merged}


def _validate_terms(errors, value: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(value, dict):
        errors.append({"field": "terms",
                       "message": message("must map languages to lists of terms")})
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for lang, items in value.items():
        if lang not in LANGUAGES:
            errors.append({"field": f"terms.{lang}", "message": message(
                "unknown language; use one of %(choices)s", choices=", ".join(LANGUAGES))})
            continue
        if not isinstance(items, list):
            errors.append({"field": f"terms.{lang}", "message": message("must be a list")})
            continue
        out[lang] = []
        for i, item in enumerate(items):
            try:
                out[lang].append(validate_term(item, lang, f"terms.{lang}[{i}]"))
            except ValidationError as exc:
                errors += exc.errors
        texts = [t["text"] for t in out[lang]]
        if len(set(texts)) != len(texts):
            errors.append({"field": f"terms.{lang}", "message": message("the same term twice")})
    return out


def _validate_relations(errors, value: Any) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            k in ("broader", "narrower", "related") and isinstance(v, list)
            and all(map(_is_id, v)) for k, v in value.items()):
        errors.append({"field": "relations", "message": message(
            "must map broader/related to lists of concept ids")})
        return {}
    return {k: [str(x) for x in v] for k, v in value.items() if k != "narrower"}


def validate_concept(data: Any, *, partial: bool) -> dict[str, Any]:
    """Check a concept (or, with partial=True, the fields of a patch)."""
    if not isinstance(data, dict):
        raise ValidationError([{"field": "", "message": message("must be a JSON object")}])
    errors: list[dict[str, str]] = []
    allowed = {"id", "kind", "subject", "definition", "note", "terms", "relations",
               "version", "sources", "updated"}
    errors += [{"field": k, "message": message("unknown field")}
               for k in sorted(set(data) - allowed)]
    clean: dict[str, Any] = {}
    if "id" in data and data["id"] is not None and not SLUG.match(str(data["id"])):
        errors.append({"field": "id", "message": message(
            "lowercase letters, digits and '-', starting with a letter")})
    for field, allowed_values in (("kind", KINDS), ("subject", SUBJECTS)):
        if field in data or not partial:
            default = "concept" if field == "kind" else "politics"
            clean[field] = _check_choice(errors, field, data.get(field, default),
                                         allowed_values, False)
    for field in ("definition", "note"):
        if field in data:
            clean[field] = _validate_notes(errors, field, data[field], partial)
    if "terms" in data or not partial:
        terms = data.get("terms")
        if partial and isinstance(terms, dict):  # {"en": null}: remove that language's terms
            terms = {lang: [] if items is None else items for lang, items in terms.items()}
        clean["terms"] = _validate_terms(errors, terms)
        if not partial and not any(clean["terms"].values()):
            errors.append({"field": "terms",
                           "message": message("a concept needs at least one term")})
    if "relations" in data:
        relations = data["relations"]
        if partial and isinstance(relations, dict):  # {"related": null}: remove them all
            relations = {k: [] if v is None else v for k, v in relations.items()}
        clean["relations"] = _validate_relations(errors, relations)
    if errors:
        raise ValidationError(errors)
    return clean


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
    for text, term in current.items():
        if text not in wanted:
            concept.terms.remove(term)
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
        fields = {f: _clean(source[f])[:size] or None
                  for f, size in (("publisher", 200), ("url", None), ("lang", 16),
                                  ("date", 10)) if source.get(f)}
        session.add(Source(key=key, title=_clean(source.get("title") or key), **fields))
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
    _check_version(session, concept, expected_version)
    item = validate_term(data, lang)
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
    _check_version(session, concept, expected_version)
    if not isinstance(data, dict):
        raise ValidationError([{"field": "", "message": message("must be a JSON object")}])
    current = {"text": term.text, "type": term.type, "status": term.status, "pos": term.pos,
               "gender": term.gender, "note": term.note,
               "sources": [s.key for s in term.sources], "palladius": term.cyrillic or False,
               "homonym": term.homonym}
    item = validate_term({**current, **data}, term.lang)
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
