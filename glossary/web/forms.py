"""Reading the web forms into the plain data the services take (no rules here: the services
validate, and their field errors are shown beside the fields, in the interface language)."""

from __future__ import annotations

import re
from typing import Any

from werkzeug.datastructures import MultiDict

from glossary.web.i18n import translate

NOTE_LANGS = ("zh", "ru", "en")


def optional_int(value: str | None) -> int | None:
    """A whole number from a form field, or None when it is empty or not a number."""
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def keys(value: str | None) -> list[str]:
    """Concept or source ids typed as a list: commas, semicolons or spaces between them.

    >>> keys("sco, rats;  three-evil-forces")
    ['sco', 'rats', 'three-evil-forces']
    """
    return [k for k in re.split(r"[\s,;]+", value or "") if k]


def per_language(form: MultiDict, prefix: str) -> dict[str, str]:
    """`definition_en`, `definition_ru` ... as {"en": ..., "ru": ...}; empty ones left out."""
    return {lang: form[f"{prefix}_{lang}"].strip() for lang in NOTE_LANGS
            if form.get(f"{prefix}_{lang}", "").strip()}


def concept_patch(form: MultiDict) -> dict[str, Any]:
    """The concept fields of the edit form, as a patch for editing.update_concept."""
    return {
        "kind": form.get("kind"), "subject": form.get("subject"),
        "definition": per_language(form, "definition"), "note": per_language(form, "note"),
        "relations": {"broader": keys(form.get("broader")),
                      "related": keys(form.get("related"))},
    }


def term_fields(form: MultiDict) -> dict[str, Any]:
    """The fields of a term form, as editing.add_term / update_term take them."""
    data: dict[str, Any] = {"text": form.get("text", ""), "type": form.get("type"),
                            "status": form.get("status"),
                            "pos": form.get("pos") or None, "gender": form.get("gender") or None,
                            "note": form.get("note") or None,
                            "sources": keys(form.get("sources"))}
    return {k: v for k, v in data.items() if v is not None or k in ("pos", "gender", "note")}


def new_concept(form: MultiDict) -> dict[str, Any]:
    """The new-concept form: one head term per language, plus kind, subject and definition."""
    terms = {lang: [{"text": form[f"term_{lang}"], "type": "fullForm",
                     "status": form.get("status") or "proposed"}]
             for lang in ("zh-Hans", "ru", "en") if form.get(f"term_{lang}", "").strip()}
    data: dict[str, Any] = {"kind": form.get("kind"), "subject": form.get("subject"),
                            "terms": terms, "definition": per_language(form, "definition")}
    if form.get("id", "").strip():
        data["id"] = form["id"].strip()
    return data


def field_errors(errors: list[dict[str, str]]) -> dict[str, str]:
    """Service field errors keyed by their field, in the interface language, for showing
    beside the inputs."""
    out: dict[str, str] = {}
    for error in errors:
        if error["field"] not in out:
            out[error["field"]] = translate(error["message"])
    return out
