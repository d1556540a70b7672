"""Running a query against the index: the ranking cascade, paging and totals.

The cascade (each step ranks above the next; a concept is ranked by its best-matching term):

    0 exact         the whole term: as written (exact), in another case form, number or
                    spelling (stem), as pinyin (pinyin) or as Palladius (palladius)
    1 abbreviation  an abbreviation, acronym or short form, as written or in another form
                    (abbreviation), or the pinyin initials of a Chinese term (initials)
    2 prefix        the term starts with the query: its words in any form, or in prefix mode
                    with the last word incomplete (prefix); pinyin, Palladius, initials
    3 substring     the query is inside the term: characters of a Chinese term, the query's
                    words among the term's words (substring, pinyin, palladius, prefix)
    4 fuzzy         the words within the typo tolerance (fuzzy); tried only when nothing else
                    matched, and then the corrected query is offered as "did you mean"
    5 text          the query is in the concept's prose, not in its terms: a definition
                    (definition) or a note of the concept or of one of its terms (note),
                    ranked by BM25 in the full-text index (fulltext.py, Whoosh). Each word
                    of the query (by its stems) and each run of Chinese (all its bigrams)
                    is looked up in its language's fields; a concept must hold all of
                    them when the term steps found the query as a term (a note that names
                    it), else all of one or two, three in five of more (a description typed
                    in full, prose.required). Tried only when the term steps found no more
                    concepts
                    than the page needs (the page, or the one after it, has room), and never
                    with a status filter (prose has no status), so a term lookup that fills
                    its page never pays for it; its concepts then count towards the total.
                    A text hit's `Hit.field` is "definition" or "note"; its score is below
                    every term match (under 20, ordered by BM25). In prefix mode the
                    word being typed is left out: prose is matched by whole words.

Outside prefix mode, a query that matches nothing as typed is tried once more with its last
word taken as incomplete, before typos are considered.

Within a term step: preferred, admitted, proposed, then deprecated terms; the literal match before
the forgiving ones (exact, then pinyin/Palladius/initials, then stem); terms with fewer words;
shorter terms; then the order of indexing. `Hit.score` is a number that orders the same way.

Each probe (probes.py) is one SQL statement with the filters in its WHERE clause and fetches
only as many rows as the page needs. The total is exact up to COUNT_LIMIT concepts, counted
from the fetched rows when every probe ran dry, else with one bounded DISTINCT count; above
that it is COUNT_LIMIT and `total_exact` is false (the answer to "how many" is then "more
than 1,000", which costs a bounded count instead of a scan of every match). The same answer
is given when counting would take longer than COUNT_SECONDS, or when a range probe read only
its first RANGE_ROWS keys (a single common Chinese character): the page is then ranked
among those keys.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from glossary.analysis import is_han
from glossary.search.index_layout import MAX_GRAM
from glossary.search.indexer import subject_code
from glossary.search.plan import Part, parts
from glossary.search.probes import Probe, fuzzy_probe, probes_for
from glossary.search.vocabulary import marks

STEPS = ("exact", "abbreviation", "prefix", "substring", "fuzzy", "text")
TEXT_STEP = STEPS.index("text")
COUNT_LIMIT = 1000
#: Longest a count may take; past it the total is reported as more than COUNT_LIMIT.
COUNT_SECONDS = 0.015


@dataclass(frozen=True)
class Filters:
    """What may match: term languages (codes), term status (rank), concept subject, and
    the concepts allowed by a document filter (None: no such filter)."""

    langs: tuple[int, ...] | None = None
    status: int | None = None
    subject: str | None = None
    cids: tuple[int, ...] | None = None

    def sql(self) -> tuple[str, list]:
        sql, params = "", list[Any]()
        if self.langs:
            sql += f" AND t.lang IN ({marks(self.langs)})"
            params += self.langs
        if self.status is not None:
            sql += " AND t.status = ?"
            params.append(self.status)
        if self.subject is not None:
            sql += " AND EXISTS (SELECT 1 FROM concepts c WHERE c.cid = t.cid AND c.subject = ?)"
            params.append(subject_code(self.subject))
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
    relevance: float = 0.0  # BM25, for the text step

    @property
    def score(self) -> float:
        """Higher is better; orders hits exactly as the cascade does (ties aside)."""
        if self.step == TEXT_STEP:  # in (0, 20): below the lowest fuzzy match (20.3)
            return round(20 * self.relevance / (self.relevance + 5), 3)
        _, status, rank, words, length = self.sort[:5]
        return round(100.0 * (5 - self.step) - 20 * status - 4 * min(rank, 4)
                     - 0.4 * min(words, 9) - 0.001 * min(length, 99), 3)


@dataclass
class Result:
    """A page of hits. `total` counts the concepts found when `total_exact`, else it is a
    floor (at least one more than this page when the page is full)."""

    hits: list[Hit]
    total: int
    did_you_mean: str | None
    parts: list[Part] = field(default_factory=list)
    total_exact: bool = True


Verifier = Callable[[list[Hit], Part], list[Hit]]
#: The text step: (query, hits wanted, filters, concepts found already) -> (hits, how many
#: concepts match in all, those found already left out).
TextStep = Callable[[str, int, Filters, frozenset[int]], "tuple[list[Hit], int]"]
log = logging.getLogger(__name__)


def run(conn: sqlite3.Connection, query: str, *, filters: Filters = Filters(),
        limit: int = 20, offset: int = 0, prefix: bool = False,
        verify: Verifier | None = None, count_limit: int = COUNT_LIMIT,
        text: TextStep | None = None) -> Result:
    """Search the index: the page [offset, offset + limit) of hits, the total, a suggestion.

    `verify` checks hits the index alone cannot confirm (Chinese substrings longer than
    MAX_GRAM characters) against the terms themselves. The total is exact up to
    `count_limit` concepts. `text`: the text step (`text_step`), None to leave it out.
    """
    qparts = parts(query)
    if not qparts:
        return Result([], 0, None, [])
    need = offset + limit
    if len(qparts) == 1:
        ranked, total, exact, suggestion = _run_part(conn, qparts[0], 0, filters, need,
                                                     prefix, verify, count_limit)
    else:
        ranked, total, exact, suggestion = _run_mixed(conn, qparts, filters, prefix, verify)
    if (text is not None and exact and total == len(ranked) and total <= need
            and filters.status is None):
        typed = _whole_words(query) if prefix else query
        found, counted = text(typed, need - total, filters, frozenset(h.cid for h in ranked))
        ranked = ranked + found
        total += counted
    page = ranked[offset:need]
    exact = exact and total <= count_limit
    if not exact:
        # A floor that is never below what this page shows, and promises a next page
        # whenever this one is full: paging goes on as far as there are hits.
        more = 1 if limit and len(page) == limit else 0
        total = max(min(total, count_limit), offset + len(page) + more)
    return Result(page, total, suggestion, qparts, exact)


_LAST_WORD = re.compile(r"[^\W_]+$")


def _whole_words(query: str) -> str:
    """The query without the word being typed (prefix mode): prose is matched by whole
    words, so "Tashkent bo" looks for Tashkent until the next word is complete. A run of
    Chinese stays: its bigrams need no complete word.

    >>> _whole_words("Tashkent bo"), _whole_words("Tashkent "), _whole_words("塔什干")
    ('Tashkent ', 'Tashkent ', '塔什干')
    """
    last = _LAST_WORD.search(query)
    if last is None or any(map(is_han, last.group())):
        return query
    return query[:last.start()]


def text_step(searcher: Callable[[], object]) -> TextStep:
    """The text step over the full-text index that `searcher()` opens (called only when
    the step runs). A full-text index that fails gives no text hits, never an error: the
    term steps' answer stands (an index that cannot be opened is marked for rebuilding by
    whoever opens it)."""
    from glossary.search import fulltext

    def step(query: str, need: int, filters: Filters,
             found: frozenset[int]) -> tuple[list[Hit], int]:
        try:
            hits, total = fulltext.search(searcher(), query, need, langs=filters.langs,
                                          subject=filters.subject, cids=filters.cids,
                                          exclude=found, every_word=bool(found))
        except Exception:
            log.warning("full-text search failed; answering from the term index alone",
                        exc_info=True)
            return [], 0
        return [Hit(h.cid, 0, 0, 0, TEXT_STEP, h.field, (TEXT_STEP, -h.score, h.cid),
                    relevance=h.score) for h in hits], total
    return step


def _run_part(conn, part: Part, index: int, filters: Filters, need: int, prefix: bool,
              verify, count_limit: int = COUNT_LIMIT
              ) -> tuple[list[Hit], int, bool, str | None]:
    """Ranked hits of one part, the total, whether it is exact, a suggestion."""
    probes = probes_for(conn, part, prefix)
    best, complete = _collect(conn, probes, index, filters, need, part, verify)
    suggestion = None
    if not best and not prefix and part.script != "han":
        # Nothing as typed: perhaps the last word is not finished ("shanghai co").
        probes = probes_for(conn, part, True)
        best, complete = _collect(conn, probes, index, filters, need, part, verify)
    if not best and part.script != "han":
        corrected, suggestion = fuzzy_probe(conn, part)
        if corrected is not None:
            probes = [corrected]
            best, complete = _collect(conn, probes, index, filters, need, part, verify)
    ranked = sorted(best.values(), key=lambda h: h.sort)
    if complete:
        return ranked, len(best), True, suggestion
    counted = _count(conn, probes, filters, count_limit)
    if counted is None:  # out of time: what was found is all we know
        return ranked, len(best), False, suggestion
    exact = counted <= count_limit and not any(p.truncated for p in probes)
    return ranked, max(counted, len(best)), exact, suggestion


def _settled(best: dict[int, Hit], need: int, step: int) -> bool:
    """Whether the page is already made of hits no row of `step` or later could displace
    (an empty page, limit 0, is settled from the start: only the total is wanted)."""
    if need == 0:
        return True
    if len(best) < need:
        return False
    return sorted(h.sort for h in best.values())[need - 1][0] < step


def _collect(conn, probes: list[Probe], index: int, filters: Filters, need: int, part: Part,
             verify) -> tuple[dict[int, Hit], bool]:
    """The best hit per concept over all probes; whether every probe was read to the end.

    Probes come roughly in cascade order; one whose best step cannot reach the page is not
    read at all (it still counts towards the total)."""
    fsql, fparams = filters.sql()
    best: dict[int, Hit] = {}
    complete = True
    for probe in probes:
        if _settled(best, need, probe.best_step):
            complete = False
            continue
        limit = need * 3 + 20
        while True:
            rows = probe.rows(conn, fsql, fparams, limit)
            hits = [h for h in (_hit(probe, row, index) for row in rows) if h is not None]
            if verify is not None and part.script == "han" and len(part.key) > MAX_GRAM:
                hits = verify(hits, part)
            if len(rows) < limit or len({h.cid for h in hits}) >= need:
                break
            limit *= 4
        complete &= len(rows) < limit and not probe.truncated
        for h in hits:
            if h.cid not in best or h.sort < best[h.cid].sort:
                best[h.cid] = h
    return best, complete


def _hit(probe: Probe, row: tuple, index: int) -> Hit | None:
    found = probe.classify(row)
    if found is None:
        return None
    step, name = found
    return Hit(row[0], row[1], row[2], row[3], step, name, probe.sort_key(row, step, name),
               index)


def _count(conn, probes: list[Probe], filters: Filters, count_limit: int) -> int | None:
    """Distinct concepts over every probe, counted up to count_limit + 1, or None when
    counting takes longer than COUNT_SECONDS (a broad query over common words)."""
    fsql, fparams = filters.sql()
    pieces = [p.cids(fsql, fparams) for p in probes]
    union = " UNION ALL ".join(sql for sql, _ in pieces)
    params = [x for _, ps in pieces for x in ps]
    sql = f"SELECT count(*) FROM (SELECT DISTINCT cid FROM ({union}) LIMIT ?)"
    deadline = time.perf_counter() + COUNT_SECONDS
    conn.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)
    try:
        return conn.execute(sql, [*params, count_limit + 1]).fetchone()[0]
    except sqlite3.OperationalError:  # interrupted by the progress handler
        return None
    finally:
        conn.set_progress_handler(None, 0)


def _run_mixed(conn, qparts: list[Part], filters: Filters, prefix: bool,
               verify) -> tuple[list[Hit], int, bool, str | None]:
    """Several scripts: concepts matching every part first, then those matching fewer."""
    per_part: list[dict[int, Hit]] = []
    suggestions = []
    for i, part in enumerate(qparts):
        hits, _, _, suggestion = _run_part(conn, part, i, filters, 500, prefix, verify)
        per_part.append({h.cid: h for h in hits})
        suggestions.append(suggestion or part.text)
    combined: dict[int, tuple] = {}
    for part_hits in per_part:
        for cid, h in part_hits.items():
            misses = sum(cid not in other for other in per_part)
            key = (misses, h.sort)
            if cid not in combined or key < combined[cid][0]:
                combined[cid] = (key, h)
    ranked = [h for _, h in sorted(combined.values(), key=lambda x: x[0])]
    changed = any(s != p.text for s, p in zip(suggestions, qparts, strict=True))
    return ranked, len(ranked), True, " ".join(suggestions) if changed else None
