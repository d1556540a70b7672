"""What the Chinese around a term says of the words around its rendering, for the aligned
suggester: a word always beside the term (and what it translates to elsewhere), a term
without a verb (so an action noun before a name is the sentence's), a part of the term the
termbase does not know."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence

from glossary.analysis import is_han, morph_analyzer
from glossary.bitext.anchors import (
    Token,
    known_terms,
)
from glossary.suggest import AlignedPair, Query
from glossary.suggest.aligned_phrases import _FUNCTION_CHARS, _STOP, _keys, _Occurrence, _pos
from glossary.suggest.knowledge import Knowledge


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
