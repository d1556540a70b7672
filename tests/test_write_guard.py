"""An index folder that cannot be written, or a full disk: writes are refused, nothing is lost."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from glossary import db
from glossary.search import sync
from glossary.services.concepts import get_concept
from glossary.writeguard import IndexUnwritable, probe


@contextmanager
def unwritable(folder: Path):
    """Make `folder` refuse new files, even to root (chattr +i), for the duration."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = None
    try:
        yield
    finally:
        if undo:
            subprocess.run(undo, check=True)
        else:
            folder.chmod(0o755)


@pytest.fixture
def editor(app):
    from glossary.services import accounts

    with app.app_context(), db.transaction() as session:
        accounts.create_user(session, "ed", "long enough", role="editor")
        _, token = accounts.create_token(session, "ed", "write")
    return {"Authorization": f"Bearer {token}"}


def patch_subject(client, editor, subject: str):
    etag = client.get("/api/v1/concepts/sco").headers["ETag"]
    return client.patch("/api/v1/concepts/sco", json={"subject": subject},
                        headers={**editor, "If-Match": etag})


def test_the_probe_tells_a_writable_folder_from_one_that_is_not(tmp_path):
    probe(tmp_path / "index")
    with unwritable(tmp_path / "index"), pytest.raises(IndexUnwritable, match="cannot be"):
        probe(tmp_path / "index")


def test_a_write_is_refused_while_the_index_folder_is_read_only(app, client, editor):
    with unwritable(Path(app.config["INDEX_DIR"])):
        response = patch_subject(client, editor, "economy")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert "cannot be written" in response.get_json()["detail"]
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "international-relations"


def test_writes_work_again_once_the_folder_is_writable(app, client, editor):
    with unwritable(Path(app.config["INDEX_DIR"])):
        patch_subject(client, editor, "economy")
    assert patch_subject(client, editor, "economy").status_code == 200
    with app.app_context():
        assert sync.check(app) == []


def test_a_full_disk_refuses_the_write_and_says_so(make_app, editor, app):
    full = make_app(SEARCH_MIN_FREE_BYTES=shutil.disk_usage("/").total * 2)
    response = patch_subject(full.test_client(), editor, "economy")
    assert response.status_code == 503
    assert "is full" in response.get_json()["detail"]
    with app.app_context():
        assert get_concept(db.session(), "sco")["subject"] == "international-relations"


def test_reading_and_searching_go_on_while_writes_are_refused(app, client):
    with unwritable(Path(app.config["INDEX_DIR"])):
        assert client.get("/api/v1/search?q=RATS").status_code == 200
        assert client.get("/concepts/sco").status_code == 200


def test_the_command_line_says_why_and_exits_non_zero(empty_app, tmp_path):
    env = {**os.environ, "GLOSSARY_INSTANCE": empty_app.instance_path,
           "GLOSSARY_DATABASE_URL": empty_app.config["DATABASE_URL"],
           "GLOSSARY_DATA_DIR": empty_app.config["DATA_DIR"],
           "GLOSSARY_INDEX_DIR": str(tmp_path / "index")}
    command = [str(Path(sys.executable).parent / "glossary"), "init"]
    with unwritable(tmp_path / "index"):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "cannot be written" in done.stderr
    assert "Traceback" not in done.stderr
    with empty_app.app_context():
        assert not db.has_schema(db.engine()) or not get_concept_or_none(db.session(), "sco")


def get_concept_or_none(session, key):
    from glossary.services.concepts import NotFound

    try:
        return get_concept(session, key)
    except NotFound:
        return None


def test_a_new_process_searches_an_index_whose_every_folder_is_read_only(app, make_app):
    """No reader writes, not even a pragma: with the generation folder read-only too, and no
    connection left open, a freshly started application still answers searches."""
    app.extensions["glossary.search"].close()
    index = Path(app.config["INDEX_DIR"])
    folders = [index, *(p for p in index.iterdir() if p.is_dir())]
    with contextlib.ExitStack() as stack:
        for folder in folders:
            stack.enter_context(unwritable(folder))
        fresh = make_app().test_client()
        response = fresh.get("/api/v1/search?q=RATS")
        assert response.status_code == 200
        assert response.get_json()["hits"][0]["concept"]["id"] == "rats"
