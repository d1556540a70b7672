"""`glossary export` and `glossary import-termbase`: output, summaries, exit statuses."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from glossary import db
from tests.formats.termbase import census

CASES = Path(__file__).parent.parent / "data" / "exchange"


def test_export_writes_the_file_given(runner, tmp_path):
    target = tmp_path / "out" / "sco.tbx"
    result = runner.invoke(args=["export", "--format", "tbx", "--concepts", "sco",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert b'<termEntry id="sco">' in target.read_bytes()
    assert f"Wrote {target}" in result.stderr


def test_export_writes_to_standard_output_without_a_file(runner):
    result = runner.invoke(args=["export", "--format", "omegat", "--languages", "zh-Hans,ru",
                                 "--status", "preferred"])
    assert result.exit_code == 0
    assert "上海合作组织\tШанхайская организация сотрудничества\t[sco]" in result.stdout


def test_export_with_a_bad_filter_exits_2_naming_it(runner):
    result = runner.invoke(args=["export", "--format", "csv", "--languages", "fr"])
    assert result.exit_code == 2
    assert "Error: unknown language 'fr'" in result.stderr and "Traceback" not in result.output


def test_a_failed_export_leaves_no_file(runner, tmp_path):
    target = tmp_path / "none.csv"
    result = runner.invoke(args=["export", "--format", "csv", "--concepts", "nowhere",
                                 "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()


def test_import_prints_a_summary(runner, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("id,lang,term\nastana,en,Astana\nastana,ru,Астана\n", encoding="utf-8")
    result = runner.invoke(args=["import-termbase", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("new.csv (csv, 1 concepts): 1 added, 0 updated, "
                                    "0 skipped, 0 rejected")


def test_a_dry_run_changes_nothing(app, runner, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("id,lang,term\nastana,en,Astana\n", encoding="utf-8")
    with app.app_context():
        before = census(db.session())
    result = runner.invoke(args=["import-termbase", str(path), "--dry-run"])
    assert "rolled back (dry run)" in result.stdout
    with app.app_context():
        assert census(db.session()) == before


def test_the_summary_can_be_json(runner, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("id,lang,term\nastana,en,Astana\n", encoding="utf-8")
    result = runner.invoke(args=["import-termbase", str(path), "--json"])
    assert json.loads(result.stdout)["added"] == ["astana"]


def test_rejected_concepts_exit_3_with_their_reasons(runner, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("id,lang,term,status\nastana,en,Astana,preferred\n"
                    "bishkek,en,Bishkek,official\n", encoding="utf-8")
    result = runner.invoke(args=["import-termbase", str(path)])
    assert result.exit_code == 3
    assert ("rejected bishkek (line 3): terms.en[0].status: must be one of: preferred, "
            "admitted, deprecated, proposed") in result.stderr


def test_a_malformed_file_exits_1_and_changes_nothing(app, runner):
    with app.app_context():
        before = census(db.session())
    result = runner.invoke(args=["import-termbase", str(CASES / "truncated.tbx")])
    assert result.exit_code == 1
    assert "truncated.tbx: line 6: not well-formed XML" in result.stderr
    assert "The database was not changed." in result.stderr
    with app.app_context():
        assert census(db.session()) == before


def test_a_1_gb_file_is_refused_without_being_read(runner, tmp_path):
    path = tmp_path / "huge.tbx"
    with path.open("wb") as sparse:  # takes no disk space: a hole of 1 GiB
        sparse.truncate(1024 ** 3)
    result = runner.invoke(args=["import-termbase", str(path)])
    assert result.exit_code == 1
    assert "huge.tbx: 1073741824 bytes; files over" in result.stderr


@pytest.mark.parametrize(("tool", "start"), [
    ("omegat", b"# Glossary in tab-separated format"), ("memoq", b"\xef\xbb\xbfEntry_ID;"),
    ("trados", b"PK\x03\x04"), ("phrase", b"PK\x03\x04"), ("smartcat", b"<?xml")])
def test_export_for_a_tool_writes_that_tools_file(runner, tmp_path, tool, start):
    target = tmp_path / "out"
    result = runner.invoke(args=["export", "--for", tool, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(start)


def test_export_for_omegat_takes_the_language_pair_given(runner):
    result = runner.invoke(args=["export", "--for", "omegat", "--languages", "ru,en"])
    assert result.stdout.splitlines()[1] == "# languages: ru en"
    assert "Шанхайская организация сотрудничества\tShanghai Cooperation Organisation\t" in \
        result.stdout


def test_export_for_phrase_names_languages_as_phrase_does(runner, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "phrase.xlsx"
    runner.invoke(args=["export", "--for", "phrase", "-o", str(target)])
    header = [c.value for c in next(load_workbook(target).active.iter_rows())]
    assert header[:4] == ["id", "definition_zh", "definition_ru", "definition_en"]
    assert header[4:7] == ["zh_cn", "zh_cn status", "zh_cn notes"]


def test_export_for_trados_gives_every_definition_and_the_translators_columns(runner,
                                                                            tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "trados.xlsx"
    runner.invoke(args=["export", "--for", "trados", "--languages", "zh-Hans,ru",
                        "--concepts", "three-evil-forces", "-o", str(target)])
    header, row = load_workbook(target).active.iter_rows(values_only=True)
    assert header[:7] == ("id", "definition_zh", "definition_ru", "definition_en", "zh-CN",
                          "zh-CN status", "zh-CN notes")
    assert row[3] == "Terrorism, separatism and extremism taken together."


@pytest.mark.parametrize("args", [[], ["--for", "omegat", "--format", "csv"],
                                  ["--for", "trados", "--layout", "term"]])
def test_export_wants_a_tool_or_a_format_not_both(runner, args):
    result = runner.invoke(args=["export", *args])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_an_exported_file_gets_the_umasks_permissions(runner, tmp_path):
    target = tmp_path / "sco.tbx"
    old = os.umask(0o022)
    try:
        runner.invoke(args=["export", "--format", "tbx", "-o", str(target)])
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_an_export_that_fails_midway_leaves_the_old_file_and_no_other(runner, tmp_path,
                                                                     monkeypatch):
    import dataclasses

    from glossary import formats

    def broken(records, options):
        yield b"id,lang,term\r\n"
        raise formats.FormatError("the disk said no")

    csv = formats.get_format("csv")
    monkeypatch.setitem(formats._load(), "csv", dataclasses.replace(csv, write=broken))
    target = tmp_path / "exports" / "sco.csv"
    target.parent.mkdir()
    target.write_bytes(b"the previous export")
    result = runner.invoke(args=["export", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 1 and "the disk said no" in result.stderr
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in target.parent.iterdir()] == ["sco.csv"]


def test_an_unwritable_output_is_a_message_not_a_traceback(runner):
    result = runner.invoke(args=["export", "--format", "csv", "-o", "/proc/version"])
    assert result.exit_code == 1 and "cannot write /proc/version" in result.stderr
    assert "Traceback" not in result.output
