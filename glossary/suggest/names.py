"""Suggester: names of persons and places.

- A Chinese personal name: Palladius for Russian, pinyin without tones for English, surname
  and given name apart and capitalised (习近平 → Си Цзиньпин / Xi Jinping).
- A place in China: the conventional form from data/places.tsv (北京 → Пекин / Beijing,
  陕西 → Шэньси / Shaanxi), else the rule, with the administrative suffix translated
  (河南省 → провинция Хэнань / Henan Province).
- A foreign name written in characters (弗拉基米尔·诺罗夫): every part from the termbase (a
  person whose Chinese name has that part at the same place) or from data/foreign_names.tsv;
  a part known from nowhere means no suggestion, as sound-by-sound guesses are wrong more
  often than not (Xinhua's 扎 is За-, Жа- and Джа-).

A name is never taken whole from a different person of the termbase: only exact parts are
reused, so 弗拉基米尔·诺罗夫 does not become Владимир Путин.

>>> from glossary.suggest import Query
>>> [s.text for s in suggest(Query("习近平", "person"), Knowledge(), None)]
['Си Цзиньпин', 'Xi Jinping']
"""

from __future__ import annotations

import functools
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from glossary.chinese import is_han
from glossary.chinese.cyrillic import PALLADIUS_EXCEPTIONS, palladius, palladius_word
from glossary.chinese.pinyin import FOREIGN_NAMES, pinyin_forms
from glossary.extract.heads import is_transliteration
from glossary.extract.lexicon import lexicon
from glossary.extract.people import chinese_name, is_person_like
from glossary.suggest import CONFIDENT, Material, Query, Suggestion
from glossary.suggest.knowledge import Entry, Knowledge

__all__ = ["foreign_names", "places", "suggest"]

#: Scores. A Chinese name by rule is certain up to polyphonic characters; a name whose kind
#: the extractor did not give may be a word (高度, 金融), so it is only offered as weak.
PERSON_SCORE = 0.85
UNKNOWN_SURNAME_SCORE = 0.7  # 习, 官: a name, but outside the common-surname list
GUESSED_PERSON_SCORE = 0.4
TABLE_SCORE = 0.9
SUFFIX_TABLE_SCORE = 0.85
SUFFIX_RULE_SCORE = 0.6
BARE_PLACE_SCORE = 0.45  # 万象, 中东, 咸海 look Chinese and are not: never confident
FOREIGN_SCORE = 0.8
#: One part alone (阿利莫夫): the surname, though the text may mean a fuller name.
FOREIGN_PART_SCORE = 0.6
KNOWN_SCORE = 0.75

NAME_DOTS = "·•‧・"
#: Term types a foreign name's parts are learned from (not abbreviations or short forms:
#: Р.К.Алимов does not split into parts that match 拉希德·阿利莫夫).
_LEARN_TYPES = ("fullForm", "variant")
_WEIGHT = {"preferred": 2.0, "admitted": 1.5, "proposed": 1.0}
_TABLE_WEIGHT = 1.5

# Administrative suffixes of Chinese places: Russian pattern, English pattern, as the
# termbase writes 河南省 (провинция Хэнань / Henan Province). 自治区 and 特别行政区 are not
# here: each has its own form (Синьцзян-Уйгурский автономный район), in the places table.
_SUFFIXES = (
    ("省", "провинция {}", "{} Province"),
    ("市", "город {}", "{} City"),
    ("县", "уезд {}", "{} County"),
    ("区", "район {}", "{} District"),
)


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    zh: str
    ru: str  # "" for places: the Palladius rule (with PALLADIUS_EXCEPTIONS)
    en: str


def _rows(name: str) -> dict[str, Row]:
    text = resources.files("glossary.suggest").joinpath("data", name).read_text("utf-8")
    rows: dict[str, Row] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        zh, ru, en = line.split("\t")
        if zh in rows:
            raise ValueError(f"{name}: {zh} twice")
        rows[zh] = Row(zh, ru, en)
    return rows


@functools.cache
def places() -> dict[str, Row]:
    """Conventional names of places in China, by Chinese name (data/places.tsv)."""
    return _rows("places.tsv")


@functools.cache
def foreign_names() -> dict[str, Row]:
    """Common foreign given names and surnames as Xinhua writes them (data/foreign_names.tsv)."""
    return _rows("foreign_names.tsv")


# --------------------------------------------------------------------------------------------
# The suggester
# --------------------------------------------------------------------------------------------

def suggest(query: Query, knowledge: Knowledge, material: Material | None
            ) -> Iterable[Suggestion]:
    """Russian and English for a name; nothing for what is not a name or not known enough."""
    term = query.term.strip()
    if not term or query.kind not in (None, "person", "place", "state"):
        return []
    known = list(_known(term, query, knowledge))
    if known:
        return known
    if query.kind in (None, "person"):
        found = _person(term, query, knowledge)
        if found:
            return found
    if query.kind in (None, "place"):
        return _place(term, query.kind)
    return []


def _known(term: str, query: Query, knowledge: Knowledge) -> Iterator[Suggestion]:
    """The term is a name of another concept of the same kind: namesakes are written alike.

    Not for a foreign surname alone (阿利莫夫): a new concept under a name the termbase already
    gives to a person is another person, so only the part is reused (Алимов), never the whole
    name of the one the termbase knows (Рашид Алимов)."""
    if query.kind is None or (query.kind == "person" and _is_foreign(term)
                              and len(_split(term)) == 1):
        return
    for entry in knowledge.lookup(term, exclude=query.exclude):
        if entry.kind != query.kind:
            continue
        for lang in ("ru", "en"):
            head = entry.head(lang)
            if head is not None:
                yield Suggestion(lang, head.text, KNOWN_SCORE, "termbase",
                                 ({"type": "part", "zh": term, "text": head.text,
                                   "concept": entry.key},),
                                 f"the name of {entry.key} in the termbase")
        return


# --------------------------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------------------------

def _person(term: str, query: Query, knowledge: Knowledge) -> list[Suggestion]:
    if _is_foreign(term):
        if query.kind is None and not any(d in term for d in NAME_DOTS) \
                and not is_person_like(term, lexicon()):
            return []  # 阿布扎比 may be a place as well as a person
        return _foreign(term, query, knowledge)
    lex = lexicon()
    if query.kind == "person" and 2 <= len(term) <= 4 and all(map(is_han, term)):
        score = PERSON_SCORE if chinese_name(term, lex) or _has_surname(term) \
            else UNKNOWN_SURNAME_SCORE
    elif query.kind is None and chinese_name(term, lex):
        score = GUESSED_PERSON_SCORE
    else:
        return []
    note = "Palladius transcription of a Chinese personal name, surname first"
    ru = palladius(term, person=True)
    en = _toneless(pinyin_forms(term, person=True).tone)
    return [Suggestion("ru", ru, score, "palladius", ({"type": "rule", "rule": "Palladius"},),
                       note),
            Suggestion("en", en, score, "pinyin", ({"type": "rule", "rule": "pinyin"},),
                       "Pinyin of a Chinese personal name, surname first, without tones")]


def _has_surname(term: str) -> bool:
    surnames = lexicon().surnames
    return term[:1] in surnames or term[:2] in surnames


def _is_foreign(term: str) -> bool:
    """A foreign name written in characters: a name dot, a name in FOREIGN_NAMES, a Slavic
    surname ending, or made of transcription characters (the given name of 安瓦尔 at least)."""
    if any(d in term for d in NAME_DOTS) or "-" in term or term in FOREIGN_NAMES:
        return True
    lex = lexicon()
    if is_person_like(term, lex) or len(term) > 4:
        return True
    given = term[2:] if term[:2] in lex.surnames and len(term) > 3 else term[1:]
    return len(term) >= 2 and (is_transliteration(term, lex, 2)
                               or is_transliteration(given, lex, 2))


def _foreign(term: str, query: Query, knowledge: Knowledge) -> list[Suggestion]:
    parts = _split(term)
    learned = _learned(knowledge)
    table = foreign_names()
    single = len(parts) == 1
    score = FOREIGN_PART_SCORE if single else FOREIGN_SCORE
    out: list[Suggestion] = []
    for lang in ("ru", "en"):
        words: list[str] = []
        evidence: list[dict[str, Any]] = []
        for part in parts:
            chosen = _part(part, lang, learned, table, query.exclude)
            if chosen is None:
                break  # a part known from nowhere: no guess
            words.append(chosen[0])
            evidence.extend(chosen[1])
        else:
            out.append(Suggestion(
                lang, " ".join(words), score, "foreign-name", tuple(evidence),
                "Foreign name: each part as the termbase or Xinhua's usage writes it"
                + (" (one part only: check whether the full name is meant)" if single else "")))
    return out


def _split(term: str) -> list[str]:
    for dot in NAME_DOTS[1:]:
        term = term.replace(dot, NAME_DOTS[0])
    return [p for p in term.split(NAME_DOTS[0]) if p]


def _part(part: str, lang: str, learned: _Learned, table: dict[str, Row], exclude: str | None
          ) -> tuple[str, list[dict[str, Any]]] | None:
    """The rendering of one part of a foreign name in `lang`: the form with most weight among
    the termbase's persons (not `exclude`) and the table, with its evidence."""
    weights: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for text, key, weight in learned.parts.get((part, lang), ()):
        if key == exclude:
            continue
        weights[text] += weight
        if len(evidence[text]) < 3:
            evidence[text].append({"type": "part", "zh": part, "text": text, "concept": key})
    row = table.get(part)
    if row is not None:
        text = row.ru if lang == "ru" else row.en
        weights[text] += _TABLE_WEIGHT
        evidence[text].append({"type": "table", "table": "foreign_names", "zh": part,
                               "text": text})
    if not weights:
        return _feminine(part, lang, learned, table, exclude)
    best = max(weights, key=lambda t: (weights[t], t))
    return best, evidence[best]


def _feminine(part: str, lang: str, learned: _Learned, table: dict[str, Row],
              exclude: str | None) -> tuple[str, list[dict[str, Any]]] | None:
    """A woman's surname from the man's: Xinhua's -耶娃/-诺娃 for the -ева/-ова of a surname
    whose -ев/-ов (-耶夫/-诺夫) is known (纳扎尔巴耶娃 → Назарбаева / Nazarbayeva)."""
    if not part.endswith("娃") or len(part) < 3:
        return None
    masculine = _part(part[:-1] + "夫", lang, learned, table, exclude)
    if masculine is None or not masculine[0].endswith(("ев", "ов", "ёв", "ev", "ov", "yev")):
        return None
    text = masculine[0] + ("а" if lang == "ru" else "a")
    return text, [*masculine[1], {"type": "rule", "rule": "X夫 → X娃: -ев/-ов → -ева/-ова"}]


@dataclass
class _Learned:
    """Parts of foreign names the termbase's persons show: (zh part, lang) → [(text, concept
    key, weight)]."""

    size: int
    parts: dict[tuple[str, str], list[tuple[str, str, float]]]


_LEARNED: weakref.WeakKeyDictionary[Knowledge, _Learned] = weakref.WeakKeyDictionary()


def _learned(knowledge: Knowledge) -> _Learned:
    """The parts, read once per Knowledge (again if concepts were added since)."""
    found = _LEARNED.get(knowledge)
    if found is None or found.size != len(knowledge):
        found = _LEARNED[knowledge] = _Learned(len(knowledge), _learn(knowledge))
    return found


def _learn(knowledge: Knowledge) -> dict[tuple[str, str], list[tuple[str, str, float]]]:
    """Align the dotted parts of each person's Chinese names with the words of its Russian and
    English names, where the counts agree (弗拉基米尔·普京 / Владимир Путин)."""
    parts: dict[tuple[str, str], list[tuple[str, str, float]]] = defaultdict(list)
    for entry in knowledge:
        if entry.kind != "person":
            continue
        for zh in dict.fromkeys(entry.zh):
            if not any(d in zh for d in NAME_DOTS):
                continue
            pieces = _split(zh)
            for lang in ("ru", "en"):
                for rendering in _learnable(entry, lang):
                    words = rendering.text.split()
                    if len(words) == len(pieces):
                        for piece, word in zip(pieces, words, strict=True):
                            parts[(piece, lang)].append(
                                (word, entry.key, _WEIGHT.get(rendering.status, 1.0)))
    return dict(parts)


def _learnable(entry: Entry, lang: str) -> list[Any]:
    return [r for r in entry.renderings(lang) if r.type in _LEARN_TYPES]


# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------

def _place(term: str, kind: str | None) -> list[Suggestion]:
    table = places()
    row = table.get(term)
    if row is not None:
        ru = row.ru or palladius(term)
        note = "Conventional name of a place in China"
        return [Suggestion(lang, text, TABLE_SCORE, "place-table",
                           ({"type": "table", "table": "places", "zh": term, "text": text},),
                           note)
                for lang, text in (("ru", ru), ("en", row.en))]
    for suffix, ru_pattern, en_pattern in _SUFFIXES:
        base = term[: -len(suffix)]
        if not term.endswith(suffix) or not base or not all(map(is_han, base)):
            continue
        base_row = table.get(base)
        if base_row is not None:
            ru, en, score = base_row.ru or palladius(base), base_row.en, SUFFIX_TABLE_SCORE
        elif kind == "place" and not _foreign_place(base):
            ru, en, score = _place_ru(base), _place_en(base), SUFFIX_RULE_SCORE
        else:
            return []
        rule = f"X{suffix} → {ru_pattern.format('X')} / {en_pattern.format('X')}"
        evidence: tuple[dict[str, Any], ...] = ({"type": "rule", "rule": rule},)
        if base_row is not None:
            evidence += ({"type": "table", "table": "places", "zh": base, "text": ru},)
        note = "Chinese place: its name with the administrative unit translated"
        return [Suggestion("ru", ru_pattern.format(ru), score, "place-rule", evidence, note),
                Suggestion("en", en_pattern.format(en), score, "place-rule", evidence, note)]
    if kind == "place" and 2 <= len(term) <= 4 and all(map(is_han, term)) \
            and not _foreign_place(term):
        note = "Palladius / pinyin of what may be a Chinese place name (check: it may be foreign)"
        return [Suggestion("ru", _place_ru(term), BARE_PLACE_SCORE, "palladius",
                           ({"type": "rule", "rule": "Palladius"},), note),
                Suggestion("en", _place_en(term), BARE_PLACE_SCORE, "pinyin",
                           ({"type": "rule", "rule": "pinyin"},), note)]
    return []


def _foreign_place(name: str) -> bool:
    """Two or more characters of the foreign-name transcription tables: 旁遮普, 明斯克."""
    lex = lexicon()
    return sum(ch in lex.transliteration for ch in name) >= 2


def _place_ru(name: str) -> str:
    """A place name as one Palladius word (阿拉山口 → Алашанькоу, not Ала Шанькоу)."""
    return PALLADIUS_EXCEPTIONS.get(name) or palladius_word(pinyin_forms(name).plain.split())


def _place_en(name: str) -> str:
    """A place name as one pinyin word without tones (西安 → Xi'an)."""
    word = ""
    for syllable in pinyin_forms(name).plain.split():
        word += ("'" if word and syllable[:1] in "aoe" else "") + syllable
    return word[:1].upper() + word[1:].replace("v", "ü")


# --------------------------------------------------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0304\u030c")  # grave, acute, macron, caron; not ü's


def _toneless(text: str) -> str:
    """Pinyin without tone marks, ü kept (Lǚ → Lü).

    >>> _toneless("Xí Jìnpíng"), _toneless("Lǚ Xī'ān")
    ('Xi Jinping', "Lü Xi'an")
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


assert 0 < GUESSED_PERSON_SCORE < CONFIDENT <= min(PERSON_SCORE, FOREIGN_SCORE, TABLE_SCORE)
