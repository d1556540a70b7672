"""The termbase as SQLAlchemy 2.x typed models (concept orientation, ISO 16642 / TBX).

A Concept owns its Terms; a Term belongs to exactly one concept and one language. The rules a
termbase lives by are constraints in the database, not only checks in Python, so that no
writer (web, API, import, a hand-made SQL session) can break them.
No Flask here: the models are used by the CLI, the services and the tests alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

LANGUAGES = ("zh-Hans", "zh-Hant", "ru", "en")
TERM_TYPES = ("fullForm", "shortForm", "abbreviation", "acronym", "variant")
STATUSES = ("preferred", "admitted", "deprecated", "proposed")
PARTS_OF_SPEECH = ("noun", "adjective", "verb", "properNoun", "other")
GENDERS = ("masculine", "feminine", "neuter", "plural")
KINDS = (
    "organization", "body", "meeting", "document", "person", "state", "place", "event",
    "concept", "title",
)
SUBJECTS = (
    "politics", "international-relations", "security", "economy", "finance", "transport",
    "law", "culture", "education", "science-technology", "health", "environment", "sport",
    "geography", "people",
)
RELATION_TYPES = ("broader", "related")
CANDIDATE_STATES = ("pending", "accepted", "merged", "rejected")
ROLES = ("reader", "editor", "admin")
JOB_STATES = ("queued", "running", "done", "failed")
BITEXT_KINDS = ("tmx", "parallel")
#: The languages a Chinese sentence of bilingual material is paired with.
BITEXT_LANGS = ("ru", "en")
#: Concept kinds whose names are proper nouns: their pinyin is capitalised.
PROPER_KINDS = frozenset(
    {"organization", "body", "meeting", "document", "person", "state", "place", "event"}
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=f"ck_{column}_allowed")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[Any]: JSON}


term_sources = Table(
    "term_sources",
    Base.metadata,
    Column("term_id", ForeignKey("terms.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True),
)


class Source(Base):
    """A work a term is attested in: an official document or page."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))


class Concept(Base):
    """One concept: every language's terms, notes and relations hang off it."""

    __tablename__ = "concepts"
    __table_args__ = (
        _one_of("kind", KINDS),
        _one_of("subject", SUBJECTS),
        CheckConstraint("key <> ''", name="ck_concept_key_not_empty"),
        CheckConstraint("version >= 1", name="ck_concept_version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The public, stable identifier (a slug): URLs, API, exports and data files use it.
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="concept")
    subject: Mapped[str] = mapped_column(String(40), default="politics")
    #: Per-language definitions and notes: {"en": "...", "ru": "...", "zh": "..."}.
    definition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Optimistic locking: every accepted edit increments it; a stale edit is refused.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    #: Where the record came from: a data file ("data/termbase/places.yaml"), "web", "api" ...
    origin: Mapped[str | None] = mapped_column(String(200))

    terms: Mapped[list[Term]] = relationship(
        back_populates="concept", cascade="all, delete-orphan", order_by="Term.position"
    )
    relations: Mapped[list[Relation]] = relationship(
        foreign_keys="Relation.source_id", cascade="all, delete-orphan",
        back_populates="source",
    )

    # The application moves the version once per accepted edit (`bump`); SQLAlchemy adds
    # "WHERE version = <old>" to the UPDATE, so a concurrent edit fails instead of winning.
    __mapper_args__ = {"version_id_col": version,  # noqa: RUF012 (read by SQLAlchemy)
                       "version_id_generator": False}

    def bump(self) -> None:
        """Mark one accepted edit: a new version and a new modification time."""
        self.version = (self.version or 1) + 1
        self.updated_at = utcnow()


class Term(Base):
    """A designation of a concept in one language."""

    __tablename__ = "terms"
    __table_args__ = (
        UniqueConstraint("concept_id", "lang", "text", name="uq_term_concept_lang_text"),
        _one_of("lang", LANGUAGES),
        _one_of("type", TERM_TYPES),
        _one_of("status", STATUSES),
        CheckConstraint(
            "pos IS NULL OR pos IN ('noun', 'adjective', 'verb', 'properNoun', 'other')",
            name="ck_pos_allowed",
        ),
        CheckConstraint(
            "gender IS NULL OR (lang = 'ru' AND gender IN "
            "('masculine', 'feminine', 'neuter', 'plural'))",
            name="ck_gender_russian_only",
        ),
        CheckConstraint("text <> ''", name="ck_term_text_not_empty"),
        Index("ix_terms_lang_text", "lang", "text"),
        # Loading a concept's terms: neither SQLite nor PostgreSQL indexes a foreign key.
        Index("ix_terms_concept", "concept_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(20), default="fullForm")
    status: Mapped[str] = mapped_column(String(12), default="preferred")
    pos: Mapped[str | None] = mapped_column(String(12))
    gender: Mapped[str | None] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)
    #: Order of the term inside its language section (the first is the head term).
    position: Mapped[int] = mapped_column(default=0)
    #: Marks a deliberate homonym: the same string names another concept too.
    homonym: Mapped[bool] = mapped_column(default=False)
    # Chinese only: pinyin in four forms (display, numbered, plain, initials) and the
    # Palladius transcription when the term is a Chinese name.
    pinyin: Mapped[str | None] = mapped_column(String(1000))
    pinyin_numbered: Mapped[str | None] = mapped_column(String(1000))
    pinyin_plain: Mapped[str | None] = mapped_column(String(1000))
    pinyin_initials: Mapped[str | None] = mapped_column(String(200))
    cyrillic: Mapped[str | None] = mapped_column(String(500))

    concept: Mapped[Concept] = relationship(back_populates="terms")
    sources: Mapped[list[Source]] = relationship(secondary=term_sources, order_by=Source.key)


class Relation(Base):
    """A directed link between two concepts: broader (source is narrower) or related."""

    __tablename__ = "relations"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "type", name="uq_relation"),
        _one_of("type", RELATION_TYPES),
        CheckConstraint("source_id <> target_id", name="ck_relation_not_self"),
        Index("ix_relations_target", "target_id"),  # narrower and related, from the other side
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(12))

    source: Mapped[Concept] = relationship(foreign_keys=[source_id], back_populates="relations")
    target: Mapped[Concept] = relationship(foreign_keys=[target_id])


class Document(Base):
    """An imported source text, kept as read and as normalised."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    date: Mapped[str | None] = mapped_column(String(10))
    origin: Mapped[str | None] = mapped_column(Text)
    #: SHA-256 of the original bytes: importing the same file twice is a no-op.
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Occurrence.start"
    )


class Occurrence(Base):
    """Where a known term occurs in a document, with its sentence (the context)."""

    __tablename__ = "occurrences"
    __table_args__ = (
        UniqueConstraint("document_id", "term_id", "start", name="uq_occurrence"),
        CheckConstraint("start >= 0 AND \"end\" > start", name="ck_occurrence_span"),
        Index("ix_occurrences_term", "term_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"))
    #: Span of the term in the document's ORIGINAL text (what the user uploaded).
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    #: The sentence in normalised text, and the term's span inside it.
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="occurrences")
    term: Mapped[Term] = relationship()


class Candidate(Base):
    """An extracted string awaiting a terminologist's decision."""

    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("text", name="uq_candidate_text"),
        _one_of("state", CANDIDATE_STATES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(500))
    original: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(default=0.0)
    frequency: Mapped[int] = mapped_column(default=0)
    pinyin: Mapped[str | None] = mapped_column(String(1000))
    #: [{"document": key, "sentence": ..., "start": n, "end": n}, ...]
    contexts: Mapped[list[Any]] = mapped_column(default=list)
    #: Abbreviation links found in the text: {"full_form": ..., "abbreviations": [...]}.
    links: Mapped[dict[str, Any]] = mapped_column(default=dict)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(10), default="pending")
    concept_id: Mapped[int | None] = mapped_column(ForeignKey("concepts.id", ondelete="SET NULL"))
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Change(Base):
    """The change log: one row per write to a concept, in commit order.

    Its id is the sequence that search indexes (and other processes) follow to stay in step.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_concept", "concept_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_key: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, import
    user: Mapped[str | None] = mapped_column(String(80))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int | None] = mapped_column(Integer)
    #: What changed: {"field": [old, new], ...} or a snapshot for create/delete.
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class User(Base):
    """A person who signs in: readers read, editors edit and review, admins manage users."""

    __tablename__ = "users"
    __table_args__ = (_one_of("role", ROLES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(10), default="reader")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: Bumped by sign-out, a password change and disabling: a session made under an older
    #: version is no longer signed in.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Token(Base):
    """An API token: shown once, stored as a SHA-256 digest, revocable."""

    __tablename__ = "tokens"
    __table_args__ = (_one_of("scope", ("read", "write")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: The first characters of the token, to tell tokens apart in listings.
    prefix: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(8), default="read")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()


class Job(Base):
    """Work that takes seconds (importing a document), queued by a request and done by a
    worker thread (glossary/jobs.py); the page or client that queued it follows its progress.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')",
                        name="ck_job_state_allowed"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="ck_job_progress"),
        Index("ix_jobs_state", "state", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10), default="queued")
    #: From 0 to 1; `message` says what the job is doing, or why it failed.
    progress: Mapped[float] = mapped_column(default=0.0)
    message: Mapped[str | None] = mapped_column(Text)
    #: What the job was asked to do (a title, a file name), and what it made.
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The uploaded bytes, dropped when the job ends; loaded only by the worker.
    payload: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    user: Mapped[str | None] = mapped_column(String(80))
    #: How many times a worker took the job: a claim is a compare-and-set on it.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: Moved on by the worker while it works: a running job whose heartbeat is older than
    #: JOBS_STALE_AFTER was left by a process that died, and is taken again.
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Bitext(Base):
    """Bilingual material a translator imported: a TMX from a CAT tool ("tmx"), or a Chinese
    document with its Russian or English translation ("parallel"), as aligned sentence
    pairs that the suggesters look Chinese terms up in."""

    __tablename__ = "bitexts"
    __table_args__ = (
        CheckConstraint("kind IN ('tmx', 'parallel')", name="ck_bitext_kind_allowed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text)
    #: The file name(s) it was imported from.
    origin: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    #: The target languages of its pairs, e.g. ["en", "ru"].
    langs: Mapped[list[Any]] = mapped_column(default=list)
    #: SHA-256 of the input bytes: importing the same material twice is a no-op.
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: What the reader saw: units read and skipped, the TMX header's tool, encodings ...
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: A parallel import's two texts, also imported as ordinary documents.
    zh_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"))
    target_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"))

    pairs: Mapped[list[BitextPair]] = relationship(
        back_populates="bitext", cascade="all, delete-orphan", passive_deletes=True,
        order_by="BitextPair.position")


class BitextPair(Base):
    """A Chinese sentence (or run of sentences) and its translation in one language."""

    __tablename__ = "bitext_pairs"
    __table_args__ = (
        CheckConstraint("lang IN ('ru', 'en')", name="ck_bitext_pair_lang_allowed"),
        # A bitext's pairs in one language, in order: its page, and the lookups by language.
        Index("ix_bitext_pairs_bitext_lang", "bitext_id", "lang", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bitext_id: Mapped[int] = mapped_column(ForeignKey("bitexts.id", ondelete="CASCADE"))
    #: The unit's (TMX) or bead's (parallel) place in the material, from 0.
    position: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    #: The Chinese normalised as documents are (glossary.chinese.normalise), in its script.
    zh: Mapped[str] = mapped_column(Text)
    #: The Chinese folded to simplified, only when that differs from `zh` (a traditional
    #: text): terms are looked up in simplified script.
    zh_folded: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)

    bitext: Mapped[Bitext] = relationship(back_populates="pairs")
