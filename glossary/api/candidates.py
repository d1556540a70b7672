"""/candidates: the review queue (editors), and suggestions of Russian and English renderings
for a candidate or for any Chinese term (/suggestions)."""

from __future__ import annotations

from flask import Response

from glossary import db
from glossary.api import bp
from glossary.api.conditional import read_response
from glossary.api.json_schemas import ref
from glossary.api.parsing import choice_param, int_param, known_params, text_param
from glossary.api.problems import bad_request
from glossary.api.spec import operation, query
from glossary.models import CANDIDATE_STATES, KINDS
from glossary.services import review as review_service
from glossary.services import suggestions
from glossary.services.validation import ValidationError

_STRING = {"type": "string"}


@operation(summary="List the review queue's candidates", tag="review", access="write", etag=True,
           description="Candidates extracted from imported documents, best score first, "
                       "filtered by state (pending by default), kind and document. Reading "
                       "the queue needs a token of scope write (an editor's).",
           params=(query("state", {"enum": list(CANDIDATE_STATES)}, "Which decisions."),
                   query("kind", _STRING, "Only candidates of this kind."),
                   query("document", _STRING, "Only candidates from this document."),
                   query("offset", {"type": "integer", "minimum": 0, "maximum": 1_000_000},
                         "How many to skip."),
                   query("limit", {"type": "integer", "minimum": 1, "maximum": 200},
                         "How many to return (50 by default).")),
           responses={200: ("A page of candidates.", ref("CandidatePage"))})
@bp.get("/candidates")
def list_candidates() -> Response:
    known_params("state", "kind", "document", "offset", "limit")
    page = review_service.list_candidates(
        db.session(), state=choice_param("state", CANDIDATE_STATES) or "pending",
        kind=text_param("kind", max_length=40) or None,
        document=text_param("document", max_length=120) or None,
        offset=int_param("offset", 0, 0, 1_000_000), limit=int_param("limit", 50, 1, 200))
    return read_response(page)


@operation(summary="Describe one candidate", tag="review", access="write", etag=True,
           responses={200: ("The candidate, with its contexts and decision.",
                            ref("ReviewCandidate"))})
@bp.get("/candidates/<int:candidate_id>")
def get_candidate(candidate_id: int) -> Response:
    known_params()
    return read_response(review_service.get_candidate(db.session(), candidate_id))


@operation(summary="Suggest Russian and English renderings for a candidate", tag="review",
           access="write", rate="text", etag=True,
           description="Per language, best first: renderings composed from terms the "
                       "termbase knows, names transcribed, and phrases found in imported "
                       "bilingual material, each with its evidence. `confident` is false for "
                       "a weak suggestion; an empty list means no suggester could tell.",
           params=(query("limit", {"type": "integer", "minimum": 1, "maximum": 20},
                         "At most this many per language (5 by default)."),),
           responses={200: ("The suggestions.", ref("Suggestions"))})
@bp.get("/candidates/<int:candidate_id>/suggestions")
def candidate_suggestions(candidate_id: int) -> Response:
    known_params("limit")
    return read_response(suggestions.for_candidate(db.session(), candidate_id,
                                                   limit=int_param("limit", 5, 1, 20)))


@operation(summary="Suggest Russian and English renderings for a Chinese term", tag="review",
           rate="text", etag=True,
           description="The suggestions a candidate gets, for any Chinese term (simplified or "
                       "traditional, at most 200 characters). `known` lists the concepts that "
                       "already have the term.",
           params=(query("term", {"type": "string", "minLength": 1, "maxLength": 200},
                         "The Chinese term.", required=True),
                   query("kind", {"enum": list(KINDS)},
                         "What it names (person, place, meeting ...), when known."),
                   query("limit", {"type": "integer", "minimum": 1, "maximum": 20},
                         "At most this many per language (5 by default).")),
           responses={200: ("The suggestions.", ref("Suggestions"))})
@bp.get("/suggestions")
def term_suggestions() -> Response:
    known_params("term", "kind", "limit")
    term = text_param("term", max_length=suggestions.MAX_TERM_LENGTH)
    if not term:
        raise bad_request("term", "give the Chinese term: ?term=…")
    try:
        found = suggestions.for_term(db.session(), term, kind=choice_param("kind", KINDS),
                                     limit=int_param("limit", 5, 1, 20))
    except ValidationError as exc:  # a query parameter, not a body: 400
        raise bad_request("term", str(exc.errors[0]["message"])) from None
    return read_response(found)
