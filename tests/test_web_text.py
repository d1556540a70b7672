"""The small pure helpers of the web pages: the edge cases (their doctests run with the
package's, through pytest --doctest-modules)."""

from __future__ import annotations

from glossary.web import forms, text


def test_highlight_joins_overlapping_spans_and_ignores_bad_ones():
    assert text.highlight("abcdef", [[1, 3], [2, 4], [9, 12], [5, 5]]) == "a<mark>bcd</mark>ef"


def test_segments_skip_a_mark_that_overlaps_the_previous_one():
    pieces = text.segments("abcdef", [{"start": 0, "end": 3}, {"start": 2, "end": 5}])
    assert [p for p, _ in pieces] == ["abc", "def"]


def test_term_fields_keep_empty_optional_fields_as_none():
    from werkzeug.datastructures import MultiDict

    data = forms.term_fields(MultiDict({"text": "ШОС", "type": "abbreviation",
                                        "status": "preferred", "pos": "", "sources": "a, b"}))
    assert data == {"text": "ШОС", "type": "abbreviation", "status": "preferred",
                    "pos": None, "gender": None, "note": None, "sources": ["a", "b"]}
