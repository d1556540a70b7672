"""Sentence alignment of a Chinese text and its Russian or English translation.

Placeholder: pairs sentences one to one by position (the aligner of the `align` branch
replaces the body, keeping the signature).
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.suggest.knowledge import Knowledge

#: Indices of Chinese sentences, indices of target sentences that translate each other.
Bead = tuple[tuple[int, ...], tuple[int, ...]]


def align(zh: Sequence[str], target: Sequence[str], *, lang: str,
          knowledge: Knowledge | None = None) -> list[Bead]:
    """Beads of aligned sentences, in text order; a sentence with no counterpart is a bead
    with one side empty.

    >>> align(["一。", "二。", "三。"], ["One.", "Two."], lang="en")
    [((0,), (0,)), ((1,), (1,)), ((2,), ())]
    """
    beads: list[Bead] = [((i,), (i,)) for i in range(min(len(zh), len(target)))]
    beads += [((i,), ()) for i in range(len(target), len(zh))]
    beads += [((), (i,)) for i in range(len(zh), len(target))]
    return beads
