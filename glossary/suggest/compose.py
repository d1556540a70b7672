"""Suggester: a term built from parts the termbase knows, rendered the way the termbase
renders terms built alike.

Most SCO terms are made of known parts: 上合组织 + 卫生健康共同体, 上海合作组织成员国元首理事会 +
第二十五次 + 会议, 2024—2029年 + 上海合作组织成员国禁毒战略, a city + 宣言. The termbase's own
concepts say how such parts combine in Russian and English, so the rules are learned, not
written:

1. Every Chinese term of the termbase is read as a *skeleton*: one or two of its parts (the
   Chinese terms of other concepts, ordinals 第N次, years and year ranges, numbers) replaced by
   slots, the rest kept as it is — 上海合作组织成员国元首理事会 + 第七次 + 会议 gives the skeletons
   "上海合作组织成员国元首理事会{O}会议", "{X}第七次会议", "{X}{O}会议" ... An index maps each
   skeleton to the concepts that have it (built once per Knowledge, a dictionary read per
   query).
2. A new term is read the same way; each of its skeletons found in the index names examples.
   An example becomes a *template* when its parts' renderings are found in its own Russian or
   English term (Russian parts in any case: «заседание Совета глав государств» holds «Совет
   глав государств» in the genitive; a city as an adjective: «Астанинская декларация»;
   ordinals as digits or words: «25-е», «тринадцатого», "25th"). This alignment is done
   lazily, for the examples a query needs, and kept.
3. The template is filled with the new term's parts, the Russian put into the case, number or
   adjective form the example had (glossary.suggest.russian), and the renderings that several
   examples agree on score higher.

A new term with a part the termbase does not know matches no skeleton: no suggestion.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from glossary.suggest import Material, Query, Suggestion, same_rendering
from glossary.suggest import russian as ru
from glossary.suggest.knowledge import Entry, Knowledge, Rendering
from glossary.suggest.lexicon import PIECE_KIND, Lexicon, is_chinese, remainder
from glossary.suggest.pieces import (
    NUMBER,
    ORDINAL,
    YEARS,
    en_ordinal_digits,
    en_ordinal_word,
    pieces,
)

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
#: Passes of learning pieces by subtraction (each may use the pieces the last one learned).
LEARNING_PASSES = 2
#: Terms read to learn the adjective of a place.
MAX_PLACE_EXAMPLES = 64
#: English words left in lower case inside a title.
_EN_SMALL = {"a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "of",
             "on", "or", "the", "to", "with", "among", "against", "under", "until"}
_EN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Occurrence:
    """A part of a Chinese term: a known term of another concept, or a read piece."""

    start: int
    end: int
    kind: str  # PART, ORDINAL, YEARS or NUMBER
    zh: str
    value: tuple[int, ...] = ()
    piece: bool = False  # a PART that is a piece of the lexicon, not a concept's term


@dataclass(frozen=True)
class Slot:
    """How a slot of a template is written in the target language."""

    how: str  # "np", "adj", "ordinal-digits", "ordinal-words", "years", "number"
    kind: str  # the part's concept kind, or the piece kind
    form: ru.Form | None = None
    suffix: str = ""  # "-е" of 25-е, the dash of 2018–2023
    rendering_type: str = "fullForm"
    title: bool = False  # English: the example wrote the part in title case
    capital: bool = False  # the slot starts the term and the example's term is capitalised
    source: str = ""  # the concept whose rendering the example had there
    text: str = ""  # that rendering, as the example wrote it
    zh: str = ""  # the example's part in Chinese
    sources: frozenset[str] = frozenset()  # a piece: the concepts its rendering was learned from


@dataclass(frozen=True)
class Template:
    """One example's target term with its parts cut out: literal strings and slots."""

    example: str
    zh: str  # the skeleton, slots marked
    target: tuple[str | int, ...]  # strings, and slot numbers into `slots`
    slots: tuple[Slot, ...]

    def rule(self) -> str:
        names = "XYZ"
        zh = self.zh
        for i in range(len(self.slots)):
            zh = re.sub("[\x00-\x03]", names[i], zh, count=1)
        target = []
        for piece in self.target:
            if isinstance(piece, str):
                target.append(piece)
                continue
            slot = self.slots[piece]
            tag = {"np": slot.form.case if slot.form and slot.form.case != "nomn" else "",
                   "adj": "adj", "ordinal-digits": "ordinal", "ordinal-words": "ordinal",
                   "years": "years", "number": "number"}[slot.how]
            target.append(names[piece] + (":" + tag if tag else ""))
        return f"{zh} → {''.join(target)}"


@dataclass
class _Index:
    """What the suggester learns from one Knowledge: skeletons → examples, and templates."""

    knowledge: Knowledge
    size: int
    entries: list[Entry] = field(default_factory=list)
    #: the first two characters of every known term → the longest such term's length
    starts: dict[str, int] = field(default_factory=dict)
    #: every known Chinese term, and their beginnings up to PREFIX characters
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
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


_indexes: weakref.WeakKeyDictionary[Knowledge, _Index] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def _index(knowledge: Knowledge) -> _Index:
    """The index of `knowledge`, built on first use and rebuilt when it has grown."""
    with _indexes_lock:
        found = _indexes.get(knowledge)
        if found is None or found.size != len(knowledge):
            found = _indexes[knowledge] = _build(knowledge)
        return found


def _add_term(index: _Index, zh: str) -> None:
    if len(zh) >= 2:
        head = zh[:2]
        index.starts[head] = max(index.starts.get(head, 0), min(len(zh), MAX_PART))
        index.terms.add(zh)
        index.prefixes.update(zh[:k] for k in range(3, min(len(zh), PREFIX) + 1))


def _build(knowledge: Knowledge) -> _Index:
    index = _Index(knowledge, len(knowledge))
    for zh in knowledge.chinese_terms():
        _add_term(index, zh)
    index.entries.extend(knowledge)
    _learn_pieces(index)
    # a concept that says what another already said (the same Chinese and renderings) is
    # not a second example: it would count twice and cost twice
    said: set[tuple] = set()
    is_place: dict[str, bool] = {}
    for number, entry in enumerate(index.entries):
        if entry.kind in NAME_KINDS:
            continue
        renderings = (tuple(r.text for r in entry.ru), tuple(r.text for r in entry.en))
        for zh in dict.fromkeys(entry.zh):
            if (zh, renderings) in said:
                continue
            said.add((zh, renderings))
            # an example's own piece is a slot of its template (the suggester never asks
            # an example about the concept it is)
            found = occurrences(zh, index, exclude=entry.key, own_pieces=True)
            for occ in found:
                place = is_place.get(occ.zh)
                if place is None and occ.kind == PART:
                    place = is_place[occ.zh] = any(e.kind in PLACE_KINDS
                                                   for e in knowledge.lookup(occ.zh))
                if place:
                    holders = index.places.setdefault(occ.zh, [])
                    if len(holders) < MAX_PLACE_EXAMPLES:
                        holders.append(number)
            for key, cut in skeletons(zh, found, maximal_pairs=True):
                examples = index.skeletons.setdefault(key, [])
                if len(examples) < MAX_EXAMPLES:
                    examples.append((number, zh, cut))
    return index


def _learn_pieces(index: _Index) -> None:
    """The lexicon of pieces, by subtraction: a concept whose Chinese is known parts and one
    stretch of other characters, and whose rendering holds the parts' renderings, gives that
    stretch the rest of the rendering (上海合作组织 + 初创企业论坛 ↔ SCO + Startup Forum).

    Pieces learned in one pass are parts in the next: once 论坛 ↔ Forum is known,
    上海合作组织 + 初创企业 + 论坛 gives 初创企业 ↔ Startup. A later pass reads again only the
    terms whose uncovered characters hold a piece just learned.
    """
    said: set[tuple] = set()
    todo: list[tuple[Entry, str]] = []
    for entry in index.entries:
        if entry.kind in NAME_KINDS:
            continue
        renderings = (tuple(r.text for r in entry.ru), tuple(r.text for r in entry.en))
        for zh in dict.fromkeys(entry.zh):
            if (zh, renderings) not in said:  # a concept that repeats another: no example
                said.add((zh, renderings))
                todo.append((entry, zh))
    done: dict[tuple, str | None] = {}
    for _ in range(LEARNING_PASSES):
        known = set(index.lexicon.chinese())
        waiting: list[tuple[Entry, str, str]] = []
        for entry, zh in todo:
            cut = _cover(occurrences(zh, index, exclude=entry.key))
            uncovered = _uncovered(zh, cut)
            if uncovered:
                waiting.append((entry, zh, uncovered))
            left = _leftover(zh, cut)
            if left is None or index.knowledge.knows(left):
                continue
            # copies of a concept under other keys align alike: align once
            own = any(e.key == entry.key for o in cut for e in index.knowledge.lookup(o.zh))
            for lang in ("ru", "en"):
                for r in entry.renderings(lang):
                    key = (tuple((o.zh, o.kind, o.value) for o in cut), r.text, lang,
                           entry.key if own else None)
                    if key not in done:
                        done[key] = _subtract(index, entry, cut, r.text, lang)
                    if done[key]:
                        index.lexicon.add(left, lang, done[key], entry.key)
        new = [zh for zh in index.lexicon.chinese() if zh not in known]
        for zh in new:
            _add_term(index, zh)
        todo = [(entry, zh) for entry, zh, uncovered in waiting
                if any(piece in uncovered for piece in new)]
        if not todo:
            break


def _uncovered(zh: str, cut: list[Occurrence]) -> str:
    covered = set()
    for occ in cut:
        covered.update(range(occ.start, occ.end))
    return "".join(ch if i not in covered else " " for i, ch in enumerate(zh)).strip()


def _cover(found: list[Occurrence]) -> list[Occurrence]:
    """The longest occurrences that do not overlap, in their order in the term."""
    chosen: list[Occurrence] = []
    for occ in sorted(found, key=lambda o: (o.start - o.end, o.start)):
        if all(occ.end <= c.start or c.end <= occ.start for c in chosen):
            chosen.append(occ)
    return sorted(chosen, key=lambda o: o.start)


#: Marks that may stand between parts without being a piece (《》 of a title, brackets).
_PUNCT = set("《》“”\"（）()、，,·—–- ")


def _leftover(zh: str, cut: list[Occurrence]) -> str | None:
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


def _subtract(index: _Index, entry: Entry, cut: list[Occurrence], target: str,
              lang: str) -> str | None:
    """The rendering with the parts' renderings taken out, when every part is found."""
    spans: list[tuple[int, int]] = []
    for occ in cut:
        found = (_align_part(occ, entry, target, lang, index) if occ.kind == PART
                 else _align_piece(occ, target, lang))
        free = [(s, e) for s, e, _slot in found if all(e <= a or b <= s for a, b in spans)]
        if not free:
            return None
        spans.append(free[0])
    text = remainder(target, spans, lang)
    # a Russian piece is learned where it stands in the nominative: at the head of the term
    if text and lang == "ru" and not target.startswith(text):
        return None
    return text


def occurrences(term: str, index: _Index, *, exclude: str | None,
                own_pieces: bool = False) -> list[Occurrence]:
    """The known parts and read pieces of a Chinese term (never the whole term). Pieces of
    the lexicon count as parts; with `own_pieces`, even those only `exclude` taught."""
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
            elif part in index.lexicon and index.lexicon.knows(
                    part, None if own_pieces else exclude):
                found.append(Occurrence(i, j, PART, part, piece=True))
    return found


def _skeleton(term: str, cut: tuple[Occurrence, ...]) -> str:
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
        yield _skeleton(term, (occ,)), (occ,)
    pairable = ordered
    if maximal_pairs:
        pairable = [o for o in ordered if not any(
            p is not o and p.start <= o.start and o.end <= p.end for p in ordered)]
    for a_i, a in enumerate(pairable):
        for b in pairable[a_i + 1:]:
            if a.end <= b.start:
                yield _skeleton(term, (a, b)), (a, b)


# --- learning a template from an example ---------------------------------------------------

def _words(text: str, lang: str) -> list[re.Match[str]]:
    return ru.tokens(text) if lang == "ru" else list(_EN_TOKEN.finditer(text))


def _same_word(a: str, b: str, lang: str) -> bool:
    fa, fb = a.casefold().replace("ё", "е"), b.casefold().replace("ё", "е")
    if fa == fb:
        return True
    if lang == "ru":
        return bool(ru.lemmas(a) & ru.lemmas(b))
    return fa.replace("isation", "ization") == fb.replace("isation", "ization")


def _find(rendering: str, target: str, lang: str) -> list[tuple[int, int]]:
    """Where the words of `rendering` stand in `target` (Russian: in any case)."""
    want, there = _words(rendering, lang), _words(target, lang)
    k = len(want)
    spans: list[tuple[int, int]] = []
    if not k:
        return spans
    # what stands around the words of the rendering: «» of a name, the ) of (Prime Ministers)
    before = rendering[:want[0].start()]
    after = rendering[want[-1].end():]
    for i in range(len(there) - k + 1):
        if all(_same_word(w.group(), t.group(), lang)
               for w, t in zip(want, there[i:i + k], strict=True)):
            start, end = there[i].start(), there[i + k - 1].end()
            if before and target[max(0, start - len(before)):start] == before:
                start -= len(before)
            if after and target[end:end + len(after)] == after:
                end += len(after)
            spans.append((start, end))
    return spans


def _title(text: str) -> bool:
    words = [w for w in _EN_TOKEN.findall(text) if w.casefold() not in _EN_SMALL]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _align_part(occ: Occurrence, example: Entry, target: str, lang: str,
                index: _Index) -> list[tuple[int, int, Slot]]:
    """Where a part's rendering stands in the example's target term, longest first."""
    found: list[tuple[int, int, Slot]] = []
    for part in _parts(index, occ.zh, lang, example.key, own_pieces=True):
        for r in part.renderings(lang):
            sources = (index.lexicon.sources(occ.zh, lang, r.text)
                       if part.kind == PIECE_KIND else frozenset[str]())
            for start, end in _find(r.text, target, lang):
                placed = target[start:end]
                if lang == "ru":
                    # a rendering that does not decline (ООН) shows no case: None
                    form = ru.form_in(r.text, placed) if ru.head_index(r.text) is not None \
                        else None
                    if form is None and ru.head_index(r.text) is not None:
                        continue
                    slot = Slot("np", part.kind, form, rendering_type=r.type, source=part.key,
                                text=r.text, sources=sources)
                else:
                    slot = Slot("np", part.kind, rendering_type=r.type, title=_title(placed),
                                source=part.key, text=r.text, sources=sources)
                found.append((start, end, slot))
        if lang == "ru" and part.kind in PLACE_KINDS:
            found.extend(_align_adjective(part, target))
    found.sort(key=lambda f: f[0] - f[1])
    return found


def _distinct(entries: list[Entry], lang: str) -> list[Entry]:
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


def _parts(index: _Index, zh: str, lang: str, exclude: str | None, *,
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


def _stem(name: str) -> str:
    low = name.casefold()
    return low[:-1] if low[-1:] in "аеиоуыэюяйь" else low


def _align_adjective(place: Entry, target: str) -> Iterator[tuple[int, int, Slot]]:
    """A place's name standing as an adjective (Астана → Астанинская декларация)."""
    for r in place.renderings("ru"):
        if " " in r.text or len(r.text) < 3:
            continue
        stem = _stem(r.text)
        for m in ru.tokens(target):
            word = m.group()
            if word.casefold().startswith(stem) and word.casefold() != r.text.casefold():
                form = ru.adjective_form(word)
                if form is not None:
                    yield m.start(), m.end(), Slot("adj", place.kind, form, source=place.key,
                                                    text=word)


def _align_piece(occ: Occurrence, target: str, lang: str) -> list[tuple[int, int, Slot]]:
    n = occ.value[0]
    found: list[tuple[int, int, Slot]] = []
    if occ.kind == ORDINAL:
        if lang == "ru":
            for m in re.finditer(rf"(?<!\d){n}(-[а-я]{{1,3}})", target):
                found.append((m.start(), m.end(), Slot("ordinal-digits", ORDINAL,
                                                       suffix=m.group(1))))
            words = ru.find_ordinal(n, target)
            if words:
                start, end, form = words
                found.append((start, end, Slot("ordinal-words", ORDINAL, form,
                                               capital=target[start].isupper())))
        else:
            for m in re.finditer(rf"(?<!\d){n}(st|nd|rd|th)\b", target):
                found.append((m.start(), m.end(), Slot("ordinal-digits", ORDINAL)))
            word = en_ordinal_word(n)
            if word:
                for m in re.finditer(rf"\b{word}\b", target, re.IGNORECASE):
                    found.append((m.start(), m.end(), Slot("ordinal-words", ORDINAL,
                                                           capital=target[m.start()].isupper())))
    elif occ.kind == YEARS and len(occ.value) == 2:
        a, b = occ.value
        for m in re.finditer(rf"(?<!\d){a}(\s*[-–—]\s*){b}(?!\d)", target):
            found.append((m.start(), m.end(), Slot("years", YEARS, suffix=m.group(1))))
    else:
        for m in re.finditer(rf"(?<!\d){n}(?!\d)", target):
            found.append((m.start(), m.end(), Slot("years" if occ.kind == YEARS else "number",
                                                   occ.kind)))
    return found


def _templates(index: _Index, number: int, zh: str, cut: tuple[Occurrence, ...],
               lang: str) -> list[Template]:
    """The templates one example gives for one way of cutting it, learned once and kept."""
    key = (number, zh, cut, lang)
    known = index.templates.get(key)
    if known is not None:
        return known
    example = index.entries[number]
    made: list[Template] = []
    for r in example.renderings(lang):
        made.extend(_template(index, example, zh, cut, r, lang))
    index.templates[key] = made
    return made


def _template(index: _Index, example: Entry, zh: str, cut: tuple[Occurrence, ...],
              rendering: Rendering, lang: str) -> Iterator[Template]:
    target = rendering.text
    options = []
    for occ in cut:
        if occ.kind == PART:
            options.append(_align_part(occ, example, target, lang, index))
        else:
            options.append(_align_piece(occ, target, lang))
        if not options[-1]:
            return
    # the first (longest) place of each part whose places do not overlap
    chosen: list[tuple[int, int, Slot]] = []
    for found in options:
        for start, end, slot in found:
            if all(end <= s or e <= start for s, e, _ in chosen):
                chosen.append((start, end, slot))
                break
        else:
            return
    slots = []
    for (start, _end, slot), occ in zip(chosen, cut, strict=True):
        slots.append(dataclasses.replace(
            slot, capital=slot.capital or (start == 0 and target[:1].isupper()), zh=occ.zh))
    order = sorted(range(len(chosen)), key=lambda i: chosen[i][0])
    pieces_: list[str | int] = []
    last = 0
    for i in order:
        start, end, _ = chosen[i]
        pieces_.append(target[last:start])
        pieces_.append(i)
        last = end
    pieces_.append(target[last:])
    skeleton = _skeleton(zh, cut)
    literal = " … ".join(p for p in pieces_ if isinstance(p, str))
    if _repeats_a_slot(index, example, cut, skeleton, literal, lang):
        return
    yield Template(example.key, skeleton, tuple(p for p in pieces_ if p != ""), tuple(slots))


def _repeats_a_slot(index: _Index, example: Entry, cut: tuple[Occurrence, ...], skeleton: str,
                    literal: str, lang: str) -> bool:
    """Whether the text kept as it is renders something inside a slot: the example's part
    was found only in part (SCO Secretariat found as "Secretariat" … "of the SCO"), and the
    template would repeat it."""
    for occ in cut:
        if occ.kind != PART:
            continue
        for inner in occurrences(occ.zh, index, exclude=example.key):
            if inner.kind != PART or inner.piece or inner.zh in skeleton:
                continue
            for part in _parts(index, inner.zh, lang, example.key):
                if any(_find(r.text, literal, lang) for r in part.renderings(lang)):
                    return True
    return False


# --- filling a template ------------------------------------------------------------------

def _pick(part: Entry, lang: str, slot: Slot) -> Rendering | None:
    """The rendering of the new part to put in the slot: one of the kind the example had
    (an abbreviation for ШОС); for a Russian slot whose case the example could not show
    (it held ООН), only a rendering that does not decline either."""
    usable = part.renderings(lang)
    if lang == "ru" and slot.form is None:
        fixed = [r for r in usable if ru.head_index(r.text) is None]
        return fixed[0] if fixed else None
    same = [r for r in usable if r.type == slot.rendering_type]
    return same[0] if same else part.head(lang)


def _adjectives(index: _Index, place_zh: str) -> list[tuple[str, str]]:
    """Adjectives the termbase forms from a place (lemma, concept it was read in)."""
    known = index.adjectives.get(place_zh)
    if known is not None:
        return known
    found: list[tuple[str, str]] = []
    places = [e for e in _distinct(index.knowledge.lookup(place_zh), "ru")
              if e.kind in PLACE_KINDS]
    for number in index.places.get(place_zh, ()):
        entry = index.entries[number]
        for r in entry.renderings("ru"):
            for place in places:
                for _s, _e, slot in _align_adjective(place, r.text):
                    lemma = ru.adjective_lemma(slot.text)
                    if lemma:
                        found.append((lemma, entry.key))
    index.adjectives[place_zh] = found
    return found


@dataclass
class _Fill:
    text: str
    weight: float
    parts: list[dict[str, Any]]


def _fill_slot(slot: Slot, occ: Occurrence, index: _Index, lang: str,
               exclude: str | None) -> tuple[str, float, dict[str, Any] | None] | None:
    """The new part written as the example wrote its own: text, confidence, evidence."""
    if occ.kind == ORDINAL:
        n = occ.value[0]
        if lang == "ru":
            if slot.how == "ordinal-digits":
                return f"{n}{slot.suffix}", 1.0, None
            text = ru.ordinal(n, slot.form or ru.Form())
        else:
            if slot.how == "ordinal-digits":
                return en_ordinal_digits(n), 1.0, None
            text = en_ordinal_word(n)
        if text is None:
            return None
        return (text[:1].upper() + text[1:] if slot.capital else text), 1.0, None
    if occ.kind == YEARS:
        if len(occ.value) == 2:
            if slot.how != "years" or not slot.suffix:
                return None
            return f"{occ.value[0]}{slot.suffix}{occ.value[1]}", 1.0, None
        if slot.suffix:
            return None
        return str(occ.value[0]), 1.0, None
    if occ.kind == NUMBER:
        return str(occ.value[0]), 1.0, None
    best: tuple[str, float, dict[str, Any] | None] | None = None
    for part in _parts(index, occ.zh, lang, exclude):
        weight = 1.0 if part.kind == slot.kind else 0.7
        if slot.how == "adj":
            if part.kind not in PLACE_KINDS:
                continue
            learned = [lemma for lemma, key in _adjectives(index, occ.zh) if key != exclude]
            name = part.head("ru")
            derived = ru.derived_adjective(name.text) if name and not learned else None
            lemma = learned[0] if learned else (derived[0] if derived else None)
            if lemma is None:
                continue
            if derived:
                weight *= derived[1]  # formed by a suffix, not seen in the termbase
            text = ru.inflect_adjective(lemma, slot.form or ru.Form())
            if text is None:
                continue
            text = text[:1].upper() + text[1:] if slot.capital else text
            evidence = {"type": "part", "zh": occ.zh, "text": text, "concept": part.key}
        else:
            r = _pick(part, lang, slot)
            if r is None:
                continue
            text = r.text
            if lang == "ru" and slot.form is not None:
                inflected = ru.inflect_phrase(text, slot.form)
                if inflected is None:
                    continue
                text = inflected
            elif lang == "en" and slot.title and not _title(text):
                text = " ".join(w if w.casefold() in _EN_SMALL and i else w[:1].upper() + w[1:]
                                for i, w in enumerate(text.split(" ")))
            if slot.capital:
                text = text[:1].upper() + text[1:]
            elif (lang == "en" and text[:1].isupper() and text[1:2].islower()
                  and slot.text[:1].islower()):
                text = text[:1].lower() + text[1:]
            evidence = {"type": "part", "zh": occ.zh, "text": r.text, "concept": part.key}
            if part.kind == PIECE_KIND:
                weight *= index.lexicon.weight(occ.zh, lang, r.text, exclude)
                # no concept of its own: the concepts the piece was learned from
                learned = sorted(index.lexicon.sources(occ.zh, lang, r.text) - {exclude})
                evidence = {"type": "part", "zh": occ.zh, "text": r.text,
                            "concept": learned[0] if learned else None,
                            "learned_from": learned[:3]}
        if best is None or weight > best[1]:
            best = (text, weight, evidence)
    return best


def _apply(template: Template, cut: tuple[Occurrence, ...], index: _Index, lang: str,
           exclude: str | None) -> _Fill | None:
    # the query's occurrences in the order of the example's slots
    filled: list[str] = []
    weight = 1.0
    parts = []
    bare = all(ch in "\x00\x01\x02\x03" for ch in template.zh)
    for slot, occ in zip(template.slots, cut, strict=True):
        if (occ.kind == PART) != (slot.kind not in (ORDINAL, YEARS, NUMBER)):
            return None
        if bare and occ.kind == PART and not any(
                p.kind == slot.kind for p in _parts(index, occ.zh, lang, exclude)):
            return None  # parts side by side combine by kind, or not at all
        if slot.source and slot.source == exclude:
            return None
        if slot.sources and not slot.sources - {exclude}:
            return None  # the example's piece was learned from the excluded concept only
        if occ.kind == PART and occ.zh != slot.zh and (occ.zh in slot.zh or slot.zh in occ.zh):
            # 元首 in the example, 元首理事会 here: the rest of the example's term was
            # written around the smaller part and would be said twice
            return None
        done = _fill_slot(slot, occ, index, lang, exclude)
        if done is None:
            return None
        text, w, evidence = done
        filled.append(text)
        weight *= w
        if evidence:
            parts.append(evidence)
    text = "".join(p if isinstance(p, str) else filled[p] for p in template.target)
    text = " ".join(text.split())
    if lang == "ru":
        text = _OB.sub(r"\1б \2", text)
    return _Fill(text, weight, parts)


#: Russian о becomes об before a vowel (о сотрудничестве, об Антинаркотическом центре).
_OB = re.compile(r"\b([оО]) ([аэиоуыАЭИОУЫ])")


_DASH = re.compile(r"\s*[-–—‒]\s*")


def _variant_key(text: str) -> str:
    """Renderings that differ only in how a dash is spaced (государств – членов,
    государств-членов) are one answer: their examples count together."""
    return _DASH.sub("-", same_rendering(text))


def _specificity(skeleton: str) -> float:
    """How much of the example stays as it is: a skeleton that is all slots says little."""
    literal = sum(1 for ch in skeleton if ch not in "\x00\x01\x02\x03")
    return min(1.0, 0.25 + 0.75 * literal / 4)


def suggest(query: Query, knowledge: Knowledge, material: Material) -> Iterable[Suggestion]:
    """Renderings of a term composed of known parts, from templates the termbase teaches."""
    term = query.term.strip()
    if len(term) < 3 or (query.kind in NAME_KINDS):
        return []
    index = _index(knowledge)
    found = occurrences(term, index, exclude=query.exclude)
    if not found:
        return []
    results: dict[str, dict[str, dict[str, Any]]] = {"ru": {}, "en": {}}
    # every example read, by its weight: one whose own term does not follow the pattern
    # counts against it (SCO summits are «заседание» in some, «саммит ШОС в …» in others)
    tried: dict[str, dict[str, float]] = {"ru": {}, "en": {}}
    with index.lock:
        for key, cut in skeletons(term, found, maximal_pairs=False):
            for number, zh, example_cut in index.skeletons.get(key, ()):
                example = index.entries[number]
                if example.key == query.exclude:
                    continue
                spec = _specificity(key)
                if query.kind and example.kind != query.kind:
                    spec *= 0.6  # a meeting is not named like a document
                for lang in ("ru", "en"):
                    if example.renderings(lang):
                        tried[lang][example.key] = max(tried[lang].get(example.key, 0.0), spec)
                    for template in _templates(index, number, zh, example_cut, lang):
                        fill = _apply(template, cut, index, lang, query.exclude)
                        if fill is None:
                            continue
                        same = _variant_key(fill.text)
                        slot = results[lang].setdefault(same, {"text": fill.text, "examples": {},
                                                              "parts": fill.parts,
                                                              "template": template,
                                                              "variants": {}})
                        w = fill.weight * spec
                        if w > slot["examples"].get(template.example, 0.0):
                            slot["examples"][template.example] = w
                        if w >= max(slot["examples"].values()):
                            slot["template"], slot["parts"] = template, fill.parts
                        variants = slot["variants"]
                        variants[fill.text] = variants.get(fill.text, 0.0) + w
                        slot["text"] = max(variants, key=lambda t: (variants[t], t))
    return [s for lang in ("ru", "en")
            for s in _scored(lang, results[lang], sum(tried[lang].values()))]


def _scored(lang: str, found: dict[str, dict[str, Any]], total: float) -> list[Suggestion]:
    if not found:
        return []
    support = {k: sum(v["examples"].values()) for k, v in found.items()}
    total = max(total, max(support.values()))
    out = []
    for key, v in found.items():
        weights = sorted(v["examples"].values(), reverse=True)
        belief = 1.0
        for w in weights[:4]:
            belief *= 1 - 0.45 * w
        score = (1 - belief) * (support[key] / total)
        template: Template = v["template"]
        examples = sorted(v["examples"], key=lambda e: -v["examples"][e])[:3]
        evidence = (*v["parts"], {"type": "rule", "rule": template.rule(),
                                  "examples": examples})
        note = (f"composed like {', '.join(examples)}: {template.rule()}")
        out.append(Suggestion(lang, v["text"], round(score, 4), "composition", evidence, note))
    out.sort(key=lambda s: -s.score)
    return out[:5]
