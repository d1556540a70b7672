"""Term extraction as a service: candidates of a text or file, and importing a document into
the termbase's review queue. Plain data in and out; the CLI and the API call these.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.extract import NotChinese, check_chinese, extract
from glossary.messages import message
from glossary.models import Candidate, Concept, Term
from glossary.services import documents
from glossary.textio import MAX_TEXT_BYTES, TextDecodeError, decode, read_text_file

#: How many contexts the review queue keeps per candidate, over all documents.
MAX_STORED_CONTEXTS = 10

__all__ = ["ExtractionError", "decode_upload", "extract_file", "extract_text", "import_file",
           "known_terms"]


class ExtractionError(ValueError):
    """The input cannot be extracted from; the message (a glossary.messages.Message) says
    why, for the user."""


def known_terms(session: Session | None) -> dict[str, tuple[str, str]]:
    """Every Chinese term of the termbase (both scripts, folded to simplified) → (concept id,
    concept kind). Empty when there is no database yet."""
    if session is None or not inspect(session.get_bind()).has_table("terms"):
        return {}
    rows = session.execute(
        select(Term.text, Concept.key, Concept.kind).join(Concept, Concept.id == Term.concept_id)
        .where(Term.lang.in_(("zh-Hans", "zh-Hant"))).order_by(Term.lang, Term.position))
    known: dict[str, tuple[str, str]] = {}
    for text, key, kind in rows:
        known.setdefault(chinese.fold_script(text), (key, kind))
    return known


def extract_text(text: str, *, known: Mapping[str, tuple[str, str]] | None = None,
                 name: str = "the text") -> list[dict[str, Any]]:
    """Candidates of a text, best first (see glossary.extract for the shape).

    :raises ExtractionError: the text is empty or not Chinese.
    """
    try:
        return extract(text, known=known)
    except NotChinese as exc:
        raise ExtractionError(message("%(name)s: %(reason)s", name=name,
                                      reason=exc.args[0])) from exc


def extract_file(session: Session | None, path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Candidates of a text file, with the concept ids of the terms the termbase knows.

    :raises ExtractionError: unreadable, too large, binary, empty or not Chinese.
    """
    _, text = _read(path)
    return extract_text(text, known=known_terms(session), name=Path(path).name)


def import_file(session: Session, path: str | os.PathLike[str], *,
                title: str | None = None, origin: str | None = None) -> dict[str, Any]:
    """Store a document with its occurrences of known terms, and put its new candidates into
    the review queue. Importing the same bytes again changes nothing.

    :return: {"document": id or None, "imported": bool, "candidates": n added,
              "updated": n already queued and seen again, "known": n known terms found}
    :raises ExtractionError: as `extract_file`.
    """
    raw, text = _read(path)
    path = Path(path)
    name = path.name
    try:
        check_chinese(text)
    except NotChinese as exc:
        raise ExtractionError(message("%(name)s: %(reason)s", name=name,
                                      reason=exc.args[0])) from exc
    lang = "zh-Hant" if _traditional(text) else "zh-Hans"
    doc = documents.import_document(session, raw, key=None, title=title or _title(path),
                                    lang=lang, origin=origin or str(path))
    if doc is None:
        return {"document": None, "imported": False, "candidates": 0, "updated": 0, "known": 0}
    known = known_terms(session)
    found = extract_text(text, known=known, name=name)
    added = updated = 0
    for cand in found:
        if cand["concept"] is not None:
            continue
        if _queue(session, cand, doc.id, doc.key):
            added += 1
        else:
            updated += 1
    session.flush()
    return {"document": doc.key, "imported": True, "candidates": added, "updated": updated,
            "known": sum(c["concept"] is not None for c in found)}


def _read(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    try:
        raw, decoded = read_text_file(path, limit=MAX_TEXT_BYTES)
    except TextDecodeError as exc:
        raise ExtractionError(exc.args[0]) from exc
    if not decoded.text.strip():
        raise ExtractionError(message("%(name)s is empty", name=Path(path).name))
    return raw, decoded.text


def decode_upload(raw: bytes, name: str = "the upload") -> str:
    """The text of uploaded bytes, for the API (same detection as files)."""
    if len(raw) > MAX_TEXT_BYTES:
        raise ExtractionError(message("%(name)s is over the limit of %(limit)d bytes",
                                      name=name, limit=MAX_TEXT_BYTES))
    try:
        return decode(raw, name).text
    except TextDecodeError as exc:
        raise ExtractionError(exc.args[0]) from exc


def _queue(session: Session, cand: dict[str, Any], document_id: int, document_key: str) -> bool:
    """Add a candidate to the review queue, or merge it into the one already there.

    :return: True when it was added, False when it was merged.
    """
    contexts = [{"document": document_key, **c} for c in cand["contexts"]]
    links = {"full_form": cand["full_form"], "abbreviations": cand["abbreviations"]}
    row = session.scalar(select(Candidate).where(Candidate.text == cand["term"]))
    if row is None:
        session.add(Candidate(
            text=cand["term"], original=cand["original"], kind=cand["kind"],
            score=cand["score"], frequency=cand["count"], pinyin=cand["pinyin"],
            contexts=contexts[:MAX_STORED_CONTEXTS], links=links, document_id=document_id))
        return True
    row.frequency = (row.frequency or 0) + cand["count"]
    row.score = max(row.score or 0.0, cand["score"])
    row.contexts = [*row.contexts, *contexts][:MAX_STORED_CONTEXTS]
    if not (row.links or {}).get("full_form") and links["full_form"]:
        row.links = links
    return False


def _traditional(text: str) -> bool:
    """Is the text written in traditional script? (Folding changes many of its characters.)"""
    sample = text[:20000]
    han = [c for c in sample if chinese.is_han(c)]
    if not han:
        return False
    folded = chinese.to_simplified("".join(han))
    changed = sum(a != b for a, b in zip(han, folded, strict=False))
    return changed / len(han) > 0.05


def _title(path: Path) -> str:
    return path.name.split(".")[0] or path.name
