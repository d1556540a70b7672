"""The mapping between the termbase and TBX-Basic, shared by TBX v3 (`tbx3`) and 2008 (`tbx`).

The two versions differ in element names (conceptEntry/langSec/termSec against
termEntry/langSet/tig), namespace, date precision and a few picklists; a `Dialect` holds
those differences, and this module does the rest. The mapping table is in docs/EXCHANGE.md.

Where TBX-Basic has no data category (the kind of concept, pinyin, the Palladius
transcription, homonym marks, the values properNoun and plural), the value travels in a
`<note>` that starts with a label, e.g. ``<note>pinyin: Shànghǎi Hézuò Zǔzhī</note>``. A
usage note that itself starts like a label is written behind ``note: ``, so reading is
unambiguous.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from glossary.formats import FormatError
from glossary.formats.languages import from_code, note_language, to_code
from glossary.formats.xmlsafe import text_of

STATUS_OUT = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
              "deprecated": "deprecatedTerm-admn-sts"}
STATUS_IN = {**{v: k for k, v in STATUS_OUT.items()}, "supersededTerm-admn-sts": "deprecated",
             "preferred": "preferred", "admitted": "admitted", "notRecommended": "deprecated",
             "obsolete": "deprecated", "deprecated": "deprecated"}
CONCEPT_LABELS = ("kind",)
TERM_LABELS = ("pinyin", "palladius", "partOfSpeech", "grammaticalGender", "homonym", "note")
RELATIONS = ("broader", "narrower", "related")
SOURCE_PREFIX = "src."
SOURCE_ITEMS = ("title", "publisher", "url", "lang", "date")
#: The documents that context sentences come from: back matter objects "doc.<id>".
DOCUMENT_PREFIX = "doc."
DOCUMENT_ITEMS = ("title", "lang", "date")
_XML_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")  # a document id an import takes back
# XML 1.0 cannot hold these characters at all; they become U+FFFD on the way out.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Dialect:
    namespace: str | None
    entry: str
    lang_sec: str
    term_sec: str
    ref_section: str
    lang_style: str
    parts_of_speech: frozenset[str]
    date_only: bool


def clean_xml(text: str) -> str:
    """Text that XML can hold: characters XML 1.0 forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    el = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        el.set("{http://www.w3.org/XML/1998/namespace}lang" if key == "lang" else key, value)
    if text is not None:
        el.text = clean_xml(text)
    return el


def _labelled(label: str, value: str) -> str:
    return f"{label}: {value}"


def _usage_note(text: str) -> str:
    starts_like_label = any(text.startswith(f"{label}: ") for label in (*TERM_LABELS,
                                                                         *CONCEPT_LABELS))
    return _labelled("note", text) if starts_like_label else text


def _tbx_date(iso: str, date_only: bool) -> str:
    return iso[:10] if date_only else iso


def entry_element(record: dict[str, Any], dialect: Dialect,
                  sources: dict[str, dict[str, Any]]) -> etree._Element:
    """One concept as a conceptEntry (v3) or termEntry (2008), without namespace."""
    entry = etree.Element(dialect.entry, id=record["id"])
    if record.get("subject"):
        _sub(entry, "descrip", record["subject"], type="subjectField")
    if record.get("kind"):
        _sub(entry, "note", _labelled("kind", record["kind"]))
    langs = [lang for lang, terms in record["terms"].items() if terms]
    home = {note_language(lang): lang for lang in reversed(langs)}
    for key in ("definition", "note"):
        for note_lang, text in sorted(record.get(key, {}).items()):
            if note_lang not in home:
                tag, attrs = ("descrip", {"type": "definition"}) if key == "definition" \
                    else ("note", {})
                _sub(entry, tag, text if key == "definition" else _usage_note(text),
                     lang=note_lang, **attrs)
    linked = record.get("linked", ())
    for kind in RELATIONS:
        for target in record.get("relations", {}).get(kind, []):
            attrs = {"target": target} if target in linked else {}
            _sub(entry, "ref", _labelled(kind, target), type="crossReference", **attrs)
    for transaction, iso in (("origination", record.get("created")),
                             ("modification", record.get("updated"))):
        if iso:
            group = _sub(entry, "transacGrp")
            _sub(group, "transac", transaction, type="transactionType")
            _sub(group, "date", _tbx_date(iso, dialect.date_only))
    for lang in langs:
        section = _sub(entry, dialect.lang_sec, lang=to_code(lang, dialect.lang_style))
        note_lang = note_language(lang)
        if home.get(note_lang) == lang:
            if record.get("definition", {}).get(note_lang):
                _sub(section, "descrip", record["definition"][note_lang], type="definition")
            if record.get("note", {}).get(note_lang):
                _sub(section, "note", _usage_note(record["note"][note_lang]))
        for term in record["terms"][lang]:
            _term_element(section, term, dialect, sources, record)
    return entry


def _term_element(section, term: dict[str, Any], dialect: Dialect,
                  sources: dict[str, dict[str, Any]], record: dict[str, Any]) -> None:
    sec = _sub(section, dialect.term_sec)
    _sub(sec, "term", term["text"])
    extra: list[str] = []
    if term.get("type") and term["type"] != "fullForm":  # a term without one is a full form
        _sub(sec, "termNote", term["type"], type="termType")
    if term.get("status") in STATUS_OUT:
        _sub(sec, "termNote", STATUS_OUT[term["status"]], type="administrativeStatus")
    if term.get("pos"):
        pos = term["pos"] if term["pos"] in dialect.parts_of_speech else "noun"
        _sub(sec, "termNote", pos, type="partOfSpeech")
        if pos != term["pos"]:
            extra.append(_labelled("partOfSpeech", term["pos"]))
    if term.get("gender"):
        gender = term["gender"] if term["gender"] != "plural" else "other"
        _sub(sec, "termNote", gender, type="grammaticalGender")
        if gender != term["gender"]:
            extra.append(_labelled("grammaticalGender", term["gender"]))
    for label, key in (("pinyin", "pinyin"), ("palladius", "cyrillic")):
        if term.get(key):
            extra.append(_labelled(label, term[key]))
    if term.get("homonym"):
        extra.append(_labelled("homonym", "true"))
    if term.get("note"):
        extra.append(_usage_note(term["note"]))
    for text in extra:
        _sub(sec, "note", text)
    for key in term.get("sources", []):
        source = next((s for s in record.get("sources", []) if s["id"] == key), {"id": key})
        sources.setdefault(SOURCE_PREFIX + key, source)
        _sub(sec, "admin", source.get("title") or key, type="source",
             target=SOURCE_PREFIX + key)
    for context in term.get("contexts", []):
        group = _sub(sec, "descripGrp")
        _sub(group, "descrip", context["text"], type="context")
        document = context.get("document") or {}
        attrs = {}
        if _XML_ID.fullmatch(document.get("id") or ""):
            attrs["target"] = DOCUMENT_PREFIX + document["id"]
            sources.setdefault(attrs["target"], document)
        if context.get("source"):
            _sub(group, "admin", context["source"], type="source", **attrs)


def back_element(cited: dict[str, dict[str, Any]], dialect: Dialect) -> etree._Element | None:
    """The <back> matter: one refObject per cited source ("src.<id>") and per document that
    a context comes from ("doc.<id>"), with their details as items.

    :param cited: what `entry_element` collected, by refObject id.
    """
    if not cited:
        return None
    back = etree.Element("back")
    for kind, prefix, items in (("sources", SOURCE_PREFIX, SOURCE_ITEMS),
                                ("documents", DOCUMENT_PREFIX, DOCUMENT_ITEMS)):
        keys = sorted(k for k in cited if k.startswith(prefix))
        section = _sub(back, dialect.ref_section, type=kind) if keys else None
        for key in keys:
            obj = _sub(section, "refObject", id=key)
            for item in items:
                value = cited[key].get(item)
                if value:
                    _sub(obj, "item", value, type=item)
    return back


def write_document(records: Iterable[dict[str, Any]], dialect: Dialect, header: bytes,
                   closing: bytes) -> Iterator[bytes]:
    """A TBX document of either dialect, one entry at a time: the header, the entries, the
    back matter of the sources and documents they cite, the closing tags. Elements are built
    without a namespace: inside <tbx xmlns="..."> they belong to it."""
    records = iter(records)
    first = next(records, None)
    if first is None:  # the schema wants at least one entry in <body>
        raise FormatError("nothing to write: a TBX body needs at least one concept")
    yield header
    sources: dict[str, dict[str, Any]] = {}
    for record in itertools.chain([first], records):
        yield serialize(entry_element(record, dialect, sources))
    yield b"</body>\n"
    back = back_element(sources, dialect)
    if back is not None:
        yield serialize(back)
    yield closing


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="utf-8") + b"\n"


# --- reading -------------------------------------------------------------------------------

def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (child for child in el if _local(child) == name)


def _label(text: str, labels: tuple[str, ...]) -> tuple[str | None, str]:
    for label in labels:
        if text.startswith(f"{label}: "):
            return label, text[len(label) + 2:]
    return None, text


def read_sources(root: etree._Element, dialect: Dialect) -> dict[str, dict[str, Any]]:
    """The sources and documents described in the back matter, by the id that terms and
    contexts point to ("src.<id>", "doc.<id>")."""
    found: dict[str, dict[str, Any]] = {}
    for obj in root.iter(f"{{{dialect.namespace}}}refObject" if dialect.namespace
                         else "refObject"):
        ident = obj.get("id") or ""
        for prefix, names in ((SOURCE_PREFIX, SOURCE_ITEMS), (DOCUMENT_PREFIX, DOCUMENT_ITEMS)):
            if ident.startswith(prefix):
                items = {item.get("type"): text_of(item) for item in _children(obj, "item")}
                found[ident] = {"id": ident[len(prefix):], **{k: items.get(k) for k in names}}
    return found


def _date(text: str, el: etree._Element) -> str:
    value = text.strip()
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise FormatError(f"{value!r} is not a date (YYYY-MM-DD or an ISO date and time)",
                          line=el.sourceline, element="date") from None
    if parsed.tzinfo:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed.isoformat(timespec="seconds") + "Z"


def read_entry(entry: etree._Element, dialect: Dialect,
               sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One conceptEntry/termEntry as an exchange record."""
    # Relations and term sources are left out when the file has none: a file that went
    # through another tool may have lost them, and an update must not take ours away.
    record: dict[str, Any] = {"id": entry.get("id"), "line": entry.sourceline, "terms": {},
                              "definition": {}, "note": {}, "sources": []}
    cited: dict[str, dict[str, Any]] = {}
    for child in entry:
        _read_concept_child(child, record)
    for section in _children(entry, dialect.lang_sec):
        _read_lang_section(section, dialect, record, sources, cited)
    record["sources"] = sorted(cited.values(), key=lambda s: s["id"])
    return record


def _read_concept_child(child: etree._Element, record: dict[str, Any]) -> None:
    name, kind = _local(child), child.get("type")
    lang = child.get("{http://www.w3.org/XML/1998/namespace}lang")
    if name == "descrip" and kind == "subjectField":
        record["subject"] = text_of(child)
    elif name == "descrip" and kind == "definition":
        record["definition"].setdefault(note_language(from_code(lang or "") or "en"),
                                        text_of(child))
    elif name == "note":
        label, value = _label(text_of(child), (*CONCEPT_LABELS, "note"))
        if label == "kind":
            record["kind"] = value
        else:
            key = note_language(from_code(lang or "") or "en")
            record["note"][key] = " ".join(filter(None, (record["note"].get(key), value)))
    elif name == "ref" and kind == "crossReference":
        label, value = _label(text_of(child), RELATIONS)
        target = value if label else (child.get("target") or value)
        if label != "narrower":  # narrower is derived from the other concept's broader
            relations = record.setdefault("relations", {"broader": [], "related": []})
            relations[label or "related"].append(target.strip())
    elif name == "transacGrp":
        transaction = next((text_of(t) for t in _children(child, "transac")), "")
        date = next(iter(_children(child, "date")), None)
        if date is not None and transaction in ("origination", "modification"):
            key = "created" if transaction == "origination" else "updated"
            record[key] = _date(text_of(date), date)


def _read_lang_section(section, dialect: Dialect, record, sources, cited) -> None:
    code = section.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    lang = from_code(code)
    if lang is None:
        record.setdefault("ignored", []).append(
            f"line {section.sourceline}: language {code!r} is not one the termbase holds "
            "(zh-Hans, zh-Hant, ru, en); its terms were left out")
        return
    key = note_language(lang)
    for child in section:
        if _local(child) == "descrip" and child.get("type") == "definition":
            record["definition"].setdefault(key, text_of(child))
        elif _local(child) == "note":
            _, value = _label(text_of(child), ("note",))
            record["note"][key] = " ".join(filter(None, (record["note"].get(key), value)))
    terms = record["terms"].setdefault(lang, [])
    for sec in _children(section, dialect.term_sec):
        terms.append(_read_term(sec, sources, cited))


def _read_term(sec: etree._Element, sources, cited) -> dict[str, Any]:
    term_el = next(iter(_children(sec, "term")), None)
    if term_el is None:
        raise FormatError("a term section without <term>", line=sec.sourceline,
                          element=_local(sec))
    term: dict[str, Any] = {"text": text_of(term_el), "type": None, "status": "proposed",
                            "pos": None, "gender": None, "note": None, "sources": [],
                            "pinyin": None, "cyrillic": None, "homonym": False}
    notes: list[str] = []
    for child in sec:
        name, kind, value = _local(child), child.get("type"), text_of(child)
        if name == "termNote" and kind == "termType":
            term["type"] = value
        elif name == "termNote" and kind == "administrativeStatus":
            term["status"] = STATUS_IN.get(value, value)
        elif name == "termNote" and kind == "partOfSpeech":
            term["pos"] = term["pos"] or value
        elif name == "termNote" and kind == "grammaticalGender":
            term["gender"] = term["gender"] or value
        elif name == "note":
            _read_term_note(value, term, notes)
        elif name == "admin" and kind == "source":
            source = _cite(child, value, sources)
            cited[source["id"]] = source
            term["sources"].append(source["id"])
        elif name == "descripGrp":
            context = _read_context(child, sources)
            if context:
                term.setdefault("contexts", []).append(context)
    term["type"] = term["type"] or "fullForm"
    term["note"] = " ".join(notes) or None
    if not term["sources"]:
        del term["sources"]  # see read_entry: absent, not emptied
    return term


def _read_term_note(value: str, term: dict[str, Any], notes: list[str]) -> None:
    label, rest = _label(value, TERM_LABELS)
    if label == "partOfSpeech":
        term["pos"] = rest
    elif label == "grammaticalGender":
        term["gender"] = rest
    elif label == "palladius":
        term["cyrillic"] = rest
    elif label == "homonym":
        term["homonym"] = rest == "true"
    elif label == "pinyin":
        term["pinyin"] = rest  # derived from the text again on import
    else:
        notes.append(rest)


def _read_context(group: etree._Element, documents) -> dict[str, Any] | None:
    """A context sentence with the document it is from (None for another kind of group)."""
    descrip = next((d for d in _children(group, "descrip") if d.get("type") == "context"),
                   None)
    if descrip is None or not text_of(descrip).strip():
        return None
    admin = next((a for a in _children(group, "admin") if a.get("type") == "source"), None)
    title = text_of(admin) if admin is not None else None
    document = documents.get(admin.get("target") or "") if admin is not None else None
    return {"text": text_of(descrip), "source": title,
            "document": document or {"id": None, "title": title, "lang": None, "date": None}}


def _cite(admin: etree._Element, title: str, sources) -> dict[str, Any]:
    target = admin.get("target") or ""
    if target in sources:
        return sources[target]
    if target.startswith(SOURCE_PREFIX):
        return {"id": target[len(SOURCE_PREFIX):], "title": title}
    # A source without an id of ours: an id from its title, made unique by a digest (titles in
    # Chinese or Russian leave no Latin letters to make a slug of).
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    digest = hashlib.sha1(title.encode()).hexdigest()[:8]
    return {"id": f"{slug if slug[:1].isalpha() else 'source'}-{digest}", "title": title}


def check_unique_ids(entries: list[etree._Element], dialect: Dialect) -> None:
    """Refuse a file in which two entries share an id, or an entry has none."""
    seen: dict[str, int] = {}
    for entry in entries:
        ident = entry.get("id")
        if not ident:
            raise FormatError("an entry without its id attribute", line=entry.sourceline,
                              element=dialect.entry)
        if ident in seen:
            raise FormatError(f"the id {ident!r} is used twice (first at line {seen[ident]})",
                              line=entry.sourceline, element=dialect.entry)
        seen[ident] = entry.sourceline or 0
