"""Imports: the whole file is read and checked first, then every concept is written through
`services.editing` inside one savepoint of the caller's transaction.

Two passes: concepts first (each in its own savepoint, so a refused one leaves no trace),
then the relations between them (every concept of the file exists by then) and the dates the
file records for the concepts it added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, false, select, update
from sqlalchemy.orm import Session

from glossary import chinese, enrich, formats
from glossary.concept_rules import is_slug
from glossary.formats import FormatError, Options
from glossary.models import Change, Concept, Occurrence, Relation, Source, Term
from glossary.services import concepts, documents, editing
from glossary.services.exchange import contexts
from glossary.services.exchange.exporting import forget_loaded
from glossary.services.exchange.filters import ExchangeError

#: The largest file an import reads (the web's request limit is smaller still).
MAX_IMPORT_BYTES = 64 * 1024 * 1024
CONFLICT_POLICIES = ("skip", "update", "new")
_TERMBASE_MODELS = (Concept, Term, Relation, Source, Occurrence, Change)


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
        run.summary["documents_added"] = contexts.restore_documents(session, records, filename)
        if run.summary["added"] or run.summary["updated"] or run.summary["documents_added"]:
            documents.refresh_all_occurrences(session)
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
        # Rows the dry run wrote are gone, and SQLite will hand out their ids again: objects
        # that were reloaded meanwhile must not stay in the session as stale twins.
        forget_loaded(session, {key for key, obj in cast(Any, session.identity_map).items()
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
        session.execute(update(cast(Table, Concept.__table__)).where(false()).values(version=1))


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
                                        "rejected": [], "sources_added": [],
                                        "documents_added": [], "warnings": []}

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
        if ident and is_slug(ident):
            return self.session.scalar(select(Concept.key).where(Concept.key == ident))
        for lang, terms in record.get("terms", {}).items():
            if terms:
                return self.session.scalar(
                    select(Concept.key).join(Term).where(Term.lang == lang,
                                                         Term.text == terms[0]["text"]))
        return None

    def write(self, record: dict[str, Any]) -> None:
        """Write one record in its own savepoint: refused records leave no trace."""
        self.summary["warnings"] += record.get("ignored", [])
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
        data = self._readings(_concept_data(record, None))
        ident = (record.get("id") or "").lower()
        if is_slug(ident):
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
        before = self._readings(_concept_data(_with_homonyms(self.session, current), None))
        after = self._readings(_concept_data(record, before))
        patch = {k: v for k, v in after.items() if before.get(k) != v}
        for field in ("definition", "note"):  # the file's texts replace the stored ones
            if field in patch:
                patch[field] = editing.texts_patch(before.get(field) or {}, patch[field] or {})
        if patch:
            editing.update_concept(self.session, key, patch, expected_version=None,
                                   user=self.user)
            self.summary["updated"].append(key)
        self.pending.append((key, record, {"new": False, "changed": bool(patch)}))
        return key

    def _readings(self, data: dict[str, Any]) -> dict[str, Any]:
        """Pinyin of the file that the dictionary would not give is kept as a reading (a
        reading checked by a person); pinyin that does not fit its term is dropped."""
        for lang, items in data.get("terms", {}).items():
            for item in items:
                pinyin = item.pop("pinyin", None)
                if pinyin is None or not lang.startswith("zh"):
                    continue
                item.pop("reading", None)
                if pinyin == _dictionary_pinyin(lang, item["text"], data.get("kind")):
                    continue
                try:
                    chinese.pinyin_forms_from(chinese.fold_script(item["text"]), pinyin)
                except ValueError as exc:
                    self.summary["warnings"].append(f"{item['text']}: the pinyin of the file "
                                                    f"was left out ({exc})")
                    continue
                item["reading"] = pinyin
        return data

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


def _dictionary_pinyin(lang: str, text: str, kind: str | None) -> str | None:
    scratch = Term(lang=lang, text=text)  # never added to the session
    enrich.fill_chinese(scratch, kind or "concept")
    return scratch.pinyin


def _with_homonyms(session: Session, shape: dict[str, Any]) -> dict[str, Any]:
    ids = [t["id"] for terms in shape["terms"].values() for t in terms]
    marked = set(session.scalars(select(Term.id).where(Term.id.in_(ids), Term.homonym)))
    return {**shape, "terms": {lang: [{**t, "homonym": t["id"] in marked} for t in terms]
                               for lang, terms in shape["terms"].items()}}


_TERM_KEYS = ("type", "status", "pos", "gender", "note", "sources", "homonym")
_TERM_DEFAULTS: dict[str, Any] = {
    "type": "fullForm", "status": "proposed", "pos": None, "gender": None, "note": None,
    "sources": [], "homonym": False, "palladius": False}


def _term_data(term: dict[str, Any], base: dict[str, Any] | None) -> dict[str, Any]:
    """A term as `editing` takes it: the file's fields over `base` over the defaults."""
    out = {**_TERM_DEFAULTS, **(base or {}), "text": term["text"]}
    nullable = ("pos", "gender", "note")  # None in the file means "none", not "not carried"
    out.update({k: term[k] for k in _TERM_KEYS
                if k in term and (term[k] is not None or k in nullable)})
    if "cyrillic" in term:
        out["palladius"] = term["cyrillic"] or False
    if term.get("pinyin"):
        out["pinyin"] = term["pinyin"]  # turned into a reading, or dropped, by _readings
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
            # Files list preferred terms first: the stored order of known terms is kept.
            rank = {text: i for i, text in enumerate(old)}
            items = sorted(items, key=lambda t: rank.get(t["text"], len(rank)))
            terms[lang] = [_term_data(t, old.get(t["text"])) for t in items]
    out["terms"] = {lang: items for lang, items in terms.items() if items}
    return out
