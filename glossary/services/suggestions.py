"""Russian and English suggestions for a Chinese term or a candidate (glossary.suggest), over
the database: the termbase as the suggesters' Knowledge, imported bilingual material as their
Material.

The Knowledge is services.term_knowledge's, kept per database until the termbase changes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from glossary import chinese
from glossary.messages import message
from glossary.models import Candidate
from glossary.services.bitexts import BitextMaterial
from glossary.services.concepts import NotFound
from glossary.services.review import concept_kind
from glossary.services.term_knowledge import knowledge
from glossary.services.validation import ValidationError
from glossary.suggest import Material, Query, suggest

#: The longest Chinese text suggestions are made for (a term, not a paragraph).
MAX_TERM_LENGTH = 200
#: How many suggestions per language are shown.
LIMIT = 5

def material(session: Session) -> Material:
    """The bilingual material imported into this database (TMX, documents with their
    translations): what the aligned suggester looks the term up in."""
    return BitextMaterial(session)


def _query_term(text: str) -> str:
    term = chinese.fold_script(" ".join((text or "").split()))
    if not term:
        raise ValidationError([{"field": "term", "message": message("enter a Chinese term")}])
    if not chinese.has_han(term):
        raise ValidationError([{"field": "term", "message": message(
            "suggestions are made for Chinese terms; %(term)r has no Chinese characters",
            term=term)}])
    if len(term) > MAX_TERM_LENGTH:
        raise ValidationError([{"field": "term", "message": message(
            "a term is at most %(max)d characters", max=MAX_TERM_LENGTH)}])
    return term


def for_term(session: Session, text: str, *, kind: str | None = None,
             exclude: str | None = None, limit: int = LIMIT) -> dict[str, Any]:
    """Suggestions for any Chinese term: per language, best first, each with its evidence.

    `known` lists the concepts that already have the term (their renderings are the answer,
    and are not suggested again).
    """
    term = _query_term(text)
    known = knowledge(session)
    found = suggest(Query(term, kind, exclude), known, material(session), limit=limit)
    return {"term": term, "kind": kind,
            "known": [e.key for e in known.lookup(term, exclude=exclude)],
            "suggestions": {lang: [s.to_dict() for s in found[lang]] for lang in found}}


def for_candidate(session: Session, candidate_id: int, *, limit: int = LIMIT) -> dict[str, Any]:
    """Suggestions for a candidate of the review queue, for the kind the extractor gave it."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound(message("no candidate with id %(id)d", id=candidate_id))
    kind = concept_kind(candidate.kind) if candidate.kind else None
    return {"candidate": candidate_id,
            **for_term(session, candidate.text, kind=kind, limit=limit)}
