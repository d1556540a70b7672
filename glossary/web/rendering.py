"""How a view answers: the same data as an HTML page or as its JSON twin."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, jsonify, render_template, request

from glossary.errors import wants_json


def render(template: str, data: dict[str, Any], json_url: str | None,
           status: int = 200) -> Response:
    """The same data as HTML, or as JSON for `.json` URLs and JSON-preferring clients.

    The HTML page advertises its twin with a `Link` header and `<link rel="alternate">`.
    """
    if wants_json():
        response = jsonify(data)
    else:
        response = Response(render_template(template, json_url=json_url, **data))
        if json_url:
            response.headers["Link"] = f'<{json_url}>; rel="alternate"; type="application/json"'
    response.status_code = status
    # Pages differ by interface language and by who is signed in.
    response.vary.add("Cookie")
    response.vary.add("Accept")
    return response


def page_args() -> tuple[int, int]:
    """The page number (from 1) and the page size; a malformed number is a 400."""
    try:
        page = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        abort(400, description="'page' must be a whole number")
    return page, int(current_app.config["PAGE_SIZE"])


def wants_fragment() -> bool:
    """Search-as-you-type asks for the results alone, not the whole page."""
    return request.args.get("fragment") == "1"
