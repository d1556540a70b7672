"""Downloads for a job: the side glossary of an annotated text, for a CAT tool (OmegaT,
memoQ, Trados, Phrase, Smartcat) or as a generic TBX, CSV or XLSX file.

The bytes come from services/exchange, streamed as they are written.
"""

from __future__ import annotations

from flask import Response, abort, request, stream_with_context
from flask_babel import gettext as _

from glossary import db, formats
from glossary.bodies import takes_text
from glossary.services import exchange
from glossary.web import bp
from glossary.web.i18n import translate

#: The value of the download choice that asks for a tool's preset: "for:omegat".
TOOL_PREFIX = "for:"


def glossary_formats() -> list[tuple[str, str]]:
    """(value, title) of the download choices: the CAT tools first, then every generic format
    that holds any number of languages (the two-language ones need a pair the page does not
    ask), plain TBX (the 2008 form every tool reads) first among those."""
    tools = [(TOOL_PREFIX + p.tool, p.title) for p in exchange.PRESETS.values()]
    offered = [f for f in formats.all_formats() if f.languages != "pair"]
    offered.sort(key=lambda f: (f.name != "tbx", not f.name.startswith("tbx")))
    return tools + [(f.name, f.title) for f in offered]


@bp.post("/annotate/glossary")
@takes_text
def annotate_glossary():
    """The concepts listed (those found in a text), for the tool or in the format asked for."""
    keys = tuple(dict.fromkeys(k for k in request.form.getlist("concept") if k))
    if not keys:  # no concept would mean the whole termbase: refuse instead
        abort(400, description=_("The glossary is empty: annotate a text first."))
    session = db.session()
    choice = request.form.get("format", "tbx")
    filters = exchange.Filters(concepts=keys)
    try:
        result = (exchange.export_for(session, choice.removeprefix(TOOL_PREFIX), filters)
                  if choice.startswith(TOOL_PREFIX) else
                  exchange.export(session, choice, filters))
    except exchange.ExchangeError as exc:
        abort(400, description=translate(exc))
    response = Response(stream_with_context(db.streamed(result)),
                        content_type=result.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
