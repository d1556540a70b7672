"""Hostile and broken files: a clear error naming the line or element, the database unchanged."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from glossary.services import exchange
from tests.formats.termbase import census

CASES = Path(__file__).parent.parent / "data" / "exchange"

REFUSED = [
    ("xxe.tbx", "line 3 <!ENTITY>: the document type declares entities"),
    ("xxe-parameter.tbx", "line 3 <!ENTITY>: the document type declares entities"),
    ("billion-laughs.tbx", "line 3 <!ENTITY>: the document type declares entities"),
    ("dtd-fetch.tbx", "line 5: the entity reference &remote; is refused"),
    ("wrong-root.tbx", "line 2 <xliff>: the root element is <xliff>"),
    ("truncated.tbx", "line 6: not well-formed XML: Premature end of data"),
    ("wrong-encoding.tbx", "line 4: not well-formed XML"),
    ("duplicate-ids.tbx", "line 6 <termEntry>: the id 'sco' is used twice (first at line 4)"),
    ("empty.tbx", "the file is empty"),
    ("latin1.csv", "line 3: not UTF-8 (byte 0xE9)"),
    ("truncated.csv", "line 2: broken CSV"),
    ("formula-cells.xlsx", "row 2: cell B2 holds a formula"),
    ("not-a-workbook.xlsx", "not an XLSX workbook"),
]


@pytest.mark.parametrize("name, message", REFUSED, ids=[case for case, _ in REFUSED])
def test_a_hostile_file_is_refused_naming_where(blank, name, message):
    before = census(blank)
    with pytest.raises(exchange.ImportRefused) as info:
        exchange.import_file(blank, (CASES / name).read_bytes(), name, user="tester")
    assert str(info.value).startswith(f"{name}: ")
    assert message in str(info.value)
    assert census(blank) == before


def test_an_external_entity_never_reaches_the_message(blank):
    with pytest.raises(exchange.ImportRefused) as info:
        exchange.import_file(blank, (CASES / "xxe.tbx").read_bytes(), "xxe.tbx")
    assert "root:" not in str(info.value)


@pytest.mark.parametrize("name, ids", [("bom.csv", ["sco-bom"]),
                                       ("utf16-bom.tbx", ["sco-utf16"])])
def test_a_byte_order_mark_is_welcome(blank, name, ids):
    summary = exchange.import_file(blank, (CASES / name).read_bytes(), name)
    assert summary["added"] == ids


def test_a_zip_bomb_is_refused_before_it_is_unpacked(blank):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    with pytest.raises(exchange.ImportRefused, match="ZIP bomb"):
        exchange.import_file(blank, buffer.getvalue(), "bomb.xlsx")


def test_a_file_over_the_limit_is_refused_before_it_is_read(blank):
    with pytest.raises(exchange.ImportRefused, match="files over 100 bytes are refused"):
        exchange.import_file(blank, b"x" * 101, "big.csv", max_bytes=100)


def test_a_file_of_unknown_kind_is_refused_listing_the_known_ones(blank):
    with pytest.raises(exchange.ImportRefused, match=r"known extensions: .csv, .tab"):
        exchange.import_file(blank, b"{}", "glossary.json")


def test_a_file_the_sniffer_does_not_know_falls_back_to_its_extension(blank):
    with pytest.raises(exchange.ImportRefused, match="root element is <html>"):
        exchange.import_file(blank, b"<html><body>hi</body></html>", "page.tbx")


def test_a_language_the_termbase_does_not_hold_is_left_out_with_a_warning(blank):
    summary = exchange.import_file(blank, (CASES / "unknown-language.csv").read_bytes(),
                                   "unknown-language.csv")
    assert summary["warnings"] == ["line 2: language 'fr' is not one the termbase holds "
                                   "(zh-Hans, zh-Hant, ru, en); the term was left out"]
    assert summary["rejected"][0]["reasons"] == ["terms: a concept needs at least one term"]


def test_our_table_saved_as_tab_separated_text_is_recognised(blank):
    data = b"id\tlang\tterm\nastana\ten\tAstana\n"
    assert exchange.import_file(blank, data, "from-excel.txt")["format"] == "csv"
