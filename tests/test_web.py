"""The web skeleton: pages, their JSON twins, errors."""

import pytest


def test_home_lists_concepts(client):
    page = client.get("/").get_data(as_text=True)
    for text in ("地区反恐怖机构", "Региональная антитеррористическая структура",
                 "Regional Anti-Terrorist Structure", "上海合作组织"):
        assert text in page


def test_concept_page_shows_every_language(client):
    page = client.get("/concepts/rats").get_data(as_text=True)
    for text in ("地区反恐怖机构", "地區反恐怖機構", "РАТС", "RATS", "Dìqū Fǎnkǒngbù Jīgòu"):
        assert text in page


def test_concept_page_shows_context_and_sources(client):
    page = client.get("/concepts/three-evil-forces").get_data(as_text=True)
    assert "<mark>三股势力</mark>" in page
    assert "eng.sectsco.org" in page


def test_concept_page_advertises_its_json_twin(client):
    response = client.get("/concepts/rats")
    assert 'rel="alternate"' in response.headers["Link"]
    assert '<link rel="alternate" type="application/json" href="/concepts/rats.json">' in \
        response.get_data(as_text=True)


@pytest.mark.parametrize("how", [{"path": "/concepts/rats.json"},
                                 {"path": "/concepts/rats",
                                  "headers": {"Accept": "application/json"}}])
def test_json_twin_has_the_same_data(client, how):
    data = client.get(how["path"], headers=how.get("headers")).get_json()
    assert data["concept"]["id"] == "rats"
    assert data["concept"]["relations"]["broader"] == ["sco"]
    assert data["contexts"][0]["term"] == "地区反恐怖机构"


def test_narrower_is_derived_from_broader(client):
    data = client.get("/concepts/sco.json").get_json()
    assert data["concept"]["relations"]["narrower"] == ["rats"]


def test_unknown_concept_is_a_404_page(client):
    response = client.get("/concepts/nothing-here")
    assert response.status_code == 404
    assert "no concept with id" in response.get_data(as_text=True)
    assert response.mimetype == "text/html"


def test_unknown_concept_in_json_is_a_problem_document(client):
    response = client.get("/concepts/nothing-here.json")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_bad_page_number_is_a_400_not_a_500(client):
    assert client.get("/?page=abc").status_code == 400


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "concepts": 4}
