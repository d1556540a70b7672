"""The plain alternative the search is measured against: SQLite FTS5 with the trigram
tokenizer, one row per concept holding every term, its pinyin and initials, queried with
what the user typed as one phrase, ranked by bm25. Queries under 3 characters, which a
trigram index cannot match, fall back to a scan with instr(). No lemmas, no script routing,
no typo tolerance: what a developer gets by putting the termbase into FTS5.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, text


def build(url: str, path) -> int:
    """Fill an FTS5 table from the termbase at `url`; return how many concepts."""
    path.unlink(missing_ok=True)
    out = sqlite3.connect(path)
    out.executescript("""
        PRAGMA journal_mode = OFF;
        CREATE VIRTUAL TABLE fts USING fts5(key UNINDEXED, zh, ru, en, py, tokenize='trigram');
    """)
    engine = create_engine(url)
    rows: dict[int, dict] = {}
    count = 0
    with engine.connect() as conn:
        result = conn.execute(text(
            "SELECT c.id, c.key, t.lang, t.text, t.pinyin, t.pinyin_plain, t.pinyin_initials, "
            "t.cyrillic FROM concepts c JOIN terms t ON t.concept_id = c.id ORDER BY c.id"))
        for cid, key, lang, term, tone, plain, initials, cyrillic in result:
            row = rows.setdefault(cid, {"key": key, "zh": [], "ru": [], "en": [], "py": []})
            if lang.startswith("zh"):
                row["zh"].append(term)
                row["py"] += [tone or "", plain or "", "".join((plain or "").split()),
                              initials or "", cyrillic or ""]
            else:
                row[lang].append(term)
            if len(rows) > 5000:
                count += _flush(out, rows, keep_last=True)
    count += _flush(out, rows, keep_last=False)
    out.commit()
    out.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    out.commit()
    out.close()
    engine.dispose()
    return count


def _flush(out: sqlite3.Connection, rows: dict[int, dict], keep_last: bool) -> int:
    last = max(rows) if keep_last else None
    done = [cid for cid in rows if cid != last]
    out.executemany("INSERT INTO fts (key, zh, ru, en, py) VALUES (?, ?, ?, ?, ?)",
                    [(rows[c]["key"], " | ".join(rows[c]["zh"]), " | ".join(rows[c]["ru"]),
                      " | ".join(rows[c]["en"]), " | ".join(rows[c]["py"])) for c in done])
    for cid in done:
        del rows[cid]
    return len(done)


def searcher(path):
    """A function query, prefix -> (top-10 keys, None)."""
    conn = sqlite3.connect(path)

    def run(query: str, prefix: bool):
        query = " ".join(query.split())
        if len(query) < 3:
            rows = conn.execute(
                "SELECT key FROM fts WHERE instr(zh, ?) OR instr(lower(ru), lower(?)) "
                "OR instr(lower(en), lower(?)) OR instr(py, ?) LIMIT 10",
                (query, query, query, query)).fetchall()
        else:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = conn.execute("SELECT key FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) "
                                "LIMIT 10", (phrase,)).fetchall()
        return [r[0] for r in rows], None
    return run
