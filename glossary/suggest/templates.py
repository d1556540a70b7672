"""How the composition suggester learns from the termbase: templates from examples, pieces
by subtraction, and the index built once per Knowledge.

An example becomes a *template* when its parts' renderings are found in its own Russian or
English term (Russian parts in any case: «заседание Совета глав государств» holds «Совет глав
государств» in the genitive; a city as an adjective: «Астанинская декларация»; ordinals as
digits or words: «25-е», «тринадцатого», "25th"). This alignment is done lazily, for the
examples a query needs, and kept in the index.

The same alignment, run over the whole termbase once, learns the lexicon of pieces: what remains
of a term once its known parts' renderings are taken out (glossary.suggest.lexicon).
"""

from __future__ import annotations

import dataclasses
import re
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.suggest import russian as ru
from glossary.suggest.knowledge import Entry, Knowledge, Rendering
from glossary.suggest.lexicon import PIECE_KIND, remainder
from glossary.suggest.pieces import ORDINAL, YEARS, en_ordinal_word
from glossary.suggest.skeletons import (
    MAX_EXAMPLES,
    MAX_PLACE_EXAMPLES,
    NAME_KINDS,
    PART,
    PLACE_KINDS,
    Index,
    Occurrence,
    add_pieces,
    add_term,
    concept_occurrences,
    cover,
    leftover,
    occurrences,
    part_entries,
    piece_occurrences,
    skeleton_of,
    skeletons,
    uncovered,
)

#: Passes of learning pieces by subtraction (each may use the pieces the last one learned).
LEARNING_PASSES = 2
#: English words left in lower case inside a title.
EN_SMALL = {"a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "of",
             "on", "or", "the", "to", "with", "among", "against", "under", "until"}
_EN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


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


_indexes: weakref.WeakKeyDictionary[Knowledge, Index] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def index_of(knowledge: Knowledge) -> Index:
    """The index of `knowledge`, built on first use and rebuilt when it has grown."""
    with _indexes_lock:
        found = _indexes.get(knowledge)
        if found is None or found.size != len(knowledge):
            found = _indexes[knowledge] = _build(knowledge)
        return found


def _build(knowledge: Knowledge) -> Index:
    index = Index(knowledge, len(knowledge))
    for zh in knowledge.chinese_terms():
        add_term(index, zh)
    index.entries.extend(knowledge)
    # a concept that says what another already said (the same Chinese and renderings) is
    # not a second example: it would count twice and cost twice
    said: set[tuple] = set()
    examples: list[tuple[int, str]] = []
    for number, entry in enumerate(index.entries):
        if entry.kind in NAME_KINDS:
            continue
        renderings = (tuple(r.text for r in entry.ru), tuple(r.text for r in entry.en))
        for zh in dict.fromkeys(entry.zh):
            if (zh, renderings) not in said:
                said.add((zh, renderings))
                examples.append((number, zh))
    # the other concepts' terms each example holds: read once, for learning and indexing
    parts = {(number, zh): concept_occurrences(zh, index, exclude=index.entries[number].key)
             for number, zh in examples}
    _learn_pieces(index, examples, parts)
    is_place: dict[str, bool] = {}
    for number, zh in examples:
        entry = index.entries[number]
        # an example's own piece is a slot of its template (the suggester never asks an
        # example about the concept it is)
        found = parts[(number, zh)]
        found = found + piece_occurrences(zh, index, found, exclude=entry.key,
                                          own_pieces=True)
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
            held = index.skeletons.setdefault(key, [])
            if len(held) < MAX_EXAMPLES:
                held.append((number, zh, cut))
    return index


def _learn_pieces(index: Index, examples: list[tuple[int, str]],
                  parts: dict[tuple[int, str], list[Occurrence]]) -> None:
    """The lexicon of pieces, by subtraction: a concept whose Chinese is known parts and one
    stretch of other characters, and whose rendering holds the parts' renderings, gives that
    stretch the rest of the rendering (上海合作组织 + 初创企业论坛 ↔ SCO + Startup Forum).

    Pieces learned in one pass are parts in the next: once 论坛 ↔ Forum is known,
    上海合作组织 + 初创企业 + 论坛 gives 初创企业 ↔ Startup. A later pass reads again only the
    terms whose uncovered characters hold a piece just learned.
    """
    todo = examples
    done: dict[tuple, str | None] = {}
    for _ in range(LEARNING_PASSES):
        known = set(index.lexicon.chinese())
        waiting: list[tuple[int, str, str]] = []
        for number, zh in todo:
            entry = index.entries[number]
            found = parts[(number, zh)]
            if known:
                found = found + piece_occurrences(zh, index, found, exclude=entry.key)
            cut = cover(found)
            rest = uncovered(zh, cut)
            if rest:
                waiting.append((number, zh, rest))
            left = leftover(zh, cut)
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
                    text = done[key]
                    if text:
                        index.lexicon.add(left, lang, text, entry.key)
        new = [zh for zh in index.lexicon.chinese() if zh not in known]
        add_pieces(index, new)
        heads = {piece[:2] for piece in new}
        todo = [(number, zh) for number, zh, rest in waiting
                if any(rest[i:i + 2] in heads for i in range(len(rest) - 1))
                and any(piece in rest for piece in new)]
        if not todo:
            break


def _subtract(index: Index, entry: Entry, cut: list[Occurrence], target: str,
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


def is_title(text: str) -> bool:
    words = [w for w in _EN_TOKEN.findall(text) if w.casefold() not in EN_SMALL]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _align_part(occ: Occurrence, example: Entry, target: str, lang: str,
                index: Index) -> list[tuple[int, int, Slot]]:
    """Where a part's rendering stands in the example's target term, longest first."""
    found: list[tuple[int, int, Slot]] = []
    for part in part_entries(index, occ.zh, lang, example.key, own_pieces=True):
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
                    slot = Slot("np", part.kind, rendering_type=r.type, title=is_title(placed),
                                source=part.key, text=r.text, sources=sources)
                found.append((start, end, slot))
        if lang == "ru" and part.kind in PLACE_KINDS:
            found.extend(align_adjective(part, target))
    found.sort(key=lambda f: f[0] - f[1])
    return found


def _stem(name: str) -> str:
    low = name.casefold()
    return low[:-1] if low[-1:] in "аеиоуыэюяйь" else low


def align_adjective(place: Entry, target: str) -> Iterator[tuple[int, int, Slot]]:
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


def templates_for(index: Index, number: int, zh: str, cut: tuple[Occurrence, ...],
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


def _template(index: Index, example: Entry, zh: str, cut: tuple[Occurrence, ...],
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
    skeleton = skeleton_of(zh, cut)
    literal = " … ".join(p for p in pieces_ if isinstance(p, str))
    if _repeats_a_slot(index, example, cut, skeleton, literal, lang):
        return
    yield Template(example.key, skeleton, tuple(p for p in pieces_ if p != ""), tuple(slots))


def _repeats_a_slot(index: Index, example: Entry, cut: tuple[Occurrence, ...], skeleton: str,
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
            for part in part_entries(index, inner.zh, lang, example.key):
                if any(_find(r.text, literal, lang) for r in part.renderings(lang)):
                    return True
    return False
