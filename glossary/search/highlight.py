"""Where a query matched inside a term: character spans for highlighting.

Computed on the matched term only (one per hit), from its text as stored: n-gram or key
positions are never shown to the user.
"""

from __future__ import annotations

import re
import unicodedata

from glossary.analysis import is_han, norms, words
from glossary.search import fuzzy
from glossary.search.keys import zh_key
from glossary.search.plan import Part

Spans = list[list[int]]
_WHOLE_STEPS = (0, 1)
_DIGITS = re.compile(r"\d")


def spans(part: Part, field: str, step: int, term: dict) -> Spans:
    """Spans of `term["text"]` that the query part matched."""
    text = term["text"]
    whole = [[0, len(text)]]
    if step in _WHOLE_STEPS or field == "palladius":
        return whole
    if part.script == "han":
        return _han_spans(part.pieces or [part.key], text) or whole
    if field in ("pinyin", "initials") or (is_han_text(text) and part.script == "latin"):
        return _pinyin_spans(part, term) or whole
    return _word_spans(part, text, prefix=field == "prefix") or whole


def is_han_text(text: str) -> bool:
    return any(map(is_han, text))


def _han_spans(pieces: list[str], text: str) -> Spans:
    """Occurrences of each key piece in the term, mapped back to its characters."""
    from glossary.chinese import fold_script

    folded = fold_script(unicodedata.normalize("NFKC", text))
    if len(folded) != len(text):
        return []
    kept = [i for i, ch in enumerate(folded) if ch.isalnum()]
    key = zh_key(text)
    if len(key) != len(kept):
        return []
    out: Spans = []
    for piece in pieces:
        start = key.find(piece)
        while start >= 0 and piece:
            out.append([kept[start], kept[start + len(piece) - 1] + 1])
            start = key.find(piece, start + len(piece))
    return sorted(out)


def _pinyin_spans(part: Part, term: dict) -> Spans:
    """The Han characters whose syllables the typed pinyin covers."""
    text = term["text"]
    syllables = [_DIGITS.sub("", s) for s in (term.get("pinyin_numbered") or "").split()]
    han = [i for i, ch in enumerate(text) if is_han(ch)]
    if not syllables or len(syllables) != len(han):
        return []
    joined = "".join(syllables)
    starts, offset = [], 0
    for s in syllables:
        starts.append(offset)
        offset += len(s)
    out: Spans = []
    for needle in ([part.pinyin] if part.pinyin else []) + part.words:
        at = joined.find(needle) if needle else -1
        if at in starts:
            first = starts.index(at)
            last = first
            while last + 1 < len(starts) and starts[last + 1] < at + len(needle):
                last += 1
            out.append([han[first], han[last] + 1])
            break
    return out


def _word_spans(part: Part, text: str, *, prefix: bool) -> Spans:
    """The term's words that some query word matched (by form, lemma, start or typo)."""
    wanted = [set(norms(w)) for w in part.words]
    out: Spans = []
    for word in words(text):
        forms = set(norms(word.text))
        for q, qforms in zip(part.words, wanted, strict=True):
            started = prefix and word.text.startswith(q)
            tolerance = fuzzy.max_distance(q)
            if forms & qforms or started or fuzzy.distance(word.text, q, tolerance) <= tolerance:
                end = word.start + len(q) if started else word.end
                out.append([word.start, min(end, word.end)])
                break
    return out
