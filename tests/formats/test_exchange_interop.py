"""An independent reader: translate-toolkit reads our plain TBX (2008) and our CSV as we meant them.

(translate-toolkit reads TBX 2008 "martif" only, so the v3 files are checked by the official
schemas instead: see test_format_tbx.py.)
"""

from __future__ import annotations

from translate.storage import csvl10n, tbx

from glossary import formats
from glossary.services import editing, exchange
from glossary.services.concepts import get_concept
from glossary.services.exchange import Filters


def export(session, name: str, **filters) -> bytes:
    return b"".join(exchange.export(session, name, Filters(**filters)))


def test_translate_toolkit_reads_every_entry_of_our_tbx_2008(reader):
    data = export(reader, "tbx")
    ours = formats.get_format("tbx").read(data, formats.Options())
    theirs = tbx.tbxfile.parsestring(data).units
    assert [u.getid() for u in theirs] == [r["id"] for r in ours]
    assert [[t.text for t in u.get_target_terms("ru")] for u in theirs] == [
        [t["text"] for t in r["terms"].get("ru", [])] for r in ours]


def test_translate_toolkit_sees_our_deprecated_term_as_deprecated(reader):
    unit = tbx.tbxfile.parsestring(export(reader, "tbx", concepts=("cica",))).units[0]
    assert [(t.text, t.deprecated) for t in unit.get_target_terms("ru")] == [
        ("Совещание по взаимодействию и мерам доверия в Азии", False), ("СВМДА", False),
        ("Азиатское совещание", True)]


def test_translate_toolkit_reads_our_csv_one_unit_per_term(reader):
    note = 'Say "СВМДА", never "САВМДА"; see line 2,\tcolumn 3.'
    term_id = next(t["id"] for t in get_concept(reader, "cica")["terms"]["ru"]
                   if t["text"] == "СВМДА")
    editing.update_term(reader, term_id, {"note": note}, expected_version=None, user="tester")
    store = csvl10n.csvfile()
    store.parse(export(reader, "csv", concepts=("cica",)))  # its own guess of the dialect
    assert [u.getid() for u in store.units] == ["cica"] * 7
    assert [u.getnotes() for u in store.units if u.getnotes()] == [
        " ".join(note.split()), "Unofficial."]


def test_translate_toolkit_reads_each_term_of_our_csv_as_a_units_text(reader):
    store = csvl10n.csvfile()
    store.parse(export(reader, "csv", concepts=("cica",)))
    record = get_concept(reader, "cica")
    assert sorted(u.source for u in store.units) == sorted(
        t["text"] for terms in record["terms"].values() for t in terms)
