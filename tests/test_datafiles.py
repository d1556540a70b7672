"""Validation of the data files: every problem is reported with its file and line."""

from pathlib import Path

import pytest

from glossary.datafiles import DataError, read_termbase

SAMPLE = "termbase/sample.yaml"


def edit(data_dir: Path, old: str, new: str, path: str = SAMPLE) -> None:
    file = data_dir / path
    content = file.read_text(encoding="utf-8")
    assert old in content, f"fixture text not found: {old!r}"
    file.write_text(content.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        read_termbase(data_dir)
    return [str(p) for p in info.value.problems]


def test_the_small_termbase_is_valid(data_dir):
    termbase = read_termbase(data_dir)
    assert [c.key for c in termbase.concepts] == ["rats", "sco", "three-evil-forces",
                                                  "xi-jinping"]
    assert termbase.documents[0].key == "mini-communique"


def test_a_russian_term_without_sources_is_named_with_its_line(data_dir):
    edit(data_dir, "          sources: [communique-2017-ru]\n        - text: РАТС",
         "        - text: РАТС")
    found = problems(data_dir)
    assert any(p.startswith("data/termbase/sample.yaml:") and "has no 'sources'" in p
               and "Региональная антитеррористическая структура" in p for p in found)


def test_the_line_number_points_at_the_term(data_dir):
    edit(data_dir, "status: admitted", "status: official")
    lines = (data_dir / SAMPLE).read_text(encoding="utf-8").splitlines()
    (problem,) = problems(data_dir)
    line = int(problem.split(":")[1])
    assert "Shanghai Cooperation Organization" in lines[line - 1]
    assert "'status' is 'official'" in problem


def test_unsorted_concepts_are_reported(data_dir):
    edit(data_dir, "  - id: rats\n", "  - id: zz-rats\n")
    edit(data_dir, "broader: [sco]", "broader: []")
    assert any("out of order" in p for p in problems(data_dir))


def test_an_unknown_relation_is_reported(data_dir):
    edit(data_dir, "broader: [sco]", "broader: [nowhere]")
    assert any("unknown concept 'nowhere'" in p for p in problems(data_dir))


def test_an_unknown_source_is_reported(data_dir):
    edit(data_dir, "sources: [communique-2017-en]", "sources: [made-up]")
    assert any("unknown source 'made-up'" in p for p in problems(data_dir))


def test_a_term_naming_two_concepts_is_reported(data_dir):
    edit(data_dir, "text: three evil forces", "text: RATS")
    assert any("also names concept 'rats'" in p for p in problems(data_dir))


def test_deliberate_homonyms_are_allowed(data_dir):
    edit(data_dir, "        - text: RATS\n          type: abbreviation\n",
         "        - text: RATS\n          homonym: true\n          type: abbreviation\n")
    edit(data_dir, "        - text: three evil forces\n",
         "        - text: RATS\n          homonym: true\n")
    assert read_termbase(data_dir)


def test_a_yaml_syntax_error_names_the_line(data_dir):
    edit(data_dir, "    kind: concept\n", "    kind: [concept\n")
    (problem,) = problems(data_dir)
    assert problem.startswith("data/termbase/sample.yaml:") and "YAML" in problem


def test_a_duplicate_key_is_an_error_not_a_silent_overwrite(data_dir):
    edit(data_dir, "    kind: person\n", "    kind: person\n    kind: place\n")
    assert any("duplicate key 'kind'" in p for p in problems(data_dir))


def test_a_file_that_is_not_utf8_is_reported(data_dir):
    (data_dir / "termbase" / "broken.yaml").write_bytes("concepts: 上合".encode("gb18030"))
    assert any(p.startswith("data/termbase/broken.yaml:1: not UTF-8") for p in problems(data_dir))


def test_an_unknown_field_is_reported(data_dir):
    edit(data_dir, "    kind: person\n", "    kind: person\n    colour: red\n")
    assert any("unknown field 'colour'" in p for p in problems(data_dir))


def test_a_missing_document_file_is_reported(data_dir):
    edit(data_dir, "file: mini.zh.txt", "file: gone.txt", path="documents/documents.yaml")
    assert any("'gone.txt' does not exist" in p for p in problems(data_dir))


def test_all_problems_are_reported_at_once(data_dir):
    edit(data_dir, "status: admitted", "status: official")
    edit(data_dir, "sources: [communique-2017-en]", "sources: [made-up]")
    assert len(problems(data_dir)) == 2


def test_a_chinese_term_must_be_written_in_normalised_form(data_dir):
    edit(data_dir, "text: 三股势力", "text: '\"三股\"势力'")
    assert any("write '\"三股\"势力' as '“三股”势力'" in p for p in problems(data_dir))


def test_a_pinned_reading_must_fit_the_characters(data_dir):
    edit(data_dir, "        - text: 三股势力\n",
         "        - text: 三股势力\n          pinyin: sān gǔ\n")
    assert any("2 syllables for 4 characters" in p for p in problems(data_dir))


def test_an_id_is_refused_by_the_same_rule_as_in_the_api(data_dir):
    # One SLUG (concept_rules): an id the API would refuse cannot come in through the data.
    long_id = "rats" + "-x" * 60
    assert not editing_slug_ok(long_id)
    edit(data_dir, "  - id: rats\n", f"  - id: {long_id}\n")
    assert any(f"concept id {long_id!r} must match" in p for p in problems(data_dir))


def editing_slug_ok(key: str) -> bool:
    from glossary.services.validation import validate_concept

    try:
        validate_concept({"id": key, "terms": {"en": [{"text": "x"}]}}, partial=False)
    except ValueError:
        return False
    return True


def test_a_term_text_too_long_for_an_edit_is_refused_in_the_data_files(data_dir):
    edit(data_dir, "text: Regional Anti-Terrorist Structure",
         "text: Regional Anti-Terrorist Structure" + " x" * 300)
    assert any("text: at most 500 characters" in p for p in problems(data_dir))
