"""POST /api/v1/documents queues an import and answers 202 at once; GET /api/v1/jobs/ID
follows it (jobs run inline in the tests: see tests/test_jobs.py for the worker thread)."""

from __future__ import annotations

import pytest

from glossary import worker
from tests.api.support import API, bearer

TEXT = ("上海合作组织成员国外交部长理事会会议在北京举行。中亚区域经济合作学院院长出席。"
        "中亚区域经济合作学院将加强合作。")


def upload(client, headers, body: bytes = TEXT.encode(), query: str = "name=外长会议.txt"):
    return client.post(f"{API}/documents?{query}", data=body, headers=headers,
                       content_type="text/plain")


def test_an_upload_is_202_with_the_job_it_queued(client, writer):
    response = upload(client, writer)
    assert response.status_code == 202
    location = response.headers["Location"]
    assert location == f"{API}/jobs/{response.get_json()['id']}"
    job = client.get(location).get_json()
    assert (job["kind"], job["state"], job["progress"], job["user"]) == (
        "import-document", "done", 1.0, "editor")
    assert job["params"] == {"name": "外长会议.txt", "title": "外长会议"}
    assert job["result"]["imported"] and job["result"]["candidates"] >= 1
    assert job["result"]["lang"] == "zh-Hans"
    document = client.get(f"{API}/documents/{job['result']['document']}").get_json()
    assert (document["title"], document["origin"]) == ("外长会议", "外长会议.txt")


def test_the_same_bytes_again_name_the_document_imported_before(client, writer):
    first = client.get(upload(client, writer).headers["Location"]).get_json()
    again = client.get(upload(client, writer, query="title=x").headers["Location"]).get_json()
    assert again["state"] == "done" and again["result"]["imported"] is False
    assert again["result"]["document"] == first["result"]["document"]


def test_a_queued_job_is_queued_until_a_worker_takes_it(make_api_app, template, tmp_path):
    with make_api_app(JOBS="off") as app:
        client = app.test_client()
        response = upload(client, bearer(template.tokens["editor"]))
        assert response.status_code == 202
        job = client.get(response.headers["Location"]).get_json()
        assert (job["state"], job["progress"], job["started"]) == ("queued", 0.0, None)
        assert worker.run_next(app) == "done"
        assert client.get(response.headers["Location"]).get_json()["state"] == "done"


def test_an_english_upload_is_imported_with_its_known_terms_and_no_candidates(client, writer):
    text = b"The leaders welcomed the work of the Regional Anti-Terrorist Structure (RATS)."
    job = client.get(upload(client, writer, text, "name=rats.en.txt").headers["Location"]
                     ).get_json()
    assert job["state"] == "done", job
    result = job["result"]
    assert (result["lang"], result["candidates"], result["known"]) == ("en", 0, 2)
    document = client.get(f"{API}/documents/{result['document']}").get_json()
    assert document["lang"] == "en"


@pytest.mark.parametrize("body, detail", [
    ("καλημέρα κόσμε ".encode() * 20, "neither Chinese, Russian nor English"),
    (bytes(range(256)) * 8, "binary"),
    (b"   ", "is empty"),
])
def test_what_cannot_be_imported_is_refused_at_once(client, writer, body, detail):
    response = upload(client, writer, body)
    assert response.status_code == 422
    assert detail in response.get_json()["detail"]


@pytest.mark.parametrize("query", ["title=" + "x" * 501, "name=" + "x" * 201, "colour=red"])
def test_an_upload_with_a_parameter_off_its_schema_is_refused(client, writer, query):
    # schemathesis.toml leaves the body of an import out of the negative-data check (any
    # text may be a document); its parameters are checked here instead.
    response = upload(client, writer, query=query)
    assert response.status_code == 400
    assert client.get(f"{API}/documents").get_json()["documents"][-1]["id"] == "mini-communique"


def test_uploading_needs_a_write_token(client, template):
    assert upload(client, {}).status_code == 401
    assert upload(client, bearer(template.tokens["reader"])).status_code == 403


def test_an_unknown_job_is_404(client):
    response = client.get(f"{API}/jobs/999")
    assert response.status_code == 404
    assert response.get_json()["detail"] == "no job with id 999"
