"""TBX-Basic 2008 (ISO 30042:2008, "martif"): martif/text/body/termEntry/langSet/tig.

Plain `tbx` (also called `tbx2008`): the TBX that OmegaT, memoQ, Trados MultiTerm and the
Glossary Converter, Phrase, Smartcat and translate-toolkit read. Same mapping as v3 (see
tbxmap), with three differences: languages are written as locales (zh-CN, zh-TW, ru, en),
partOfSpeech has properNoun, and transaction dates are dates without a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape

from glossary.formats import ALL_FIELDS, Format, FormatError, Options, tbxmap, xmlsafe

DIALECT = tbxmap.Dialect(
    namespace=None, entry="termEntry", lang_sec="langSet", term_sec="tig",
    ref_section="refObjectList", lang_style="locale",
    parts_of_speech=frozenset({"noun", "verb", "adjective", "adverb", "properNoun", "other"}),
    date_only=True,
)


def _header(title: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<martif type="TBX-Basic" xml:lang="en">\n'
        "<martifHeader><fileDesc><titleStmt><title>"
        f"{escape(tbxmap.clean_xml(title))}</title></titleStmt>"
        "<sourceDesc><p>Exported from Glossary, the SCO Chinese–Russian–English termbase."
        "</p></sourceDesc></fileDesc>"
        '<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>'
        "</martifHeader>\n<text>\n<body>\n"
    ).encode()


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The martif document, one termEntry at a time."""
    return tbxmap.write_document(records, DIALECT, _header(options.title),
                                 b"</text>\n</martif>\n")


def read(data: bytes, options: Options) -> list[dict[str, Any]]:
    """Every termEntry as an exchange record.

    :raises FormatError: not a martif document, not well-formed, entities, duplicate ids.
    """
    root = xmlsafe.parse(data, {"martif": "<martif> (TBX 2008; <tbx> is TBX v3)"})
    body = root.find("text/body")
    if body is None:
        raise FormatError("no <text><body> in the document", line=root.sourceline,
                          element="martif")
    entries = list(body.iterchildren("termEntry"))
    tbxmap.check_unique_ids(entries, DIALECT)
    sources = tbxmap.read_sources(root, DIALECT)
    return [tbxmap.read_entry(entry, DIALECT, sources) for entry in entries]


def sniff(head: bytes) -> bool:
    return "<martif" in xmlsafe.head_text(head)


FORMAT = Format(
    name="tbx", title="TBX-Basic (2008, martif)", extensions=("tbx",), aliases=("tbx2008",),
    mimetype="application/x-tbx", carries=ALL_FIELDS, write=write, read=read, sniff=sniff,
)
