"""Russian inflection for composed terms (pymorphy3, the analyser glossary.analysis builds).

A Russian term of the termbase is a noun phrase in the nominative: adjectives and participles,
then the head noun, then its dependents (genitives, prepositional phrases, indeclinable
abbreviations). Put into another case or number, only the words up to the head noun change:
«Региональная антитеррористическая структура ШОС» → «Региональной антитеррористической
структуры ШОС». That is all the composition suggester needs: the case a part takes inside a
larger term (заседание **Совета** глав государств) is read from an example of the termbase,
and the new part is put into that case.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from glossary.analysis import morph_analyzer
from glossary.suggest.pieces import ru_ordinal_words

_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
#: Parts of speech that agree with the head noun they stand before.
_AGREEING = {"ADJF", "PRTF", "NUMR"}
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class Form:
    """The grammatical form a noun phrase or adjective takes in its place: case and number
    (and gender, for an adjective)."""

    case: str = "nomn"
    number: str = "sing"
    gender: str | None = None


def tokens(text: str) -> list[re.Match[str]]:
    """The words of `text` (letters and digits; hyphens and dashes separate)."""
    return list(_TOKEN.finditer(text))


def _fixed(word: str) -> bool:
    """A word that does not decline here: not Cyrillic, or an abbreviation (ШОС, ООН)."""
    return not _CYRILLIC.search(word) or (len(word) > 1 and word.isupper())


@functools.lru_cache(maxsize=65536)
def _parses(word: str) -> tuple:
    return tuple(morph_analyzer().parse(word.lower()))


@functools.lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma pymorphy3 proposes for a word (ё folded), or the word itself.

    >>> "совет" in lemmas("Совета")
    True
    """
    if _fixed(word):
        return frozenset({word.casefold()})
    return frozenset(p.normal_form.replace("ё", "е") for p in _parses(word))


def _head_parse(word: str):
    """The word read as a noun in the nominative, if it can be."""
    nouns = [p for p in _parses(word) if "NOUN" in p.tag]
    for p in nouns:
        if "nomn" in p.tag:
            return p
    return nouns[0] if nouns else None


def head_index(text: str) -> int | None:
    """Which word of a nominative noun phrase is its head noun (the first noun), or None
    when the phrase starts with a word that does not decline (it then stays as it is)."""
    words = tokens(text)
    for i, m in enumerate(words):
        w = m.group()
        if _fixed(w):
            return None
        if _head_parse(w) is not None:
            return i
    return None


def form_in(rendering: str, placed: str) -> Form | None:
    """The form the noun phrase `rendering` (nominative) takes as `placed`, the same words as
    they stand inside a larger term; None when the head noun cannot be matched.

    >>> form_in("Совет глав государств-членов ШОС", "Совета глав государств – членов ШОС")
    Form(case='gent', number='sing', gender=None)
    """
    h = head_index(rendering)
    words, there = tokens(rendering), tokens(placed)
    if h is None or len(there) <= h:
        return Form()
    base = _head_parse(words[h].group())
    if base is None:
        return None
    number = "plur" if "plur" in base.tag else "sing"
    word = there[h].group()
    if word.casefold().replace("ё", "е") == words[h].group().casefold().replace("ё", "е"):
        return Form("nomn", number)
    for p in _parses(word):
        if "NOUN" in p.tag and p.normal_form == base.normal_form and p.tag.case in _CASES:
            if p.tag.case == "nomn":
                continue
            return Form(p.tag.case, "plur" if "plur" in p.tag else "sing")
    return None


def _keep_case(original: str, new: str) -> str:
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def inflect_phrase(text: str, form: Form) -> str | None:
    """Put a nominative noun phrase into `form`: the head noun and the words before it that
    agree with it change, the rest stays. None when pymorphy3 cannot.

    >>> inflect_phrase("Региональная антитеррористическая структура ШОС", Form("gent"))
    'Региональной антитеррористической структуры ШОС'
    >>> inflect_phrase("ШОС", Form("gent"))
    'ШОС'
    >>> inflect_phrase("государство-член", Form("gent", "plur"))
    'государств-членов'
    """
    if form.case == "nomn" and form.number == "sing":
        return text
    words = tokens(text)
    h = head_index(text)
    if h is None:
        return text
    head = _head_parse(words[h].group())
    if head is None:
        return None
    grams = {form.case} | ({form.number} if "Sgtm" not in head.tag and "Pltm" not in head.tag
                           else set())
    new_head = head.inflect(grams)
    if new_head is None:
        return None
    gender = head.tag.gender
    number = new_head.tag.number or form.number
    last_changed = h
    # a hyphenated pair of nouns declines as a whole: государство-член → государств-членов
    if h + 1 < len(words) and text[words[h].end():words[h + 1].start()] == "-":
        second = _head_parse(words[h + 1].group())
        if second is not None:
            last_changed = h + 1
    out, last = [], 0
    for i in range(last_changed + 1):
        m = words[i]
        w = m.group()
        if i == h:
            new = new_head.word
        elif i > h:
            found = _head_parse(w)
            inflected = found.inflect({form.case, number}) if found else None
            if inflected is None:
                return None
            new = inflected.word
        else:
            new = _agree(w, form.case, number, gender)
            if new is None:
                continue  # an adverb or a word that does not agree: left as it is
        out.append(text[last:m.start()])
        out.append(_keep_case(w, new))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _agree(word: str, case: str, number: str, gender: str | None) -> str | None:
    """An adjective or participle made to agree; None for a word that does not agree."""
    for p in _parses(word):
        if p.tag.POS in _AGREEING and (p.tag.case == "nomn" or p.tag.POS == "NUMR"):
            grams = {case, number} | ({gender} if number == "sing" and gender else set())
            if case == "accs":
                grams.add("inan")
            found = p.inflect(grams) or p.inflect({case, number})
            return found.word if found else None
    return None


def adjective_form(word: str) -> Form | None:
    """The case, number and gender of an adjective as it stands (Астанинская: nomn, sing,
    femn); None when the word is not an adjective."""
    for p in _parses(word):
        if p.tag.POS == "ADJF":
            return Form(p.tag.case or "nomn", p.tag.number or "sing", p.tag.gender)
    return None


def adjective_lemma(word: str) -> str | None:
    """The dictionary form of an adjective (Астанинская → астанинский)."""
    for p in _parses(word):
        if p.tag.POS == "ADJF":
            return str(p.normal_form)
    return None


def inflect_adjective(lemma: str, form: Form) -> str | None:
    """An adjective in its dictionary form put into `form`.

    >>> inflect_adjective("циндаоский", Form("nomn", "sing", "femn"))
    'циндаоская'
    """
    for p in _parses(lemma):
        if p.tag.POS == "ADJF":
            grams = {form.case, form.number} | (
                {form.gender} if form.number == "sing" and form.gender else set())
            if form.case == "accs":
                grams.add("inan")
            found = p.inflect(grams)
            return found.word if found else None
    return None


def ordinal(n: int, form: Form) -> str | None:
    """A Russian ordinal in words, in `form`.

    >>> ordinal(25, Form("gent", "sing", "neut")), ordinal(13, Form("nomn", "sing", "neut"))
    ('двадцать пятого', 'тринадцатое')
    """
    words = ru_ordinal_words(n)
    if words is None:
        return None
    last = inflect_adjective(words[-1], form)
    return " ".join((*words[:-1], last)) if last else None


def find_ordinal(n: int, text: str) -> tuple[int, int, Form] | None:
    """Where the ordinal `n`, in words, stands in `text`, and its form.

    >>> find_ordinal(13, "по итогам тринадцатого заседания Совета")
    (10, 22, Form(case='gent', number='sing', gender='neut'))
    """
    words = ru_ordinal_words(n)
    if words is None:
        return None
    there = tokens(text)
    k = len(words)
    for i in range(len(there) - k + 1):
        window = there[i:i + k]
        if any(w.group().casefold() != c for w, c in zip(window[:-1], words[:-1], strict=True)):
            continue
        last = window[-1].group()
        lemma = words[-1].replace("ё", "е")
        for p in _parses(last):
            if p.tag.POS == "ADJF" and p.normal_form.replace("ё", "е") == lemma:
                gender = p.tag.gender
                # masc and neut share the oblique cases; read the noun after it when it can
                if gender in ("masc", "neut") and i + k < len(there):
                    noun = [q for q in _parses(there[i + k].group()) if "NOUN" in q.tag]
                    if noun and noun[0].tag.gender:
                        gender = noun[0].tag.gender
                return (window[0].start(), window[-1].end(),
                        Form(p.tag.case or "nomn", p.tag.number or "sing", gender))
    return None


def derived_adjective(name: str) -> tuple[str, float] | None:
    """The adjective of a one-word place name by the regular suffix -ский, with how sure that
    is: sure after a consonant (Бишкек → бишкекский, Ташкент → ташкентский); less after -нь,
    kept in Chinese names (Тяньцзинь → тяньцзиньский), or -ао (Циндао → циндаоский); None
    for other endings, whose adjectives are irregular (Астана → астанинский, Уфа → уфимский,
    Душанбе → душанбинский) and must be learned from the termbase.

    >>> derived_adjective("Бишкек"), derived_adjective("Астана")
    (('бишкекский', 0.8), None)
    """
    if " " in name or "-" in name or not name or not _CYRILLIC.search(name):
        return None
    low = name.lower()
    if low.endswith("нь"):
        return low + "ский", 0.6
    if low.endswith("ао"):
        return low + "ский", 0.5
    if low[-1] in "аеёиоуыэюяйь":
        return None
    return low + "ский", 0.8
