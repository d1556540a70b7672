"""Source documents: import (normalised, de-duplicated) and the occurrences of known terms."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.chinese.segment import split_sentences
from glossary.matching import TermMatcher
from glossary.models import Document, Occurrence, Term
from glossary.textio import decode_text

#: Occurrences are written this many at a time (rows, not ORM objects: a 4 MB document has
#: over 100,000 of them, and as objects they took 150 MB).
OCCURRENCE_BATCH = 5000


def slug(text: str, fallback: str = "document") -> str:
    """The ASCII part of a title as a key's stem (a Chinese title has none: `fallback`).

    >>> slug("SCO Summit 2024"), slug("上合峰会", "bitext")
    ('sco-summit-2024', 'bitext')
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or fallback


def import_document(session: Session, raw: bytes, *, key: str | None, title: str, lang: str,
                    date: str | None = None, origin: str | None = None,
                    meta: dict[str, Any] | None = None) -> Document | None:
    """Store a document and its occurrences; None when these exact bytes are already stored."""
    sha = hashlib.sha256(raw).hexdigest()
    if session.scalar(select(Document.id).where(Document.sha256 == sha)) is not None:
        return None
    original = decode_text(raw)
    text = chinese.normalise_long(original).text if lang.startswith("zh") else original
    doc = Document(key=key or f"{slug(title)}-{sha[:8]}", title=title, lang=lang, date=date,
                   origin=origin, sha256=sha, original=original, text=text, meta=meta or {})
    session.add(doc)
    session.flush()
    refresh_occurrences(session, doc)
    return doc


def chinese_matcher(session: Session) -> TermMatcher:
    """A matcher over every Chinese term (both scripts), folded to simplified."""
    rows = session.execute(select(Term.text, Term.id).where(Term.lang.in_(("zh-Hans",
                                                                          "zh-Hant"))))
    return TermMatcher(((chinese.fold_script(text), term_id) for text, term_id in rows),
                       fold=chinese.fold_script)


def refresh_occurrences(session: Session, doc: Document,
                        matcher: TermMatcher | None = None) -> int:
    """Recompute where known terms occur in the document; return how many occurrences."""
    session.execute(delete(Occurrence).where(Occurrence.document_id == doc.id))
    if doc.lang in WORD_LANGS:
        return _word_occurrences(session, doc)
    if not doc.lang.startswith("zh"):
        return 0
    matcher = matcher or chinese_matcher(session)
    norm = chinese.normalise_long(doc.original)
    spans = chinese.sentences(norm.text)
    starts = [s for s, _ in spans]


    def rows() -> Iterator[dict[str, Any]]:
        for match in matcher.find(norm.text):
            i = max(bisect.bisect_right(starts, match.start) - 1, 0)
            s_start, s_end = spans[i] if spans else (0, len(norm.text))
            o_start, o_end = norm.to_original(match.start, match.end)
            for term_id in match.payload[:1]:
                yield {"document_id": doc.id, "term_id": term_id, "start": o_start,
                       "end": o_end, "sentence": norm.text[s_start:s_end],
                       "sentence_start": match.start - s_start,
                       "sentence_end": match.end - s_start}

    return _insert_occurrences(session, rows())


def _insert_occurrences(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    """Store occurrence rows (a 16 MiB document has hundreds of thousands); return how
    many."""
    return insert_in_batches(session, Occurrence, rows, OCCURRENCE_BATCH)


def insert_in_batches(session: Session, model: Any, rows: Iterable[dict[str, Any]],
                      batch_size: int) -> int:
    """INSERT `rows` (column → value dicts) into `model`'s table, `batch_size` at a time,
    so that hundreds of thousands of rows never sit in memory at once; return how many."""
    count = 0
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= batch_size:
            session.execute(insert(model), batch)
            batch = []
    if batch:
        session.execute(insert(model), batch)
    session.flush()
    return count


#: Languages whose documents are matched word by word, by the annotate service's matcher
#: (the word analysis search uses: Russian case forms, English variants).
WORD_LANGS = ("ru", "en")

#: A sentence of a Russian or English text ends after . ! ? … (with closing quotes and
#: brackets) before a space, or at a line break.
_WORD_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)\]]*(?=\s)|\n")


def word_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a Russian or English text, spaces around each left out.

    >>> t = "The SCO met. Its RATS «works»! \\nTitle"
    >>> [t[a:b] for a, b in word_sentences(t)]
    ['The SCO met.', 'Its RATS «works»!', 'Title']
    """
    return split_sentences(text, _WORD_SENTENCE_END)


def _word_occurrences(session: Session, doc: Document) -> int:
    """The occurrences of known terms in a Russian or English document: found as annotate
    finds them (one per concept a span names), each with its sentence."""
    # Imported here: annotate builds on the concept service, which the loaders import.
    from glossary.services.annotate.cache import annotator

    text = doc.original
    spans = word_sentences(text)
    starts = [s for s, _ in spans]
    seen: set[tuple[int, int]] = set()

    def rows() -> Iterator[dict[str, Any]]:
        for mark in annotator(session).find(text, doc.lang):
            if (mark["term_id"], mark["start"]) in seen:
                continue
            seen.add((mark["term_id"], mark["start"]))
            i = max(bisect.bisect_right(starts, mark["start"]) - 1, 0)
            s_start, s_end = spans[i] if spans else (0, len(text))
            s_end = max(s_end, mark["end"])  # a term that runs over a line break stays whole
            yield {"document_id": doc.id, "term_id": mark["term_id"],
                   "start": mark["start"], "end": mark["end"],
                   "sentence": text[s_start:s_end],
                   "sentence_start": mark["start"] - s_start,
                   "sentence_end": mark["end"] - s_start}

    return _insert_occurrences(session, rows())


def refresh_all_occurrences(session: Session) -> int:
    matcher = chinese_matcher(session)
    return sum(refresh_occurrences(session, doc, matcher)
               for doc in session.scalars(select(Document)))


def list_documents(session: Session) -> list[dict[str, Any]]:
    return [document_summary(d) for d in session.scalars(select(Document).order_by(Document.id))]


def document_summary(doc: Document) -> dict[str, Any]:
    return {"id": doc.key, "title": doc.title, "lang": doc.lang, "date": doc.date,
            "origin": doc.origin, "characters": len(doc.text)}
