"""What a valid concept is: the one definition every way in checks against.

The data loader (`datafiles`, YAML with file and line in each problem), the writes of the
web form, the JSON API, the review queue and the termbase importers (`services.editing`)
and the API's JSON Schemas (`api.json_schemas`, which the OpenAPI document publishes)
all take their ids, field names, choices, lengths and per-field checks from here. Each
reports a problem in its own way (a file and line, or a field path); what is a problem is
decided once.

Two levels of strictness, on purpose:
- every concept, however it arrives, keeps the rules below `TERM_FIELDS`;
- the shipped data files are curated (`CURATED_RULES`): every Russian and English term
  cites a source, every concept has a simplified Chinese term, a Chinese term is written
  as normalised text reads, and terms are preferred unless they say otherwise. An edit
  may be a draft: its terms are proposed until reviewed, and sources can come later.

A pinyin reading pinned by a person is called `reading` here and in the JSON API; the
YAML files spell the same key `pinyin` (their published format, docs in data/README.md):
`YAML_NAMES` maps one to the other. In the API's output `pinyin` is the derived display
form, which is why the model does not take that name for what a person pins.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from glossary.models import (  # noqa: F401  (re-exported: the choices are rules too)
    GENDERS,
    KINDS,
    LANGUAGES,
    PARTS_OF_SPEECH,
    STATUSES,
    SUBJECTS,
    TERM_TYPES,
)

#: Ids of concepts and sources: lowercase letters, digits and "-", starting with a letter.
SLUG_PATTERN = r"^[a-z][a-z0-9-]{0,119}$"
SLUG = re.compile(SLUG_PATTERN)
MAX_TERM_LENGTH = 500
MAX_NOTE_LENGTH = 10_000
#: Definitions and notes are written per language; Chinese once, for both scripts.
NOTE_LANGS = ("zh", "ru", "en")
RELATION_KINDS = ("broader", "narrower", "related")
#: narrower is derived from the other concept's broader: read, never written.
WRITTEN_RELATIONS = ("broader", "related")

DEFAULT_KIND = "concept"
DEFAULT_SUBJECT = "politics"
DEFAULT_TERM_TYPE = "fullForm"
#: A term's status when it names none: what an edit adds waits for review.
DEFAULT_EDIT_STATUS = "proposed"

#: A term's fields as a person writes them.
TERM_FIELDS = ("text", "type", "status", "pos", "gender", "note", "sources", "reading",
               "palladius", "homonym")
#: What a term read back from the API carries besides: derived, ignored when sent back.
DERIVED_TERM_FIELDS = ("id", "pinyin", "pinyin_numbered", "cyrillic")
#: A concept's fields as a person writes them (the YAML writes broader and related at the
#: top level of the concept instead of under relations).
CONCEPT_FIELDS = ("id", "kind", "subject", "definition", "note", "terms", "relations")
#: What a concept read back from the API carries besides: ignored when sent back.
READ_ONLY_CONCEPT_FIELDS = ("version", "sources", "updated")

#: The YAML files' names of the fields whose model names differ.
YAML_NAMES = {"reading": "pinyin"}
YAML_TERM_FIELDS = tuple(YAML_NAMES.get(f, f) for f in TERM_FIELDS)
YAML_CONCEPT_FIELDS = ("id", "kind", "subject", "definition", "note", "broader", "related",
                       "terms")
SOURCE_FIELDS = ("id", "title", "publisher", "url", "lang", "date")


class CURATED_RULES:
    """What the shipped data files add to the rules (see the module docstring)."""

    sourced_langs = ("ru", "en")
    required_lang = "zh-Hans"
    default_status = "preferred"


def is_slug(value: Any) -> bool:
    """Whether `value` can be the id of a concept or a source.

    >>> is_slug("sco-charter"), is_slug("SCO"), is_slug("1st"), is_slug("a" * 121)
    (True, False, False, False)
    """
    return isinstance(value, str) and SLUG.match(value) is not None


def has_control(text: str) -> bool:
    """Control characters (PostgreSQL cannot even compare a text holding NUL)."""
    return any(unicodedata.category(c) == "Cc" for c in text)


def clean_text(text: Any) -> str:
    """NFC and single spaces: the same term typed twice must compare equal.

    >>> clean_text(" Shanghai \\n Cooperation ") == "Shanghai Cooperation"
    True
    """
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def term_text_problem(text: str) -> str | None:
    """What is wrong with a term's (cleaned) text, if anything."""
    if not text:
        return "must be non-empty text"
    if len(text) > MAX_TERM_LENGTH or has_control(text):
        return f"at most {MAX_TERM_LENGTH} characters, no control characters"
    return None


def gender_problem(lang: str, gender: Any) -> str | None:
    return "only Russian terms have gender" if gender and lang != "ru" else None


def reading_problem(lang: str, text: str, reading: Any) -> str | None:
    """A pinned pinyin reading must be text, of a Chinese term, and fit its characters."""
    from glossary import chinese  # the dictionaries load on first use, not at import

    if not lang.startswith("zh") or not isinstance(reading, str):
        return "a pinyin text, for Chinese terms only"
    try:
        chinese.pinyin_forms_from(chinese.fold_script(text), reading)
    except ValueError as exc:
        return str(exc)
    return None


def palladius_problem(value: Any) -> str | None:
    """Palladius: true (derive the Cyrillic transcription), false, or the transcription."""
    return None if value is None or isinstance(value, bool | str) else \
        "true, false or the transcription"


def chinese_form_problem(text: str) -> str | None:
    """Curated data: a Chinese term is written as normalised text reads, so that it is
    found in documents."""
    from glossary import chinese

    normal = chinese.normalise(text).text
    if normal != text:
        return (f"write {text!r} as {normal!r} (full-width punctuation, Chinese quotes, "
                "no spaces next to Han characters)")
    return None
