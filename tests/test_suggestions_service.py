"""services.term_knowledge: the termbase as the suggesters' Knowledge, kept while it is current;
and services.suggestions over it."""

from __future__ import annotations

import time

from glossary.services import editing, suggestions, term_knowledge


def _add(session, key: str, zh: str) -> None:
    editing.create_concept(session, {"id": key, "kind": "concept", "terms": {
        "zh-Hans": [{"text": zh}], "ru": [{"text": "нечто"}], "en": [{"text": "something"}]}},
        user="test")
    session.commit()


def test_the_knowledge_is_kept_while_the_termbase_does_not_change(session):
    assert term_knowledge.knowledge(session) is term_knowledge.knowledge(session)


def test_a_small_termbase_that_changed_is_known_at_once(session):
    before = term_knowledge.knowledge(session)
    _add(session, "new-thing", "新事物")
    after = term_knowledge.knowledge(session)
    assert after is not before
    assert [e.key for e in after.lookup("新事物")] == ["new-thing"]


def test_a_large_termbase_answers_from_the_old_knowledge_while_the_new_is_built(
        session, monkeypatch):
    before = term_knowledge.knowledge(session)
    monkeypatch.setattr(term_knowledge, "BUILD_IN_BACKGROUND_FROM", 1)
    _add(session, "new-thing", "新事物")
    assert term_knowledge.knowledge(session) is before  # no wait for the build
    deadline = time.monotonic() + 10
    while term_knowledge.knowledge(session) is before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert term_knowledge.knowledge(session).knows("新事物")


def test_a_candidate_is_asked_about_with_the_concept_kind_it_would_get(app, session):
    from tests.test_web_support import add_candidate

    cid = add_candidate(app, "上海公约", kind="treaty")
    assert suggestions.for_candidate(session, cid)["kind"] == "document"


def test_a_request_during_the_first_build_waits_for_it_rather_than_building_again(
        session, monkeypatch):
    url = str(session.get_bind().engine.url)
    monkeypatch.delitem(term_knowledge._cache, url, raising=False)
    builds = []
    real_build = term_knowledge._build

    def slow_build(s):
        builds.append(1)
        time.sleep(0.5)
        return real_build(s)

    monkeypatch.setattr(term_knowledge, "_build", slow_build)
    term_knowledge.build_in_background(session.get_bind().engine)
    found = term_knowledge.knowledge(session)
    assert found.knows("地区反恐怖机构")
    assert len(builds) == 1
