"""Marking parts of a text for display: search highlights and annotated terms.

Pure functions over strings and spans, shared by the templates as filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from flask import Flask
from markupsafe import Markup, escape

from glossary.chinese import has_han


def _clean_spans(spans: Iterable[Sequence[int]] | None, length: int) -> list[tuple[int, int]]:
    """Spans inside the text, sorted, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for span in sorted((max(int(s[0]), 0), min(int(s[1]), length)) for s in spans or ()
                       if len(s) >= 2):
        if span[0] >= span[1]:
            continue
        if out and span[0] <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span[1]))
        else:
            out.append(span)
    return out


def highlight(text: str, spans: Iterable[Sequence[int]] | None) -> Markup:
    """The text with each span wrapped in <mark>, everything else escaped.

    >>> highlight("地区反恐怖机构", [[2, 4]])
    Markup('地区<mark>反恐</mark>怖机构')
    >>> highlight("<b>", None)
    Markup('&lt;b&gt;')
    """
    text = text or ""
    parts, last = [], 0
    for start, end in _clean_spans(spans, len(text)):
        parts += [escape(text[last:start]), Markup("<mark>"), escape(text[start:end]),
                  Markup("</mark>")]
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def highlight_term(sentence: str, *terms: str | None) -> Markup:
    """The sentence with every occurrence of the terms (e.g. both scripts) marked.

    >>> highlight_term("上合组织和上合组织", "上合组织")
    Markup('<mark>上合组织</mark>和<mark>上合组织</mark>')
    >>> highlight_term("地區安全", "地区安全", "地區安全")
    Markup('<mark>地區安全</mark>')
    """
    sentence = sentence or ""
    spans = []
    for term in dict.fromkeys(t for t in terms if t):
        start = sentence.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = sentence.find(term, start + len(term))
    return highlight(sentence, spans)


def segments(text: str, marks: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any] | None]]:
    """The text cut into plain pieces and marked terms (marks by `start`/`end`), in order.

    >>> segments("ab上合组织cd", [{"start": 2, "end": 6}])
    [('ab', None), ('上合组织', {'start': 2, 'end': 6}), ('cd', None)]
    """
    out: list[tuple[str, dict[str, Any] | None]] = []
    last = 0
    for mark in sorted(marks, key=lambda m: m["start"]):
        if mark["start"] < last:  # overlapping marks: the earlier one wins
            continue
        if mark["start"] > last:
            out.append((text[last:mark["start"]], None))
        out.append((text[mark["start"]:mark["end"]], mark))
        last = mark["end"]
    if last < len(text):
        out.append((text[last:], None))
    return out


def init_app(app: Flask) -> None:
    app.add_template_filter(highlight, "highlight")
    app.add_template_filter(highlight_term, "highlight_term")
    app.add_template_filter(segments, "segments")
    # `{% if query is han %}`: a text with Chinese in it (what suggestions are made for).
    app.add_template_test(has_han, "han")
