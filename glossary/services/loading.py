"""Loading the shipped termbase (data/) into the database: `glossary init`.

Loading is a sync, not a rebuild: new concepts are added, changed ones updated, unchanged
ones left alone (their version does not move), so running it twice changes nothing.
Concepts edited in the service since they were loaded are never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from glossary import enrich
from glossary.datafiles import ConceptRecord, DocumentRecord, SourceRecord, Termbase
from glossary.models import Change, Concept, Relation, Source, Term
from glossary.services import documents

INIT_USER = "glossary init"


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept_local_edits: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.added)} concepts added", f"{len(self.updated)} updated",
                 f"{self.unchanged} unchanged"]
        if self.kept_local_edits:
            parts.append(f"{len(self.kept_local_edits)} kept with local edits")
        parts.append(f"{len(self.documents_added)} documents added")
        return ", ".join(parts)


def _sync_sources(session: Session, records: list[SourceRecord]) -> dict[str, Source]:
    existing = {s.key: s for s in session.scalars(select(Source))}
    for r in records:
        src = existing.get(r.key)
        if src is None:
            src = existing[r.key] = Source(key=r.key, title=r.title)
            session.add(src)
        for attr in ("title", "publisher", "url", "lang", "date"):
            if getattr(src, attr) != getattr(r, attr):
                setattr(src, attr, getattr(r, attr))
    return existing


def _term_values(record: ConceptRecord) -> list[dict]:
    """The terms a record asks for, zh-Hant derived where the record gives none."""
    wanted = [
        {"lang": t.lang, "text": t.text, "type": t.type, "status": t.status, "pos": t.pos,
         "gender": t.gender, "note": t.note, "sources": t.sources, "homonym": t.homonym,
         "palladius": t.palladius, "pinyin": t.reading}
        for t in record.terms
    ]
    if not any(t.lang == "zh-Hant" for t in record.terms):
        hans = [t for t in record.terms if t.lang == "zh-Hans"]
        seen: set[str] = set()
        for t in hans:
            text = enrich.traditional_forms([t.text])[0]
            if text in seen:
                continue
            seen.add(text)
            wanted.append({"lang": "zh-Hant", "text": text, "type": t.type,
                           "status": t.status, "pos": t.pos, "gender": None, "note": None,
                           "sources": [], "homonym": t.homonym, "palladius": t.palladius,
                           "pinyin": t.reading})
    return wanted


def _apply_terms(concept: Concept, record: ConceptRecord, sources: dict[str, Source]) -> bool:
    """Make the concept's terms exactly those of the record; return whether anything changed."""
    current = {(t.lang, t.text): t for t in concept.terms}
    changed = False
    keep = set()
    positions: dict[str, int] = {}
    for values in _term_values(record):
        key = (values["lang"], values["text"])
        keep.add(key)
        term = current.get(key)
        if term is None:
            term = Term(lang=values["lang"], text=values["text"])
            concept.terms.append(term)
            changed = True
        position = positions.get(values["lang"], 0)
        positions[values["lang"]] = position + 1
        for attr in ("type", "status", "pos", "gender", "note", "homonym"):
            if getattr(term, attr) != values[attr]:
                setattr(term, attr, values[attr])
                changed = True
        if term.position != position:
            term.position = position
            changed = True
        wanted_sources = [sources[k] for k in sorted(values["sources"])]
        if [s.key for s in term.sources] != [s.key for s in wanted_sources]:
            term.sources = wanted_sources
            changed = True
        before = (term.pinyin, term.pinyin_numbered, term.cyrillic)
        enrich.fill_chinese(term, record.kind, palladius=values["palladius"],
                            pinyin=values["pinyin"])
        changed |= before != (term.pinyin, term.pinyin_numbered, term.cyrillic)
    for key, term in current.items():
        if key not in keep:
            concept.terms.remove(term)
            changed = True
    return changed


def _apply_relations(concept: Concept, record: ConceptRecord,
                     concepts: dict[str, Concept]) -> bool:
    wanted = {(ref, "broader") for ref in record.broader} | {(ref, "related")
                                                            for ref in record.related}
    current = {(r.target.key, r.type): r for r in concept.relations}
    changed = False
    for key in wanted - current.keys():
        concept.relations.append(Relation(target=concepts[key[0]], type=key[1]))
        changed = True
    for key in current.keys() - wanted:
        concept.relations.remove(current[key])
        changed = True
    return changed


def _apply_fields(concept: Concept, record: ConceptRecord) -> bool:
    changed = False
    for attr in ("kind", "subject", "definition", "note"):
        if getattr(concept, attr) != getattr(record, attr):
            setattr(concept, attr, getattr(record, attr))
            changed = True
    return changed


def load_termbase(session: Session, termbase: Termbase, data_dir: Path) -> LoadReport:
    """Sync the database with the shipped data in one transaction (the caller commits)."""
    report = LoadReport()
    sources = _sync_sources(session, termbase.sources)
    concepts = {c.key: c for c in session.scalars(
        select(Concept).options(selectinload(Concept.terms).selectinload(Term.sources),
                                selectinload(Concept.relations).selectinload(Relation.target)))}
    fresh: set[str] = set()
    for record in termbase.concepts:
        if record.key not in concepts:
            concepts[record.key] = Concept(key=record.key, origin=record.file,
                                           kind=record.kind, subject=record.subject)
            session.add(concepts[record.key])
            fresh.add(record.key)
    for record in termbase.concepts:
        concept = concepts[record.key]
        if concept.origin != record.file and record.key not in fresh:
            if concept.origin and not concept.origin.startswith("data/"):
                report.kept_local_edits.append(record.key)
                continue
            concept.origin = record.file
        changed = _apply_fields(concept, record)
        changed |= _apply_terms(concept, record, sources)
        changed |= _apply_relations(concept, record, concepts)
        if record.key in fresh:
            report.added.append(record.key)
        elif changed:
            concept.bump()
            report.updated.append(record.key)
        else:
            report.unchanged += 1
            continue
        session.flush()
        session.add(Change(concept_key=record.key, user=INIT_USER, version=concept.version,
                           action="create" if record.key in fresh else "update",
                           data={"origin": record.file}))
    session.flush()
    if report.added or report.updated:
        documents.refresh_all_occurrences(session)
    for doc in termbase.documents:
        if _load_document(session, doc):
            report.documents_added.append(doc.key)
    return report


def _load_document(session: Session, record: DocumentRecord) -> bool:
    raw = record.file.read_bytes()
    title = record.title.get(record.lang) or record.title.get("zh-Hans") or record.key
    return documents.import_document(
        session, raw, key=record.key, title=title, lang=record.lang, date=record.date,
        origin=record.origin, meta={"titles": record.title, **record.meta},
    ) is not None
