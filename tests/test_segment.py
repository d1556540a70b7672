"""One jieba dictionary for the whole process (issue 14, speed and memory): the segmenter over
it cuts exactly as jieba does, the dictionary holds what jieba's tokenizer and its tagger
hold, and the extractor reads no other copy of it."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from glossary.chinese import segment
from glossary.chinese.segment import Segmenter, dictionary

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [ROOT / "data/documents/sco-astana-2017-press-communique.zh.txt",
         *sorted((ROOT / "tests/data/extract").glob("*.zh*.txt")),
         *sorted((ROOT / "tests/data/extract/own").glob("*.zh.txt"))]
#: What jieba's blocks and spaces make of mixed text: Latin runs, numbers, %, CR LF, spaces.
MIXED = "上合组织SCO 2017年6月，增长12.5%\r\n  e-mail: a.b@c 中文English混合　全角 〇二 𠀀字"


@pytest.fixture(scope="module")
def jieba_tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_the_dictionary_holds_what_jieba_reads_from_it(jieba_tokenizer) -> None:
    shared = dictionary()
    assert shared.total == jieba_tokenizer.total
    assert shared.freq == jieba_tokenizer.FREQ


def test_the_dictionary_tags_words_as_jiebas_tagger_does() -> None:
    import jieba.posseg

    tags = dictionary().tags
    assert tags == jieba.posseg.dt.word_tag_tab
    assert (tags["上海"], tags["恐怖主义"]) == ("ns", "n")
    assert "上合组织" not in tags  # a word jieba does not know has no tag


@pytest.mark.parametrize("hmm", [True, False])
def test_the_segmenter_cuts_as_jieba_does(jieba_tokenizer, hmm: bool) -> None:
    shared = dictionary()
    ours = Segmenter(shared.freq, shared.total)
    for text in [MIXED, *(path.read_text(encoding="utf-8") for path in TEXTS)]:
        assert ours.cut(text, hmm=hmm) == list(jieba_tokenizer.cut(text, HMM=hmm))


def test_added_words_cut_as_in_jieba_and_leave_the_shared_dictionary_alone() -> None:
    shared = dictionary()
    before = len(shared.freq)
    theirs = jieba.Tokenizer()
    theirs.initialize()
    ours = Segmenter(dict(shared.freq), shared.total)
    for word in ("上合组织", "银联体", "外交部长理事会", "值此"):
        freq = max(ours.suggest_freq(word), 10)
        assert freq == max(theirs.suggest_freq(word, tune=False), 10)
        ours.add_word(word, freq)
        theirs.add_word(word, freq=freq)
    text = TEXTS[0].read_text(encoding="utf-8")
    assert ours.cut(text) == list(theirs.cut(text))
    assert "上合组织" in ours.cut("上合组织成员国")
    assert len(shared.freq) == before and "上合组织" not in shared.freq


def test_pinyin_grouping_ignores_the_words_the_extractor_adds() -> None:
    from glossary.extract import extract

    grouped = segment._words("上合组织秘书长")
    extract("上合组织秘书长诺罗夫出席会议。", known={"上合组织": ("sco", "organization")})
    segment._words.cache_clear()
    assert segment._words("上合组织秘书长") == grouped


def test_the_extractor_loads_no_tagger_of_its_own() -> None:
    """jieba.posseg reads its own copy of the dictionary's tags at import (about 50 MB)."""
    code = ("import sys; from glossary.extract import extract; "
            "extract('上海合作组织成员国元首理事会会议在阿斯塔纳举行。'); "
            "print(sorted(m for m in sys.modules if m.startswith('jieba.')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert "jieba.posseg" not in run.stdout and "jieba.analyse" not in run.stdout


def test_extraction_leaves_the_garbage_collector_as_it_found_it() -> None:
    from glossary.extract import NotChinese, extract

    text = "上海合作组织成员国元首理事会会议在阿斯塔纳举行。"
    extract(text)
    assert gc.isenabled()
    gc.disable()
    try:
        extract(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(NotChinese):
        extract("An English sentence, not a Chinese one.")
    assert gc.isenabled()
