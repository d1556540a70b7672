"""Checking what a write sends: a concept, a patch of one, a term, definitions and notes.

The rules are `glossary.concept_rules`; this module applies them to the JSON-shaped input
of the web form, the API, the review queue and the importers, and reports every field at
fault at once (`ValidationError`). The writes themselves are `services.editing`.
"""

from __future__ import annotations

from typing import Any

from glossary import concept_rules as rules
from glossary.concept_rules import LANGUAGES, clean_text
from glossary.messages import message
from glossary.models import GENDERS, KINDS, PARTS_OF_SPEECH, STATUSES, SUBJECTS, TERM_TYPES


class ValidationError(ValueError):
    """The input breaks the termbase's rules; `errors` lists [{"field", "message"}]."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


def _is_id(value: Any) -> bool:
    """Whether `value` can be the id of a source or a concept (`concept_rules.SLUG`)."""
    return rules.is_slug(value)


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
    unknown = set(data) - set(rules.TERM_FIELDS) - set(rules.DERIVED_TERM_FIELDS)
    errors += [{"field": f"{where}.{k}", "message": message("unknown field")}
               for k in sorted(unknown)]
    # Derived members of a term read back are ignored, but must have their types.
    errors += [{"field": f"{where}.{k}", "message": message("must be text or null")}
               for k in ("pinyin", "pinyin_numbered", "cyrillic")
               if data.get(k) is not None and not isinstance(data[k], str)]
    if "id" in data and (not isinstance(data["id"], int) or isinstance(data["id"], bool)):
        errors.append({"field": f"{where}.id", "message": message("must be a whole number")})
    if lang not in LANGUAGES:
        errors.append({"field": where, "message": message(
            "language must be one of: %(choices)s", choices=", ".join(LANGUAGES))})
    text = clean_text(data.get("text", "")) if isinstance(data.get("text"), str) else ""
    if not text:
        errors.append({"field": f"{where}.text", "message": message("must be non-empty text")})
    elif rules.term_text_problem(text):
        errors.append({"field": f"{where}.text", "message": message(
            "at most %(count)d characters, no control characters",
            count=rules.MAX_TERM_LENGTH)})
    values = {
        "text": text,
        "type": _check_choice(errors, f"{where}.type", data.get("type", rules.DEFAULT_TERM_TYPE),
                              TERM_TYPES, False),
        "status": _check_choice(errors, f"{where}.status",
                                data.get("status", rules.DEFAULT_EDIT_STATUS), STATUSES, False),
        "pos": _check_choice(errors, f"{where}.pos", data.get("pos"), PARTS_OF_SPEECH, True),
        "gender": _check_choice(errors, f"{where}.gender", data.get("gender"), GENDERS, True),
        "note": clean_text(data["note"]) if data.get("note") else None,
        "sources": data.get("sources") or [],
        # None: keep an existing term's Palladius as it is (new terms get none).
        "palladius": data.get("palladius"),
        # None: leave the mark as it is (most edits never mention it).
        "homonym": data.get("homonym"),
        # A pinyin reading checked by a person (display form): wins over the dictionary.
        # None: an existing term keeps a checked reading it has (see _fill_term).
        "reading": data.get("reading"),
    }
    if rules.gender_problem(lang, values["gender"]):
        errors.append({"field": f"{where}.gender",
                       "message": message("only Russian terms have gender")})
    if values["note"] and len(values["note"]) > rules.MAX_NOTE_LENGTH:
        errors.append({"field": f"{where}.note", "message": message("too long")})
    if not isinstance(values["sources"], list) or not all(map(_is_id, values["sources"])):
        errors.append({"field": f"{where}.sources",
                       "message": message("must be a list of source ids")})
    if values["reading"] is not None:
        problem = rules.reading_problem(lang, text, values["reading"])
        if problem == "a pinyin text, for Chinese terms only":
            problem = message(problem)  # the others come from the pinyin reader, in English
        if problem:
            errors.append({"field": f"{where}.reading", "message": problem})
    if values["homonym"] is not None and not isinstance(values["homonym"], bool):
        errors.append({"field": f"{where}.homonym", "message": message("true or false")})
    if rules.palladius_problem(values["palladius"]):
        errors.append({"field": f"{where}.palladius",
                       "message": message("true, false or the text")})
    if errors:
        raise ValidationError(errors)
    return values


def _validate_notes(errors, field: str, value: Any, partial: bool = False
                    ) -> dict[str, str | None]:
    """Texts by language. In a patch a language set to null (or to blank text) is one to
    remove: it is kept as None for `merge_texts`."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            k in rules.NOTE_LANGS and (isinstance(v, str) or (partial and v is None))
            for k, v in value.items()):
        errors.append({"field": field, "message": message("must map zh, ru or en to text")})
        return {}
    cleaned = {k: clean_text(v) if v is not None else None for k, v in value.items()}
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
    return {lang: merged[lang] for lang in rules.NOTE_LANGS if lang in merged}


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
            k in rules.RELATION_KINDS and isinstance(v, list)
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
    allowed = {*rules.CONCEPT_FIELDS, *rules.READ_ONLY_CONCEPT_FIELDS}
    errors += [{"field": k, "message": message("unknown field")}
               for k in sorted(set(data) - allowed)]
    # Read-only members of a concept read back are ignored, but must have their types.
    for field, kind, what in (("version", int, message("must be a whole number")),
                              ("updated", str, message("must be text")),
                              ("sources", list, message("must be a list"))):
        if field in data and (not isinstance(data[field], kind)
                              or isinstance(data[field], bool)):
            errors.append({"field": field, "message": what})
    clean: dict[str, Any] = {}
    if "id" in data and data["id"] is not None and not rules.is_slug(data["id"]):
        errors.append({"field": "id", "message": message(
            "lowercase letters, digits and '-', starting with a letter")})
    for field, allowed_values in (("kind", KINDS), ("subject", SUBJECTS)):
        if field in data or not partial:
            default = rules.DEFAULT_KIND if field == "kind" else rules.DEFAULT_SUBJECT
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
