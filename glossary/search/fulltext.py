"""The full-text index: the termbase's prose (concept definitions and notes, term usage
notes), one Whoosh document per concept that has any, beside the term index.

It lives in the generation folder of the term index (`gNNNNNN/text/`), so a rebuild swaps
both with the same rename of CURRENT, and it is written under the same write lock, in the
same sync, as the term index (engine.py, sync.py). Whoosh has no journal, so the order of
the two commits is what keeps them in step: the Whoosh commit comes first, the SQLite commit
(with the change log position) last. Killed before the Whoosh commit, or inside it (Whoosh
writes the new segment, then renames its table of contents into place: a half-written
commit is never seen), the index is as it was and the next sync applies the changes again;
killed between the two, the next sync applies them again to Whoosh too, which changes
nothing (`update_document` replaces by concept id). The term index remembers the digest of
what it gave Whoosh for each concept (`prose` table), so an edit that does not touch the
prose never opens a Whoosh writer. A full-text index that is missing or will not open makes
the generation unusable, and the next sync rebuilds it from the database; a search meanwhile
answers from the term index alone.

Schema: `cid` (unique: the database id), `key` and `digest` (stored, for --check), `subject`
(for the subject filter) and, for each of definition and note, one field per language —
`definition_zh` (character bigrams), `definition_ru` (Russian stems), `definition_en`
(English stems): see prose.py. Every text goes to the three fields of its kind, each
keeping its own language's words, so an English note quoting Chinese is found by both.
No positions are stored (BM25 needs frequencies only).

The search (`search`): the query's tokens (prose.query_tokens), each looked up in the
definition and note fields of its language; a concept must hold all of one or two tokens,
or three in five of more (prose.required), counted here in Python because Whoosh 2.7.4's
`Or(minmatch=)` is not implemented; then BM25 (Whoosh's) ranks the concepts that qualify.
Queries are built in code from Term objects (user input is never parsed as query syntax),
and every Or holds each (field, token) once: Whoosh 2.7.4 can loop forever on an Or holding
a term twice.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import heapq
import logging
import threading
import time
import warnings
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from glossary.search.records import ConceptRecord

log = logging.getLogger(__name__)
T = TypeVar("T")

TEXT_DIR = "text"
INDEX_NAME = "MAIN"
#: The two fields a hit can be in: a concept's definitions, or its notes and its terms' notes.
KINDS = ("definition", "note")
#: Memory the bulk build may use for its posting pool, in MB.
BUILD_MB = 128
#: Seconds a writer waits for Whoosh's own lock (ours is held already: it never waits).
LOCK_SECONDS = 10
OPEN_ATTEMPTS = 3
#: Language of each term-filter code (query.Filters.langs).
FILTER_LANGS = {1: "zh", 2: "zh", 3: "ru", 4: "en"}


class TextIndexBroken(RuntimeError):
    """The full-text index is missing or cannot be read or written: rebuild it."""


def _attempt(call: Callable[[], T]) -> tuple[T | None, str | None]:
    """(call(), None), or (None, what went wrong) when it raises. Whoosh leaves the file of
    a table of contents it cannot read open; it is closed here, its ResourceWarning ignored,
    rather than whenever the traceback that holds it happens to be collected."""
    caught: Exception | None = None
    try:
        return call(), None
    except Exception as exc:
        caught = exc
    message = repr(caught)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        caught = None  # the last reference to the traceback and what its frames hold
        gc.collect()  # Whoosh's file wrapper refers to itself: only the collector frees it
    return None, message


#: The languages of the full-text fields (prose.LANGS, without importing Whoosh).
LANGS = ("zh", "ru", "en")


def schema():
    from whoosh.fields import ID, STORED, TEXT, Schema

    from glossary.search.prose import ANALYZERS

    fields = {"cid": ID(unique=True, stored=True), "key": STORED(), "digest": STORED(),
              "subject": ID()}
    for kind in KINDS:
        for lang in LANGS:
            fields[f"{kind}_{lang}"] = TEXT(analyzer=ANALYZERS[lang](), phrase=False)
    return Schema(**fields)


# ---- what a concept contributes --------------------------------------------------------------

def document(record: ConceptRecord, fingerprint: bytes) -> dict:
    doc = {"cid": str(record.cid), "key": record.key, "digest": fingerprint.hex()}
    if record.subject:
        doc["subject"] = record.subject
    for kind, found in record.texts().items():
        if found:
            joined = "\n".join(found)
            for lang in LANGS:
                doc[f"{kind}_{lang}"] = joined
    return doc


# ---- writing ---------------------------------------------------------------------------------

class TextBuilder:
    """A fresh full-text index in `folder`: `add` every concept, then `finish`."""

    def __init__(self, folder: Path):
        from whoosh import index

        folder.mkdir(parents=True, exist_ok=True)
        self.ix = index.create_in(str(folder), schema(), indexname=INDEX_NAME)
        self.writer = self.ix.writer(limitmb=BUILD_MB)
        self.count = 0

    def add(self, record: ConceptRecord, fingerprint: bytes | None) -> None:
        if fingerprint is not None:
            self.writer.add_document(**document(record, fingerprint))
            self.count += 1

    def finish(self) -> None:
        self.writer.commit(optimize=True)

    def cancel(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.cancel()


class TextWriter:
    """Changes to the live full-text index, collected during a sync and committed (one
    Whoosh commit) just before the term index commits. Opens Whoosh only if there is a
    change to write."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pending: dict[int, dict | None] = {}
        self.merge = False  # merge every segment into one at the commit (a sweep)

    def put(self, record: ConceptRecord, fingerprint: bytes) -> None:
        self.pending[record.cid] = document(record, fingerprint)

    def remove(self, cid: int) -> None:
        self.pending[cid] = None

    def commit(self) -> None:
        """Write the pending changes, or raise TextIndexBroken."""
        if not self.pending and not self.merge:
            return
        pending, self.pending = self.pending, {}
        _, error = _attempt(lambda: self._write(pending, optimize=self.merge))
        if error is not None:
            raise TextIndexBroken(f"the full-text index could not be written: {error}")

    def _write(self, pending: dict[int, dict | None], optimize: bool = False) -> None:
        from whoosh import index

        ix = index.open_dir(str(self.folder), indexname=INDEX_NAME)
        writer = ix.writer(timeout=LOCK_SECONDS)
        try:
            for cid, doc in pending.items():
                if doc is None:
                    writer.delete_by_term("cid", str(cid))
                else:
                    writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=optimize)


# ---- reading ---------------------------------------------------------------------------------

def exists(folder: Path) -> bool:
    """Whether `folder` holds a full-text index that opens."""
    from whoosh import index

    _, error = _attempt(lambda: index.open_dir(str(folder), indexname=INDEX_NAME)
                        .doc_count_all())
    return error is None


def open_searcher(folder: Path):
    """A searcher on the latest commit of the index in `folder`, or TextIndexBroken.

    A writer that merges segments deletes the old ones once its commit is written: a reader
    that read the previous table of contents just before may find a file gone, so opening
    is tried again before the index is called broken."""
    from whoosh import index

    error = None
    for attempt in range(OPEN_ATTEMPTS):
        searcher, error = _attempt(
            lambda: index.open_dir(str(folder), indexname=INDEX_NAME).searcher())
        if error is None:
            return searcher
        time.sleep(0.01 * (attempt + 1))
    raise TextIndexBroken(f"the full-text index cannot be opened: {error}")


def indexed(folder: Path) -> dict[int, tuple[str, str]]:
    """{cid: (key, digest)} of every document in the index (for --check)."""
    searcher = open_searcher(folder)
    try:
        return {int(f["cid"]): (f["key"], f["digest"]) for f in searcher.all_stored_fields()}
    finally:
        searcher.close()


@dataclass(frozen=True, slots=True)
class TextHit:
    cid: int
    score: float
    field: str  # "definition" or "note"


def search(searcher, query: str, need: int, *, langs: Iterable[int] | None = None,
           subject: str | None = None, cids: Iterable[int] | None = None,
           exclude: Iterable[int] = (), every_word: bool = False
           ) -> tuple[list[TextHit], int]:
    """The `need` concepts whose prose matches `query` best (BM25), and how many match.

    `langs`: term-filter language codes (only those languages' words may match); `subject`,
    `cids`: only those concepts; `exclude`: concepts already found (by the term steps);
    `every_word`: the prose must hold every unit (the query named a term: a note that
    names it), not three in five.

    A document must hold k of the query's n units (prose.required; a unit is a word, or a
    run of Chinese, held when all its bigrams are). Only the postings of the n - k + 1
    rarest units are read whole: a document that holds none of them holds k - 1 units at
    most. The other terms are looked up for those candidates alone, which keeps the step
    cheap after a term lookup whose words are common in the prose."""
    from whoosh.query import Term

    from glossary.search.prose import analyse_query, required

    allowed = {FILTER_LANGS[c] for c in langs} if langs else set(LANGS)
    prose = analyse_query(query, allowed)
    if not prose.tokens:
        return [], 0
    postings = _Postings(searcher)
    pairs = [[(f"{kind}_{t.lang}", form) for kind in KINDS for form in t.forms]
             for t in prose.tokens]
    freq = [sum(postings.df(pair) for pair in token_pairs) for token_pairs in pairs]
    units = sorted(prose.units, key=lambda unit: min(freq[i] for i in unit))
    k = len(units) if every_word else required(len(units))
    seeds: set[int] = set()
    counts: Counter[int] = Counter()
    for unit in units[:len(units) - k + 1]:
        docs = _holding(postings, [pairs[i] for i in sorted(unit, key=freq.__getitem__)], None)
        counts.update(docs)
        seeds |= docs
    for unit in units[len(units) - k + 1:]:
        if not seeds:
            break
        counts.update(_holding(postings, [pairs[i] for i in sorted(unit, key=freq.__getitem__)],
                               seeds))
    candidates = {doc for doc in seeds if counts[doc] >= k}
    if candidates and subject is not None:
        candidates &= set(searcher.docs_for_query(Term("subject", subject)))
    if candidates and cids is not None:
        candidates &= _docs_of(searcher, cids)
    exclude = set(exclude)
    if candidates and exclude:
        candidates -= _docs_of(searcher, exclude)
    total = len(candidates)
    if not need or not candidates:
        return [], total
    every = list(dict.fromkeys(pair for token_pairs in pairs for pair in token_pairs))
    scores = _bm25(searcher, postings, every, candidates)
    best = heapq.nlargest(need, scores.items(), key=lambda item: (item[1], -item[0]))
    hits = []
    for doc, score in best:
        held = {kind: sum(any(doc in postings.some(pair, {doc}) for pair in token_pairs
                              if pair[0].startswith(kind)) for token_pairs in pairs)
                for kind in KINDS}
        hits.append(TextHit(int(searcher.stored_fields(doc)["cid"]), score,
                            "definition" if held["definition"] >= held["note"] else "note"))
    return hits, total


#: Candidates per posting below which a term is looked up for the candidates alone rather
#: than read whole (a lookup bisects one decoded block; reading costs per posting).
PROBE_RATIO = 8


def _holding(postings: _Postings, tokens: list[list[tuple[str, str]]],
             among: set[int] | None) -> set[int]:
    """The documents (of `among`, or all) holding every token of a unit (a token: any of
    its (field, form) pairs), rarest token first."""
    docs = among
    for token_pairs in tokens:
        found: set[int] = set()
        for pair in token_pairs:
            if docs is None:
                found |= postings.all(pair).keys()
            elif len(docs) * PROBE_RATIO < postings.df(pair):
                found |= postings.some(pair, docs).keys()
            else:
                found |= postings.all(pair).keys() & docs
        docs = found
        if not docs:
            break
    return docs or set()


def _bm25(searcher, postings: _Postings, pairs: list[tuple[str, str]],
          candidates: set[int]) -> dict[int, float]:
    """Whoosh's BM25F score of each candidate: what `searcher.search(Or(terms))` would give
    it (the sum over the terms it holds of the scorer's score for its frequency and field
    length), computed for the candidates alone. Whoosh's own search would walk the union of
    every posting list in Python, and its "quality" optimisations can hang on 2.7.4 (the
    AndMaybeMatcher that `replace()` swaps in spins in `skip_to_quality`; it did here, on
    "инвестирование созданного" at 100k concepts, with no term twice in the Or)."""
    weighting = searcher.weighting
    scores: dict[int, float] = dict.fromkeys(candidates, 0.0)
    lengths: dict[tuple[int, str], int] = {}
    for field, form in pairs:
        found = postings.some((field, form), candidates)
        if not found:
            continue
        scorer = weighting.scorer(searcher, field, form)
        for doc, weight in found.items():
            length = lengths.get((doc, field))
            if length is None:
                length = lengths[doc, field] = searcher.doc_field_length(doc, field, 1)
            scores[doc] += scorer._score(weight, length)  # BM25F's documented hook
    return scores


class _Postings:
    """The postings of a query's terms, {document: term frequency}, read as little as
    needed: whole (`all`), or for some documents only (`some`); deleted documents left out.

    Reads the posting blocks Whoosh decodes (its 2.7.4 W3 codec, pinned) rather than one
    posting at a time through Python calls, several times slower; a lookup bisects the one
    block that may hold the document. Any other matcher is read through its public methods.
    """

    def __init__(self, searcher):
        self.leaves = [(sub.reader(), offset, offset + sub.doc_count_all())
                       for sub, offset in searcher.leaf_searchers()]
        self._df = _frequencies(searcher)
        self._known: dict[tuple[str, str], dict[int, float]] = {}
        self._whole: set[tuple[str, str]] = set()
        self._asked: dict[tuple[str, str], set[int]] = {}

    def per_leaf(self, pair: tuple[str, str]) -> tuple[int, ...]:
        """How many documents of each segment hold the term (deleted ones too)."""
        found = self._df.get(pair)
        if found is None:
            if len(self._df) >= DF_CACHE:
                self._df.clear()
            found = self._df[pair] = tuple(reader.doc_frequency(*pair)
                                           for reader, _, _ in self.leaves)
        return found

    def df(self, pair: tuple[str, str]) -> int:
        """How many documents hold the term (deleted ones too: an upper bound)."""
        return sum(self.per_leaf(pair))

    def all(self, pair: tuple[str, str]) -> dict[int, float]:
        if pair not in self._whole:
            self._known[pair] = self._read(pair, None) if self.df(pair) else {}
            self._whole.add(pair)
        return self._known[pair]

    def some(self, pair: tuple[str, str], docs: set[int]) -> dict[int, float]:
        """{document: frequency} of those of `docs` that hold the term."""
        known = self._known.setdefault(pair, {})
        if pair not in self._whole and self.df(pair):
            asked = self._asked.setdefault(pair, set())
            todo = docs - asked
            if todo:
                known.update(self._read(pair, sorted(todo)))
                asked |= todo
        if len(docs) < len(known):
            return {doc: known[doc] for doc in docs if doc in known}
        return {doc: w for doc, w in known.items() if doc in docs}

    def _read(self, pair: tuple[str, str], docs: list[int] | None) -> dict[int, float]:
        from whoosh.codec.whoosh3 import W3LeafMatcher
        from whoosh.matching.wrappers import FilterMatcher
        from whoosh.reading import TermNotFound

        field, form = pair
        key = form.encode("utf-8")
        out: dict[int, float] = {}
        for (reader, start, end), held in zip(self.leaves, self.per_leaf(pair), strict=True):
            wanted = None if docs is None else [d - start for d in docs if start <= d < end]
            if not held or wanted == []:
                continue
            try:
                matcher = reader.postings(field, key)
            except TermNotFound:
                continue
            deleted: frozenset[int] = frozenset()
            if isinstance(matcher, FilterMatcher) and matcher._exclude:
                deleted, matcher = frozenset(matcher._ids), matcher.child
            if not isinstance(matcher, W3LeafMatcher):
                found = _read_any(matcher)
                if wanted is not None:
                    found = {d: found[d] for d in wanted if d in found}
            elif wanted is None:
                found = _read_blocks(matcher)
            else:
                found = _look_up(matcher, wanted)
            for doc in deleted:
                found.pop(doc, None)
            out.update(((doc + start, w) for doc, w in found.items()) if start else found)
        return out


#: Terms whose document frequencies a searcher remembers (they never change for it).
DF_CACHE = 50_000
_searcher_frequencies: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_frequencies_lock = threading.Lock()


def _frequencies(searcher) -> dict[tuple[str, str], tuple[int, ...]]:
    """The per-segment document frequencies this searcher has looked up, kept as long as
    the searcher (a commit makes a new one, see engine.Index.text_searcher)."""
    with _frequencies_lock:
        found = _searcher_frequencies.get(searcher)
        if found is None:
            found = _searcher_frequencies[searcher] = {}
        return found


def _read_any(matcher) -> dict[int, float]:
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.weight()
        matcher.next()
    return found


def _read_blocks(matcher) -> dict[int, float]:
    """Every posting of a W3 leaf matcher, a decoded block at a time."""
    found: dict[int, float] = {}
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        at = matcher._i
        found.update(zip(matcher._ids[at:], matcher._weights[at:], strict=True))
        matcher._next_block()
    return found


def _look_up(matcher, wanted: list[int]) -> dict[int, float]:
    """The postings of a W3 leaf matcher for the (sorted) documents wanted: blocks that
    cannot hold one are skipped by their header; a block that may is decoded and bisected."""
    found: dict[int, float] = {}
    for doc in wanted:
        while matcher.is_active() and matcher.block_max_id() < doc:
            matcher._next_block()
        if not matcher.is_active():
            break
        if matcher._ids is None:
            matcher._read_ids()
        ids = matcher._ids
        at = bisect.bisect_left(ids, doc, matcher._i)
        if at < len(ids) and ids[at] == doc:
            if matcher._weights is None:
                matcher._read_weights()
            found[doc] = matcher._weights[at]
    return found


def _docs_of(searcher, cids: Iterable[int]) -> set[int]:
    from whoosh.query import Or, Term

    ids = sorted(set(cids))
    if not ids:
        return set()
    return set(searcher.docs_for_query(Or([Term("cid", str(c)) for c in ids])))
