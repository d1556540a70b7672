"""Term extraction from Chinese documents: `extract(text)` → candidates, best first.

The text is normalised (chinese.normalise_long) and folded to simplified script; a line start
that normalisation joined to a heading is kept as a boundary (document.line_breaks). Rules then
find names by the way official Chinese writes them (rules, heads, people, places: also persons
without a title, by bylines, dotted foreign names, a title after the name), terms that no cue
marks by their make-up (morphology: 反腐败, 非常任理事国, 互联互通), by the domain's recurring
shapes (shapes: 丝路精神, 新型国际关系, 政策沟通、设施联通…) and by the verb that governs them
(objects: 巩固国际信息安全), statistics (C-value/NC-value) add the terms that recur, and
candidates.py merges, types, links and scores them. A text over PIECE characters is read a
piece at a time and the pieces' candidates merged. The termbase (`known`) marks
the terms it knows, and its short terms become words of the segmenter. Every candidate has
the shape shared by `glossary extract --json`, the API and the review queue::

    {"term", "original", "pinyin", "kind", "count", "score", "confidence",
     "contexts": [{"sentence", "start", "end"}], "full_form", "abbreviations", "concept"}

`start`/`end` are offsets in the text given to `extract` (the original file text).
`kind` is one of KINDS (treaty for a treaty or other document); `confidence` (0 to 1) says
how likely the candidate is a term of that kind: the reliability of the best rule that found
it, raised when other rules agree and when it recurs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from glossary import chinese
from glossary.extract import (
    candidates,
    heads,
    morphology,
    objects,
    people,
    places,
    rules,
    shapes,
    statistics,
)
from glossary.extract.document import Prepared, prepare
from glossary.extract.hits import Hit
from glossary.matching import TermMatcher
from glossary.messages import N_, message

KINDS = ("treaty", "organization", "body", "meeting", "event", "person", "place", "title",
         "concept", "abbreviation")
#: How the termbase's concept kinds map to candidate kinds.
CONCEPT_KINDS = {"document": "treaty", "state": "place"}
#: Below this share of Han characters a text is not taken for Chinese.
MIN_HAN_RATIO = 0.2

__all__ = ["KINDS", "NotChinese", "extract", "find_hits"]


class NotChinese(ValueError):
    """The text has (almost) no Chinese in it; the message says what it looks like."""


def extract(text: str, *,
            known: Mapping[str, tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """Term candidates of a Chinese text, best first.

    :param text: the document as read from its file (any script, not yet normalised).
    :param known: the termbase's Chinese terms, folded to simplified script, each mapped to
        (concept id, concept kind); known terms found in the text get their concept id.
    :return: candidates in the shared shape (see the module docstring).
    :raises NotChinese: when the text is not Chinese (an English or Russian document).
    """
    check_chinese(text)
    if len(text) > PIECE:
        return _in_pieces(text, known)
    return _extract(text, known)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a piece is extracted: its hundreds of
    thousands of words, hits and tuples set off full collections that walk every object of
    the process again and again (a tenth of the time), and extraction makes no reference
    cycles. Cycles made meanwhile by others (a first import, in this thread or another) are
    collected when it resumes, after the piece: a long text never holds more than one
    piece's worth of them."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


#: A longer text is read a piece at a time (cut after a paragraph), and the pieces' candidates
#: are merged: memory then stays that of one piece (a 4 MB text in about the memory of
#: 200,000 characters); terms that recur within a piece are counted as before.
PIECE = 200_000


def _in_pieces(text: str, known: Mapping[str, tuple[str, str]] | None) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= PIECE else _piece_end(text, start)
        if chinese.han_ratio(text[start:end][:20_000]) >= MIN_HAN_RATIO:
            for cand in _extract(text[start:end], known):
                for context in cand["contexts"]:
                    context["start"] += start
                    context["end"] += start
                _merge(merged, cand)
        start = end
    return sorted(merged.values(), key=lambda c: (-c["score"], c["term"]))


def _piece_end(text: str, start: int) -> int:
    """Where the piece from `start` ends: after its last paragraph break, else sentence end."""
    window = text[start:start + PIECE]
    cut = window.rfind("\n")
    if cut < PIECE // 2:
        cut = max(window.rfind(p) for p in "。！？；")
    return start + (cut + 1 if cut >= PIECE // 2 else PIECE)


def _merge(merged: dict[str, dict[str, Any]], cand: dict[str, Any]) -> None:
    seen = merged.get(cand["term"])
    if seen is None:
        merged[cand["term"]] = cand
        return
    if cand["score"] > seen["score"]:  # the kind and pinyin of the surer finding
        seen.update(kind=cand["kind"], pinyin=cand["pinyin"], score=cand["score"])
    seen["count"] += cand["count"]
    seen["confidence"] = max(seen["confidence"], cand["confidence"])
    seen["contexts"] = [*seen["contexts"], *cand["contexts"]][:candidates.MAX_CONTEXTS]
    seen["abbreviations"] = sorted({*seen["abbreviations"], *cand["abbreviations"]})
    seen["full_form"] = seen["full_form"] or cand["full_form"]
    seen["concept"] = seen["concept"] or cand["concept"]


@_collector_paused()
def _extract(text: str,
             known: Mapping[str, tuple[str, str]] | None) -> list[dict[str, Any]]:
    doc = prepare(text, extra_words=known or ())
    hits = find_hits(doc, known)
    cuts = frozenset({h.pieces[0][0] for h in hits} | {h.pieces[-1][1] for h in hits}
                     | doc.breaks)
    found = candidates.merge(doc, hits, statistics.score(doc, cuts))
    candidates.assign_kinds(found)
    candidates.link_abbreviations(doc, found)
    candidates.find_abbreviations(doc, hits, found)
    found = candidates.prune(found)
    return candidates.to_dicts(doc, found, known)


def check_chinese(text: str) -> None:
    """Raise NotChinese unless a fair share of the text is Han characters."""
    sample = text[:200_000]
    ratio = chinese.han_ratio(sample)
    if ratio >= MIN_HAN_RATIO:
        return
    script = chinese.script_of(sample)
    if not sample.strip():
        raise NotChinese(message("the text is empty"))
    template = {
        "cyrillic": N_("the text looks Russian (Cyrillic): %(share)s of it is Chinese "
                       "characters; term extraction works on Chinese documents"),
        "latin": N_("the text looks English (Latin script): %(share)s of it is Chinese "
                    "characters; term extraction works on Chinese documents"),
    }.get(script) or N_("the text looks not Chinese: %(share)s of it is Chinese characters; "
                        "term extraction works on Chinese documents")
    raise NotChinese(message(template, share=f"{ratio:.0%}"))


def find_hits(doc: Prepared, known: Mapping[str, tuple[str, str]] | None = None) -> list[Hit]:
    """Every rule's hits, in the order later rules need them."""
    hits = [*rules.titles(doc), *rules.quotes(doc), *rules.bracket_parts(doc),
            *rules.dated_items(doc),
            *rules.principles(doc), *rules.fields(doc),
            *heads.named_heads(doc), *heads.concepts(doc), *people.offices(doc),
            *people.named_persons(doc),
            *shapes.formulas(doc), *shapes.new_relations(doc), *shapes.shared_principles(doc),
            *shapes.parallel_terms(doc),
            *places.transliterations(doc), *places.dictionary_names(doc), *places.venues(doc),
            *places.regions(doc),
            *morphology.anti(doc), *morphology.state_roles(doc), *morphology.mutual(doc),
            *morphology.prefixed(doc), *morphology.abbreviated_names(doc),
            *morphology.self_references(doc),
            *objects.objects(doc)]
    hits += rules.abbreviations(doc, hits)
    hits += rules.explanations(doc, hits)
    hits += places.topics(doc, [h for h in hits if h.kind == "place"])
    hits += places.enumerations(doc, hits)
    if known:
        hits += _known(doc, known)
    return hits


def _known(doc: Prepared, known: Mapping[str, tuple[str, str]]) -> list[Hit]:
    """The termbase's terms where they stand: each is worth showing wherever it stands. A term
    inside a longer one (扩员 in 上合组织扩员, 俄罗斯 in 俄罗斯联邦) counts where no name that a
    rule found holds it."""
    matcher = TermMatcher(known.items())
    inside: dict[str, list[tuple[int, int, str]]] = {}
    out = []
    for match in matcher.find(doc.simple):
        if match.text not in inside:
            inside[match.text] = _known_inside(match.text, known)
        kind = cast(tuple[tuple[str, str], ...], match.payload)[0][1]
        out.append(Hit(((match.start, match.end),), CONCEPT_KINDS.get(kind, kind), "known",
                       nested=True))
        for start, end, kind in inside[match.text]:  # shown where no name found by a rule
            out.append(Hit(((match.start + start, match.start + end),),  # holds them
                           CONCEPT_KINDS.get(kind, kind), "known"))
    return out


def _known_inside(term: str, known: Mapping[str, tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, concept kind) of the termbase's terms inside `term`; not a state's short
    name inside its full name (俄罗斯 in 俄罗斯联邦, 中国 in 中华人民共和国...): that is the
    same state, named once."""
    outer = known[term][1]
    return [(a, b, known[term[a:b]][1]) for a in range(len(term))
            for b in range(a + 2, len(term) + 1)
            if (a, b) != (0, len(term)) and term[a:b] in known
            and not (outer in _STATES and known[term[a:b]][1] in _STATES)]


#: Concept kinds of a state or place in the termbase.
_STATES = frozenset({"state", "place"})
