"""Source documents: the list, one document with its known terms marked, upload, and the
progress of the import jobs that uploads queue; the bilingual material (a TMX, a Chinese
text with its translation) beside them, with a page of each one's sentence pairs."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from glossary import db, worker
from glossary.messages import Message
from glossary.services import bitexts as bitext_service
from glossary.services import documents as document_service
from glossary.services import extraction
from glossary.services import jobs as job_service
from glossary.services import review as review_service
from glossary.services.concepts import NotFound
from glossary.web import bp
from glossary.web.auth import identity, require
from glossary.web.i18n import translate
from glossary.web.labels import label
from glossary.web.rendering import render


@bp.get("/documents")
@bp.get("/documents.json", endpoint="documents_json")
def documents(upload_error: str | None = None, status: int = 200, form: str = "upload"):
    """The documents and the bilingual material; `upload_error` is shown by the form
    `form` ("upload", "tmx" or "parallel") that was refused."""
    session = db.session()
    data: dict[str, Any] = {"documents": document_service.list_documents(session),
                            "bitexts": bitext_service.list_bitexts(session),
                            "jobs": [job_view(job) for job in job_service.recent_jobs(session)]}
    if upload_error:
        data[f"{form}_error"] = upload_error
    return render("documents.html", data, url_for("web.documents_json"), status)


@bp.get("/jobs/<int:job_id>")
@bp.get("/jobs/<int:job_id>.json", endpoint="job_json")
def job(job_id: int):
    """One job: its state and progress (what the documents page polls while it runs)."""
    found = job_service.get_job(db.session(), job_id)
    if found is None:
        abort(404, description=_("No such job."))
    return render("job.html", {"job": job_view(found)},
                  url_for("web.job_json", job_id=job_id))


def job_view(found) -> dict:
    """A job as the pages show it: its shape, its message in the interface language, and
    the link to what it made."""
    data = job_service.job_to_dict(found)
    text = job_service.message_of(found)
    # A message while it runs is plain English without values: its own catalogue entry.
    data["message"] = (translate(text) if isinstance(text, Message) else _(text)) if text \
        else None
    data["state_label"] = label(data["state"], "job_state")
    key = data["result"].get("document")
    data["link"] = url_for("web.document", key=key) if key else None
    bitext = data["result"].get("bitext")
    if bitext:
        data["link"] = url_for("web.bitext", key=bitext)
        data["link_label"] = _("Open the bilingual material")
    data["url"] = url_for("web.job", job_id=found.id)
    return data


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
    """Queue the import of an uploaded document and answer at once: the documents page
    shows the job's progress (the import finds the known terms and queues new candidates).
    What can be checked quickly (a file, text, Chinese, not imported before) is checked
    here, so that a bad file is refused at once."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return documents(_("Choose a file to import."), 422)
    name = upload_name(upload.filename)
    title = request.form.get("title", "").strip()[:500] or name.split(".")[0]
    raw = upload.read()
    try:
        extraction.check_upload(raw, name)
    except extraction.ExtractionError as exc:
        return documents(translate(exc), 422)
    session = db.session()
    if extraction.already_imported(session, raw) is not None:
        flash(_("This document was imported before; nothing changed."), "info")
        return redirect(url_for("web.documents"))
    user = identity()
    queued = worker.submit(session, "import-document", params={"name": name, "title": title},
                           payload=raw, user=user.name if user else None)
    flash(_("%(name)s is being imported; its progress is shown below.", name=name), "info")
    return redirect(url_for("web.documents", _anchor=f"job-{queued.id}"))


@bp.post("/bitexts/tmx")
@require("write")
def upload_tmx():
    """Queue the import of an uploaded TMX; the file is read here first, so that a malformed
    or hostile one is refused at once."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return documents(_("Choose a file to import."), 422, "tmx")
    name = upload_name(upload.filename)
    raw = upload.read()
    try:
        bitext_service.check_tmx(raw, name)
    except bitext_service.BitextError as exc:
        return documents(translate(exc), 422, "tmx")
    return _queue_bitext("import-tmx", raw, hashlib.sha256(raw).hexdigest(), name, {
        "name": name, "title": _title(name)})


@bp.post("/bitexts/parallel")
@require("write")
def upload_parallel():
    """Queue the import of a Chinese text and its translation (both checked here first)."""
    zh, target = request.files.get("zh"), request.files.get("target")
    if zh is None or not zh.filename or target is None or not target.filename:
        return documents(_("Choose the Chinese text and its translation."), 422, "parallel")
    zh_name, target_name = upload_name(zh.filename), upload_name(target.filename)
    zh_raw, target_raw = zh.read(), target.read()
    try:
        bitext_service.check_parallel(zh_raw, target_raw, zh_name=zh_name,
                                      target_name=target_name)
    except bitext_service.BitextError as exc:
        return documents(translate(exc), 422, "parallel")
    return _queue_bitext("import-parallel", zh_raw + target_raw,
                         bitext_service.parallel_sha(zh_raw, target_raw), zh_name, {
                             "zh_name": zh_name, "target_name": target_name,
                             "zh_size": len(zh_raw), "title": _title(zh_name)})


def _title(name: str) -> str:
    return request.form.get("title", "").strip()[:500] or name.split(".")[0]


def _queue_bitext(kind: str, payload: bytes, sha: str, name: str, params: dict[str, Any]):
    session = db.session()
    if bitext_service.already_imported(session, sha) is not None:
        flash(_("This material was imported before; nothing changed."), "info")
        return redirect(url_for("web.documents"))
    user = identity()
    queued = worker.submit(session, kind, params=params, payload=payload,
                           user=user.name if user else None)
    flash(_("%(name)s is being imported; its progress is shown below.", name=name), "info")
    return redirect(url_for("web.documents", _anchor=f"job-{queued.id}"))


@bp.get("/bitexts/<key>")
@bp.get("/bitexts/<key>.json", endpoint="bitext_json")
def bitext(key: str):
    """One bilingual material and a page of its sentence pairs (`after` is the position
    and language the page before ended with, as "12:ru")."""
    after = None
    if request.args.get("after"):
        position, _sep, lang = request.args["after"].partition(":")
        if not position.isdigit() or lang not in ("ru", "en"):
            abort(400, description=_("'after' must be a position and a language, as 12:ru."))
        after = (int(position), lang)
    try:
        data = bitext_service.get_bitext(db.session(), key, after=after, limit=100)
    except NotFound as exc:
        abort(404, description=translate(exc))
    return render("bitext.html", data, url_for("web.bitext_json", key=key))


upload_name = extraction.upload_name
