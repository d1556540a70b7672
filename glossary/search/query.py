"""Running a query against the index: probes, the ranking cascade, paging and totals.

The cascade (each step ranks above the next; a concept is ranked by its best-matching term):

    0 exact         the whole term: as written (exact), in another case form, number or
                    spelling (stem), as pinyin (pinyin) or as Palladius (palladius)
    1 abbreviation  an abbreviation, acronym or short form as written (abbreviation), or the
                    pinyin initials of a Chinese term (initials)
    2 prefix        the term starts with the query (prefix, pinyin, palladius; in prefix mode
                    also initials, and words completed from their start)
    3 substring     the query is inside the term: characters of a Chinese term, all the
                    query's words among the term's words (substring, pinyin, palladius)
    4 fuzzy         the words within the typo tolerance (fuzzy); tried only when nothing else
                    matched, and then the corrected query is offered as "did you mean"

Within a step: preferred, admitted, proposed, then deprecated terms; the literal match before
the forgiving ones (exact before pinyin before stem); terms with fewer words the query did
not name; shorter terms; then older concepts. `Hit.score` is a number that orders the same
way (higher is better), for clients that only want a number.

Each probe is one SQL statement over the index (schema.py) with the filters in its WHERE
clause. A probe fetches only as many rows as the requested page needs; the total is counted
exactly, from the fetched rows when a probe ran dry, otherwise with one UNION count.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from glossary.search import fuzzy
from glossary.search.analysis import norms
from glossary.search.plan import Part, parts
from glossary.search.schema import EXACT, INITIALS, MAX_GRAM, PALLADIUS, PINYIN

STEPS = ("exact", "abbreviation", "prefix", "substring", "fuzzy")
FIELD_RANKS = {"pinyin": 1, "palladius": 1, "initials": 1, "stem": 2}
_TOP = "\U0010ffff"  # sorts after every character: k < q + _TOP is "k starts with q"
#: Most completions a partly typed word is matched by (the most frequent ones).
MAX_COMPLETIONS = 64
_ROW = "t.cid, t.tid, t.term_id, t.lang, t.status, t.short, t.len, t.nw"


@dataclass(frozen=True)
class Filters:
    """What may match: term languages (codes), term status (rank), concept subject, and
    the concepts allowed by a document filter (None: no such filter)."""

    langs: tuple[int, ...] | None = None
    status: int | None = None
    subject: str | None = None
    cids: tuple[int, ...] | None = None

    def sql(self) -> tuple[str, list]:
        sql, params = "", []
        if self.langs:
            sql += f" AND t.lang IN ({_marks(self.langs)})"
            params += self.langs
        if self.status is not None:
            sql += " AND t.status = ?"
            params.append(self.status)
        if self.subject is not None:
            sql += " AND EXISTS (SELECT 1 FROM concepts c WHERE c.cid = t.cid AND c.subject = ?)"
            params.append(self.subject)
        if self.cids is not None:
            sql += " AND t.cid IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(self.cids)))
        return sql, params


@dataclass(frozen=True, slots=True)
class Hit:
    """The best match of one concept."""

    cid: int
    tid: int
    term_id: int
    lang: int
    step: int
    field: str
    sort: tuple
    part: int = 0

    @property
    def score(self) -> float:
        """Higher is better; orders hits exactly as the cascade does (ties aside)."""
        _, status, rank, extra, length = self.sort[:5]
        return round(100.0 * (5 - self.step) - 20 * status - 4 * min(rank, 4)
                     - 0.4 * min(extra, 9) - 0.001 * min(length, 99), 3)


#: Turns a probe row into (step, field), or None to drop the row.
Classifier = Callable[[tuple], "tuple[int, str] | None"]


@dataclass
class Probe:
    """One lookup: rows of terms that match `where` (over the source in `frm`)."""

    frm: str
    where: str
    params: list
    classify: Classifier
    order: str = "t.status, t.len, t.cid"
    extra: str = ""
    qn: int = 0  # query words, for ranking terms with fewer unnamed words first
    rank: int = 0  # added to the field's rank within its step

    def rows(self, conn: sqlite3.Connection, filters: Filters, limit: int) -> list[tuple]:
        fsql, fparams = filters.sql()
        sql = (f"SELECT {_ROW}{self.extra} FROM {self.frm} WHERE {self.where}{fsql} "
               f"ORDER BY {self.order} LIMIT ?")
        return conn.execute(sql, [*self.params, *fparams, limit]).fetchall()

    def cids_sql(self, filters: Filters) -> tuple[str, list]:
        fsql, fparams = filters.sql()
        return f"SELECT t.cid FROM {self.frm} WHERE {self.where}{fsql}", [*self.params, *fparams]

    def hit(self, row: tuple, part: int) -> Hit | None:
        found = self.classify(row)
        if found is None:
            return None
        step, name = found
        cid, tid, term_id, lang, status, _short, length, nw = row[:8]
        extra = max(nw - self.qn, 0) if self.qn else 0
        sort = (step, status, FIELD_RANKS.get(name, 0) + self.rank, extra, length, cid)
        return Hit(cid, tid, term_id, lang, step, name, sort, part)


@dataclass
class Result:
    hits: list[Hit]
    total: int
    did_you_mean: str | None
    parts: list[Part] = field(default_factory=list)


def run(conn: sqlite3.Connection, query: str, *, filters: Filters = Filters(),
        limit: int = 20, offset: int = 0, prefix: bool = False,
        verify: Callable[[list[Hit], Part], list[Hit]] | None = None) -> Result:
    """Search the index: the page [offset, offset + limit) of hits, the total, a suggestion.

    `verify` checks hits the index alone cannot confirm (Chinese substrings longer than
    MAX_GRAM characters) against the terms themselves.
    """
    qparts = parts(query)
    if not qparts:
        return Result([], 0, None, [])
    need = offset + limit
    if len(qparts) == 1:
        ranked, total, suggestion = _run_part(conn, qparts[0], 0, filters, need, prefix, verify)
    else:
        ranked, total, suggestion = _run_mixed(conn, qparts, filters, prefix, verify)
    return Result(ranked[offset:need], total, suggestion, qparts)


def _run_part(conn, part: Part, index: int, filters: Filters, need: int, prefix: bool,
              verify) -> tuple[list[Hit], int, str | None]:
    probes = _probes(conn, part, prefix)
    best, complete = _collect(conn, probes, index, filters, need, part, verify)
    suggestion = None
    if not best and part.script != "han":
        fuzzy_probe, suggestion = _fuzzy_probe(conn, part)
        if fuzzy_probe is not None:
            probes = [fuzzy_probe]
            best, complete = _collect(conn, probes, index, filters, need, part, verify)
    ranked = sorted(best.values(), key=lambda h: h.sort)
    total = len(best) if complete else _count(conn, probes, filters)
    return ranked, total, suggestion


def _collect(conn, probes: list[Probe], index: int, filters: Filters, need: int, part: Part,
             verify) -> tuple[dict[int, Hit], bool]:
    """The best hit per concept over all probes; whether every probe was read to the end."""
    best: dict[int, Hit] = {}
    complete = True
    for probe in probes:
        limit = need * 3 + 20
        while True:
            rows = probe.rows(conn, filters, limit)
            hits = [h for h in (probe.hit(r, index) for r in rows) if h is not None]
            if verify is not None and part.script == "han" and len(part.key) > MAX_GRAM:
                hits = verify(hits, part)
            distinct = len({h.cid for h in hits})
            if len(rows) < limit or distinct >= need:
                break
            limit *= 4
        complete &= len(rows) < limit
        for h in hits:
            if h.cid not in best or h.sort < best[h.cid].sort:
                best[h.cid] = h
    return best, complete


def _count(conn, probes: list[Probe], filters: Filters) -> int:
    pieces = [p.cids_sql(filters) for p in probes]
    sql = " UNION ".join(s for s, _ in pieces)
    params = [x for _, ps in pieces for x in ps]
    return conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def _run_mixed(conn, qparts: list[Part], filters: Filters, prefix: bool,
               verify) -> tuple[list[Hit], int, str | None]:
    """Several scripts: concepts matching every part first, then those matching fewer."""
    per_part = []
    suggestions = []
    for i, part in enumerate(qparts):
        hits, _, suggestion = _run_part(conn, part, i, filters, 2000, prefix, verify)
        per_part.append({h.cid: h for h in hits})
        suggestions.append(suggestion or part.text)
    combined: dict[int, tuple] = {}
    for hits in per_part:
        for cid, h in hits.items():
            misses = sum(cid not in other for other in per_part)
            key = (misses, h.sort)
            if cid not in combined or key < combined[cid][0]:
                combined[cid] = (key, h)
    ranked = [h for _, h in sorted(combined.values(), key=lambda x: x[0])]
    changed = any(s != p.text for s, p in zip(suggestions, qparts, strict=True))
    return ranked, len(ranked), " ".join(suggestions) if changed else None


# ---- probes --------------------------------------------------------------------------------

def _marks(values) -> str:
    return ",".join("?" * len(values))


def _probes(conn, part: Part, prefix: bool) -> list[Probe]:
    if part.script == "han":
        return _han_probes(part)
    probes = _key_probes(part, prefix)
    probes += _word_probes(conn, part, prefix)
    return probes


def _exact_or_short(row: tuple) -> tuple[int, str]:
    return (1, "abbreviation") if row[5] else (0, "exact")


def _han_probes(part: Part) -> list[Probe]:
    key = part.key
    gram = key[:MAX_GRAM]
    probes = [
        Probe("keys x JOIN terms t ON t.tid = x.tid", "x.k = ? AND x.f = ?", [key, EXACT],
              _exact_or_short),
        Probe("keys x JOIN terms t ON t.tid = x.tid", "x.k > ? AND x.k < ? AND x.f = ?",
              [key, key + _TOP, EXACT], lambda row: (2, "prefix")),
        Probe("grams x JOIN terms t ON t.tid = x.tid", "x.k >= ? AND x.k < ?",
              [gram, gram + _TOP], lambda row: (3, "substring")),
    ]
    if len(part.pieces) > 1:
        where = " AND ".join(
            "t.tid IN (SELECT tid FROM grams WHERE k >= ? AND k < ? "
            "UNION ALL SELECT tid FROM keys WHERE k >= ? AND k < ? AND f = 0)"
            for _ in part.pieces)
        params = [x for p in part.pieces for x in (p[:MAX_GRAM], p[:MAX_GRAM] + _TOP, p,
                                                   p + _TOP)]
        probes.append(Probe("terms t", where, params, lambda row: (3, "substring")))
    return probes


def _key_probes(part: Part, prefix: bool) -> list[Probe]:
    """Whole-term keys: exact, pinyin, initials, Palladius; and terms starting with them."""
    key, joined = part.key, part.pinyin
    if part.script == "latin":
        wanted = {(key, EXACT): _exact_or_short}
        if joined:
            wanted[(joined, PINYIN)] = lambda row: (0, "pinyin")
            wanted[(joined, INITIALS)] = lambda row: (1, "initials")
        starts = {(key, EXACT): "prefix"}
        if joined:
            starts[(joined, PINYIN)] = "pinyin"
            if prefix:
                starts[(joined, INITIALS)] = "initials"
    else:
        wanted = {(key, EXACT): _exact_or_short, (key, PALLADIUS): lambda row: (0, "palladius")}
        starts = {(key, EXACT): "prefix", (key, PALLADIUS): "palladius"}

    def classify_exact(row):
        rule = wanted.get((row[8], row[9]))
        return rule(row) if rule else None

    exact_keys = sorted({k for k, _ in wanted})
    probes = [Probe("keys x JOIN terms t ON t.tid = x.tid", f"x.k IN ({_marks(exact_keys)})",
                    exact_keys, classify_exact, extra=", x.k, x.f")]
    for start in sorted({k for k, _ in starts}):
        fields = sorted(f for k, f in starts if k == start)

        def classify_start(row, start=start):
            name = starts.get((start, row[9]))
            return (2, name) if name else None

        probes.append(Probe(
            "keys x JOIN terms t ON t.tid = x.tid",
            f"x.k > ? AND x.k < ? AND x.f IN ({_marks(fields)})",
            [start, start + _TOP, *fields], classify_start, extra=", x.k, x.f"))
    return probes


def _word_field(part: Part, lang: int, step: int) -> str:
    if lang in (1, 2):
        return "pinyin" if part.script == "latin" else "palladius"
    return "stem" if step == 0 else "substring"


def _word_probes(conn, part: Part, prefix: bool) -> list[Probe]:
    """All the query's words among a term's words (each by its lemmas or stem)."""
    expansions = [expand(conn, w) for w in part.words]
    probes = []
    if all(expansions):
        probes.append(_and_probe(part, expansions, lambda row, n: _whole_words(part, row, n)))
    if prefix:
        completions = complete(conn, part.words[-1])
        if completions and all(expansions[:-1]):
            probe = _and_probe(part, [*expansions[:-1], completions], lambda row, n: (
                (2, "prefix") if row[7] == n else (3, "prefix")))
            probe.rank = 3  # a completed word ranks after the same word typed in full
            probes.append(probe)
    return probes


def _whole_words(part: Part, row: tuple, n: int) -> tuple[int, str]:
    """Every word of the term named: the whole term (or abbreviation) in another form."""
    if row[7] != n:
        return 3, _word_field(part, row[3], 3)
    if row[5]:
        return 1, "abbreviation"
    return 0, _word_field(part, row[3], 0)


def _and_probe(part: Part, expansions: list[dict[str, int]], classify) -> Probe:
    """Terms holding a word of every expansion; the rarest expansion drives the lookup."""
    order = sorted(range(len(expansions)), key=lambda i: sum(expansions[i].values()))
    driver = list(expansions[order[0]])
    where = f"x.k IN ({_marks(driver)})"
    params: list = list(driver)
    for i in order[1:]:
        words = list(expansions[i])
        where += (" AND EXISTS (SELECT 1 FROM words y WHERE y.tid = x.tid AND "
                  f"y.k IN ({_marks(words)}))")
        params += words
    n = len(part.words)
    return Probe("words x JOIN terms t ON t.tid = x.tid", where, params,
                 lambda row: classify(row, n), order=f"t.nw <> {n}, t.status, t.nw, t.len, t.cid",
                 qn=n)


def expand(conn: sqlite3.Connection, word: str) -> dict[str, int]:
    """The indexed words sharing a normal form with `word`, with their frequencies."""
    forms = norms(word)
    return dict(conn.execute(
        f"SELECT n.w, v.df FROM norms n JOIN vocab v ON v.w = n.w WHERE n.n IN ({_marks(forms)})",
        forms).fetchall())


def complete(conn: sqlite3.Connection, start: str) -> dict[str, int]:
    """The most frequent indexed words beginning with `start` (a partly typed word)."""
    return dict(conn.execute(
        "SELECT w, df FROM vocab WHERE w >= ? AND w < ? ORDER BY df DESC LIMIT ?",
        (start, start + _TOP, MAX_COMPLETIONS)).fetchall())


def _fuzzy_probe(conn, part: Part) -> tuple[Probe | None, str | None]:
    """Words corrected within their typo tolerance; None when there is nothing to correct."""
    expansions: list[dict[str, int]] = []
    corrected: list[str] = []
    for word in part.words:
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
    if not expansions or corrected == part.words:
        return None, None
    probe = _and_probe(part, expansions, lambda row, n: (4, "fuzzy"))
    probe.qn = len(expansions)
    return probe, " ".join(corrected)


def candidates(conn: sqlite3.Connection, word: str) -> dict[str, tuple[int, int]]:
    """Indexed words within the typo tolerance of `word`: {word: (distance, frequency)}."""
    limit = fuzzy.max_distance(word)
    if not limit:
        return {}
    keys = sorted(fuzzy.query_keys(word))
    marks = _marks(keys)
    rows = conn.execute(
        f"SELECT w, df FROM vocab WHERE w IN ({marks}) UNION "
        f"SELECT d.w, v.df FROM dels d JOIN vocab v ON v.w = d.w WHERE d.d IN ({marks})",
        [*keys, *keys]).fetchall()
    found = {}
    for w, df in rows:
        dist = fuzzy.distance(word, w, limit)
        if dist <= limit and w != word:
            found[w] = (dist, df)
    return found
