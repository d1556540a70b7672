"""Suggester: compose (placeholder until its branch lands)."""

from __future__ import annotations

from collections.abc import Iterable

from glossary.suggest import Material, Query, Suggestion
from glossary.suggest.knowledge import Knowledge


def suggest(query: Query, knowledge: Knowledge, material: Material) -> Iterable[Suggestion]:
    return ()
