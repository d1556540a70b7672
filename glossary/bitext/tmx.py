"""TMX (Translation Memory eXchange, 1.4; 1.1's `lang` attribute too): the Chinese–Russian and
Chinese–English sentence pairs of a translation memory exported from a CAT tool.

`read(data)` parses the file with the hardened parser the termbase readers use
(glossary.formats.xmlsafe: no entities, no DTD loading, no network, no huge trees) and
returns every translation unit that has a Chinese segment and a Russian or English one.
Languages are told by their tag's first subtag: zh, zh-CN, zh-Hans, zh-TW ... are Chinese,
ru-RU Russian, en-GB English; other languages are left out. Inline markup inside a segment
is flattened: the native codes of <bpt>, <ept>, <ph>, <it> and <ut> (a bold tag, a
placeholder, with their <sub> text) are dropped, the text of <hi> is kept.

Anything else is refused with a FormatError naming the line: not XML, another root, entity
declarations or references, an encoding the bytes do not match, and a memory with no
usable unit at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from glossary.formats import FormatError, xmlsafe

#: Inline elements whose content is native code (formatting, placeholders), not text.
CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Unit:
    """One translation unit: its Chinese segment and its Russian and/or English ones."""

    position: int  # the unit's place among the <tu> of the file, from 0
    line: int
    zh: str
    targets: dict[str, str]  # "ru"/"en" → the segment's text


@dataclass
class Memory:
    """What a TMX holds for us: the usable units, and what the header and the rest said."""

    units: list[Unit]
    langs: list[str]  # the target languages found, sorted
    meta: dict[str, object] = field(default_factory=dict)


def language(tag: str | None) -> str | None:
    """"zh", "ru" or "en" for a language tag of those languages, else None.

    >>> [language(t) for t in ("zh-CN", "ZH-Hant-TW", "zh", "ru-RU", "en_US", "fr", None)]
    ['zh', 'zh', 'zh', 'ru', 'en', None, None]
    """
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in ("zh", "ru", "en") else None


def segment_text(seg: etree._Element) -> str:
    """The text of a <seg>: inline codes dropped, <hi> kept, whitespace runs made one space.

    >>> seg = etree.fromstring('<seg>the <bpt i="1">&lt;b&gt;</bpt>SCO<ept i="1">&lt;/b&gt;'
    ...                        '</ept> <hi>summit</hi><ph x="2">{1}</ph></seg>')
    >>> segment_text(seg)
    'the SCO summit'
    """
    return " ".join(_text(seg).split())


def _text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in CODE_ELEMENTS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read(data: bytes) -> Memory:
    """The usable units of a TMX file.

    :raises FormatError: naming the line: not well-formed, hostile (entities), not a TMX,
        no <body>, or not one unit with Chinese and Russian or English.
    """
    root = xmlsafe.parse(data, {"tmx": "<tmx> (a TMX translation memory)"})
    header = root.find("header")
    body = root.find("body")
    if body is None:
        raise FormatError("the TMX has no <body>", line=root.sourceline, element="tmx")
    units: list[Unit] = []
    skipped = 0
    seen_langs: set[str] = set()
    for position, tu in enumerate(body.iterchildren("tu")):
        zh: str | None = None
        targets: dict[str, str] = {}
        for tuv in tu.iterchildren("tuv"):
            tag = tuv.get(XML_LANG) or tuv.get("lang")
            lang = language(tag)
            if tag:
                seen_langs.add(tag)
            seg = tuv.find("seg")
            if lang is None or seg is None:
                continue
            text = segment_text(seg)
            if not text:
                continue
            if lang == "zh":
                zh = zh or text
            else:
                targets.setdefault(lang, text)
        if zh and targets:
            units.append(Unit(position, tu.sourceline or 0, zh, targets))
        else:
            skipped += 1
    if not units:
        found = ", ".join(sorted(seen_langs)) or "none"
        raise FormatError("no translation unit has a Chinese segment and a Russian or "
                          f"English one (languages in the file: {found})",
                          line=body.sourceline, element="body")
    meta: dict[str, object] = {"units": len(units), "skipped": skipped,
                               "version": root.get("version")}
    if header is not None:
        meta.update({name: header.get(attribute) for name, attribute in (
            ("tool", "creationtool"), ("tool_version", "creationtoolversion"),
            ("srclang", "srclang")) if header.get(attribute)})
    langs = sorted({lang for unit in units for lang in unit.targets})
    return Memory(units, langs, meta)


def sniff(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a TMX.

    >>> sniff(b'<?xml version="1.0"?>\\n<tmx version="1.4">'), sniff("上合组织".encode())
    (True, False)
    """
    return "<tmx" in xmlsafe.head_text(head)
