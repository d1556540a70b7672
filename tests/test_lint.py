"""`glossary report lint`: the shipped termbase passes, and each rule (data/README.md, "Lint")
finds what it is for on a tiny termbase and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from glossary.config import PROJECT_ROOT
from glossary.datafiles import read_termbase
from glossary.services.lint import LintProblem, lint

SOURCES = [
    {"id": "src-en", "title": "An English page", "publisher": "Example", "url": "https://example.org/en",
     "lang": "en"},
    {"id": "src-ru", "title": "Русская страница", "publisher": "Example", "url": "https://example.org/ru",
     "lang": "ru"},
]


def term(text: str, **fields) -> dict:
    return {"text": text, "type": "fullForm", "status": "preferred", **fields}


def concept(key: str, kind: str = "concept", zh=None, ru=None, en=None) -> dict:
    """A concept with one preferred term per language unless told otherwise; ru and en
    terms cite the source in their language unless they name their own."""
    def terms(given, default: str, source: str | None) -> list[dict]:
        items = given if given is not None else [term(default, homonym=True)]
        return [{**({"sources": [source]} if source else {}), **t} for t in items]

    return {"id": key, "kind": kind, "subject": "politics",
            "terms": {"zh-Hans": terms(zh, "测试", None), "ru": terms(ru, "тест", "src-ru"),
                      "en": terms(en, "test", "src-en")}}


def write(folder: Path, *concepts: dict, sources: list[dict] | None = None) -> Path:
    """A data folder (folder/data) holding one termbase file with `concepts`."""
    data = folder / "data"
    (data / "termbase").mkdir(parents=True)
    doc = {"sources": sorted(sources or SOURCES, key=lambda s: s["id"]),
           "concepts": sorted(concepts, key=lambda c: c["id"])}
    (data / "termbase" / "tiny.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def problems(folder: Path, *concepts: dict, rule: str,
             sources: list[dict] | None = None) -> list[LintProblem]:
    return [p for p in lint(read_termbase(write(folder, *concepts, sources=sources)))
            if p.rule == rule]


def test_the_shipped_termbase_passes_the_lint():
    found = lint(read_termbase(PROJECT_ROOT / "data"))
    assert [str(p) for p in found] == []


# --- the command ---------------------------------------------------------------------------

def test_the_command_prints_file_line_concept_rule_and_fix_and_exits_1(make_app, tmp_path):
    data = write(tmp_path / "lint", concept("dushanbe", "place",
                                   ru=[term("Душанбе", pos="properNoun", gender="neuter")]))
    result = make_app(DATA_DIR=str(data)).test_cli_runner().invoke(args=["report", "lint"])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("data/termbase/tiny.yaml:")
    assert "dushanbe «Душанбе»: [ru-gender-indeclinable]" in line
    assert "'gender: masculine'" in line


def test_the_command_exits_0_on_a_clean_termbase(make_app, tmp_path):
    data = write(tmp_path / "lint", concept("dushanbe", "place",
                                   ru=[term("Душанбе", pos="properNoun", gender="masculine")]))
    result = make_app(DATA_DIR=str(data)).test_cli_runner().invoke(args=["report", "lint"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_the_command_reports_a_termbase_the_loader_rejects(make_app, tmp_path):
    data = write(tmp_path / "lint", concept("x", ru=[{"text": "без источника", "sources": []}]))
    result = make_app(DATA_DIR=str(data)).test_cli_runner().invoke(args=["report", "lint"])
    assert result.exit_code == 1
    assert "[load]" in result.stdout and "Traceback" not in result.output


# --- one-preferred ---------------------------------------------------------------------------

def test_two_preferred_full_forms_in_one_language_are_a_problem(tmp_path):
    found = problems(tmp_path, concept("x", en=[term("first"), term("second")]),
                     rule="one-preferred")
    assert [(p.term, "status: admitted" in p.fix) for p in found] == [("second", True)]


def test_a_preferred_full_form_and_a_preferred_abbreviation_are_fine(tmp_path):
    found = problems(tmp_path, concept("x", en=[term("Shanghai Cooperation Organisation"),
                                                term("SCO", type="abbreviation")]),
                     rule="one-preferred")
    assert found == []


def test_a_term_without_status_counts_as_preferred(tmp_path):
    found = problems(tmp_path, concept("x", zh=[{"text": "外交部长理事会", "type": "shortForm"},
                                                {"text": "外长理事会", "type": "shortForm"}]),
                     rule="one-preferred")
    assert [p.term for p in found] == ["外长理事会"]


def test_admitted_terms_without_a_preferred_one_are_a_problem(tmp_path):
    found = problems(tmp_path, concept("alimov", "person",
                                       ru=[term("Рашид Алимов", status="admitted")]),
                     rule="one-preferred")
    assert [p.term for p in found] == ["Рашид Алимов"]


def test_a_language_whose_first_term_is_proposed_needs_no_preferred_term(tmp_path):
    found = problems(tmp_path, concept("x", ru=[term("предложено", status="proposed",
                                                     note="No official form found.")]),
                     rule="one-preferred")
    assert found == []


# --- genders -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Душанбе", "Тбилиси", "Баку", "Сочи"])
def test_an_indeclinable_city_name_marked_neuter_is_a_problem(tmp_path, name):
    found = problems(tmp_path, concept("city", "place", ru=[term(name, gender="neuter")]),
                     rule="ru-gender-indeclinable")
    assert [(p.term, "gender: masculine" in p.fix) for p in found] == [(name, True)]


def test_a_place_whose_note_names_a_lake_takes_the_gender_of_ozero(tmp_path):
    lake = concept("lake", "place", ru=[term("Онтарио", gender="masculine",
                                             note="озеро в Северной Америке")])
    found = problems(tmp_path, lake, rule="ru-gender-indeclinable")
    assert [("gender: neuter" in p.fix) for p in found] == [True]


def test_an_indeclinable_state_name_is_not_checked(tmp_path):
    found = problems(tmp_path, concept("peru", "state", ru=[term("Перу", gender="neuter")]),
                     rule="ru-gender-indeclinable")
    assert found == []


def test_a_slavic_place_name_in_ino_may_be_neuter(tmp_path):
    found = problems(tmp_path, concept("pushkino", "place",
                                       ru=[term("Пушкино", gender="neuter")]),
                     rule="ru-gender-indeclinable")
    assert found == []


def test_an_abbreviation_takes_the_gender_of_its_full_form(tmp_path):
    cis = concept("cis", "organization", ru=[
        term("Содружество Независимых Государств", gender="neuter"),
        term("СНГ", type="abbreviation", gender="feminine")])
    found = problems(tmp_path, cis, rule="ru-gender-abbreviation")
    assert [(p.term, "gender: neuter" in p.fix) for p in found] == [("СНГ", True)]


# --- sources -----------------------------------------------------------------------------------

def _source(publisher: str, url: str) -> list[dict]:
    return [*SOURCES, {"id": "a-source", "title": "Title", "publisher": publisher, "url": url,
                       "lang": "ru"}]


def test_a_known_publisher_on_another_host_is_a_problem(tmp_path):
    found = problems(tmp_path, concept("x"), rule="source-host",
                     sources=_source("РИА Новости", "https://news.rambler.ua/asia/1"))
    assert [(p.concept, "ria.ru" in p.fix, p.line > 0) for p in found] == [
        ("source a-source", True, True)]


def test_a_reprint_that_says_so_is_fine(tmp_path):
    found = problems(tmp_path, concept("x"), rule="source-host",
                     sources=_source("РИА Новости (reprinted on news.rambler.ua)",
                                     "https://news.rambler.ua/asia/1"))
    assert found == []


def test_a_known_publisher_on_a_subdomain_of_its_host_is_fine(tmp_path):
    found = problems(tmp_path, concept("x"), rule="source-host",
                     sources=_source("Секретариат ШОС", "https://rus.sectsco.org/20170523/1.html"))
    assert found == []


def test_an_english_term_attested_only_in_russian_is_a_problem(tmp_path):
    found = problems(tmp_path, concept("x", en=[term("JCPOA", sources=["src-ru"])]),
                     rule="source-language")
    assert [p.term for p in found] == ["JCPOA"]


def test_a_deprecated_term_may_cite_where_it_was_met_in_another_language(tmp_path):
    found = problems(tmp_path, concept("x", en=[term("test"), term(
        "RCTS", type="acronym", status="deprecated", sources=["src-ru"])]),
                     rule="source-language")
    assert found == []


# --- pinyin ------------------------------------------------------------------------------------

PRC = concept("prc", "state", zh=[term("中华人民共和国")])


def test_a_name_inside_a_title_keeps_its_capitals(tmp_path):
    chairman = concept("prc-chairman", "title", zh=[term("中华人民共和国主席")])
    found = problems(tmp_path, PRC, chairman, rule="pinyin-case")
    assert [p.fix.split(": ", 1)[1] for p in found] == [
        """write 'pinyin: "Zhōnghuá Rénmín Gònghéguó zhǔxí"' """
        """(now "zhōnghuá rénmín gònghéguó zhǔxí")"""]


def test_a_title_written_as_the_rule_says_passes(tmp_path):
    chairman = concept("prc-chairman", "title", zh=[
        term("中华人民共和国主席", pinyin="Zhōnghuá Rénmín Gònghéguó zhǔxí")])
    assert problems(tmp_path, PRC, chairman, rule="pinyin-case") == []


def test_a_name_read_in_lower_case_is_a_problem(tmp_path):
    un = concept("un", "organization", zh=[term("联合国", pinyin="liánhéguó")])
    found = problems(tmp_path, un, rule="pinyin-case")
    assert ['"Liánhéguó"' in p.fix for p in found] == [True]


def test_function_words_stay_lower_case_inside_a_name(tmp_path):
    meeting = concept("m", "meeting", zh=[term("财长和央行行长会晤",
                                               pinyin="Cáizhǎng Hé Yāngháng Hángzhǎng Huìwù")])
    found = problems(tmp_path, meeting, rule="pinyin-case")
    assert ['"Cáizhǎng hé Yāngháng Hángzhǎng Huìwù"' in p.fix for p in found] == [True]


def test_a_common_noun_of_a_names_concept_may_be_lower_case_when_its_note_says_so(tmp_path):
    summit = concept("summit", "meeting", zh=[term("峰会", pinyin="fēnghuì",
                                                   note="A common noun, not a name.")])
    assert problems(tmp_path, summit, rule="pinyin-case") == []


def test_a_checked_capital_in_a_concept_that_no_name_explains_is_accepted(tmp_path):
    spirit = concept("spirit", zh=[term("上海精神", pinyin="Shànghǎi jīngshén")])
    assert problems(tmp_path, spirit, rule="pinyin-case") == []


def test_a_status_noun_and_guo_are_one_word(tmp_path):
    observer = concept("observer", zh=[term("观察员国", pinyin="guāncháyuán guó")])
    found = problems(tmp_path, observer, rule="pinyin-words")
    assert ['"guāncháyuánguó"' in p.fix for p in found] == [True]


def test_a_term_inside_another_is_divided_the_same_way(tmp_path):
    un = concept("un", "organization", zh=[term("联合国")])  # Liánhéguó
    sg = concept("un-sg", "title", zh=[term("联合国秘书长", pinyin="Liánhé Guó mìshūzhǎng")])
    found = problems(tmp_path, un, sg, rule="pinyin-words")
    assert [(p.concept, """write 'pinyin: "Liánhéguó mìshūzhǎng"' here""" in p.fix)
            for p in found] == [("un-sg", True)]


def test_characters_that_run_across_a_word_boundary_are_not_compared(tmp_path):
    inner = concept("co", zh=[term("合作国", pinyin="hézuòguó")])
    outer = concept("ev", "event", zh=[term("合作国家会议", pinyin="Hézuò Guójiā Huìyì")])
    assert problems(tmp_path, inner, outer, rule="pinyin-words") == []


def test_a_reading_that_cannot_be_matched_to_the_characters_is_reported(tmp_path, monkeypatch):
    from glossary.services import lint_pinyin

    monkeypatch.setattr(lint_pinyin, "derived_pinyin", lambda text, kind: "xyz")
    found = problems(tmp_path, concept("x", zh=[term("测试")]), rule="pinyin-words")
    assert [("pin the reading" in p.fix) for p in found] == [True]


def test_a_term_that_starts_inside_a_word_is_not_compared(tmp_path):
    russia = concept("russia", "state", zh=[term("俄罗斯")])
    belarus = concept("belarus", "state", zh=[term("白俄罗斯")])
    assert problems(tmp_path, russia, belarus, rule="pinyin-words") == []


def test_a_personal_name_is_not_compared_with_a_place_of_the_same_characters(tmp_path):
    city = concept("city", "place", zh=[term("努尔苏丹", pinyin="Nǔ'ěr Sūdān")])
    person = concept("person", "person", zh=[term("努尔苏丹·纳扎尔巴耶夫")])
    assert problems(tmp_path, city, person, rule="pinyin-words") == []
