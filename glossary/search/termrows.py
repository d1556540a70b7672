"""What one term contributes to the index: its keys, words and grams (`analyse`), and which
of a concept's terms are worth indexing (`concept_terms`). Pure functions over records; the
writers in indexer.py turn these rows into table rows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from glossary.analysis import words
from glossary.search.index_layout import EXACT, INITIALS, LITERAL, MAX_GRAM, PALLADIUS, PINYIN
from glossary.search.keys import term_key, zh_key
from glossary.search.records import ConceptRecord, TermRecord

_COMPOUND = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)+")
#: Longest lemma key, in words.
MAX_KEY_WORDS = 40


@dataclass(frozen=True, slots=True)
class TermRows:
    """Everything one term contributes to the index (words still as written)."""

    keys: tuple[tuple[str | bytes, int], ...]
    words: tuple[str, ...]  # distinct, for the words table
    sequence: tuple[str, ...]  # every word in order, for the lemma key (none for Chinese)
    grams: tuple[str, ...]
    length: int
    nw: int


def analyse(term: TermRecord) -> TermRows | None:
    """The keys, words and grams of one term (None for a term with nothing to index)."""
    if term.lang.startswith("zh"):
        return _analyse_chinese(term)
    key = term_key(term.text)
    if not key:
        return None
    sequence = tuple(w.text for w in words(term.text))
    found = list(dict.fromkeys(sequence))
    compounds = [c for c in compounds_of(term.text) if c not in found]
    return TermRows(((literal_key(key), LITERAL),), (*found, *compounds),
                    sequence[:MAX_KEY_WORDS], (), len(key), len(found))


def compounds_of(text: str) -> list[str]:
    """Hyphenated compounds written solid ("Anti-Terrorist" → "antiterrorist"), so that
    either spelling finds the term; they do not count as words of their own."""
    return list(dict.fromkeys(term_key(m.group()).replace(" ", "")
                              for m in _COMPOUND.finditer(text)))


def literal_key(key: str) -> bytes:
    """The stored form of a Russian/English term's exact key: only ever looked up whole,
    so 8 bytes of its hash do instead of the text."""
    return hashlib.blake2b(key.encode(), digest_size=8).digest()


def _analyse_chinese(term: TermRecord) -> TermRows | None:
    key = zh_key(term.text)
    if not key:
        return None
    keys = [(key, EXACT)]
    if term.pinyin_plain:
        joined = "".join(term.pinyin_plain.split()).lower()
        if joined != key:
            keys.append((joined, PINYIN))
    if term.pinyin_initials and len(term.pinyin_initials) > 1:
        keys.append((term.pinyin_initials.lower(), INITIALS))
    found = [w.text for w in words(term.pinyin or "")]
    if term.cyrillic:
        keys.append((term_key(term.cyrillic), PALLADIUS))
        found += [w.text for w in words(term.cyrillic)]
    found = list(dict.fromkeys(found))
    grams = tuple(dict.fromkeys(key[i:i + MAX_GRAM] for i in range(1, len(key))))
    return TermRows(tuple(dict.fromkeys(keys)), tuple(found), (), grams, len(key), len(found))


def term_hash(term: TermRecord) -> int:
    """A fingerprint of everything a term's rows are made of (rank included)."""
    raw = repr((term.content(), term.type, term.status)).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=4).digest(), "big", signed=True)


def concept_terms(record: ConceptRecord) -> list[tuple[TermRecord, TermRows]]:
    """The terms of a concept worth indexing: a traditional form that folds to a simplified
    form of the same concept adds nothing (both scripts are searched through the same key)."""
    out = []
    zh_keys: set[str] = set()
    for term in sorted(record.terms, key=lambda t: t.lang != "zh-Hans"):
        rows = analyse(term)
        if rows is None:
            continue
        if term.lang.startswith("zh"):
            first = str(rows.keys[0][0])
            if first in zh_keys:
                continue
            zh_keys.add(first)
        out.append((term, rows))
    return out
