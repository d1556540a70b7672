"""From rule hits and statistics to candidates: merging, kinds, abbreviations, scores, contexts.

- Hits of the same string are one candidate. A hit inside a longer hit of another candidate is
  not an occurrence of its own (C-value's nesting): 上海 inside 上海合作组织 makes no 上海; a
  statistical candidate or a termbase term that no rule found covers nothing. A
  candidate needs one occurrence of its own, unless a rule meant it to stand inside another
  name (the council named in 理事会会议, the treaty in 《...》议定书, a defined abbreviation).
- The kind comes from the most reliable rule that found the candidate (RULES, in order).
- Abbreviations are linked to their full forms: defined in the text (以下简称“...”), or
  implied when a short name is made of the first character and then some characters, in order,
  of a longer name (上合组织 ↔ 上海合作组织, 银联体 ↔ 银行联合体, 亚信 ↔ 亚洲相互协作...).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from glossary import chinese
from glossary.extract.document import Prepared, occurrences, word_frequencies
from glossary.extract.hits import Hit
from glossary.extract.lexicon import lexicon
from glossary.extract.statistics import Scored

#: Rules from most to least reliable, with the score each gives its candidates.
RULES: dict[str, float] = {
    "defined": 5.0, "title": 5.0, "quote+head": 4.5, "spliced": 4.5, "office+name": 4.5,
    "byline": 4.5, "dotted": 4.5, "shape": 4.0, "name+office": 4.0, "head": 4.0,
    "dated": 4.0, "concept-head": 3.5, "topic": 3.5, "date-place": 3.5, "affiliation": 3.5,
    "bracket": 3.0, "principle": 3.0, "list": 3.0, "pattern": 3.0, "parallel": 3.0,
    "speaker": 3.0, "region": 3.0, "office": 3.0, "known": 3.0, "transliteration": 3.0,
    "venue": 3.0, "dictionary": 2.5, "quote": 2.5, "implied": 2.0, "object": 2.0,
    "cvalue": 1.0,
}
_ORDER = {rule: i for i, rule in enumerate(RULES)}
MAX_CONTEXTS = 5
MAX_ABBREVIATION = 6
_PROPER = frozenset({"treaty", "organization", "body", "meeting", "event", "person", "place"})
#: What joins a short name to the next one inside a longer name (银联体和实业家委员会联合商务论坛).
_CONJUNCTIONS = frozenset("和与及、")
_ABBREVIABLE = frozenset({"organization", "body", "meeting", "treaty", "abbreviation"})


@dataclass
class Candidate:
    term: str
    hits: list[Hit] = field(default_factory=list)
    own: int = 0  # occurrences not inside a longer candidate
    kind: str = "concept"
    full_form: str | None = None
    abbreviations: list[str] = field(default_factory=list)
    nc_value: float = 0.0

    @property
    def rule(self) -> str:
        """The most reliable rule that found this candidate."""
        return min({h.rule for h in self.hits}, key=_ORDER.__getitem__)


def term_of(doc: Prepared, pieces: Iterable[tuple[int, int]]) -> str:
    return "".join(doc.simple[s:e] for s, e in pieces).strip()


def merge(doc: Prepared, hits: list[Hit], scored: list[Scored]) -> dict[str, Candidate]:
    """Group hits into candidates and keep those that stand on their own somewhere."""
    found: dict[str, Candidate] = {}
    persons = sorted((h.start, h.end) for h in hits if h.rule in _PERSON_RULES)
    acceptable: dict[str, bool] = {}  # term → _acceptable(term): most terms recur
    simple = doc.simple
    for hit in hits:
        if persons and hit.rule in _NAME_RULES and _holds_person(hit, persons):
            continue  # 参议院主席纳尔巴耶娃和立法院: a name runs over no person
        if doc.breaks:
            within = _within_line(doc, hit)
            if within is None:
                continue
            hit = within
        pieces = hit.pieces
        term = simple[pieces[0][0]:pieces[0][1]].strip() if len(pieces) == 1 \
            else term_of(doc, pieces)
        ok = acceptable.get(term)
        if ok is None:
            ok = acceptable[term] = _acceptable(term)
        if ok:
            cand = found.get(term)
            if cand is None:
                cand = found[term] = Candidate(term)
            cand.hits.append(hit)
    heads = lexicon().heads
    for s in scored:
        if s.term not in found and _acceptable(s.term) and s.term not in heads:  # 峰会
            found[s.term] = Candidate(
                s.term, [Hit(((a, b),), "concept", "cvalue") for a, b in s.spans],
                nc_value=s.nc_value)
        elif s.term in found:
            found[s.term].nc_value = s.nc_value
    return prune(found)


#: Rules whose hits are delimited by the text itself (《》, quotes): a title may wrap.
_DELIMITED = frozenset({"title", "quote", "quote+head", "defined"})


_PERSON_RULES = frozenset({"office+name", "byline", "dotted", "name+office", "speaker"})
_NAME_RULES = frozenset({"head", "affiliation", "dated", "spliced"})


def _holds_person(hit: Hit, persons: list[tuple[int, int]]) -> bool:
    start, end = hit.pieces[0][0], hit.pieces[-1][1]
    i = bisect.bisect_left(persons, (start, start))
    for a, b in persons[i:i + 8]:  # noqa: SIM110 (any() over a generator: slower, per hit)
        if start <= a and b <= end:
            return True
    return False


def _within_line(doc: Prepared, hit: Hit) -> Hit | None:
    """A hit that runs across a joined line start (a heading's end: 基本原则⏎上合组织) keeps what
    follows the last one inside it (names end in their head, on the right)."""
    if hit.rule in _DELIMITED or len(hit.pieces) > 1:
        return hit
    breaks = doc.sorted_breaks
    last = bisect.bisect_left(breaks, hit.end) - 1  # the last break before the hit's end
    if last < 0 or breaks[last] <= hit.start:
        return hit
    start = breaks[last]
    if hit.end - start < 2:
        return None
    return Hit(((start, hit.end),), hit.kind, hit.rule, hit.full_form, hit.nested)


def prune(found: dict[str, Candidate]) -> dict[str, Candidate]:
    """Keep the candidates that stand on their own somewhere (or were meant to be nested)."""
    for cand in found.values():
        cand.own = 0
    _count_own(found)
    return {t: c for t, c in found.items()
            if c.own or any(h.nested or h.rule in ("defined", "implied") for h in c.hits)}


def _acceptable(term: str) -> bool:
    """At least two characters, mostly Han, and not "the X side" (中方, 乌方: 方 after a
    state's one-character abbreviation is how a state is referred to, not a term)."""
    return len(term) >= 2 and chinese.han_ratio(term) >= 0.5 and not _SIDE.fullmatch(term)


_SIDE = re.compile(r"[\u4e00-\u9fff]方|[一二三四五六七八九十两几数多各]+国")


def _count_own(found: dict[str, Candidate]) -> None:
    """Count each candidate's occurrences that no longer candidate's occurrence covers."""
    # A name in pieces (interrupted by a bracket) covers what is inside each piece; an
    # occurrence found by several rules counts once.
    # By start, the longer first (spans of the same extent, in any order, cover none of
    # each other: covering takes a longer span).
    spans = sorted({(a, -b, c.term, h.pieces) for c in found.values() for h in c.hits
                    for a, b in h.pieces})
    # A statistical candidate, or a termbase term that no rule found (上合组织扩员, 多式联运物流
    # 中心: the termbase's entries, not the names of this text), covers nothing.
    statistical = {t for t, c in found.items() if c.rule in ("cvalue", "known")}
    # Spans that may cover what follows: each starts at or before the current one; those that
    # end before it can cover nothing more and are dropped now and then.
    covering: list[tuple[int, int, str]] = []
    own: set[tuple[str, tuple[tuple[int, int], ...]]] = set()
    for start, minus_end, term, pieces in spans:
        end = -minus_end
        if len(covering) > 16:
            covering = [c for c in covering if c[1] > start]
        length = end - start
        for c_start, c_end, c_term in covering:
            if end <= c_end and c_end - c_start > length and c_term != term:
                break  # inside a longer candidate's occurrence
        else:
            own.add((term, pieces))
        if term not in statistical:
            covering.append((start, end, term))
    for term, _ in own:
        found[term].own += 1


def assign_kinds(found: dict[str, Candidate]) -> None:
    for cand in found.values():
        best = min(cand.hits, key=lambda h: _ORDER[h.rule])
        cand.kind = best.kind


def link_abbreviations(doc: Prepared, found: dict[str, Candidate]) -> None:
    """Link short forms to full forms: defined ones first, then implied ones."""
    for cand in found.values():
        for hit in cand.hits:
            if hit.full_form:
                full = term_of(doc, hit.full_form)
                if full in found and full != cand.term:
                    _link(found, cand.term, full)
    longs: dict[str, list[str]] = defaultdict(list)
    for c in found.values():
        if c.kind in _ABBREVIABLE and len(c.term) >= 4:
            longs[c.term[0]].append(c.term)
    for cand in found.values():
        if cand.full_form or cand.kind not in _ABBREVIABLE | {"concept"} or \
                len(cand.term) > MAX_ABBREVIATION:
            continue
        fulls = [f for f in longs.get(cand.term[0], ()) if _abbreviates(cand.term, f)]
        if fulls:
            _link(found, cand.term, min(fulls, key=len))


def find_abbreviations(doc: Prepared, hits: list[Hit], found: dict[str, Candidate]) -> None:
    """Add short forms of names that the text uses without a definition (银联体 for 银行联合体):
    a rare word sequence that abbreviates a name found elsewhere in the text."""
    freq = word_frequencies()
    longest: dict[int, int] = {}  # the end of the longest hit starting at each offset
    for hit in hits:
        start, end = hit.pieces[0][0], hit.pieces[-1][1]
        if end > longest.get(start, 0):
            longest[start] = end
    fulls: dict[str, list[str]] = defaultdict(list)
    for c in found.values():
        if c.kind in _ABBREVIABLE and len(c.term) >= 4:
            fulls[c.term[0]].append(c.term)
    verdict: dict[str, str | None] = {}  # short form → its full form, or None
    simple, words = doc.simple, doc.words
    # Most words: no name found starts with their character.
    for i in doc.where(lambda text, _: text[0] in fulls):
        p = words[i].start
        far = longest.get(p, 0)
        # A short form ends where a word starts: at the end of word k, when a word k + 1
        # follows (the words cover the text end to end); shortest first.
        for k in range(i, len(words) - 1):
            size = words[k].end - p
            if size > MAX_ABBREVIATION:
                break
            if size < 2 or (far > p + size  # 上合 of 上合组织, but 银联体 of
                            and simple[p + size:p + size + 1] not in _CONJUNCTIONS):  # 银联体和…
                continue
            short = simple[p:p + size]
            if short not in verdict:
                verdict[short] = _full_form_of(short, fulls[short[0]], found, freq)
            full = verdict[short]
            if full is None:
                continue
            if short not in found:
                found[short] = Candidate(short, own=1)
            found[short].hits.append(Hit(((p, p + size),), "abbreviation", "implied"))
            _link(found, short, full)


def _full_form_of(short: str, fulls: list[str], found: dict[str, Candidate],
                  freq: dict[str, int]) -> str | None:
    if (short in found and found[short].rule != "cvalue") or freq.get(short, 0) >= 1000 \
            or not all(map(chinese.is_han, short)):
        return None
    matches = [f for f in fulls if _abbreviates(short, f)]
    return min(matches, key=len) if matches else None


def _link(found: dict[str, Candidate], short: str, full: str) -> None:
    found[short].full_form = full
    found[short].kind = "abbreviation"
    if short not in found[full].abbreviations:
        found[full].abbreviations.append(short)


def _abbreviates(short: str, full: str) -> bool:
    """上合组织 ⊂ 上海合作组织: same first character, the rest in order, not a plain part."""
    if len(full) < len(short) + 2 or short in full:
        return False
    common = 0  # the length of the shared head (组织, 论坛)
    while common < len(short) and short[-1 - common] == full[-1 - common]:
        common += 1
    if len(short) - common >= 2 and short[:len(short) - common] in full[:len(full) - common]:
        return False  # 上合组织论坛 drops a word of 上合组织青年论坛: a broader name
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if not position:
            return False
    # A long abbreviation keeps the head (组织, 体); a two-character one may not (亚信).
    return len(short) <= 2 or short[-1] == full[-1]


def to_dicts(doc: Prepared, found: dict[str, Candidate],
             known: Mapping[str, tuple[str, str]] | None) -> list[dict[str, Any]]:
    """The shared candidate shape, best first."""
    out: list[dict[str, Any]] = []
    places = _places(doc.simple, [c.term for c in found.values()
                                  if all(len(h.pieces) == 1 for h in c.hits)], MAX_CONTEXTS)
    for cand in found.values():
        count, occurrences = _occurrences(cand, places.get(cand.term), MAX_CONTEXTS)
        known_as = (known or {}).get(cand.term)
        out.append({
            "term": cand.term,
            "original": _original(doc, occurrences[0]) if occurrences else cand.term,
            "pinyin": chinese.pinyin_forms(cand.term, proper=cand.kind in _PROPER,
                                           person=cand.kind == "person").tone,
            "kind": cand.kind,
            "count": count,
            "score": _score(cand, count),
            "confidence": _confidence(cand, count),
            "contexts": [_context(doc, o) for o in occurrences],
            "full_form": cand.full_form,
            "abbreviations": sorted(cand.abbreviations),
            "concept": known_as[0] if known_as else None,
        })
    out.sort(key=lambda c: (-c["score"], c["term"]))
    return out


def _occurrences(cand: Candidate, places: tuple[int, list[int]] | None,
                 first: int) -> tuple[int, list[tuple[tuple[int, int], ...]]]:
    """How many times the term stands in the text (the string, or the pieces of a spliced
    name), and the first `first` of those places; `places` is what _places found for the
    term's string."""
    if places is None or not places[0]:
        every = sorted({h.pieces for h in cand.hits})
        return len(every), every[:first]
    size = len(cand.term)
    return places[0], [((start, start + size),) for start in places[1]]


def _places(text: str, terms: list[str], first: int) -> dict[str, tuple[int, list[int]]]:
    """For each term, how many times it stands in `text` (without overlapping itself, as
    str.count counts) and where the first `first` of those start: one pass over the text for
    all the terms, instead of one or more for each."""
    return {term: (len(starts), starts[:first])
            for term, starts in occurrences(text, terms).items()}


def _original(doc: Prepared, pieces: tuple[tuple[int, int], ...]) -> str:
    return "".join(doc.text[s:e] for s, e in pieces)


def _context(doc: Prepared, pieces: tuple[tuple[int, int], ...]) -> dict[str, Any]:
    start, end = pieces[0][0], pieces[-1][1]
    s_start, s_end = doc.sentence_of(start)
    o_start, o_end = doc.norm.to_original(start, end)
    return {"sentence": doc.text[s_start:max(s_end, end)], "start": o_start, "end": o_end}


def _confidence(cand: Candidate, count: int) -> float:
    """How likely the candidate is a term of its kind, 0 to 1: the reliability of the best
    rule that found it (a title in 《》 0.9, a name by its head 0.75, a transliteration 0.6,
    statistics alone 0.3), more when another rule agrees and when it recurs."""
    rules = {h.rule for h in cand.hits}
    base = 0.15 + 0.15 * RULES[cand.rule]
    agree = 0.05 * min(len(rules) - 1, 2)
    recurs = 0.02 * min(count - 1, 4) if count > 1 else 0.0
    return round(min(base + agree + recurs, 0.99), 2)


def _score(cand: Candidate, count: int) -> float:
    base = RULES[cand.rule] + (1.0 if len({h.rule for h in cand.hits}) > 1 else 0.0)
    return round(base + math.log2(1 + count) + 0.1 * cand.nc_value, 3)
