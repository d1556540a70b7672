"""The general vocabulary the rules use, read once from the data files beside this module.

Every list is general Chinese official-text vocabulary (heads of names, office titles, the
transliteration character set, boundary words), never the strings of one document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


def _lines(name: str) -> list[str]:
    path = resources.files("glossary.extract").joinpath("data").joinpath(name)
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _pairs(name: str) -> dict[str, str]:
    return dict(line.split("\t") for line in _lines(name))


@dataclass(frozen=True)
class Lexicon:
    #: head word → kind of the name it ends (会议 → meeting, 公约 → treaty ...)
    heads: dict[str, str]
    #: head → kind, only after a place name (进程 → event, 危机 → concept)
    topic_heads: dict[str, str]
    #: heads of multi-word concepts (主义, 犯罪, 秩序 ...)
    concept_heads: frozenset[str]
    offices: frozenset[str]
    place_suffixes: frozenset[str]
    transliteration: frozenset[str]
    boundaries: frozenset[str]
    name_verbs: frozenset[str]
    #: attributive words the segmenter keeps whole and tags b (可持续, 有组织, 政府间)
    attributives: frozenset[str]
    #: clause-level words that never stand inside a term (值此, 应邀, 分别); also boundaries
    clause_words: frozenset[str]
    #: Chinese surnames, single characters and compound ones (欧阳)
    surnames: frozenset[str]
    #: verbs whose specific object is a term (打击, 巩固, 应对)
    object_verbs: frozenset[str]
    #: nouns taken off the end of such an object (能力, 机制, 合作)
    generic_nouns: frozenset[str]

    @functools.cached_property
    def longest_concept_heads_first(self) -> tuple[str, ...]:
        return tuple(sorted(self.concept_heads, key=lambda h: (-len(h), h)))

    @functools.cached_property
    def concept_head_ends(self) -> frozenset[str]:
        return frozenset(head[-1] for head in self.concept_heads)


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, loaded on first use."""
    return Lexicon(
        heads=_pairs("heads.tsv"),
        topic_heads=_pairs("topic_heads.tsv"),
        concept_heads=frozenset(_lines("concept_heads.txt")),
        offices=frozenset(_lines("offices.txt")),
        place_suffixes=frozenset(_lines("place_suffixes.txt")),
        transliteration=frozenset("".join(_lines("transliteration.txt"))),
        boundaries=frozenset(_lines("boundaries.txt")) | frozenset(_lines("clause_words.txt")),
        name_verbs=frozenset(_lines("name_verbs.txt")),
        attributives=frozenset(_lines("attributives.txt")),
        object_verbs=frozenset(_lines("object_verbs.txt")),
        generic_nouns=frozenset(_lines("generic_nouns.txt")),
        clause_words=frozenset(_lines("clause_words.txt")),
        surnames=frozenset(_lines("surnames.txt")),
    )

