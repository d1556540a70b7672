"""Reading the files users give the extractor: encodings detected, bad files refused clearly."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from glossary.textio import TextDecodeError, TextTooLarge, decode, read_text_file

DATA = Path(__file__).parent / "data" / "extract"
DECLARATION = (DATA / "declaration.zh.txt").read_text(encoding="utf-8")
NEWS = (DATA / "news.zh-Hant.txt").read_text(encoding="utf-8")


def test_gb18030_file_is_detected_and_decoded():
    decoded = decode((DATA / "declaration.gb18030.txt").read_bytes())
    assert (decoded.encoding, decoded.text) == ("gb18030", DECLARATION)


def test_big5_file_is_detected_and_decoded():
    decoded = decode((DATA / "news.big5.txt").read_bytes())
    assert (decoded.encoding, decoded.text) == ("big5", NEWS)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_choose_the_encoding(encoding):
    assert decode(DECLARATION.encode(encoding)).text == DECLARATION


def test_utf16_without_bom_is_recognised_by_its_nul_bytes():
    assert decode("SCO 上合组织 2017".encode("utf-16-le")).text == "SCO 上合组织 2017"


def test_short_gbk_text_is_not_taken_for_big5():
    assert decode("上合组织成员国".encode("gbk")).text == "上合组织成员国"


def test_binary_file_is_refused():
    with pytest.raises(TextDecodeError, match="binary"):
        decode((DATA / "binary.bin").read_bytes(), "binary.bin")


def test_pdf_is_refused_with_advice():
    with pytest.raises(TextDecodeError, match="PDF"):
        decode(b"%PDF-1.7\n...", "x.pdf")


def test_unknown_legacy_encoding_is_refused():
    with pytest.raises(TextDecodeError, match="save it as UTF-8"):
        decode("Заседание Совета глав государств".encode("cp1251"), "ru.txt")


def test_broken_utf16_names_the_offset():
    with pytest.raises(TextDecodeError, match="offset"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")


def test_empty_bytes_decode_to_empty_text():
    assert decode(b"").text == ""


def test_file_over_the_limit_is_refused_without_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fp:
        fp.truncate(100 * 1024 * 1024)  # sparse: 100 MiB on paper, nothing on disk
    with pytest.raises(TextTooLarge, match=r"100\.0 MiB; the limit is 16\.0 MiB"):
        read_text_file(huge)


def test_read_text_file_returns_the_raw_bytes_too():
    raw, decoded = read_text_file(DATA / "news.big5.txt")
    assert raw == (DATA / "news.big5.txt").read_bytes() and decoded.text == NEWS


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(TextDecodeError, match="cannot read"):
        read_text_file(tmp_path / "nope.txt")
