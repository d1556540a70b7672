"""Context sentences that come in with a termbase file.

A context is where a term occurs in a source document. The termbase keeps documents, not
contexts: a file's contexts come in by rebuilding each document they cite (its id, title,
language and date, as the file describes it) from the sentences the file holds, one sentence a
line. The occurrences are then found in it as in any document, so the termbase has the
contexts again, and its next export picks the same ones (`exporting._contexts` chooses by the
sentences alone). A document the termbase already holds (same id) is left as it is: its
occurrences are found again in its full text.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from glossary.formats.languages import from_code
from glossary.models import Document
from glossary.services import documents

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")  # what TBX can point to (tbxmap)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def cited_documents(records: list[dict[str, Any]], filename: str) -> dict[str, dict[str, Any]]:
    """The documents the file's contexts come from, by id, each with its sentences.

    A context without a document id (another tool's file, a memoQ example) is filed under a
    document named after its source title, or after the file.
    """
    found: dict[str, dict[str, Any]] = {}
    for record in records:
        for lang, terms in record.get("terms", {}).items():
            for term in terms:
                for context in term.get("contexts", []):
                    _add(found, context, lang, filename)
    return found


def _add(found: dict[str, dict[str, Any]], context: dict[str, Any], lang: str,
         filename: str) -> None:
    doc = context.get("document") or {}
    title = doc.get("title") or context.get("source") or f"Contexts from {filename}"
    key = str(doc["id"]) if _KEY.fullmatch(doc.get("id") or "") else _key_of(title)
    entry = found.setdefault(key, {
        "title": title, "lang": from_code(doc.get("lang") or "") or lang,
        "date": doc.get("date") if _DATE.fullmatch(doc.get("date") or "") else None,
        "sentences": []})
    text = context["text"].replace("\n", " ").strip()  # one sentence, one line
    if text and text not in entry["sentences"]:
        entry["sentences"].append(text)


def _key_of(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    digest = hashlib.sha1(title.encode()).hexdigest()[:8]
    return f"{slug or 'contexts'}-{digest}"


def restore_documents(session: Session, records: list[dict[str, Any]],
                      filename: str) -> list[str]:
    """Rebuild the documents the file's contexts come from that the termbase lacks.

    :return: the ids of the documents added.
    """
    added = []
    for key, doc in cited_documents(records, filename).items():
        if session.scalar(select(Document.id).where(Document.key == key)) is not None:
            continue
        text = "\n".join(sorted(doc["sentences"], key=lambda s: (len(s), s))) + "\n"
        stored = documents.import_document(
            session, text.encode(), key=key, title=doc["title"], lang=doc["lang"],
            date=doc["date"], origin=filename,
            meta={"rebuilt": "from the context sentences of a termbase file"})
        if stored is not None:  # None: these very sentences are a document already
            added.append(key)
    return added
