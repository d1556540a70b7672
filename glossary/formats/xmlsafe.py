"""Parsing XML files from strangers: no entities, no DTD loading, no network, no huge trees.

The parser never resolves entities and never loads a DTD or anything over the network; a
document that declares or uses entities anyway (XXE, "billion laughs") is refused outright,
because a termbase file has no use for them. Every refusal names the line.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from glossary.formats import FormatError


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, remove_comments=True,
                           remove_pis=True, collect_ids=False)


def parse(data: bytes, roots: dict[str, str]) -> etree._Element:
    """Parse `data` and return its root element, which must be one of `roots`.

    :param roots: the accepted root tags ("{namespace}name" or "name") mapped to what to call
        them in a message.
    :raises FormatError: when the bytes are not well-formed XML, declare or use entities, or
        have another root.
    """
    if not data.strip():
        raise FormatError("the file is empty", line=1)
    _refuse_declarations(data)
    _refuse_references(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"not well-formed XML: {exc.msg}", line=exc.lineno or 1) from None
    _refuse_entities(root)
    if root.tag not in roots:
        expected = " or ".join(roots.values())
        raise FormatError(f"the root element is <{etree.QName(root).localname}> "
                          f"(namespace {etree.QName(root).namespace or 'none'}); expected "
                          f"{expected}", line=root.sourceline, element=etree.QName(root).localname)
    return root


_DECLARATION = "<!ENTITY"


def _refuse_declarations(data: bytes) -> None:
    """Refuse entity declarations before the parser sees them (it would read what a
    parameter entity points to, and expand nested entities up to its own limits)."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        at = data.find(_DECLARATION.encode(encoding))
        if at >= 0:
            line = data[:at].count("\n".encode(encoding)) + 1
            raise FormatError("the document type declares entities; entity declarations are "
                              "refused (XXE and entity-expansion protection)", line=line,
                              element="!ENTITY")


#: A reference to an entity other than XML's five (&amp; &lt; &gt; &quot; &apos;).
_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_:][\w.:-]*);")


def _refuse_references(data: bytes) -> None:
    """Refuse a reference to an undeclared entity before the parser sees it: to look for
    its declaration, libxml2 opens the external DTD the document type names (a local file;
    load_dtd and the resolvers do not stop it)."""
    text = head_text(data)  # the whole file: "&" is one byte in every encoding we read
    found = _REFERENCE.search(text)
    if found:
        raise FormatError(f"the entity reference {found.group()} is refused",
                          line=text.count("\n", 0, found.start()) + 1)


def _refuse_entities(root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        for entity in dtd.iterentities():
            raise FormatError(f"the document type declares the entity {entity.name!r}; "
                              "entity declarations are refused (XXE and entity-expansion "
                              "protection)", line=1, element="!DOCTYPE")
    for node in root.iter(etree.Entity):
        raise FormatError(f"the entity reference {node.text} is refused",
                          line=node.sourceline or 1)


def head_text(head: bytes) -> str:
    """The first bytes of a file (or all of them) as text, whatever its Unicode encoding,
    for sniffing."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return head.decode(encoding, "ignore")
    if head[:2] in (b"<\x00", b"\x00<"):
        return head.decode("utf-16-le" if head[0] else "utf-16-be", "ignore")
    return head.decode("utf-8", "ignore")


def text_of(element: etree._Element) -> str:
    """All the text inside an element (inline markup such as <hi> flattened)."""
    return "".join(element.itertext())
