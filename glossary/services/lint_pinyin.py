"""Lint rules for the pinyin of zh-Hans terms (GB/T 16159-2012), as far as a program can
check them without a dictionary of its own: the termbase must agree with itself.

- pinyin-case: a proper name (a concept of a PROPER_KINDS kind) is capitalised word by word
  (function words 和, 与, 的 ... lower case); a title or concept is lower case, except the
  proper names of the termbase written inside it, which keep their capitals
  (Zhōnghuá Rénmín Gònghéguó zhǔxí).
- pinyin-words: a term written inside another is divided into words the same way in both;
  a status noun + 国 is one word (chéngyuánguó, guāncháyuánguó).

Readings are the term's checked `pinyin:` or, without one, what the loader derives, so the
lint sees exactly what `glossary init` stores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from glossary import chinese
from glossary.datafiles import ConceptRecord, Termbase, TermRecord
from glossary.enrich import derived_pinyin
from glossary.models import PROPER_KINDS
from glossary.services.lint import LintProblem

#: Nouns of status that make one word with a following 国 (成员国 chéngyuánguó).
STATUS_NOUNS = ("成员", "观察员", "会员", "理事", "主席", "伙伴")
#: What a term's note says when a term of a name's concept is used as a common noun, which
#: keeps its pinned lower-case pinyin (本组织 "this Organisation").
COMMON_NOUN = "common noun"
# Inside a pinyin word, these join pieces (Dì-èrshíbā, Xī'ān, Hézuò-2016); other marks
# (quotes, title marks, brackets, commas) are not read.
_PIECE_SPLIT = re.compile(r"[-'·’]")
_NOT_READ = re.compile(r"[^\w\-'·’]|_")


@dataclass(frozen=True)
class Reading:
    """A zh-Hans term's pinyin aligned with its text: each unit of the text (a Han
    character, or a run of digits/Latin letters) knows the pinyin word it is read in."""

    concept: ConceptRecord
    term: TermRecord
    words: tuple[str, ...]
    unit_word: tuple[int, ...]  # per unit: index into words
    unit_start: tuple[int, ...]  # per unit: offset in term.text
    pinned: bool  # the reading is a checked `pinyin:` override

    def is_word_start(self, unit: int) -> bool:
        return unit == 0 or self.unit_word[unit] != self.unit_word[unit - 1]

    def is_word_end(self, unit: int) -> bool:
        """Unit `unit` is the first one after a word (or the end)."""
        return unit == len(self.unit_word) or self.is_word_start(unit)

    def unit_at(self, offset: int) -> int | None:
        try:
            return self.unit_start.index(offset)
        except ValueError:
            return None

    def span(self, a: int, b: int) -> str:
        return " ".join(self.words[self.unit_word[a]:self.unit_word[b - 1] + 1])


def _text_units(text: str) -> list[int]:
    """Start offsets of the units of `text`; punctuation and spaces are not units."""
    starts: list[int] = []
    in_run = False
    for i, ch in enumerate(text):
        if chinese.is_han(ch):
            starts.append(i)
            in_run = False
        elif ch.isalnum():
            if not in_run:
                starts.append(i)
            in_run = True
        else:
            in_run = False
    return starts


def _word_units(word: str) -> int | None:
    """How many units a pinyin word reads; None when it is not pinyin."""
    count = 0
    for piece in _PIECE_SPLIT.split(_NOT_READ.sub("", word)):
        if not piece:
            continue
        if not any(ch.isalpha() for ch in piece) or (piece.isascii() and piece.isupper()):
            count += 1
            continue
        # chinese._segment_marked is the loader's own syllable splitter: the lint must count
        # syllables exactly as pinyin_forms_from does.
        syllables = chinese._segment_marked(piece)
        if syllables is None:
            return None
        count += len(syllables)
    return count


def read(concept: ConceptRecord, term: TermRecord) -> Reading | None:
    """The aligned reading of a zh-Hans term, or None when it cannot be aligned (the loader
    already reports a pinned reading that does not fit its characters)."""
    display = term.reading or derived_pinyin(term.text, concept.kind)
    words = tuple(display.split())
    unit_word: list[int] = []
    for index, word in enumerate(words):
        n = _word_units(word)
        if n is None:
            return None
        unit_word += [index] * n
    starts = _text_units(term.text)
    if len(starts) != len(unit_word):
        return None
    return Reading(concept, term, words, tuple(unit_word), tuple(starts), bool(term.reading))


def readings(termbase: Termbase) -> list[Reading]:
    found = (read(c, t) for c in termbase.concepts for t in c.terms if t.lang == "zh-Hans")
    return [r for r in found if r is not None]


def _occurrences(inner: Reading, outer: Reading) -> Iterator[tuple[int, int]]:
    """Unit ranges [a, b) where inner's text is written inside outer's."""
    text, n = inner.term.text, len(inner.unit_word)
    start = outer.term.text.find(text)
    while start >= 0:
        a = outer.unit_at(inner.unit_start[0] + start) if n else None
        if a is not None and a + n <= len(outer.unit_word):
            yield a, a + n
        start = outer.term.text.find(text, start + 1)


def _problem(r: Reading, rule: str, fix: str) -> LintProblem:
    return LintProblem(r.concept.file, r.term.line, r.concept.key, r.term.text, rule, fix)


# --- capitals --------------------------------------------------------------------------------

def _capitalised(word: str) -> bool | None:
    letter = next((ch for ch in word if ch.isalpha()), None)
    return None if letter is None else letter.isupper()


def _with_case(word: str, upper: bool) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + (ch.upper() if upper else ch.lower()) + word[i + 1:]
    return word


def _han_of_word(r: Reading, word: int) -> str:
    return "".join(r.term.text[r.unit_start[u]] for u, w in enumerate(r.unit_word)
                   if w == word and chinese.is_han(r.term.text[r.unit_start[u]]))


def _name_case(r: Reading, first: int, last: int) -> dict[int, bool]:
    """Capitals of a proper name over words first..last: every word, function words lower
    (the loader's own list, so that derived and linted readings agree)."""
    return {w: w == first or _han_of_word(r, w) not in chinese._FUNCTION_WORDS
            for w in range(first, last + 1)}


def expected_case(r: Reading, names: list[Reading]) -> dict[int, bool]:
    """Word index -> capitalised? for the words the rule decides."""
    if not any(chinese.is_han(ch) for ch in r.term.text):
        return {}
    if r.concept.kind in PROPER_KINDS:
        if r.pinned and COMMON_NOUN in (r.term.note or "").lower():
            return {}  # a name's concept, but this term is a common noun (峰会, 本组织)
        return _name_case(r, 0, len(r.words) - 1)
    # A person checked a pinned reading: a capital in it may mark a name the termbase does
    # not hold (Shànghǎi jīngshén), so only the names the termbase holds are enforced.
    expected = {} if r.pinned else {w: False for w in range(len(r.words))}
    for name in names:
        if name.term.text == r.term.text:
            continue
        for a, b in _occurrences(name, r):
            if r.is_word_start(a) and r.is_word_end(b):
                expected.update(_name_case(r, r.unit_word[a], r.unit_word[b - 1]))
    return expected


def pinyin_case(termbase: Termbase) -> Iterable[LintProblem]:
    all_readings = readings(termbase)
    # A name's term that is a common noun (峰会) is no name inside other terms either.
    names = [r for r in all_readings if r.concept.kind in PROPER_KINDS
             and not (r.pinned and COMMON_NOUN in (r.term.note or "").lower())]
    for r in all_readings:
        expected = expected_case(r, names)
        wrong = {w: upper for w, upper in expected.items()
                 if _capitalised(r.words[w]) not in (None, upper)}
        if not wrong:
            continue
        fixed = " ".join(_with_case(word, wrong[w]) if w in wrong else word
                         for w, word in enumerate(r.words))
        what = ("a proper name is capitalised word by word"
                if r.concept.kind in PROPER_KINDS else
                f"a {r.concept.kind} is lower case except the names written in it")
        yield _problem(r, "pinyin-case", f"{what}: write 'pinyin: \"{fixed}\"' "
                                         f"(now \"{' '.join(r.words)}\")")


# --- word division ---------------------------------------------------------------------------

def _boundaries(r: Reading, a: int, b: int) -> tuple[int, ...]:
    """Word starts inside units a..b, relative to a."""
    return tuple(u - a for u in range(a + 1, b) if r.is_word_start(u))


def _merged(r: Reading, joins: set[int]) -> str:
    """The reading with word w written together with word w + 1 for each w in joins."""
    out = r.words[0]
    for w in range(1, len(r.words)):
        word = r.words[w]
        if w - 1 in joins:
            word = _with_case(word, False)
            out += ("'" if word[:1].lower() in "aoeāáǎàōóǒòēéěè" else "") + word
        else:
            out += " " + word
    return out


def pinyin_words(termbase: Termbase) -> Iterable[LintProblem]:
    all_readings = readings(termbase)
    for r in all_readings:
        yield from _status_compounds(r)
        if r.concept.kind == "person":
            # Personal names follow their own division (surname, given name; a foreign name
            # one word per part), which need not match a place of the same characters.
            continue
        for inner in all_readings:
            if inner is r or len(inner.unit_word) < 2:
                continue
            if inner.term.text == r.term.text and (inner.concept.file, inner.term.line) >= (
                    r.concept.file, r.term.line):
                continue  # the same text in two concepts: reported once, at the later one
            for a, b in _occurrences(inner, r):
                if not (r.is_word_start(a) and r.is_word_end(b)):
                    # Part of a longer word (白俄罗斯 holds 俄罗斯), or the characters run
                    # across a word boundary (合作国家 holds 合作国): another word, not compared.
                    continue
                if _boundaries(r, a, b) != _boundaries(inner, 0, len(inner.unit_word)):
                    yield _problem(r, "pinyin-words",
                                   f"«{inner.term.text}» is read \"{r.span(a, b)}\" here but "
                                   f"\"{' '.join(inner.words)}\" at {inner.concept.file}:"
                                   f"{inner.term.line} ({inner.concept.key}): "
                                   f"{_division_fix(r, inner, a, b)}")
    yield from _unaligned(termbase)


def _unaligned(termbase: Termbase) -> Iterator[LintProblem]:
    """Terms whose reading the lint cannot match to their characters: it cannot check them."""
    for c in termbase.concepts:
        for t in c.terms:
            if t.lang == "zh-Hans" and read(c, t) is None:
                yield LintProblem(c.file, t.line, c.key, t.text, "pinyin-words",
                                  "the pinyin words do not match the characters one syllable "
                                  "each: pin the reading with 'pinyin:'")


def _division_fix(r: Reading, inner: Reading, a: int, b: int) -> str:
    """The edit that divides outer term r like `inner` over units a..b (whole words of r)."""
    first, last = r.unit_word[a], r.unit_word[b - 1]
    words = list(inner.words)
    if r.concept.kind in PROPER_KINDS:
        case = _name_case(inner, 0, len(words) - 1)
        words = [_with_case(w, case[i]) for i, w in enumerate(words)]
    elif inner.concept.kind not in PROPER_KINDS:
        words = [_with_case(w, False) for w in words]
    fixed = " ".join((*r.words[:first], *words, *r.words[last + 1:]))
    return (f"write 'pinyin: \"{fixed}\"' here (or, if «{inner.term.text}» is the one "
            "that is wrong, fix it there)")


def _status_compounds(r: Reading) -> Iterator[LintProblem]:
    joins: set[int] = set()
    for noun in STATUS_NOUNS:
        start = r.term.text.find(noun + "国")
        while start >= 0:
            guo = r.unit_at(start + len(noun))
            if guo is not None and r.is_word_start(guo):
                joins.add(r.unit_word[guo] - 1)
            start = r.term.text.find(noun + "国", start + 1)
    if joins:
        yield _problem(r, "pinyin-words",
                       f"a status noun + 国 is one word (like 成员国 chéngyuánguó): write "
                       f"'pinyin: \"{_merged(r, joins)}\"'")
