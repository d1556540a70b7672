"""A rule's finding: one occurrence of a would-be term, as spans of the prepared text."""

from __future__ import annotations

from typing import NamedTuple


class Hit(NamedTuple):
    """One occurrence found by a rule. (A tuple: a megabyte makes a hundred thousand of them,
    and a tuple is made in half the time of a frozen dataclass.)"""

    pieces: tuple[tuple[int, int], ...]
    kind: str
    rule: str
    #: For an abbreviation: the pieces of its full form.
    full_form: tuple[tuple[int, int], ...] | None = None
    #: A hit that is meant to stand inside a longer one (the body named in a meeting's name).
    nested: bool = False

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def span(start: int, end: int, kind: str, rule: str, **extra) -> Hit:
    return Hit(((start, end),), kind, rule, **extra)
