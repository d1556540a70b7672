"""The candidate phrases of one aligned translation for the aligned suggester: its tokens, the
spans that render other known terms of the Chinese sentence (masked), and the runs of words
that may render the term (no verb, no function word at an edge, no punctuation inside)."""

from __future__ import annotations

import functools
import re
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary.analysis import morph_analyzer, primary_norm, words
from glossary.bitext.anchors import (
    Token,
    find_phrase,
    known_terms,
    norm_index,
    phrase_key,
    tokens,
)
from glossary.suggest import AlignedPair, Query
from glossary.suggest.knowledge import Knowledge

#: Longest phrase proposed, in words (a hyphen separates words: государство-член is two).
MAX_WORDS = 6

# Function words a phrase may hold (партнер по диалогу, Council of Heads of State) but not
# begin or end with (folded forms).
_STOP = {
    "ru": {
        "а", "более", "будет", "будут", "был", "была", "были", "в", "во", "все", "всех",
        "для", "до", "его", "ее", "же", "за", "и", "из", "или", "их", "к", "как", "ко",
        "которая", "которые", "который", "между", "на", "над", "не", "ни", "но", "о",
        "об", "обо", "он", "она", "они", "оно", "от", "перед", "по", "под", "после",
        "при", "с", "своих", "свой", "со", "так", "также", "то", "том", "у", "через",
        "числе", "что", "эти", "этих", "это", "этой", "этот"
    },
    "en": {
        "a", "all", "also", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from",
        "had", "has", "have", "in", "into", "is", "it", "its", "more", "no", "not", "of",
        "on", "or", "other", "our", "such", "than", "that", "the", "their", "these",
        "this", "to", "was", "were", "which", "will", "with", "within", "would"
    },
}
_CONJUNCTIONS = {"и", "или", "а", "но", "and", "or", "but", "nor"}
# English verbs no term holds (the meeting was chaired by ...).
_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
                "would", "shall", "should", "can", "could", "may", "might", "must", "do",
                "does", "did"}
# What may stand between two words of one phrase: spaces, hyphens and dashes, quotes.
_JOINER = re.compile(r"[\s\-‐‑–—«»“”„\"'’]*")
_LIST_JOINER = re.compile(r"[\s\-‐‑–—«»“”„\"'’,]*")


@dataclass
class _Occurrence:
    pair: int
    start: int  # token index
    end: int

# Characters that stand beside a term without being a word of their own to translate (外交部长们:
# 们 makes a plural; 的, 和, 与 join).
_FUNCTION_CHARS = set("们的和与及等在对将了是为之")
_ADJECTIVE = {"ADJF", "PRTF"}


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(tokens(text))


@functools.lru_cache(maxsize=8192)
def _keys(text: str) -> tuple[str, ...]:
    return tuple(primary_norm(w.text) for w in words(text))


def _masked(query: Query, knowledge: Knowledge, lang: str, pair: AlignedPair,
            toks: Sequence[Token]) -> tuple[set[int], list[tuple[int, int]], bool]:
    """Tokens that render another known concept of the Chinese sentence; the renderings
    of known terms that contain the term (网络恐怖主义 for 恐怖主义: кибертерроризм is not the
    term's rendering, though a part of such a rendering may be); and whether the term stands
    only inside such longer terms in this pair."""
    term_spans = [(m.start(), m.end()) for m in re.finditer(re.escape(query.term), pair.zh)]
    by_concept: dict[str, list[tuple[int, int]]] = {}
    entries = {}
    for start, end, entry in known_terms(knowledge, pair.zh, exclude=query.exclude):
        by_concept.setdefault(entry.key, []).append((start, end))
        entries[entry.key] = entry
    masked: set[int] = set()
    containers: list[tuple[int, int]] = []
    enclosed = [False] * len(term_spans)
    starts = norm_index(toks) if by_concept else {}
    rendered = {key: [r for rendering in entries[key].renderings(lang)
                      for r in find_phrase(toks, phrase_key(rendering.text), starts)]
                for key in by_concept}
    # Spans of known terms rendered in the translation, apart from the asked term's.
    outer = [(s, e) for key, spans in by_concept.items() if rendered[key]
             for s, e in spans if not any(s < b and a < e for a, b in term_spans)]
    for key, spans in by_concept.items():
        renders = rendered[key]
        if any(s < b and a < e for s, e in spans for a, b in term_spans):
            # The term itself, a part of it or a term containing it: which of its renderings
            # in the translation belongs to which occurrence cannot be told.
            # Only a full rendering of the longer term bounds the term's: a short form of it
            # (Council of Heads of State for 上海合作组织成员国元首理事会) may leave the term's
            # words outside.
            keys = [phrase_key(r.text) for r in entries[key].renderings(lang)]
            longest = max(map(len, keys), default=0)
            full = [r for k in keys if len(k) >= 0.75 * longest
                    for r in find_phrase(toks, k, starts)]
            if query.term not in entries[key].zh:
                for k, (a, b) in enumerate(term_spans):
                    if any(s <= a and b <= e and e - s > b - a for s, e in spans):
                        enclosed[k] = True
                        containers.extend(full)
            continue
        if all(any(c <= s and e <= d and d - c > e - s for c, d in outer) for s, e in spans):
            # Only inside longer known terms (上合组织 in 上合组织秘书处): their renderings hold
            # its own (Секретариат ШОС); another ШОС of the sentence is not its.
            continue
        for a, b in renders:
            # A compound the rendering ends inside (Совет глав государств – членов) keeps
            # its word: государств is also the state of государство-член.
            if b < len(toks) and _hyphenated(pair.target, toks[b - 1], toks[b]):
                b -= 1
            if a > 0 and _hyphenated(pair.target, toks[a - 1], toks[a]):
                a += 1
            masked.update(range(a, b))
    # Only when every occurrence is inside a longer known term does its rendering bound the
    # candidates; by its longest rendering found (Council of Heads of State of the Member States
    # of the Shanghai Cooperation Organisation, not the Council of Heads of State inside it).
    containers = [(a, b) for a, b in containers
                  if not any(c <= a and b <= d and d - c > b - a for c, d in containers)]
    inside = bool(term_spans) and all(enclosed)
    return masked, containers if inside else [], inside

@functools.lru_cache(maxsize=65536)
def _pos(form: str) -> str | None:
    """The most probable part of speech of a folded Russian word (pymorphy3)."""
    return morph_analyzer().parse(form)[0].tag.POS


# Parts of speech a Russian term (a noun phrase) does not hold: verbs, infinitives,
# gerunds, short adjectives and participles, adverbs, pronouns, conjunctions, particles.
_NOT_IN_TERMS = {"VERB", "INFN", "GRND", "ADJS", "PRTS", "ADVB", "NPRO", "CONJ", "PRCL",
                 "PRED", "INTJ", "COMP"}


def _verbal(form: str, lang: str, capital: bool = False) -> bool:
    """Whether a word cannot be a part of a term: for Russian by its part of speech, for
    English a past form (signed, reviewed) at a phrase's edge is told by its ending, unless
    it is written with a capital inside the sentence (`capital`: United Nations)."""
    if lang == "ru":
        return _pos(form) in _NOT_IN_TERMS
    return form.endswith("ed") and not form.endswith("eed") and not capital


def _capital(text: str, toks: Sequence[Token], k: int) -> bool:
    """Whether the k-th word is capitalised inside its sentence (not its first word)."""
    return k > 0 and text[toks[k].start].isupper()


def _hyphenated(text: str, left: Token, right: Token) -> bool:
    return text[left.end:right.start].strip() in ("-", "‐", "‑", "–", "—")


def _phrases(text: str, toks: Sequence[Token], masked: set[int],
             lang: str, *, lists: bool = False) -> Iterable[tuple[int, int]]:
    """Candidate token ranges: not beginning with a masked word, fewer masked words than
    others (Совет глав государств may end in the государств of государств-членов); not
    beginning or ending inside a hyphenated compound unless its other part is masked
    (Чолпон-Ата is not Чолпон); across commas only for a list (`lists`)."""
    stop = _STOP[lang]
    joiner = _LIST_JOINER if lists else _JOINER
    # The first part of a hyphenated compound is no verb or function word of its own
    # (Усть-Каменогорск).
    leading = {k for k in range(len(toks) - 1) if _hyphenated(text, toks[k], toks[k + 1])}
    for a in range(len(toks)):
        first = toks[a]
        if a in masked or (a not in leading and (
                first.form in stop or first.form.isdigit()
                or _verbal(first.form, lang, _capital(text, toks, a)))):
            continue
        if a > 0 and a - 1 not in masked and _hyphenated(text, toks[a - 1], first):
            continue
        hidden = 0
        for b in range(a + 1, min(len(toks), a + MAX_WORDS) + 1):
            last = toks[b - 1]
            if b - 1 > a and joiner.fullmatch(text, toks[b - 2].end, last.start) is None:
                break
            if b - 1 not in leading and (
                    (lang == "ru" and last.form not in stop and _verbal(last.form, lang))
                    or (lang == "en" and last.form in _AUXILIARIES)):
                break
            hidden += b - 1 in masked
            if 2 * hidden >= b - a:
                break
            if last.form in stop or last.form.isdigit() or _verbal(
                    last.form, lang, _capital(text, toks, b - 1)):
                continue
            if b - 1 in masked and not _hyphenated(text, toks[b - 2], last):
                continue  # страна-председатель ШОС: ШОС renders the 上合组织 beside the term
            if lang == "ru" and _pos(last.form) in _ADJECTIVE:
                continue  # a Russian noun phrase does not end in its adjective
            if b < len(toks) and b not in masked and _hyphenated(text, last, toks[b]):
                continue
            yield a, b


def _background_counts(found: dict[tuple[str, ...], list[_Occurrence]],
                       background: Sequence[AlignedPair]) -> Counter[tuple[str, ...]]:
    """In how many background pairs each candidate phrase appears (by normal forms)."""
    prefixes = {key[:k] for key in found for k in range(1, len(key) + 1)}
    prefixes |= {(w,) for key in found for w in key}  # single words: how common each is
    counts: Counter[tuple[str, ...]] = Counter()
    for pair in background:
        keys = _keys(pair.target)
        seen = set()
        for a in range(len(keys)):
            for b in range(a + 1, min(len(keys), a + MAX_WORDS) + 1):
                key = keys[a:b]
                if key not in prefixes:
                    break
                if key in found or b == a + 1:
                    seen.add(key)
        counts.update(seen)
    return counts


def _background_words(query: Query, knowledge: Knowledge, lang: str,
                      background: Sequence[AlignedPair]) -> Counter[str]:
    """In how many background pairs each word stands outside the renderings of the known
    terms of its Chinese sentence: how common it is apart from terms (государств is common
    in Совет глав государств, which says nothing of государство-член)."""
    counts: Counter[str] = Counter()
    for pair in background:
        toks = _tokens(pair.target)
        masked = _known_spans(knowledge, lang, query.exclude, pair.zh, pair.target)
        counts.update({t.key for k, t in enumerate(toks) if k not in masked})
    return counts


# Per termbase (dropped with it): the masked words of background pairs, by (lang, exclude,
# zh, target).
_SPANS: weakref.WeakKeyDictionary[Knowledge, dict[tuple, frozenset[int]]] = \
    weakref.WeakKeyDictionary()


def _known_spans(knowledge: Knowledge, lang: str, exclude: str | None, zh: str,
                 target: str) -> frozenset[int]:
    cache = _SPANS.setdefault(knowledge, {})
    found = cache.get((lang, exclude, zh, target))
    if found is None:
        if len(cache) > 20_000:
            cache.clear()
        found = cache[(lang, exclude, zh, target)] = _find_known_spans(
            knowledge, lang, exclude, zh, target)
    return found


def _find_known_spans(knowledge: Knowledge, lang: str, exclude: str | None, zh: str,
                      target: str) -> frozenset[int]:
    toks = _tokens(target)
    masked: set[int] = set()
    starts = norm_index(toks)
    for key in {e.key for _, _, e in known_terms(knowledge, zh, exclude=exclude)}:
        entry = knowledge.get(key)
        for rendering in entry.renderings(lang) if entry else ():
            for a, b in find_phrase(toks, phrase_key(rendering.text), starts):
                masked.update(range(a, b))
    return frozenset(masked)


def _expected_words(chars: int) -> tuple[float, float]:
    """Words a rendering of a Chinese term of `chars` characters has, and the spread: fitted
    on the shipped termbase's head terms (2 characters → 1.5 words, 6 → 3, 10 → 4)."""
    return 0.8 + 0.35 * chars, 0.6 + 0.12 * chars
