"""Downloads for a job: the side glossary of an annotated text as TBX, CSV or XLSX.

The bytes come from services/exchange.py, streamed as they are written.
"""

from __future__ import annotations

from flask import Response, abort, request, stream_with_context
from flask_babel import gettext as _

from glossary import db, formats
from glossary.bodies import takes_text
from glossary.services import exchange
from glossary.web import bp
from glossary.web.i18n import translate


def glossary_formats() -> list[tuple[str, str]]:
    """(name, title) of the formats a side glossary can be downloaded in (every format that
    holds any number of languages; the two-language ones need a pair the page does not ask)."""
    offered = [f for f in formats.all_formats() if f.languages != "pair"]
    # TBX first: it is the exchange standard, and what the button gives by default.
    offered.sort(key=lambda f: not f.name.startswith("tbx"))
    return [(f.name, f.title) for f in offered]


@bp.post("/annotate/glossary")
@takes_text
def annotate_glossary():
    """The concepts listed (those found in a text), in the format asked for."""
    keys = tuple(dict.fromkeys(k for k in request.form.getlist("concept") if k))
    if not keys:  # no concept would mean the whole termbase: refuse instead
        abort(400, description=_("The glossary is empty: annotate a text first."))
    session = db.session()
    try:
        result = exchange.export(session, request.form.get("format", "tbx"),
                                 exchange.Filters(concepts=keys))
    except exchange.ExchangeError as exc:
        abort(400, description=translate(exc))
    response = Response(stream_with_context(db.streamed(result)),
                        content_type=result.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
