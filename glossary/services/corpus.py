"""The corpus behind the shipped termbase: every source its terms cite, with its address and
how many concepts it attests (data/CORPUS.md is this report, committed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.datafiles import SourceRecord, Termbase

LANG_TITLES = {"zh-Hans": "Chinese", "ru": "Russian", "en": "English"}


@dataclass(frozen=True)
class CitedSource:
    source: SourceRecord
    concepts: int  # concepts with at least one term citing the source
    terms: int


def cited_sources(termbase: Termbase) -> list[CitedSource]:
    """Every source with the concepts and terms that cite it, most-cited first."""
    concepts: dict[str, set[str]] = defaultdict(set)
    terms: dict[str, int] = defaultdict(int)
    for concept in termbase.concepts:
        for term in concept.terms:
            for key in term.sources:
                concepts[key].add(concept.key)
                terms[key] += 1
    found = [CitedSource(s, len(concepts[s.key]), terms[s.key]) for s in termbase.sources]
    return sorted(found, key=lambda c: (-c.concepts, c.source.key))


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def corpus_markdown(termbase: Termbase) -> Iterator[str]:
    """data/CORPUS.md: a summary, then one table per language of what each source attests."""
    cited = cited_sources(termbase)
    yield "# The corpus behind the shipped termbase"
    yield ""
    yield ("Every source that a Russian, English or Chinese term of `data/termbase/` cites: "
           "its title, publisher, date and address, and how many concepts and terms it "
           "attests. Made by `glossary report corpus > data/CORPUS.md`; the texts themselves "
           "stay outside the repository.")
    yield ""
    used = [c for c in cited if c.concepts]
    yield (f"{len(termbase.concepts)} concepts; {len(termbase.sources)} sources, "
           f"{len(used)} of them cited by a term.")
    by_lang: dict[str, list[CitedSource]] = defaultdict(list)
    for c in cited:
        by_lang[c.source.lang or "other"].append(c)
    for lang in (*LANG_TITLES, *sorted(set(by_lang) - set(LANG_TITLES))):
        rows = by_lang.get(lang)
        if not rows:
            continue
        yield ""
        yield f"## {LANG_TITLES.get(lang, lang)} ({len(rows)} sources)"
        yield ""
        yield "| concepts | terms | source | publisher | date | address |"
        yield "|---:|---:|---|---|---|---|"
        for c in rows:
            s = c.source
            yield (f"| {c.concepts} | {c.terms} | {_cell(s.title)} | {_cell(s.publisher)} | "
                   f"{_cell(str(s.date) if s.date else '')} | {_cell(s.url)} |")
