"""`glossary search` and `glossary index` (issue 5)."""

from __future__ import annotations

import json

from sqlalchemy import text

from glossary import db
from glossary.cli import initialise
from glossary.services.search import search


def test_search_json_prints_exactly_the_services_answer(app, runner):
    result = runner.invoke(args=["search", "RATS", "--json"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert json.loads(result.stdout) == search(db.session(), "RATS")


def test_search_json_keeps_chinese_and_russian_readable(runner):
    result = runner.invoke(args=["search", "三股势力", "--json", "--lang", "zh"])
    assert "三股势力" in result.stdout and "\\u" not in result.stdout


def test_search_prints_one_line_per_concept_with_what_matched(runner):
    result = runner.invoke(args=["search", "RATS", "--limit", "5"])
    first = result.stdout.splitlines()[0].split("\t")
    assert first[:4] == ["rats", "地区反恐怖机构", "Региональная антитеррористическая структура",
                         "Regional Anti-Terrorist Structure"]
    assert first[4] == "[abbreviation: abbreviation RATS]"
    assert "1 of 1 shown." in result.stderr


def test_search_suggests_a_correction_on_stderr(runner):
    result = runner.invoke(args=["search", "Shanghay"])
    assert "Did you mean: Shanghai" in result.stderr


def test_search_refuses_an_unknown_document_with_a_message(runner):
    result = runner.invoke(args=["search", "RATS", "--document", "nowhere"])
    assert result.exit_code == 2
    assert "Error: document: no document or source with id 'nowhere'" in result.stderr
    assert "Traceback" not in result.output


def test_search_refuses_a_limit_out_of_range(runner):
    assert runner.invoke(args=["search", "RATS", "--limit", "1000"]).exit_code == 2


def test_search_without_a_database_says_what_to_do(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["search", "RATS"])
    assert result.exit_code == 1
    assert "run 'glossary init' first" in result.stderr


def test_index_brings_the_index_up_to_date_and_says_how_big_it_is(runner):
    result = runner.invoke(args=["index"])
    assert result.exit_code == 0, result.output
    assert "Index up to date: 0 concepts updated." in result.stdout
    assert "4 concepts" in result.stdout


def test_index_rebuild(runner):
    result = runner.invoke(args=["index", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert "Rebuilt the index: 4 concepts." in result.stdout


def test_index_check_passes_on_an_index_in_step(runner):
    result = runner.invoke(args=["index", "--check"])
    assert result.exit_code == 0, result.output
    assert "The index matches the database." in result.stdout


def test_index_check_lists_each_differing_concept_and_fails(app, runner):
    with app.extensions["glossary.engine"].begin() as conn:
        conn.execute(text("UPDATE terms SET status = 'admitted' WHERE text = 'ШОС'"))
    result = runner.invoke(args=["index", "--check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["sco\tstale"]
    assert "1 concept(s) differ" in result.stderr


def test_search_says_so_when_no_index_can_be_built(make_app, tmp_path):
    with make_app().app_context():
        initialise()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the index folder should be", encoding="utf-8")
    app = make_app(INDEX_DIR=str(blocked))
    result = app.test_cli_runner().invoke(args=["search", "RATS"])
    assert result.exit_code == 1
    assert "Search is not available right now" in result.stderr
    assert "Traceback" not in result.output


def test_index_check_lists_prose_that_differs_and_rebuild_repairs_it(app, runner):
    with app.extensions["glossary.engine"].begin() as conn:
        conn.execute(text("""UPDATE concepts SET note = '{"en": "Seated in Tashkent."}'
                             WHERE key = 'rats'"""))
    result = runner.invoke(args=["index", "--check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["rats\tmissing\tfull text"]
    assert runner.invoke(args=["index", "--rebuild"]).exit_code == 0
    assert runner.invoke(args=["index", "--check"]).exit_code == 0


def test_index_check_says_what_to_do_when_the_full_text_index_is_broken(app, runner):
    from glossary.search import sync
    from glossary.search.fulltext import TEXT_DIR

    folder = sync.index_for(app).current().parent / TEXT_DIR
    for path in folder.iterdir():
        path.write_bytes(b"garbage")
    result = runner.invoke(args=["index", "--check"])
    assert result.exit_code == 1
    assert "'glossary index --rebuild' builds it again" in result.stderr
    assert "Traceback" not in result.output
    assert runner.invoke(args=["index", "--rebuild"]).exit_code == 0
    assert runner.invoke(args=["index", "--check"]).exit_code == 0


def test_index_says_how_many_concepts_have_prose(runner):
    result = runner.invoke(args=["index"])
    assert "2 with prose (full text)" in result.stdout  # sco's notes, three-evil-forces
