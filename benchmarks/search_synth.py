"""Synthetic but realistic trilingual SCO termbases, and the queries to measure them with.

`generate(n, seed)` makes n concepts in the shapes of the real termbase: phrases built from
SCO vocabulary (benchmarks/search_vocabulary.py) with Russian inflected by pymorphy3,
abbreviations (RATS / РАТС / 上合组织-style short forms), British spellings with American
variants (admitted), deprecated variants, Chinese person names with pinyin and Palladius,
and foreign person and place names transliterated syllable by syllable. `write_database`
stores them with the application's models (SQLAlchemy Core, in bulk). `make_queries` draws
the queries of every kind the issue names, with the number of relevant concepts; `relevant`
decides, from a concept's terms, whether a result is relevant (engine-independent ground
truth: the same rule judges every engine).
"""

from __future__ import annotations

import bisect
import functools
import random
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import ahocorasick
import search_prose
from search_vocabulary import (
    COMPLEMENTS,
    FOREIGN_GIVEN,
    GIVEN,
    HEADS,
    MODIFIERS,
    NAME_SYLLABLES,
    PLACE_ENDINGS,
    SURNAME_ENDINGS,
    SURNAMES,
)

from glossary import chinese
from glossary.analysis import american, words
from glossary.search.keys import term_key, zh_key
from glossary.search.pinyin import letters

KINDS = ("zh_substring", "traditional", "pinyin_joined", "pinyin_spaced", "pinyin_toned",
         "initials", "russian_inflected", "english", "abbreviation", "palladius", "prefix",
         "fuzzy")
SUBJECTS = ("politics", "international-relations", "security", "economy", "finance",
            "transport", "law", "culture", "education", "science-technology", "health",
            "environment", "sport", "geography", "people")
HEAD_KINDS = {
    "organization": {"组织", "机构", "银行", "基金", "联盟", "联合会"},
    "body": {"委员会", "理事会", "秘书处", "小组", "办公室", "机制"},
    "meeting": {"会议", "论坛", "峰会", "部长会议", "委员会会议"},
    "document": {"公约", "协定", "条约", "宣言", "纲要", "战略", "计划", "构想", "宪章", "议定书",
                 "倡议"},
    "event": {"演习", "博览会"},
}
BRITISH = {"Organisation": "Organization", "Centre": "Center", "Programme": "Program",
           "Defence": "Defense", "Good-Neighbourliness": "Good-Neighborliness",
           "Informatisation": "Informatization", "Standardisation": "Standardization"}


@dataclass
class Term:
    lang: str
    text: str
    type: str = "fullForm"
    status: str = "preferred"
    pinyin: str | None = None
    numbered: str | None = None
    plain: str | None = None
    initials: str | None = None
    cyrillic: str | None = None
    note: str | None = None


@dataclass
class Concept:
    key: str
    kind: str
    subject: str
    terms: list[Term] = field(default_factory=list)
    ru_phrase: tuple | None = None  # (adjective lemmas, head lemma, complement lemma)
    definition: dict[str, str] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)
    phrase: tuple | None = None  # (modifiers, complement, head) vocabulary entries


@functools.cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=100_000)
def _inflect(lemma: str, grammemes: frozenset[str]) -> str:
    parse = _morph().parse(lemma)[0]
    form = parse.inflect(set(grammemes))
    return form.word if form else lemma


@functools.cache
def _gender(noun: str) -> str:
    return _morph().parse(noun)[0].tag.gender or "masc"


def russian_phrase(adjectives: list[str], head: str, complement: str | None,
                   case: str = "nomn") -> str:
    """The Russian phrase in a case: adjectives agree with the head, complement in gent."""
    gender = _gender(head)
    parts = [_inflect(a, frozenset({gender, "sing", case})) for a in adjectives]
    parts.append(_inflect(head, frozenset({"sing", case})))
    if complement:
        parts.append(_inflect(complement, frozenset({"sing", "gent"})))
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=10_000)
def _morpheme_pinyin(zh: str, proper: bool) -> tuple[str, str, str, str]:
    forms = chinese.pinyin_forms(zh)
    tone = "".join(forms.tone.split())
    if proper:
        tone = tone[:1].upper() + tone[1:]
    return tone, forms.numbered, forms.plain, forms.initials


def _compose_pinyin(term: Term, morphemes: list[str], proper: bool) -> None:
    pieces = [_morpheme_pinyin(m, proper) for m in morphemes]
    term.pinyin = " ".join(p[0] for p in pieces)
    term.numbered = " ".join(p[1] for p in pieces)
    term.plain = " ".join(p[2] for p in pieces)
    term.initials = "".join(p[3] for p in pieces)


@functools.lru_cache(maxsize=200_000)
def _traditional(text: str) -> str:
    return chinese.to_traditional(text, "s2tw")


def _abbreviation(words_: list[str]) -> str:
    return "".join(w[0].upper() for word in words_ for w in word.replace("-", " ").split())


def _phrase(rng: random.Random, key: str) -> Concept:
    head = rng.choice(HEADS)
    mods = rng.sample(MODIFIERS, 1 if rng.random() < 0.6 else 2)
    comp = rng.choice(COMPLEMENTS) if rng.random() < 0.7 else None
    kind = next((k for k, heads in HEAD_KINDS.items() if head[0] in heads), "concept")
    concept = Concept(key, kind, rng.choice(SUBJECTS))
    morphemes = [m[0] for m in mods] + ([comp[0]] if comp else []) + [head[0]]
    proper = kind != "concept"
    zh = Term("zh-Hans", "".join(morphemes))
    _compose_pinyin(zh, morphemes, proper)
    concept.terms.append(zh)
    adjectives = [m[1] for m in mods]
    concept.ru_phrase = (tuple(adjectives), head[1], comp[1] if comp else None)
    concept.phrase = (tuple(mods), comp, head)
    concept.terms.append(Term("ru", russian_phrase(adjectives, head[1], comp[1] if comp else None)))
    en_words = [m[2] for m in mods] + ([comp[2]] if comp else []) + [head[2]]
    en_text = " ".join(en_words)
    concept.terms.append(Term("en", en_text))
    if any(w in BRITISH for w in en_words) and rng.random() < 0.5:
        us = " ".join(BRITISH.get(w, w) for w in en_words)
        concept.terms.append(Term("en", us, "variant", "admitted"))
    if len(morphemes) >= 3 and rng.random() < 0.3:
        short = Term("zh-Hans", "".join(m[0] for m in morphemes[:-1]) + morphemes[-1],
                     "shortForm")
        _compose_pinyin(short, [m[0] for m in morphemes[:-1]] + [morphemes[-1]], proper)
        concept.terms.append(short)
        concept.terms.append(Term("en", _abbreviation(en_words), "abbreviation"))
        ru_words = concept.terms[1].text.split()
        concept.terms.append(Term("ru", "".join(w[0].upper() for w in ru_words),
                                  "abbreviation"))
    if rng.random() < 0.05:
        other = rng.choice(MODIFIERS)
        concept.terms.append(Term("ru", russian_phrase([other[1], *adjectives[1:]], head[1],
                                                        comp[1] if comp else None),
                                  "variant", "deprecated"))
    return concept


def _chinese_person(rng: random.Random, key: str) -> Concept:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    concept = Concept(key, "person", "people")
    zh = Term("zh-Hans", name)
    forms = _person_forms(name)
    zh.pinyin, zh.numbered, zh.plain, zh.initials, zh.cyrillic = forms
    concept.terms.append(zh)
    concept.terms.append(Term("ru", zh.cyrillic))
    concept.terms.append(Term("en", _strip_tones(zh.pinyin)))
    return concept


@functools.lru_cache(maxsize=200_000)
def _person_forms(name: str) -> tuple[str, str, str, str, str]:
    forms = chinese.pinyin_forms(name, person=True)
    return (forms.tone, forms.numbered, forms.plain, forms.initials,
            chinese.palladius(name, person=True))


def _strip_tones(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch))


def _foreign(rng: random.Random, key: str, person: bool) -> Concept:
    syllables = [rng.choice(NAME_SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))]
    ending = rng.choice(SURNAME_ENDINGS if person else PLACE_ENDINGS)
    parts = [*syllables, ending]
    ru = "".join(p[0].lower() for p in parts).capitalize()
    en = "".join(p[1].lower() for p in parts).capitalize()
    zh = "".join(p[2] for p in parts)
    concept = Concept(key, "person" if person else "place", "people" if person else "geography")
    if person:
        given = rng.choice(FOREIGN_GIVEN)
        ru, en, zh = f"{given[0]} {ru}", f"{given[1]} {en}", f"{given[2]}·{zh}"
    term = Term("zh-Hans", zh)
    _compose_pinyin(term, zh.split("·"), True)
    concept.terms += [term, Term("ru", ru), Term("en", en)]
    if not person and rng.random() < 0.3:
        concept.terms.append(Term("en", en.replace("y", "i").replace("kh", "h"), "variant",
                                  "admitted"))
    return concept


def generate(n: int, seed: int = 5) -> list[Concept]:
    """n concepts: 80% phrases, 8% Chinese persons, 6% foreign persons, 6% places; about
    a fifth of them with a definition or a note (search_prose.py)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        key = f"c{i + 1}"
        r = rng.random()
        if r < 0.80:
            concept = _phrase(rng, key)
        elif r < 0.88:
            concept = _chinese_person(rng, key)
        else:
            concept = _foreign(rng, key, person=r < 0.94)
        for term in [t for t in concept.terms if t.lang == "zh-Hans"]:
            hant = _traditional(term.text)
            concept.terms.append(Term("zh-Hant", hant, term.type, term.status, term.pinyin,
                                      term.numbered, term.plain, term.initials, term.cyrillic))
        unique = {(t.lang, t.text): t for t in reversed(concept.terms)}  # the first one wins
        concept.terms = [t for t in concept.terms if unique[t.lang, t.text] is t]
        out.append(concept)
    search_prose.add_prose(out, seed + 1000)  # its own generator: the terms stay the same
    return out


def write_database(url: str, concepts: list[Concept]) -> None:
    """Store the concepts with the application's schema (one Change row each)."""
    from sqlalchemy import insert

    from glossary import db
    from glossary.models import Change
    from glossary.models import Concept as ConceptRow
    from glossary.models import Term as TermRow

    engine = db.make_engine(url)
    db.create_schema(engine)
    term_id = 0
    with engine.begin() as conn:
        for start in range(0, len(concepts), 20_000):
            chunk = concepts[start:start + 20_000]
            crows, trows, changes = [], [], []
            for i, c in enumerate(chunk, start + 1):
                crows.append({"id": i, "key": c.key, "kind": c.kind, "subject": c.subject,
                              "definition": c.definition, "note": c.note, "version": 1,
                              "origin": "bench"})
                changes.append({"concept_key": c.key, "action": "create", "version": 1,
                                "data": {}})
                positions: Counter = Counter()
                for t in c.terms:
                    term_id += 1
                    trows.append({"id": term_id, "concept_id": i, "lang": t.lang,
                                  "text": t.text, "type": t.type, "status": t.status,
                                  "position": positions[t.lang], "homonym": False,
                                  "pinyin": t.pinyin, "pinyin_numbered": t.numbered,
                                  "pinyin_plain": t.plain, "pinyin_initials": t.initials,
                                  "cyrillic": t.cyrillic, "note": t.note})
                    positions[t.lang] += 1
            conn.execute(insert(ConceptRow), crows)
            conn.execute(insert(TermRow), trows)
            conn.execute(insert(Change), changes)
    engine.dispose()


# ---- queries and ground truth ---------------------------------------------------------------

def _joined(plain: str | None) -> str:
    return "".join((plain or "").split())


def _en_key(text: str) -> str:
    return " ".join(american(w.text) for w in words(text))


def _prefix_key(text: str) -> str:
    return term_key(text)


def relevant(kind: str, query: dict, terms: list[dict]) -> bool:
    """Whether a concept with these terms ({lang, text, type, plain, initials}) is relevant."""
    q, target = query["q"], query.get("target")
    zh = [t for t in terms if t["lang"].startswith("zh")]
    if kind in ("zh_substring", "traditional"):
        return any(zh_key(q) in zh_key(t["text"]) for t in zh)
    if kind.startswith("pinyin"):
        return any(_joined(t["plain"]) == letters(q) for t in zh)
    if kind == "initials":
        return any(t["initials"] == q for t in zh)
    if kind == "russian_inflected":
        return any(t["lang"] == "ru" and t["text"] == target for t in terms)
    if kind == "english":
        return any(t["lang"] == "en" and _en_key(t["text"]) == _en_key(target) for t in terms)
    if kind in ("abbreviation", "fuzzy", "palladius"):
        return any(t["text"] == target for t in terms)
    if kind == "prefix":
        return any(t["lang"] in ("ru", "en") and _prefix_key(t["text"]).startswith(term_key(q))
                   for t in terms)
    raise ValueError(kind)


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("delete", "insert", "substitute", "swap"))
    alphabet = "абвгдежзиклмнопрстуфхцчшыэюя" if any("а" <= c <= "я" for c in word.lower()) \
        else "abcdefghijklmnopqrstuvwxyz"
    if op == "delete":
        return word[:i] + word[i + 1:]
    if op == "insert":
        return word[:i] + rng.choice(alphabet) + word[i:]
    if op == "substitute":
        return word[:i] + rng.choice([c for c in alphabet if c != word[i].lower()]) + word[i + 1:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def make_queries(concepts: list[Concept], per_kind: int, seed: int = 7) -> list[dict]:
    """Queries of every kind, each with `n_relevant` (how many concepts are relevant, at
    most 10) computed over the whole termbase."""
    rng = random.Random(seed)
    queries: list[dict] = []

    def pick(test):
        for _ in range(10_000):
            c = rng.choice(concepts)
            found = test(c)
            if found:
                return c, found
        raise RuntimeError("no concept fits")

    def first(c, lang, types=("fullForm",)):
        return next((t for t in c.terms if t.lang == lang and t.type in types), None)

    for _ in range(per_kind):
        c, t = pick(lambda c: first(c, "zh-Hans"))
        size = rng.choice((2, 2, 3, 3, 4))
        start = rng.randrange(0, max(1, len(t.text) - size + 1))
        queries.append({"kind": "zh_substring", "q": t.text[start:start + size]})
        c, t = pick(lambda c: first(c, "zh-Hant"))
        queries.append({"kind": "traditional", "q": t.text})
        c, t = pick(lambda c: first(c, "zh-Hans"))
        queries.append({"kind": "pinyin_joined", "q": _joined(t.plain)})
        c, t = pick(lambda c: first(c, "zh-Hans"))
        queries.append({"kind": "pinyin_spaced", "q": t.plain})
        c, t = pick(lambda c: first(c, "zh-Hans"))
        queries.append({"kind": "pinyin_toned", "q": t.pinyin})
        c, t = pick(lambda c: first(c, "zh-Hans"))
        queries.append({"kind": "initials", "q": t.initials})
        c, phrase = pick(lambda c: c.ru_phrase if c.ru_phrase and (c.ru_phrase[2] or
                                                                  len(c.ru_phrase[0]) > 1)
                         else None)
        case = rng.choice(("gent", "datv", "ablt", "loct"))
        queries.append({"kind": "russian_inflected",
                        "q": russian_phrase(list(phrase[0]), phrase[1], phrase[2], case).lower(),
                        "target": first(c, "ru").text})
        c, t = pick(lambda c: first(c, "en"))
        text = t.text
        if rng.random() < 0.3:
            text = " ".join(BRITISH.get(w, w) for w in text.split())
        queries.append({"kind": "english", "q": text.lower(), "target": t.text})
        c, t = pick(lambda c: next((t for t in c.terms if t.type == "abbreviation"), None))
        queries.append({"kind": "abbreviation", "q": t.text, "target": t.text})
        c, t = pick(lambda c: next((t for t in c.terms if t.cyrillic), None))
        queries.append({"kind": "palladius", "q": t.cyrillic, "target": t.cyrillic})
        c, t = pick(lambda c: first(c, rng.choice(("en", "ru"))))
        queries.append({"kind": "prefix", "q": t.text[:rng.randint(3, 8)].rstrip(),
                        "prefix": True})
        c, t = pick(lambda c: next((t for t in c.terms if t.lang in ("en", "ru")
                                    and t.type == "fullForm"
                                    and any(len(w) >= 5 and w.isalpha() for w in t.text.split())),
                                   None))
        long_words = [w for w in t.text.split() if len(w) >= 5 and w.isalpha()]
        word = rng.choice(long_words)
        queries.append({"kind": "fuzzy", "q": t.text.replace(word, _typo(rng, word), 1),
                        "target": t.text})
    _count_relevant(concepts, queries)
    return queries


def _count_relevant(concepts: list[Concept], queries: list[dict]) -> None:
    """Set `n_relevant` (capped at 10) for every query, in one pass per kind."""
    counts: dict[int, int] = defaultdict(int)
    zh_queries: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        if q["kind"] in ("zh_substring", "traditional"):
            zh_queries[zh_key(q["q"])].append(i)
    automaton = ahocorasick.Automaton()
    for key, ids in zh_queries.items():
        automaton.add_word(key, tuple(ids))
    automaton.make_automaton()
    by_value: dict[tuple[str, str], set[str]] = defaultdict(set)
    prefixes: list[tuple[str, str]] = []
    for c in concepts:
        found: set[int] = set()
        for t in c.terms:
            if t.lang.startswith("zh"):
                for _, ids in automaton.iter(zh_key(t.text)):
                    found.update(ids)
                by_value["pinyin", _joined(t.plain)].add(c.key)
                by_value["initials", t.initials].add(c.key)
            if t.lang == "ru":
                by_value["ru", t.text].add(c.key)
            if t.lang == "en":
                by_value["en", _en_key(t.text)].add(c.key)
            if t.lang in ("ru", "en"):
                prefixes.append((_prefix_key(t.text), c.key))
            by_value["text", t.text].add(c.key)
        for i in found:
            counts[i] += 1
    prefixes.sort()
    for i, q in enumerate(queries):
        kind = q["kind"]
        if kind in ("zh_substring", "traditional"):
            n = counts[i]
        elif kind.startswith("pinyin"):
            n = len(by_value["pinyin", letters(q["q"])])
        elif kind == "initials":
            n = len(by_value["initials", q["q"]])
        elif kind == "russian_inflected":
            n = len(by_value["ru", q["target"]])
        elif kind == "english":
            n = len(by_value["en", _en_key(q["target"])])
        elif kind == "prefix":
            key = term_key(q["q"])
            at = bisect.bisect_left(prefixes, (key, ""))
            seen: set[str] = set()
            while at < len(prefixes) and prefixes[at][0].startswith(key) and len(seen) < 10:
                seen.add(prefixes[at][1])
                at += 1
            n = len(seen)
        else:
            n = len(by_value["text", q["target"]])
        q["n_relevant"] = min(n, 10)
