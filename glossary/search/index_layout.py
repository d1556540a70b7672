"""The layout of the search index: one SQLite file per index generation.

The index is a term index, not a copy of the termbase: it maps keys to terms and terms to
concepts, and keeps only what ranking and filtering need (language, status, type, length).
Everything shown to the user is read from the database.

- `concepts`: one row per indexed concept: its subject, the digest of what was indexed
  (`--check`) and the ids of its terms in the index (so an update finds them).
- `terms`: one row per indexed term; `tid` is never reused (AUTOINCREMENT), so key rows of a
  term that was replaced are dead weight that no query can see (they join to nothing) until
  `sweep` or a rebuild removes them. That makes one concept's update a handful of inserts.
- `keys`: whole-term keys: a Chinese term's key (text, so that "starts with" is a range),
  its joined pinyin, initials and Palladius; a Russian/English term's literal key (an
  8-byte hash: only ever looked up whole) and its lemma key (the normal-form ids of its
  words, 3 bytes each, so that "starts with these words" is a range of bytes).
- `words`: the words of every term (Russian, English; the pinyin and Palladius words of
  Chinese terms) by the id of their most probable normal form (lemma, stem). Each row carries
  its term's rank `r` (status, word count, length; smaller is better) before the term id, so
  a word's terms come out best first and a lookup can stop after a page.
- `grams`: the suffixes of Chinese terms (up to MAX_GRAM characters), so that any substring
  is one range scan.
- `lexicon`: normal forms and their ids and frequencies; `vocab`: every word as written, with
  its normal form's id (for completions and typos); `dels`: each written word with one
  letter deleted (typo tolerance, see fuzzy.py).
- `prose`: the digest of what the full-text index (fulltext.py, `text/` beside this file)
  holds for each concept with prose, so that a sync writes to Whoosh only when the prose of
  a concept changed.
- `meta`: schema version, the last change applied, the ids skipped in the change log.
"""

from __future__ import annotations

SCHEMA_VERSION = "4"
#: Longest Chinese suffix stored; longer substrings are found by their first MAX_GRAM
#: characters and checked against the term itself.
MAX_GRAM = 12

# Key kinds in `keys.f`.
EXACT, PINYIN, INITIALS, PALLADIUS, LITERAL, LEMMA = 0, 1, 2, 3, 4, 5

LANG_CODES = {"zh-Hans": 1, "zh-Hant": 2, "ru": 3, "en": 4}
#: preferred above admitted, proposed (unreviewed) next, deprecated last.
STATUS_RANKS = {"preferred": 0, "admitted": 1, "proposed": 2, "deprecated": 3}
#: Term types matched as abbreviations (ranked after full terms).
SHORT_TYPES = frozenset({"abbreviation", "acronym", "shortForm"})


def rank(status: int, words: int, length: int) -> int:
    """A term's place among the terms sharing a word: better status, fewer words, shorter.

    >>> rank(0, 2, 20) < rank(0, 3, 5) < rank(1, 1, 1)
    True
    """
    return status << 16 | min(words, 63) << 10 | min(length, 1023)

DDL = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS concepts (
    cid INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    subject INTEGER,
    digest BLOB NOT NULL,
    tids BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS terms (
    tid INTEGER PRIMARY KEY AUTOINCREMENT,
    cid INTEGER NOT NULL,
    term_id INTEGER NOT NULL,
    lang INTEGER NOT NULL,
    status INTEGER NOT NULL,
    short INTEGER NOT NULL,
    len INTEGER NOT NULL,
    nw INTEGER NOT NULL,
    h INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS keys (
    k TEXT NOT NULL, f INTEGER NOT NULL, tid INTEGER NOT NULL,
    PRIMARY KEY (k, f, tid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS words (
    n INTEGER NOT NULL, r INTEGER NOT NULL, tid INTEGER NOT NULL, PRIMARY KEY (n, r, tid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grams (
    k TEXT NOT NULL, tid INTEGER NOT NULL, PRIMARY KEY (k, tid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lexicon (
    n INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE, df INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vocab (w TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dels (
    d TEXT NOT NULL, w TEXT NOT NULL, PRIMARY KEY (d, w)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS prose (cid INTEGER PRIMARY KEY, digest BLOB NOT NULL);
"""

#: Tables that hold key rows pointing at terms (swept of dead terms).
KEY_TABLES = ("keys", "words", "grams")
#: Bytes per normal-form id in a lemma key.
ID_BYTES = 3


def pack(ids) -> bytes:
    """Normal-form ids as a lemma key: fixed width, so a prefix of words is a prefix of bytes.

    >>> pack([1, 258])
    b'\\x00\\x00\\x01\\x00\\x01\\x02'
    """
    return b"".join(n.to_bytes(ID_BYTES, "big") for n in ids)
