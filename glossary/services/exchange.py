"""Termbase exchange with CAT tools: filtered, streamed exports and all-or-nothing imports.

`export` streams concepts in batches (as `concepts.iter_concepts` does) into any registered
format, so memory stays flat however large the termbase. `import_file` reads a whole file
first (a bad file changes nothing), then writes every concept through `services.editing`
(validation, versions, change log) inside one savepoint: a dry run rolls it back, a real run
leaves it to the caller's transaction. The web views and the API call these two functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, exists, false, func, select, update
from sqlalchemy.orm import Session

from glossary import formats
from glossary.formats import FormatError, Options
from glossary.models import (
    LANGUAGES,
    STATUSES,
    SUBJECTS,
    Change,
    Concept,
    Document,
    Occurrence,
    Relation,
    Source,
    Term,
)
from glossary.models import term_sources as TermSource
from glossary.services import concepts, documents, editing

BATCH = 500
#: The largest file an import reads (the web's request limit is smaller still).
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: Context sentences exported per term (the first ones, by document and position).
CONTEXTS_PER_TERM = 3
CONFLICT_POLICIES = ("skip", "update", "new")
_TERMBASE_MODELS = (Concept, Term, Relation, Source, Occurrence, Change)


class ExchangeError(ValueError):
    """A request the exchange cannot serve: the message says why, for the user."""


@dataclass(frozen=True)
class Filters:
    """Which part of the termbase an export holds; every field empty = everything.

    :param languages: languages to write, in order (the first is the source language).
    :param statuses: keep only terms with these statuses.
    :param subjects: concepts of these subject fields.
    :param documents: concepts with a term that occurs in these documents (ids).
    :param sources: concepts with a term attested in these sources (ids).
    :param concepts: these concepts only (ids), e.g. the side glossary of an annotated text.
    """

    languages: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, args: Any) -> Filters:
        """Filters from query arguments or CLI options: lists or comma-separated text."""
        values = {}
        for f in fields(cls):
            raw = args.getlist(f.name) if hasattr(args, "getlist") else args.get(f.name)
            items = [raw] if isinstance(raw, str) else list(raw or [])
            values[f.name] = tuple(x.strip() for item in items for x in item.split(",")
                                   if x.strip())
        return cls(**values)

    def check(self) -> None:
        """:raises ExchangeError: naming each unknown language, status or subject."""
        problems = [f"unknown {what} {v!r} (use: {', '.join(allowed)})"
                    for what, given, allowed in (("language", self.languages, LANGUAGES),
                                                 ("status", self.statuses, STATUSES),
                                                 ("subject", self.subjects, SUBJECTS))
                    for v in given if v not in allowed]
        if len(set(self.languages)) != len(self.languages):
            problems.append("a language is given twice")
        if problems:
            raise ExchangeError("; ".join(problems))


@dataclass
class Export:
    """A file being exported: iterate it for its bytes."""

    chunks: Iterator[bytes]
    content_type: str
    filename: str

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks


def export(session: Session, format_name: str, filters: Filters | None = None, *,
           layout: str | None = None, codes: str = "locale") -> Export:
    """Start an export: checks happen now, the bytes come as the result is iterated.

    :param layout: "term" or "concept" for the tabular formats (None: the format's default).
    :param codes: language codes of XLSX headers: "locale" or "phrase".
    :raises ExchangeError: unknown format, bad filters, a pair format without a pair.
    """
    filters = filters or Filters()
    try:
        fmt = formats.get_format(format_name)
    except KeyError as exc:
        raise ExchangeError(exc.args[0]) from None
    filters.check()
    if fmt.languages == "pair" and len(filters.languages) != 2:
        raise ExchangeError(f"the {fmt.name} format holds two languages: give a source and a "
                            "target language, e.g. languages=zh-Hans,ru")
    if layout not in (None, "term", "concept") or codes not in ("locale", "phrase"):
        raise ExchangeError("layout is term or concept; codes is locale or phrase")
    if session.scalar(select(Concept.id).where(*_conditions(filters)).limit(1)) is None:
        raise ExchangeError("no concept matches these filters: nothing to export")
    options = Options(languages=filters.languages, layout=layout, codes=codes,
                      max_terms=_max_terms(session, filters) if fmt.needs_term_counts else {})
    mimetype = fmt.mimetype + ("" if fmt.binary else "; charset=utf-8")
    suffix = "-".join(filters.languages) or "all"
    return Export(fmt.write(iter_records(session, filters), options), mimetype,
                  f"glossary-{suffix}.{fmt.extensions[0]}")


def _conditions(filters: Filters) -> list[Any]:
    """What a concept must satisfy to be exported (clauses on Concept)."""
    where: list[Any] = []
    if filters.subjects:
        where.append(Concept.subject.in_(filters.subjects))
    if filters.concepts:
        where.append(Concept.key.in_(filters.concepts))
    if filters.languages or filters.statuses:
        where.append(exists(_terms_kept(filters).where(Term.concept_id == Concept.id)))
    if filters.documents:
        where.append(exists(
            select(Occurrence.id).join(Term, Term.id == Occurrence.term_id)
            .join(Document, Document.id == Occurrence.document_id)
            .where(Term.concept_id == Concept.id, Document.key.in_(filters.documents))))
    if filters.sources:
        where.append(exists(
            select(Term.id).join(TermSource, TermSource.c.term_id == Term.id)
            .join(Source, Source.id == TermSource.c.source_id)
            .where(Term.concept_id == Concept.id, Source.key.in_(filters.sources))))
    return where


def _terms_kept(filters: Filters) -> Select:
    query = select(Term.id)
    if filters.languages:
        query = query.where(Term.lang.in_(filters.languages))
    if filters.statuses:
        query = query.where(Term.status.in_(filters.statuses))
    return query


def _max_terms(session: Session, filters: Filters) -> dict[str, int]:
    """Per language, the most terms one exported concept has there (for column layouts)."""
    per_concept = (select(Term.lang, func.count().label("n"))
                   .where(Term.concept_id.in_(select(Concept.id).where(*_conditions(filters))),
                          Term.id.in_(_terms_kept(filters)))
                   .group_by(Term.concept_id, Term.lang).subquery())
    rows = session.execute(select(per_concept.c.lang, func.max(per_concept.c.n))
                           .group_by(per_concept.c.lang))
    return {lang: n for lang, n in rows}


def iter_records(session: Session, filters: Filters, batch: int = BATCH
                 ) -> Iterator[dict[str, Any]]:
    """Exchange records of the selected concepts, by id, fetched a batch at a time."""
    where = _conditions(filters)
    last = 0
    while True:
        loaded_before = set(session.identity_map.keys())
        rows = session.execute(
            select(Concept.id, Concept.key, Concept.created_at)
            .where(*where, Concept.id > last)
            .order_by(Concept.id).limit(batch)).all()
        if not rows:
            return
        shapes = concepts.get_concepts(session, [key for _, key, _ in rows])
        created = {key: stamp for _, key, stamp in rows}
        yield from _records(session, shapes, created, filters)
        last = rows[-1][0]
        _forget_batch(session, loaded_before)


def _forget_batch(session: Session, loaded_before: set) -> None:
    """Let go of what a batch loaded (memory stays flat), but not of what the caller holds."""
    for key, obj in list(session.identity_map.items()):
        if key not in loaded_before and obj in session:  # expunging cascades to children
            session.expunge(obj)


def _records(session: Session, shapes: list[dict[str, Any]], created: dict[str, Any],
             filters: Filters) -> Iterator[dict[str, Any]]:
    term_ids = [t["id"] for c in shapes for terms in c["terms"].values() for t in terms]
    homonyms = set(session.scalars(select(Term.id).where(Term.id.in_(term_ids),
                                                         Term.homonym)))
    contexts = _contexts(session, term_ids)
    targets = {k for c in shapes for kind in c["relations"].values() for k in kind}
    linked = set(session.scalars(select(Concept.key).where(
        Concept.key.in_(targets), *_conditions(filters))))
    languages = filters.languages or LANGUAGES
    note_langs = {"zh" if lang.startswith("zh") else lang for lang in languages}
    for shape in shapes:
        terms = {lang: [{**t, "homonym": t["id"] in homonyms,
                         "contexts": contexts.get(t["id"], [])}
                        for t in shape["terms"].get(lang, [])
                        if not filters.statuses or t["status"] in filters.statuses]
                 for lang in languages}
        yield {**shape, "terms": terms,
               "created": created[shape["id"]].isoformat(timespec="seconds") + "Z",
               "definition": {k: v for k, v in shape["definition"].items() if k in note_langs},
               "note": {k: v for k, v in shape["note"].items() if k in note_langs},
               "linked": linked}


def _contexts(session: Session, term_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    rows = session.execute(
        select(Occurrence.term_id, Occurrence.sentence, Document.title)
        .join(Document, Document.id == Occurrence.document_id)
        .where(Occurrence.term_id.in_(term_ids))
        .order_by(Occurrence.term_id, Occurrence.document_id, Occurrence.start))
    out: dict[int, list[dict[str, str]]] = {}
    for term_id, sentence, title in rows:
        found = out.setdefault(term_id, [])
        if len(found) < CONTEXTS_PER_TERM and all(c["text"] != sentence for c in found):
            found.append({"text": sentence, "source": title})
    return out


# --- import --------------------------------------------------------------------------------

class ImportRefused(ExchangeError):
    """The file cannot be imported at all; nothing was written."""


def read_file(data: bytes, filename: str, *, format_name: str | None = None,
              languages: tuple[str, ...] = (), max_bytes: int = MAX_IMPORT_BYTES
              ) -> tuple[formats.Format, list[dict[str, Any]]]:
    """The format and the records of a file, or ImportRefused naming the line or element."""
    if len(data) > max_bytes:
        raise ImportRefused(f"{filename}: {len(data)} bytes; files over {max_bytes} bytes "
                            "are refused (split the file)")
    try:
        fmt = formats.get_format(format_name) if format_name else formats.detect(filename, data)
        records = fmt.read(data, Options(languages=languages))
    except (FormatError, KeyError) as exc:
        raise ImportRefused(f"{filename}: {exc.args[0] if isinstance(exc, KeyError) else exc}"
                            ) from None
    seen: dict[str, int] = {}
    for record in records:
        ident = record.get("id")
        if ident and ident in seen:
            raise ImportRefused(f"{filename}: line {record.get('line')}: the concept id "
                                f"{ident!r} is used twice (first at line {seen[ident]})")
        if ident:
            seen[ident] = record.get("line") or 0
    return fmt, records


def import_file(session: Session, data: bytes, filename: str, *, on_conflict: str = "skip",
                dry_run: bool = False, user: str | None = None,
                format_name: str | None = None, languages: tuple[str, ...] = (),
                max_bytes: int = MAX_IMPORT_BYTES) -> dict[str, Any]:
    """Import a termbase file; return the summary (added, updated, skipped, rejected).

    The file is read and checked whole before anything is written. Concepts whose id (or,
    without an id, whose first term) is already in the termbase are skipped, updated with what
    the file carries, or added as new concepts, by `on_conflict`. A concept the termbase's
    rules refuse is rejected with the reasons; the others go in. The caller commits.

    :param max_bytes: the largest file accepted (the web passes its request limit).
    :raises ImportRefused: the file is too large, unreadable or malformed (nothing written).
    """
    if on_conflict not in CONFLICT_POLICIES:
        raise ExchangeError(f"on_conflict is one of: {', '.join(CONFLICT_POLICIES)}")
    fmt, records = read_file(data, filename, format_name=format_name, languages=languages,
                             max_bytes=max_bytes)
    run = _ImportRun(session, on_conflict, user)
    _begin_for_real(session)
    savepoint = session.begin_nested()
    try:
        run.sources(records)
        for record in records:
            run.write(record)
        run.link_and_date()
        if run.summary["added"] or run.summary["updated"]:
            documents.refresh_all_occurrences(session)
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
        # Rows the dry run wrote are gone, and SQLite will hand out their ids again: objects
        # that were reloaded meanwhile must not stay in the session as stale twins.
        _forget_batch(session, {key for key, obj in session.identity_map.items()
                                if not isinstance(obj, _TERMBASE_MODELS)})
    else:
        savepoint.commit()
    return {"file": filename, "format": fmt.name, "dry_run": dry_run,
            "on_conflict": on_conflict, "concepts": len(records), **run.summary}


def _begin_for_real(session: Session) -> None:
    """Make sure the caller's transaction has begun before the import's savepoint.

    The sqlite3 driver sends BEGIN only before its first INSERT, UPDATE or DELETE; a SAVEPOINT
    sent earlier is then the transaction itself, and releasing it would commit the import
    behind the caller's back. An UPDATE that matches no row makes the driver begin.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Concept.__table__).where(false()).values(version=1))


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.astimezone(dt.UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


class _ImportRun:
    """The state of one import: which file id became which concept, what is left to link."""

    def __init__(self, session: Session, on_conflict: str, user: str | None):
        self.session = session
        self.on_conflict = on_conflict
        self.user = user
        self.keys: dict[str, str] = {}  # file id -> stored concept id
        self.pending: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        self.summary: dict[str, Any] = {"added": [], "updated": [], "skipped": [],
                                        "rejected": [], "sources_added": [], "warnings": []}

    def sources(self, records: list[dict[str, Any]]) -> None:
        cited = {s["id"]: s for r in records for s in r.get("sources", [])}
        for r in records:
            for terms in r.get("terms", {}).values():
                for key in (k for t in terms for k in t.get("sources", [])):
                    cited.setdefault(key, {"id": key})
        try:
            self.summary["sources_added"] = editing.ensure_sources(self.session,
                                                                   list(cited.values()))
        except editing.ValidationError as exc:
            raise ImportRefused(f"sources: {exc}") from None

    def _existing(self, record: dict[str, Any]) -> str | None:
        ident = record.get("id")
        if ident and editing.SLUG.match(ident):
            return self.session.scalar(select(Concept.key).where(Concept.key == ident))
        for lang, terms in record.get("terms", {}).items():
            if terms:
                return self.session.scalar(
                    select(Concept.key).join(Term).where(Term.lang == lang,
                                                         Term.text == terms[0]["text"]))
        return None

    def write(self, record: dict[str, Any]) -> None:
        """Write one record in its own savepoint: refused records leave no trace."""
        existing = self._existing(record)
        label = record.get("id") or f"line {record.get('line')}"
        if existing and self.on_conflict == "skip":
            self.keys[record.get("id") or existing] = existing
            self.summary["skipped"].append({"id": existing, "reason": "already in the "
                                            "termbase (--on-conflict skip)"})
            return
        savepoint = self.session.begin_nested()
        try:
            if existing and self.on_conflict == "update":
                key = self._update(existing, record)
            else:
                key = self._create(record)
        except editing.ValidationError as exc:
            savepoint.rollback()
            self.summary["rejected"].append({"id": label, "line": record.get("line"),
                                             "reasons": [f"{e['field']}: {e['message']}"
                                                         for e in exc.errors]})
            return
        savepoint.commit()
        if record.get("id"):
            self.keys[record["id"]] = key

    def _create(self, record: dict[str, Any]) -> str:
        data = _concept_data(record, None)
        ident = (record.get("id") or "").lower()
        if editing.SLUG.match(ident):
            data["id"], n = ident, 1
            while self.session.scalar(select(Concept.id).where(Concept.key == data["id"])):
                n += 1
                data["id"] = f"{ident}-{n}"
        created = editing.create_concept(self.session, data, user=self.user)
        self.summary["added"].append(created["id"])
        self.pending.append((created["id"], record, {"new": True}))
        return created["id"]

    def _update(self, key: str, record: dict[str, Any]) -> str:
        current = concepts.get_concept(self.session, key)
        before = _concept_data(_with_homonyms(self.session, current), None)
        after = _concept_data(record, before)
        patch = {k: v for k, v in after.items() if before.get(k) != v}
        if patch:
            editing.update_concept(self.session, key, patch, expected_version=None,
                                   user=self.user)
            self.summary["updated"].append(key)
        self.pending.append((key, record, {"new": False, "changed": bool(patch)}))
        return key

    def link_and_date(self) -> None:
        """Second pass: relations (all concepts of the file now exist), then dates."""
        for key, record, state in self.pending:
            relations = self._relations(key, record)
            current = concepts.get_concept(self.session, key)["relations"]
            if relations is not None and any(sorted(current[k]) != sorted(v)
                                             for k, v in relations.items()):
                editing.update_concept(self.session, key, {"relations": relations},
                                       expected_version=None, user=self.user)
                if not state["new"] and not state["changed"]:
                    self.summary["updated"].append(key)
            if state["new"]:
                editing.restore_dates(self.session, key,
                                      created=_parse_time(record.get("created")),
                                      updated=_parse_time(record.get("updated")))
        skipped = {s["id"] for s in self.summary["skipped"]}
        self.summary["skipped"] += [{"id": k, "reason": "no change"} for k, _, st in
                                    self.pending if not st["new"] and k not in skipped
                                    and k not in self.summary["updated"]]

    def _relations(self, key: str, record: dict[str, Any]) -> dict[str, list[str]] | None:
        if "relations" not in record:
            return None
        out: dict[str, list[str]] = {}
        for kind in ("broader", "related"):
            out[kind] = []
            for target in record["relations"].get(kind, []):
                stored = self.keys.get(target) or self.session.scalar(
                    select(Concept.key).where(Concept.key == target))
                if stored and stored != key:
                    out[kind].append(stored)
                else:
                    self.summary["warnings"].append(
                        f"{key}: {kind} concept {target!r} is neither in the file nor in the "
                        "termbase; the link was left out")
        return out


def _with_homonyms(session: Session, shape: dict[str, Any]) -> dict[str, Any]:
    ids = [t["id"] for terms in shape["terms"].values() for t in terms]
    marked = set(session.scalars(select(Term.id).where(Term.id.in_(ids), Term.homonym)))
    return {**shape, "terms": {lang: [{**t, "homonym": t["id"] in marked} for t in terms]
                               for lang, terms in shape["terms"].items()}}


_TERM_KEYS = ("type", "status", "pos", "gender", "note", "sources", "homonym")
_TERM_DEFAULTS = {"type": "fullForm", "status": "proposed", "pos": None, "gender": None,
                  "note": None, "sources": [], "homonym": False, "palladius": False}


def _term_data(term: dict[str, Any], base: dict[str, Any] | None) -> dict[str, Any]:
    """A term as `editing` takes it: the file's fields over `base` over the defaults."""
    out = {**_TERM_DEFAULTS, **(base or {}), "text": term["text"]}
    nullable = ("pos", "gender", "note")  # None in the file means "none", not "not carried"
    out.update({k: term[k] for k in _TERM_KEYS
                if k in term and (term[k] is not None or k in nullable)})
    if "cyrillic" in term:
        out["palladius"] = term["cyrillic"] or False
    return out


def _concept_data(record: dict[str, Any], base: dict[str, Any] | None) -> dict[str, Any]:
    """A concept as `editing` takes it (terms, notes, kind, subject; relations come later),
    with what the file does not carry taken from `base` (the stored concept, or nothing)."""
    base = base or {}
    out: dict[str, Any] = {k: base[k] for k in ("kind", "subject") if k in base}
    out.update({k: record[k] for k in ("kind", "subject") if record.get(k)})
    file_langs = {"zh" if lang.startswith("zh") else lang
                  for lang, terms in record.get("terms", {}).items() if terms}
    for key in ("definition", "note"):
        kept = {k: v for k, v in base.get(key, {}).items()
                if key not in record or k not in file_langs}
        out[key] = {**kept, **record.get(key, {})}
    terms = {lang: list(items) for lang, items in base.get("terms", {}).items()}
    for lang, items in record.get("terms", {}).items():
        if items:
            old = {t["text"]: t for t in terms.get(lang, [])}
            terms[lang] = [_term_data(t, old.get(t["text"])) for t in items]
    out["terms"] = {lang: items for lang, items in terms.items() if items}
    return out
