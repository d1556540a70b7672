"""The names suggester: what a reviewer relies on when it proposes a name's ru/en rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.chinese.cyrillic import PALLADIUS_EXCEPTIONS
from glossary.suggest import CONFIDENT, Query, Suggestion, same_rendering, suggest
from glossary.suggest import names as names_module
from glossary.suggest.knowledge import Entry, Knowledge, Rendering


def person(key: str, zh: list[str], ru: str, en: str, status: str = "preferred") -> Entry:
    return Entry(key, "person", zh, [Rendering(ru, status)], [Rendering(en, status)])


@pytest.fixture
def knowledge() -> Knowledge:
    return Knowledge([
        person("vladimir-putin", ["弗拉基米尔·普京", "普京"], "Владимир Путин", "Vladimir Putin"),
        person("vladimir-norov", ["弗拉基米尔·诺罗夫"], "Владимир Норов", "Vladimir Norov"),
        person("rashid-alimov", ["拉希德·阿利莫夫", "阿利莫夫"], "Рашид Алимов", "Rashid Alimov"),
        person("bakhtiyor-saidov", ["巴赫季约尔·赛义多夫"], "Бахтиёр Саидов", "Bakhtiyor Saidov"),
    ])


def top(query: Query, knowledge: Knowledge, lang: str) -> Suggestion | None:
    found = suggest(query, knowledge, only=("names",))[lang]
    return found[0] if found else None


def texts(query: Query, knowledge: Knowledge) -> dict[str, str | None]:
    return {lang: (s.text if (s := top(query, knowledge, lang)) else None)
            for lang in ("ru", "en")}


def test_chinese_person_is_split_into_surname_and_given_name_both_capitalised():
    assert texts(Query("王小洪", "person"), Knowledge()) == {"ru": "Ван Сяохун",
                                                          "en": "Wang Xiaohong"}


def test_chinese_person_by_rule_is_confident_and_says_which_rule():
    ru = top(Query("杨洁篪", "person"), Knowledge(), "ru")
    assert ru is not None and ru.score >= CONFIDENT and ru.method == "palladius"
    assert {"type": "rule", "rule": "Palladius"} in ru.evidence
    assert ru.note


def test_compound_surname_stays_whole():
    assert texts(Query("欧阳明", "person"), Knowledge())["en"] == "Ouyang Ming"


def test_a_name_without_a_kind_is_at_most_a_weak_suggestion():
    found = suggest(Query("王毅"), Knowledge(), only=("names",))
    assert all(s.score < CONFIDENT for lang in found for s in found[lang])


def test_a_common_word_without_a_kind_is_no_name():
    found = suggest(Query("金融"), Knowledge(), only=("names",))
    assert found == {"ru": [], "en": []}


def test_conventional_place_name_wins_over_the_rule():
    # By rule 陕西 would be Шаньси / Shanxi, the name of its neighbour 山西.
    assert texts(Query("陕西", "place"), Knowledge()) == {"ru": "Шэньси", "en": "Shaanxi"}
    ru = top(Query("陕西", "place"), Knowledge(), "ru")
    assert ru is not None and ru.method == "place-table" and ru.score >= CONFIDENT


def test_palladius_exceptions_serve_the_place_table():
    assert texts(Query("北京", "place"), Knowledge()) == {"ru": "Пекин", "en": "Beijing"}


def test_province_suffix_is_translated_as_the_termbase_does():
    assert texts(Query("河南省", "place"), Knowledge()) == {"ru": "провинция Хэнань",
                                                          "en": "Henan Province"}


def test_city_suffix_on_an_unlisted_chinese_place_is_a_rule_suggestion():
    ru = top(Query("义乌市", "place"), Knowledge(), "ru")
    assert ru is not None and ru.text == "город Иу" and ru.method == "place-rule"


def test_autonomous_region_has_its_own_form():
    assert texts(Query("新疆维吾尔自治区", "place"), Knowledge()) == {
        "ru": "Синьцзян-Уйгурский автономный район", "en": "Xinjiang Uygur Autonomous Region"}


def test_a_bare_place_name_that_may_be_foreign_is_never_confident():
    # 万象 is Vientiane: Chinese characters, not a Chinese place.
    found = suggest(Query("万象", "place"), Knowledge(), only=("names",))
    assert all(s.score < CONFIDENT for lang in found for s in found[lang])


def test_foreign_name_from_parts_of_known_persons(knowledge: Knowledge):
    # 弗拉基米尔 from Putin or Norov, 赛义多夫 from Saidov: a person the termbase does not have.
    query = Query("弗拉基米尔·赛义多夫", "person")
    assert texts(query, knowledge) == {"ru": "Владимир Саидов", "en": "Vladimir Saidov"}
    ru = top(query, knowledge, "ru")
    assert ru is not None and ru.score >= CONFIDENT and ru.method == "foreign-name"
    assert {e.get("zh") for e in ru.evidence} == {"弗拉基米尔", "赛义多夫"}


def test_foreign_given_name_from_the_table():
    known = Knowledge([person("x-norov", ["阿卜杜·诺罗夫"], "Абду Норов", "Abdu Norov")])
    assert texts(Query("谢尔盖·诺罗夫", "person"), known) == {"ru": "Сергей Норов",
                                                            "en": "Sergei Norov"}


def test_foreign_name_with_an_unknown_part_gives_no_confident_suggestion(knowledge: Knowledge):
    found = suggest(Query("弗拉基米尔·沃罗宁", "person"), knowledge, only=("names",))
    assert all(s.score < CONFIDENT for lang in found for s in found[lang])


def test_a_known_person_is_not_suggested_for_another_with_the_same_given_name(
        knowledge: Knowledge):
    found = suggest(Query("弗拉基米尔·沃罗宁", "person"), knowledge, only=("names",))
    assert not any("Путин" in s.text or "Норов" in s.text
                   for lang in found for s in found[lang])


def test_a_surname_known_under_a_full_name_gives_only_the_surname(knowledge: Knowledge):
    assert texts(Query("阿利莫夫", "person", exclude="new"), knowledge)["ru"] == "Алимов"


def test_leave_one_out_does_not_use_the_excluded_concept(knowledge: Knowledge):
    assert texts(Query("巴赫季约尔·赛义多夫", "person"), knowledge)["ru"] == "Бахтиёр Саидов"
    hidden = Query("巴赫季约尔·赛义多夫", "person", exclude="bakhtiyor-saidov")
    assert texts(hidden, knowledge) == {"ru": None, "en": None}


def test_termbase_spelling_of_a_part_wins_over_the_table():
    # The table writes Sergei (as the Kremlin does); a termbase that writes Sergey is followed.
    known = Knowledge([
        person("a", ["谢尔盖·阿列伊尼克"], "Сергей Алейник", "Sergey Aleynik"),
        person("b", ["弗拉基米尔·诺罗夫"], "Владимир Норов", "Vladimir Norov"),
    ])
    assert texts(Query("谢尔盖·诺罗夫", "person"), known)["en"] == "Sergey Norov"
    assert texts(Query("谢尔盖·诺罗夫", "person", exclude="a"), known)["en"] == "Sergei Norov"


def test_a_womans_surname_from_the_mans():
    known = Knowledge([person("nazarbayev", ["努尔苏丹·纳扎尔巴耶夫"], "Нурсултан Назарбаев",
                              "Nursultan Nazarbayev")])
    assert texts(Query("纳扎尔巴耶娃", "person"), known) == {"ru": "Назарбаева",
                                                          "en": "Nazarbayeva"}


def test_tables_load_without_duplicates_or_copies_of_the_palladius_exceptions():
    for name in ("places.tsv", "foreign_names.tsv"):
        path = Path(names_module.__file__).parent / "data" / name
        keys = [line.split("\t")[0] for line in path.read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        assert len(keys) == len(set(keys)), name
        assert all(len(line.split("\t")) == 3 for line in path.read_text("utf-8").splitlines()
                   if line.strip() and not line.startswith("#")), name
    places = names_module.places()
    assert not [zh for zh, row in places.items() if row.ru and zh in PALLADIUS_EXCEPTIONS]
    assert all(row.en for row in places.values())
    assert all(row.ru and row.en for row in names_module.foreign_names().values())


def test_leave_one_out_on_the_shipped_chinese_names_mostly_right():
    """A smoke test of the whole termbase: hiding a Chinese person, the rule finds it again."""
    knowledge = Knowledge.from_data(Path(__file__).parents[2] / "data")
    entry = knowledge.get("wang-wenbin")
    assert entry is not None
    hidden = Query(entry.zh[0], "person", exclude=entry.key)
    for lang in ("ru", "en"):
        found = top(hidden, knowledge, lang)
        head = entry.head(lang)
        assert found is not None and head is not None
        assert same_rendering(found.text) == same_rendering(head.text)
