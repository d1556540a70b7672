"""Long documents a piece at a time (issue 12, item 11: a 4 MB document took hundreds of MB):
`chinese.normalise_long` gives what `normalise` gives, and the extraction of an import in
pieces keeps counts and offsets into the whole text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from glossary import chinese

ROOT = Path(__file__).parent.parent
DOCUMENTS = sorted((ROOT / "data" / "documents").glob("*.txt")) + sorted(
    (Path(__file__).parent / "data" / "extract").glob("*.zh.txt"))


def shuffled(seed: int = 3) -> str:
    """Paragraphs of real sentences in a random order, with some hard cases between them:
    broken lines, headings, ASCII punctuation, quotes, blank lines."""
    sentences = [s for path in DOCUMENTS for s in re.findall(
        r"[^。\n]+。?", path.read_text(encoding="utf-8")) if len(s) > 5]
    rng = random.Random(seed)
    extras = ["\n\n# 第一章\n", "\n实现国\n家和平, 稳定.\n", '\n他说: "上海精神".\n',
              "\n   \n", "\n（2017年6月8日至9日，阿斯塔纳）\n", "\n一、总则\n"]
    parts = []
    for _ in range(400):
        parts.append("".join(rng.sample(sentences, 3)))
        parts.append(rng.choice(extras) if rng.random() < 0.3 else "\n")
    return "".join(parts)


TEXTS = [pytest.param(path.read_text(encoding="utf-8"), id=path.name) for path in DOCUMENTS]
TEXTS.append(pytest.param(shuffled(), id="shuffled"))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("piece", [300, 2000, 20000])
def test_in_pieces_is_the_same_as_whole(text, piece):
    whole, pieces = chinese.normalise(text), chinese.normalise_long(text, piece)
    assert pieces.text == whole.text
    assert list(pieces.offsets) == list(whole.offsets)
    assert list(pieces.ends) == list(whole.ends)


def test_a_long_text_is_cut(monkeypatch):
    calls = []
    real = chinese.normalise
    # patched where normalise_long finds it, in its own module
    monkeypatch.setattr(chinese.normalisation, "normalise",
                        lambda text: calls.append(len(text)) or real(text))
    text = shuffled()
    chinese.normalise_long(text, 2000)
    assert len(calls) > len(text) // 2000 and max(calls) <= 2000


@pytest.mark.parametrize("text", ["上海。\r\n合作。" * 2000, "Cafe\u0301。\n" * 2000])
def test_what_needs_the_whole_text_is_normalised_whole(text):
    whole, pieces = chinese.normalise(text), chinese.normalise_long(text, 300)
    assert (pieces.text, list(pieces.offsets), list(pieces.ends)) == (
        whole.text, list(whole.offsets), list(whole.ends))


def test_extraction_in_pieces_merges_counts_and_keeps_offsets_into_the_whole_text():
    from glossary.services import extraction

    sentence = "上海合作组织成员国元首理事会会议在阿斯塔纳举行。"
    appendix = "An appendix in English, with no Chinese in it at all. " * 20
    text = (sentence + "\n") * 30 + appendix + "\n" + (sentence + "\n") * 30
    whole = {c["term"]: c for c in extraction.extract_text(text)}
    pieces = {c["term"]: c for c in extraction.extract_pieces(text, piece_chars=400)}
    assert len(extraction.split_pieces(text, 400)) > 5
    for term in ("上海合作组织", "阿斯塔纳"):
        assert pieces[term]["count"] == whole[term]["count"] == 60
        for context in pieces[term]["contexts"]:
            assert text[context["start"]:context["end"]] == term
