"""Whoosh 2.7.4 on the same data and queries: the evidence behind the engine choice
(glossary/search/engine.py). Not a straw man: the analysis is the application's own
(glossary.analysis, glossary.search.keys: folding, lemmas, stems, pinyin, keys), the schema
is the one ../shared/SEARCH-NOTES.md measured best (character 1-2-grams, exact keys, words by normal
form), queries are routed by script and built in code (no parser), fuzzy only as a fallback,
and every Or is de-duplicated (the 2.7.4 hang).

    build(url, folder) -> concepts      searcher(folder) -> run(query, prefix)
    update_latency(url, folder, edits) -> [ms]  (update_document + commit + new searcher)
"""

from __future__ import annotations

import time

from sqlalchemy import create_engine
from whoosh import index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.query import And, FuzzyTerm, Or, Prefix, Term

from glossary.analysis import norms, words
from glossary.search import fuzzy
from glossary.search.keys import lemma_key, term_key, zh_key
from glossary.search.plan import parts
from glossary.search.records import ConceptRecord, read_all
from glossary.search.vocabulary import content_words


def schema() -> Schema:
    return Schema(
        cid=ID(stored=True, unique=True),
        zh=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        words=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        raw=KEYWORD(commas=False),
        keys=KEYWORD(commas=True),
    )


def document(record: ConceptRecord) -> dict[str, str]:
    """One Whoosh document per concept, from the application's analysis."""
    grams, normal, raw, keys = set(), set(), set(), set()
    for t in record.terms:
        if t.lang.startswith("zh"):
            key = zh_key(t.text)
            grams.update(key)
            grams.update(key[i:i + 2] for i in range(len(key) - 1))
            keys.add(key)
            if t.pinyin_plain:
                keys.add("".join(t.pinyin_plain.split()))
            if t.pinyin_initials:
                keys.add(t.pinyin_initials)
            for w in words(t.pinyin or ""):
                normal.add(w.text)
                raw.add(w.text)
            if t.cyrillic:
                keys.add(term_key(t.cyrillic))
        else:
            keys.add(term_key(t.text))
            keys.add(lemma_key(t.text))
            for w in words(t.text):
                normal.update(norms(w.text))
                raw.add(w.text)
    return {"cid": str(record.cid), "zh": " ".join(grams), "words": " ".join(normal),
            "raw": " ".join(raw), "keys": ",".join(k.replace(",", " ") for k in keys if k)}


def build(url: str, folder) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(folder), schema())
    writer = ix.writer(limitmb=256)
    count = 0
    with create_engine(url).connect() as conn:
        for record in read_all(conn):
            writer.add_document(**document(record))
            count += 1
    writer.commit()
    return count


def _or(queries):
    unique = list(dict.fromkeys(queries))  # 2.7.4 hangs on an Or holding a term twice
    return unique[0] if len(unique) == 1 else Or(unique)


def build_query(text: str, prefix: bool):
    options = []
    for part in parts(text):
        if part.script == "han":
            key = part.key
            grams = [key[i:i + 2] for i in range(len(key) - 1)] or [key]
            options.append(_or([Term("keys", key), Prefix("keys", key),
                                And([Term("zh", g) for g in dict.fromkeys(grams)])]))
            continue
        lemmas = lemma_key(part.text)
        alternatives = [Term("keys", part.key), Term("keys", lemmas), Prefix("keys", lemmas + " ")]
        if part.pinyin:
            alternatives += [Term("keys", part.pinyin), Prefix("keys", part.pinyin)]
        required = content_words(part.words)
        alternatives.append(And([_or([Term("words", n) for n in norms(w)]) for w in required]))
        if prefix and len(part.words[-1]) >= 3:
            alternatives.append(Prefix("raw", part.words[-1]))
        options.append(_or(alternatives))
    return _or(options) if options else None


def fuzzy_query(text: str):
    terms = [FuzzyTerm("raw", w, maxdist=fuzzy.max_distance(w), prefixlength=1)
             for p in parts(text) if p.script != "han" for w in content_words(p.words)
             if fuzzy.max_distance(w)]
    return And(terms) if terms else None


def searcher(folder):
    ix = index.open_dir(str(folder))
    s = ix.searcher()
    keys: dict[int, str] = {}
    import sqlite3

    db = sqlite3.connect(folder.parent / "glossary.sqlite")

    def run(text: str, is_prefix: bool):
        query = build_query(text, is_prefix)
        hits = s.search(query, limit=10) if query is not None else []
        if query is not None and not hits:
            fq = fuzzy_query(text)
            hits = s.search(fq, limit=10) if fq is not None else []
        cids = [int(h["cid"]) for h in hits]
        missing = [c for c in cids if c not in keys]
        if missing:
            marks = ",".join("?" * len(missing))
            keys.update(db.execute(f"SELECT id, key FROM concepts WHERE id IN ({marks})",
                                   missing))
        return [keys[c] for c in cids], None
    return run


def update_latency(url: str, folder, edits: int) -> list[float]:
    """Re-index one concept, commit, open a new searcher, find it: milliseconds each."""
    ix = index.open_dir(str(folder))
    with create_engine(url).connect() as conn:
        records = [r for _, r in zip(range(edits), read_all(conn), strict=False)]
    timings = []
    for i, record in enumerate(records):
        doc = document(record)
        doc["keys"] += f",zyxwv{i}"
        t = time.perf_counter()
        writer = ix.writer(timeout=30)
        writer.update_document(**doc)
        writer.commit()
        with ix.searcher() as s:
            assert len(s.search(Term("keys", f"zyxwv{i}"))) == 1
        timings.append((time.perf_counter() - t) * 1000)
    return timings
