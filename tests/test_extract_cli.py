"""`glossary extract` and `glossary import`: output, bad input, and the review queue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from glossary import db
from glossary.models import Candidate, Document, Occurrence

DATA = Path(__file__).parent / "data" / "extract"


@pytest.fixture
def declaration(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "declaration.zh.txt", tmp_path / "declaration.zh.txt"))


def test_extract_json_prints_only_a_json_array(runner, declaration):
    result = runner.invoke(args=["extract", "--json", str(declaration)])
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert isinstance(found, list) and {c["term"] for c in found} >= {"上合组织", "习近平"}


def test_extract_marks_terms_the_termbase_knows(runner, declaration):
    found = json.loads(runner.invoke(args=["extract", "--json", str(declaration)]).stdout)
    concepts = {c["term"]: c["concept"] for c in found}
    assert concepts["地区反恐怖机构"] == "rats" and concepts["热恩别科夫"] is None


def test_extract_prints_a_table_by_default(runner, declaration):
    result = runner.invoke(args=["extract", "--limit", "5", str(declaration)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 5


def test_extract_reads_big5(runner):
    result = runner.invoke(args=["extract", "--json", str(DATA / "news.big5.txt")])
    found = {c["term"]: c for c in json.loads(result.stdout)}
    assert found["上海合作组织"]["original"] == "上海合作組織"


def test_extract_works_without_a_database(empty_app, declaration):
    result = empty_app.test_cli_runner().invoke(args=["extract", "--json", str(declaration)])
    assert result.exit_code == 0 and json.loads(result.stdout)


@pytest.mark.parametrize(("name", "message"), [
    ("empty.txt", "is empty"),
    ("binary.bin", "binary"),
    ("statement.en.txt", "English"),
    ("statement.ru.txt", "Russian"),
    ("missing.txt", "cannot read"),
])
def test_extract_bad_input_is_a_clear_error(runner, name, message):
    result = runner.invoke(args=["extract", str(DATA / name)])
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_extract_refuses_a_file_over_the_limit(runner, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fp:
        fp.truncate(100 * 1024 * 1024)
    result = runner.invoke(args=["extract", str(huge)])
    assert result.exit_code == 1 and "the limit is 16.0 MiB" in result.stderr


def test_import_stores_the_document_and_queues_new_candidates(runner, app, declaration):
    result = runner.invoke(args=["import", str(declaration)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        session = db.session()
        assert session.scalar(select(func.count(Document.id))) == 2  # and the test termbase's
        queued = set(session.scalars(select(Candidate.text)))
        assert "热恩别科夫" in queued
        assert "地区反恐怖机构" not in queued  # known terms are occurrences, not candidates
        assert session.scalar(select(func.count(Occurrence.id))) > 0


def test_queued_candidate_keeps_contexts_and_links(runner, app, declaration):
    runner.invoke(args=["import", str(declaration)])
    with app.app_context():
        row = db.session().scalar(select(Candidate).where(Candidate.text == "银联体"))
        assert row.links["full_form"] == "上合组织银行联合体"  # as the text defines it
        assert row.contexts[0]["document"].startswith("declaration")
        assert row.state == "pending"


def test_importing_the_same_document_again_changes_nothing(runner, app, declaration):
    runner.invoke(args=["import", str(declaration)])
    with app.app_context():
        before = [(c.text, c.frequency) for c in db.session().scalars(select(Candidate))]
    result = runner.invoke(args=["import", str(declaration)])
    assert result.exit_code == 0 and "already imported" in result.stdout
    with app.app_context():
        after = [(c.text, c.frequency) for c in db.session().scalars(select(Candidate))]
    assert after == before


def test_import_of_a_traditional_text_records_its_script(runner, app):
    runner.invoke(args=["import", str(DATA / "news.big5.txt")])
    with app.app_context():
        doc = db.session().scalar(select(Document).where(Document.key.startswith("news")))
        assert doc.lang == "zh-Hant"


def test_import_of_a_text_neither_chinese_russian_nor_english_imports_nothing(runner, app,
                                                                             tmp_path):
    greek = tmp_path / "greek.txt"
    greek.write_text("Η Σύνοδος των αρχηγών κρατών πραγματοποιήθηκε στην Αστάνα. " * 5)
    result = runner.invoke(args=["import", str(greek)])
    assert result.exit_code == 1 and "Nothing was imported" in result.stderr
    assert "neither Chinese, Russian nor English" in result.stderr
    with app.app_context():
        assert db.session().scalar(select(func.count(Document.id))) == 1


# ---- Russian and English documents: no candidates, their known terms' contexts kept ---------

def _occurrences(app, key_prefix: str) -> list[tuple[str, str, str]]:
    """(concept, text found, sentence) of each occurrence in the document."""
    with app.app_context():
        session = db.session()
        doc = session.scalar(select(Document).where(Document.key.startswith(key_prefix)))
        return [(o.term.concept.key, doc.original[o.start:o.end], o.sentence)
                for o in doc.occurrences]


def test_import_of_a_russian_text_stores_it_as_russian_without_candidates(runner, app):
    result = runner.invoke(args=["import", str(DATA / "statement.ru.txt")])
    assert result.exit_code == 0, result.output
    with app.app_context():
        session = db.session()
        doc = session.scalar(select(Document).where(Document.key.startswith("statement")))
        assert doc.lang == "ru" and doc.text == doc.original
        assert session.scalar(select(func.count(Candidate.id))) == 0


def test_import_of_a_russian_text_finds_known_terms_in_their_case_forms(runner, app):
    runner.invoke(args=["import", str(DATA / "statement.ru.txt")])
    found = {(concept, text) for concept, text, _ in _occurrences(app, "statement")}
    # «Региональной антитеррористической структуры» is the genitive of the term
    assert ("rats", "Региональной антитеррористической структуры") in found
    assert ("rats", "РАТС") in found
    assert ("sco", "Шанхайской организации сотрудничества") in found


def test_import_of_an_english_text_keeps_each_known_term_with_its_sentence(runner, app):
    runner.invoke(args=["import", str(DATA / "statement.en.txt")])
    found = _occurrences(app, "statement")
    rats = [sentence for concept, text, sentence in found
            if (concept, text) == ("rats", "Regional Anti-Terrorist Structure")]
    assert rats == ["They welcomed the work of the Regional Anti-Terrorist Structure (RATS) and "
                    "supported the implementation of the SCO Convention on Countering "
                    "Extremism."]
    assert {concept for concept, _, _ in found} == {"rats", "sco"}


def test_import_of_an_english_text_says_how_many_known_terms_it_found(runner, app):
    result = runner.invoke(args=["import", str(DATA / "statement.en.txt")])
    with app.app_context():
        terms = db.session().scalar(
            select(func.count(func.distinct(Occurrence.term_id))).join(Document)
            .where(Document.key.startswith("statement")))
    assert terms >= 3  # the full form and RATS of rats, SCO's English name
    assert f"{terms} known terms" in result.stdout


def test_import_needs_a_database(empty_app, declaration):
    result = empty_app.test_cli_runner().invoke(args=["import", str(declaration)])
    assert result.exit_code == 1 and "glossary init" in result.stderr
