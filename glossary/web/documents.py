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
    # The extractor reads files: the upload is saved under its own name, made safe, in a
    # folder of its own, so that what the extractor says about it names the user's file.
    name = upload_name(upload.filename)
    title = request.form.get("title", "").strip() or name.split(".")[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        upload.save(path)
        try:
            with db.transaction() as session:
                result = extraction.import_file(session, path, title=title or None,
                                                origin=name)
        except extraction.ExtractionError as exc:
            return documents(translate(exc), 422)
    if not result["imported"]:
        flash(_("This document was imported before; nothing changed."), "info")
        return redirect(url_for("web.documents"))
    flash(_("Document imported: %(candidates)d new candidates, %(known)d known terms.",
            candidates=result["candidates"], known=result["known"]), "success")
    return redirect(url_for("web.document", key=result["document"]))


def upload_name(filename: str) -> str:
    """An uploaded file's own name, safe to save in a folder of our own: no folders, no
    characters a file system or a shell would take specially. Chinese is kept (werkzeug's
    secure_filename would drop it and leave nothing of 二〇一七年公报.txt)."""
    name = PurePath(filename.replace("\\", "/")).name
    safe = "".join(c if c.isalnum() or c in "._-()（）《》 " else "_" for c in name)
    return safe.strip(" .")[:120] or "upload.txt"

