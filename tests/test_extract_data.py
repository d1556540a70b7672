"""The extractor's vocabulary files: a header saying where they come from, then one entry a
line, sorted and unique (so that diffs stay reviewable)."""

from __future__ import annotations

from importlib import resources

import pytest

DATA = resources.files("glossary.extract").joinpath("data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".txt", ".tsv")))


def test_there_are_vocabulary_files():
    assert {"heads.tsv", "offices.txt", "transliteration.txt", "boundaries.txt"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_file_starts_with_a_header(name):
    assert DATA.joinpath(name).read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("name", FILES)
def test_entries_are_sorted_and_unique(name):
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]
    assert entries == sorted(set(entries))


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".tsv")])
def test_tsv_rows_have_a_known_kind(name):
    from glossary.extract import KINDS

    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line and not line.startswith("#"):
            assert line.split("\t")[1] in KINDS, line
