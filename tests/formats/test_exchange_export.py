"""Exports: every format from the termbase, the filters, and what a TBX carries."""

from __future__ import annotations

import csv
import io

import pytest
from lxml import etree

from glossary import formats
from glossary.services import editing, exchange
from glossary.services.exchange import ExchangeError, Filters
from tests.tbx_schemas import v3_problems, v2008_problems

TBX = "{urn:iso:std:iso:30042:ed-2}"


def export(session, name: str, **filters) -> bytes:
    return b"".join(exchange.export(session, name, Filters(**filters)))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def concept_ids(session, **filters) -> list[str]:
    return [r["id"] for r in formats.get_format("csv").read(export(session, "csv", **filters),
                                                             formats.Options())]


@pytest.mark.parametrize("name", [f.name for f in formats.all_formats()])
def test_every_format_exports_the_termbase(reader, name):
    pair = ("zh-Hans", "ru") if formats.get_format(name).languages == "pair" else ()
    records = formats.get_format(name).read(export(reader, name, languages=pair),
                                            formats.Options())
    assert {r["id"] for r in records} == {"cica", "rats", "sco", "three-evil-forces",
                                          "xi-jinping"}


def test_a_tbx_v3_export_passes_the_official_schemas(reader):
    assert v3_problems(export(reader, "tbx3")) == []


def test_plain_tbx_is_tbx_basic_2008_and_passes_the_official_schemas(reader):
    data = export(reader, "tbx")
    assert etree.fromstring(data).tag == "martif"
    assert v2008_problems(data) == []


def test_tbx2008_is_still_a_name_of_plain_tbx(reader):
    assert export(reader, "tbx2008", concepts=("sco",)) == export(reader, "tbx",
                                                                  concepts=("sco",))


def test_a_deprecated_term_is_written_as_deprecatedTerm_admn_sts(reader):
    root = etree.fromstring(export(reader, "tbx3", concepts=("cica",)))
    sec = root.find(f".//{TBX}termSec[{TBX}term='Азиатское совещание']")
    status = sec.find(f"{TBX}termNote[@type='administrativeStatus']")
    assert status.text == "deprecatedTerm-admn-sts"


def test_tbx_2008_writes_chinese_as_zh_CN_and_zh_TW(reader):
    root = etree.fromstring(export(reader, "tbx", concepts=("sco",)))
    assert [s.get("{http://www.w3.org/XML/1998/namespace}lang")
            for s in root.iter("langSet")] == ["zh-CN", "zh-TW", "ru", "en"]


def test_tbx_v3_writes_the_stored_bcp47_codes(reader):
    root = etree.fromstring(export(reader, "tbx3", concepts=("sco",)))
    assert [s.get("{http://www.w3.org/XML/1998/namespace}lang")
            for s in root.iter(f"{TBX}langSec")] == ["zh-Hans", "zh-Hant", "ru", "en"]


def test_a_context_goes_out_with_its_document(reader):
    root = etree.fromstring(export(reader, "tbx3", concepts=("xi-jinping",)))
    group = root.find(f".//{TBX}descripGrp")
    assert group.find(f"{TBX}descrip[@type='context']").text == "中华人民共和国主席习近平出席会议。"
    assert group.find(f"{TBX}admin[@type='source']").text == "小公报"


def test_a_cross_reference_points_into_the_file_only_when_the_target_is_there(reader):
    alone = etree.fromstring(export(reader, "tbx3", concepts=("rats",)))
    both = etree.fromstring(export(reader, "tbx3", concepts=("rats", "sco")))
    assert alone.find(f".//{TBX}ref").get("target") is None
    assert both.find(f".//{TBX}ref").get("target") == "sco"


def test_preferred_terms_come_first_then_admitted_proposed_deprecated(reader):
    editing.create_concept(reader, {"id": "astana", "kind": "place", "terms": {"ru": [
        {"text": "Акмола", "status": "deprecated"}, {"text": "Нур-Султан", "status": "proposed"},
        {"text": "Астана", "status": "preferred"}, {"text": "г. Астана", "status": "admitted"}]}},
        user="tester")
    record = formats.get_format("tbx").read(export(reader, "tbx", concepts=("astana",)),
                                            formats.Options())[0]
    assert [t["text"] for t in record["terms"]["ru"]] == ["Астана", "г. Астана", "Нур-Султан",
                                                          "Акмола"]


def test_tbx3_keeps_the_termbases_own_order_of_terms(reader):
    editing.create_concept(reader, {"id": "astana", "kind": "place", "terms": {"ru": [
        {"text": "Акмола", "status": "deprecated"}, {"text": "Астана", "status": "preferred"}]}},
        user="tester")
    record = formats.get_format("tbx3").read(export(reader, "tbx3", concepts=("astana",)),
                                             formats.Options())[0]
    assert [t["text"] for t in record["terms"]["ru"]] == ["Акмола", "Астана"]


def test_a_full_form_is_a_term_without_a_term_type(reader):
    data = export(reader, "tbx", concepts=("cica",))
    assert b"fullForm" not in data and b">abbreviation<" in data
    record = formats.get_format("tbx").read(data, formats.Options())[0]
    assert record["terms"]["ru"][0]["type"] == "fullForm"


def test_the_languages_filter_keeps_those_languages_in_that_order(reader):
    data = export(reader, "csv", languages=("ru", "zh-Hans"))
    langs = [row[1] for row in csv_rows(data)[1:]]
    assert list(dict.fromkeys(langs)) == ["ru", "zh-Hans"]


def test_the_status_filter_keeps_only_terms_with_that_status(reader):
    data = export(reader, "csv", statuses=("admitted",))
    assert [row[2] for row in csv_rows(data)[1:]] == [
        "Shanghai Cooperation Organization", "СВМДА"]


def test_the_subject_filter(reader):
    assert concept_ids(reader, subjects=("security",)) == ["rats", "three-evil-forces"]


def test_the_document_filter_keeps_concepts_found_in_that_document(reader):
    assert "cica" not in concept_ids(reader, documents=("mini-communique",))  # not in it
    assert "xi-jinping" in concept_ids(reader, documents=("mini-communique",))


def test_the_source_filter_keeps_concepts_attested_there(reader):
    editing.ensure_sources(reader, [{"id": "tass-2017", "title": "TASS"}])
    editing.create_concept(reader, {"id": "astana", "kind": "place", "terms": {
        "en": [{"text": "Astana", "sources": ["tass-2017"]}]}}, user="tester")
    assert concept_ids(reader, sources=("tass-2017",)) == ["astana"]


def test_the_concepts_filter_keeps_the_order_of_the_termbase(reader):
    assert concept_ids(reader, concepts=("xi-jinping", "rats")) == ["rats", "xi-jinping"]


@pytest.mark.parametrize("filters, message", [
    ({"languages": ("zh",)}, "unknown language 'zh'"),
    ({"statuses": ("official",)}, "unknown status 'official'"),
    ({"subjects": ("space",)}, "unknown subject 'space'"),
    ({"concepts": ("nowhere",)}, "no concept matches"),
])
def test_a_bad_filter_is_refused_naming_it(reader, filters, message):
    with pytest.raises(ExchangeError, match=message):
        exchange.export(reader, "tbx", Filters(**filters))


def test_an_unknown_format_is_refused_listing_the_known_ones(reader):
    with pytest.raises(ExchangeError, match="use one of: csv, memoq, omegat, tbx, tbx3, xlsx"):
        exchange.export(reader, "docx")


def test_an_omegat_export_needs_a_language_pair(reader):
    with pytest.raises(ExchangeError, match="two languages"):
        exchange.export(reader, "omegat", Filters(languages=("zh-Hans",)))


def test_an_export_names_its_file_and_content_type(reader):
    result = exchange.export(reader, "xlsx", Filters(languages=("zh-Hans", "ru")))
    assert result.filename == "glossary-zh-Hans-ru.xlsx"
    assert result.content_type == formats.get_format("xlsx").mimetype


def test_filters_come_from_query_arguments_or_comma_lists():
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("languages", "zh-Hans,ru"), ("statuses", "preferred"),
                      ("statuses", "admitted")])
    assert Filters.from_mapping(args) == Filters(languages=("zh-Hans", "ru"),
                                                 statuses=("preferred", "admitted"))


def test_an_export_leaves_the_callers_objects_in_the_session(reader):
    from glossary.models import Concept

    held = reader.query(Concept).filter_by(key="sco").one()
    export(reader, "csv")
    assert held in reader
