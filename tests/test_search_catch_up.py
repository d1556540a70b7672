"""Index catch-up off the request path (issue 12, item 11): a bulk import by another process
leaves a long backlog in the change log; a web request does not apply it while a user
waits, it serves the index as it is and a catch-up thread of the process applies it."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from glossary.models import Change
from glossary.search import sync


def bulk_import_elsewhere(app, changes: int) -> None:
    """Another process renames a term and logs `changes` changes (as a bulk import would)."""
    with Session(app.extensions["glossary.engine"]) as session:
        session.execute(text("UPDATE terms SET text = 'Kwintet Eurazji' "
                             "WHERE text = 'Shanghai Cooperation Organisation'"))
        session.add_all(Change(concept_key="sco", action="import", user="elsewhere")
                        for _ in range(changes))
        session.commit()


def hits(client, query: str) -> list[str]:
    data = client.get("/api/v1/search", query_string={"q": query}).get_json()
    return [h["concept"]["id"] for h in data["hits"]]


@pytest.fixture
def held_back(monkeypatch):
    """The catch-up thread starts, and waits until the test lets it go on."""
    go = threading.Event()
    real = sync._catch_up_fully

    def later(app):
        go.wait(60)
        real(app)

    monkeypatch.setattr(sync, "_catch_up_fully", later)
    return go


def test_a_request_leaves_a_long_backlog_to_the_catch_up_thread(make_app, app, held_back):
    served = make_app(SEARCH_INLINE_CHANGES=5)
    client = served.test_client()
    bulk_import_elsewhere(served, 20)
    assert hits(client, "Kwintet Eurazji") == []  # answered from the index as it was
    assert sync.backlog(served) == 20
    held_back.set()
    sync.wait_background(served)
    assert sync.backlog(served) == 0
    assert hits(client, "Kwintet Eurazji") == ["sco"]


def test_a_short_backlog_is_still_applied_before_the_search(make_app, app):
    served = make_app(SEARCH_INLINE_CHANGES=5)
    bulk_import_elsewhere(served, 3)
    assert hits(served.test_client(), "Kwintet Eurazji") == ["sco"]
    assert served.extensions.get("glossary.search.catch_up") is None


def test_a_write_after_a_bulk_import_does_not_wait_for_its_sync(make_app, app, held_back):
    from tests.api.support import bearer, issue_token

    served = make_app(SEARCH_INLINE_CHANGES=5)
    token = issue_token(served, "bot")
    bulk_import_elsewhere(served, 20)
    client = served.test_client()
    concept = client.get("/api/v1/concepts/rats").get_json()
    response = client.patch("/api/v1/concepts/rats", json={"subject": "politics"},
                            headers={**bearer(token), "If-Match": f'"{concept["version"]}"'})
    assert response.status_code == 200
    assert sync.backlog(served) == 21  # handed over, not applied by the request
    held_back.set()
    sync.wait_background(served)
    assert sync.backlog(served) == 0 and sync.check(served) == []


def test_outside_a_request_the_backlog_is_applied_at_once(make_app, app):
    served = make_app(SEARCH_INLINE_CHANGES=5)
    bulk_import_elsewhere(served, 20)
    with served.app_context():
        sync.catch_up(served)
    assert sync.backlog(served) == 0
