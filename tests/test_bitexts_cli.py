"""`glossary import-tm FILE.tmx` and `glossary import --parallel ZH TRANSLATION`."""

from __future__ import annotations

from sqlalchemy import func, select

from glossary import db
from glossary.models import Bitext, BitextPair, Document
from tests.test_bitexts import RU_TEXT, ZH_TEXT, tmx_bytes


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        session = db.session()
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Bitext, BitextPair, Document))


def test_import_tm_stores_the_pairs_and_says_how_many(app, runner, tmp_path):
    path = tmp_path / "sco.tmx"
    path.write_bytes(tmx_bytes())
    result = runner.invoke(args=["import-tm", str(path), "--title", "SCO memory"])
    assert result.exit_code == 0, result.output
    assert "5 sentence pairs (en, ru)" in result.output
    assert counts(app)[:2] == (1, 5)


def test_import_tm_twice_says_nothing_changed(app, runner, tmp_path):
    path = tmp_path / "sco.tmx"
    path.write_bytes(tmx_bytes())
    runner.invoke(args=["import-tm", str(path)])
    again = runner.invoke(args=["import-tm", str(path)])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert counts(app)[:2] == (1, 5)


def test_import_tm_refuses_a_hostile_file_with_the_line_and_imports_nothing(app, runner,
                                                                             tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_bytes(tmx_bytes(prolog='<!DOCTYPE tmx [<!ENTITY a "b">]>\n'))
    result = runner.invoke(args=["import-tm", str(path)])
    assert result.exit_code == 1
    assert "bad.tmx: line 2" in result.output and "Nothing was imported" in result.output
    assert counts(app)[:2] == (0, 0)


def test_import_parallel_stores_both_documents_and_the_aligned_pairs(app, runner, tmp_path):
    zh, ru = tmp_path / "centre.zh.txt", tmp_path / "centre.ru.txt"
    zh.write_text(ZH_TEXT)
    ru.write_text(RU_TEXT)
    documents_before = counts(app)[2]
    result = runner.invoke(args=["import", "--parallel", str(zh), str(ru)])
    assert result.exit_code == 0, result.output
    assert "3 sentence pairs (ru)" in result.output
    assert counts(app) == (1, 3, documents_before + 2)


def test_import_parallel_refuses_two_chinese_texts(app, runner, tmp_path):
    zh = tmp_path / "a.zh.txt"
    zh.write_text(ZH_TEXT)
    documents_before = counts(app)[2]
    result = runner.invoke(args=["import", "--parallel", str(zh), str(zh)])
    assert result.exit_code == 1 and "must be Russian or English" in result.output
    assert counts(app) == (0, 0, documents_before)


def test_import_needs_a_file_or_a_pair_but_not_both(app, runner, tmp_path):
    zh = tmp_path / "a.zh.txt"
    zh.write_text(ZH_TEXT)
    assert runner.invoke(args=["import"]).exit_code == 2
    both = runner.invoke(args=["import", str(zh), "--parallel", str(zh), str(zh)])
    assert both.exit_code == 2 and "--parallel" in both.output
