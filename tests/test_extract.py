"""The extractor: what each rule finds, how candidates are merged, and the shared shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import chinese
from glossary.extract import KINDS, NotChinese, extract

DATA = Path(__file__).parent / "data" / "extract"
SHAPE = {"term", "original", "pinyin", "kind", "count", "score", "confidence", "contexts",
         "full_form",
         "abbreviations", "concept"}


def by_term(text: str, **kwargs) -> dict[str, dict]:
    return {c["term"]: c for c in extract(text, **kwargs)}


@pytest.fixture(scope="module")
def declaration() -> tuple[str, list[dict]]:
    text = (DATA / "declaration.zh.txt").read_text(encoding="utf-8")
    return text, extract(text)


def test_every_candidate_has_the_shared_shape(declaration):
    _, found = declaration
    assert found and all(set(c) == SHAPE and c["kind"] in KINDS for c in found)


def test_candidates_come_best_first(declaration):
    _, found = declaration
    scores = [c["score"] for c in found]
    assert scores == sorted(scores, reverse=True)


def test_context_offsets_point_into_the_original_text(declaration):
    text, found = declaration
    for c in found:
        for ctx in c["contexts"]:
            written = chinese.normalise(text[ctx["start"]:ctx["end"]]).text
            if "简称" not in written:  # a name interrupted by a definition is in two pieces
                assert chinese.fold_script(written) == c["term"]


def test_no_candidate_runs_across_clause_punctuation(declaration):
    _, found = declaration
    for c in found:
        if c["kind"] != "treaty":  # a title in 《》 may hold 、 (打击恐怖主义、分裂主义...)
            assert not re.search(r"[，。；：、]", c["term"]), c["term"]


def test_title_in_guillemets_is_a_treaty():
    found = by_term("成员国将落实《上合组织反极端主义公约》。")
    assert found["上合组织反极端主义公约"]["kind"] == "treaty"


def test_title_with_a_list_inside_stays_whole():
    found = by_term("成员国重申《打击恐怖主义、分裂主义和极端主义上海公约》的意义。")
    assert "打击恐怖主义、分裂主义和极端主义上海公约" in found
    assert not any(t.startswith("分裂主义和") for t in found)


def test_defined_abbreviation_links_both_ways():
    found = by_term('上海合作组织(以下简称"上合组织")成员国元首理事会会议在阿斯塔纳举行。'
                    "上合组织秘书长出席。")
    assert found["上合组织"]["kind"] == "abbreviation"
    assert found["上合组织"]["full_form"] == "上海合作组织"
    assert found["上海合作组织"]["abbreviations"] == ["上合组织"]


def test_name_interrupted_by_an_abbreviation_definition_is_joined():
    found = by_term('上合组织地区反恐怖机构(以下简称"地区反恐怖机构")执行委员会主任出席会议。')
    assert found["上合组织地区反恐怖机构执行委员会"]["kind"] == "body"


def test_implied_abbreviation_is_linked_to_its_full_form():
    found = by_term("元首们强调,上合组织实业家委员会和银行联合体具有重要意义。"
                    "银联体和实业家委员会联合商务论坛在阿斯塔纳举行。银联体理事会会议同日举行。")
    assert found["银联体"]["full_form"] == "银行联合体"


def test_office_title_marks_a_person_and_the_state_before_it():
    found = by_term("哈萨克斯坦总统纳扎尔巴耶夫、中华人民共和国主席习近平出席会议。")
    assert found["纳扎尔巴耶夫"]["kind"] == "person"
    assert found["习近平"]["kind"] == "person"
    assert found["哈萨克斯坦"]["kind"] == "place"
    assert found["总统"]["kind"] == "title"


def test_bracketed_part_stays_inside_a_meeting_name():
    found = by_term("上合组织举行了成员国政府首脑(总理)理事会会议。")
    assert found["成员国政府首脑（总理）理事会会议"]["kind"] == "meeting"


def test_a_meeting_of_a_council_names_the_council_too():
    found = by_term("上合组织举行了外交部长理事会会议(2017年4月20日至21日,阿斯塔纳)。")
    assert found["外交部长理事会会议"]["kind"] == "meeting"
    assert found["外交部长理事会"]["kind"] == "body"


def test_nested_name_is_kept_when_it_also_stands_alone():
    found = by_term("元首们积极评价地区反恐怖机构的工作。"
                    "元首们批准了地区反恐怖机构理事会关于地区反恐怖机构工作的报告。")
    assert {"地区反恐怖机构", "地区反恐怖机构理事会"} <= found.keys()


def test_part_of_a_name_is_not_a_candidate_of_its_own():
    found = by_term("上海合作组织成员国元首理事会会议在阿斯塔纳举行。")
    assert "上海" not in found


def test_places_in_a_date_bracket():
    found = by_term("总检察长会议(2016年11月29日至30日,三亚)和教育部长会议"
                    "(2016年10月20日,杜尚别)成果显著。")
    assert found["三亚"]["kind"] == "place" and found["杜尚别"]["kind"] == "place"


def test_quoted_name_with_a_head_is_an_event():
    found = by_term('上合组织举行了"和平使命-2016"联合反恐演习(2016年9月5日至12日,巴雷克奇)。')
    assert found["“和平使命-2016”联合反恐演习"]["kind"] == "event"


def test_ordinal_belongs_to_an_event_name():
    found = by_term("元首们祝贺第二十八届世界大学生冬季运动会成功举办。")
    assert found["第二十八届世界大学生冬季运动会"]["kind"] == "event"


def test_quoted_short_term_is_a_concept():
    found = by_term('元首们积极评价在打击恐怖主义、分裂主义和极端主义("三股势力")方面所作努力。')
    assert found["三股势力"]["kind"] == "concept"


def test_short_items_of_a_list_of_organisations_are_organisations():
    found = by_term("上合组织进一步发展与联合国及其专门机构、亚信、集安条约组织、独联体、东盟"
                    "及其他国际组织合作。")
    assert found["亚信"]["kind"] == "organization" and found["东盟"]["kind"] == "organization"


def test_traditional_text_gives_simplified_terms_and_the_written_form():
    text = "上海合作組織成員國元首理事會會議在比什凱克舉行。"
    found = by_term(text)
    meeting = found["上海合作组织成员国元首理事会会议"]
    assert meeting["original"] == "上海合作組織成員國元首理事會會議"
    assert text[meeting["contexts"][0]["start"]:meeting["contexts"][0]["end"]] == \
        meeting["original"]


def test_offsets_span_a_broken_line_in_the_original():
    text = "元首们认为，应积极推动上海合作\n\n组织发展。上海合作组织秘书长出席。"
    found = by_term(text)
    first = found["上海合作组织"]["contexts"][0]
    assert text[first["start"]:first["end"]] == "上海合作\n\n组织"


def test_known_terms_get_their_concept_id():
    found = by_term("上合组织地区反恐怖机构理事会举行会议。",
                    known={"地区反恐怖机构": ("rats", "organization")})
    assert found["地区反恐怖机构"]["concept"] == "rats"
    assert found["上合组织地区反恐怖机构理事会"]["concept"] is None


def test_known_terms_in_traditional_script_are_matched():
    found = by_term("地區反恐怖機構積極開展工作。",
                    known={"地区反恐怖机构": ("rats", "organization")})
    assert found["地区反恐怖机构"]["concept"] == "rats"


def test_pinyin_of_a_name_is_capitalised():
    found = by_term("上合组织秘书长阿利莫夫出席会议。")
    assert found["阿利莫夫"]["pinyin"][0].isupper()


@pytest.mark.parametrize("name", ["statement.en.txt", "statement.ru.txt"])
def test_english_or_russian_text_is_refused(name):
    with pytest.raises(NotChinese, match="Chinese"):
        extract((DATA / name).read_text(encoding="utf-8"))


def test_empty_text_is_refused():
    with pytest.raises(NotChinese, match="empty"):
        extract("  \n")


def test_items_of_a_list_of_principles_are_concepts():
    found = by_term("元首们支持恪守关于不干涉内政、边界不可侵犯、和平解决争端等原则。")
    assert {"不干涉内政", "边界不可侵犯", "和平解决争端"} <= found.keys()
    assert "关于不干涉内政" not in found


def test_place_before_a_topic_head_names_an_issue():
    found = by_term("伊朗代表出席会议。元首们对各方努力执行伊朗核问题全面协议予以肯定。"
                    "元首们主张尽快解决乌克兰危机。")
    assert found["伊朗核问题"]["kind"] == "concept"
    assert found["乌克兰危机"]["kind"] == "concept"


def test_generic_part_shared_by_quoted_names_is_a_term():
    found = by_term('上合组织举行了"和平使命-2016"联合反恐演习和"合作-2016"联合反恐演习。')
    assert found["联合反恐演习"]["kind"] == "concept"


def test_a_document_named_by_its_subject_starts_at_guanyu():
    found = by_term("元首们强调，应尽快通过联合国关于打击国际恐怖主义的全面公约。")
    assert found["关于打击国际恐怖主义的全面公约"]["kind"] == "treaty"
    assert "国际恐怖主义" in found


def test_a_name_without_one_of_its_words_is_no_abbreviation():
    found = by_term("上合组织论坛在塔什干举行。上合组织青年论坛在阿斯塔纳举行。")
    assert found["上合组织论坛"]["full_form"] is None


def test_a_place_glued_to_a_date_is_cut_off():
    found = by_term("新华社比什凯克6月14日电 上海合作组织成员国元首理事会第十九次会议14日举行。")
    assert "上海合作组织成员国元首理事会第十九次会议" in found
    assert not any(t.startswith("日电") for t in found)


def test_a_verb_before_a_name_is_not_part_of_it():
    found = by_term("元首们对各方努力执行伊朗核问题全面协议予以肯定。")
    assert found["伊朗核问题全面协议"]["kind"] == "treaty"


_PIECES = st.sampled_from([
    "上海合作组织", "(以下简称\"上合组织\")", "成员国", "元首理事会", "会议", "《", "》", "、",
    "，", "。", "\n\n", " 2017 年", "“", "”", "地區反恐怖機構", "总统", "纳扎尔巴耶夫", "和",
    "(总理)", "阿斯塔纳", "SCO", "-", "第十一届", "等原则",
])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_any_mix_of_pieces_gives_candidates_with_valid_offsets(pieces):
    text = "".join(pieces)
    try:
        found = extract(text)
    except NotChinese:
        return
    for c in found:
        assert c["term"] and c["kind"] in KINDS
        for ctx in c["contexts"]:
            assert 0 <= ctx["start"] < ctx["end"] <= len(text)
