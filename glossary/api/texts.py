"""Working on a text sent in the body: annotate it with known terms, or extract candidates.

Both read `text/plain` (the text itself; annotate takes `?lang=`) or JSON `{"text": ...}`,
and both are reads (public, nothing stored), counted against the "text" rate limit.
"""

from __future__ import annotations

from flask import Response, request

from glossary import db
from glossary.api import bp
from glossary.api.conditional import write_response
from glossary.api.json_schemas import lang_tag_schema, ref
from glossary.api.parsing import known_params, lang_tag, normalise_lang, text_body, text_param
from glossary.api.problems import ApiProblem
from glossary.api.spec import JSON, TEXT, operation, query
from glossary.services import extraction
from glossary.services.annotate import MAX_TEXT_BYTES, TEXT_LANGS, TextTooLarge, annotate

_TEXT_BODY = {"type": "string", "maxLength": MAX_TEXT_BYTES}


@operation(
    summary="Mark the known terms in a text", tag="texts", rate="text",
    description="Every term of the termbase found in the text, longest first, with its "
                "offsets (Unicode code points into the text as sent) and its concept; "
                "`concepts` is the glossary of exactly the concepts found. Chinese matches "
                "in either script, Russian and English in inflected forms. At most 1 MiB "
                "of UTF-8.",
    params=(query("lang", lang_tag_schema(TEXT_LANGS, empty=True),
                  "The text's language (empty or left out: found from the text); with a "
                  "JSON body, its `lang` wins."),),
    body={JSON: ref("AnnotateRequest"), TEXT: _TEXT_BODY},
    responses={200: ("The marks and their concepts.", ref("Annotation"))})
@bp.post("/annotate")
def annotate_text() -> Response:
    known_params("lang")
    text, rest = text_body()
    _refuse_unknown(rest, "lang")
    lang = lang_tag(text_param("lang"), "lang", TEXT_LANGS)
    if request.mimetype != TEXT and rest.get("lang") is not None:  # the body's lang wins
        lang = _body_lang(rest["lang"])
    return write_response(annotate(db.session(), text, lang=lang))


def _body_lang(value) -> str | None:
    if value is None:
        return None
    lang = normalise_lang(value)
    if lang not in TEXT_LANGS:
        raise ApiProblem(422, f"lang: {value!r} is not a language of the termbase",
                         errors=[{"field": "lang", "message": "one of " + ", ".join(
                             TEXT_LANGS)}])
    return lang


@operation(
    summary="Extract term candidates from a Chinese text", tag="texts", rate="text",
    description="Candidates, best first, in the shape `glossary extract --json` prints; "
                "terms the termbase knows carry their concept id. text/plain bodies may be "
                "UTF-8, UTF-16, GB18030 or Big5. At most 1 MiB.",
    body={JSON: ref("ExtractRequest"), TEXT: _TEXT_BODY},
    responses={200: ("The candidates.", ref("Extraction"))})
@bp.post("/extract")
def extract_text() -> Response:
    known_params()
    # An empty text has no candidates (as annotate marks nothing in it), not an error.
    text, rest = text_body(decode=lambda raw: extraction.decode_upload(raw, "the body")
                           if raw else "")
    _refuse_unknown(rest)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise TextTooLarge(f"the text is over {MAX_TEXT_BYTES} bytes of UTF-8, the most "
                           "extracted from at once")
    if not text.strip():  # nothing to extract from: no candidates, as annotate marks none
        return write_response({"candidates": []})
    session = db.session()
    found = extraction.extract_text(text, known=extraction.known_terms(session))
    return write_response({"candidates": found})


def _refuse_unknown(members: dict, *allowed: str) -> None:
    unknown = sorted(set(members) - set(allowed))
    if unknown:
        raise ApiProblem(422, f"unknown member(s) in the body: {', '.join(unknown)}",
                         errors=[{"field": name, "message": "unknown field"}
                                 for name in unknown])
