"""The index the composition suggester (glossary.suggest.compose) reads: every Chinese term
of the termbase cut into its known parts, and the *skeletons* that remain when one or two parts
are replaced by slots.

A part is the Chinese term of another concept, a piece of the lexicon learned by subtraction
(glossary.suggest.lexicon), or a read piece (an ordinal, years, a number:
glossary.suggest.pieces). The index is built once per Knowledge (glossary.suggest.templates);
a query reads it by dictionary lookups.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.suggest.knowledge import Entry, Knowledge
from glossary.suggest.lexicon import Lexicon, is_chinese
from glossary.suggest.pieces import NUMBER, ORDINAL, YEARS, pieces

if TYPE_CHECKING:
    from glossary.suggest.templates import Template

PART = "part"
#: What stands for a slot in a skeleton, by the kind of thing the slot holds.
SLOT_MARK = {PART: "\x00", ORDINAL: "\x01", YEARS: "\x02", NUMBER: "\x03"}
#: Concept kinds that are names: not composed here (glossary.suggest.names renders them).
NAME_KINDS = ("person", "place", "state")
#: Kinds whose Russian may stand as an adjective inside a term (Астана → Астанинская).
PLACE_KINDS = ("place", "state")
#: Longest part looked for, in characters.
MAX_PART = 40
#: Examples read per skeleton: more add little and cost time.
MAX_EXAMPLES = 24
#: Beginnings of known terms kept, to stop looking for a part early.
PREFIX = 8
#: Terms read to learn the adjective of a place.
MAX_PLACE_EXAMPLES = 64


@dataclass(frozen=True)
class Occurrence:
    """A part of a Chinese term: a known term of another concept, or a read piece."""

    start: int
    end: int
    kind: str  # PART, ORDINAL, YEARS or NUMBER
    zh: str
    value: tuple[int, ...] = ()
    piece: bool = False  # a PART that is a piece of the lexicon, not a concept's term


@dataclass
class Index:
    """What the suggester learns from one Knowledge: skeletons → examples, and templates."""

    knowledge: Knowledge
    size: int
    entries: list[Entry] = field(default_factory=list)
    #: the first two characters of every known term → the longest such term's length
    starts: dict[str, int] = field(default_factory=dict)
    #: every known Chinese term, and their beginnings up to PREFIX characters
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    #: the same for the pieces of the lexicon: their first two characters → longest length
    piece_starts: dict[str, int] = field(default_factory=dict)
    #: skeleton → (entry number, its Chinese term, the occurrences cut out)
    skeletons: dict[str, list[tuple[int, str, tuple[Occurrence, ...]]]] = field(
        default_factory=dict)
    #: a place's Chinese term → entries whose Chinese holds it (to learn its adjective)
    places: dict[str, list[int]] = field(default_factory=dict)
    templates: dict[tuple, list[Template]] = field(default_factory=dict)
    adjectives: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    parts: dict[tuple[str, str], list[list[Entry]]] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    lock: threading.Lock = field(default_factory=threading.Lock)


def add_term(index: Index, zh: str) -> None:
    if len(zh) >= 2:
        head = zh[:2]
        index.starts[head] = max(index.starts.get(head, 0), min(len(zh), MAX_PART))
        index.terms.add(zh)
        index.prefixes.update(zh[:k] for k in range(3, min(len(zh), PREFIX) + 1))


def add_pieces(index: Index, zhs: Iterable[str]) -> None:
    for zh in zhs:
        head = zh[:2]
        index.piece_starts[head] = max(index.piece_starts.get(head, 0), min(len(zh), MAX_PART))


def occurrences(term: str, index: Index, *, exclude: str | None,
                own_pieces: bool = False) -> list[Occurrence]:
    """The known parts and read pieces of a Chinese term (never the whole term). Pieces of
    the lexicon count as parts; with `own_pieces`, even those only `exclude` taught."""
    found = concept_occurrences(term, index, exclude=exclude)
    return found + piece_occurrences(term, index, found, exclude=exclude,
                                     own_pieces=own_pieces)


def piece_occurrences(term: str, index: Index, found: list[Occurrence], *,
                      exclude: str | None, own_pieces: bool = False) -> list[Occurrence]:
    """The pieces of the lexicon a term holds (`found`: its other occurrences, whose
    numbers a piece may not cut)."""
    if not index.piece_starts:
        return []
    read = [o for o in found if o.kind != PART]
    out = []
    n = len(term)
    for i in range(n - 1):
        longest = index.piece_starts.get(term[i:i + 2])
        if not longest:
            continue
        for j in range(i + 2, min(n, i + longest) + 1):
            part = term[i:j]
            if j - i == n or part not in index.lexicon:
                continue
            if any(p.start < j and i < p.end and not (i <= p.start and p.end <= j)
                   for p in read):
                continue
            if index.lexicon.knows(part, None if own_pieces else exclude):
                out.append(Occurrence(i, j, PART, part, piece=True))
    return out


def concept_occurrences(term: str, index: Index, *, exclude: str | None) -> list[Occurrence]:
    """The Chinese terms of other concepts, and the read pieces, a term holds."""
    read = pieces(term)
    found = [Occurrence(p.start, p.end, p.kind, term[p.start:p.end], p.value) for p in read]
    knowledge = index.knowledge
    n = len(term)
    for i in range(n - 1):
        longest = index.starts.get(term[i:i + 2])
        if not longest:
            continue
        for j in range(i + 2, min(n, i + longest) + 1):
            part = term[i:j]
            if 2 < j - i <= PREFIX and part not in index.prefixes:
                break  # no known term starts so
            if j - i == n or part not in index.terms:
                continue
            if read and any(p.start < j and i < p.end and not (i <= p.start and p.end <= j)
                            for p in read):
                continue  # cuts a number or an ordinal in two
            if knowledge.knows(part, exclude=exclude):
                found.append(Occurrence(i, j, PART, part))
    return found


def skeleton_of(term: str, cut: tuple[Occurrence, ...]) -> str:
    out, last = [], 0
    for occ in cut:
        out.append(term[last:occ.start])
        out.append(SLOT_MARK[occ.kind])
        last = occ.end
    out.append(term[last:])
    return "".join(out)


def skeletons(term: str, found: list[Occurrence], *,
              maximal_pairs: bool) -> Iterator[tuple[str, tuple[Occurrence, ...]]]:
    """The term with one, then two non-overlapping occurrences cut out.

    For the index (`maximal_pairs`), pairs only of occurrences that no other holds: the
    parts a person would see; a query tries every pair.
    """
    ordered = sorted(found, key=lambda o: (o.start, o.end))
    for occ in ordered:
        yield skeleton_of(term, (occ,)), (occ,)
    pairable = ordered
    if maximal_pairs:
        pairable = [o for o in ordered if not any(
            p is not o and p.start <= o.start and o.end <= p.end for p in ordered)]
    for a_i, a in enumerate(pairable):
        for b in pairable[a_i + 1:]:
            if a.end <= b.start:
                yield skeleton_of(term, (a, b)), (a, b)


def cover(found: list[Occurrence]) -> list[Occurrence]:
    """The longest occurrences that do not overlap, in their order in the term."""
    chosen: list[Occurrence] = []
    for occ in sorted(found, key=lambda o: (o.start - o.end, o.start)):
        if all(occ.end <= c.start or c.end <= occ.start for c in chosen):
            chosen.append(occ)
    return sorted(chosen, key=lambda o: o.start)


#: Marks that may stand between parts without being a piece (《》 of a title, brackets).
_PUNCT = set("《》“”\"（）()、，,·—–- ")


def leftover(zh: str, cut: list[Occurrence]) -> str | None:
    """The one stretch of Chinese characters the parts leave, if there is exactly one."""
    if not cut:
        return None
    covered = [False] * len(zh)
    for occ in cut:
        covered[occ.start:occ.end] = [True] * (occ.end - occ.start)
    stretches, current = [], ""
    for ch, done in zip(zh, covered, strict=True):
        if done or ch in _PUNCT:
            if current:
                stretches.append(current)
            current = ""
        else:
            current += ch
    if current:
        stretches.append(current)
    if len(stretches) != 1 or len(stretches[0]) < 2 or not is_chinese(stretches[0]):
        return None
    return stretches[0]


def uncovered(zh: str, cut: list[Occurrence]) -> str:
    covered: set[int] = set()
    for occ in cut:
        covered.update(range(occ.start, occ.end))
    return "".join(ch if i not in covered else " " for i, ch in enumerate(zh)).strip()


def distinct(entries: list[Entry], lang: str) -> list[Entry]:
    """Concepts that say different things: of several with the same kind and renderings
    (homonyms, or a termbase that repeats itself), the first."""
    seen: set[tuple] = set()
    out = []
    for e in entries:
        key = (e.kind, tuple(r.text for r in e.renderings(lang)))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def part_entries(index: Index, zh: str, lang: str, exclude: str | None, *,
           own_pieces: bool = False) -> list[Entry]:
    """The concepts a Chinese part names, one of each that says the same (kept per index),
    or the piece of the lexicon it is (with `own_pieces`, learned from anyone)."""
    groups = index.parts.get((zh, lang))
    if groups is None:
        by_saying: dict[tuple, list[Entry]] = {}
        for e in index.knowledge.lookup(zh):
            key = (e.kind, tuple(r.text for r in e.renderings(lang)))
            by_saying.setdefault(key, []).append(e)
        groups = index.parts[(zh, lang)] = list(by_saying.values())
    out = []
    for group in groups:
        for e in group:
            if e.key != exclude:
                out.append(e)
                break
    if not out and zh in index.lexicon:
        piece = index.lexicon.entry(zh, lang, None if own_pieces else exclude)
        if piece is not None:
            out.append(piece)
    return out
