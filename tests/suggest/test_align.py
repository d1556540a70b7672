"""The sentence aligner: Chinese sentences and their translation, paired in order."""

from __future__ import annotations

import time

import pytest

from glossary.bitext.align import align
from glossary.suggest.knowledge import Entry, Knowledge, Rendering
from tests.suggest.parallel import read, texts


def covered(beads, n, m):
    zh = [i for a, _ in beads for i in a]
    target = [j for _, b in beads for j in b]
    return zh == list(range(n)) and target == list(range(m))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_sentence_is_in_one_bead_in_order(lang):
    text = read("declaration")
    beads = align(text.zh, text.target[lang], lang=lang)
    assert covered(beads, len(text.zh), len(text.target[lang]))


def test_a_chinese_sentence_split_in_two_in_translation_is_one_bead():
    text = read("declaration")
    beads = align(text.zh, text.target["ru"], lang="ru")
    # 上海精神 sentence: one Chinese sentence, two Russian ones.
    assert ((2,), (2, 3)) in beads


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_development_texts_align_as_written(lang):
    for text in texts():
        assert align(text.zh, text.target[lang], lang=lang) == text.beads[lang], text.name


ZH = ["会议于2030年7月4日举行。",
      "各方就加强经济合作交换了意见，并签署了关于数字经济合作的一系列文件。"]
RU = ["Заседание прошло в Бишкеке.",
      "Оно состоялось 4 июля 2030 года при участии глав всех государств-членов, наблюдателей и "
      "гостей.",
      "Стороны подписали ряд документов о сотрудничестве в цифровой экономике."]
RIGHT = [((0,), (0, 1)), ((1,), (2,))]


def test_shared_numbers_outweigh_misleading_lengths():
    assert align(ZH, RU, lang="ru") == RIGHT
    # The same sentences without the date: the lengths alone pair them otherwise.
    zh = ["会议于今年夏天举行。", ZH[1]]
    ru = [RU[0], RU[1].replace("4 июля 2030 года", "летом этого года"), RU[2]]
    assert align(zh, ru, lang="ru") != RIGHT


def test_a_known_term_rendered_in_the_translation_ties_the_sentences():
    zh = ["会议讨论了数字经济问题。", "各方就加强经济合作交换了意见，并签署了一系列文件。"]
    ru = ["Заседание прошло в Бишкеке.", "На нем обсуждалась цифровая экономика.",
          "Стороны подписали ряд документов о сотрудничестве."]
    knowledge = Knowledge([Entry("digital-economy", "concept", ["数字经济"],
                                 ru=[Rendering("цифровая экономика")])])
    right = [((0,), (0, 1)), ((1,), (2,))]
    assert align(zh, ru, lang="ru", knowledge=knowledge) == right
    assert align(zh, ru, lang="ru") != right  # by lengths alone


def test_empty_sides():
    assert align([], ["One.", "Two."], lang="en") == [((), (0,)), ((), (1,))]
    assert align(["一。"], [], lang="en") == [((0,), ())]


def test_two_thousand_sentences_align_in_seconds():
    zh, target = [], []
    while len(zh) < 2000:
        for text in texts():
            zh += text.zh
            target += text.target["ru"]
    start = time.perf_counter()
    beads = align(zh, target, lang="ru")
    assert time.perf_counter() - start < 10
    assert covered(beads, len(zh), len(target))
