"""Schemathesis against the live OpenAPI document, with every check `st run --checks all`
runs: each operation with valid and invalid data (valid requests accepted, invalid ones
refused with a 4xx), then linked sequences (create → read → edit → delete, and a deleted
concept stays gone). The coverage phase (boundary values, a missing required header,
unsupported methods) needs schemathesis' own pytest runner, which this pytest breaks
(`Function._nodeid`): the outside run does it, and test_contract.py keeps what it found.
No answer may be a 5xx or break the document: an undocumented status, content type or
header, or a body off its schema.

The statuses allowed beyond schemathesis' defaults are in schemathesis.toml, each with
its reason; the outside run (`st run ... --checks all`) reads the same file.
Bounded: a fixed number of examples per operation (no time limits: runs are repeatable).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth

from glossary.api import (  # noqa: F401  (the operations are declared on import)
    bitexts,
    concepts,
    documents,
    export,
    jobs,
    meta,
    search,
    terms,
    texts,
)
from glossary.api.spec import OPERATIONS
from tests.api.support import API, app_from, bearer, build_template

CONFIG = Path(__file__).resolve().parents[2] / "schemathesis.toml"
EXAMPLES = 30
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def api_app(template, tmp_path_factory):
    with app_from(template, tmp_path_factory.mktemp("app"),
                  API_READ_LIMIT="1000000 per minute", API_WRITE_LIMIT="1000000 per minute",
                  API_TEXT_LIMIT="1000000 per minute") as app:
        yield app


@pytest.fixture(scope="module")
def api_schema(api_app):
    config = schemathesis.Config.from_path(CONFIG)
    return schemathesis.openapi.from_wsgi(f"{API}/openapi.json", api_app, config=config)


@pytest.fixture(scope="module")
def auth(template, api_app):
    # An editor's write token, so that the writes run rather than stop at 401.
    return bearer(template.tokens["editor"])


# Negative cases need something to break: a query parameter, a header or a body.
CASES = [(endpoint.removeprefix("api."), mode) for endpoint, op in sorted(OPERATIONS.items())
         for mode in GenerationMode
         if mode.is_positive or op.params or op.body or op.if_match]


@pytest.mark.parametrize("operation_id, mode", CASES)
def test_no_operation_answers_5xx_or_off_its_document(api_schema, auth, operation_id, mode):
    operation = api_schema.find_operation_by_id(operation_id)

    @given(case=operation.as_strategy(generation_mode=mode))
    @BOUNDED
    def call(case):
        # No `checks`: every check the configuration enables, which is all of them.
        case.call_and_validate(headers=auth)

    call()


def test_linked_sequences_keep_to_the_document(api_schema, auth):
    class Workflow(api_schema.as_state_machine()):
        def before_call(self, case):
            # A random concept almost always breaks some rule (unknown sources or related
            # concepts, gender on a Chinese term): the stateless test covers those answers.
            # Here the sequences need concepts that exist, so creation is made valid.
            if case.operation.label == "POST /concepts" and isinstance(case.body, dict):
                case.body = {"kind": case.body.get("kind", "concept"),
                             "terms": {"en": [{"text": f"concept {uuid.uuid4().hex}"}]}}

        def get_call_kwargs(self, case):
            return {"headers": auth}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # Every call carries the editor's token (get_call_kwargs), also those the
            # sequence drew without or with a made-up one: ignored_auth would test this
            # harness, not the API. The operations test keeps it.
            case.validate_response(response, additional_checks=additional_checks,
                                   excluded_checks=[ignored_auth])

    Workflow.run(settings=settings(BOUNDED, max_examples=15, stateful_step_count=6))
