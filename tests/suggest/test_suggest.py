"""glossary.suggest: what every suggester's answers become (merged, ranked, limited), and
the Knowledge they read."""

from __future__ import annotations

import pytest

from glossary import suggest as suggest_module
from glossary.suggest import Query, Suggestion, same_rendering, suggest
from glossary.suggest.knowledge import Entry, Knowledge, Rendering


def _fake(answers: dict[str, list[Suggestion]]):
    return lambda name: (lambda query, knowledge, material: answers.get(name, []))


@pytest.fixture
def fake(monkeypatch):
    def install(**answers: list[Suggestion]) -> None:
        monkeypatch.setattr(suggest_module, "_suggester", _fake(answers))
    return install


def test_the_same_rendering_from_two_suggesters_is_one_suggestion_with_both_evidences(fake):
    fake(names=[Suggestion("ru", "Циндао", 0.6, "palladius", ({"type": "rule"},))],
         aligned=[Suggestion("ru", "циндао", 0.7, "aligned", ({"type": "pair"},))])
    found = suggest(Query("青岛"), Knowledge(), only=("names", "aligned"))["ru"]
    assert len(found) == 1
    assert found[0].method == "aligned"  # the stronger one leads
    assert [e["type"] for e in found[0].evidence] == ["pair", "rule"]
    assert found[0].score > 0.7  # two sources agreeing count for more than either


def test_suggestions_come_best_first_and_no_more_than_asked(fake):
    fake(compose=[Suggestion("en", f"Text {i}", i / 10, "composition") for i in range(8)])
    found = suggest(Query("会议"), Knowledge(), only=("compose",), limit=3)["en"]
    assert [s.text for s in found] == ["Text 7", "Text 6", "Text 5"]


def test_a_suggestion_for_another_language_or_an_empty_one_is_dropped(fake):
    fake(names=[Suggestion("fr", "Pékin", 0.9, "x"), Suggestion("en", " ", 0.9, "x")])
    assert suggest(Query("北京"), Knowledge(), only=("names",)) == {"ru": [], "en": []}


def test_a_weak_suggestion_says_so():
    assert Suggestion("en", "x", 0.2, "aligned").to_dict()["confident"] is False
    assert Suggestion("en", "x", 0.9, "aligned").to_dict()["confident"] is True


def test_renderings_compare_without_case_quotes_yo_or_spacing():
    assert same_rendering("«Шанхайский  дух»") == same_rendering("шанхайский дух")
    assert same_rendering("Объединённые") == same_rendering("объединенные")
    assert same_rendering("SCO") != same_rendering("CSO")


def _entry(key: str, zh: str, ru: str, *, status: str = "preferred") -> Entry:
    return Entry(key, "organization", [zh], [Rendering(ru, status)], [])


def test_knowledge_finds_a_concept_by_its_chinese_except_the_one_left_out():
    knowledge = Knowledge([_entry("sco", "上合组织", "ШОС"), _entry("sco-2", "上合组织", "ШОС")])
    assert [e.key for e in knowledge.lookup("上合组织")] == ["sco", "sco-2"]
    assert [e.key for e in knowledge.lookup("上合组织", exclude="sco")] == ["sco-2"]
    assert not Knowledge([_entry("sco", "上合组织", "ШОС")]).knows("上合组织", exclude="sco")


def test_a_deprecated_rendering_is_never_built_with():
    entry = Entry("x", "concept", ["三股势力"],
                  [Rendering("три силы", "deprecated"), Rendering("три силы зла", "admitted")])
    assert entry.head("ru").text == "три силы зла"
    assert [r.text for r in entry.renderings("ru")] == ["три силы зла"]
