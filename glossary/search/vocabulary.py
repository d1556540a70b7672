"""The index's vocabulary, seen from a query: which normal forms a query word may stand
for (`expand`), how a word being typed may end (`complete`), which indexed words are within
its typo tolerance (`candidates`), and the lemma keys a run of words may stand for.
"""

from __future__ import annotations

import itertools
import sqlite3

from glossary.analysis import norms, primary_norm
from glossary.search import fuzzy
from glossary.search.index_layout import ID_BYTES, LEMMA, pack
from glossary.search.keys import STOPWORDS

TOP = "\U0010ffff"  # sorts after every character: k < q + TOP means "k starts with q"
BYTES_TOP = b"\xff" * 4  # the same for lemma keys (byte strings)
#: Most completions a partly typed word is matched by (the most frequent ones).
MAX_COMPLETIONS = 16
#: Most combinations of lemmas (of ambiguous Russian words) a query is looked up with.
MAX_LEMMA_KEYS = 8
#: Most keys read to find the words that follow a run of whole words.
FOLLOWING_ROWS = 1000


def marks(values) -> str:
    return ",".join("?" * len(values))


def lemma_keys(conn, words: list[str], last: dict[int, int] | None = None) -> list[bytes]:
    """The lemma keys a query's words may stand for, most probable first: every
    combination of each word's candidate normal forms that the index knows. `last`: the
    ids the last word may stand for instead (the completions of a word being typed)."""
    choices = []
    for i, word in enumerate(words):
        if last is not None and i == len(words) - 1:
            choices.append(list(last))
            continue
        first = primary_norm(word)
        known = norm_ids(conn, [first, *(n for n in norms(word) if n != first)])
        if not known:
            return []
        choices.append(list(known))
    combos = itertools.islice(itertools.product(*choices), MAX_LEMMA_KEYS)
    return list(dict.fromkeys(pack(c) for c in combos))


def completed_lemma_keys(conn, words: list[str]) -> list[bytes]:
    """Lemma keys for words whose last one is being typed: after whole words, completed
    by the words that do follow them in some term ("Садыр Л" → Садыр Лазарбаев); a single
    word by its most frequent completions."""
    partial = words[-1]
    frequent = complete(conn, partial)
    if len(words) == 1:
        return lemma_keys(conn, words, frequent)[:MAX_COMPLETIONS]
    out = []
    for head in lemma_keys(conn, words[:-1])[:2]:
        following = [int.from_bytes(b, "big") for (b,) in conn.execute(
            f"SELECT DISTINCT substr(k, {len(head) + 1}, {ID_BYTES}) FROM (SELECT k FROM keys "
            f"WHERE k > ? AND k < ? AND f = ? LIMIT {FOLLOWING_ROWS})",
            (head, head + BYTES_TOP, LEMMA)) if len(b) == ID_BYTES]
        started = conn.execute(
            f"SELECT DISTINCT n FROM vocab WHERE w >= ? AND w < ? AND n IN ({marks(following)})",
            [partial, partial + TOP, *following]).fetchall() if following else []
        ids = dict.fromkeys([*(n for (n,) in started[:MAX_COMPLETIONS]), *frequent])
        out += [head + pack([n]) for n in ids]
    return out


def norm_ids(conn, forms: list[str]) -> dict[int, int]:
    """{id: frequency} of the normal forms the index knows, in the order given."""
    found = dict(conn.execute(f"SELECT s, n FROM lexicon WHERE s IN ({marks(forms)})",
                              forms).fetchall())
    freq = dict(conn.execute(f"SELECT n, df FROM lexicon WHERE s IN ({marks(forms)})",
                             forms).fetchall())
    return {found[f]: freq[found[f]] for f in forms if f in found}


def content_words(words: list[str]) -> list[str]:
    """The words a term must contain: function words only when there is nothing else."""
    return [w for w in words if w not in STOPWORDS] or words


def expand(conn: sqlite3.Connection, word: str) -> dict[int, int]:
    """The normal forms a query word may stand for, as {id: frequency}: a term word
    matches when its most probable normal form is one of them."""
    return norm_ids(conn, list(norms(word)))


def complete(conn: sqlite3.Connection, start: str) -> dict[int, int]:
    """The normal forms of the most frequent indexed words beginning with `start` (a word
    being typed), as {id: frequency}."""
    rows = conn.execute(
        "SELECT l.n, l.df FROM (SELECT n FROM vocab WHERE w >= ? AND w < ? LIMIT ?) v "
        "JOIN lexicon l ON l.n = v.n ORDER BY l.df DESC",
        (start, start + TOP, FOLLOWING_ROWS)).fetchall()
    return dict(list(dict.fromkeys(rows))[:MAX_COMPLETIONS])


def candidates(conn: sqlite3.Connection, word: str) -> dict[str, tuple[int, int, int]]:
    """Indexed words within the typo tolerance of `word`:
    {word: (distance, normal-form id, frequency)}."""
    limit = fuzzy.max_distance(word)
    if not limit:
        return {}
    keys = sorted(fuzzy.query_keys(word))
    rows = conn.execute(
        f"SELECT w FROM vocab WHERE w IN ({marks(keys)}) UNION "
        f"SELECT w FROM dels WHERE d IN ({marks(keys)})", [*keys, *keys]).fetchall()
    close = {}
    for (w,) in rows:
        dist = fuzzy.distance(word, w, limit)
        if dist <= limit and w != word:
            close[w] = dist
    if not close:
        return {}
    found = conn.execute(
        f"SELECT v.w, v.n, l.df FROM vocab v JOIN lexicon l ON l.n = v.n "
        f"WHERE v.w IN ({marks(close)})", list(close)).fetchall()
    return {w: (close[w], n, df) for w, n, df in found}
