"""Statistical termhood for the terms no rule names: C-value and NC-value over word n-grams.

Frantzi, Ananiadou and Mima (2000), "Automatic recognition of multi-word terms: the
C-value/NC-value method". Candidates are n-grams of jieba words (the segmenter knows the
termbase's terms, see document.py) inside noun-phrase chunks: runs of words that can stand in
a term, cut at function words, verbs and punctuation. A candidate's C-value grows with its
length and frequency and shrinks when it mostly occurs inside one longer candidate; NC-value
adds the weight of the context words that stand next to good terms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from glossary.extract.document import Prepared, Word, word_frequencies
from glossary.extract.heads import nameable
from glossary.extract.lexicon import lexicon

MAX_WORDS = 4
#: jieba dictionary frequency under which a word is specific (恐怖主义 221, 合作 13479).
RARE = 1000
MIN_FREQUENCY = 2
#: Parts of speech a term may end in (nouns, nominal verbs, abbreviations, idioms).
_LAST_TAGS = ("n", "vn", "an", "j", "l", "nz", "x", "ng")


@dataclass(frozen=True)
class Scored:
    """A statistical candidate: its occurrences (start, end) and its scores."""

    term: str
    spans: tuple[tuple[int, int], ...]
    c_value: float
    nc_value: float


def chunks(doc: Prepared, cuts: frozenset[int] = frozenset()) -> list[list[Word]]:
    """Runs of words that can stand in a term, also cut at every offset in `cuts`."""
    lex = lexicon()
    out: list[list[Word]] = []
    current: list[Word] = []
    for word in doc.words:
        if word.start in cuts and current:
            out.append(current)
            current = []
        if nameable(word.text, word.tag, lex) and not word.text.isspace():
            current.append(word)
            continue
        if current:
            out.append(current)
        current = []
    if current:
        out.append(current)
    return out


def _ngrams(chunk: list[Word]) -> list[tuple[int, int]]:
    """(start word, end word) index pairs of the chunk's candidate n-grams."""
    grams = []
    for i in range(len(chunk)):
        for n in range(1, MAX_WORDS + 1):
            j = i + n
            if j > len(chunk):
                break
            text_len = chunk[j - 1].end - chunk[i].start
            if 2 <= text_len <= 12 and chunk[j - 1].tag.startswith(_LAST_TAGS):
                grams.append((i, j))
    return grams


def score(doc: Prepared, cuts: frozenset[int] = frozenset(),
          min_frequency: int = MIN_FREQUENCY) -> list[Scored]:
    """Specific candidates occurring at least `min_frequency` times, best NC-value first.

    :param cuts: offsets no candidate runs across (where the names found by rules begin and
        end), so that statistics count what lies between names.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    contexts: dict[str, Counter[str]] = defaultdict(Counter)
    freq = word_frequencies()
    for chunk in chunks(doc, cuts):
        for i, j in _ngrams(chunk):
            if not _specific(chunk[i:j], freq) or doc.simple[chunk[i].start - 1:chunk[i].start]\
                    .isdigit():
                continue  # 日至 in 8日至9日 is part of a date
            term = doc.simple[chunk[i].start:chunk[j - 1].end]
            spans[term].append((chunk[i].start, chunk[j - 1].end))
            if i:
                contexts[term][chunk[i - 1].text] += 1
            if j < len(chunk):
                contexts[term][chunk[j].text] += 1
    frequent = {t: s for t, s in spans.items() if len(s) >= min_frequency}
    c_values = _c_values({t: len(s) for t, s in frequent.items()})
    weights = _context_weights(c_values, contexts)
    scored = []
    for term, c in c_values.items():
        if c <= 0:
            continue
        context = sum(n * weights.get(w, 0.0) for w, n in contexts[term].items())
        scored.append(Scored(term, tuple(frequent[term]), c, 0.8 * c + 0.2 * context))
    scored.sort(key=lambda s: (-s.nc_value, s.term))
    return scored


def _specific(words: list[Word], freq: dict[str, int]) -> bool:
    """Is an n-gram specific enough to be a term? Everyday words (合作, 国际合作, 地区安全)
    are frequent in jieba's general dictionary; a term has at least one rare word, and a
    one-word term is rare itself and not too short."""
    rarest = min(freq.get(w.text, 0) for w in words)
    if len(words) == 1:
        return rarest < (RARE if len(words[0].text) > 2 else RARE // 4)
    return rarest < RARE


def _c_values(freq: dict[str, int]) -> dict[str, float]:
    """C-value of every candidate; log2(length + 1) so that two-character terms count too."""
    containing: dict[str, set[str]] = defaultdict(set)
    for longer in freq:  # every substring of a candidate (at most 12 characters long)
        for a in range(len(longer)):
            for b in range(a + 2, len(longer) + 1 - (a == 0)):
                if longer[a:b] in freq:
                    containing[longer[a:b]].add(longer)
    values = {}
    for term, f in freq.items():
        weight = math.log2(len(term) + 1)
        nests = containing.get(term)
        if nests:
            # Occurrences inside longer candidates only count once, spread over them.
            values[term] = weight * (f - sum(freq[t] for t in nests) / len(nests))
        else:
            values[term] = weight * f
    return values


def _context_weights(c_values: dict[str, float],
                     contexts: dict[str, Counter[str]]) -> dict[str, float]:
    """How often a word stands next to one of the better half of candidates."""
    ranked = sorted(c_values, key=c_values.__getitem__, reverse=True)
    top = ranked[: max(1, len(ranked) // 2)]
    seen: Counter[str] = Counter()
    for term in top:
        seen.update(set(contexts[term]))
    return {w: n / len(top) for w, n in seen.items()}
