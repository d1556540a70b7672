"""What an export holds (the filters), and the error every exchange request may end in."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, exists, select

from glossary.models import (
    LANGUAGES,
    STATUSES,
    SUBJECTS,
    Concept,
    Document,
    Occurrence,
    Source,
    Term,
)
from glossary.models import term_sources as TermSource


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


def conditions(filters: Filters) -> list[Any]:
    """What a concept must satisfy to be exported (clauses on Concept)."""
    where: list[Any] = []
    if filters.subjects:
        where.append(Concept.subject.in_(filters.subjects))
    if filters.concepts:
        where.append(Concept.key.in_(filters.concepts))
    if filters.languages or filters.statuses:
        where.append(exists(terms_kept(filters).where(Term.concept_id == Concept.id)))
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


def terms_kept(filters: Filters) -> Select:
    query = select(Term.id)
    if filters.languages:
        query = query.where(Term.lang.in_(filters.languages))
    if filters.statuses:
        query = query.where(Term.status.in_(filters.statuses))
    return query
