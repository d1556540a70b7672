"""/api/v1 documents, exports, stats and the API's index."""

from __future__ import annotations

import pytest

from glossary.services import documents
from tests.api.support import API


@pytest.fixture(scope="module")
def app(read_only_app):
    return read_only_app


def test_the_documents_are_the_services_list(client, session):
    assert client.get(f"{API}/documents").get_json() == {
        "documents": documents.list_documents(session)}


def test_one_document(client):
    data = client.get(f"{API}/documents/mini-communique").get_json()
    assert (data["id"], data["lang"], data["date"]) == ("mini-communique", "zh-Hans",
                                                        "2017-06-09")


def test_an_unknown_document_is_404(client):
    response = client.get(f"{API}/documents/nothing")
    assert response.status_code == 404
    assert response.get_json()["detail"] == "no document with id 'nothing'"


def test_stats_count_concepts_and_terms_per_language(client):
    assert client.get(f"{API}/stats").get_json() == {
        "concepts": 4, "terms": {"zh-Hans": 5, "zh-Hant": 5, "ru": 6, "en": 6}}


def test_an_export_is_a_streamed_attachment_of_the_format(client):
    response = client.get(f"{API}/export?format=tbx&languages=zh-Hans,ru")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.mimetype == "application/x-tbx"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="glossary-zh-Hans-ru.tbx"'
    body = response.get_data(as_text=True)
    assert "地区反恐怖机构" in body and "Regional Anti-Terrorist Structure" not in body


def test_an_export_for_a_tool_is_that_tools_file(client):
    response = client.get(f"{API}/export?for=omegat&languages=zh-Hans,ru")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="glossary-omegat-zh-Hans-ru.utf8"'
    assert "地区反恐怖机构\tРегиональная антитеррористическая структура\t" in \
        response.get_data(as_text=True)


def test_an_export_for_omegat_is_chinese_to_russian_without_languages(client):
    response = client.get(f"{API}/export?for=omegat")
    assert response.get_data(as_text=True).splitlines()[1] == "# languages: zh-Hans ru"


def test_a_streamed_export_gives_its_connection_back_when_sent(app, client):
    # The request's teardown runs before the first chunk: the stream must end its session
    # itself, or a transaction stays open (on PostgreSQL, holding locks) until GC.
    body = client.get(f"{API}/export?format=csv").get_data()
    assert body and app.extensions["glossary.engine"].pool.checkedout() == 0


def test_an_export_can_hold_only_some_concepts(client):
    body = client.get(f"{API}/export?format=csv&concepts=sco").get_data(as_text=True)
    assert "上海合作组织" in body and "地区反恐怖机构" not in body


@pytest.mark.parametrize("query, detail", [
    ("", "format: required"), ("format=pdf", "unknown format 'pdf'"),
    ("for=wordfast", "unknown tool 'wordfast'"),
    ("for=omegat&format=csv", "for: picks the format"),
    ("for=trados&layout=term", "for: picks the format"),
    ("format=tbx&languages=fr", "unknown language 'fr'"),
    ("format=tbx&colour=red", "colour: unknown parameter"),
])
def test_a_bad_export_is_400_saying_why(client, query, detail):
    response = client.get(f"{API}/export?{query}")
    assert response.status_code == 400
    assert detail in response.get_json()["detail"]


def test_an_export_the_client_does_not_accept_is_406(client):
    response = client.get(f"{API}/export?format=tbx", headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert "application/x-tbx" in response.get_json()["detail"]


def test_the_index_links_the_documents_of_the_api(client):
    links = client.get(f"{API}/").get_json()
    assert links["openapi"] == f"{API}/openapi.json"
    for url in links.values():
        # Closed at once: an export link streams, and holds its transaction until closed.
        with client.get(url) as response:
            assert response.status_code == 200
