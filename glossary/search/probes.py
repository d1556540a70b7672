"""Probes: the lookups one query part is answered with, each a plain SQL statement.

A probe returns term rows (cid, tid, term_id, lang, status, short, len, nw, ...) best first
and says, for each row, which step of the cascade it belongs to and which field matched.
`KeyProbe` looks up whole-term keys (exactly or as a range: "starts with"); `WordProbe`
finds terms holding a word of every expansion, reading each word's postings in rank order
so that it can stop after a page.
"""

from __future__ import annotations

import heapq
import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from glossary.search import fuzzy
from glossary.search.analysis import STOPWORDS, norms, primary_norm
from glossary.search.indexer import literal_key
from glossary.search.plan import Part
from glossary.search.schema import (
    EXACT,
    INITIALS,
    LEMMA,
    LITERAL,
    MAX_GRAM,
    PALLADIUS,
    PINYIN,
)

TOP = "\U0010ffff"  # sorts after every character: k < q + TOP means "k starts with q"
#: Most completions a partly typed word is matched by (the most frequent ones).
MAX_COMPLETIONS = 64
#: Most combinations of lemmas (of ambiguous Russian words) a query is looked up with.
MAX_LEMMA_KEYS = 8
ROW = "t.cid, t.tid, t.term_id, t.lang, t.status, t.short, t.len, t.nw"
FIELD_RANKS = {"pinyin": 1, "palladius": 1, "initials": 1, "stem": 2}

#: Turns a row into (step, field), or None to drop it.
Classifier = Callable[[tuple], "tuple[int, str] | None"]


def marks(values) -> str:
    return ",".join("?" * len(values))


@dataclass
class Probe:
    """Rows of terms matching `where` over `frm` (which joins `terms t`)."""

    frm: str
    where: str
    params: list
    classify: Classifier
    extra: str = ""
    rank: int = 0  # added to the field's rank within its step

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


@dataclass
class WordProbe(Probe):
    """Terms holding a word of each expansion: the rarest expansion drives the lookup, one
    word at a time in rank order (the words table is sorted by word, rank, term)."""

    driver: list[str] = field(default_factory=list)

    def rows(self, conn, fsql, fparams, limit):
        lists = []
        for word in self.driver:
            sql = (f"SELECT {ROW}, x.r FROM {self.frm} WHERE x.k = ?{self.where}{fsql} "
                   "ORDER BY x.r, x.tid LIMIT ?")
            lists.append(conn.execute(sql, [word, *self.params, *fparams, limit]).fetchall())
        merged = heapq.merge(*lists, key=lambda row: (row[8], row[1]))
        return list(itertools.islice(merged, limit))

    def cids(self, fsql, fparams):
        return (f"SELECT t.cid FROM {self.frm} WHERE x.k IN ({marks(self.driver)})"
                f"{self.where}{fsql}", [*self.driver, *self.params, *fparams])


def word_probe(expansions: list[dict[str, int]], classify: Classifier) -> WordProbe:
    """Terms holding a word of every expansion (each {word: frequency})."""
    order = sorted(range(len(expansions)), key=lambda i: sum(expansions[i].values()))
    where, params = "", []
    for i in order[1:]:
        words = list(expansions[i])
        where += (" AND EXISTS (SELECT 1 FROM words y WHERE y.k IN "
                  f"({marks(words)}) AND y.r = x.r AND y.tid = x.tid)")
        params += words
    return WordProbe("words x CROSS JOIN terms t ON t.tid = x.tid", where, params, classify,
                     driver=sorted(expansions[order[0]]))


# ---- the probes of a part ------------------------------------------------------------------

def probes_for(conn: sqlite3.Connection, part: Part, prefix: bool) -> list[Probe]:
    if part.script == "han":
        return han_probes(part)
    return key_probes(part, prefix) + word_probes(conn, part, prefix)


def _exact_or_short(row: tuple) -> tuple[int, str]:
    return (1, "abbreviation") if row[5] else (0, "exact")


def _stem_or_short(row: tuple) -> tuple[int, str]:
    return (1, "abbreviation") if row[5] else (0, "stem")


_KEYS = "keys x CROSS JOIN terms t ON t.tid = x.tid"


def han_probes(part: Part) -> list[Probe]:
    """A Chinese key: the whole term, the start of a term, inside a term."""
    key = part.key
    gram = key[:MAX_GRAM]
    probes = [
        Probe(_KEYS, "x.k = ? AND x.f = ?", [key, EXACT], _exact_or_short),
        Probe(_KEYS, "x.k > ? AND x.k < ? AND x.f = ?", [key, key + TOP, EXACT],
              lambda row: (2, "prefix")),
        Probe("grams x CROSS JOIN terms t ON t.tid = x.tid", "x.k >= ? AND x.k < ?",
              [gram, gram + TOP], lambda row: (3, "substring")),
    ]
    if len(part.pieces) > 1:  # typed with spaces: every piece somewhere in the term
        where = " AND ".join(
            "t.tid IN (SELECT tid FROM grams WHERE k >= ? AND k < ? "
            "UNION ALL SELECT tid FROM keys WHERE k >= ? AND k < ? AND f = 0)"
            for _ in part.pieces)
        params = [x for p in part.pieces
                  for x in (p[:MAX_GRAM], p[:MAX_GRAM] + TOP, p, p + TOP)]
        probes.append(Probe("terms t", where, params, lambda row: (3, "substring")))
    return probes


def lemma_keys(words: list[str], *, partial: bool = False) -> list[str]:
    """The lemma keys a query's words may stand for (most probable first). `partial`: the
    last word is being typed and stays as it is."""
    choices = []
    for i, word in enumerate(words):
        if partial and i == len(words) - 1:
            choices.append([word])
            continue
        first = primary_norm(word)
        others = [n for n in norms(word)[1:] if n != first]
        choices.append([first, *others])
    combos = itertools.islice(itertools.product(*choices), MAX_LEMMA_KEYS)
    return list(dict.fromkeys(" ".join(c) for c in combos))


def key_probes(part: Part, prefix: bool) -> list[Probe]:
    """Whole-term keys of a Latin or Cyrillic part: exactly, and as the start of a term."""
    lemmas = lemma_keys(part.all_words)
    content = content_words(part.all_words)
    if content != part.all_words:  # "в Астане" is Астана, "of the SCO" is the SCO
        lemmas += [k for k in lemma_keys(content) if k not in lemmas]
    wanted: dict[tuple, Classifier] = {(literal_key(part.key), LITERAL): _exact_or_short}
    for key in lemmas:
        wanted[(key, LEMMA)] = _stem_or_short
    starts: list[tuple[str, str, list[int], str]] = [
        (key + " ", key + " " + TOP, [LEMMA], "prefix") for key in lemmas[:4]]
    if prefix:
        for key in lemma_keys(part.all_words, partial=True)[:4]:
            starts.append((key, key + TOP, [LEMMA], "prefix"))
    if part.script == "latin" and part.pinyin:
        wanted[(part.pinyin, PINYIN)] = lambda row: (0, "pinyin")
        wanted[(part.pinyin, INITIALS)] = lambda row: (1, "initials")
        starts.append((part.pinyin, part.pinyin + TOP, [PINYIN], "pinyin"))
        if prefix:
            starts.append((part.pinyin, part.pinyin + TOP, [INITIALS], "initials"))
    if part.script == "cyrillic":
        wanted[(part.key, PALLADIUS)] = lambda row: (0, "palladius")
        starts.append((part.key, part.key + TOP, [PALLADIUS], "palladius"))

    def classify_exact(row):
        rule = wanted.get((row[8], row[9]))
        return rule(row) if rule else None

    exact = list(dict.fromkeys(k for k, _ in wanted))
    probes = [Probe(_KEYS, f"x.k IN ({marks(exact)})", exact, classify_exact,
                    extra=", x.k, x.f")]
    for low, high, kinds, name in starts:
        probes.append(Probe(_KEYS, f"x.k > ? AND x.k < ? AND x.f IN ({marks(kinds)})",
                            [low, high, *kinds], lambda row, name=name: (2, name)))
    return probes


def _word_field(part: Part, lang: int) -> str:
    if lang in (1, 2):
        return "pinyin" if part.script == "latin" else "palladius"
    return "substring"


def content_words(words: list[str]) -> list[str]:
    """The words a term must contain: function words only when there is nothing else."""
    return [w for w in words if w not in STOPWORDS] or words


def word_probes(conn, part: Part, prefix: bool) -> list[Probe]:
    """All the query's words among a term's words (each by its lemmas or stem)."""
    required = content_words(part.words)
    expansions = [expand(conn, w) for w in required]
    probes: list[Probe] = []
    if all(expansions):
        probes.append(word_probe(expansions, lambda row: (3, _word_field(part, row[3]))))
    if prefix:
        completions = complete(conn, part.words[-1])
        whole = [e for w, e in zip(required, expansions, strict=True) if w != part.words[-1]]
        if completions and all(whole):
            probe = word_probe([*whole, completions], lambda row: (3, "prefix"))
            probe.rank = 3  # a completed word ranks after the same word typed in full
            probes.append(probe)
    return probes


def expand(conn: sqlite3.Connection, word: str) -> dict[str, int]:
    """The indexed words sharing a normal form with `word`, with their frequencies."""
    forms = norms(word)
    return dict(conn.execute(
        f"SELECT n.w, v.df FROM norms n JOIN vocab v ON v.w = n.w WHERE n.n IN ({marks(forms)})",
        forms).fetchall())


def complete(conn: sqlite3.Connection, start: str) -> dict[str, int]:
    """The most frequent indexed words beginning with `start` (a partly typed word)."""
    return dict(conn.execute(
        "SELECT w, df FROM vocab WHERE w >= ? AND w < ? ORDER BY df DESC LIMIT ?",
        (start, start + TOP, MAX_COMPLETIONS)).fetchall())


def fuzzy_probe(conn, part: Part) -> tuple[Probe | None, str | None]:
    """Words corrected within their typo tolerance; None when there is nothing to correct."""
    expansions: list[dict[str, int]] = []
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
        best = min(found, key=lambda w: (found[w][0], -found[w][1], w))
        corrected.append(best)
        wider: dict[str, int] = {}
        for w in found:
            wider.update(expand(conn, w))
        expansions.append(wider)
    if not expansions or corrected == content_words(part.words):
        return None, None
    return word_probe(expansions, lambda row: (4, "fuzzy")), " ".join(corrected)


def candidates(conn: sqlite3.Connection, word: str) -> dict[str, tuple[int, int]]:
    """Indexed words within the typo tolerance of `word`: {word: (distance, frequency)}."""
    limit = fuzzy.max_distance(word)
    if not limit:
        return {}
    keys = sorted(fuzzy.query_keys(word))
    rows = conn.execute(
        f"SELECT w, df FROM vocab WHERE w IN ({marks(keys)}) UNION "
        f"SELECT d.w, v.df FROM dels d JOIN vocab v ON v.w = d.w WHERE d.d IN ({marks(keys)})",
        [*keys, *keys]).fetchall()
    found = {}
    for w, df in rows:
        dist = fuzzy.distance(word, w, limit)
        if dist <= limit and w != word:
            found[w] = (dist, df)
    return found
