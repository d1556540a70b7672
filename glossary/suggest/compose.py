"""Suggester: a term built from parts the termbase knows, rendered the way the termbase
renders terms built alike.

Most SCO terms are made of known parts: 上合组织 + 卫生健康共同体, 上海合作组织成员国元首理事会 +
第二十五次 + 会议, 2024—2029年 + 上海合作组织成员国禁毒战略, a city + 宣言. The termbase's own
concepts say how such parts combine in Russian and English, so the rules are learned, not
written:

1. Every Chinese term of the termbase is read as a *skeleton*: one or two of its parts (the
   Chinese terms of other concepts, pieces of the lexicon, ordinals 第N次, years and year
   ranges, numbers) replaced by slots, the rest kept as it is — 上海合作组织成员国元首理事会 +
   第七次 + 会议 gives the skeletons "上海合作组织成员国元首理事会{O}会议", "{X}第七次会议",
   "{X}{O}会议" ... An index maps each skeleton to the concepts that have it (built once per
   Knowledge, a dictionary read per query: glossary.suggest.skeletons).
2. A new term is read the same way; each of its skeletons found in the index names examples.
   An example becomes a *template* when its parts' renderings are found in its own Russian or
   English term (Russian parts in any case: «заседание Совета глав государств» holds «Совет
   глав государств» in the genitive; a city as an adjective: «Астанинская декларация»;
   ordinals as digits or words: «25-е», «тринадцатого», "25th"). This alignment is done
   lazily, for the examples a query needs, and kept (glossary.suggest.templates).
3. The template is filled with the new term's parts, the Russian put into the case, number or
   adjective form the example had (glossary.suggest.russian), and the renderings that several
   examples agree on score higher.

A piece that is no concept (初创企业论坛 in 上海合作组织初创企业论坛) is rendered from what the
termbase shows for it elsewhere: the lexicon learned by subtraction (glossary.suggest.lexicon),
nothing of it taught only by the excluded concept. When the parts as they are render nothing
in a language, runs of adjacent parts are composed first (成员国 + 元首理事会) and used as one
part. A new term with a piece the termbase shows nowhere matches no skeleton: no suggestion.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from glossary.analysis import primary_norm, words
from glossary.suggest import Material, Query, Suggestion, same_rendering
from glossary.suggest import russian as ru
from glossary.suggest.knowledge import Entry, Knowledge, Rendering
from glossary.suggest.lexicon import PIECE_KIND
from glossary.suggest.pieces import NUMBER, ORDINAL, YEARS, en_ordinal_digits, en_ordinal_word
from glossary.suggest.skeletons import (
    MAX_PART,
    NAME_KINDS,
    PART,
    PLACE_KINDS,
    Index,
    Occurrence,
    cover,
    distinct,
    occurrences,
    part_entries,
    skeletons,
)
from glossary.suggest.templates import (
    EN_SMALL,
    Slot,
    Template,
    align_adjective,
    index_of,
    is_title,
    templates_for,
)

__all__ = ["index_of", "prepare", "suggest"]


def prepare(knowledge: Knowledge) -> None:
    """Build the index of `knowledge` (skeletons, lexicon of pieces) now rather than at its
    first query."""
    index_of(knowledge)


def _pick(part: Entry, lang: str, slot: Slot) -> Rendering | None:
    """The rendering of the new part to put in the slot: one of the kind the example had
    (an abbreviation for ШОС); for a Russian slot whose case the example could not show
    (it held ООН), only a rendering that does not decline either. The example's own part
    is written as the example wrote it: of two renderings of the part (with ШОС, with the
    full name), each example votes for the one it used."""
    usable = part.renderings(lang)
    if part.key == slot.source:
        own = [r for r in usable if r.text == slot.text]
        if own:
            return own[0]
    if lang == "ru" and slot.form is None:
        fixed = [r for r in usable if ru.head_index(r.text) is None]
        return fixed[0] if fixed else None
    same = [r for r in usable if r.type == slot.rendering_type]
    return same[0] if same else part.head(lang)


def _adjectives(index: Index, place_zh: str) -> list[tuple[str, str]]:
    """Adjectives the termbase forms from a place (lemma, concept it was read in)."""
    known = index.adjectives.get(place_zh)
    if known is not None:
        return known
    found: list[tuple[str, str]] = []
    places = [e for e in distinct(index.knowledge.lookup(place_zh), "ru")
              if e.kind in PLACE_KINDS]
    for number in index.places.get(place_zh, ()):
        entry = index.entries[number]
        for r in entry.renderings("ru"):
            for place in places:
                for _s, _e, slot in align_adjective(place, r.text):
                    lemma = ru.adjective_lemma(slot.text)
                    if lemma:
                        found.append((lemma, entry.key))
    index.adjectives[place_zh] = found
    return found


@dataclass
class _Fill:
    text: str
    weight: float
    parts: list[dict[str, Any]]


@dataclass
class _Composed:
    """Parts of one query composed first (成员国 + 元首理事会), then used as parts."""

    entries: dict[str, Entry] = field(default_factory=dict)
    weight: dict[tuple[str, str], float] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)


def _parts_for(index: Index, zh: str, lang: str, exclude: str | None,
               composed: _Composed | None) -> list[Entry]:
    if composed is not None and zh in composed.entries:
        entry = composed.entries[zh]
        return [entry] if entry.renderings(lang) else []
    return part_entries(index, zh, lang, exclude)


def _fill_slot(slot: Slot, occ: Occurrence, index: Index, lang: str, exclude: str | None,
               composed: _Composed | None) -> tuple[str, float, dict[str, Any] | None] | None:
    """The new part written as the example wrote its own: text, confidence, evidence."""
    if occ.kind == ORDINAL:
        n = occ.value[0]
        if lang == "ru":
            if slot.how == "ordinal-digits":
                return f"{n}{slot.suffix}", 1.0, None
            text = ru.ordinal(n, slot.form or ru.Form())
        else:
            if slot.how == "ordinal-digits":
                return en_ordinal_digits(n), 1.0, None
            text = en_ordinal_word(n)
        if text is None:
            return None
        return (text[:1].upper() + text[1:] if slot.capital else text), 1.0, None
    if occ.kind == YEARS:
        if len(occ.value) == 2:
            if slot.how != "years" or not slot.suffix:
                return None
            return f"{occ.value[0]}{slot.suffix}{occ.value[1]}", 1.0, None
        if slot.suffix:
            return None
        return str(occ.value[0]), 1.0, None
    if occ.kind == NUMBER:
        return str(occ.value[0]), 1.0, None
    best: tuple[str, float, dict[str, Any] | None] | None = None
    for part in _parts_for(index, occ.zh, lang, exclude, composed):
        weight = 1.0 if part.kind == slot.kind else 0.7
        if slot.how == "adj":
            if part.kind not in PLACE_KINDS:
                continue
            learned = [lemma for lemma, key in _adjectives(index, occ.zh) if key != exclude]
            name = part.head("ru")
            derived = ru.derived_adjective(name.text) if name and not learned else None
            lemma = learned[0] if learned else (derived[0] if derived else None)
            if lemma is None:
                continue
            if derived:
                weight *= derived[1]  # formed by a suffix, not seen in the termbase
            text = ru.inflect_adjective(lemma, slot.form or ru.Form())
            if text is None:
                continue
            text = text[:1].upper() + text[1:] if slot.capital else text
            evidence: dict[str, Any] = {"type": "part", "zh": occ.zh, "text": text,
                                        "concept": part.key}
        else:
            r = _pick(part, lang, slot)
            if r is None:
                continue
            text = r.text
            if lang == "ru" and slot.form is not None:
                inflected = ru.inflect_phrase(text, slot.form)
                if inflected is None:
                    continue
                text = inflected
            elif lang == "en" and slot.title and not is_title(text):
                text = " ".join(w if w.casefold() in EN_SMALL and i else w[:1].upper() + w[1:]
                                for i, w in enumerate(text.split(" ")))
            if slot.capital:
                text = text[:1].upper() + text[1:]
            elif (lang == "en" and text[:1].isupper() and text[1:2].islower()
                  and slot.text[:1].islower()):
                text = text[:1].lower() + text[1:]
            evidence = {"type": "part", "zh": occ.zh, "text": r.text, "concept": part.key}
            if part.kind == PIECE_KIND:
                weight *= index.lexicon.weight(occ.zh, lang, r.text, exclude)
                # no concept of its own: the concepts the piece was learned from
                learned = sorted(index.lexicon.sources(occ.zh, lang, r.text) - {exclude})
                evidence = {"type": "part", "zh": occ.zh, "text": r.text,
                            "concept": learned[0] if learned else None,
                            "learned_from": learned[:3]}
            elif composed is not None and occ.zh in composed.entries:
                weight *= composed.weight[(occ.zh, lang)]
                evidence = {"type": "part", "zh": occ.zh, "text": r.text, "concept": None,
                            "composed": composed.notes[(occ.zh, lang)]}
        if best is None or weight > best[1]:
            best = (text, weight, evidence)
    return best


def _apply(template: Template, cut: tuple[Occurrence, ...], index: Index, lang: str,
           exclude: str | None, composed: _Composed | None = None) -> _Fill | None:
    # the query's occurrences in the order of the example's slots
    filled: list[str] = []
    weight = 1.0
    parts = []
    bare = all(ch in "\x00\x01\x02\x03" for ch in template.zh)
    for slot, occ in zip(template.slots, cut, strict=True):
        if (occ.kind == PART) != (slot.kind not in (ORDINAL, YEARS, NUMBER)):
            return None
        if bare and occ.kind == PART and not any(
                p.kind == slot.kind for p in _parts_for(index, occ.zh, lang, exclude, composed)):
            return None  # parts side by side combine by kind, or not at all
        if slot.source and slot.source == exclude:
            return None
        if slot.sources and not slot.sources - {exclude}:
            return None  # the example's piece was learned from the excluded concept only
        if occ.kind == PART and occ.zh != slot.zh and (occ.zh in slot.zh or slot.zh in occ.zh):
            # 元首 in the example, 元首理事会 here: the rest of the example's term was
            # written around the smaller part and would be said twice
            return None
        done = _fill_slot(slot, occ, index, lang, exclude, composed)
        if done is None:
            return None
        text, w, evidence = done
        filled.append(text)
        weight *= w
        if evidence:
            parts.append(evidence)
    text = "".join(p if isinstance(p, str) else filled[p] for p in template.target)
    text = " ".join(text.split())
    if _says_twice(text):
        return None
    if lang == "ru":
        text = _OB.sub(r"\1б \2", text)
    return _Fill(text, weight, parts)


def _says_twice(text: str, n: int = 5) -> bool:
    """Whether the rendering says something twice: the same words back to back («ШОС ШОС»,
    «государств-членов ШОС государств-членов ШОС»), or the same five words anywhere («… of
    the Shanghai Cooperation Organisation of the Shanghai Cooperation Organisation»). A part
    whose own rendering already holds what the words around it say.

    >>> _says_twice("SCO SCO Energy Ministers Meeting"), _says_twice("SCO Energy Club")
    (True, False)
    """
    words = [w.strip(",;:«»()\"") for w in text.casefold().replace("–", " ").split()]
    words = [w for w in words if w]
    for size in range(1, n + 1):
        for i in range(len(words) - 2 * size + 1):
            if words[i:i + size] == words[i + size:i + 2 * size]:
                return True
    seen = set()
    for i in range(len(words) - n + 1):
        gram = tuple(words[i:i + n])
        if gram in seen:
            return True
        seen.add(gram)
    return False


#: Russian о becomes об before a vowel (о сотрудничестве, об Антинаркотическом центре).
_OB = re.compile(r"\b([оО]) ([аэиоуыАЭИОУЫ])")


_DASH = re.compile(r"\s*[-–—‒]\s*")


def _variant_key(text: str) -> str:
    """Renderings that differ only in how a dash is spaced (государств – членов,
    государств-членов) are one answer: their examples count together."""
    return _DASH.sub("-", same_rendering(text))


def _specificity(skeleton: str) -> float:
    """How much of the example stays as it is: a skeleton that is all slots says little."""
    literal = sum(1 for ch in skeleton if ch not in "\x00\x01\x02\x03")
    return min(1.0, 0.25 + 0.75 * literal / 4)


def suggest(query: Query, knowledge: Knowledge, material: Material) -> Iterable[Suggestion]:
    """Renderings of a term composed of known parts, from templates the termbase teaches."""
    term = query.term.strip()
    if len(term) < 3 or (query.kind in NAME_KINDS):
        return []
    index = index_of(knowledge)
    found = occurrences(term, index, exclude=query.exclude)
    if not found:
        return []
    with index.lock:
        got = _compose(term, query.kind, found, index, query.exclude, None)
        missing = {"ru", "en"} - {s.lang for s in got}
        if missing:
            # a language the parts as they are do not render: parts composed first may
            composed = _compose_inner(term, found, index, query.exclude)
            if composed:
                local = _Composed()
                for occ, (entry, weights, notes) in composed:
                    local.entries[occ.zh] = entry
                    local.weight.update(weights)
                    local.notes.update(notes)
                found = found + [occ for occ, _ in composed]
                more = _compose(term, query.kind, found, index, query.exclude, local)
                got = got + [s for s in more if s.lang in missing]
    return [s for s in got if not says_a_part_twice(s, term, knowledge)]


def says_a_part_twice(suggestion: Suggestion, term: str, knowledge: Knowledge) -> bool:
    """Whether a rendering names a concept of the term more often than the Chinese does,
    in any of its forms (a template's «ШОС» after a part whose rendering already says
    «Шанхайской организации сотрудничества»): a composition no one writes.

    >>> from glossary.suggest.knowledge import Entry, Rendering
    >>> sco = Knowledge([Entry("sco", "organization", ["上合组织"],
    ...             [Rendering("Шанхайская организация сотрудничества"), Rendering("ШОС")])])
    >>> twice = Suggestion("ru", "Форум Шанхайской организации сотрудничества ШОС", 0.4, "x")
    >>> says_a_part_twice(twice, "上合组织论坛", sco)
    True
    >>> says_a_part_twice(Suggestion("ru", "Форум ШОС", 0.4, "x"), "上合组织论坛", sco)
    False
    """
    said = _norm_words(suggestion.text)
    seen: set[str] = set()
    for i in range(len(term)):
        for j in range(i + 2, min(len(term), i + MAX_PART) + 1):
            for entry in knowledge.lookup(term[i:j]):
                if entry.key in seen:
                    continue
                seen.add(entry.key)
                in_chinese = sum(term.count(zh) for zh in set(entry.zh) if zh in term)
                if _times_named(said, entry, suggestion.lang) > max(1, in_chinese):
                    return True
    return False


def _times_named(said: tuple[str, ...], entry: Entry, lang: str) -> int:
    """How many times `said` (normalised words) holds one of the entry's renderings, the
    longer forms first, never two on the same words."""
    taken: set[int] = set()
    found = 0
    forms = sorted({_norm_words(r.text) for r in entry.renderings(lang)}, key=len,
                   reverse=True)
    for form in (f for f in forms if f):
        for i in range(len(said) - len(form) + 1):
            span = set(range(i, i + len(form)))
            if said[i:i + len(form)] == form and not span & taken:
                taken |= span
                found += 1
    return found


def _norm_words(text: str) -> tuple[str, ...]:
    return tuple(primary_norm(w.text) for w in words(text))


#: Parts of a query read at most (the runs of them composed first grow as their square).
MAX_COVER = 6
#: A part composed first counts for this much, more as its own suggestion is sure.
COMPOSED_WEIGHT = 0.5


def _compose_inner(term: str, found: list[Occurrence], index: Index,
                   exclude: str | None) -> list[tuple[Occurrence, tuple]]:
    """Runs of adjacent parts inside the term (成员国 + 元首理事会 in 上海合作组织 + 成员国 +
    元首理事会 + 宣言), each composed as a term of its own: its best rendering, per language,
    becomes one part of the whole (kind: that of its last part, the head of a Chinese
    phrase)."""
    parts = cover(found)
    if not 3 <= len(parts) <= MAX_COVER:
        return []
    out = []
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            if i == 0 and j == len(parts) - 1:
                continue  # the whole
            if any(term[parts[k].end:parts[k + 1].start].strip(_JOINERS)
                   for k in range(i, j)):
                break  # not adjacent: something unknown stands between
            start, end = parts[i].start, parts[j].end
            zh = term[start:end]
            if index.knowledge.knows(zh, exclude=exclude):
                continue
            inner = [dataclasses.replace(o, start=o.start - start, end=o.end - start)
                     for o in found if start <= o.start and o.end <= end and o.zh != zh]
            got = _compose(zh, None, inner, index, exclude, None)
            head = parts[j]
            kinds = [e.kind for e in part_entries(index, head.zh, "en", exclude)
                     + part_entries(index, head.zh, "ru", exclude)] if head.kind == PART else []
            entry = Entry(f"composed:{zh}", kinds[0] if kinds else PIECE_KIND, [zh])
            weights: dict[tuple[str, str], float] = {}
            notes: dict[tuple[str, str], str] = {}
            for s in got:  # best first: the first of each language
                if (zh, s.lang) in weights:
                    continue
                getattr(entry, s.lang).append(Rendering(s.text))
                weights[(zh, s.lang)] = COMPOSED_WEIGHT + (1 - COMPOSED_WEIGHT) * min(1.0,
                                                                                     s.score)
                notes[(zh, s.lang)] = s.note
            if entry.ru or entry.en:
                out.append((Occurrence(start, end, PART, zh, piece=True),
                            (entry, weights, notes)))
    return out


#: What may stand between adjacent parts.
_JOINERS = "《》“”\"（）()、，,·—–- "


def _compose(term: str, kind: str | None, found: list[Occurrence], index: Index,
             exclude: str | None, local: _Composed | None) -> list[Suggestion]:
    results: dict[str, dict[str, dict[str, Any]]] = {"ru": {}, "en": {}}
    # every example read, by its weight: one whose own term does not follow the pattern
    # counts against it (SCO summits are «заседание» in some, «саммит ШОС в …» in others)
    tried: dict[str, dict[str, float]] = {"ru": {}, "en": {}}
    for key, cut in skeletons(term, found, maximal_pairs=False):
        for number, zh, example_cut in index.skeletons.get(key, ()):
            example = index.entries[number]
            if example.key == exclude:
                continue
            spec = _specificity(key)
            if kind and example.kind != kind:
                spec *= 0.6  # a meeting is not named like a document
            # an example reached through a part composed first is weaker evidence either way
            against = spec * (COMPOSED_WEIGHT if local and any(
                o.zh in local.entries for o in cut) else 1.0)
            # one reached through a piece of the lexicon counts against only when it speaks:
            # that a piece is not found in an example says more of the piece than of it
            through_piece = any(o.piece for o in (*cut, *example_cut))
            for lang in ("ru", "en"):
                if example.renderings(lang) and not through_piece:
                    tried[lang][example.key] = max(tried[lang].get(example.key, 0.0), against)
                for template in templates_for(index, number, zh, example_cut, lang):
                    fill = _apply(template, cut, index, lang, exclude, local)
                    if fill is None or fill.weight <= 0:
                        continue
                    if through_piece:
                        tried[lang][example.key] = max(tried[lang].get(example.key, 0.0),
                                                       against)
                    same = _variant_key(fill.text)
                    slot = results[lang].setdefault(same, {"text": fill.text, "examples": {},
                                                          "parts": fill.parts,
                                                          "template": template,
                                                          "variants": {}})
                    w = fill.weight * spec
                    if w > slot["examples"].get(template.example, 0.0):
                        slot["examples"][template.example] = w
                    if w >= max(slot["examples"].values()):
                        slot["template"], slot["parts"] = template, fill.parts
                    variants = slot["variants"]
                    variants[fill.text] = variants.get(fill.text, 0.0) + w
                    slot["text"] = max(variants, key=lambda t: (variants[t], t))
    return [s for lang in ("ru", "en")
            for s in _scored(lang, results[lang], sum(tried[lang].values()), index)]


def _scored(lang: str, found: dict[str, dict[str, Any]], total: float,
            index: Index) -> list[Suggestion]:
    if not found:
        return []
    # an example with two renderings (the declaration's full title, and «Астанинская
    # декларация») backs each by half: when the examples say both, both are offered, and
    # neither is sure
    share: dict[str, float] = {}
    for v in found.values():
        for key in v["examples"]:
            if key not in share:
                example = index.knowledge.get(key)
                said = {_variant_key(r.text) for r in example.renderings(lang)} if example \
                    else set()
                share[key] = 1 / max(1, len(said))
    support = {k: sum(w * share[e] for e, w in v["examples"].items()) for k, v in found.items()}
    total = max(total, max(support.values()))
    out = []
    for key, v in found.items():
        weights = sorted(v["examples"].values(), reverse=True)
        belief = 1.0
        for w in weights[:4]:
            belief *= 1 - 0.45 * w
        score = (1 - belief) * (support[key] / total)
        template: Template = v["template"]
        examples = sorted(v["examples"], key=lambda e: -v["examples"][e])[:3]
        evidence = (*v["parts"], {"type": "rule", "rule": template.rule(),
                                  "examples": examples})
        note = (f"composed like {', '.join(examples)}: {template.rule()}")
        out.append(Suggestion(lang, v["text"], round(score, 4), "composition", evidence, note))
    out.sort(key=lambda s: -s.score)
    return out[:5]
