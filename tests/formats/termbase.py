"""Helpers for the exchange tests: a concept that uses every field, and a database census."""

from __future__ import annotations

from sqlalchemy import func, select

from glossary.models import Change, Concept, Source, Term
from glossary.services import editing

SOURCES = {"ru": ["communique-2017-ru"], "en": ["communique-2017-en"]}

#: A concept with every field the termbase has (added to the small termbase by `add_rich`).
RICH = {
    "id": "cica", "kind": "organization", "subject": "international-relations",
    "definition": {"en": "A forum for dialogue and security in Asia.",
                   "zh": "亚洲安全对话论坛。"},
    "note": {"ru": "Аббревиатура СВМДА не склоняется."},
    "relations": {"related": ["sco"], "broader": ["three-evil-forces"]},
    "terms": {
        "zh-Hans": [
            {"text": "亚洲相互协作与信任措施会议", "status": "preferred"},
            {"text": "亚信", "type": "abbreviation", "status": "preferred", "homonym": True}],
        "ru": [
            {"text": "Совещание по взаимодействию и мерам доверия в Азии",
             "status": "preferred", "pos": "noun", "gender": "neuter", "sources": SOURCES["ru"]},
            {"text": "СВМДА", "type": "abbreviation", "status": "admitted", "gender": "plural",
             "sources": SOURCES["ru"]},
            {"text": "Азиатское совещание", "status": "deprecated", "note": "Unofficial.",
             "sources": SOURCES["ru"]}],
        "en": [
            {"text": "Conference on Interaction and Confidence Building Measures in Asia",
             "status": "preferred", "pos": "properNoun", "sources": SOURCES["en"]},
            {"text": "CICA", "type": "acronym", "status": "proposed", "sources": SOURCES["en"]}],
    },
}


def add_rich(session) -> dict:
    """Add RICH to the termbase (and commit), return it as stored."""
    concept = editing.create_concept(session, RICH, user="tester")
    session.commit()
    return concept


def census(session) -> tuple[int, int, int, int]:
    """(concepts, terms, sources, change log rows): equal before and after = nothing written."""
    return tuple(session.scalar(select(func.count()).select_from(model))
                 for model in (Concept, Term, Source, Change))
