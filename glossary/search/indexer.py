"""Writing concepts into the index: `IndexWriter` (one concept at a time, inside the
caller's transaction) and `BulkBuilder` (a whole fresh index, fast); what each term
contributes is decided in termrows.py. Both keep the `prose` table (the digest of each
concept's prose); `IndexWriter` hands a concept whose prose changed to the full-text writer
(fulltext.TextWriter), which commits to Whoosh just before this transaction commits.

Both writers produce the same rows for the same concept; `BulkBuilder` keeps the lexicon in
memory, stages the rows in a scratch database and inserts them sorted, which packs the
B-trees and is several times faster.
"""

from __future__ import annotations

import array
import sqlite3
from collections.abc import Iterable
from typing import Protocol

from glossary.analysis import primary_norm
from glossary.models import SUBJECTS
from glossary.search import fuzzy
from glossary.search.index_layout import LANG_CODES, LEMMA, SHORT_TYPES, STATUS_RANKS, pack, rank
from glossary.search.records import ConceptRecord, TermRecord
from glossary.search.termrows import TermRows, concept_terms, term_hash


def subject_code(subject: str | None) -> int:
    return SUBJECTS.index(subject) + 1 if subject in SUBJECTS else 0


def _term_row(cid: int, term: TermRecord, rows: TermRows) -> tuple:
    return (cid, term.term_id, LANG_CODES[term.lang], STATUS_RANKS.get(term.status, 2),
            int(term.type in SHORT_TYPES), rows.length, rows.nw, term_hash(term))


def _rank(values: tuple) -> int:
    """The rank of a term row made by _term_row."""
    return rank(values[3], values[6], values[5])


def _concept_row(record: ConceptRecord, tids: list[int]) -> tuple:
    return (record.cid, record.key, subject_code(record.subject),
            bytes.fromhex(record.digest()), array.array("q", tids).tobytes())


_INSERT_TERM = ("INSERT INTO terms (cid, term_id, lang, status, short, len, nw, h) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


class Lexicon:
    """Normal-form ids in the index's `lexicon` table, handed out as words are first seen;
    a word seen for the first time also gets its `vocab` row and its deletions."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._ids: dict[str, int] = {}

    def norm_id(self, norm: str) -> int:
        known = self._ids.get(norm)
        if known is not None:
            return known
        row = self.conn.execute("SELECT n FROM lexicon WHERE s = ?", (norm,)).fetchone()
        n = int(row[0] if row else self.conn.execute(
            "INSERT INTO lexicon (s, df) VALUES (?, 0)", (norm,)).lastrowid or 0)
        self._ids[norm] = n
        return n

    def word_id(self, word: str) -> int:
        """The id of a written word's normal form."""
        row = self.conn.execute("SELECT n FROM vocab WHERE w = ?", (word,)).fetchone()
        if row:
            return row[0]
        n = self.norm_id(primary_norm(word))
        self.conn.execute("INSERT INTO vocab VALUES (?, ?)", (word, n))
        self.conn.executemany("INSERT OR IGNORE INTO dels VALUES (?, ?)",
                              [(d, word) for d in fuzzy.stored_deletions(word)])
        return n

    def count(self, ids: Iterable[int]) -> None:
        self.conn.executemany("UPDATE lexicon SET df = df + 1 WHERE n = ?", [(n,) for n in ids])


class ProseSink(Protocol):
    """Where changed prose goes (fulltext.TextWriter)."""

    def put(self, record: ConceptRecord, fingerprint: bytes) -> None: ...

    def remove(self, cid: int) -> None: ...

    #: Whether the writer merges the prose index's segments when it commits.
    merge: bool


class _NoProse:
    merge = False

    def put(self, record: ConceptRecord, fingerprint: bytes) -> None:
        pass

    def remove(self, cid: int) -> None:
        pass


class IndexWriter:
    """Adds, replaces and removes concepts inside an open transaction on `conn`; their prose
    goes to `prose` when it changed."""

    def __init__(self, conn: sqlite3.Connection, prose: ProseSink | None = None):
        self.conn = conn
        self.lexicon = Lexicon(conn)
        self.dead_terms = 0
        self.prose = prose or _NoProse()

    def put(self, record: ConceptRecord) -> None:
        """Index a concept as it is now (replacing whatever the index held for it)."""
        conn = self.conn
        old = conn.execute("SELECT cid FROM concepts WHERE key = ? AND cid <> ?",
                           (record.key, record.cid)).fetchone()
        if old:
            self.remove(old[0])
        existing = {(term_id, h): tid for tid, term_id, h in conn.execute(
            "SELECT tid, term_id, h FROM terms WHERE tid IN (SELECT value FROM json_each(?))",
            (self._tids_json(record.cid),))}
        kept: list[int] = []
        for term, rows in concept_terms(record):
            tid = existing.get((term.term_id, term_hash(term)))
            if tid is not None and tid not in kept:
                kept.append(tid)  # unchanged: its rows stay as they are
                continue
            kept.append(self._insert(record.cid, term, rows))
        self._drop_terms([tid for tid in existing.values() if tid not in kept])
        conn.execute("INSERT OR REPLACE INTO concepts VALUES (?, ?, ?, ?, ?)",
                     _concept_row(record, kept))
        self._put_prose(record)

    def _put_prose(self, record: ConceptRecord) -> None:
        fingerprint = record.prose_digest()
        row = self.conn.execute("SELECT digest FROM prose WHERE cid = ?",
                                (record.cid,)).fetchone()
        if (row[0] if row else None) == fingerprint:
            return  # the full-text index holds this prose already
        if fingerprint is None:
            self.conn.execute("DELETE FROM prose WHERE cid = ?", (record.cid,))
            self.prose.remove(record.cid)
        else:
            self.conn.execute("INSERT OR REPLACE INTO prose VALUES (?, ?)",
                              (record.cid, fingerprint))
            self.prose.put(record, fingerprint)

    def _insert(self, cid: int, term: TermRecord, rows: TermRows) -> int:
        values = _term_row(cid, term, rows)
        tid = int(self.conn.execute(_INSERT_TERM, values).lastrowid or 0)
        ids = list(dict.fromkeys(self.lexicon.word_id(w) for w in rows.words))
        keys = list(rows.keys)
        if rows.sequence:
            keys.append((pack(self.lexicon.word_id(w) for w in rows.sequence), LEMMA))
        self.conn.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?, ?)",
                              [(k, f, tid) for k, f in keys])
        r = _rank(values)
        self.conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?, ?)",
                              [(n, r, tid) for n in ids])
        self.conn.executemany("INSERT OR IGNORE INTO grams VALUES (?, ?)",
                              [(g, tid) for g in rows.grams])
        self.lexicon.count(ids)
        return tid

    def _tids_json(self, cid: int) -> str:
        row = self.conn.execute("SELECT tids FROM concepts WHERE cid = ?", (cid,)).fetchone()
        return str(array.array("q", row[0]).tolist()) if row else "[]"

    def remove_key(self, key: str) -> None:
        """Take a concept out of the index (nothing happens if it is not there)."""
        row = self.conn.execute("SELECT cid FROM concepts WHERE key = ?", (key,)).fetchone()
        if row:
            self.remove(row[0])

    def remove(self, cid: int) -> None:
        row = self.conn.execute("SELECT tids FROM concepts WHERE cid = ?", (cid,)).fetchone()
        if row:
            self._drop_terms(array.array("q", row[0]).tolist())
        self.conn.execute("DELETE FROM concepts WHERE cid = ?", (cid,))
        if self.conn.execute("DELETE FROM prose WHERE cid = ?", (cid,)).rowcount:
            self.prose.remove(cid)

    def _drop_terms(self, tids: list[int]) -> None:
        # Their key rows stay until a sweep: they join to no term, so no query sees them.
        self.conn.executemany("DELETE FROM terms WHERE tid = ?", [(t,) for t in tids])
        self.dead_terms += len(tids)


class BulkBuilder:
    """Builds a fresh index: rows are staged in a scratch database and copied over sorted.

    `add` concepts (each key at most once), then `finish`. Term and normal-form ids are
    handed out here.
    """

    def __init__(self, conn: sqlite3.Connection, scratch: str):
        self.conn = conn
        conn.execute("ATTACH DATABASE ? AS scratch", (scratch,))
        conn.executescript("""
            PRAGMA scratch.journal_mode = OFF;
            PRAGMA scratch.synchronous = OFF;
            CREATE TABLE scratch.keys (k TEXT, f INTEGER, tid INTEGER);
            CREATE TABLE scratch.words (n INTEGER, r INTEGER, tid INTEGER);
            CREATE TABLE scratch.grams (k TEXT, tid INTEGER);
        """)
        conn.execute("BEGIN")
        self.next_tid = 1
        self.norms: dict[str, int] = {}
        self.df: dict[int, int] = {}
        self.vocab: dict[str, int] = {}
        self._terms: list[tuple] = []
        self._concepts: list[tuple] = []
        self._prose: list[tuple] = []
        self._keys: list[tuple] = []
        self._words: list[tuple] = []
        self._grams: list[tuple] = []

    def _word_id(self, word: str) -> int:
        n = self.vocab.get(word)
        if n is None:
            norm = primary_norm(word)
            n = self.norms.get(norm)
            if n is None:
                n = self.norms[norm] = len(self.norms) + 1
            self.vocab[word] = n
        return n

    def add(self, record: ConceptRecord, prose: bytes | None = None) -> None:
        """Stage a concept's rows; `prose` is the digest of its prose (record.prose_digest,
        None when it has none) as the full-text index is given it."""
        if prose is not None:
            self._prose.append((record.cid, prose))
        tids = []
        for term, rows in concept_terms(record):
            tid = self.next_tid
            self.next_tid += 1
            tids.append(tid)
            values = _term_row(record.cid, term, rows)
            self._terms.append((tid, *values))
            self._keys.extend((k, f, tid) for k, f in rows.keys)
            if rows.sequence:
                key = pack(self._word_id(w) for w in rows.sequence)
                self._keys.append((key, LEMMA, tid))
            r = _rank(values)
            for n in dict.fromkeys(self._word_id(w) for w in rows.words):
                self._words.append((n, r, tid))
                self.df[n] = self.df.get(n, 0) + 1
            self._grams.extend((g, tid) for g in rows.grams)
        self._concepts.append(_concept_row(record, tids))
        if len(self._terms) >= 50_000:
            self.flush()

    def flush(self) -> None:
        c = self.conn
        c.executemany("INSERT INTO main.terms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self._terms)
        c.executemany("INSERT INTO main.concepts VALUES (?, ?, ?, ?, ?)", self._concepts)
        c.executemany("INSERT INTO main.prose VALUES (?, ?)", self._prose)
        c.executemany("INSERT INTO scratch.keys VALUES (?, ?, ?)", self._keys)
        c.executemany("INSERT INTO scratch.words VALUES (?, ?, ?)", self._words)
        c.executemany("INSERT INTO scratch.grams VALUES (?, ?)", self._grams)
        for rows in (self._terms, self._concepts, self._prose, self._keys, self._words,
                     self._grams):
            rows.clear()

    def finish(self) -> None:
        """Copy the staged rows into the index sorted by key, write the lexicon, commit."""
        self.flush()
        c = self.conn
        c.execute("INSERT OR IGNORE INTO main.keys SELECT k, f, tid FROM scratch.keys "
                  "ORDER BY k, f, tid")
        c.execute("INSERT OR IGNORE INTO main.words SELECT n, r, tid FROM scratch.words "
                  "ORDER BY n, r, tid")
        c.execute("INSERT OR IGNORE INTO main.grams SELECT k, tid FROM scratch.grams "
                  "ORDER BY k, tid")
        c.executemany("INSERT INTO lexicon VALUES (?, ?, ?)",
                      [(n, s, self.df.get(n, 0)) for s, n in self.norms.items()])
        c.executemany("INSERT INTO vocab VALUES (?, ?)", sorted(self.vocab.items()))
        c.executemany("INSERT OR IGNORE INTO dels VALUES (?, ?)",
                      sorted({(d, w) for w in self.vocab for d in fuzzy.stored_deletions(w)}))
        c.execute("COMMIT")
        c.execute("DETACH DATABASE scratch")
