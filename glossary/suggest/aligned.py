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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from glossary.bitext.anchors import (
    Token,
    find_phrase,
    known_terms,
    norm_index,
    numbers,
    phrase_key,
)
from glossary.suggest import CONFIDENT, TARGET_LANGS, AlignedPair, Material, Query, Suggestion
from glossary.suggest.aligned_context import (
    _ACTION_EN,
    _action_before_name,
    _constant_neighbour,
    _deverbal,
    _explained,
    _has_verb,
    _neighbour_trimmed,
    _same_neighbours,
    _unknown_part,
)
from glossary.suggest.aligned_phrases import (
    _ADJECTIVE,
    _CONJUNCTIONS,
    _JOINER,
    _STOP,
    _background_counts,
    _background_words,
    _capital,
    _expected_words,
    _masked,
    _Occurrence,
    _phrases,
    _pos,
    _tokens,
    _verbal,
)
from glossary.suggest.dictionary_forms import _dictionary_form, _english_plurals, _plural_nouns
from glossary.suggest.knowledge import Knowledge

__all__ = ["prepare", "suggest"]

#: Most suggestions per language.
LIMIT = 3


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
