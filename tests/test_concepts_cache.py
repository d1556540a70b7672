"""Concept shapes are cached per process, and never outlive a write."""

from glossary import db
from glossary.services import editing
from glossary.services.concepts import get_concept, get_concepts


def test_a_committed_edit_is_seen_at_once(app):
    with app.app_context():
        get_concept(db.session(), "sco")  # now cached
        with db.transaction() as session:
            editing.update_concept(session, "sco", {"subject": "economy"},
                                   expected_version=None, user="ed")
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "economy"


def test_a_rolled_back_edit_leaves_nothing_behind(app):
    with app.app_context():
        session = db.session()
        editing.update_concept(session, "sco", {"subject": "economy"}, expected_version=None,
                               user="ed")
        assert get_concept(session, "sco")["subject"] == "economy"  # the writer sees its edit
        session.rollback()
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "international-relations"


def test_an_edit_of_one_concept_refreshes_the_relations_of_another(app):
    with app.app_context():
        assert get_concept(db.session(), "sco")["relations"]["narrower"] == ["rats"]
        with db.transaction() as session:
            editing.update_concept(session, "rats", {"relations": {"broader": []}},
                                   expected_version=None, user="ed")
    with app.app_context():
        assert get_concept(db.session(), "sco")["relations"]["narrower"] == []


def test_callers_get_their_own_copy(app):
    with app.app_context():
        first = get_concepts(db.session(), ["sco"])[0]
        first["terms"]["en"].clear()
        assert get_concepts(db.session(), ["sco"])[0]["terms"]["en"]


def test_a_released_savepoint_does_not_make_uncommitted_writes_public(app):
    with app.app_context():
        session = db.session()
        with session.begin_nested():
            editing.update_concept(session, "sco", {"subject": "economy"},
                                   expected_version=None, user="ed")
        get_concept(session, "sco")
        session.rollback()
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "international-relations"



def test_writes_inside_savepoints_reach_the_index_at_the_outer_commit(app):
    from glossary.search import sync

    with app.app_context():
        with db.transaction() as session, session.begin_nested():
            editing.update_concept(session, "sco", {"subject": "economy"},
                                   expected_version=None, user="ed")
        # check() compares without syncing first: the commit hook must have applied the edit.
        assert sync.check(app) == []


def test_a_shape_loaded_while_an_edit_commits_is_not_kept_past_that_edit(app, monkeypatch):
    """A reader loads the old shape; meanwhile an edit commits and another reader moves the
    cache on to the edit's change. The first reader's old shape must not be filed there."""
    from glossary.services import concepts

    real_load = concepts._load_shapes

    def load_then_someone_edits(session, keys):
        shapes = real_load(session, keys)
        monkeypatch.setattr(concepts, "_load_shapes", real_load)
        with app.app_context():
            with db.transaction() as other:
                editing.update_concept(other, "sco", {"subject": "economy"},
                                       expected_version=None, user="ed")
            assert get_concept(db.session(), "sco")["subject"] == "economy"
        return shapes

    monkeypatch.setattr(concepts, "_load_shapes", load_then_someone_edits)
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "international-relations"
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "economy"
