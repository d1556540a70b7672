"""Chinese terms in a text: by characters, folded to simplified script, over line breaks.

Terms and text are folded to simplified script (`chinese.fold_script`) and matched by an
Aho–Corasick automaton (glossary.matching); whitespace between two Han characters is
skipped, so a term broken across a PDF line still matches, and the spans found are mapped
back to the text as given.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from typing import cast

from glossary import chinese
from glossary.analysis import HAN_CHARS, is_han
from glossary.matching import TermMatcher

_HAN_GAP = re.compile(f"(?<=[{HAN_CHARS}])\\s+(?=[{HAN_CHARS}])")
_HAS_HAN = re.compile(f"[{HAN_CHARS}]")

#: (start, end, term ids, written in traditional script)
Span = tuple[int, int, tuple[int, ...], bool]


def has_han(text: str) -> bool:
    return _HAS_HAN.search(text) is not None


class HanMatcher:
    """Longest match of Chinese terms (either script) in a text."""

    def __init__(self, terms: Iterable[tuple[str, int]]):
        """:param terms: (text, term id) of each Chinese term with a Han character in it."""
        terms = list(terms)
        folded = _fold_script_all([text for text, _ in terms])
        self._matcher = TermMatcher(zip(folded, (term_id for _, term_id in terms),
                                        strict=True))
        self.size = self._matcher.size

    def find(self, text: str) -> list[Span]:
        if not self.size or not has_han(text):
            return []
        haystack, to_text = _haystack(text)
        spans = []
        for m in self._matcher.find(haystack):
            start, end = to_text(m.start, m.end)
            if _cuts_a_word(text, start, end):
                continue
            written = "".join(text[start:end].split())
            ids = cast(tuple[int, ...], m.payload)  # the term ids this key stands for
            spans.append((start, end, ids, written != "".join(m.text.split())))
        return spans


def _fold_script_all(texts: list[str]) -> list[str]:
    """fold_script of many short texts in one OpenCC call (one call costs more than a term)."""
    if not texts:
        return []
    joined = chinese.fold_script("\n".join(texts))
    folded = joined.split("\n")
    if len(folded) != len(texts):
        return [chinese.fold_script(t) for t in texts]
    return folded


def _fold_same_length(text: str) -> str:
    folded = chinese.fold_script(text)
    if len(folded) == len(text):
        return folded
    # A phrase conversion changed the length: fold character by character instead.
    return "".join(_fold_char(ch) for ch in text)


@functools.lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    folded = chinese.fold_script(ch)
    return folded if len(folded) == 1 else ch


def _haystack(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The text folded to simplified script with whitespace between Han characters removed,
    and a function mapping a span of it back to the text."""
    folded = _fold_same_length(text)
    gaps = [(m.start(), m.end()) for m in _HAN_GAP.finditer(folded)]
    if not gaps:
        return folded, lambda start, end: (start, end)
    pieces, cuts, shifts = [], [0], [0]
    previous = removed = 0
    for start, end in gaps:
        pieces.append(folded[previous:start])
        removed += end - start
        cuts.append(start - removed + (end - start))  # where the gap was, in the haystack
        shifts.append(removed)
        previous = end
    pieces.append(folded[previous:])

    def to_text(start: int, end: int) -> tuple[int, int]:
        first = start + shifts[bisect.bisect_right(cuts, start) - 1]
        last = (end - 1) + shifts[bisect.bisect_right(cuts, end - 1) - 1]
        return first, last + 1

    return "".join(pieces), to_text


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """A Chinese term with Latin letters or digits at an edge must not cut a Latin word."""
    def wordy(ch: str) -> bool:
        return ch.isalnum() and not is_han(ch)
    return ((start > 0 and wordy(text[start]) and wordy(text[start - 1]))
            or (end < len(text) and wordy(text[end - 1]) and wordy(text[end])))
