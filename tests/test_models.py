"""The termbase's rules hold in the database itself, whatever writes to it."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from glossary.db import create_schema, make_engine
from glossary.models import Concept, Relation, Source, Term
from tests.databases import on_postgresql


@pytest.fixture
def s(database_url):
    engine = make_engine(database_url)
    create_schema(engine)
    with Session(engine) as session:
        session.add(Concept(key="sco", kind="organization", subject="politics"))
        session.commit()
        yield session
    engine.dispose()


def sco_id(s):
    return s.scalar(select(Concept.id).where(Concept.key == "sco"))


def insert_term(s, concept_id, lang="en", text_="SCO", **extra):
    cols = {"concept_id": concept_id, "lang": lang, "text": text_, "type": "fullForm",
            "status": "preferred", "position": 0, "homonym": False, **extra}
    names = ", ".join(f'"{k}"' for k in cols)
    values = ", ".join(f":{k}" for k in cols)
    s.execute(text(f"INSERT INTO terms ({names}) VALUES ({values})"), cols)


def test_a_term_needs_an_existing_concept(s):
    with pytest.raises(IntegrityError):
        insert_term(s, 9999)


def test_a_term_needs_a_concept_at_all(s):
    with pytest.raises(IntegrityError):
        insert_term(s, None)


def test_the_same_term_twice_in_one_concept_is_refused(s):
    insert_term(s, sco_id(s))
    with pytest.raises(IntegrityError):
        insert_term(s, sco_id(s))


def test_the_same_text_in_another_language_is_allowed(s):
    insert_term(s, sco_id(s), lang="en", text_="上合组织")
    insert_term(s, sco_id(s), lang="zh-Hans", text_="上合组织")
    assert s.scalar(text("SELECT count(*) FROM terms")) == 2


@pytest.mark.parametrize("column, value", [
    ("lang", "zh"), ("lang", "EN"), ("type", "synonym"), ("status", "official"),
    ("text", ""), ("pos", "pronoun"),
])
def test_values_outside_the_vocabulary_are_refused(s, column, value):
    with pytest.raises(IntegrityError):
        insert_term(s, sco_id(s), **{column if column != "text" else "text_": value})


def test_gender_is_only_for_russian_terms(s):
    insert_term(s, sco_id(s), lang="ru", text_="ШОС", gender="feminine")
    with pytest.raises(IntegrityError):
        insert_term(s, sco_id(s), lang="en", text_="SCO", gender="feminine")


def test_concept_kind_and_subject_are_checked(s):
    with pytest.raises(IntegrityError):
        s.execute(text("INSERT INTO concepts (key, kind, subject, version, definition, note,"
                       " created_at, updated_at) VALUES ('x', 'thing', 'politics', 1, '{}',"
                       " '{}', '2020-01-01', '2020-01-01')"))


def test_concept_keys_are_unique(s):
    s.add(Concept(key="sco", kind="organization", subject="politics"))
    with pytest.raises(IntegrityError):
        s.flush()


def test_deleting_a_concept_deletes_its_terms(s):
    insert_term(s, sco_id(s))
    s.execute(text("DELETE FROM concepts WHERE key = 'sco'"))
    assert s.scalar(text("SELECT count(*) FROM terms")) == 0


def test_a_cited_source_cannot_be_deleted(s):
    s.add(Source(key="src", title="A source"))
    s.flush()
    concept = s.scalar(select(Concept))
    concept.terms.append(Term(lang="en", text="SCO", sources=[s.scalar(select(Source))]))
    s.flush()
    with pytest.raises(IntegrityError):
        s.execute(text("DELETE FROM sources WHERE key = 'src'"))


def test_a_concept_cannot_relate_to_itself(s):
    concept = s.scalar(select(Concept))
    s.add(Relation(source_id=concept.id, target_id=concept.id, type="related"))
    with pytest.raises(IntegrityError):
        s.flush()


def test_a_stale_concept_update_is_refused(tmp_path, s):
    from sqlalchemy.orm.exc import StaleDataError

    other = Session(s.get_bind())
    mine = s.scalar(select(Concept))
    theirs = other.scalar(select(Concept))
    theirs.subject = "security"
    theirs.bump()
    other.commit()
    mine.subject = "economy"
    mine.bump()
    with pytest.raises(StaleDataError):
        s.flush()


@pytest.mark.skipif(on_postgresql(), reason="SQLite settings")
def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


