"""Form bodies are bounded before they are parsed (glossary/bodies.py): an anonymous client
cannot make the server hold a hundred times the size of what it sent."""

from __future__ import annotations

import io
import tracemalloc
from urllib.parse import parse_qsl, quote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import bodies
from tests.test_web_support import csrf

pytest_plugins = ["tests.test_web_support"]

URLENCODED = "application/x-www-form-urlencoded"
#: The hostile body of the report: 14.6 MiB of one percent-encoded character.
HOSTILE = b"text=" + b"%E4%B8%8A" * 1_700_000


def peak_of(call) -> tuple[object, float]:
    """What `call()` returns, and the most memory (MB) it held at once."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_an_oversize_login_form_is_refused_with_413_before_it_is_read(client):
    response, peak = peak_of(lambda: client.post("/login", data=HOSTILE,
                                                 content_type=URLENCODED))
    assert response.status_code == 413
    assert peak < 50


@pytest.mark.parametrize("path", ["/annotate", "/annotate.json", "/concepts/rats/edit"])
def test_text_forms_refuse_a_body_over_their_own_larger_limit(client, path):
    body = b"text=" + b"%E4%B8%8A" * 450_000  # 4 MB: over the 3 MiB a 1 MiB text needs
    assert client.post(path, data=body, content_type=URLENCODED).status_code == 413


def test_a_chunked_body_without_a_length_is_cut_off_at_the_limit(client):
    response, peak = peak_of(lambda: client.post(
        "/login", input_stream=io.BytesIO(HOSTILE), content_type=URLENCODED,
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True}))  # as waitress and gunicorn set it
    assert response.status_code == 413
    assert peak < 50


def test_the_annotate_form_still_takes_a_megabyte_of_chinese(client):
    text = "上海合作组织" * (1_048_000 // 18)  # just under 1 MiB of UTF-8
    body = f"csrf_token={csrf(client)}&text={quote_plus(text)}".encode()
    response = client.post("/annotate", data=body, content_type=URLENCODED)
    assert response.status_code == 200


def test_reading_a_text_form_costs_a_few_times_its_size_not_a_hundred(app):
    body = b"lang=zh&text=" + b"%E4%B8%8A" * (3 * 1024 * 1024 // 9)  # 3 MiB on the wire
    with app.test_request_context("/annotate", method="POST", data=body,
                                  content_type=URLENCODED):
        from flask import request

        bodies._bound_form_body()
        form, peak = peak_of(lambda: request.form)
        assert form["text"] == "上" * (3 * 1024 * 1024 // 9)
    assert peak < 30  # parse_qsl held about 240 MB for this body


def test_a_multipart_text_field_over_the_limit_is_refused(client):
    response = client.post("/login", data={"csrf_token": csrf(client), "name": "x" * 300_000},
                           content_type="multipart/form-data")
    assert response.status_code == 413


def test_413_says_what_the_limit_is(client):
    response = client.post("/login", data=HOSTILE, content_type=URLENCODED,
                           headers={"Accept": "application/json"})
    assert "the limit here is 262144" in response.get_json()["detail"]


@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=300)), max_size=6),
       st.integers(min_value=1, max_value=12))
def test_the_lean_decoder_reads_what_the_standard_one_reads(pairs, slice_size):
    body = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs)
    original = bodies._SLICE
    bodies._SLICE = slice_size  # small slices: every cut lands near an escape somewhere
    try:
        lean = bodies.parse_urlencoded(body.encode())
    finally:
        bodies._SLICE = original
    standard = parse_qsl(body, keep_blank_values=True)
    assert lean == [(k, v) for k, v in standard]


def test_the_lean_decoder_replaces_broken_utf8_and_keeps_bad_escapes():
    assert bodies.parse_urlencoded(b"a=%E4%B8&b=%zz&c=1+2") == [
        ("a", "\ufffd"), ("b", "%zz"), ("c", "1 2")]
