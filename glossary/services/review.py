"""The review queue: candidates extracted from documents, and a terminologist's decisions.

A candidate is accepted as a new concept, merged into an existing concept (as a variant,
short form or abbreviation), or rejected. Every change to the termbase goes through
services/editing.py, so it is validated and lands in the change history; the candidate keeps
who decided what and when, and which concept it became part of.
The caller owns the transaction (`db.transaction()`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.messages import N_, message
from glossary.models import KINDS, Candidate, Concept, Document, Source, utcnow
from glossary.services import annotate as annotate_service
from glossary.services import documents as document_service
from glossary.services import editing
from glossary.services.concepts import NotFound
from glossary.services.editing import ValidationError

#: Candidate kinds (from the extractor) that are not concept kinds, and what they become.
KIND_FOR_CANDIDATE = {"treaty": "document", "abbreviation": "concept"}
MERGE_TYPES = ("variant", "shortForm", "abbreviation", "acronym")
BULK_ACTIONS = ("accept", "reject")
#: Why a candidate decided before cannot be decided again (templates: see glossary.messages).
ALREADY = {"accepted": N_("already accepted"), "merged": N_("already merged"),
           "rejected": N_("already rejected")}


def concept_kind(candidate_kind: str | None) -> str:
    """The concept kind a candidate of this kind becomes by default."""
    kind = KIND_FOR_CANDIDATE.get(candidate_kind or "", candidate_kind or "concept")
    return kind if kind in KINDS else "concept"


def candidate_to_dict(c: Candidate, document_key: str | None = None,
                      concept_key: str | None = None) -> dict[str, Any]:
    return {
        "id": c.id, "term": c.text, "original": c.original, "kind": c.kind,
        "concept_kind": concept_kind(c.kind), "score": round(c.score or 0.0, 3),
        "count": c.frequency, "pinyin": c.pinyin, "contexts": c.contexts or [],
        "full_form": (c.links or {}).get("full_form"),
        "abbreviations": (c.links or {}).get("abbreviations") or [],
        "document": document_key, "state": c.state, "concept": concept_key,
        "decided_by": c.decided_by,
        "decided_at": c.decided_at.isoformat(timespec="seconds") + "Z" if c.decided_at
        else None,
    }


def _rows(session: Session, query) -> list[dict[str, Any]]:
    query = (query.outerjoin(Document, Document.id == Candidate.document_id)
             .outerjoin(Concept, Concept.id == Candidate.concept_id)
             .add_columns(Document.key, Concept.key))
    return [candidate_to_dict(c, doc, concept) for c, doc, concept in session.execute(query)]


def list_candidates(session: Session, *, state: str = "pending", kind: str | None = None,
                    document: str | None = None, offset: int = 0,
                    limit: int = 50) -> dict[str, Any]:
    """A page of candidates, best score first, with the filters that made it."""
    query = select(Candidate).where(Candidate.state == state)
    if kind:
        query = query.where(Candidate.kind == kind)
    if document:
        query = query.where(Candidate.document_id == select(Document.id).where(
            Document.key == document).scalar_subquery())
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = query.order_by(Candidate.score.desc(), Candidate.frequency.desc(), Candidate.id)
    kinds = session.execute(select(Candidate.kind, func.count()).where(
        Candidate.state == state).group_by(Candidate.kind).order_by(Candidate.kind)).all()
    return {"total": total, "offset": offset, "limit": limit,
            "filters": {"state": state, "kind": kind, "document": document},
            "kinds": {k or "": n for k, n in kinds},
            "candidates": _rows(session, page.offset(offset).limit(limit))}


def get_candidate(session: Session, candidate_id: int) -> dict[str, Any]:
    rows = _rows(session, select(Candidate).where(Candidate.id == candidate_id))
    if not rows:
        raise NotFound(message("no candidate with id %(id)d", id=candidate_id))
    return rows[0]


def _pending(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound(message("no candidate with id %(id)d", id=candidate_id))
    if candidate.state != "pending":
        raise ValidationError([{"field": "candidate", "message": message(
            ALREADY.get(candidate.state) or "already %(state)s", state=candidate.state)}])
    return candidate


def _decide(candidate: Candidate, state: str, concept_id: int | None, user: str | None):
    candidate.state = state
    candidate.concept_id = concept_id
    candidate.decided_by = user
    candidate.decided_at = utcnow()


def _term(text: str, **fields: Any) -> dict[str, Any]:
    return {"text": text, **{k: v for k, v in fields.items() if v not in (None, "", [])}}


def new_concept_shape(candidate: Candidate, choices: dict[str, Any]) -> dict[str, Any]:
    """The concept shape a candidate becomes, from the reviewer's choices.

    `choices` may give: kind, subject, type, status, ru, en (texts), ru_note, en_note (a usage
    note on that rendering: where an accepted suggestion came from), source (a source id for
    the ru/en renderings), palladius (bool), definition (English text).
    """
    status = choices.get("status") or "proposed"
    source = [choices["source"]] if choices.get("source") else []
    zh_type = choices.get("type") or "fullForm"
    zh_hans = chinese.fold_script(candidate.text)
    terms: dict[str, list[dict[str, Any]]] = {
        "zh-Hans": [_term(zh_hans, type=zh_type, status=status,
                          palladius=bool(choices.get("palladius")))]}
    traditional = chinese.to_traditional(zh_hans)
    if traditional != zh_hans:
        terms["zh-Hant"] = [_term(traditional, type=zh_type, status=status)]
    for lang in ("ru", "en"):
        if (choices.get(lang) or "").strip():
            terms[lang] = [_term(choices[lang], type="fullForm", status=status,
                                 sources=source, note=choices.get(f"{lang}_note"))]
    shape: dict[str, Any] = {"kind": choices.get("kind") or concept_kind(candidate.kind),
                             "terms": terms}
    if choices.get("subject"):
        shape["subject"] = choices["subject"]
    if (choices.get("definition") or "").strip():
        shape["definition"] = {"en": choices["definition"]}
    return shape


def _refresh_document(session: Session, candidate: Candidate) -> None:
    # The new term's occurrences give the concept page its contexts at once.
    doc = session.get(Document, candidate.document_id) if candidate.document_id else None
    if doc is not None:
        document_service.refresh_occurrences(session, doc)


def accept(session: Session, candidate_id: int, choices: dict[str, Any], *,
           user: str | None) -> dict[str, Any]:
    """Make the candidate a new concept; return the concept as stored."""
    candidate = _pending(session, candidate_id)
    concept = editing.create_concept(session, new_concept_shape(candidate, choices),
                                     user=user)
    concept_id = session.scalar(select(Concept.id).where(Concept.key == concept["id"]))
    _decide(candidate, "accepted", concept_id, user)
    _refresh_document(session, candidate)
    return concept


def merge(session: Session, candidate_id: int, concept_key: str, *, term_type: str,
          status: str = "admitted", expected_version: int | None = None,
          user: str | None) -> dict[str, Any]:
    """Add the candidate to an existing concept as another term; return the concept."""
    candidate = _pending(session, candidate_id)
    if term_type not in MERGE_TYPES:
        raise ValidationError([{"field": "type", "message": message(
            "one of %(choices)s", choices=", ".join(MERGE_TYPES))}])
    concept_id = session.scalar(select(Concept.id).where(Concept.key == concept_key))
    if concept_id is None:
        raise ValidationError([{"field": "concept", "message": message(
            "no concept %(id)r", id=concept_key)}])
    zh_hans = chinese.fold_script(candidate.text)
    concept = editing.add_term(session, concept_key, {"text": zh_hans, "type": term_type,
                                                      "status": status},
                               lang="zh-Hans", expected_version=expected_version, user=user)
    traditional = chinese.to_traditional(zh_hans)
    known = {t["text"] for t in concept["terms"]["zh-Hant"]}
    if concept["terms"]["zh-Hant"] and traditional != zh_hans and traditional not in known:
        concept = editing.add_term(session, concept_key, {"text": traditional,
                                                          "type": term_type,
                                                          "status": status},
                                   lang="zh-Hant", expected_version=concept["version"],
                                   user=user)
    _decide(candidate, "merged", concept_id, user)
    _refresh_document(session, candidate)
    return concept


def reject(session: Session, candidate_id: int, *, user: str | None) -> None:
    _decide(_pending(session, candidate_id), "rejected", None, user)


def decide_many(session: Session, ids: list[int], action: str, *,
                user: str | None) -> dict[str, Any]:
    """Accept (as proposed concepts, with default choices) or reject several candidates.

    All or nothing: one candidate that cannot be decided refuses the whole batch.
    """
    if action not in BULK_ACTIONS:
        raise ValidationError([{"field": "action", "message": message("accept or reject")}])
    if not ids:
        raise ValidationError([{"field": "ids",
                                "message": message("choose at least one candidate")}])
    concepts = []
    for candidate_id in dict.fromkeys(ids):
        if action == "reject":
            reject(session, candidate_id, user=user)
        else:
            concepts.append(accept(session, candidate_id, {}, user=user)["id"])
    return {"action": action, "count": len(dict.fromkeys(ids)), "concepts": concepts}


def document_page(session: Session, key: str) -> dict[str, Any]:
    """A source document with every known term in it marked (the annotate service), its
    glossary, and its pending candidates counted: what its page shows."""
    doc = session.scalar(select(Document).where(Document.key == key))
    if doc is None:
        raise NotFound(message("no document with id %(id)r", id=key))
    pending = session.scalar(select(func.count(Candidate.id)).where(
        Candidate.document_id == doc.id, Candidate.state == "pending")) or 0
    lang = "zh" if doc.lang.startswith("zh") else doc.lang
    found = annotate_service.annotate(session, doc.original,
                                      lang=lang if lang in annotate_service.TEXT_LANGS else None)
    return {"document": {**document_service.document_summary(doc), "meta": doc.meta,
                         "text": found["text"]},
            "marks": found["marks"], "concepts": found["concepts"],
            "pending_candidates": pending}


def source_keys(session: Session) -> list[str]:
    """The ids of the sources a reviewer or editor can cite for a rendering."""
    return list(session.scalars(select(Source.key).order_by(Source.key)))
