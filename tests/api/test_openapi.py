"""The OpenAPI 3.1 document: complete, valid, true to the answers, and readable as a page."""

from __future__ import annotations

import json
import re

import jsonschema_rs
import pytest
import schemathesis
from flask import Flask

from glossary.api.spec import OPERATIONS, document
from tests.api.support import API


@pytest.fixture(scope="module")
def app(read_only_app):
    return read_only_app


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get(f"{API}/openapi.json").get_json()


def api_routes(app) -> set[tuple[str, str]]:
    return {(method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)[len(API):] or "/")
            for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_is_in_the_document_and_nothing_else(app, spec):
    documented = {(method.upper(), path) for path, methods in spec["paths"].items()
                  for method in methods}
    assert documented == api_routes(app)


def test_every_declared_operation_has_a_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(OPERATIONS) <= endpoints


def test_a_route_without_an_operation_stops_the_document():
    bare = Flask(__name__)
    bare.add_url_rule(f"{API}/undocumented", "api.undocumented", lambda: "")
    with pytest.raises(LookupError, match="has no @operation"):
        document(bare)


def test_the_document_is_valid_openapi_3_1(app, spec):
    assert spec["openapi"] == "3.1.0"
    schemathesis.openapi.from_dict(spec).validate()


def test_every_operation_documents_its_errors_as_problem_json(spec):
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            for status, response in op["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], \
                        (method, path, status)


def validates(spec, name: str, instance) -> bool:
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return jsonschema_rs.validator_for(schema).is_valid(instance)


@pytest.mark.parametrize("url, name", [
    ("/concepts/rats", "Concept"), ("/concepts?limit=2", "ConceptList"),
    ("/search?q=sco&tgt=ru", "SearchResult"), ("/documents", "DocumentList"),
    ("/stats", "Stats"), ("/concepts/nothing", "Problem"),
])
def test_answers_match_their_schemas(client, spec, url, name):
    assert validates(spec, name, client.get(f"{API}{url}").get_json())


def test_a_schema_refuses_what_it_should(spec):
    assert not validates(spec, "Concept", {"id": "rats"})


def test_the_document_revalidates_to_304(client):
    etag = client.get(f"{API}/openapi.json").headers["ETag"]
    assert client.get(f"{API}/openapi.json",
                      headers={"If-None-Match": etag}).status_code == 304


def test_the_docs_page_shows_every_operation_and_schema(client, spec):
    page = client.get(f"{API}/docs").get_data(as_text=True)
    for methods in spec["paths"].values():
        for op in methods.values():
            assert f'id="{op["operationId"]}"' in page
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in page


def test_the_docs_page_loads_nothing_from_elsewhere_and_runs_no_script(client):
    response = client.get(f"{API}/docs")
    page = response.get_data(as_text=True)
    assert "<script" not in page
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page)
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    with client.get("/static/api/docs.css") as stylesheet:
        assert stylesheet.status_code == 200


def test_the_docs_page_is_html_even_for_a_browser_that_prefers_it(client):
    response = client.get(f"{API}/docs", headers={"Accept": "text/html"})
    assert (response.status_code, response.mimetype) == (200, "text/html")


def test_the_document_is_json_with_readable_text(client):
    body = client.get(f"{API}/openapi.json").get_data(as_text=True)
    assert json.loads(body)["info"]["summary"].startswith("The SCO Chinese–Russian–English")
    assert "–" in body  # not \u2013
