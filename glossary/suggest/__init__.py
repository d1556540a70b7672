"""Russian and English renderings for a Chinese term: suggestions, each with its evidence.

Every source of suggestions is a module of this package with one function,
``suggest(query, knowledge, material) -> Iterable[Suggestion]`` (and, if it learns an index
from the termbase, ``prepare(knowledge)`` to build it ahead), named in SUGGESTERS:

- ``names``: Chinese persons and places (Palladius / pinyin, a table of conventional forms),
  foreign names written in characters (the termbase and a table of transcriptions);
- ``compose``: a term built from parts the termbase knows (上合组织 + X, X + 会议, 中哈 + 联合声明),
  with the Russian inflected;
- ``aligned``: bilingual material the translator imported (a TMX, a document with its
  translation), the target phrase that corresponds to the term in aligned sentences.

`suggest` runs them all and merges what they say: one list per language, best first, the same
text proposed twice kept once with both pieces of evidence. A suggester that cannot tell says
nothing: no suggestion beats a wrong one. Nothing here touches Flask or the database; the
service (``glossary.services.suggestions``) builds the Knowledge and the Material from it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from glossary.suggest.knowledge import Entry, Knowledge

__all__ = ["SUGGESTERS", "TARGET_LANGS", "AlignedPair", "Entry", "Knowledge", "Material",
           "NoMaterial", "Query", "Suggestion", "prepare", "suggest"]

#: The languages a suggestion is for.
TARGET_LANGS = ("ru", "en")
#: The suggesters, by module name, in the order their evidence is shown.
SUGGESTERS = ("names", "compose", "aligned")
#: A top suggestion below this score is shown as weak, never accepted with one key.
CONFIDENT = 0.5


@dataclass(frozen=True)
class Query:
    """What is asked: a Chinese term (simplified script), and what is known of it.

    `kind` is the candidate's kind when the extractor gave one (person, place, meeting ...);
    `exclude` is a concept key the suggesters must not use (leave-one-out evaluation, or the
    concept the term already belongs to).
    """

    term: str
    kind: str | None = None
    exclude: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """One rendering of the term in one language.

    `score` is the suggester's confidence, 0..1. `method` says which rule made it
    ("palladius", "pinyin", "place-table", "foreign-name", "composition", "aligned" ...).
    `evidence` is JSON-able, each item a dict with a "type":
    - {"type": "part", "zh": "上合组织", "text": "ШОС", "concept": "sco"}: a known part used;
    - {"type": "rule", "rule": "X会议 → заседание X", "examples": ["concept-key", ...]};
    - {"type": "table", "table": "places", "zh": "北京", "text": "Пекин"};
    - {"type": "pair", "zh": sentence, "target": sentence, "source": "bitext key", "position": n}.
    `note` is one line a reviewer reads and the term keeps when the suggestion is accepted.
    """

    lang: str
    text: str
    score: float
    method: str
    evidence: tuple[dict[str, Any], ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "text": self.text, "score": round(self.score, 3),
                "method": self.method, "confident": self.score >= CONFIDENT,
                "evidence": list(self.evidence), "note": self.note}


@dataclass(frozen=True)
class AlignedPair:
    """A Chinese sentence and its translation, from imported bilingual material."""

    zh: str
    target: str
    lang: str  # "ru" or "en"
    source: str  # the key of the bitext it comes from
    position: int = 0


class Material(Protocol):
    """Bilingual material to look the term up in (the service reads it from the database)."""

    def pairs_with(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        """Aligned pairs whose Chinese contains `term`, in language `lang`."""
        ...

    def pairs_without(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        """A sample of other aligned pairs in `lang` (background counts for co-occurrence)."""
        ...


@dataclass
class NoMaterial:
    """No bilingual material: the aligned suggester says nothing."""

    def pairs_with(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        return ()

    def pairs_without(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        return ()


@dataclass
class PairList:
    """Bilingual material held in memory (tests, benchmarks)."""

    pairs: list[AlignedPair] = field(default_factory=list)

    def pairs_with(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        return [p for p in self.pairs if p.lang == lang and term in p.zh][:limit]

    def pairs_without(self, term: str, lang: str, limit: int = 200) -> Sequence[AlignedPair]:
        return [p for p in self.pairs if p.lang == lang and term not in p.zh][:limit]


Suggester = Callable[[Query, Knowledge, Material], Iterable[Suggestion]]


def _suggester(name: str) -> Suggester:
    return importlib.import_module(f"{__name__}.{name}").suggest


def prepare(knowledge: Knowledge) -> None:
    """Build what the suggesters learn from `knowledge` once (their indexes), so that the first
    query does not pay for it. A suggester module that learns something has `prepare`."""
    for name in SUGGESTERS:
        module = importlib.import_module(f"{__name__}.{name}")
        build = getattr(module, "prepare", None)
        if build is not None:
            build(knowledge)


def suggest(query: Query, knowledge: Knowledge, material: Material | None = None, *,
            limit: int = 5, only: Sequence[str] = SUGGESTERS) -> dict[str, list[Suggestion]]:
    """Suggestions for `query` from every suggester in `only`: per language, best first.

    The same text (compared by `same_rendering`) from two suggesters is kept once, with the
    higher score raised a little and both evidences.
    """
    material = material or NoMaterial()
    found: dict[str, dict[str, Suggestion]] = {lang: {} for lang in TARGET_LANGS}
    for name in only:
        for s in _suggester(name)(query, knowledge, material):
            if s.lang not in found or not s.text.strip():
                continue
            key = same_rendering(s.text)
            before = found[s.lang].get(key)
            found[s.lang][key] = s if before is None else _merged(before, s)
    return {lang: sorted(by_text.values(), key=lambda s: (-s.score, s.text))[:limit]
            for lang, by_text in found.items()}


def _merged(a: Suggestion, b: Suggestion) -> Suggestion:
    best, other = (a, b) if a.score >= b.score else (b, a)
    # Two independent sources agreeing is worth more than either alone.
    score = min(1.0, best.score + (1 - best.score) * other.score * 0.5)
    return Suggestion(best.lang, best.text, score, best.method,
                      best.evidence + other.evidence,
                      "; ".join(n for n in (best.note, other.note) if n))


_QUOTES = str.maketrans("", "", "«»“”„\"'’‘")


def same_rendering(text: str) -> str:
    """The comparison key of a rendering: case, ё, quotes and spacing do not count.

    >>> same_rendering("«Шанхайский  дух»") == same_rendering("шанхайский дух")
    True
    """
    return " ".join(text.translate(_QUOTES).replace("ё", "е").replace("Ё", "Е")
                    .casefold().split())
