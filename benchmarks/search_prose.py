"""Synthetic prose for the synthetic termbases (search_synth.py): definitions and notes in
Chinese, Russian and English, and the full-text queries to measure them with.

About a fifth of the concepts get prose, in the shapes of the shipped termbase: a definition
in one to three languages ("The permanent body of the SCO member states for cooperation in
drug control, set up in 2004 in Tashkent." / «Постоянный орган государств — членов ШОС в
области наркоконтроля, учреждённый в 2004 году в Ташкенте.» / 上海合作组织成员国于2004年在
塔什干设立的常设机构，负责禁毒领域的合作。), a note that names another concept or quotes
across scripts ("Not to be confused with the Regional Anti-Terrorist Structure.", «В русских
текстах: …»), sometimes a usage note on a term. Russian is inflected by pymorphy3, so that a
query in another case form must be stemmed to match. The prose is drawn with its own random
generator: the terms (and the term queries) are the same as without it.
"""

from __future__ import annotations

import random
import re

from search_vocabulary import COMPLEMENTS, MODIFIERS

#: Share of concepts with a definition or a note.
SHARE = 0.2
TEXT_KINDS = ("text_en", "text_ru", "text_zh", "text_question")

# (Russian, English, Chinese) — cities where SCO bodies sit and meetings are held.
CITIES = [("Ташкент", "Tashkent", "塔什干"), ("Пекин", "Beijing", "北京"),
          ("Астана", "Astana", "阿斯塔纳"), ("Бишкек", "Bishkek", "比什凯克"),
          ("Душанбе", "Dushanbe", "杜尚别"), ("Москва", "Moscow", "莫斯科"),
          ("Шанхай", "Shanghai", "上海"), ("Нью-Дели", "New Delhi", "新德里"),
          ("Исламабад", "Islamabad", "伊斯兰堡"), ("Тегеран", "Tehran", "德黑兰"),
          ("Минск", "Minsk", "明斯克"), ("Самарканд", "Samarkand", "撒马尔罕"),
          ("Циндао", "Qingdao", "青岛"), ("Уфа", "Ufa", "乌法"), ("Алматы", "Almaty", "阿拉木图"),
          ("Сиань", "Xi'an", "西安"), ("Чолпон-Ата", "Cholpon-Ata", "乔尔蓬阿塔"),
          ("Оренбург", "Orenburg", "奥伦堡"), ("Урумчи", "Urumqi", "乌鲁木齐"),
          ("Худжанд", "Khujand", "苦盏")]
# (Russian adjective, English, Chinese) — what a body does.
ROLES = [("постоянный", "permanent", "常设"), ("консультативный", "advisory", "咨询"),
         ("координационный", "coordinating", "协调"), ("исполнительный", "executive", "执行"),
         ("рабочий", "working", "工作")]
# (Russian noun, English, Chinese) — what a concept is.
GENUS = [("орган", "body", "机构"), ("механизм", "mechanism", "机制"),
         ("документ", "document", "文件"), ("формат", "format", "形式"),
         ("объединение", "association", "联合体")]
VERBS = [("учреждённый", "set up", "设立"), ("созданный", "established", "成立"),
         ("одобренный", "approved", "批准")]


def _morph():
    from search_synth import _morph as morph

    return morph()


def _inflect(word: str, *grammemes: str) -> str:
    from search_synth import _inflect as inflect

    if "-" in word:  # "научно-технический": inflect the last part
        head, _, last = word.rpartition("-")
        return f"{head}-{_inflect(last, *grammemes)}"
    return inflect(word, frozenset(grammemes))


def _city_loct(city: str) -> str:
    parse = _morph().parse(city)[0]
    if "Fixd" in parse.tag or "-" in city:
        return city
    form = parse.inflect({"loct"})
    return form.word.capitalize() if form else city


def _adjective(adj: str, noun: str, case: str) -> str:
    from search_synth import _gender

    return _inflect(adj, _gender(noun), "sing", case)


def _definition(rng: random.Random, concept) -> dict[str, str]:
    _mods, comp, _head = concept.phrase
    comp = comp or rng.choice(COMPLEMENTS)
    area = rng.choice(MODIFIERS)
    role, genus, verb = rng.choice(ROLES), rng.choice(GENUS), rng.choice(VERBS)
    city, year = rng.choice(CITIES), rng.randint(1996, 2024)
    out = {}
    if rng.random() < 0.8:
        out["en"] = (f"The {role[1]} {genus[1]} of the SCO member states for "
                     f"{area[2].lower()} cooperation in {comp[2].lower()}, {verb[1]} in "
                     f"{year} in {city[1]}.")
        if rng.random() < 0.4:
            out["en"] += (f" It reports to the Council of Heads of State and meets at least "
                          f"once a year, usually in {rng.choice(CITIES)[1]}.")
    if rng.random() < 0.6:
        gender = genus[0]
        out["ru"] = (f"{_adjective(role[0], gender, 'nomn').capitalize()} {genus[0]} "
                     f"государств — членов ШОС в области "
                     f"{_adjective(area[1], comp[1], 'gent')} {_inflect(comp[1], 'sing', 'gent')}"
                     f", {_adjective(verb[0], gender, 'nomn')} в {year} году в "
                     f"{_city_loct(city[0])}.")
    if rng.random() < 0.5 or not out:
        out["zh"] = (f"上海合作组织成员国于{year}年在{city[2]}{verb[2]}的{role[2]}{genus[2]}，"
                     f"负责{area[0]}{comp[0]}领域的合作。")
    return out


def _note(rng: random.Random, concept, other) -> dict[str, str]:
    en = next(t.text for t in other.terms if t.lang == "en")
    zh = next(t.text for t in other.terms if t.lang == "zh-Hans")
    year = rng.randint(1996, 2024)
    choice = rng.random()
    if choice < 0.35:
        return {"en": f"Not to be confused with the {en} ({zh}). Called so until {year}."}
    if choice < 0.55:
        from search_synth import russian_phrase

        ru_ablt = russian_phrase(*other.ru_phrase, case="ablt")
        return {"ru": f"Не путать с {ru_ablt}. До {year} года в документах ШОС не "
                      f"употреблялся."}
    if choice < 0.75:
        own = next(t.text for t in concept.terms if t.lang == "ru")
        return {"en": f"In Russian texts: «{own}»; the Chinese texts since {year} use "
                      f"{next(t.text for t in concept.terms if t.lang == 'zh-Hans')}."}
    return {"zh": f"不要与“{zh}”混淆。{year}年以前的文件中称为“{zh}”。"}


def add_prose(concepts: list, seed: int = 1005) -> None:
    """Give about SHARE of the phrase concepts a definition and/or a note (in place)."""
    rng = random.Random(seed)
    phrases = [c for c in concepts if c.phrase]
    for concept in concepts:
        if not concept.phrase or rng.random() >= SHARE / 0.8:  # 80% of concepts are phrases
            continue
        r = rng.random()
        if r < 0.75:
            concept.definition = _definition(rng, concept)
        if r > 0.5:
            concept.note = _note(rng, concept, rng.choice(phrases))
        if rng.random() < 0.15:
            term = next(t for t in concept.terms if t.lang == "en")
            term.note = rng.choice([f"Used in SCO texts since {rng.randint(2001, 2024)}.",
                                    "The British spelling is the SCO's own.",
                                    "Capitalised as a proper name."])


# ---- queries ---------------------------------------------------------------------------------

_EN_WORD = re.compile(r"[A-Za-z]{4,}")
_RU_WORD = re.compile(r"[А-Яа-яЁё]{4,}")
#: Words every definition has: a query of them alone would match thousands of concepts.
_EN_SKIP = {"with", "that", "from", "this", "member", "states", "cooperation", "year",
            "called", "texts", "since", "confused", "reports", "council", "heads", "state",
            "meets", "least", "once", "usually", "russian", "chinese",
            *(w for entry in (*ROLES, *GENUS, *VERBS) for w in entry[1].split())}
_RU_SKIP = {"государств", "членов", "области", "году", "года", "документах", "путать",
            "употреблялся", "русских", "текстах"}


def make_text_queries(concepts: list, per_kind: int, seed: int = 17) -> list[dict]:
    """Queries only the prose can answer, each with the concept it was drawn from:
    text_en: two words of an English text; text_ru: two words of a Russian text, in
    another case form; text_zh: 3-5 characters of a Chinese text; text_question: a question
    in English, worded otherwise than the definition ("which body in Tashkent deals with
    drug control")."""
    rng = random.Random(seed)
    with_prose = [c for c in concepts if c.definition or c.note]
    queries: list[dict] = []

    def pick(lang: str):
        for _ in range(10_000):
            c = rng.choice(with_prose)
            texts = [t for t in (c.definition.get(lang), c.note.get(lang)) if t]
            if texts:
                return c, rng.choice(texts)
        raise RuntimeError(f"no {lang} prose")

    for _ in range(per_kind):
        c, text = pick("en")
        found = [w for w in _EN_WORD.findall(text) if w.lower() not in _EN_SKIP]
        queries.append({"kind": "text_en", "q": " ".join(rng.sample(found, min(2, len(found)))),
                        "target": c.key})
        c, text = pick("ru")
        found = [w for w in _RU_WORD.findall(text) if w.lower() not in _RU_SKIP
                 and not any(_morph().parse(w.lower())[0].normal_form == entry[0]
                             for entry in (*ROLES, *GENUS, *VERBS))]
        chosen = rng.sample(found, min(2, len(found)))
        queries.append({"kind": "text_ru", "q": " ".join(_recase(w, rng) for w in chosen),
                        "target": c.key})
        c, text = pick("zh")
        han = [m.group() for m in re.finditer(r"[\u4e00-\u9fff]{5,}", text)]
        run = rng.choice(han)
        size = rng.randint(3, 5)
        start = rng.randrange(0, max(1, len(run) - size + 1))
        queries.append({"kind": "text_zh", "q": run[start:start + size], "target": c.key})
        c = rng.choice([c for c in with_prose[:5000] if "en" in c.definition])
        city = next(x[1] for x in CITIES if x[1] in c.definition["en"])
        area = c.definition["en"].split(" cooperation in ")[1].split(",")[0]
        queries.append({"kind": "text_question",
                        "q": f"which body in {city} deals with {area}?", "target": c.key})
    return queries


def _recase(word: str, rng: random.Random) -> str:
    """The word in another case form (as a translator would type it)."""
    parse = _morph().parse(word.lower())[0]
    form = parse.inflect({rng.choice(("nomn", "gent", "datv", "ablt", "loct"))})
    return form.word if form else word.lower()
