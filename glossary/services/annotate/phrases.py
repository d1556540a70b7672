"""Longest match of terms over the words of a text, each word given as a one-character code.

A word of the text may stand for more than one normal form (Russian «стали»: сталь or стать),
so besides its likeliest code it may carry alternatives; a term matches when each of its
words is one of the codes of the text's word in its place, as search matches a query's
words (every lemma) against a term's (its likeliest lemma).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

#: Most combinations of alternative codes tried for one span of the text (ambiguous words
#: are rare, and a term holds few of them).
MAX_VARIANTS = 64


class Phrases:
    """Longest match over a string of word codes (one character per word).

    A dict of the terms' code strings and, per first word, the length of the longest term it
    starts: most words of a text start no term and cost one lookup. (An Aho–Corasick
    automaton over an alphabet of a few hundred thousand word codes is slower than this.)

    >>> p = Phrases([("ab", 1), ("abc", 2), ("xc", 3)])
    >>> list(p.find("abcab", {}))
    [(0, 3, (2,)), (3, 5, (1,))]
    >>> list(p.find("zbc", {0: "x", 1: "y"})), list(p.find("ayc", {1: "b"}))
    ([], [(0, 3, (2,))])
    """

    def __init__(self, entries: Iterable[tuple[str, int]]):
        ids: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        for coded, term_id in entries:
            ids.setdefault(coded, []).append(term_id)
            self._longest[coded[0]] = max(self._longest.get(coded[0], 0), len(coded))
        self._ids = {coded: tuple(dict.fromkeys(found)) for coded, found in ids.items()}
        self.size = len(self._ids)

    def find(self, coded: str, alternatives: dict[int, str]
             ) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """(start, end, term ids) of each match, leftmost first, the longest at each start.

        :param coded: the likeliest code of each word.
        :param alternatives: {position: its other codes} for the words that have any.
        """
        if not alternatives:  # most texts: the tight loop
            return self._find_plain(coded)
        return self._find_ambiguous(coded, alternatives)

    def _find_plain(self, coded: str) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        longest, ids = self._longest, self._ids
        i, n = 0, len(coded)
        while i < n:
            for length in range(min(longest.get(coded[i], 0), n - i), 0, -1):
                found = ids.get(coded[i:i + length])
                if found:
                    yield i, i + length, found
                    i += length
                    break
            else:
                i += 1

    def _find_ambiguous(self, coded: str, alternatives: dict[int, str]
                        ) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        longest, ids = self._longest, self._ids
        upcoming = iter(sorted(alternatives))
        after = next(upcoming)  # the next ambiguous word at or after i (n: none left)
        i, n = 0, len(coded)
        while i < n:
            if after < i:
                after = next((p for p in upcoming if p >= i), n)
            reach = longest.get(coded[i], 0)
            if after == i:
                for code in alternatives[i]:
                    reach = max(reach, longest.get(code, 0))
            for length in range(min(reach, n - i), 0, -1):
                # A span that ends before the next ambiguous word is one lookup (most are).
                if i + length <= after:
                    found = ids.get(coded[i:i + length])
                else:
                    found = self._variants(coded, i, i + length, alternatives)
                if found:
                    yield i, i + length, found
                    i += length
                    break
            else:
                i += 1

    def _variants(self, coded: str, start: int, end: int,
                  alternatives: dict[int, str]) -> tuple[int, ...] | None:
        """The terms of the first combination of the words' codes in coded[start:end] that
        is a term."""
        places = [p for p in range(start, end) if p in alternatives]
        span = list(coded[start:end])
        choices = [coded[p] + alternatives[p] for p in places]
        for combination in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
            for place, code in zip(places, combination, strict=True):
                span[place - start] = code
            found = self._ids.get("".join(span))
            if found:
                return found
        return None
