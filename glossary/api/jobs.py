"""/jobs: the queued work an upload starts (importing a document), and its progress.

`POST /documents` answers at once with 202 and `Location: /api/v1/jobs/ID`; the client
polls that job until its state is done (its `result` names the document) or failed (its
`message` says why).
"""

from __future__ import annotations

from flask import Response, request, url_for

from glossary import db, worker
from glossary.api import bp
from glossary.api.auth import writer
from glossary.api.conditional import read_response, write_response
from glossary.api.json_schemas import ref
from glossary.api.parsing import _check_size, check_content_type, known_params, text_param
from glossary.api.spec import MAX_ID, TEXT, operation, query
from glossary.services import extraction
from glossary.services import jobs as job_service
from glossary.services.concepts import NotFound
from glossary.textio import MAX_TEXT_BYTES


@operation(
    summary="Import a Chinese, Russian or English document (queued)", tag="documents",
    access="write", rate="write",
    description="The body is the document's text: UTF-8, UTF-16 with a BOM, GB18030 or "
                "Big5, at most 16 MiB. What can be checked at once (text, not empty, "
                "Chinese, Russian or English) is checked before the answer; the import "
                "itself (finding known terms and keeping their contexts; for a Chinese text, "
                "queueing new candidates for review) is a job: the answer is 202 "
                "with `Location` naming it. Poll `GET /jobs/{job_id}` until its state is "
                "`done` (`result.document` is the document's id; `result.imported` is "
                "false when these exact bytes were imported before) or `failed`.",
    params=(query("title", {"type": "string", "maxLength": 500},
                  "The document's title (default: the name, without its extension)."),
            query("name", {"type": "string", "maxLength": 200},
                  "The file name the document came from (default: upload.txt).")),
    body={TEXT: {"type": "string", "maxLength": MAX_TEXT_BYTES}},
    responses={202: ("Queued: the job, also named by the Location header.", ref("Job"))})
@bp.post("/documents")
def import_document() -> Response:
    known_params("title", "name")
    check_content_type()
    _check_size()
    name = extraction.upload_name(text_param("name", max_length=200) or "upload.txt")
    title = (text_param("title", max_length=500) or "").strip() or name.split(".")[0]
    raw = request.get_data(cache=False)
    extraction.check_upload(raw, name)  # 422 (ExtractionError) or 413
    job = worker.submit(db.session(), "import-document", params={"name": name, "title": title},
                        payload=raw, user=writer().name)
    location = url_for("api.get_job", job_id=job.id)
    return write_response(job_service.job_to_dict(job), status=202, location=location)


@operation(summary="Follow a queued job", tag="documents", etag=True,
           description="State (queued, running, done, failed), progress from 0 to 1, a "
                       "message saying what it is doing or why it failed, and its result.",
           responses={200: ("The job.", ref("Job"))})
@bp.get("/jobs/<int:job_id>")
def get_job(job_id: int) -> Response:
    known_params()
    # Ids beyond the column's range cannot exist (and would overflow the database driver).
    job = job_service.get_job(db.session(), job_id) if job_id <= MAX_ID else None
    if job is None:
        raise NotFound(f"no job with id {job_id}")
    return read_response(job_service.job_to_dict(job))
