"""Exports for a tool, by its name: each preset picks the format, the language codes, the
layout and what goes into comments, so that the file loads in that tool as it is.

docs/EXCHANGE.md names the version of each tool a preset targets and the import steps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy.orm import Session

from glossary.services.exchange.exporting import Export, export
from glossary.services.exchange.filters import ExchangeError, Filters


@dataclass(frozen=True)
class Preset:
    """What a tool reads best.

    :param tool: the name given to ``--for`` and ``for=``.
    :param title: the tool and the versions the file is made for.
    :param format: the registered format written.
    :param layout: for tabular formats, a row per "concept" or per "term".
    :param codes: how tabular headers name languages ("locale" or "phrase").
    :param audience: "translator" keeps to what a translator reads while translating
        (terms, statuses, usage notes, definitions); "termbase" writes every field.
    :param languages: the languages written when none are given (empty: all of them).
    """

    tool: str
    title: str
    format: str
    layout: str | None = None
    codes: str = "locale"
    audience: str = "termbase"
    languages: tuple[str, ...] = ()


PRESETS = {preset.tool: preset for preset in (
    Preset("omegat", "OmegaT 3.6 to 6.0 (glossary/ folder, tab-separated)", "omegat",
           audience="translator", languages=("zh-Hans", "ru")),
    Preset("memoq", "memoQ 9.x to 11 (term base CSV import)", "memoq"),
    Preset("trados", "Trados Studio 2021 to 2024 with Glossary Converter (XLSX)", "xlsx",
           layout="concept", codes="locale", audience="translator"),
    Preset("phrase", "Phrase TMS term bases (XLSX import)", "xlsx", layout="concept",
           codes="phrase", audience="translator"),
    Preset("smartcat", "Smartcat glossaries (TBX import)", "tbx"),
)}


def get_preset(tool: str) -> Preset:
    """:raises ExchangeError: an unknown tool, naming the known ones."""
    if tool not in PRESETS:  # the CLI, the page and the API offer only known tools
        raise ExchangeError(f"unknown tool {tool!r}; use one of: {', '.join(PRESETS)}")
    return PRESETS[tool]


def export_for(session: Session, tool: str, filters: Filters | None = None) -> Export:
    """Start an export for a tool (see `exporting.export`; the same checks and streaming).

    :raises ExchangeError: an unknown tool, bad filters, no concept matching.
    """
    preset = get_preset(tool)
    filters = filters or Filters()
    if not filters.languages and preset.languages:
        filters = dataclasses.replace(filters, languages=preset.languages)
    result = export(session, preset.format, filters, layout=preset.layout,
                    codes=preset.codes, audience=preset.audience)
    result.filename = result.filename.replace("glossary-", f"glossary-{tool}-", 1)
    return result
