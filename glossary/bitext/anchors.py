"""What ties a Chinese sentence to its translation, for the aligner and the `aligned` suggester.

- `tokens`: the words of a Russian or English sentence with their spans and normal forms
  (glossary.analysis: Russian lemmas by pymorphy3, English stems), so «Совета глав» and
  «Совет глав» compare equal.
- `known_terms`: where the termbase's Chinese terms stand in a Chinese sentence;
  `find_phrase`: where a rendering of one of them stands in a translation (by normal forms).
- `numbers`: the numbers and months of a sentence, in either language (2030年7月4日 and
  «4 июля 2030 года» share {"2030", "month:7", "4"}).
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from glossary.analysis import fold, morph_analyzer, norms, primary_norm, words
from glossary.suggest.knowledge import Entry, Knowledge

__all__ = ["Token", "find_phrase", "known_terms", "latin", "norm_index", "numbers", "phrase_key",
           "surname", "tokens"]


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a translation: where it stands, its folded form, its normal forms."""

    start: int
    end: int
    form: str  # folded
    key: str  # the most probable normal form: what phrases are compared by
    norms: frozenset[str]  # every normal form it may have (a rendering's word matches any)


def tokens(text: str) -> list[Token]:
    """The words of a Russian or English text. A capitalised Russian word pymorphy3 does not
    know, with a surname's ending, has the surname for its normal form (Туленова, Туленову →
    туленов; pymorphy3 would guess тулен, a plural).

    >>> [t.key for t in tokens("Совета глав государств-членов")]
    ['совет', 'глава', 'государство', 'член']
    >>> [t.key for t in tokens("Туленов, Туленова")]
    ['туленов', 'туленов']
    """
    out = []
    for w in words(text):
        key = (text[w.start:w.end][:1].isupper() and surname(w.text)) or primary_norm(w.text)
        out.append(Token(w.start, w.end, w.text, key, frozenset((*norms(w.text), key))))
    return out


_SURNAME = re.compile(r"([а-яё]{2,}(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ых|ыми|ы)?")


@functools.lru_cache(maxsize=65536)
def surname(word: str) -> str | None:
    """The nominative of a folded Russian surname pymorphy3 does not know (нуритдинову →
    нуритдинов), or None for a known word or another ending.

    >>> surname("туленова"), surname("государство")
    ('туленов', None)
    """
    m = _SURNAME.fullmatch(word)
    if m is None or morph_analyzer().word_is_known(word):
        return None
    return m.group(1)


@functools.lru_cache(maxsize=65536)
def phrase_key(text: str) -> tuple[str, ...]:
    """A rendering as the sequence of its words' normal forms.

    >>> phrase_key("государство-член")
    ('государство', 'член')
    """
    return tuple(primary_norm(w.text) for w in words(text))


def find_phrase(toks: Sequence[Token], key: Sequence[str],
                starts: dict[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Token ranges [k, k + len(key)) of `toks` whose words have the normal forms of `key`.
    `starts` (from `norm_index`) makes many look-ups in one sentence cheap."""
    n = len(key)
    if not n:
        return []
    candidates = range(len(toks) - n + 1) if starts is None else starts.get(key[0], ())
    return [(k, k + n) for k in candidates
            if k + n <= len(toks) and all(key[t] in toks[k + t].norms for t in range(1, n))
            and key[0] in toks[k].norms]


def norm_index(toks: Sequence[Token]) -> dict[str, list[int]]:
    """Where each normal form stands in a sentence."""
    index: dict[str, list[int]] = {}
    for k, t in enumerate(toks):
        for norm in t.norms:
            index.setdefault(norm, []).append(k)
    return index


# --------------------------------------------------------------------------------------------
# The termbase's Chinese terms in a sentence
# --------------------------------------------------------------------------------------------

class _TermIndex:
    """The Chinese terms of a Knowledge by their first character, longest first."""

    def __init__(self, knowledge: Knowledge) -> None:
        by_first: dict[str, list[str]] = {}
        for term in knowledge.chinese_terms():
            if len(term) >= 2:  # one character is too ambiguous to stand for a concept
                by_first.setdefault(term[0], []).append(term)
        for found in by_first.values():
            found.sort(key=len, reverse=True)
        self.by_first = by_first
        self.found: dict[str, list[tuple[int, int, Entry]]] = {}


_INDEXES: weakref.WeakKeyDictionary[Knowledge, _TermIndex] = weakref.WeakKeyDictionary()


def _index(knowledge: Knowledge) -> _TermIndex:
    found = _INDEXES.get(knowledge)
    if found is None:
        found = _INDEXES[knowledge] = _TermIndex(knowledge)
    return found


def known_terms(knowledge: Knowledge, zh: str, *,
                exclude: str | None = None) -> list[tuple[int, int, Entry]]:
    """Every occurrence (start, end, concept) of a termbase term in a Chinese sentence,
    overlapping ones included (成员国 inside 上合组织成员国元首理事会), not of `exclude`."""
    index = _index(knowledge)
    found = index.found.get(zh)
    if found is None:
        found = []
        for i, ch in enumerate(zh):
            for term in index.by_first.get(ch, ()):
                if zh.startswith(term, i):
                    found.extend((i, i + len(term), e) for e in knowledge.lookup(term))
        if len(index.found) > 50_000:  # sentences seen; a bound on memory
            index.found.clear()
        index.found[zh] = found
    return [f for f in found if f[2].key != exclude] if exclude else list(found)


# --------------------------------------------------------------------------------------------
# Numbers, months, Latin words
# --------------------------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# Chinese numerals only where they count something: 第三十次, 二〇三〇年, 七月 (一 alone is
# too often a word: 一系列, 之一).
_ZH_NUMBER = re.compile(
    r"(?:第)([〇零一二三四五六七八九十百千两]+)|"
    r"([〇零一二三四五六七八九十百千两]+|\d+)(?=年|月|日|号|次|届|周年)|(\d+)")


def _cn_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not any(ch in _CN_UNITS for ch in text):  # 二〇三〇: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


_MONTHS_RU = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
              "октябр", "ноябр", "декабр")
_MONTH_FORMS_RU = {f"{stem}{end}": n + 1 for n, stem in enumerate(_MONTHS_RU)
                   for end in (("й", "я", "е", "ю", "ем") if stem == "ма"
                               else ("", "ь", "я", "е", "ю", "ем", "а", "у", "ом"))}
_MONTHS_EN = {m: n + 1 for n, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"))}
_DIGITS = re.compile(r"\d+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")


def numbers(text: str, lang: str) -> set[str]:
    """The numbers and months of a sentence, as anchors ("2030", "month:7").

    >>> sorted(numbers("会议于2030年7月4日举行，第三十次会议", "zh"))
    ['2030', '30', '4', 'month:7']
    >>> sorted(numbers("Заседание состоялось 4 июля 2030 года", "ru"))
    ['2030', '4', 'month:7']
    >>> sorted(numbers("held in Bishkek on 4 July 2030; it may rain", "en"))
    ['2030', '4', 'month:7']
    """
    found: set[str] = set()
    if lang == "zh":
        for m in _ZH_NUMBER.finditer(text):
            digits = m.group(1) or m.group(2) or m.group(3)
            value = _cn_value(digits)
            if value is None:
                continue
            month = text.startswith("月", m.end())
            found.add(f"month:{value}" if month else str(value))
        return found
    found.update(str(int(d)) for d in _DIGITS.findall(text))
    if lang == "ru":
        found.update(f"month:{_MONTH_FORMS_RU[w.text]}" for w in words(text)
                     if w.text in _MONTH_FORMS_RU)
    else:
        # Capitalised only: "may" is also a verb.
        found.update(f"month:{_MONTHS_EN[w]}" for w in re.findall(r"[A-Z][a-z]+", text)
                     if w in _MONTHS_EN)
    return found


def latin(text: str) -> set[str]:
    """Latin words of a Chinese sentence (COVID-19, BRICS), folded.

    >>> sorted(latin("应对COVID-19疫情和G20"))
    ['covid-19', 'g20']
    """
    return {fold(m.group()) for m in _LATIN.finditer(text)}
