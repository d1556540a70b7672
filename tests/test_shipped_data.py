"""The shipped SCO termbase (data/): complete, sourced, honest, and read the way it was checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary import create_app
from glossary.config import PROJECT_ROOT
from glossary.datafiles import read_termbase
from tests.databases import fresh_database_url

DATA = PROJECT_ROOT / "data"


@pytest.fixture(scope="module")
def concepts(tmp_path_factory) -> dict[str, dict]:
    """Every shipped concept in the shared shape, loaded once into a fresh database."""
    folder: Path = tmp_path_factory.mktemp("shipped")
    with fresh_database_url(folder) as url:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder), "DATA_DIR": str(DATA),
                          "DATABASE_URL": url, "SECRET_KEY": "test"})
        runner = app.test_cli_runner()
        assert runner.invoke(args=["init"]).exit_code == 0
        output = runner.invoke(args=["concepts", "--json"]).stdout
        app.extensions["glossary.engine"].dispose()
    return {c["id"]: c for c in json.loads(output)}


def all_terms(concepts, lang):
    return [(c["id"], t) for c in concepts.values() for t in c["terms"][lang]]


def test_the_data_files_validate():
    termbase = read_termbase(DATA)
    assert len(termbase.concepts) >= 150


def test_every_concept_has_all_four_language_forms(concepts):
    missing = [(key, lang) for key, c in concepts.items()
               for lang in ("zh-Hans", "zh-Hant", "ru", "en") if not c["terms"][lang]]
    assert missing == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_russian_and_english_term_names_its_source(concepts, lang):
    assert [t["text"] for _, t in all_terms(concepts, lang) if not t["sources"]] == []


def test_every_source_has_a_title_and_a_publisher():
    for source in read_termbase(DATA).sources:
        assert source.title and source.publisher, source.key


def test_every_proposed_rendering_says_why(concepts):
    unexplained = [t["text"] for lang in ("ru", "en") for _, t in all_terms(concepts, lang)
                   if t["status"] == "proposed" and not t.get("note")]
    assert unexplained == []


def test_the_pinyin_of_every_chinese_term_is_the_checked_one(concepts):
    lines = (DATA / "pinyin.tsv").read_text(encoding="utf-8").splitlines()
    checked = dict(line.split("\t", 1) for line in lines if not line.startswith("#"))
    computed = {t["text"]: f"{t['pinyin']}\t{t['cyrillic'] or ''}"
                for _, t in all_terms(concepts, "zh-Hans")}
    assert {k: v for k, v in computed.items() if checked.get(k) != v} == {}
    assert set(checked) == set(computed)


def test_the_checked_pinyin_table_is_sorted_and_unique():
    lines = [line for line in (DATA / "pinyin.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    keys = [line.split("\t")[0] for line in lines]
    assert keys == sorted(set(keys))


def test_the_typo_of_the_communique_is_a_deprecated_variant_of_iran(concepts):
    owner = [(key, t) for key, t in all_terms(concepts, "zh-Hans")
             if t["text"] == "伊朗伊斯兰国共和国"]
    assert len(owner) == 1
    key, term = owner[0]
    assert term["status"] == "deprecated"
    assert "伊朗伊斯兰共和国" in [t["text"] for t in concepts[key]["terms"]["zh-Hans"]]


@pytest.mark.parametrize("hanzi, cyrillic", [("习近平", "Си Цзиньпин"), ("北京", "Пекин"),
                                             ("三亚", "Санья")])
def test_chinese_names_carry_their_palladius_form(concepts, hanzi, cyrillic):
    assert [t["cyrillic"] for _, t in all_terms(concepts, "zh-Hans") if t["text"] == hanzi] == [
        cyrillic]


def test_foreign_names_written_in_chinese_are_not_transcribed_by_palladius(concepts):
    terms = {t["text"]: t for _, t in all_terms(concepts, "zh-Hans")}
    assert terms["纳扎尔巴耶夫"]["cyrillic"] is None
    assert terms["黎良明"]["cyrillic"] is None


@pytest.mark.parametrize("hanzi, ru, en", [
    ("地区反恐怖机构", "Региональная антитеррористическая структура",
     "Regional Anti-Terrorist Structure"),
    ("上海合作组织", "Шанхайская организация сотрудничества", "Shanghai Cooperation Organisation"),
    ("三股势力", "три силы зла", "three evil forces"),
])
def test_key_concepts_have_their_official_renderings(concepts, hanzi, ru, en):
    (key,) = [k for k, t in all_terms(concepts, "zh-Hans") if t["text"] == hanzi]
    assert ru in [t["text"] for t in concepts[key]["terms"]["ru"]]
    assert en in [t["text"] for t in concepts[key]["terms"]["en"]]


@pytest.mark.parametrize("abbreviation, lang", [("ШОС", "ru"), ("РАТС", "ru"), ("СНГ", "ru"),
                                                ("ОДКБ", "ru"), ("СВМДА", "ru"), ("SCO", "en"),
                                                ("RATS", "en"), ("CIS", "en"), ("CSTO", "en"),
                                                ("CICA", "en")])
def test_abbreviations_are_terms_of_their_concepts(concepts, abbreviation, lang):
    types = [t["type"] for _, t in all_terms(concepts, lang) if t["text"] == abbreviation]
    assert types and types[0] in ("abbreviation", "acronym")
