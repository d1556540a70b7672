"""The `aligned` suggester: a term's rendering found in aligned sentence pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.suggest import CONFIDENT, AlignedPair, PairList, Query, same_rendering
from glossary.suggest.aligned import suggest
from glossary.suggest.knowledge import Entry, Knowledge, Rendering
from tests.suggest.parallel import gold_terms, texts

EMPTY = Knowledge()
SCO = Entry("sco", "organization", ["上海合作组织", "上合组织"],
            ru=[Rendering("Шанхайская организация сотрудничества"),
                Rendering("ШОС", type="acronym")],
            en=[Rendering("Shanghai Cooperation Organisation"),
                Rendering("SCO", type="acronym")])

# Other sentences of the same material: what is common everywhere.
BACKGROUND = [
    ("各方签署了文件。", "Стороны подписали документы.", "The parties signed documents."),
    ("会议在塔什干举行。", "Заседание прошло в Ташкенте.", "The meeting was held in Tashkent."),
    ("成员国支持合作。", "Государства поддерживают сотрудничество.",
     "The states support cooperation."),
    ("会议通过了决定。", "На заседании принято решение.", "The meeting adopted a decision."),
]


def material(rows, source="doc"):
    pairs = []
    for k, (zh, ru, en) in enumerate([*rows, *BACKGROUND]):
        pairs.append(AlignedPair(zh, ru, "ru", source, k))
        pairs.append(AlignedPair(zh, en, "en", source, k))
    return PairList(pairs)


def top(found, lang):
    return next(s for s in found if s.lang == lang)


TRADE = [
    ("成员国支持多边贸易体制。", "Государства поддерживают многостороннюю торговую систему.",
     "The states support the multilateral trading system."),
    ("多边贸易体制面临挑战。", "Многосторонняя торговая система сталкивается с вызовами.",
     "The multilateral trading system faces challenges."),
    ("会议讨论了多边贸易体制的改革。", "На заседании обсуждалась реформа многосторонней торговой "
     "системы.", "The meeting discussed reform of the multilateral trading system."),
]


def test_a_repeated_term_is_suggested_in_its_dictionary_form():
    found = list(suggest(Query("多边贸易体制"), EMPTY, material(TRADE)))
    ru, en = top(found, "ru"), top(found, "en")
    assert ru.text == "многосторонняя торговая система"
    assert en.text == "multilateral trading system"
    assert ru.score >= CONFIDENT and en.score >= CONFIDENT
    assert ru.method == "aligned"


def test_the_evidence_points_at_the_phrase_in_each_pair():
    ru = top(suggest(Query("多边贸易体制"), EMPTY, material(TRADE, "trade.tmx")), "ru")
    assert len(ru.evidence) == 3
    for item in ru.evidence:
        start, end = item["span"]
        assert item["type"] == "pair" and item["source"] == "trade.tmx"
        assert "多边贸易体制" in item["zh"]
        assert item["target"][start:end].lower().startswith("многосторонн")
    assert ru.note == "found in 3 of 3 aligned sentences of trade.tmx"


def test_a_term_seen_once_is_not_confident():
    rows = [TRADE[0]]
    found = list(suggest(Query("多边贸易体制"), EMPTY, material(rows)))
    assert found and all(s.score < CONFIDENT for s in found)


def test_no_pair_no_suggestion():
    assert list(suggest(Query("多边贸易体制"), EMPTY, material([]))) == []


SECRETARIAT = [
    ("上合组织秘书处发表声明。", "Секретариат ШОС опубликовал заявление.",
     "The SCO Secretariat issued a statement."),
    ("上合组织秘书处设在北京。", "ШОС Секретариат находится в Пекине.",
     "The SCO Secretariat is located in Beijing."),
    ("上合组织秘书处举办了招待会。", "ШОС: Секретариат устроил прием.",
     "The SCO Secretariat hosted a reception."),
]


def test_the_renderings_of_known_terms_beside_the_term_are_not_suggested():
    # ШОС is always there, as often as the Secretariat; the termbase says it is 上合组织.
    without = {s.text for s in suggest(Query("秘书处"), EMPTY, material(SECRETARIAT))}
    assert "ШОС" in without
    found = list(suggest(Query("秘书处"), Knowledge([SCO]), material(SECRETARIAT)))
    assert "ШОС" not in {s.text for s in found}
    assert top(found, "ru").text == "Секретариат"
    assert top(found, "en").text == "Secretariat"


def test_nothing_of_the_excluded_concept_is_used():
    query = Query("秘书处", exclude="sco")
    with_sco = list(suggest(query, Knowledge([SCO]), material(SECRETARIAT)))
    alone = list(suggest(query, EMPTY, material(SECRETARIAT)))
    assert with_sco == alone


def test_a_part_of_a_longer_known_term_is_not_given_that_term_s_rendering():
    cyber = Entry("cyberterrorism", "concept", ["网络恐怖主义"], ru=[Rendering("кибертерроризм")])
    rows = [("反对恐怖主义。", "Против терроризма.", "Against terrorism."),
            ("谴责恐怖主义行为。", "Осуждаем акты терроризма.", "We condemn acts of terrorism."),
            ("应对网络恐怖主义。", "Противодействовать кибертерроризму.",
             "Counter cyberterrorism."),
            ("打击网络恐怖主义。", "Бороться с кибертерроризмом.", "Combat cyberterrorism.")]
    found = list(suggest(Query("恐怖主义"), Knowledge([cyber]), material(rows)))
    assert top(found, "ru").text == "терроризм"


def test_english_keeps_the_capitals_it_is_written_with():
    rows = [("地区反恐怖机构举行会议。", "РАТС провела заседание.",
             "The Regional Anti-Terrorist Structure held a meeting."),
            ("地区反恐怖机构发表声明。", "РАТС выступила с заявлением.",
             "The Regional Anti-Terrorist Structure issued a statement.")]
    en = top(suggest(Query("地区反恐怖机构"), EMPTY, material(rows)), "en")
    assert en.text == "Regional Anti-Terrorist Structure"


@pytest.fixture(scope="module")
def shipped():
    return Knowledge.from_data(Path(__file__).resolve().parents[2] / "data")


def test_terms_of_the_development_texts_seen_twice_are_mostly_found(shipped):
    """The issue's floor on the development texts (tests/data/parallel), leaving each
    term's own concept out of the termbase."""
    pairs = [p for text in texts() for lang in ("ru", "en") for p in text.pairs(lang)]
    mat = PairList(pairs)
    right = asked = confident = confident_right = 0
    for zh, ru, en in gold_terms():
        concepts = shipped.lookup(zh)
        found = list(suggest(Query(zh, exclude=concepts[0].key if concepts else None),
                             shipped, mat))
        for lang, accepted in (("ru", ru), ("en", en)):
            if len(mat.pairs_with(zh, lang)) < 2:
                continue
            best = next((s for s in found if s.lang == lang), None)
            ok = best is not None and same_rendering(best.text) in map(same_rendering, accepted)
            asked += 1
            right += ok
            if best is not None and best.score >= CONFIDENT:
                confident += 1
                confident_right += ok
    assert right / asked >= 0.8
    assert confident_right / confident >= 0.8


MEMBER = Entry("member-state", "concept", ["成员国"], ru=[Rendering("государство-член")],
               en=[Rendering("member state")])


def test_a_long_name_is_grown_past_six_words_by_the_renderings_of_its_parts():
    rows = [("上海合作组织成员国交通部长理事会在塔什干举行。",
             "В Ташкенте собрался Совет министров транспорта государств-членов Шанхайской "
             "организации сотрудничества.",
             "The Council of Ministers of Transport of the Member States of the Shanghai "
             "Cooperation Organisation convened in Tashkent."),
            ("上海合作组织成员国交通部长理事会通过了决定。",
             "Совет министров транспорта государств-членов Шанхайской организации "
             "сотрудничества принял решение.",
             "The Council of Ministers of Transport of the Member States of the Shanghai "
             "Cooperation Organisation adopted a decision.")]
    found = list(suggest(Query("上海合作组织成员国交通部长理事会"), Knowledge([SCO, MEMBER]),
                         material(rows)))
    assert top(found, "en").text == ("Council of Ministers of Transport of the Member States "
                                     "of the Shanghai Cooperation Organisation")
    assert top(found, "ru").text == ("Совет министров транспорта государств-членов "
                                     "Шанхайской организации сотрудничества")


def test_a_hyphenated_name_is_not_cut_at_its_hyphen():
    rows = [("会议在乌斯季卡缅诺戈尔斯克举行。", "Встреча прошла в Усть-Каменогорске.",
             "The meeting took place in Ust-Kamenogorsk."),
            ("乌斯季卡缅诺戈尔斯克是工业中心。", "Усть-Каменогорск является промышленным центром.",
             "Ust-Kamenogorsk is an industrial centre.")]
    found = list(suggest(Query("乌斯季卡缅诺戈尔斯克"), EMPTY, material(rows)))
    assert top(found, "ru").text == "Усть-Каменогорск"
    assert top(found, "en").text == "Ust-Kamenogorsk"


def test_an_unknown_surname_keeps_its_ending_in_every_case():
    rows = [("别克穆拉托夫主持了会议。", "Заседание провел Бекмуратов.",
             "The meeting was chaired by Bekmuratov."),
            ("代表们感谢别克穆拉托夫。", "Делегаты поблагодарили Бекмуратова.",
             "The delegates thanked Bekmuratov."),
            ("别克穆拉托夫发表讲话。", "Слово было предоставлено Бекмуратову.",
             "Bekmuratov made a speech.")]
    ru = top(suggest(Query("别克穆拉托夫"), EMPTY, material(rows)), "ru")
    assert ru.text == "Бекмуратов"
    assert len(ru.evidence) == 3


def test_an_english_possessive_is_not_part_of_the_rendering():
    rows = [("联盟的成员不断增加。", "Число членов Альянса растет.",
             "The Alliance's membership keeps growing."),
            ("联盟的预算获得批准。", "Бюджет Альянса утвержден.",
             "The Alliance's budget was approved.")]
    assert top(suggest(Query("联盟"), EMPTY, material(rows)), "en").text == "Alliance"


def test_a_chinese_list_is_rendered_as_a_list_with_commas():
    rows = [("各国共同应对贫困、饥饿和疾病。",
             "Страны вместе борются с бедностью, голодом и болезнями.",
             "Countries jointly fight poverty, hunger and disease."),
            ("贫困、饥饿和疾病仍然存在。", "Бедность, голод и болезни сохраняются.",
             "Poverty, hunger and disease persist.")]
    en = top(suggest(Query("贫困、饥饿和疾病"), EMPTY, material(rows)), "en")
    assert en.text == "poverty, hunger and disease"


def test_a_sentence_word_before_a_name_is_not_part_of_it():
    rows = [("各方支持落实水资源论坛倡议。", "Стороны поддержали выполнение Водного форума.",
             "The parties supported implementing the Regional Water Forum."),
            ("秘书处负责落实水资源论坛倡议。", "Секретариат отвечает за выполнение Водного форума.",
             "The Secretariat is responsible for implementing the Regional Water Forum.")]
    found = list(suggest(Query("水资源论坛"), EMPTY, material(rows)))
    assert top(found, "en").text == "Regional Water Forum"
    assert top(found, "ru").text == "Водный форум"


def test_a_plural_the_termbase_keeps_as_a_term_s_head_stays_plural():
    competent = Entry("competent-authorities", "concept", ["主管机关"],
                      en=[Rendering("competent authorities")])
    rows = [("有关部门加强合作。", "Соответствующие ведомства укрепляют сотрудничество.",
             "The relevant authorities strengthen cooperation."),
            ("有关部门交换信息。", "Соответствующие ведомства обмениваются информацией.",
             "The relevant authorities exchange information.")]
    assert top(suggest(Query("有关部门"), EMPTY, material(rows)), "en").text == \
        "relevant authority"
    assert top(suggest(Query("有关部门"), Knowledge([competent]), material(rows)),
               "en").text == "relevant authorities"


def test_pairs_where_the_term_is_only_inside_a_longer_known_term_are_left_out():
    commission = Entry("water-commission", "organization", ["水资源委员会"],
                       en=[Rendering("Water Commission")])
    rows = [("水资源委员会举行会议。", "Комиссия провела заседание.",
             "The Water Commission held a meeting."),
            ("水资源委员会通过报告。", "Комиссия приняла доклад.",
             "The Water Commission adopted a report."),
            ("水资源委员会发表声明。", "Комиссия сделала заявление.",
             "The Water Commission made a statement."),
            ("各国保护水资源。", "Страны охраняют водные ресурсы.",
             "Countries protect water resources."),
            ("水资源日益短缺。", "Водные ресурсы становятся дефицитными.",
             "Water resources are increasingly scarce.")]
    en = top(suggest(Query("水资源"), Knowledge([commission]), material(rows)), "en")
    assert en.text == "water resource"


# The translators name the ministers in full twice, then by the short word: the full name is
# the term's rendering (its extra words are found nowhere but beside the short one).
HEALTH_MINISTERS = [
    ("卫生部长们讨论了疫情。", "Министры здравоохранения обсудили эпидемию.",
     "The health ministers discussed the epidemic."),
    ("卫生部长们通过了计划。", "Министры здравоохранения приняли план.",
     "The health ministers adopted a plan."),
    ("卫生部长们强调合作。", "Министры подчеркнули важность сотрудничества.",
     "The ministers stressed cooperation."),
    ("卫生部长们同意继续磋商。", "Министры согласились продолжить консультации.",
     "The ministers agreed to continue consultations."),
    ("卫生部长们支持倡议。", "Министры поддержали инициативу.",
     "The ministers supported the initiative."),
]


def test_the_full_form_beats_a_more_frequent_ellipsis():
    found = list(suggest(Query("卫生部长"), EMPTY, material(HEALTH_MINISTERS)))
    assert same_rendering(top(found, "ru").text) == "министр здравоохранения"
    assert same_rendering(top(found, "en").text) == "health minister"


# 主席 always stands beside the term where the longer phrase is found: Председатель renders
# it, not the term.
YOUTH_COUNCIL = [
    ("青年委员会主席出席了会议。", "Председатель Молодежного совета принял участие в заседании.",
     "The Chairman of the Youth Council attended the meeting."),
    ("青年委员会主席发表讲话。", "Председатель Молодежного совета выступил с речью.",
     "The Chairman of the Youth Council delivered a speech."),
    ("青年委员会通过了计划。", "Молодежный совет принял план.",
     "The Youth Council adopted a plan."),
    ("青年委员会举行会议。", "Молодежный совет провел заседание.",
     "The Youth Council held a meeting."),
]


def test_words_of_a_chinese_neighbour_always_beside_the_longer_phrase_are_not_added():
    found = list(suggest(Query("青年委员会"), EMPTY, material(YOUTH_COUNCIL)))
    assert same_rendering(top(found, "ru").text) == "молодежный совет"
    assert same_rendering(top(found, "en").text) == "youth council"


CLIMATE = [
    ("气候变化仍是主要挑战。", "Изменение климата остается главным вызовом.",
     "Climate change remains the main challenge."),
    ("气候变化依然是严重威胁。", "Изменение климата остается серьезной угрозой.",
     "Climate change remains a serious threat."),
    ("各方讨论了气候变化。", "Стороны обсудили изменение климата.",
     "The parties discussed climate change."),
    ("气候变化影响农业。", "Изменение климата влияет на сельское хозяйство.",
     "Climate change affects agriculture."),
]


def test_an_english_verb_before_an_article_is_not_part_of_the_term():
    found = list(suggest(Query("气候变化"), EMPTY, material(CLIMATE)))
    assert same_rendering(top(found, "en").text) == "climate change"


PAYMENTS = [
    ("各方同意发展跨境支付。", "Стороны договорились развивать трансграничные платежи.",
     "The parties agreed to develop cross-border payments."),
    ("央行讨论了跨境支付的安全。",
     "Центральные банки обсудили безопасность трансграничных платежей.",
     "The central banks discussed the security of cross-border payments."),
]


def test_a_head_noun_plural_in_every_sentence_stays_plural():
    ru = top(suggest(Query("跨境支付"), EMPTY, material(PAYMENTS)), "ru")
    assert same_rendering(ru.text) == "трансграничные платежи"


def test_a_plural_marked_by_the_chinese_is_not_the_terms():
    # 卫生部长们: 们 makes the plural, the term is one minister.
    ru = top(suggest(Query("卫生部长"), EMPTY, material(HEALTH_MINISTERS)), "ru")
    assert same_rendering(ru.text) == "министр здравоохранения"


PARTNER_STATES = [
    ("伙伴国支持合作。", "Государства-партнеры поддерживают сотрудничество.",
     "The partner states support cooperation."),
    ("会议邀请了伙伴国。", "На заседание были приглашены государства-партнеры.",
     "The partner states were invited to the meeting."),
    ("伙伴国代表发言。", "Выступили представители государств-партнеров.",
     "Representatives of the partner states spoke."),
]


def test_the_termbase_writes_a_head_noun_in_the_singular_and_so_does_the_suggestion():
    observer = Entry("observer-state", "term", ["观察员国"],
                     ru=[Rendering("государство-наблюдатель")], en=[Rendering("observer state")])
    ru = top(suggest(Query("伙伴国"), Knowledge([observer]), material(PARTNER_STATES)), "ru")
    assert same_rendering(ru.text) == "государство-партнер"


# "United" ends like a past participle (signed, reviewed), but a capital inside the sentence
# makes it a word of a name.
UN_OFFICE = [
    ("秘书处与联合国裁军事务厅合作。",
     "Секретариат сотрудничает с Управлением ООН по вопросам разоружения.",
     "The Secretariat cooperates with the United Nations Office for Disarmament Affairs."),
    ("联合国裁军事务厅举办了讲习班。",
     "Управление ООН по вопросам разоружения провело семинар.",
     "A workshop was held by the United Nations Office for Disarmament Affairs."),
]


def test_a_capitalised_word_ending_in_ed_inside_a_sentence_belongs_to_a_name():
    en = top(suggest(Query("联合国裁军事务厅"), EMPTY, material(UN_OFFICE)), "en")
    assert en.text == "United Nations Office for Disarmament Affairs"


# 落实 and 筹备 are verbs of the sentences; Russian and English make them nouns before the
# name: «выполнение Плана действий», "implementing the Action Plan".
ACTION_PLAN = [
    ("各方将落实青年行动计划。", "Стороны обеспечат выполнение Плана действий для молодежи.",
     "The parties will ensure implementing the Action Plan."),
]


def test_an_action_noun_before_a_name_is_the_sentences_verb_not_the_term():
    found = list(suggest(Query("青年行动计划"), EMPTY, material(ACTION_PLAN)))
    assert not any(s.text.lower().startswith(("выполнение план", "implementing the"))
                   for s in found)


FESTIVAL = [
    ("双方讨论了筹备2031年青年艺术节。",
     "Стороны обсудили подготовку к Фестивалю молодежи 2031 года.",
     "The sides discussed preparations for the 2031 Youth Festival."),
]


def test_a_term_without_a_number_is_not_rendered_with_one():
    found = list(suggest(Query("青年艺术节"), EMPTY, material(FESTIVAL)))
    assert found and not any(ch.isdigit() for s in found for ch in s.text)


def test_a_phrase_holding_the_rendering_of_a_known_part_of_the_term_wins_a_tie():
    # One pair, two phrases alike in every count: ШОС renders the 上合组织 of the term.
    rows = [("上合组织青年节将在戈尔诺阿尔泰州举行。",
             "Фестиваль молодежи ШОС пройдет в Горно-Алтайской области.",
             "The SCO Youth Festival will be held in the Gorno-Altai Region.")]
    ru = top(suggest(Query("上合组织青年节"), Knowledge([SCO]), material(rows)), "ru")
    assert same_rendering(ru.text) == "фестиваль молодежи шос"


# The full name of the Organisation in one sentence, its acronym in the other: one phrase.
TOURISM_FORUM = [
    ("上海合作组织成员国旅游论坛在撒马尔罕开幕。",
     "В Самарканде открылся Туристический форум государств-членов Шанхайской организации "
     "сотрудничества.",
     "The Tourism Forum of the Shanghai Cooperation Organisation (SCO) Member States opened "
     "in Samarkand."),
    ("下一届上海合作组织成员国旅游论坛将在比什凯克举行。",
     "Следующий Туристический форум государств-членов ШОС пройдет в Бишкеке.",
     "The next Tourism Forum of the SCO Member States will be held in Bishkek."),
]


def test_two_renderings_of_a_known_part_grow_the_phrase_alike_and_the_shorter_is_written():
    found = list(suggest(Query("上海合作组织成员国旅游论坛"), Knowledge([SCO]),
                         material(TOURISM_FORUM)))
    assert same_rendering(top(found, "ru").text) == "туристический форум государств-членов шос"
    assert same_rendering(top(found, "en").text) == "tourism forum of the sco member states"


FOUNDING_STATES = [
    ("哈萨克斯坦是上合组织创始成员国。", "Казахстан является государством-основателем ШОС.",
     "Kazakhstan is an SCO founding state."),
    ("中国作为上合组织创始成员国支持这一倡议。",
     "Китай как государство-основатель ШОС поддерживает эту инициативу.",
     "China, as an SCO founding state, supports this initiative."),
]


def test_a_phrase_does_not_end_in_the_rendering_of_a_known_term_beside_the_term():
    ru = top(suggest(Query("创始成员国"), Knowledge([SCO]), material(FOUNDING_STATES)), "ru")
    assert same_rendering(ru.text) == "государство-основатель"


SCO_SECRETARIAT = Entry("sco-secretariat", "organization", ["上合组织秘书处"],
                        ru=[Rendering("Секретариат ШОС")], en=[Rendering("SCO Secretariat")])
# 上合组织 stands only inside 上合组织秘书处, whose rendering holds its ШОС: the other ШОС of
# the sentence is the term's.
YOUTH_COUNCIL_SCO = [
    ("上合组织秘书处和青年委员会签署了协议。",
     "Секретариат ШОС и Молодежный совет ШОС подписали соглашение.",
     "The SCO Secretariat and the SCO Youth Council signed an agreement."),
    ("上合组织秘书处支持青年委员会的工作。",
     "Секретариат ШОС поддерживает работу Молодежного совета ШОС.",
     "The SCO Secretariat supports the work of the SCO Youth Council."),
]


def test_a_known_term_only_inside_a_longer_one_does_not_claim_words_elsewhere():
    found = list(suggest(Query("青年委员会"), Knowledge([SCO, SCO_SECRETARIAT]),
                         material(YOUTH_COUNCIL_SCO)))
    assert same_rendering(top(found, "ru").text) == "молодежный совет шос"
    assert same_rendering(top(found, "en").text) == "sco youth council"


# 论坛 always follows the term; elsewhere in the material 论坛 is rendered "forum".
DIGITAL_FORUM = [
    ("各方支持建立数字化转型论坛的倡议。",
     "Стороны поддержали инициативу о создании Форума по цифровой трансформации.",
     "The parties supported the initiative to establish the Forum on Digital Transformation."),
    ("数字化转型论坛将每年举行。", "Форум по цифровой трансформации будет проводиться ежегодно.",
     "The Forum on Digital Transformation will be held annually."),
    ("青年论坛在比什凯克举行。", "Молодежный форум прошел в Бишкеке.",
     "The Youth Forum was held in Bishkek."),
    ("商业论坛吸引了投资者。", "Деловой форум привлек инвесторов.",
     "The Business Forum attracted investors."),
]


def test_words_of_a_chinese_neighbour_always_beside_the_term_are_trimmed():
    found = list(suggest(Query("数字化转型"), EMPTY, material(DIGITAL_FORUM)))
    assert same_rendering(top(found, "en").text) == "digital transformation"
    assert same_rendering(top(found, "ru").text) == "цифровая трансформация"


# 会议 always follows the term, but the other pairs with 会议 say it is "meeting", not the
# "Council" the phrase grows by.
TRANSPORT_COUNCIL = [
    ("成员国交通部长理事会会议在杜尚别举行。",
     "Заседание Совета министров транспорта государств-членов прошло в Душанбе.",
     "The meeting of the Council of Transport Ministers of the Member States was held in "
     "Dushanbe."),
    ("成员国交通部长理事会会议通过了行动计划。",
     "На заседании Совета министров транспорта государств-членов принят план действий.",
     "The meeting of the Council of Transport Ministers of the Member States adopted an "
     "action plan."),
]


def test_a_phrase_grows_by_words_a_constant_neighbour_does_not_explain():
    member_state = Entry("member-state", "term", ["成员国"], ru=[Rendering("государство-член")],
                         en=[Rendering("member state")])
    en = top(suggest(Query("成员国交通部长理事会"), Knowledge([member_state]),
                     material(TRANSPORT_COUNCIL)), "en")
    assert same_rendering(en.text) == "council of transport ministers of the member states"


JIANGSU = [
    ("江苏省代表团访问了比什凯克。", "Делегация провинции Цзянсу посетила Бишкек.",
     "A delegation of Jiangsu Province visited Bishkek."),
    ("代表团来自江苏省。", "Делегация прибыла из провинции Цзянсу.",
     "The delegation came from Jiangsu Province."),
]


def test_a_common_noun_before_a_name_is_kept_when_it_is_no_action():
    ru = top(suggest(Query("江苏省"), EMPTY, material(JIANGSU)), "ru")
    assert same_rendering(ru.text) == "провинция цзянсу"
