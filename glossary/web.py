"""HTML pages (and their JSON twins): parse the request, call a service, render."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from glossary import db
from glossary.errors import wants_json
from glossary.services import concepts as concept_service

bp = Blueprint("web", __name__)


def render(template: str, data: dict, json_url: str) -> Response | str:
    """The same data as HTML, or as JSON for `.json` URLs and JSON-preferring clients."""
    if wants_json():
        return jsonify(data)
    response = Response(render_template(template, json_url=json_url, **data))
    response.headers["Link"] = f'<{json_url}>; rel="alternate"; type="application/json"'
    return response


def _page_args() -> tuple[int, int]:
    try:
        page = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        abort(400, description="'page' must be a whole number")
    return page, 50


@bp.get("/")
@bp.get("/index.json", endpoint="index_json")
def index():
    page, size = _page_args()
    data = concept_service.list_concepts(db.session(), offset=(page - 1) * size, limit=size)
    data["page"] = page
    return render("index.html", data, url_for("web.index_json", page=page))


@bp.get("/concepts/<key>")
@bp.get("/concepts/<key>.json", endpoint="concept_json")
def concept(key: str):
    try:
        data = concept_service.concept_page(db.session(), key)
    except concept_service.NotFound as exc:
        abort(404, description=str(exc))
    return render("concept.html", data, url_for("web.concept_json", key=key))


@bp.get("/healthz")
def healthz():
    stats = concept_service.stats(db.session())
    return {"status": "ok", "concepts": stats["concepts"]}
