"""Reports on the termbase: the checked pinyin table, coverage of a document."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from glossary.models import Concept, Term

PINYIN_HEADER = (
    "# Checked readings of the shipped termbase: zh-Hans term, pinyin, Palladius (names only).\n"
    "# Every line was read by a person. tests/test_shipped_data.py fails when a computed\n"
    "# reading changes; after checking the difference, regenerate with:\n"
    "#   glossary report pinyin > data/pinyin.tsv\n"
)


def pinyin_table(session: Session) -> Iterator[str]:
    """Lines of the pinyin table, sorted by term, tab-separated, without duplicates."""
    rows = session.execute(
        select(Term.text, Term.pinyin, Term.cyrillic).join(Concept)
        .where(Term.lang == "zh-Hans").order_by(Term.text)
    )
    seen: set[str] = set()
    for text, pinyin, cyrillic in rows:
        if text in seen:
            continue
        seen.add(text)
        yield f"{text}\t{pinyin or ''}\t{cyrillic or ''}"


def coverage(session: Session, text: str, name: str) -> dict:
    """Which term candidates of a text the termbase has no concept for yet.

    :return: {"document", "candidates": n, "known": n, "share": known/candidates (0..1, None
        without candidates), "missing": [candidate, ...]}
    """
    from glossary.services import extraction

    found = extraction.extract_text(text, known=extraction.known_terms(session), name=name)
    missing = [c for c in found if not c["concept"]]
    known = len(found) - len(missing)
    return {"document": name, "candidates": len(found), "known": known,
            "share": round(known / len(found), 3) if found else None, "missing": missing}
