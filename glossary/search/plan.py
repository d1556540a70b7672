"""Reading a query: which scripts it is written in and what to look up for each part.

A query is split at spaces into runs of one script (Han, Cyrillic, Latin; digits and
punctuation join their neighbour), so "Шанхайской конвенции" is one Cyrillic part and
"上合组织 SCO" two parts.
Each part becomes a list of probes (plain SQL lookups, see query.py):

- Han: the whole key exactly, as the start of a term, inside a term (suffixes).
- Latin: the exact key, the joined pinyin and the initials; those as the start of a term;
  the words (each by its stem, so British and American spellings and plurals agree).
- Cyrillic: the exact key and the Palladius transcription; as the start of a term; the
  words (each by every lemma pymorphy3 proposes, so any case form finds the term).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from glossary.analysis import MAX_WORD_CHARS, script, words
from glossary.search import pinyin
from glossary.search.keys import MAX_QUERY_WORDS, clean_query, term_key, zh_key


@dataclass
class Part:
    """A run of the query in one script, with everything its probes need."""

    script: str
    text: str
    key: str
    words: list[str] = field(default_factory=list)  # distinct, for "all of these words"
    all_words: list[str] = field(default_factory=list)  # in order, for whole-term keys
    pieces: list[str] = field(default_factory=list)
    pinyin: str | None = None


def parts(query: str) -> list[Part]:
    """The query's parts, in the order typed (at most one per script run).

    >>> [(p.script, p.key) for p in parts("上合组织  SCO ШОС 2017")]
    [('han', '上合组织'), ('latin', 'sco'), ('cyrillic', 'шос 2017')]
    >>> [(p.script, p.key) for p in parts("государства – члены ШОС")]
    [('cyrillic', 'государства члены шос')]
    """
    runs: list[tuple[str, list[str]]] = []
    pending: list[str] = []  # digits waiting for a neighbour
    for token in clean_query(query).split():
        kind = _token_script(token)
        if kind is None:
            if runs:
                runs[-1][1].append(token)
            else:
                pending.append(token)
            continue
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(token)
        else:
            runs.append((kind, [*pending, token]))
            pending = []
    if pending:
        runs.append(("latin", pending))
    return [p for p in (_part(kind, tokens) for kind, tokens in runs) if p is not None]


def _token_script(token: str) -> str | None:
    """The token's script; None for digits and punctuation, which join their neighbour (a
    dash between words, "государства – члены ШОС", must not cut the run in two)."""
    if not any(ch.isalpha() for ch in token):
        return None
    return script(token)


def _part(kind: str, tokens: list[str]) -> Part | None:
    text = " ".join(tokens)
    if kind == "han":
        pieces = [k for k in (zh_key(t) for t in tokens) if k]
        key = "".join(pieces)
        return Part("han", text, key, pieces=pieces) if key else None
    found = [w.text for w in words(text) if len(w.text) <= MAX_WORD_CHARS]
    if not found:
        return None
    joined = pinyin.letters(text) if kind == "latin" else None
    distinct = list(dict.fromkeys(found))[:MAX_QUERY_WORDS]
    return Part(kind, text, term_key(text), words=distinct,
                all_words=found[:MAX_QUERY_WORDS * 2], pinyin=joined)
