"""Find known terms in a text: leftmost-longest, non-overlapping, in one pass.

An Aho–Corasick automaton (pyahocorasick) over every term string, so that the cost of a
scan grows with the text, not with the size of the termbase.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    payload: tuple[Hashable, ...]


class TermMatcher:
    """Longest-match finder over a fixed vocabulary.

    >>> m = TermMatcher([("地区反恐怖机构", 1), ("地区反恐怖机构理事会", 2), ("反恐", 3)])
    >>> [(x.start, x.text) for x in m.find("上合组织地区反恐怖机构理事会会议")]
    [(4, '地区反恐怖机构理事会')]
    """

    def __init__(self, entries: Iterable[tuple[str, Hashable]], *, fold=None):
        self._fold = fold
        payloads: dict[str, list[Hashable]] = {}
        for text, payload in entries:
            key = self._key(text)
            if key:
                payloads.setdefault(key, []).append(payload)
        self._automaton = ahocorasick.Automaton()
        for key, items in payloads.items():
            self._automaton.add_word(key, (key, tuple(dict.fromkeys(items))))
        self.size = len(payloads)
        if self.size:
            self._automaton.make_automaton()

    def _key(self, text: str) -> str:
        return self._fold(text) if self._fold else text

    def find(self, text: str) -> Iterator[Match]:
        """Non-overlapping matches, leftmost first, the longest at each start."""
        if not self.size or not text:
            return
        haystack = self._key(text)
        if len(haystack) != len(text):
            raise ValueError("the fold function must keep the length of the text")
        for end, (key, payload) in self._automaton.iter_long(haystack):
            start = end - len(key) + 1
            yield Match(start, end + 1, text[start:end + 1], payload)
