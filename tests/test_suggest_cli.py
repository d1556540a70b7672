"""`glossary suggest`: Russian and English renderings for a Chinese term (issue 16)."""

from __future__ import annotations

import json

from glossary import db
from glossary.services import suggestions


def test_suggest_json_prints_exactly_the_services_answer(app, runner):
    result = runner.invoke(args=["suggest", "地区反恐怖机构会议", "--json"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert json.loads(result.stdout) == suggestions.for_term(db.session(), "地区反恐怖机构会议")


def test_suggest_prints_a_line_per_language_even_without_a_suggestion(runner):
    result = runner.invoke(args=["suggest", "龘龘", "--no-evidence"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["ru", "en"]


def test_suggest_says_when_the_term_is_already_known(runner):
    result = runner.invoke(args=["suggest", "地區反恐怖機構"])
    assert "地区反恐怖机构 is already in the termbase: rats" in result.stderr


def test_suggest_refuses_a_text_without_chinese(runner):
    result = runner.invoke(args=["suggest", "terrorism"])
    assert result.exit_code == 2
    assert "no Chinese characters" in result.stderr
    assert "Traceback" not in result.output


def test_suggest_refuses_an_unknown_kind(runner):
    result = runner.invoke(args=["suggest", "青岛", "--kind", "city"])
    assert result.exit_code == 2
    assert "city" in result.stderr
