"""Probes: the lookups one query part is answered with, each a plain SQL statement.

A probe returns term rows (cid, tid, term_id, lang, status, short, len, nw, ...) best first
and says, for each row, which step of the cascade it belongs to and which field matched.
`Probe` looks up whole-term keys exactly; `RangeProbe` reads a range of keys ("starts
with", Chinese substrings), at most RANGE_ROWS of them, ranked among themselves; `WordProbe`
finds terms holding a word of every expansion, reading each word's postings in rank order so
that it can stop after a page. Words are looked up by the ids of their normal forms.
"""

from __future__ import annotations

import heapq
import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from glossary.search.index_layout import (
    EXACT,
    INITIALS,
    LEMMA,
    LITERAL,
    MAX_GRAM,
    PALLADIUS,
    PINYIN,
)
from glossary.search.plan import Part
from glossary.search.termrows import literal_key
from glossary.search.vocabulary import (
    BYTES_TOP,
    TOP,
    candidates,
    complete,
    completed_lemma_keys,
    content_words,
    expand,
    lemma_keys,
    marks,
)

#: Most keys a range probe reads (a single common character can start 200,000 suffixes):
#: beyond it the page is ranked among the first RANGE_ROWS keys and the total is a floor.
RANGE_ROWS = 1000
ROW = "t.cid, t.tid, t.term_id, t.lang, t.status, t.short, t.len, t.nw"
FIELD_RANKS = {"pinyin": 1, "palladius": 1, "initials": 1, "stem": 2}

def _fixed_step(step: int, field: str) -> Callable[[tuple], tuple[int, str]]:
    """A classifier that gives every row the same step and field."""
    return lambda row: (step, field)


#: Turns a row into (step, field), or None to drop it.
Classifier = Callable[[tuple], "tuple[int, str] | None"]


@dataclass
class Probe:
    """Rows of terms matching `where` over `frm` (which joins `terms t`)."""

    frm: str
    where: str
    params: list
    classify: Classifier
    extra: str = ""
    rank: int = 0  # added to the field's rank within its step
    best_step: int = 0  # the best step any of its rows can have

    def rows(self, conn: sqlite3.Connection, fsql: str, fparams: list,
             limit: int) -> list[tuple]:
        sql = (f"SELECT {ROW}{self.extra} FROM {self.frm} WHERE {self.where}{fsql} "
               "ORDER BY t.status, t.len, t.tid LIMIT ?")
        return conn.execute(sql, [*self.params, *fparams, limit]).fetchall()

    def cids(self, fsql: str, fparams: list) -> tuple[str, list]:
        """SQL for the concept ids of every row (for counting)."""
        return f"SELECT t.cid FROM {self.frm} WHERE {self.where}{fsql}", [*self.params,
                                                                          *fparams]

    def sort_key(self, row: tuple, step: int, name: str) -> tuple:
        _cid, tid, _term, _lang, status, _short, length, nw = row[:8]
        return (step, status, FIELD_RANKS.get(name, 0) + self.rank, nw, length, tid)

    @property
    def truncated(self) -> bool:
        """Whether the probe saw only part of what matches (so the total is a floor)."""
        return False


@dataclass
class RangeProbe(Probe):
    """Keys in a range of one table, read in key order up to RANGE_ROWS."""

    table: str = "keys"
    cut: bool = False

    def _source(self) -> str:
        columns = "k, f, tid" if self.table == "keys" else "k, tid"
        return (f"(SELECT {columns} FROM {self.table} WHERE {self.frm} LIMIT {RANGE_ROWS}) x "
                "CROSS JOIN terms t ON t.tid = x.tid")

    def rows(self, conn, fsql, fparams, limit):
        self.cut = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {self.table} WHERE {self.frm} "
            f"LIMIT {RANGE_ROWS + 1})", self.params).fetchone()[0] > RANGE_ROWS
        sql = (f"SELECT {ROW}{self.extra} FROM {self._source()} WHERE 1{fsql} "
               "ORDER BY t.status, t.len, t.tid LIMIT ?")
        return conn.execute(sql, [*self.params, *fparams, limit]).fetchall()

    def cids(self, fsql, fparams):
        return f"SELECT t.cid FROM {self._source()} WHERE 1{fsql}", [*self.params, *fparams]

    @property
    def truncated(self) -> bool:
        return self.cut


def range_probe(condition: str, params: list, classify: Classifier, best_step: int,
                table: str = "keys") -> RangeProbe:
    """Rows of `table` meeting `condition` (over its columns k, f), at most RANGE_ROWS."""
    return RangeProbe(condition, "", params, classify, best_step=best_step, table=table)


@dataclass
class WordProbe(Probe):
    """Terms holding a word of each expansion: the rarest expansion drives the lookup, one
    word at a time in rank order (the words table is sorted by word, rank, term)."""

    driver: list[int] = field(default_factory=list)

    def rows(self, conn, fsql, fparams, limit):
        lists = []
        for n in self.driver:
            sql = (f"SELECT {ROW}, x.r FROM {self.frm} WHERE x.n = ?{self.where}{fsql} "
                   "ORDER BY x.r, x.tid LIMIT ?")
            lists.append(conn.execute(sql, [n, *self.params, *fparams, limit]).fetchall())
        merged = heapq.merge(*lists, key=lambda row: (row[8], row[1]))
        return list(itertools.islice(merged, limit))

    def cids(self, fsql, fparams):
        return (f"SELECT t.cid FROM {self.frm} WHERE x.n IN ({marks(self.driver)})"
                f"{self.where}{fsql}", [*self.driver, *self.params, *fparams])


def word_probe(expansions: list[dict[int, int]], classify: Classifier) -> WordProbe:
    """Terms holding a word of every expansion (each {normal-form id: frequency})."""
    order = sorted(range(len(expansions)), key=lambda i: sum(expansions[i].values()))
    where, params = "", []
    for i in order[1:]:
        ids = list(expansions[i])
        where += (" AND EXISTS (SELECT 1 FROM words y WHERE y.n IN "
                  f"({marks(ids)}) AND y.r = x.r AND y.tid = x.tid)")
        params += ids
    return WordProbe("words x CROSS JOIN terms t ON t.tid = x.tid", where, params, classify,
                     best_step=3, driver=sorted(expansions[order[0]]))


# ---- the probes of a part ------------------------------------------------------------------

def probes_for(conn: sqlite3.Connection, part: Part, prefix: bool) -> list[Probe]:
    if part.script == "han":
        return han_probes(part)
    return key_probes(conn, part, prefix) + word_probes(conn, part, prefix)


def _exact_or_short(row: tuple) -> tuple[int, str]:
    return (1, "abbreviation") if row[5] else (0, "exact")


def _stem_or_short(row: tuple) -> tuple[int, str]:
    # An abbreviation in another form ("ADCT" for "ADCTS") ranks after one typed as it is.
    return (1 if row[5] else 0), "stem"


_KEYS = "keys x CROSS JOIN terms t ON t.tid = x.tid"


def han_probes(part: Part) -> list[Probe]:
    """A Chinese key: the whole term, the start of a term, inside a term."""
    key = part.key
    gram = key[:MAX_GRAM]
    probes = [
        Probe(_KEYS, "x.k = ? AND x.f = ?", [key, EXACT], _exact_or_short),
        range_probe("k > ? AND k < ? AND f = 0", [key, key + TOP], lambda row: (2, "prefix"),
                    2),
        range_probe("k >= ? AND k < ?", [gram, gram + TOP], lambda row: (3, "substring"), 3,
                    table="grams"),
    ]
    if len(part.pieces) > 1:  # typed with spaces: every piece somewhere in the term
        where = " AND ".join(
            "t.tid IN (SELECT tid FROM grams WHERE k >= ? AND k < ? "
            "UNION ALL SELECT tid FROM keys WHERE k >= ? AND k < ? AND f = 0)"
            for _ in part.pieces)
        params = [x for p in part.pieces
                  for x in (p[:MAX_GRAM], p[:MAX_GRAM] + TOP, p, p + TOP)]
        probes.append(Probe("terms t", where, params, lambda row: (3, "substring"),
                            best_step=3))
    return probes


def key_probes(conn, part: Part, prefix: bool) -> list[Probe]:
    """Whole-term keys of a Latin or Cyrillic part: exactly, and as the start of a term."""
    lemmas = lemma_keys(conn, part.all_words)
    content = content_words(part.all_words)
    if content != part.all_words:  # "в Астане" is Астана, "of the SCO" is the SCO
        lemmas += [k for k in lemma_keys(conn, content) if k not in lemmas]
    wanted: dict[tuple, Classifier] = {(literal_key(part.key), LITERAL): _exact_or_short}
    for key in lemmas:
        wanted[(key, LEMMA)] = _stem_or_short
    # (operator for the low end, low, high, key kinds, field): "k > low" leaves out the key
    # itself (found by the exact lookup); a completed word's key is not looked up exactly.
    starts: list[tuple[str, str | bytes, str | bytes, list[int], str]] = [
        (">", key, key + BYTES_TOP, [LEMMA], "prefix") for key in lemmas[:4]]
    if prefix:
        for key in completed_lemma_keys(conn, part.all_words):
            starts.append((">=", key, key + BYTES_TOP, [LEMMA], "prefix"))
    if part.script == "latin" and part.pinyin:
        wanted[(part.pinyin, PINYIN)] = lambda row: (0, "pinyin")
        wanted[(part.pinyin, INITIALS)] = lambda row: (1, "initials")
        starts.append((">", part.pinyin, part.pinyin + TOP, [PINYIN], "pinyin"))
        if prefix:
            starts.append((">", part.pinyin, part.pinyin + TOP, [INITIALS], "initials"))
    if part.script == "cyrillic":
        wanted[(part.key, PALLADIUS)] = lambda row: (0, "palladius")
        starts.append((">", part.key, part.key + TOP, [PALLADIUS], "palladius"))

    def classify_exact(row):
        rule = wanted.get((row[8], row[9]))
        return rule(row) if rule else None

    exact = list(dict.fromkeys(k for k, _ in wanted))
    probes: list[Probe] = [Probe(_KEYS, f"x.k IN ({marks(exact)})", exact, classify_exact,
                                 extra=", x.k, x.f")]
    for op, low, high, kinds, name in starts:
        probes.append(range_probe(f"k {op} ? AND k < ? AND f IN ({marks(kinds)})",
                                  [low, high, *kinds], _fixed_step(2, name), 2))
    return probes


def _word_field(part: Part, lang: int) -> str:
    if lang in (1, 2):
        return "pinyin" if part.script == "latin" else "palladius"
    return "substring"


def word_probes(conn, part: Part, prefix: bool) -> list[Probe]:
    """All the query's words among a term's words (each by its lemmas or stem)."""
    required = content_words(part.words)
    expansions = [expand(conn, w) for w in required]
    probes: list[Probe] = []
    if all(expansions):
        probes.append(word_probe(expansions, lambda row: (3, _word_field(part, row[3]))))
    # One typed letter after whole words completes to too much to be worth a lookup: the
    # terms that start with the words (key_probes) answer it.
    if prefix and (len(part.words[-1]) > 1 or len(part.words) == 1):
        completions = complete(conn, part.words[-1])
        whole = [e for w, e in zip(required, expansions, strict=True) if w != part.words[-1]]
        if completions and all(whole):
            probe = word_probe([*whole, completions], lambda row: (3, "prefix"))
            probe.rank = 3  # a completed word ranks after the same word typed in full
            probes.append(probe)
    return probes


def fuzzy_probe(conn, part: Part) -> tuple[Probe | None, str | None]:
    """Words corrected within their typo tolerance; None when there is nothing to correct."""
    expansions: list[dict[int, int]] = []
    corrected: list[str] = []
    for word in content_words(part.words):
        known = expand(conn, word)
        if known:
            expansions.append(known)
            corrected.append(word)
            continue
        found = candidates(conn, word)
        if not found:
            continue
        best = min(found, key=lambda w: (found[w][0], -found[w][2], w))
        corrected.append(best)
        closest = found[best][0]  # only the nearest corrections: "Томаабад" is Томабад
        expansions.append({n: df for dist, n, df in found.values() if dist == closest})
    if not expansions or corrected == content_words(part.words):
        return None, None
    probe = word_probe(expansions, lambda row: (4, "fuzzy"))
    probe.best_step = 4
    return probe, " ".join(corrected)


