"""Term extraction as a service: candidates of a text or file, and importing a document into
the termbase's review queue. Plain data in and out; the CLI and the API call these.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import distinct, func, inspect, select
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.extract import NotChinese, check_chinese, extract
from glossary.extract.candidates import MAX_CONTEXTS
from glossary.messages import message
from glossary.models import Candidate, Concept, Document, Job, Occurrence, Term
from glossary.services import documents, jobs
from glossary.textio import MAX_TEXT_BYTES, TextDecodeError, decode, read_text_file

#: How many contexts the review queue keeps per candidate, over all documents.
MAX_STORED_CONTEXTS = 10
#: The longest piece of a document the extractor takes at once (characters; about 600 KB of
#: UTF-8): its memory grows with the piece, about 250 bytes a character.
PIECE_CHARS = 200_000

#: The scripts of documents imported without extraction → their language.
WORD_SCRIPTS = {"cyrillic": "ru", "latin": "en"}

#: How much of an upload the request that queues it reads to tell whether it is Chinese.
UPLOAD_SAMPLE = 20_000

Progress = Callable[..., None]

__all__ = ["ExtractionError", "already_imported", "check_upload", "decode_upload",
           "extract_file", "extract_pieces", "extract_text", "import_file", "import_text",
           "known_terms", "text_language"]


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

    :return: {"document": id (of the document stored before when these bytes were),
              "imported": bool, "candidates": n added,
              "updated": n already queued and seen again, "known": n known terms found}
    :raises ExtractionError: as `extract_file`.
    """
    raw, text = _read(path)
    path = Path(path)
    return import_text(session, raw, text, name=path.name, title=title or _title(path),
                       origin=origin or str(path))


def check_upload(raw: bytes, name: str) -> str:
    """The text of an uploaded document, once it is known to be one that can be imported
    (quick: what the request that queues the import checks before answering).

    :raises ExtractionError: too large, binary, empty or not Chinese.
    """
    text = decode_upload(raw, name)
    if not text.strip():
        raise ExtractionError(message("%(name)s is empty", name=name))
    text_language(text[:UPLOAD_SAMPLE], name)  # the import checks the whole text again
    return text


def text_language(text: str, name: str = "the text") -> str:
    """"zh" for a Chinese text, "ru" or "en" for one in Cyrillic or Latin letters (imported
    without extraction: its known terms are found, and their contexts kept).

    :raises ExtractionError: the text is empty, or in neither of these (the reason says
        what it looks like).
    """
    try:
        check_chinese(text)
        return "zh"
    except NotChinese as exc:
        sample = text[:200_000]
        script = chinese.script_of(sample)
        if script in WORD_SCRIPTS:
            return WORD_SCRIPTS[script]
        reason = exc.args[0] if not sample.strip() else message(
            "the text is neither Chinese, Russian nor English (%(share)s of it is Chinese "
            "characters); documents are imported in these three languages",
            share=f"{chinese.han_ratio(sample):.0%}")
        raise ExtractionError(message("%(name)s: %(reason)s", name=name,
                                      reason=reason)) from exc


def already_imported(session: Session, raw: bytes) -> str | None:
    """The key of the document stored with exactly these bytes, if any."""
    return session.scalar(select(Document.key).where(
        Document.sha256 == hashlib.sha256(raw).hexdigest()))


def import_text(session: Session, raw: bytes, text: str, *, name: str, title: str,
                origin: str, progress: Progress | None = None) -> dict[str, Any]:
    """`import_file` for bytes already read and decoded. The candidates are found before
    anything is written (the slow part holds no write lock), and `progress(fraction,
    message)` is told how far it got.

    A Russian or English text is stored without extraction (no candidates): its known
    terms are found by annotate's matcher, word by word, and kept with their sentences.

    :raises ExtractionError: the text is neither Chinese, Russian nor English.
    """
    report = progress or (lambda _fraction, _message=None: None)
    lang = text_language(text, name)
    before = already_imported(session, raw)
    if before is not None:
        return {"document": before, "imported": False, "candidates": 0, "updated": 0,
                "known": 0}
    if lang != "zh":
        return _import_words(session, raw, lang=lang, title=title, origin=origin,
                             report=report)
    known = known_terms(session)
    found = extract_pieces(text, known=known, name=name,
                           progress=lambda f: report(0.05 + 0.8 * f, message(
                               "finding term candidates")))
    report(0.9, message("storing the document and its candidates"))
    lang = "zh-Hant" if _traditional(text) else "zh-Hans"
    doc = documents.import_document(session, raw, key=None, title=title, lang=lang,
                                    origin=origin)
    if doc is None:  # imported meanwhile by someone else
        return {"document": None, "imported": False, "candidates": 0, "updated": 0, "known": 0}
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
            "known": sum(c["concept"] is not None for c in found), "lang": lang}


def _import_words(session: Session, raw: bytes, *, lang: str, title: str, origin: str,
                  report: Progress) -> dict[str, Any]:
    """Store a Russian or English document with its occurrences of known terms; "known" is
    how many distinct terms were found (as a Chinese import counts its known candidates)."""
    report(0.3, message("finding the known terms"))
    doc = documents.import_document(session, raw, key=None, title=title, lang=lang,
                                    origin=origin)
    if doc is None:  # imported meanwhile by someone else
        return {"document": None, "imported": False, "candidates": 0, "updated": 0, "known": 0}
    known = session.scalar(select(func.count(distinct(Occurrence.term_id)))
                           .where(Occurrence.document_id == doc.id)) or 0
    return {"document": doc.key, "imported": True, "candidates": 0, "updated": 0,
            "known": known, "lang": lang}


def extract_pieces(text: str, *, known: Mapping[str, tuple[str, str]] | None = None,
                   name: str = "the text", piece_chars: int | None = None,
                   progress: Callable[[float], None] | None = None) -> list[dict[str, Any]]:
    """`extract_text` in pieces of at most PIECE_CHARS characters (cut between paragraphs
    or sentences), merged: the memory the extractor takes grows with the piece, not with
    the document. A text shorter than a piece is extracted whole, as by `extract_text`.
    Across pieces a candidate's counts add up, its best score and first contexts are kept;
    a term the statistics would find only by its repeats in different pieces is missed, and
    a piece that is not Chinese is skipped.
    """
    pieces = split_pieces(text, piece_chars or PIECE_CHARS)
    merged: dict[str, dict[str, Any]] = {}
    for i, (offset, piece) in enumerate(pieces):
        if progress:
            progress(i / len(pieces))
        try:
            found = extract_text(piece, known=known, name=name)
        except ExtractionError:
            if len(pieces) == 1:
                raise
            continue  # a piece that is not Chinese (an appendix in English) has no terms
        for cand in found:
            for context in cand["contexts"]:
                context["start"] += offset
                context["end"] += offset
            _merge(merged, cand)
    if progress:
        progress(1.0)
    return sorted(merged.values(), key=lambda c: (-c["score"], c["term"]))


def split_pieces(text: str, size: int) -> list[tuple[int, str]]:
    """(offset, piece) of the text cut into pieces of at most `size` characters, each cut
    after the last paragraph break, else sentence end, of the piece."""
    out = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n"), max(window.rfind(p) for p in "。！？；"))
        end = start + (cut + 1 if cut > size // 2 else size)
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _merge(merged: dict[str, dict[str, Any]], cand: dict[str, Any]) -> None:
    seen = merged.get(cand["term"])
    if seen is None:
        merged[cand["term"]] = cand
        return
    seen["count"] += cand["count"]
    seen["score"] = max(seen["score"], cand["score"])
    seen["contexts"] = [*seen["contexts"], *cand["contexts"]][:MAX_CONTEXTS]
    seen["abbreviations"] = sorted({*seen["abbreviations"], *cand["abbreviations"]})
    seen["full_form"] = seen["full_form"] or cand["full_form"]


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


def upload_name(filename: str) -> str:
    """An uploaded file's own name, safe to show and to save in a folder of our own: no
    folders, no characters a file system or a shell would take specially. Chinese is kept
    (werkzeug's secure_filename would drop it and leave nothing of 二〇一七年公报.txt)."""
    name = PurePath(filename.replace("\\", "/")).name
    safe = "".join(c if c.isalnum() or c in "._-()（）《》 " else "_" for c in name)
    return safe.strip(" .")[:120] or "upload.txt"


def _title(path: Path) -> str:
    return path.name.split(".")[0] or path.name


@jobs.kind("import-document")
def import_job(session: Session, job: Job, progress: Progress) -> dict[str, Any]:
    """The job queued by an upload (web or API): `import_text` of its bytes."""
    raw = job.payload or b""
    name = job.params.get("name") or "upload.txt"
    progress(0.02, message("reading the file"))
    text = check_upload(raw, name)
    result = import_text(session, raw, text, name=name,
                         title=job.params.get("title") or _title(Path(name)),
                         origin=name, progress=progress)
    if result["imported"]:
        result["message"] = message(
            "Document imported: %(candidates)d new candidates, %(known)d known terms.",
            candidates=result["candidates"], known=result["known"])
    else:
        result["message"] = message("This document was imported before; nothing changed.")
    return result
