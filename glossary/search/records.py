"""What the index reads from the database: concepts with the term fields search needs, and
their prose (definitions, notes, term usage notes) for the full-text index.

Read with SQLAlchemy Core in batches (no ORM objects), so that a rebuild streams a million
concepts in flat memory. The digest of a record is what `glossary index --check` compares
for the term index; fulltext.digest does the same for the prose.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from glossary.models import Concept, Term


@dataclass(frozen=True, slots=True)
class TermRecord:
    term_id: int
    lang: str
    text: str
    type: str
    status: str
    pinyin: str | None = None
    pinyin_plain: str | None = None
    pinyin_initials: str | None = None
    cyrillic: str | None = None
    note: str | None = None  # full text only: not part of the term's keys or digest

    def content(self) -> tuple:
        """What the term's keys are made from (not its status or type, which only rank)."""
        return (self.term_id, self.lang, self.text, self.pinyin, self.pinyin_plain,
                self.pinyin_initials, self.cyrillic)


@dataclass(slots=True)
class ConceptRecord:
    cid: int
    key: str
    subject: str | None
    terms: list[TermRecord] = field(default_factory=list)
    definition: dict = field(default_factory=dict)  # {"zh"|"ru"|"en": text}
    note: dict = field(default_factory=dict)

    def digest(self) -> str:
        """A fingerprint of everything the term index holds for this concept."""
        data = [self.key, self.subject,
                sorted([*t.content(), t.type, t.status] for t in self.terms)]
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()

    def texts(self) -> dict[str, list[str]]:
        """The concept's prose by kind: "definition" (its definitions, by language) and
        "note" (its notes, then its terms' usage notes)."""
        out: dict[str, list[str]] = {"definition": [], "note": []}
        for kind, mapping in (("definition", self.definition), ("note", self.note)):
            for lang in sorted(mapping):
                value = mapping[lang]
                if isinstance(value, str) and value.strip():
                    out[kind].append(value)
        out["note"] += [t.note for t in self.terms if t.note and t.note.strip()]
        return out

    def prose_digest(self) -> bytes | None:
        """A fingerprint of everything the full-text index holds for this concept (None:
        it has no prose, and is not in that index)."""
        texts = self.texts()
        if not any(texts.values()):
            return None
        raw = json.dumps([self.key, self.subject, texts], ensure_ascii=False,
                         separators=(",", ":"))
        return hashlib.blake2b(raw.encode(), digest_size=12).digest()


_TERM_COLUMNS = (Term.concept_id, Term.id, Term.lang, Term.text, Term.type, Term.status,
                 Term.pinyin, Term.pinyin_plain, Term.pinyin_initials, Term.cyrillic,
                 Term.note)
_CONCEPT_COLUMNS = (Concept.id, Concept.key, Concept.subject, Concept.definition, Concept.note)


def _record(cid: int, key: str, subject: str | None, definition, note) -> ConceptRecord:
    return ConceptRecord(cid, key, subject, definition=definition if isinstance(
        definition, dict) else {}, note=note if isinstance(note, dict) else {})


def _attach_terms(conn: Connection, records: dict[int, ConceptRecord]) -> None:
    rows = conn.execute(
        select(*_TERM_COLUMNS).where(Term.concept_id.in_(list(records)))
        .order_by(Term.concept_id, Term.lang, Term.position, Term.id))
    for cid, *values in rows:
        records[cid].terms.append(TermRecord(*values))


def read_all(conn: Connection, batch: int = 2000) -> Iterator[ConceptRecord]:
    """Every concept, ordered by id, `batch` at a time."""
    last = 0
    while True:
        rows = conn.execute(
            select(*_CONCEPT_COLUMNS).where(Concept.id > last)
            .order_by(Concept.id).limit(batch)).all()
        if not rows:
            return
        records = {row[0]: _record(*row) for row in rows}
        _attach_terms(conn, records)
        yield from records.values()
        last = rows[-1][0]


def read_keys(conn: Connection, keys: Iterable[str]) -> dict[str, ConceptRecord]:
    """The concepts with these keys (keys of deleted concepts are simply absent)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, ConceptRecord] = {}
    for i in range(0, len(wanted), 500):
        rows = conn.execute(select(*_CONCEPT_COLUMNS)
                            .where(Concept.key.in_(wanted[i:i + 500]))).all()
        if not rows:
            continue
        records = {row[0]: _record(*row) for row in rows}
        _attach_terms(conn, records)
        found.update((r.key, r) for r in records.values())
    return found
