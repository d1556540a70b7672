"""/bitexts: bilingual material (a TMX, a Chinese document with its translation) imported as
aligned sentence pairs, which the suggestions look new Chinese terms up in.

`POST /bitexts` answers at once with 202 and the job that imports it, as `POST /documents`
does; what can be checked quickly (a well-formed, harmless TMX with usable units; two texts
in the right languages) is checked before the answer.
"""

from __future__ import annotations

from flask import Response, request, url_for

from glossary import db, worker
from glossary.api import bp
from glossary.api.auth import writer
from glossary.api.conditional import read_response, write_response
from glossary.api.json_schemas import ref
from glossary.api.parsing import (
    _check_size,
    check_content_type,
    choice_param,
    int_param,
    known_params,
    make_cursor,
    read_cursor,
    text_param,
)
from glossary.api.problems import ApiProblem, _answer
from glossary.api.spec import operation, query
from glossary.models import BITEXT_LANGS
from glossary.services import bitexts as bitext_service
from glossary.services import jobs as job_service
from glossary.services.extraction import upload_name
from glossary.textio import MAX_TEXT_BYTES

#: The media types a TMX is sent as.
TMX_TYPES = ("application/x-tmx+xml", "application/xml", "text/xml")
MULTIPART = "multipart/form-data"
_FILE = {"type": "string", "format": "binary", "maxLength": MAX_TEXT_BYTES}


@bp.errorhandler(bitext_service.BitextError)
def _refused(exc: bitext_service.BitextError) -> Response:
    return _answer(422, str(exc), errors=[{"field": "body", "message": str(exc)}])


@operation(
    summary="Import bilingual material: a TMX, or a Chinese text and its translation "
            "(queued)", tag="documents", access="write", rate="write",
    description="A TMX (1.4; its zh–ru and zh–en units are kept) as the body, or, as "
                "multipart/form-data, `zh` (a Chinese text file) and `target` (its Russian "
                "or English translation), each read as documents are (UTF-8, UTF-16 with a "
                "BOM, GB18030 or Big5). A malformed or hostile TMX (entities, a DTD "
                "declaring them), a TMX without a zh–ru or zh–en unit, or texts in the "
                "wrong languages are 422 at once, naming the line or the file. The import "
                "is a job: 202 with `Location` naming it; when `done`, `result.bitext` is "
                "the material's id (`result.imported` is false when the same input was "
                "imported before). Two texts are also imported as documents, the Chinese "
                "one's candidates queued for review (`result.zh_document`, "
                "`result.target_document`).",
    params=(query("title", {"type": "string", "maxLength": 500},
                  "The material's title (default: the file name, without its extension)."),
            query("name", {"type": "string", "maxLength": 200},
                  "The TMX's file name (default: upload.tmx).")),
    body={**{media: {"type": "string"} for media in TMX_TYPES},
          MULTIPART: {"type": "object", "properties": {"zh": _FILE, "target": _FILE},
                      "required": ["zh", "target"]}},
    responses={202: ("Queued: the job, also named by the Location header.", ref("Job"))})
@bp.post("/bitexts")
def create_bitext() -> Response:
    known_params("title", "name")
    media = check_content_type()
    _check_size()
    title = (text_param("title", max_length=500) or "").strip()
    session = db.session()
    if media == MULTIPART:
        files = {field: request.files.get(field) for field in ("zh", "target")}
        missing = [field for field, upload in files.items() if upload is None]
        if missing:
            raise ApiProblem(422, f"the form needs the files zh and target; missing: "
                                  f"{', '.join(missing)}",
                             errors=[{"field": f, "message": "required"} for f in missing])
        zh, target = files["zh"], files["target"]
        assert zh is not None and target is not None
        zh_name = upload_name(zh.filename or "zh.txt")
        target_name = upload_name(target.filename or "target.txt")
        zh_raw, target_raw = zh.read(), target.read()
        bitext_service.check_parallel(zh_raw, target_raw, zh_name=zh_name,
                                      target_name=target_name)  # 422 (BitextError)
        kind, payload = "import-parallel", zh_raw + target_raw
        params = {"zh_name": zh_name, "target_name": target_name, "zh_size": len(zh_raw),
                  "title": title or zh_name.split(".")[0]}
    else:
        name = upload_name(text_param("name", max_length=200) or "upload.tmx")
        payload = request.get_data(cache=False)
        bitext_service.check_tmx(payload, name)  # 422 (BitextError)
        kind, params = "import-tmx", {"name": name, "title": title or name.split(".")[0]}
    job = worker.submit(session, kind, params=params, payload=payload, user=writer().name)
    location = url_for("api.get_job", job_id=job.id)
    return write_response(job_service.job_to_dict(job), status=202, location=location)


@operation(summary="List the bilingual material", tag="documents", etag=True,
           responses={200: ("Every bitext, in import order, with its pair counts.",
                            ref("BitextList"))})
@bp.get("/bitexts")
def list_bitexts() -> Response:
    known_params()
    return read_response({"bitexts": bitext_service.list_bitexts(db.session())})


@operation(
    summary="One bilingual material and a page of its sentence pairs", tag="documents",
    etag=True,
    params=(query("lang", {"enum": list(BITEXT_LANGS)}, "Only the pairs in this language."),
            query("limit", {"type": "integer", "minimum": 1,
                            "maximum": bitext_service.MAX_PAGE},
                  "Pairs per page (default 50)."),
            query("cursor", {"type": "string"}, "next_cursor of the page before.")),
    responses={200: ("The bitext, and its pairs in order (by position, then language).",
                     ref("Bitext"))})
@bp.get("/bitexts/<key>")
def get_bitext(key: str) -> Response:
    known_params("lang", "limit", "cursor")
    lang = choice_param("lang", BITEXT_LANGS)
    limit = int_param("limit", 50, 1, bitext_service.MAX_PAGE)
    bound = {"key": key, "lang": lang}
    after = read_cursor(bound)
    if after is not None and not (
            isinstance(after, list) and len(after) == 2 and isinstance(after[0], int)
            and after[1] in BITEXT_LANGS):
        raise ApiProblem(400, "cursor: not a cursor of this list")
    data = bitext_service.get_bitext(db.session(), key, lang=lang, limit=limit,
                                     after=None if after is None else (after[0], after[1]))
    last = data.pop("next")
    cursor = make_cursor(last, bound) if last else None
    data["next_cursor"] = cursor
    response = read_response(data)
    if cursor:
        next_url = url_for("api.get_bitext", key=key, lang=lang, limit=limit, cursor=cursor)
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response
