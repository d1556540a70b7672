"""The extractor's rules for terms that no written cue marks: word-formation patterns, objects
of governing verbs, sentence frames, generic parts of names, and the termbase as known terms.
One behaviour per test."""

from __future__ import annotations

from glossary.extract import extract


def by_term(text: str, **kwargs) -> dict[str, dict]:
    return {c["term"]: c for c in extract(text, **kwargs)}


# Generic parts of names ----------------------------------------------------------------------


def test_a_body_of_an_organisation_names_its_generic_part():
    found = by_term("亚洲相互协作与信任措施会议秘书处执行主任官建伟列席了会议。")
    assert found["秘书处"]["kind"] == "body"


def test_a_generic_part_may_have_one_word_before_its_head():
    found = by_term("元首们积极评价上合组织常设机构为推动本组织务实合作作出的努力。")
    assert found["常设机构"]["kind"] == "body"


def test_a_longer_rest_of_a_name_is_no_generic_part():
    found = by_term("元首们指出，在比什凯克举行的上合组织成员国外交部长理事会会议取得积极成果。")
    assert "成员国外交部长理事会" not in found


def test_a_meeting_with_an_ordinal_names_its_council():
    found = by_term("成员国欢迎上合组织成员国政府首脑(总理)理事会第十七次会议成果。")
    assert found["上合组织成员国政府首脑（总理）理事会"]["kind"] == "body"


def test_a_qualifier_listed_with_an_adjective_is_not_part_of_a_name():
    found = by_term("应进一步加强上合组织作为高效、全面地区性组织的地位。")
    assert "地区性组织" in found and "全面地区性组织" not in found


def test_partners_joined_by_a_dash_start_a_name():
    found = by_term("成员国欢迎在青岛设立中国—上海合作组织地方经贸合作示范区。")
    assert found["中国—上海合作组织地方经贸合作示范区"]["kind"] == "place"


# Attributives kept whole by the segmenter ----------------------------------------------------


def test_an_attributive_keeps_a_document_name_whole():
    found = by_term("元首们支持开展广泛的国际合作，落实2030年可持续发展议程。")
    assert found["2030年可持续发展议程"]["kind"] == "treaty"


def test_an_attributive_in_zuzhi_names_no_organisation():
    found = by_term("元首们强调，打击跨国有组织犯罪。")
    assert found["跨国有组织犯罪"]["kind"] == "concept"
    assert not any(c["kind"] == "organization" for c in found.values())


def test_an_attributive_in_jian_joins_a_meeting_name():
    found = by_term("元首们认为，有关政府间谈判应通过最广泛协商。")
    assert "政府间谈判" in found


# Concept heads -------------------------------------------------------------------------------


def test_governance_is_a_concept_head():
    found = by_term("腐败将导致国家治理效率低下。")
    assert found["国家治理"]["kind"] == "concept"


def test_a_nominalisation_in_hua_is_a_concept():
    found = by_term("成员国支持推进贸易便利化。")
    assert found["贸易便利化"]["kind"] == "concept"


def test_a_nominalisation_only_inside_a_title_is_not_a_candidate():
    found = by_term("元首们强调，必须落实《上合组织成员国政府间国际道路运输便利化协定》。")
    assert not any(t.endswith("便利化") for t in found)


def test_a_field_may_qualify_a_concept_head():
    found = by_term("成员国将继续深化打击信息通信领域犯罪合作。")
    assert "信息通信领域犯罪" in found


def test_a_bare_field_does_not_start_a_concept():
    assert by_term("元首们支持在各领域犯罪问题上合作。") == {}


# Word-formation patterns ---------------------------------------------------------------------


def test_fan_with_what_it_is_against_is_a_concept():
    found = by_term("元首们支持在反腐败领域开展双边及多边合作。")
    assert found["反腐败"]["kind"] == "concept"


def test_a_role_noun_in_guo_is_a_concept():
    found = by_term("议定书尽快对所有签署国生效。")
    assert found["签署国"]["kind"] == "concept"


def test_a_role_noun_keeps_the_attributive_before_it():
    found = by_term("成员国欢迎哈萨克斯坦共和国当选联合国安理会非常任理事国。")
    assert "非常任理事国" in found


def test_a_hu_x_hu_y_formula_is_a_concept():
    found = by_term("元首们支持提升本地区互联互通能力。")
    assert found["互联互通"]["kind"] == "concept"


def test_hu_x_with_a_noun_is_a_concept():
    found = by_term("元首们支持深化与观察员国各领域互利合作。")
    assert "互利合作" in found


def test_zonghe_with_a_noun_is_a_concept():
    found = by_term("元首们强调，就维护综合安全深化对话。")
    assert found["综合安全"]["kind"] == "concept"


def test_an_unknown_duo_word_with_the_next_word_is_a_concept():
    found = by_term("元首们支持建设多式联运物流中心。")
    assert "多式联运" in found


def test_an_abbreviation_ending_like_an_organisation_is_one():
    found = by_term("元首们对有关各方在欧盟参与下达成的协议予以肯定。")
    assert found["欧盟"]["kind"] == "organization"


# Sentence structure --------------------------------------------------------------------------


def test_a_specific_object_of_a_governing_verb_is_a_concept():
    found = by_term("成员国决心巩固国际信息安全，应对紧急事态。")
    assert {"国际信息安全", "紧急事态"} <= found.keys()


def test_an_everyday_object_is_not_a_candidate():
    assert by_term("元首们重申，应保障地区安全。") == {}


def test_a_single_word_object_is_not_a_candidate():
    assert "相互理解" not in by_term("元首们认为，应在共同关心的领域进一步深化相互理解与尊重。")


def test_generic_nouns_are_taken_off_an_object():
    found = by_term("元首们责成包括继续就建立司法鉴定合作机制开展合作。")
    assert "司法鉴定" in found and "司法鉴定合作机制" not in found


def test_the_place_where_something_is_held_is_a_place():
    found = by_term("成员国欢迎2018年11月在杜尚别举行的会议成果。")
    assert found["杜尚别"]["kind"] == "place"


def test_an_item_of_a_list_of_dated_events_is_one_name():
    found = by_term("上合组织举行了银行联合体理事会会议(2017年6月8日,阿斯塔纳)、"
                    "银联体和实业家委员会联合商务论坛(2017年6月8日,阿斯塔纳)。")
    assert found["银联体和实业家委员会联合商务论坛"]["kind"] == "meeting"
    assert "实业家委员会联合商务论坛" not in found


def test_a_short_name_joined_inside_a_longer_one_is_still_an_abbreviation():
    found = by_term("上合组织举行了银行联合体理事会会议(2017年6月8日,阿斯塔纳)、"
                    "银联体和实业家委员会联合商务论坛(2017年6月8日,阿斯塔纳)。")
    assert found["银联体"]["full_form"] == "银行联合体"


def test_a_verb_of_appraisal_is_not_a_term():
    assert "高度评价" not in by_term("元首们高度评价会议成果，高度评价各方努力，高度评价合作。")


# The termbase as known terms -----------------------------------------------------------------


def test_a_known_term_inside_a_longer_known_term_is_found():
    found = by_term("元首们强调，上合组织扩员具有历史意义。",
                    known={"上合组织扩员": ("sco-enlargement", "concept"),
                           "扩员": ("enlargement", "concept")})
    assert found["扩员"]["concept"] == "enlargement"


def test_a_known_term_inside_a_name_found_by_a_rule_is_not_a_candidate():
    found = by_term("俄罗斯联邦总统普京出席会议。",
                    known={"俄罗斯联邦": ("russia", "state"), "俄罗斯": ("russia", "state")})
    assert "俄罗斯" not in found


def test_a_long_known_term_does_not_hide_an_office_from_the_rules():
    found = by_term("上合组织秘书长阿利莫夫列席会议。",
                    known={"上合组织秘书长": ("sco-secretary-general", "title")})
    assert found["阿利莫夫"]["kind"] == "person"
