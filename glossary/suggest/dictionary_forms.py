"""The dictionary form of a phrase found in a translation, as a termbase writes it: a Russian
noun phrase with its head in the nominative (singular, unless the word is plural-only or the
termbase writes it in the plural), the adjectives before it agreeing and the genitive tail
unchanged (pymorphy3); an English one as seen, a final plural noun made singular unless the
termbase keeps that noun plural. Used by the aligned suggester."""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Sequence

from glossary.analysis import morph_analyzer, words
from glossary.bitext.anchors import (
    Token,
    surname,
)
from glossary.suggest import AlignedPair, Query
from glossary.suggest.aligned_phrases import _ADJECTIVE, _JOINER, _Occurrence
from glossary.suggest.knowledge import Knowledge

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
