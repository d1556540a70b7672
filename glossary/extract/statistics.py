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
    words = doc.words
    out: list[list[Word]] = []
    current: list[Word] = []
    previous = -2
    # The words that can stand in a term, in order: a chunk ends where the next one is not
    # the next word of the text, or starts at a cut.
    for i in doc.where(lambda text, tag: nameable(text, tag, lex) and not text.isspace()):
        word = words[i]
        if current and (i != previous + 1 or word[0] in cuts):
            out.append(current)
            current = []
        current.append(word)
        previous = i
    if current:
        out.append(current)
    return out


def score(doc: Prepared, cuts: frozenset[int] = frozenset(),
          min_frequency: int = MIN_FREQUENCY) -> list[Scored]:
    """Specific candidates occurring at least `min_frequency` times, best NC-value first.

    :param cuts: offsets no candidate runs across (where the names found by rules begin and
        end), so that statistics count what lies between names.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    contexts: dict[str, Counter[str]] = defaultdict(Counter)
    freq = word_frequencies()
    simple = doc.simple
    for chunk in chunks(doc, cuts):
        rarity = [freq.get(w.text, 0) for w in chunk]
        if min(rarity) >= RARE:
            continue  # every word common: no n-gram of it is specific
        size = len(chunk)
        last_ok = [w.tag.startswith(_LAST_TAGS) for w in chunk]  # a term may end in it
        for i, first in enumerate(chunk):
            start = first.start
            if simple[start - 1:start].isdigit():
                continue  # 日至 in 8日至9日 is part of a date
            # The n-grams from word i, up to MAX_WORDS words and 12 characters; a term has a
            # word that general Chinese rarely uses (_specific).
            rarest = rarity[i]
            for j in range(i + 1, min(i + MAX_WORDS, size) + 1):
                last = chunk[j - 1]
                if j > i + 1:
                    rarest = min(rarest, rarity[j - 1])
                if not (2 <= last.end - start <= 12 and last_ok[j - 1]):
                    continue
                if rarest >= (RARE if j > i + 1 or len(first.text) > 2 else RARE // 4):
                    continue
                term = simple[start:last.end]
                spans[term].append((start, last.end))
                if i:
                    contexts[term][chunk[i - 1].text] += 1
                if j < size:
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
    one-word term is rare itself and not too short. (score asks this inline, word by word.)"""
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
