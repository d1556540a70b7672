"""The search index stays in step with the database (issue 5, point 4).

Writes go through the write services, as the web and the API make them; "another process"
is played by a session outside the application, which the after-commit hook does not see.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from glossary import db
from glossary.models import Change
from glossary.search import sync
from glossary.search.engine import IndexBusy, file_lock
from glossary.services import editing
from glossary.services.search import search


def found(app, query: str) -> list[str]:
    with app.app_context():
        return [h["concept"]["id"] for h in search(db.session(), query)["hits"]]


def create(app, key: str, en: str) -> None:
    with app.app_context(), db.transaction() as session:
        editing.create_concept(session, {"id": key, "kind": "place", "subject": "geography",
                                         "terms": {"zh-Hans": [{"text": "比什凯克"}],
                                                   "en": [{"text": en, "sources": []}]}},
                               user="test")


def rename_en(app, key: str, new: str) -> None:
    with app.app_context():
        from glossary.services.concepts import get_concept

        concept = get_concept(db.session(), key)
        with db.transaction() as session:
            editing.update_term(session, concept["terms"]["en"][0]["id"], {"text": new},
                                expected_version=concept["version"], user="test")


def behind_the_apps_back(app, sql: str, key: str | None = None) -> None:
    """A write by another process: a session the application's hook does not see."""
    with Session(app.extensions["glossary.engine"]) as session:
        session.execute(text(sql))
        if key:
            session.add(Change(concept_key=key, action="update", user="elsewhere"))
        session.commit()


def differences(app) -> list[tuple[str, ...]]:
    """(concept, problem) for the term index, (concept, problem, "text") for the full text."""
    with app.app_context():
        return [(d.concept, d.problem) if d.part == "terms" else (d.concept, d.problem, d.part)
                for d in sync.check(app)]


# ---- writes are searchable when they commit -------------------------------------------------

def test_an_edit_is_searchable_as_soon_as_it_commits(app):
    rename_en(app, "rats", "Regional Counter-Terrorism Structure")
    assert found(app, "Counter-Terrorism") == ["rats"]
    assert found(app, "Anti-Terrorist") == []


def test_a_new_concept_is_searchable(app):
    create(app, "bishkek", "Bishkek")
    assert found(app, "Bishkek") == ["bishkek"]


def test_a_deleted_concept_is_no_longer_found(app):
    with app.app_context(), db.transaction() as session:
        editing.delete_concept(session, "xi-jinping", expected_version=None, user="test")
    assert found(app, "Xi Jinping") == []
    assert differences(app) == []


def test_a_rolled_back_write_leaves_the_index_alone(app):
    with pytest.raises(RuntimeError), app.app_context(), db.transaction() as session:
        editing.create_concept(session, {"id": "bishkek", "terms": {
            "zh-Hans": [{"text": "比什凯克"}]}}, user="test")
        raise RuntimeError("the request failed after the write")
    assert found(app, "比什凯克") == []
    assert differences(app) == []


def test_writes_by_another_process_are_applied_before_the_next_search(app):
    behind_the_apps_back(app, "UPDATE terms SET text = 'Shanghai Five' "
                              "WHERE text = 'Shanghai Cooperation Organisation'", key="sco")
    assert found(app, "Shanghai Five") == ["sco"]


def test_a_change_that_becomes_visible_late_is_still_applied(app):
    # On PostgreSQL a transaction can commit change 8 after change 9 was read.
    with Session(app.extensions["glossary.engine"]) as session:
        last = session.query(Change).order_by(Change.id.desc()).first().id
        session.add(Change(id=last + 2, concept_key="sco", action="update"))
        session.commit()
    with app.app_context():
        sync.sync(app)
    behind_the_apps_back(app, "UPDATE terms SET text = 'Shanghai Five' "
                              "WHERE text = 'Shanghai Cooperation Organisation'")
    with Session(app.extensions["glossary.engine"]) as session:
        session.add(Change(id=last + 1, concept_key="sco", action="update"))
        session.commit()
    assert found(app, "Shanghai Five") == ["sco"]


def test_a_write_made_while_the_index_is_busy_is_applied_by_the_next_sync(app):
    app.config["SEARCH_SYNC_TIMEOUT"] = 0.05
    with file_lock(Path(app.config["INDEX_DIR"]) / "write.lock", timeout=1):
        create(app, "bishkek", "Bishkek")  # committed; the index could not take it yet
        assert found(app, "Bishkek") == []
    assert found(app, "Bishkek") == ["bishkek"]


def test_sync_gives_up_on_a_busy_index_after_its_timeout(app):
    with file_lock(Path(app.config["INDEX_DIR"]) / "write.lock", timeout=1), \
            pytest.raises(IndexBusy):
        sync.sync(app, timeout=0.05)


# ---- check and rebuild ----------------------------------------------------------------------

def test_check_finds_the_index_matching_the_database_after_init(app):
    assert differences(app) == []


def test_check_lists_a_concept_changed_without_a_change_row(app):
    behind_the_apps_back(app, "UPDATE terms SET status = 'deprecated' WHERE text = 'РАТС'")
    assert differences(app) == [("rats", "stale")]


def test_check_lists_concepts_missing_from_the_index_and_left_over_in_it(app):
    with app.app_context(), sync.index_for(app).writing() as writer:
        writer.remove_key("sco")
    behind_the_apps_back(app, "UPDATE concepts SET key = 'shanghai-five' WHERE key = 'rats'")
    assert sorted(differences(app)) == [("rats", "extra"), ("sco", "missing"),
                                        ("sco", "missing", "text"),  # its note
                                        ("shanghai-five", "missing")]


def test_rebuild_repairs_whatever_check_found(app):
    behind_the_apps_back(app, "UPDATE terms SET status = 'deprecated' WHERE text = 'РАТС'")
    with app.app_context():
        sync.rebuild(app)
    assert differences(app) == []


def test_rebuild_swaps_in_a_new_generation_and_removes_the_old(app):
    index = sync.index_for(app)
    before = index.current().parent
    with app.app_context():
        sync.rebuild(app)
    assert index.current().parent != before
    assert not before.exists()
    assert found(app, "RATS") == ["rats"]


def test_a_missing_index_is_built_again_by_the_next_search(app):
    import shutil

    shutil.rmtree(app.config["INDEX_DIR"])
    assert found(app, "RATS") == ["rats"]


def test_init_again_changes_nothing_and_keeps_the_index_in_step(app, data_dir):
    with app.app_context():
        from glossary.cli import initialise

        initialise()
    assert differences(app) == []


def test_init_after_editing_a_data_file_brings_the_index_along(app, data_dir):
    path = data_dir / "termbase" / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("three evil forces",
                                                             "three forces of evil"),
                    encoding="utf-8")
    with app.app_context():
        from glossary.cli import initialise

        initialise()
    assert found(app, "three forces of evil") == ["three-evil-forces"]


def test_a_backlog_larger_than_the_index_is_applied_by_a_rebuild(make_app, data_dir):
    app = make_app(SEARCH_REBUILD_AFTER=2)
    with app.app_context():
        from glossary.cli import initialise

        initialise()
    before = sync.index_for(app).current().parent
    app.config["SEARCH_SYNC_TIMEOUT"] = 0.05
    with file_lock(Path(app.config["INDEX_DIR"]) / "write.lock", timeout=1):
        for i in range(5):  # written while the index is busy: they wait in the outbox
            create(app, f"imported-{i}", f"Imported place {i}")
    with app.app_context():
        sync.sync(app)
    assert sync.index_for(app).current().parent != before
    assert differences(app) == []
    assert found(app, "Imported place 4") == ["imported-4"]


def test_sweep_drops_the_rows_of_replaced_terms_and_changes_no_answer(app):
    rename_en(app, "rats", "Regional Counter-Terrorism Structure")
    index = sync.index_for(app)
    assert index.sweep() >= 1
    assert found(app, "Counter-Terrorism") == ["rats"]
    assert found(app, "Anti-Terrorist") == []
    assert index.sweep() == 0


def test_sweep_merges_the_full_text_index_into_one_segment(app):
    from whoosh import index as whoosh_index

    from glossary.search.fulltext import INDEX_NAME, TEXT_DIR

    for i in range(3):
        set_note(app, "rats", {"en": f"Seated in Tashkent, edit {i}."})
    folder = str(sync.index_for(app).current().parent / TEXT_DIR)
    assert len(whoosh_index.open_dir(folder, indexname=INDEX_NAME)._segments()) > 1
    sync.index_for(app).sweep()
    assert len(whoosh_index.open_dir(folder, indexname=INDEX_NAME)._segments()) == 1
    assert text_hits(app, "Tashkent") == ["rats"]
    assert differences(app) == []


# ---- kill -9 --------------------------------------------------------------------------------

WORKER = textwrap.dedent("""
    import sys
    from glossary import create_app, db
    from glossary.search import sync
    from glossary.services import editing

    instance, data, mode, database = sys.argv[1:5]
    app = create_app({"INSTANCE_PATH": instance, "DATA_DIR": data, "SECRET_KEY": "test",
                      "DATABASE_URL": database})
    with app.app_context():
        for i in range(100_000):
            if mode == "rebuild":
                print("rebuilding", flush=True)
                sync.rebuild(app)
                continue
            with db.transaction() as session:
                editing.create_concept(session, {
                    "id": f"imported-{i}", "kind": "place", "subject": "geography",
                    "terms": {"en": [{"text": f"Imported place {i}", "sources": []}]}},
                    user="import")
            print("committed", i, flush=True)
""")


def index_writer_busy(app) -> bool:
    """Whether someone holds the index's write lock right now."""
    fd = os.open(Path(app.config["INDEX_DIR"]) / "write.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def kill_during(app, tmp_path: Path, data_dir: Path, mode: str, after_lines: int,
                delay: float = 0.0, while_indexing: bool = False) -> None:
    """Start a worker writing to the app's instance and kill -9 it in the middle: after
    `after_lines` of progress, `delay` later, or as soon as it holds the index's lock."""
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    worker = subprocess.Popen([sys.executable, str(script), app.instance_path, str(data_dir),
                               mode, app.config["DATABASE_URL"]], stdout=subprocess.PIPE,
                              text=True)
    try:
        for _ in range(after_lines):
            assert worker.stdout.readline(), "the worker stopped before it was killed"
        time.sleep(delay)
        while while_indexing and not index_writer_busy(app) and worker.poll() is None:
            pass
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        worker.stdout.close()


def test_kill_9_inside_an_index_write_leaves_an_index_the_next_start_repairs(
        app, tmp_path, data_dir):
    after_lines = 20
    kill_during(app, tmp_path, data_dir, "import", after_lines, while_indexing=True)
    with app.app_context():
        sync.sync(app)  # what the next start, write or search does
    assert differences(app) == []
    with app.app_context():
        imported = db.session().execute(text(
            "SELECT count(*) FROM concepts WHERE key LIKE 'imported-%'")).scalar()
    assert imported >= after_lines
    assert found(app, f"Imported place {imported - 1}") == [f"imported-{imported - 1}"]


def test_kill_9_during_a_rebuild_leaves_the_live_index_in_place(app, tmp_path, data_dir):
    kill_during(app, tmp_path, data_dir, "rebuild", 3, delay=0.02)
    assert differences(app) == []
    assert found(app, "RATS") == ["rats"]
    with app.app_context():
        sync.rebuild(app)
    folders = [p.name for p in Path(app.config["INDEX_DIR"]).glob("g*")]
    assert len(folders) == 1


# ---- the full-text index of the prose ---------------------------------------------------------

def set_note(app, key: str, note: dict | None) -> None:
    with app.app_context(), db.transaction() as session:
        editing.update_concept(session, key, {"note": note}, expected_version=None,
                               user="test")


def text_hits(app, query: str) -> list[str]:
    with app.app_context():
        return [h["concept"]["id"] for h in search(db.session(), query)["hits"]
                if h["matched"]["step"] == "text"]


def text_generation(app) -> int:
    """The generation of the live full-text index (Whoosh's table of contents)."""
    from whoosh import index as whoosh_index

    from glossary.search.fulltext import INDEX_NAME, TEXT_DIR

    folder = sync.index_for(app).current().parent / TEXT_DIR
    return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME).latest_generation()


def test_an_edited_note_is_searchable_as_soon_as_it_commits(app):
    set_note(app, "rats", {"en": "Seated in Tashkent since 2004.",
                           "ru": "Штаб-квартира в Ташкенте."})
    assert text_hits(app, "Tashkent") == ["rats"]
    assert text_hits(app, "Ташкента") == ["rats"]
    set_note(app, "rats", {"en": "Seated in Bishkek, once."})
    assert text_hits(app, "Tashkent") == []
    assert text_hits(app, "Bishkek") == ["rats"]
    set_note(app, "rats", None)  # a merge patch: null removes every language
    assert text_hits(app, "Bishkek") == []
    assert differences(app) == []


def test_a_deleted_concept_leaves_the_full_text_index(app):
    assert text_hits(app, "spell") == ["sco"]  # its note: SCO English texts spell ...
    with app.app_context(), db.transaction() as session:
        editing.delete_concept(session, "sco", expected_version=None, user="test")
    assert text_hits(app, "spell") == []
    assert differences(app) == []


def test_an_edit_that_leaves_the_prose_alone_does_not_write_to_whoosh(app):
    before = text_generation(app)
    rename_en(app, "rats", "Regional Counter-Terrorism Structure")
    assert found(app, "Counter-Terrorism") == ["rats"]
    assert text_generation(app) == before
    set_note(app, "rats", {"en": "Seated in Tashkent."})
    assert text_generation(app) == before + 1


def test_check_lists_prose_changed_behind_the_apps_back(app):
    behind_the_apps_back(app, """UPDATE concepts SET note = '{"en": "Seated in Tashkent."}'
                                 WHERE key = 'rats'""")
    behind_the_apps_back(app, "UPDATE concepts SET note = '{}' WHERE key = 'sco'")  # a term
    behind_the_apps_back(app, "UPDATE concepts SET definition = '{}' "  # note is left
                              "WHERE key = 'three-evil-forces'")
    assert sorted(differences(app)) == [("rats", "missing", "text"), ("sco", "stale", "text"),
                                        ("three-evil-forces", "extra", "text")]
    with app.app_context():
        sync.rebuild(app)
    assert differences(app) == []
    assert text_hits(app, "Tashkent") == ["rats"]


def test_a_term_usage_note_is_prose_too(app):
    behind_the_apps_back(app, "UPDATE terms SET note = 'Only in Kyrgyz texts.' "
                              "WHERE text = 'РАТС'", key="rats")
    assert text_hits(app, "Kyrgyz") == ["rats"]
    assert differences(app) == []


@pytest.mark.parametrize("damage", ["remove", "garble"])
def test_a_broken_full_text_index_is_rebuilt_and_search_answers_meanwhile(app, damage):
    import shutil

    from glossary.search.fulltext import TEXT_DIR

    index = sync.index_for(app)
    folder = index.current().parent / TEXT_DIR
    before = index.current().parent
    if damage == "remove":
        shutil.rmtree(folder)
    else:  # every file of the index overwritten with nonsense
        for path in folder.iterdir():
            path.write_bytes(b"\x00not whoosh\x00" * 50)
    index.close()  # no searcher open from before the damage
    # The search that finds the damage answers from the term index alone (no error) ...
    with app.app_context():
        first = search(db.session(), "RATS")
    assert [(h["concept"]["id"], h["matched"]["step"]) for h in first["hits"]] == [
        ("rats", "abbreviation")]
    # ... and the next one (its catch-up sync) has rebuilt the index from the database.
    assert text_hits(app, "spell") == ["sco"]
    assert index.current().parent != before
    assert differences(app) == []


def test_a_full_text_index_that_cannot_be_written_is_rebuilt_by_the_sync(app):
    from glossary.search.fulltext import TEXT_DIR

    index = sync.index_for(app)
    folder = index.current().parent / TEXT_DIR
    before = index.current().parent
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"garbage")
    set_note(app, "rats", {"en": "Seated in Tashkent."})  # the after-commit sync rebuilds
    assert index.current().parent != before
    assert text_hits(app, "Tashkent") == ["rats"]
    assert differences(app) == []


TEXT_WORKER = textwrap.dedent("""
    import sys, time
    from glossary import create_app, db
    from glossary.search import fulltext
    from glossary.services import editing

    instance, data, stop, database = sys.argv[1:5]
    if stop == "inside":  # inside Whoosh's commit: the segment written, not yet its TOC
        from whoosh.index import TOC
        write = TOC.write

        def stalled(self, storage, indexname):
            print("whoosh-commit", flush=True)
            time.sleep(60)
            write(self, storage, indexname)
        TOC.write = stalled
    else:  # after Whoosh's commit, before the term index commits
        commit = fulltext.TextWriter.commit

        def stalled(self):
            commit(self)
            print("whoosh-committed", flush=True)
            time.sleep(60)
        fulltext.TextWriter.commit = stalled
    app = create_app({"INSTANCE_PATH": instance, "DATA_DIR": data, "SECRET_KEY": "test",
                      "DATABASE_URL": database})
    with app.app_context(), db.transaction() as session:
        editing.update_concept(session, "rats", {"note": {"en": "Seated in Tashkent."}},
                               expected_version=None, user="import")
""")


@pytest.mark.parametrize("stop", ["inside", "after"])
def test_kill_9_in_the_full_text_commit_leaves_an_index_the_next_sync_repairs(
        app, tmp_path, data_dir, stop):
    script = tmp_path / "text_worker.py"
    script.write_text(TEXT_WORKER, encoding="utf-8")
    worker = subprocess.Popen([sys.executable, str(script), app.instance_path, str(data_dir),
                               stop, app.config["DATABASE_URL"]], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert worker.stdout.readline().startswith("whoosh-commit")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        worker.stdout.close()
    # The note is committed in the database; the index has not taken it (the term index's
    # change log position did not move), whatever Whoosh holds.
    assert ("rats", "missing", "text") in differences(app) or stop == "after"
    with app.app_context():
        sync.sync(app)  # what the next start, write or search does
    assert differences(app) == []
    assert text_hits(app, "Tashkent") == ["rats"]
