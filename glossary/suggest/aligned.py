"""Suggester: the Russian or English phrase that translates the term in aligned sentence pairs.

For each language, the pairs whose Chinese has the term are read, and every run of 1–6 words
of their translations is a candidate, unless it
- covers a rendering of another termbase concept whose Chinese term stands elsewhere in the
  Chinese sentence (ШОС for 上合组织 beside the term: that part of the sentence is explained);
- crosses a comma, a bracket or a full stop, or begins or ends with a function word.

Candidates are compared by their words' normal forms (Russian lemmas), so «Совета глав
государств» and «Совет глав государств» are one. A candidate is good when it is in many of
the term's pairs and few of the others (`Material.pairs_without`, the background), and when its
length in words is what the Chinese term's length predicts (learned from the termbase: about a
word for every three characters). The score says how sure: a phrase found in two or more pairs,
with no rival elsewhere in the sentences, is confident; a phrase seen once is weak, unless
nothing else in the sentence is left to translate the term.

The best phrase is then made whole: a fuller form whose extra words are found nowhere but
beside it wins over the translators' ellipsis (министры иностранных дел, not министры); it
grows by the words always beside it (two renderings of a known part, ШОС and Шанхайской
организации сотрудничества, counting as one); it loses the words that translate a Chinese
word always beside the term (Forum on … for the 论坛 after 预防性外交), which the other pairs
with that word tell, and an action noun before a name (выполнение Совместного обращения).

The suggestion is written in its dictionary form: for Russian the head noun in the nominative
(singular, unless the word is plural-only or the termbase writes it in the plural), the
adjectives before it agreeing, the genitive tail unchanged (pymorphy3); for English as seen,
a final plural noun made singular.
"""

from __future__ import annotations

import functools
import math
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from glossary.analysis import is_han, morph_analyzer, primary_norm, words
from glossary.bitext.anchors import (
    Token,
    find_phrase,
    known_terms,
    norm_index,
    numbers,
    phrase_key,
    surname,
    tokens,
)
from glossary.suggest import CONFIDENT, TARGET_LANGS, AlignedPair, Material, Query, Suggestion
from glossary.suggest.knowledge import Knowledge

__all__ = ["MAX_WORDS", "prepare", "suggest"]

#: Longest phrase proposed, in words (a hyphen separates words: государство-член is two).
MAX_WORDS = 6
#: Most suggestions per language.
LIMIT = 3

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


def prepare(knowledge: Knowledge) -> None:
    """Build what this suggester learns from the termbase (where its Chinese terms start,
    which Russian nouns it writes in the plural), so that the first query does not pay."""
    known_terms(knowledge, "")
    _plural_nouns(knowledge, None)
    _english_plurals(knowledge, None)


def suggest(query: Query, knowledge: Knowledge, material: Material) -> Iterable[Suggestion]:
    """Renderings of `query.term` found in the aligned pairs of `material`, per language."""
    for lang in TARGET_LANGS:
        pairs = material.pairs_with(query.term, lang)
        if not pairs:
            continue
        background = material.pairs_without(query.term, lang)
        yield from _suggest(query, knowledge, lang, pairs, background)


def _suggest(query: Query, knowledge: Knowledge, lang: str, pairs: Sequence[AlignedPair],
             background: Sequence[AlignedPair]) -> list[Suggestion]:
    found: dict[tuple[str, ...], list[_Occurrence]] = {}
    sentence_tokens = [_tokens(p.target) for p in pairs]
    counted = 0  # pairs with a candidate (кибертерроризм says nothing of 恐怖主义)
    masks: list[set[int]] = []
    lists = "、" in query.term  # 恐怖主义、分裂主义和极端主义: a phrase with commas
    analysed = [_masked(query, knowledge, lang, pair, toks)
                for pair, toks in zip(pairs, sentence_tokens, strict=True)]
    # Where the term stands only inside a longer known term (地区反恐怖机构 in
    # 地区反恐怖机构执行委员会), which words render it is uncertain: those pairs are left out
    # when two others have the term on its own.
    free = sum(not inside for _, _, inside in analysed) >= 2
    nominal = not _has_verb(_unknown_part(query, knowledge))
    numbered = bool(numbers(query.term, "zh")) or any(ch.isdigit() for ch in query.term)
    for n, (pair, toks) in enumerate(zip(pairs, sentence_tokens, strict=True)):
        masked, containers, inside = analysed[n]
        masks.append(masked)
        if inside and free:
            continue
        seen: set[tuple[str, ...]] = set()
        for start, end in _phrases(pair.target, toks, masked, lang, lists=lists):
            if nominal and _action_before_name(pair.target, toks, start, end, lang):
                continue  # выполнение Совместного обращения: the sentence's 落实, not the term
            if not numbered and any(t.form[:1].isdigit() for t in toks[start:end]):
                continue  # форум ШОС 2031 года: the year of 2031年上合组织青年论坛 is outside
            if containers and not any(a <= start and end <= b and end - start < b - a
                                      for a, b in containers):
                continue  # the term's rendering is a part of the longer term's
            key = tuple(t.key for t in toks[start:end])
            if key in seen:
                continue  # a pair counts once for a phrase
            seen.add(key)
            found.setdefault(key, []).append(_Occurrence(n, start, end))
        counted += bool(seen)
    if not found:
        return []
    in_background = _background_counts(found, background)
    alone = _background_words(query, knowledge, lang, background)
    expected, spread = _expected_words(len(query.term))
    total, sample = counted, len(background)

    def word_rate(word: str) -> float:
        return alone.get(word, 0) / sample if sample else 0.0

    def rate(key: tuple[str, ...]) -> float:
        # Unknown background: assume a phrase is in one sentence of ten elsewhere.
        return (in_background.get(key, 0) + 0.5) / (sample + 1) if sample else 0.1

    def quality(key: tuple[str, ...]) -> float:
        cover = len(found[key]) / total
        fit = math.exp(-0.5 * ((len(key) - expected) / spread) ** 2)
        # A phrase common elsewhere (cooperation) is a poor rendering of a term even where
        # it covers more pairs: the background counts twice.
        return max(0.0, cover - rate(key)) * (1 - rate(key)) * (0.7 + 0.3 * fit)

    # A phrase holding a word of a known term inside the term (ШОС for 上合组织 in 上合组织青年论坛)
    # is partly explained by the term's own characters: it wins a near tie (the order only,
    # not how sure it is).
    parts = _part_words(query, knowledge, lang)
    qualities = {key: quality(key) for key in found}
    ranked = sorted(found, key=lambda k: (
        -qualities[k] * (1.05 if parts.intersection(k) else 1.0), -len(k), k))
    if ranked and len(found[ranked[0]]) >= 2:
        top = _elaborated(ranked[0], found, in_background, total, sample, lang,
                          lambda o: _constant_neighbour(query.term, [pairs[x.pair] for x in o])
                          or (lang == "en" and _before_article(o, pairs, sentence_tokens)))
        if top != ranked[0]:
            qualities[top] = max(qualities[top], qualities[ranked[0]])
        occurrences = _grown(found[top], pairs, sentence_tokens, masks, word_rate, lang,
                             _same_neighbours(query.term, pairs), parts,
                             _explained(query.term, pairs, background, lang),
                             functools.cache(lambda n: _aliases(query, knowledge, lang,
                                                                pairs[n], sentence_tokens[n])))
        occurrences = _trimmed(occurrences, pairs, sentence_tokens, lang)
        best = _key(sentence_tokens, occurrences[0])
        if best not in found:
            found[best] = occurrences
            qualities[best] = max(quality(best), qualities[ranked[0]])
        best = _shrunk(best, found, word_rate, lang)
        best = _neighbour_trimmed(best, found, query.term, pairs, background, lang)
        if best != ranked[0]:
            if best in ranked:
                ranked.remove(best)
            ranked.insert(0, best)
    out: list[Suggestion] = []
    taken: list[tuple[str, ...]] = []
    for key in ranked:
        if len(out) >= LIMIT or qualities[key] <= 0:
            break
        if any(_overlaps(found[key], found[t]) for t in taken):
            continue  # a part or an extension of a phrase already proposed
        rival = next((qualities[k] for k in ranked
                      if k != key and not _overlaps(found[key], found[k])), 0.0)
        score = _score(len(found[key]), qualities[key], rival, first=not out)
        if out:
            score = min(score, out[-1].score * 0.9)
        occurrences = found[key]
        text = _dictionary_form(lang, knowledge, query, pairs, sentence_tokens, occurrences)
        if not text:
            continue
        out.append(Suggestion(lang, text, score, "aligned",
                              _evidence(pairs, sentence_tokens, occurrences),
                              _note(pairs, occurrences)))
        taken.append(key)
    return out


#: Background rate above which a word at a phrase's edge is taken for the translation of
#: something else the sentences share (заседание for 会议 in 外长理事会会议).
COMMON = 0.3


#: Background rate under which a word may be the term's own (иностранных дел, seen only
#: beside министры where the Chinese has 外交部长).
SPECIFIC = 0.05


def _elaborated(key: tuple[str, ...], found: dict[tuple[str, ...], list[_Occurrence]],
                in_background: Counter[tuple[str, ...]], total: int, sample: int, lang: str,
                neighboured: Callable[[list[_Occurrence]], bool]) -> tuple[str, ...]:
    """The best phrase in its fuller form, when the sentences also have it with words that
    are found nowhere but beside it (министры иностранных дел beside министры for 外交部长,
    расчеты в национальных валютах beside национальные валюты for 本币结算): the shorter
    form is then the translators' ellipsis, more frequent but not the term. The fuller form
    must be in two pairs and in a third of those of the shorter one; its added words rare
    elsewhere (in fewer than one background pair of 20), and five times rarer there than in
    the term's pairs; not a conjunction (observer states and dialogue partners), not an
    English verb before an article (`neighboured` says so); and the
    Chinese not always beside the term with the same word, not a verb, that they may translate
    instead (秘书长 阿斯卡尔·图列诺夫: Secretary-General Askar Tulenov; 青年委员会主席)."""
    stop = _STOP[lang]
    support = len(found[key])

    def specific(word: str, share: float) -> bool:
        rate = in_background.get((word,), 0) / sample if sample else 0.0
        return word in stop or rate <= min(SPECIFIC, share / 5)

    best = key
    for longer, occurrences in found.items():
        n = len(longer) - len(key)
        if n <= 0 or len(occurrences) < max(2, support / 3):
            continue
        at = next((k for k in range(n + 1) if longer[k:k + len(key)] == key), None)
        if at is None:
            continue
        added = longer[:at] + longer[at + len(key):]
        share = len(occurrences) / total
        if not all(specific(w, share) for w in added) or all(w in stop for w in added) \
                or any(w in _CONJUNCTIONS for w in added) or neighboured(occurrences):
            continue
        if (len(occurrences), len(longer)) > (len(found[best]) if best != key else 0,
                                             len(best)):
            best = longer
    return best


_ARTICLES = {"the", "a", "an"}


def _before_article(occurrences: list[_Occurrence], pairs: Sequence[AlignedPair],
                    sentence_tokens: Sequence[Sequence[Token]]) -> bool:
    """Whether an English phrase is followed by an article somewhere (…extremism remain the
    main threat): a noun phrase does not run into one, so its last word is a verb."""
    for o in occurrences:
        toks = sentence_tokens[o.pair]
        if o.end < len(toks) and toks[o.end].form in _ARTICLES and _JOINER.fullmatch(
                pairs[o.pair].target, toks[o.end - 1].end, toks[o.end].start):
            return True
    return False


def _unknown_part(query: Query, knowledge: Knowledge) -> str:
    """The term without the known terms inside it (上合组织青年论坛 → 青年论坛), whose words jieba
    might take for verbs (组织)."""
    keep = [True] * len(query.term)
    for start, end, _ in known_terms(knowledge, query.term, exclude=query.exclude):
        if end - start < len(query.term):
            keep[start:end] = [False] * (end - start)
    return "".join(ch if k else " " for ch, k in zip(query.term, keep, strict=True))


@functools.lru_cache(maxsize=4096)
def _has_verb(term: str) -> bool:
    """Whether jieba cuts a verb out of a Chinese term (打击恐怖主义, 扩员; not 青年论坛)."""
    import jieba  # loads the dictionary on first use (a second), only when needed
    return any(_zh_tag(w).startswith("v") for part in term.split()
               for w in jieba.lcut(part, HMM=False))


# Russian action nouns by their lemma's ending (выполнение, развитие); English ones
# (implementing, implementation, establishment).
_ACTION_RU = ("ние", "тие")
_ACTION_EN = ("ing", "ation", "ment")


@functools.lru_cache(maxsize=4096)
def _deverbal(lemma: str) -> bool:
    """Whether a Russian noun names an action: -ние, -тие, or -ка, -ция beside a verb of its
    stem (подготовка: подготовить, реализация: реализовать; not провинция, политика).

    >>> _deverbal("подготовка"), _deverbal("реализация"), _deverbal("провинция")
    (True, True, False)
    """
    if lemma.endswith(_ACTION_RU):
        return True
    if lemma.endswith("ка"):
        verbs = [lemma[:-2] + end for end in ("ить", "ать", "ять")]
    elif lemma.endswith("ация"):
        verbs = [lemma[:-4] + end for end in ("овать", "ировать")]
    else:
        return False
    morph = morph_analyzer()
    return any(morph.word_is_known(verb) and any(p.tag.POS == "INFN" for p in morph.parse(verb))
               for verb in verbs)


def _action_before_name(text: str, toks: Sequence[Token], start: int, end: int,
                        lang: str) -> bool:
    """Whether a phrase begins with a lower-case action noun governing a name written with a
    capital (выполнение Совместного обращения, implementing the Joint Address): the action
    is the sentence's verb (落实, 筹备) made a noun, not a word of a term that has no verb."""
    first = toks[start]
    if not text[first.start].islower() or first.form in _STOP[lang]:
        return False
    if lang == "ru":
        if _pos(first.form) != "NOUN" or not _deverbal(first.key):
            return False
    elif not first.form.endswith(_ACTION_EN):
        return False
    k = start + 1
    while k < end and toks[k].form in _STOP[lang]:
        k += 1
    return k < end and text[toks[k].start].isupper()


def _constant_neighbour(term: str, pairs: Sequence[AlignedPair]) -> bool:
    """Whether the term has, in every one of `pairs`, the same word beside it on one side,
    one that may have a rendering of its own: not a function character, not a verb (扩大本币结算:
    a verb is not translated by the nouns beside the term's rendering)."""
    return bool(_neighbour_words(term, pairs))


def _neighbour_words(term: str, pairs: Sequence[AlignedPair]) -> list[str]:
    """The words that stand beside the term in every one of `pairs` (论坛 of 预防性外交论坛), as
    jieba knows them (two characters, else one), but function characters and verbs."""
    sides: list[set[str]] = [set(), set()]
    for pair in pairs:
        at = pair.zh.find(term)
        sides[0].add(pair.zh[max(0, at - 2):at].replace("·", ""))
        sides[1].add(pair.zh[at + len(term):at + len(term) + 2])
    out = []
    for k, side in enumerate(sides):
        if len(side) != 1:
            continue
        two = next(iter(side))
        one = (two[-1:] if k == 0 else two[:1])
        if not one or not is_han(one) or one in _FUNCTION_CHARS:
            continue
        if (_zh_tag(two) or _zh_tag(one)).startswith("v"):  # the word, else its character
            continue
        out.append(two if _zh_tag(two) and all(is_han(ch) for ch in two) else one)
    return out


def _explained(term: str, pairs: Sequence[AlignedPair], background: Sequence[AlignedPair],
               lang: str) -> set[str] | None:
    """The words that translate the Chinese words always beside the term in `pairs`, told by
    the other pairs that have them (论坛: forum, in most of them); None when there is such a
    word but too few other pairs to tell."""
    explained: set[str] = set()
    for word in _neighbour_words(term, pairs):
        having = [p for p in background if word in p.zh]
        if len(having) < 2:
            return None
        counts = Counter(w for p in having for w in set(_keys(p.target)))
        explained |= {w for w, n in counts.items()
                      if 2 * n > len(having) and w not in _STOP[lang]}
    return explained


def _neighbour_trimmed(key: tuple[str, ...], found: dict[tuple[str, ...], list[_Occurrence]],
                       term: str, pairs: Sequence[AlignedPair],
                       background: Sequence[AlignedPair], lang: str) -> tuple[str, ...]:
    """The phrase without the edge words that translate a Chinese word always beside the term
    (Forum on Preventive Diplomacy for 预防性外交 in 预防性外交论坛): words found in most of the
    other pairs that have that word (论坛: forum), when what is left is found as often."""
    stop = _STOP[lang]
    explained = _explained(term, [pairs[o.pair] for o in found[key]], background, lang)
    if not explained:
        return key
    while len(key) > 1:
        for left in (True, False):
            if key[0 if left else -1] not in explained:
                continue
            inner = key[1:] if left else key[:-1]
            while inner and inner[0 if left else -1] in stop:
                inner = inner[1:] if left else inner[:-1]
            if inner in found and len(found[inner]) >= len(found[key]):
                key = inner
                break
        else:
            return key
    return key


@functools.lru_cache(maxsize=4096)
def _zh_tag(word: str) -> str:
    """jieba's dictionary part of speech of a Chinese word, "" when it does not know it."""
    import jieba.posseg  # loads the dictionary on first use (a second), only when needed
    return jieba.posseg.dt.word_tag_tab.get(word, "")


def _same_neighbours(term: str, pairs: Sequence[AlignedPair]) -> bool:
    """Whether the term has the same character beside it in every pair (理事会 + 会议): then a
    word beside its rendering may translate that neighbour instead."""
    before, after = set(), set()
    for pair in pairs:
        at = pair.zh.find(term)
        before.add(pair.zh[at - 1:at] if at > 0 else "")
        after.add(pair.zh[at + len(term):at + len(term) + 1])
    return any(len(side) == 1 and is_han(ch := next(iter(side)) or "。")
               and ch not in _FUNCTION_CHARS for side in (before, after))


# Characters that stand beside a term without being a word of their own to translate (外交部长们:
# 们 makes a plural; 的, 和, 与 join).
_FUNCTION_CHARS = set("们的和与及等在对将了是为之")


def _key(sentence_tokens: Sequence[Sequence[Token]], o: _Occurrence) -> tuple[str, ...]:
    return tuple(t.key for t in sentence_tokens[o.pair][o.start:o.end])


#: Longest phrase a best phrase is grown to, in words (Council of Heads of State of the Member
#: States of the Shanghai Cooperation Organisation is 12).
MAX_GROWN = 20


def _part_words(query: Query, knowledge: Knowledge, lang: str) -> frozenset[str]:
    """The words of the renderings of the known terms inside the term (成员国 and 上海合作组织 in
    上海合作组织成员国元首理事会): the term's rendering may well hold them."""
    out: set[str] = set()
    for start, end, entry in known_terms(knowledge, query.term, exclude=query.exclude):
        if end - start < len(query.term):
            for rendering in entry.renderings(lang):
                out.update(phrase_key(rendering.text))
    return frozenset(out - _STOP[lang])


@dataclass
class _Aliases:
    """Where a pair's translation renders a known term inside the asked one, by any of its
    renderings (Шанхайской организации сотрудничества, ШОС; Shanghai Cooperation
    Organization (SCO)): one word for growing, whatever its length."""

    starts: dict[int, tuple[int, str]]  # first token → (end, concept)
    ends: dict[int, tuple[int, str]]  # end → (first token, concept)
    closed: frozenset[int]  # last tokens followed by the ")" of a bracketed acronym

    @functools.cached_property
    def inner(self) -> frozenset[int]:
        """Tokens after the first of a rendering: no punctuation check before them."""
        return frozenset(k for s, (e, _) in self.starts.items() for k in range(s + 1, e))


def _aliases(query: Query, knowledge: Knowledge, lang: str, pair: AlignedPair,
             toks: Sequence[Token]) -> _Aliases:
    spans: list[tuple[int, int, str]] = []
    starts = norm_index(toks)
    for start, end, entry in known_terms(knowledge, query.term, exclude=query.exclude):
        if end - start >= len(query.term):
            continue
        for rendering in entry.renderings(lang):
            spans.extend((a, b, entry.key)
                         for a, b in find_phrase(toks, phrase_key(rendering.text), starts))
    spans.sort(key=lambda s: (s[0], -s[1]))
    text, closed = pair.target, set()
    merged: list[tuple[int, int, str]] = []
    for a, b, key in spans:
        if merged and a < merged[-1][1]:
            continue  # inside a longer rendering already taken
        # The full name with its acronym in brackets: one rendering.
        after = next(((c, d) for c, d, k in spans if k == key and c == b
                      and text[toks[b - 1].end:toks[c].start].strip() == "("
                      and text[toks[d - 1].end:].lstrip().startswith(")")), None)
        if after is not None:
            closed.add(after[1] - 1)
            b = after[1]
        merged.append((a, b, key))
    return _Aliases({a: (b, k) for a, b, k in merged}, {b: (a, k) for a, b, k in merged},
                    frozenset(closed))


def _grown(occurrences: list[_Occurrence], pairs: Sequence[AlignedPair],
           sentence_tokens: Sequence[Sequence[Token]], masks: Sequence[set[int]],
           word_rate: Callable[[str], float], lang: str, same_neighbours: bool,
           part_words: frozenset[str], explained: set[str] | None = None,
           aliases: Callable[[int], _Aliases] | None = None) -> list[_Occurrence]:
    """The best phrase grown by the words that stand beside it wherever it is (Anti-Terrorist
    Structure → Regional Anti-Terrorist Structure; Council of Heads of State → … of the Member
    States of the Shanghai Cooperation Organisation), past the length of a candidate, unless
    the words are common elsewhere or the Chinese always has the same neighbour, which they
    may translate. Words of the renderings of known terms inside the term always fit, and
    two renderings of one such term are the same words (государств-членов ШОС beside
    государств-членов Шанхайской организации сотрудничества)."""
    limit = 0.05 if same_neighbours else COMMON
    stop = _STOP[lang]
    empty = _Aliases({}, {}, frozenset())

    def alias(n: int) -> _Aliases:
        return aliases(n) if aliases is not None else empty

    def fits(word: str) -> bool:
        return word.startswith("@") or word in part_words or word in stop \
            or word_rate(word) < limit

    def joined(o: _Occurrence, a: int, b: int) -> bool:
        """Whether the added words a..b stand in the sentence, unmasked, joined to the
        phrase without punctuation (but inside a rendering of a known part)."""
        toks, text, found = sentence_tokens[o.pair], pairs[o.pair].target, alias(o.pair)
        lo, hi = min(a, o.start), max(b, o.end)
        inner = found.inner
        return a >= 0 and b <= len(toks) and all(
            k in inner or _JOINER.fullmatch(
                text, toks[k - 1].end + (k - 1 in found.closed), toks[k].start) is not None
            for k in range(lo + 1, hi)) and not any(k in masks[o.pair] for k in range(a, b))

    def reach(o: _Occurrence, side: str, more: int) -> tuple[int, int, tuple[str, ...]] | None:
        """The span of `more` words beside the phrase, a rendering of a known part counting
        as one, and those words (a part as "@" and its concept)."""
        toks, found = sentence_tokens[o.pair], alias(o.pair)
        units: list[str] = []
        p = o.end if side == "right" else o.start
        while len(units) < more:
            if side == "right":
                if p >= len(toks):
                    return None
                end, key = found.starts.get(p, (p + 1, ""))
                units.append(f"@{key}" if key else toks[p].key)
                p = end
            else:
                if p <= 0:
                    return None
                start, key = found.ends.get(p, (p - 1, ""))
                units.insert(0, f"@{key}" if key else toks[p - 1].key)
                p = start
        return (o.end, p, tuple(units)) if side == "right" else (p, o.start, tuple(units))

    while occurrences[0].end - occurrences[0].start < MAX_GROWN:
        grown = None
        for more in (1, 2, 3):
            for side in ("right", "left"):
                reached = [reach(o, side, more) for o in occurrences]
                if any(r is None for r in reached):
                    continue
                spans = [(r[0], r[1]) for r in reached if r is not None]
                if not all(joined(o, a, b)
                           for o, (a, b) in zip(occurrences, spans, strict=True)):
                    continue
                added = {r[2] for r in reached if r is not None}
                if len(added) != 1:
                    continue
                words_ = next(iter(added))
                first, (a, b) = occurrences[0], spans[0]
                at = b - 1 if side == "right" else a
                outer = sentence_tokens[first.pair][at].form
                if outer in stop or outer.isdigit() or _verbal(
                        outer, lang, _capital(pairs[first.pair].target,
                                              sentence_tokens[first.pair], at)):
                    continue
                if side == "right" and lang == "ru" and _pos(outer) in _ADJECTIVE:
                    continue  # a Russian noun phrase does not end in its adjective
                if any(w in _CONJUNCTIONS for w in words_):
                    continue
                if same_neighbours and more > 1 and (
                        any(w in explained for w in words_) if explained is not None
                        else not all(w.startswith("@") or w in part_words or w in stop
                                     for w in words_)):
                    continue
                if not all(fits(w) for w in words_):
                    continue
                grown = [_Occurrence(o.pair, min(a, o.start), max(b, o.end))
                         for o, (a, b) in zip(occurrences, spans, strict=True)]
                break
            if grown is not None:
                break
        if grown is None:
            break
        occurrences = grown
    return occurrences


def _trimmed(occurrences: list[_Occurrence], pairs: Sequence[AlignedPair],
             sentence_tokens: Sequence[Sequence[Token]], lang: str) -> list[_Occurrence]:
    """Without the words before a name that belong to the sentence: a lower-case action noun
    before a capitalised word, wherever the phrase stands inside its sentence (выполнение
    Совместного обращения, implementing the Joint Address)."""
    stop = _STOP[lang]
    while True:
        surfaces = [[pairs[o.pair].target[t.start:t.end]
                     for t in sentence_tokens[o.pair][o.start:o.end]] for o in occurrences]
        if any(len(words_) < 2 for words_ in surfaces):
            return occurrences
        inside = [(o, w) for o, w in zip(occurrences, surfaces, strict=True) if o.start > 0]
        if not inside or not all(w[0][:1].islower() for _, w in inside):
            return occurrences
        first = sentence_tokens[occurrences[0].pair][occurrences[0].start]
        if not (_deverbal(first.key) if lang == "ru" else first.form.endswith(_ACTION_EN)):
            return occurrences  # провинция Шаньдун: a common noun of the name
        cut = 1
        while cut < len(surfaces[0]) - 1 and all(w[cut].lower() in stop for w in surfaces):
            cut += 1
        if not all(w[cut][:1].isupper() and not w[cut].isupper() for w in surfaces):
            return occurrences
        occurrences = [_Occurrence(o.pair, o.start + cut, o.end) for o in occurrences]


def _shrunk(key: tuple[str, ...], found: dict[tuple[str, ...], list[_Occurrence]],
            word_rate: Callable[[str], float], lang: str) -> tuple[str, ...]:
    """The phrase without an edge word common everywhere, when what is left is found as
    often (заседание Совета министров → Совет министров)."""
    while len(key) > 1:
        for inner in (key[1:], key[:-1]):
            edge = key[0] if inner == key[1:] else key[-1]
            if (inner in found and len(found[inner]) >= len(found[key])
                    and word_rate(edge) >= COMMON):
                key = inner
                break
        else:
            return key
    return key


def _score(support: int, quality: float, rival: float, *, first: bool) -> float:
    """How sure: by how many pairs have the phrase, how well it fits, how far ahead of the
    best phrase elsewhere in the sentences it is."""
    if support == 1:
        # Seen once: weak, unless the rest of the sentence is explained (no rival at all).
        return round(CONFIDENT + 0.05, 3) if first and rival == 0 and quality > 0.5 \
            else round(min(0.45, 0.45 * quality), 3)
    evidence = 1 - 0.5 ** support  # 2 → 0.75, 3 → 0.875, 4 → 0.94
    margin = min(1.0, max(0.0, quality - rival) / 0.3)
    return round(evidence * quality * (0.55 + 0.45 * margin), 3)


def _overlaps(a: list[_Occurrence], b: list[_Occurrence]) -> bool:
    """Whether two phrases share a word in some pair (one is a part of the other, or they
    run into each other)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for o in a:
        spans.setdefault(o.pair, []).append((o.start, o.end))
    return any(s < o.end and o.start < e for o in b for s, e in spans.get(o.pair, ()))


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


def _evidence(pairs: Sequence[AlignedPair], sentence_tokens: Sequence[Sequence[Token]],
              occurrences: list[_Occurrence]) -> tuple[dict, ...]:
    out = []
    for o in occurrences[:3]:
        pair, toks = pairs[o.pair], sentence_tokens[o.pair]
        out.append({"type": "pair", "zh": pair.zh, "target": pair.target,
                    "source": pair.source, "position": pair.position,
                    "span": [toks[o.start].start, toks[o.end - 1].end]})
    return tuple(out)


def _note(pairs: Sequence[AlignedPair], occurrences: list[_Occurrence]) -> str:
    sources = list(dict.fromkeys(pairs[o.pair].source for o in occurrences))
    named = ", ".join(sources[:3]) + (" …" if len(sources) > 3 else "")
    return f"found in {len(occurrences)} of {len(pairs)} aligned sentences of {named}"


# --------------------------------------------------------------------------------------------
# Dictionary forms
# --------------------------------------------------------------------------------------------

_OPEN, _CLOSE = "«“\"", "»”\""


def _dictionary_form(lang: str, knowledge: Knowledge, query: Query,
                     pairs: Sequence[AlignedPair], sentence_tokens: Sequence[Sequence[Token]],
                     occurrences: list[_Occurrence]) -> str:
    seen = []
    for o in occurrences:
        target, toks = pairs[o.pair].target, sentence_tokens[o.pair]
        start, end = toks[o.start].start, toks[o.end - 1].end
        end = _closed(target, start, end)
        # Quoted in the text («шанхайский дух»): the quotes are part of the name.
        quoted = (start > 0 and target[start - 1] in _OPEN and end < len(target)
                  and target[end] in _CLOSE)
        seen.append((target[start:end], o.start == 0, quoted))
    # Capitalisation from inside a sentence where there is such an occurrence.
    inside = [s for s in seen if not s[1]] or seen
    # As often as another: the shorter (ШОС, not Шанхайской организации сотрудничества, where
    # the sentences have both).
    surface, initial, quoted = max(Counter(inside).items(),
                                   key=lambda item: (item[1], -len(item[0][0])))[0]
    if initial and lang == "ru":
        first = surface.split(" ", 1)[0]
        if not first.isupper():
            surface = surface[0].lower() + surface[1:]
    if lang == "ru":
        # In the plural wherever the sentences have it (расчеты в национальных валютах): kept
        # so, unless the Chinese marks the number itself (外交部长们) or the termbase writes the
        # noun in the singular as a term's head (государство-член). English keeps its
        # convention, the singular (relevant authority), as the termbase does.
        marked = any(pairs[o.pair].zh.find(query.term + "们") >= 0 for o in occurrences)
        always = len(occurrences) >= 2 and not marked
        plurals = _plural_nouns(knowledge, query.exclude)
        lemma = _plural_head([s for s, _, _ in seen]) if always else None
        # государства-члены: the termbase's singular heads are the compounds' first parts.
        if lemma and lemma.split("-")[0] not in _singular_nouns(knowledge, query.exclude):
            plurals = plurals | {lemma}
        surface = _russian_nominative(surface, plurals)
    else:
        # A possessive is the sentence's (the Organisation's region), not the term's.
        surface = re.sub(r"['’]s?$", "", surface)
        surface = _english_singular(surface, [s for s, _, _ in seen],
                                    _english_plurals(knowledge, query.exclude))
    # A two-word compound written with a spaced dash after a longer first part (глав
    # государств – членов) is written with a hyphen on its own.
    surface = re.sub(r"^(\w+) [–—] (\w+)$", r"\1-\2", surface)
    return f"«{surface}»" if quoted else surface


def _closed(text: str, start: int, end: int) -> int:
    """The end of the span text[start:end] past the quotation mark that closes a quotation
    opened inside it.

    >>> text = "зона «Китай – ШОС» стала узлом"
    >>> text[:_closed(text, 0, text.index("»"))]
    'зона «Китай – ШОС»'
    """
    for opening, closing in zip(_OPEN, _CLOSE, strict=True):
        if opening != closing and text.count(opening, start, end) > text.count(
                closing, start, end) and text.startswith(closing, end):
            return end + 1
    return end


def _english_singular(surface: str, seen: list[str], plurals: frozenset[str] = frozenset()
                      ) -> str:
    """The head noun (the last word, or the last before a preposition) made singular when
    it is a lower-case plural (member states → member state), unless the termbase writes
    that noun in the plural as a term's head (`plurals`: competent authorities).

    >>> _english_singular("member states", []), _english_singular("competent authorities", [])
    ('member state', 'competent authority')
    >>> _english_singular("settlements in national currencies", [])
    'settlement in national currencies'
    >>> _english_singular("Council of Foreign Ministers", [])
    'Council of Foreign Ministers'
    """
    parts = surface.split(" ")
    head = _english_head_at(parts)
    word = parts[head]
    if not word.islower() or not word.endswith("s") or word.endswith(("ss", "us", "is")) \
            or word in plurals:
        return surface
    if word.endswith("ies"):
        parts[head] = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "sses")):
        parts[head] = word[:-2]
    else:
        parts[head] = word[:-1]
    return " ".join(parts)


_PREPOSITIONS = {"of", "in", "for", "on", "with", "to", "by", "against", "from", "at"}


def _english_head_at(parts: Sequence[str]) -> int:
    """Where the head noun of an English phrase's words is: the last, or the last before a
    preposition."""
    return next((k - 1 for k, w in enumerate(parts) if k and w in _PREPOSITIONS),
                len(parts) - 1)


_EN_PLURALS: weakref.WeakKeyDictionary[Knowledge, dict[str, set[str]]] = \
    weakref.WeakKeyDictionary()


def _english_plurals(knowledge: Knowledge, exclude: str | None) -> frozenset[str]:
    """Plural nouns the termbase writes as the head of an English term (the last word of a
    lower-case rendering, or the last before a preposition: competent authorities, developing
    countries), not counting `exclude`."""
    by_word = _EN_PLURALS.get(knowledge)
    if by_word is None:
        by_word = {}
        heads: dict[str, set[str]] = {}
        for entry in knowledge:
            for rendering in entry.renderings("en"):
                parts = rendering.text.split(" ")
                head = next((k - 1 for k, w in enumerate(parts) if k and w in _PREPOSITIONS),
                            len(parts) - 1)
                if parts[head].islower():
                    heads.setdefault(parts[head], set()).add(entry.key)
        for word, keys in heads.items():
            # Only a noun never written in the singular as a head (member state beside
            # member states: the singular is the convention).
            single = _english_singular(word, [])
            if single != word and single not in heads:
                by_word[word] = keys
        _EN_PLURALS[knowledge] = by_word
    return frozenset(w for w, keys in by_word.items() if keys - {exclude})


_PLURALS: weakref.WeakKeyDictionary[Knowledge, dict[str, set[str]]] = \
    weakref.WeakKeyDictionary()
_SINGULARS: weakref.WeakKeyDictionary[Knowledge, dict[str, set[str]]] = \
    weakref.WeakKeyDictionary()


def _plural_nouns(knowledge: Knowledge, exclude: str | None) -> set[str]:
    """Nouns the termbase writes in the nominative plural as a Russian term's head
    (совместные антитеррористические учения, гуманитарные обмены), not counting `exclude`."""
    by_lemma = _PLURALS.get(knowledge)
    if by_lemma is None:
        by_lemma = {}
        singular: dict[str, set[str]] = {}
        # word → (lemma, number) of a nominative noun, ("", "") for another noun, None for
        # not a noun; a termbase repeats its words, and pymorphy3 is the cost here.
        seen: dict[str, tuple[str, str] | None] = {}
        for entry in knowledge:
            for rendering in entry.renderings("ru"):
                for w in words(rendering.text):
                    if w.text not in seen:
                        parse = morph_analyzer().parse(w.text)[0]
                        number = ("plur" if {"nomn", "plur"} in parse.tag else
                                  "sing" if {"nomn", "sing"} in parse.tag else "")
                        seen[w.text] = (None if parse.tag.POS != "NOUN" else
                                        (parse.normal_form if number else "", number))
                    found = seen[w.text]
                    if found is None:
                        continue
                    lemma, number = found  # the first noun is the head
                    if number == "plur":
                        by_lemma.setdefault(lemma, set()).add(entry.key)
                    elif number == "sing":
                        singular.setdefault(lemma, set()).add(entry.key)
                    break
        _PLURALS[knowledge] = by_lemma
        _SINGULARS[knowledge] = singular
    return {lemma for lemma, keys in by_lemma.items() if keys - {exclude}}


def _singular_nouns(knowledge: Knowledge, exclude: str | None) -> set[str]:
    """Nouns the termbase writes in the nominative singular as a Russian term's head
    (государство-член, страна-председатель), not counting `exclude`."""
    _plural_nouns(knowledge, exclude)
    return {lemma for lemma, keys in _SINGULARS[knowledge].items() if keys - {exclude}}


def _plural_head(surfaces: Sequence[str]) -> str | None:
    """The lemma of the head noun of Russian phrases (their first noun), when it is plural
    in every one of them and surely so in one (расчетов; страны may be a singular genitive)."""
    lemmas, sure = set(), False
    for surface in surfaces:
        parses = (morph_analyzer().parse(w)[:3] for w in _UNIT.findall(surface))
        nouns = next((n for ps in parses if (n := [p for p in ps if p.tag.POS == "NOUN"])),
                     None)
        if nouns is None:
            return None
        if not any(p.tag.number == "plur" for p in nouns):
            return None
        sure = sure or all(p.tag.number == "plur" for p in nouns)
        lemmas.add(next(p for p in nouns if p.tag.number == "plur").normal_form)
    return next(iter(lemmas)) if sure and len(lemmas) == 1 else None


_ADJECTIVE = {"ADJF", "PRTF"}
_UNIT = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")


def _russian_nominative(surface: str, plurals: set[str]) -> str:
    """A Russian noun phrase with its head noun in the nominative, adjectives before it
    agreeing, a hyphenated apposition (государств-членов) following the head, the rest
    unchanged.

    >>> _russian_nominative("Совета глав государств", set())
    'Совет глав государств'
    >>> _russian_nominative("государств-членов", set())
    'государство-член'
    >>> _russian_nominative("Премьер-министров", set())
    'Премьер-министр'
    >>> _russian_nominative("шанхайским духом", set())
    'шанхайский дух'
    >>> _russian_nominative("совместных антитеррористических учений", {"учение"})
    'совместные антитеррористические учения'
    """
    morph = morph_analyzer()
    if _UNIT.fullmatch(surface) and surface[:1].isupper() and (name := surname(
            surface.lower())):
        return _same_case(surface, name)  # a surname: pymorphy3 would guess (Туленов → Тулен)
    # Hyphenated compounds (премьер-министров, торгово-экономического) are one word to
    # pymorphy3, which inflects them as a whole.
    spans = [m.span() for m in _UNIT.finditer(surface)]
    originals = [surface[a:b] for a, b in spans]
    parses = [morph.parse(w) for w in originals]
    head = next((k for k, ps in enumerate(parses)
                 if any(p.tag.POS == "NOUN" for p in ps[:3])), None)
    if head is None or any(not any(p.tag.POS in _ADJECTIVE for p in ps)
                           for ps in parses[:head]):
        return surface
    noun = next(p for p in parses[head][:3] if p.tag.POS == "NOUN")
    if noun.tag.case == "nomn" and head == 0 and noun.tag.number == "sing":
        return surface
    plural = "Pltm" in noun.tag or noun.normal_form in plurals
    number = "plur" if plural else "sing"
    new = list(originals)
    inflected = noun.inflect({"nomn", number})
    if inflected is None:
        return surface
    new[head] = inflected.word
    gender = inflected.tag.gender
    # A noun joined to the head by a hyphen or a dash in the same case agrees with it.
    last = head
    if head + 1 < len(parses) and _JOINER.fullmatch(surface, spans[head][1],
                                                      spans[head + 1][0]) \
            and surface[spans[head][1]:spans[head + 1][0]].strip(" «»\"") != "":
        apposition = next((p for p in parses[head + 1][:3] if p.tag.POS == "NOUN"
                           and p.tag.case == noun.tag.case), None)
        if apposition is not None and (form := apposition.inflect({"nomn", number})):
            new[head + 1] = form.word
            last = head + 1
    for k in range(head):
        adjective = next((p for p in parses[k] if p.tag.POS in _ADJECTIVE
                          and p.tag.case == noun.tag.case), None) \
            or next(p for p in parses[k] if p.tag.POS in _ADJECTIVE)
        grammemes = {"nomn", "plur"} if plural else {"nomn", "sing", gender or "masc"}
        form = adjective.inflect(grammemes)
        if form is not None:
            new[k] = form.word
    out = []
    for k, (_, b) in enumerate(spans):
        out.append(_same_case(originals[k], new[k]) if k <= last else originals[k])
        gap_end = spans[k + 1][0] if k + 1 < len(spans) else len(surface)
        out.append(surface[b:gap_end])
    return surface[:spans[0][0]] + "".join(out)


def _same_case(original: str, word: str) -> str:
    """`word` written with the capitals of `original`, part by part in a hyphenated compound.

    >>> _same_case("Усть-Каменогорске", "усть-каменогорск")
    'Усть-Каменогорск'
    """
    parts, new = re.split(r"([-‐‑])", original), re.split(r"([-‐‑])", word)
    if len(parts) > 1 and len(parts) == len(new):
        return "".join(_part_case(a, b) for a, b in zip(parts, new, strict=True))
    return _part_case(original, word)


def _part_case(original: str, word: str) -> str:
    if "ё" not in original.lower():
        word = word.replace("ё", "е")  # pymorphy3 writes ё; the text did not
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
