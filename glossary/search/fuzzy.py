"""Typo tolerance: a deletion index over the vocabulary (the SymSpell idea) and an edit
distance to confirm candidates.

The index stores, for every word of 4+ letters, the word with one letter deleted. A query
word is looked up with up to `max_distance` letters deleted (and as itself) in both the
vocabulary and those deletions, and every candidate is confirmed with the optimal string
alignment distance (Levenshtein where swapping two neighbours costs 1). Tolerance grows with
length: none below 4 letters, one edit up to 7, two from 8 (two edits are found when at
least one of them is an extra letter in the query or a change of one letter).
"""

from __future__ import annotations

MIN_LENGTH = 4


def max_distance(word: str) -> int:
    """How many edits a query word of this length may carry.

    >>> [max_distance(w) for w in ("sco", "astana", "nazarbaev")]
    [0, 1, 2]
    """
    if len(word) < MIN_LENGTH or not word.isalpha():
        return 0
    return 1 if len(word) < 8 else 2


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def stored_deletions(word: str) -> set[str]:
    """The deletion keys the index stores for a vocabulary word.

    >>> sorted(stored_deletions("astana"))
    ['asana', 'astaa', 'astan', 'astna', 'atana', 'stana']
    """
    if len(word) < MIN_LENGTH or not word.isalpha():
        return set()
    return _deletions(word)


def query_keys(word: str) -> set[str]:
    """What a query word is looked up by: itself and its deletions up to its distance."""
    keys = {word}
    frontier = {word}
    for _ in range(max_distance(word)):
        frontier = {d for w in frontier for d in _deletions(w) if len(d) >= MIN_LENGTH - 1}
        keys |= frontier
    return keys


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or limit + 1 as soon as it must exceed `limit`.

    >>> distance("nazarbaev", "nazarbayev", 2), distance("asatna", "astana", 1)
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1
