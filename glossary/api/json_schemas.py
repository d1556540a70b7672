"""JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of everything the API reads and writes.

What a valid concept or term is comes from `glossary.concept_rules` (ids, choices, lengths,
field names), the rules `services.validation` applies to the same input; what a schema
cannot say (a source or concept that must exist, a pinyin reading that must fit the
characters, a term twice in a language) is 422 with the field named.

The output schemas describe the services' shapes exactly (`services.concepts`, search,
annotate, extraction, documents); a test and the schemathesis run hold them to it.
"""

from __future__ import annotations

from typing import Any

from glossary import concept_rules as rules
from glossary.concept_rules import (
    GENDERS,
    KINDS,
    LANGUAGES,
    MAX_NOTE_LENGTH,
    MAX_TERM_LENGTH,
    PARTS_OF_SPEECH,
    STATUSES,
    SUBJECTS,
    TERM_TYPES,
)
from glossary.extract import KINDS as CANDIDATE_KINDS
from glossary.models import CANDIDATE_STATES
from glossary.search.query import STEPS
from glossary.services.annotate import TEXT_LANGS

Schema = dict[str, Any]

#: BCP 47 tags (compared case-insensitively, "_" taken for "-") and what they mean here.
LANG_ALIASES = {
    "zh": "zh", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "ru": "ru", "en": "en",
    "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "zh-hans-cn": "zh-Hans",
    "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant-tw": "zh-Hant",
    "zh-hant-hk": "zh-Hant", "ru-ru": "ru", "en-gb": "en", "en-us": "en",
}


def lang_tag_schema(allowed: tuple[str, ...], *, empty: bool = False) -> Schema:
    """The tags `parsing.normalise_lang` reads as one of `allowed`, as a pattern (JSON
    Schema has no case-insensitive flag, so each letter is a class). `empty`: a query
    parameter, where an empty value means the same as none."""
    def any_case(tag: str) -> str:
        return "".join("[-_]" if c == "-" else f"[{c}{c.upper()}]" for c in tag)

    tags = sorted(alias for alias, tag in LANG_ALIASES.items() if tag in allowed)
    alternatives = ([""] if empty else []) + [any_case(tag) for tag in tags]
    return {"type": "string", "pattern": "^(" + "|".join(alternatives) + ")$",
            "description": "BCP 47, any case: " + ", ".join(allowed)
                           + ("; empty: any" if empty else "")}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _obj(properties: dict[str, Schema], required: tuple[str, ...] | str = "all",
         **extra: Any) -> Schema:
    needed = list(properties) if required == "all" else list(required)
    return {"type": "object", "properties": properties, "required": needed,
            "additionalProperties": False, **extra}


STRING = {"type": "string"}


def _bitext_schemas() -> dict[str, Schema]:
    """Bilingual material: the shapes of services.bitexts."""
    langs = {"enum": ["ru", "en"]}
    summary: dict[str, Schema] = {
        "id": STRING, "title": STRING, "kind": {"enum": ["tmx", "parallel"]},
        "origin": _nullable(STRING), "langs": {"type": "array", "items": langs},
        "counts": {"type": "object", "propertyNames": langs, "additionalProperties": INT,
                   "description": "Sentence pairs per target language."},
        "zh_document": _nullable(STRING), "target_document": _nullable(STRING),
        "created": STRING}
    pair = _obj({"position": INT, "lang": langs, "zh": STRING, "target": STRING})
    return {
        "BitextSummary": _obj(summary, description="A TMX or a Chinese document with its "
                              "translation, imported as aligned sentence pairs; a parallel "
                              "one names its two documents."),
        "BitextList": _obj({"bitexts": {"type": "array", "items": ref("BitextSummary")}}),
        "Bitext": _obj({**summary, "meta": {"type": "object"},
                        "pairs": {"type": "array", "items": pair},
                        "next_cursor": _nullable(STRING)}),
    }
INT = {"type": "integer"}
SPANS = {"type": "array", "items": {"type": "array", "items": INT, "minItems": 2,
                                    "maxItems": 2}}
TEXT_IN = {"type": "string", "minLength": 1, "maxLength": MAX_TERM_LENGTH,
           "pattern": r"^[^\u0000-\u001f\u007f-\u009f]*\S[^\u0000-\u001f\u007f-\u009f]*$"}
NOTES_IN = {"type": "object", "propertyNames": {"enum": list(rules.NOTE_LANGS)},
            "additionalProperties": {"type": "string", "maxLength": MAX_NOTE_LENGTH}}
CONCEPT_ID = {"type": "string", "pattern": rules.SLUG_PATTERN}
SOURCE_ID = CONCEPT_ID

TERM_FIELDS_IN: dict[str, Schema] = {
    "text": TEXT_IN,
    "type": {"enum": list(TERM_TYPES), "default": rules.DEFAULT_TERM_TYPE},
    "status": {"enum": list(STATUSES), "default": rules.DEFAULT_EDIT_STATUS},
    "pos": _nullable({"enum": list(PARTS_OF_SPEECH)}),
    "gender": _nullable({"enum": list(GENDERS), "description": "Russian terms only."}),
    "note": _nullable({"type": "string", "maxLength": MAX_NOTE_LENGTH}),
    "sources": {"type": "array", "items": SOURCE_ID,
                "description": "Ids of sources the termbase knows."},
    "reading": _nullable({"type": "string", "description": (
        "Chinese terms: a pinyin reading checked by a person (it must fit the characters); "
        "it wins over the dictionary's. The data files call it `pinyin`.")}),
    "palladius": _nullable({"anyOf": [{"type": "boolean"}, STRING],
                            "description": "Chinese names: true to derive the Palladius "
                                           "(Cyrillic) transcription, or the transcription "
                                           "itself."}),
    "homonym": _nullable({"type": "boolean", "description": "true when another concept "
                                                            "has the same term on purpose"}),
}
assert set(TERM_FIELDS_IN) == set(rules.TERM_FIELDS)
# What a term read from the API carries besides: derived, and ignored when sent back.
TERM_DERIVED_IN: dict[str, Schema] = {"id": INT, "pinyin": _nullable(STRING),
                                      "pinyin_numbered": _nullable(STRING),
                                      "cyrillic": _nullable(STRING)}
assert set(TERM_DERIVED_IN) == set(rules.DERIVED_TERM_FIELDS)


def _terms_of(lang: str, term: Schema) -> Schema:
    """A language's list of terms: only Russian terms have gender."""
    if lang == "ru":
        return {"type": "array", "items": term}
    return {"type": "array", "items": {"allOf": [term, {"properties": {
        "gender": {"type": "null"}}}]}}

CONCEPT_FIELDS_IN: dict[str, Schema] = {
    "id": _nullable({**CONCEPT_ID, "description": "Left out or null: made from the English "
                                                  "(or pinyin) head term."}),
    "kind": {"enum": list(KINDS), "default": rules.DEFAULT_KIND},
    "subject": {"enum": list(SUBJECTS), "default": rules.DEFAULT_SUBJECT},
    "terms": {"type": "object", "additionalProperties": False,
              "properties": {lang: _terms_of(lang, ref("TermInput")) for lang in LANGUAGES}},
    "definition": NOTES_IN,
    "note": NOTES_IN,
    "relations": {"type": "object",
                  "propertyNames": {"enum": list(rules.RELATION_KINDS)},
                  "additionalProperties": {"type": "array", "items": CONCEPT_ID},
                  "description": "narrower is derived, and ignored when sent"},
    # Read-only members of the concept shape, accepted (and ignored) so that a concept read
    # from the API can be sent back as it is.
    "version": INT, "updated": STRING, "sources": {"type": "array"},
}
assert set(CONCEPT_FIELDS_IN) == {*rules.CONCEPT_FIELDS, *rules.READ_ONLY_CONCEPT_FIELDS}

NOTES_PATCH = {**NOTES_IN, "additionalProperties": _nullable(
    {"type": "string", "maxLength": MAX_NOTE_LENGTH})}
CONCEPT_FIELDS_IN_PATCH: dict[str, Schema] = {
    **CONCEPT_FIELDS_IN,
    "definition": _nullable(NOTES_PATCH),
    "note": _nullable(NOTES_PATCH),
    "terms": {"type": "object", "additionalProperties": False, "properties": {
        lang: _nullable(_terms_of(lang, ref("TermInput"))) for lang in LANGUAGES}},
    "relations": {**CONCEPT_FIELDS_IN["relations"], "additionalProperties": _nullable(
        {"type": "array", "items": CONCEPT_ID})},
}

SCHEMAS: dict[str, Schema] = {
    "Term": _obj({
        "id": INT, "text": STRING, "type": {"enum": list(TERM_TYPES)},
        "status": {"enum": list(STATUSES)}, "pinyin": _nullable(STRING),
        "cyrillic": _nullable(STRING), "pinyin_numbered": _nullable(STRING),
        "pos": {"enum": list(PARTS_OF_SPEECH)}, "gender": {"enum": list(GENDERS)},
        "note": STRING, "sources": {"type": "array", "items": STRING},
    }, required=("id", "text", "type", "status", "pinyin", "cyrillic", "sources")),
    "Source": _obj({"id": STRING, "title": STRING, "publisher": _nullable(STRING),
                    "url": _nullable(STRING), "lang": _nullable(STRING),
                    "date": _nullable(STRING)}),
    "Concept": _obj({
        "id": STRING,
        "kind": {"enum": list(KINDS)},
        "subject": {"enum": list(SUBJECTS)},
        "terms": _obj({lang: {"type": "array", "items": ref("Term")} for lang in LANGUAGES}),
        "definition": {"type": "object", "additionalProperties": STRING},
        "note": {"type": "object", "additionalProperties": STRING},
        "relations": _obj({name: {"type": "array", "items": STRING}
                           for name in ("broader", "narrower", "related")}),
        "sources": {"type": "array", "items": ref("Source")},
        "version": {"type": "integer", "minimum": 1},
        "updated": {"type": "string", "format": "date-time"},
    }, description="The concept shape every surface shares (`glossary concepts --json`)."),
    "TermInput": _obj({**TERM_FIELDS_IN, **TERM_DERIVED_IN}, required=("text",)),
    "NewTerm": _obj({"lang": lang_tag_schema(LANGUAGES),
                     **TERM_FIELDS_IN}, required=("lang", "text"),
                    # Only Russian terms have gender.
                    anyOf=[{"properties": {"lang": lang_tag_schema(("ru",))}},
                           {"properties": {"gender": {"type": "null"}}}]),
    "TermPatch": _obj({**TERM_FIELDS_IN, **TERM_DERIVED_IN}, required=()),
    "ConceptInput": _obj(CONCEPT_FIELDS_IN, required=("terms",),
                         # A concept needs a term: some language's list is not empty.
                         anyOf=[{"properties": {"terms": {"required": [lang], "properties": {
                             lang: {"minItems": 1}}}}} for lang in LANGUAGES],
                         description="A concept to create: the concept shape, of which only "
                                     "the editable fields count."),
    "ConceptPatch": _obj(CONCEPT_FIELDS_IN_PATCH, required=(),
                         description="A JSON merge patch (RFC 7396) of the editable fields: "
                                     "in definition and note each language sent changes "
                                     "and null removes one, the others stay; a language's "
                                     "term list, when sent, replaces that language's terms "
                                     "(null removes them); relations likewise per kind."),
    "ConceptList": _obj({"concepts": {"type": "array", "items": ref("Concept")},
                         "total": INT, "limit": INT, "next_cursor": _nullable(STRING)}),
    "Matched": _obj({"lang": {"enum": [*LANGUAGES, "zh"]}, "term": _nullable(STRING),
                     "term_id": _nullable(INT), "field": STRING, "step": {"enum": list(STEPS)},
                     "spans": SPANS,
                     "snippet": _obj({"text": STRING, "spans": SPANS}, description=(
                         "Step text only: a fragment of the matched text."))},
                    required=("lang", "term", "term_id", "field", "step", "spans"),
                    description="Which term matched, or (step text) which definition or "
                                "note (field): lang is then its key in the concept's "
                                "definition or note (zh, ru, en) and term and term_id are "
                                "null, or, for a term's usage note, they name the term "
                                "and lang is its language; spans are in that text."),
    "Hit": _obj({"concept": ref("Concept"), "score": {"type": "number"},
                 "matched": ref("Matched"),
                 "equivalents": {"type": "array", "items": ref("Term"),
                                 "description": "With tgt: the concept's terms in the "
                                                "target language, the preferred first."}},
                required=("concept", "score", "matched")),
    "SearchResult": _obj({"query": STRING, "hits": {"type": "array", "items": ref("Hit")},
                          "total": INT,
                          "total_exact": {"type": "boolean", "description": "false when "
                                          "total is a lower bound (very common queries)"},
                          "did_you_mean": _nullable(STRING),
                          "next_cursor": _nullable(STRING)},
                         required=("query", "hits", "total", "did_you_mean", "next_cursor")),
    "AnnotateRequest": _obj({"text": {"type": "string", "maxLength": 1 << 20},
                             "lang": _nullable(lang_tag_schema(TEXT_LANGS))},
                            required=("text",)),
    "Mark": _obj({"start": INT, "end": INT, "text": STRING, "concept": STRING,
                  "term_id": INT, "lang": {"enum": list(LANGUAGES)},
                  "status": {"enum": list(STATUSES)}}),
    "Annotation": _obj({"text": STRING, "lang": _nullable({"enum": list(TEXT_LANGS)}),
                        "marks": {"type": "array", "items": ref("Mark")},
                        "concepts": {"type": "array", "items": ref("Concept")}}),
    "ExtractRequest": _obj({"text": STRING}),
    "Candidate": _obj({
        "term": STRING, "original": STRING, "pinyin": STRING,
        "kind": {"enum": list(CANDIDATE_KINDS)}, "count": INT, "score": {"type": "number"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "contexts": {"type": "array", "items": _obj({"sentence": STRING, "start": INT,
                                                     "end": INT})},
        "full_form": _nullable(STRING), "abbreviations": {"type": "array", "items": STRING},
        "concept": _nullable(STRING),
    }, description="The objects `glossary extract --json` prints."),
    "Extraction": _obj({"candidates": {"type": "array", "items": ref("Candidate")}}),
    "ReviewCandidate": _obj({
        "id": INT, "term": STRING, "original": _nullable(STRING), "kind": _nullable(STRING),
        "concept_kind": {"enum": list(KINDS)}, "score": {"type": "number"}, "count": INT,
        "pinyin": _nullable(STRING),
        "contexts": {"type": "array", "items": {"type": "object"}},
        "full_form": _nullable(STRING), "abbreviations": {"type": "array", "items": STRING},
        "document": _nullable(STRING), "state": {"enum": list(CANDIDATE_STATES)},
        "concept": _nullable(STRING), "decided_by": _nullable(STRING),
        "decided_at": _nullable(STRING),
    }, description="A candidate of the review queue and its decision."),
    "CandidatePage": _obj({
        "total": INT, "offset": INT, "limit": INT,
        "filters": _obj({"state": STRING, "kind": _nullable(STRING),
                         "document": _nullable(STRING)}),
        "kinds": {"type": "object", "additionalProperties": INT},
        "candidates": {"type": "array", "items": ref("ReviewCandidate")}}),
    "Suggestion": _obj({
        "lang": {"enum": ["ru", "en"]}, "text": STRING,
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "method": STRING, "confident": {"type": "boolean"},
        "evidence": {"type": "array", "items": {"type": "object", "required": ["type"]},
                     "description": "What the suggestion rests on, each with a `type`: "
                                    "`part` (a known term used: zh, text, concept), `rule` "
                                    "(a pattern and examples), `table` (a table of "
                                    "conventional forms), `pair` (an aligned sentence pair: "
                                    "zh, target, source)."},
        "note": STRING,
    }),
    "Suggestions": _obj({
        "term": STRING, "kind": _nullable(STRING),
        "candidate": INT,
        "known": {"type": "array", "items": STRING,
                  "description": "Concepts that already have the term."},
        "suggestions": _obj({lang: {"type": "array", "items": ref("Suggestion")}
                             for lang in ("ru", "en")}),
    }, required=("term", "kind", "known", "suggestions")),
    "Document": _obj({"id": STRING, "title": STRING, "lang": STRING,
                      "date": _nullable(STRING), "origin": _nullable(STRING),
                      "characters": INT}),
    "DocumentList": _obj({"documents": {"type": "array", "items": ref("Document")}}),
    **_bitext_schemas(),
    "Job": _obj({
        "id": INT, "kind": STRING,
        "state": {"enum": ["queued", "running", "done", "failed"]},
        "progress": {"type": "number", "minimum": 0, "maximum": 1},
        "message": _nullable(STRING),
        "params": {"type": "object"},
        "result": {"type": "object", "description": "What the job made; for an import: "
                   "`document` (its id), `imported`, `candidates`, `updated`, `known`, and "
                   "`lang` (the document's: zh-Hans, zh-Hant, ru or en; a Russian or "
                   "English one has no candidates, only the known terms found in it)."},
        "user": _nullable(STRING), "created": STRING,
        "started": _nullable(STRING), "finished": _nullable(STRING),
    }, description="Work queued by a request (an import): poll it until done or failed."),
    "Stats": _obj({"concepts": INT, "terms": _obj({lang: INT for lang in LANGUAGES})}),
    "Problem": {
        "type": "object", "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": STRING, "title": STRING, "status": INT, "detail": STRING,
            "errors": {"type": "array", "items": _obj({"field": STRING, "message": STRING})},
            "current": ref("Concept"),
        },
        "description": "RFC 9457 problem details. `errors` lists the fields at fault; "
                       "`current` (412) is the concept as it is now.",
    },
    "ApiIndex": {"type": "object", "additionalProperties": STRING},
}
