"""Translated names for the termbase's codes (languages, kinds, statuses ...).

The data keeps stable codes (`preferred`, `fullForm`, `zh-Hans`); the pages show them in the
interface language through the `label` filter: ``{{ term.status|label('status') }}``.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask
from flask_babel import lazy_gettext as _l

from glossary.models import KINDS

LABELS = {
    "lang": {
        "zh-Hans": _l("Chinese (simplified)"), "zh-Hant": _l("Chinese (traditional)"),
        "zh": _l("Chinese"), "ru": _l("Russian"), "en": _l("English"),
    },
    "status": {
        "preferred": _l("preferred"), "admitted": _l("admitted"),
        "deprecated": _l("deprecated"), "proposed": _l("proposed"),
    },
    "type": {
        "fullForm": _l("full form"), "shortForm": _l("short form"),
        "abbreviation": _l("abbreviation"), "acronym": _l("acronym"),
        "variant": _l("variant"),
    },
    "pos": {"noun": _l("noun"), "adjective": _l("adjective"), "verb": _l("verb"),
            "properNoun": _l("proper noun"), "other": _l("other")},
    "gender": {"masculine": _l("masculine"), "feminine": _l("feminine"),
               "neuter": _l("neuter"), "plural": _l("plural only")},
    "kind": {
        "organization": _l("organisation"), "body": _l("body"), "meeting": _l("meeting"),
        "document": _l("document"), "person": _l("person"), "state": _l("state"),
        "place": _l("place"), "event": _l("event"), "concept": _l("concept"),
        "title": _l("title"), "treaty": _l("treaty"), "abbreviation": _l("abbreviation"),
    },
    "subject": {
        "politics": _l("politics"), "international-relations": _l("international relations"),
        "security": _l("security"), "economy": _l("economy"), "finance": _l("finance"),
        "transport": _l("transport"), "law": _l("law"), "culture": _l("culture"),
        "education": _l("education"), "science-technology": _l("science and technology"),
        "health": _l("health"), "environment": _l("environment"), "sport": _l("sport"),
        "geography": _l("geography"), "people": _l("people"),
    },
    "relation": {"broader": _l("Broader"), "narrower": _l("Narrower"),
                 "related": _l("Related")},
    "action": {"create": _l("created"), "update": _l("edited"), "delete": _l("deleted"),
               "import": _l("imported")},
    "role": {"reader": _l("reader"), "editor": _l("editor"), "admin": _l("administrator")},
    "field": {"kind": _l("kind"), "subject": _l("subject field"),
              "definition": _l("definition"), "note": _l("notes"), "terms": _l("terms"),
              "relations": _l("relations")},
    "state": {"pending": _l("pending"), "accepted": _l("accepted"), "merged": _l("merged"),
              "rejected": _l("rejected")},
    "job_state": {"queued": _l("queued"), "running": _l("running"), "done": _l("done"),
                  "failed": _l("failed")},
    "pair": {"all": _l("All languages"), "zh-ru": _l("Chinese → Russian"),
             "zh-en": _l("Chinese → English"), "ru-zh": _l("Russian → Chinese"),
             "en-zh": _l("English → Chinese")},
}


def label(code: str | None, group: str) -> str:
    """The interface-language name of a code; an unknown code is shown as it is."""
    if code is None:
        return ""
    return str(LABELS.get(group, {}).get(code, code))


def choices(group: str, only: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs for a form's <select>: the whole group, or the codes in `only`."""
    if only is not None:
        return [(code, label(code, group)) for code in only]
    return [(code, str(name)) for code, name in LABELS[group].items()]


def init_app(app: Flask) -> None:
    app.add_template_filter(label, "label")
    app.add_template_global(choices, "choices")
    app.jinja_env.globals["concept_kinds"] = KINDS
