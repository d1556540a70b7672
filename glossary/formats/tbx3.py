"""TBX-Basic v3 (ISO 30042:2019), DCA style: tbx/text/body/conceptEntry/langSec/termSec.

Called `tbx3`: it carries everything the termbase holds (see tbxmap for the data categories,
and docs/EXCHANGE.md for the table) and passes the official schemas, but the CAT tools a
translator has today (OmegaT, memoQ, the Trados converters, translate-toolkit) read only the
2008 form, which is what plain `tbx` writes. Languages are written in BCP 47 as stored, and
terms in the termbase's own order (the other formats put preferred terms first): a `tbx3`
file is a complete backup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape

from glossary.formats import ALL_FIELDS, Format, FormatError, Options, tbxmap, xmlsafe

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
DIALECT = tbxmap.Dialect(
    namespace=NAMESPACE, entry="conceptEntry", lang_sec="langSec", term_sec="termSec",
    ref_section="refObjectSec", lang_style="bcp47",
    parts_of_speech=frozenset({"noun", "verb", "adjective", "adverb", "other"}),
    date_only=False,
)


def _header(title: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx xmlns="{NAMESPACE}" type="TBX-Basic" style="dca" xml:lang="en">\n'
        "<tbxHeader><fileDesc><titleStmt><title>"
        f"{escape(tbxmap.clean_xml(title))}</title></titleStmt>"
        "<sourceDesc><p>Exported from Glossary, the SCO Chinese–Russian–English termbase."
        "</p></sourceDesc></fileDesc></tbxHeader>\n<text>\n<body>\n"
    ).encode()


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The TBX document, one conceptEntry at a time."""
    return tbxmap.write_document(records, DIALECT, _header(options.title),
                                 b"</text>\n</tbx>\n")


def read(data: bytes, options: Options) -> list[dict[str, Any]]:
    """Every conceptEntry as an exchange record.

    :raises FormatError: not TBX v3, not well-formed, entities, duplicate or missing ids.
    """
    root = xmlsafe.parse(data, {f"{{{NAMESPACE}}}tbx": "<tbx> (TBX v3; <martif> is TBX 2008)"})
    body = root.find(f"{{{NAMESPACE}}}text/{{{NAMESPACE}}}body")
    if body is None:
        raise FormatError("no <text><body> in the document", line=root.sourceline,
                          element="tbx")
    entries = list(body.iterchildren(f"{{{NAMESPACE}}}conceptEntry"))
    tbxmap.check_unique_ids(entries, DIALECT)
    sources = tbxmap.read_sources(root, DIALECT)
    return [tbxmap.read_entry(entry, DIALECT, sources) for entry in entries]


def sniff(head: bytes) -> bool:
    text = xmlsafe.head_text(head)
    return "<tbx" in text and NAMESPACE in text


FORMAT = Format(
    name="tbx3", title="TBX-Basic v3 (ISO 30042:2019, DCA)", extensions=("tbx",),
    keeps_term_order=True,
    mimetype="application/x-tbx", carries=ALL_FIELDS, write=write, read=read, sniff=sniff,
)
