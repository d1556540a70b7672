"""/documents: the source documents imported into the termbase."""

from __future__ import annotations

from flask import Response

from glossary import db
from glossary.api import bp
from glossary.api.conditional import read_response
from glossary.api.json_schemas import ref
from glossary.api.parsing import known_params
from glossary.api.spec import operation
from glossary.services import documents as document_service
from glossary.services.concepts import NotFound


@operation(summary="List the source documents", tag="documents", etag=True,
           responses={200: ("Every document, in import order.", ref("DocumentList"))})
@bp.get("/documents")
def list_documents() -> Response:
    known_params()
    return read_response({"documents": document_service.list_documents(db.session())})


@operation(summary="Describe one source document", tag="documents", etag=True,
           responses={200: ("The document.", ref("Document"))})
@bp.get("/documents/<key>")
def get_document(key: str) -> Response:
    known_params()
    # Documents are few (imported texts, not terms): picking from the list is enough.
    for document in document_service.list_documents(db.session()):
        if document["id"] == key:
            return read_response(document)
    raise NotFound(f"no document with id {key!r}")
