"""Source documents: the list, one document with its known terms marked, and upload."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from glossary import db
from glossary.services import documents as document_service
from glossary.services import extraction
from glossary.services import review as review_service
from glossary.services.concepts import NotFound
from glossary.web import bp
from glossary.web.auth import require
from glossary.web.i18n import translate
from glossary.web.rendering import render


@bp.get("/documents")
@bp.get("/documents.json", endpoint="documents_json")
def documents(upload_error: str | None = None, status: int = 200):
    data = {"documents": document_service.list_documents(db.session())}
    if upload_error:
        data["upload_error"] = upload_error
    return render("documents.html", data, url_for("web.documents_json"), status)


@bp.get("/documents/<key>")
@bp.get("/documents/<key>.json", endpoint="document_json")
def document(key: str):
    try:
        data = review_service.document_page(db.session(), key)
    except NotFound as exc:
        abort(404, description=translate(exc))
    return render("document.html", data, url_for("web.document_json", key=key))


@bp.post("/documents")
@require("write")
def upload():
    """Import an uploaded document: its known terms are found, new candidates queued."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return documents(_("Choose a file to import."), 422)
    # The extractor reads files. The upload's own name (often Chinese, which
    # secure_filename would drop) becomes the default title; the file on disk gets a safe one.
    title = request.form.get("title", "").strip() or PurePath(upload.filename).name.split(".")[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.txt"
        upload.save(path)
        try:
            with db.transaction() as session:
                result = extraction.import_file(session, path, title=title or None)
        except extraction.ExtractionError as exc:
            return documents(translate(exc), 422)
    if not result["imported"]:
        flash(_("This document was imported before; nothing changed."), "info")
        return redirect(url_for("web.documents"))
    flash(_("Document imported: %(candidates)d new candidates, %(known)d known terms.",
            candidates=result["candidates"], known=result["known"]), "success")
    return redirect(url_for("web.document", key=result["document"]))
