"""Imports: what comes in, the conflict policies, rejections with reasons, dry runs."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from glossary.models import Change, Concept, Document
from glossary.services import exchange
from glossary.services.concepts import get_concept
from glossary.services.exchange import ExchangeError, Filters, contexts
from tests.formats.termbase import census

ALL = ["cica", "rats", "sco", "three-evil-forces", "xi-jinping"]


def export(session, name: str = "tbx3", **filters) -> bytes:
    return b"".join(exchange.export(session, name, Filters(**filters)))


def load(session, data: bytes, filename: str = "file.tbx", **options) -> dict:
    return exchange.import_file(session, data, filename, user="importer", **options)


def comparable(concept: dict) -> dict:
    """A concept without what an import may not keep: row ids and the version counter."""
    terms = {lang: [{k: v for k, v in t.items() if k != "id"} for t in items]
             for lang, items in concept["terms"].items()}
    return {**{k: v for k, v in concept.items() if k not in ("version",)}, "terms": terms}


def test_a_file_imports_into_an_empty_termbase(reader, blank):
    summary = load(blank, export(reader))
    assert sorted(summary["added"]) == ALL
    assert summary["sources_added"] == ["communique-2017-en", "communique-2017-ru"]


def test_an_imported_concept_is_the_exported_one(reader, blank):
    load(blank, export(reader))
    assert comparable(get_concept(blank, "cica")) == comparable(get_concept(reader, "cica"))


def test_an_imported_concept_keeps_its_creation_date(reader, blank):
    load(blank, export(reader))
    stamp = select(Concept.created_at).where(Concept.key == "cica")
    # A TBX date is precise to the second.
    assert blank.scalar(stamp) == reader.scalar(stamp).replace(microsecond=0)


def test_a_dry_run_reports_but_writes_nothing(reader, blank):
    before = census(blank)
    summary = load(blank, export(reader), dry_run=True)
    assert sorted(summary["added"]) == ALL and summary["dry_run"] is True
    assert census(blank) == before


def test_skip_leaves_an_existing_concept_as_it_is(reader):
    data = export(reader, concepts=("sco",)).replace(b"with an s.", b"with a z.")
    summary = load(reader, data, on_conflict="skip")
    assert summary["skipped"] == [{"id": "sco", "reason": "already in the termbase "
                                                          "(--on-conflict skip)"}]
    assert get_concept(reader, "sco")["note"]["en"].endswith("with an s.")


def test_update_applies_the_file_and_moves_the_version_once(reader):
    version = get_concept(reader, "sco")["version"]
    data = export(reader, concepts=("sco",)).replace(b"with an s.", b"with a z.")
    summary = load(reader, data, on_conflict="update")
    concept = get_concept(reader, "sco")
    assert summary["updated"] == ["sco"]
    assert concept["note"]["en"].endswith("with a z.")
    assert concept["version"] == version + 1


def test_an_update_is_in_the_change_log_with_its_user(reader):
    data = export(reader, concepts=("sco",)).replace(b"with an s.", b"with a z.")
    load(reader, data, on_conflict="update")
    change = reader.scalars(select(Change).order_by(Change.id.desc())).first()
    assert (change.concept_key, change.action, change.user) == ("sco", "update", "importer")


def test_an_unchanged_concept_is_not_updated(reader):
    before = census(reader)
    summary = load(reader, export(reader), on_conflict="update")
    assert summary["updated"] == [] and len(summary["skipped"]) == len(ALL)
    assert census(reader) == before


def test_an_update_from_a_lossy_file_keeps_what_the_file_cannot_carry(reader):
    data = export(reader, "omegat", languages=("zh-Hans", "ru"), concepts=("cica",))
    data = data.replace(b"Unofficial.", "Не использовать.".encode())
    load(reader, data, "cica.utf8", on_conflict="update")
    ru = get_concept(reader, "cica")["terms"]["ru"]
    assert ru[2]["note"] == "Не использовать."
    assert (ru[0]["gender"], ru[1]["gender"], ru[0]["sources"]) == (
        "neuter", "plural", ["communique-2017-ru"])


def test_new_adds_another_concept_under_a_fresh_id(reader):
    summary = load(reader, export(reader, concepts=("cica",)), on_conflict="new")
    assert summary["added"] == ["cica-2"]
    assert get_concept(reader, "cica-2")["terms"]["en"][1]["text"] == "CICA"


def test_a_concept_the_rules_refuse_is_rejected_with_its_reasons(reader, blank):
    data = export(reader).replace(b"<term>\xd0\xa1\xd0\x92\xd0\x9c\xd0\x94\xd0\x90</term>",
                                  b"<term>   </term>")
    summary = load(blank, data)
    [rejected] = summary["rejected"]
    assert (rejected["id"], rejected["reasons"]) == (
        "cica", ["terms.ru[1].text: must be non-empty text"])
    assert data.count(b"\n", 0, data.index(b'<conceptEntry id="cica"')) + 1 == rejected["line"]
    assert sorted(summary["added"]) == [k for k in ALL if k != "cica"]


def test_relations_between_concepts_of_the_file_are_restored(reader, blank):
    load(blank, export(reader))
    relations = get_concept(blank, "cica")["relations"]
    assert (relations["broader"], relations["related"]) == (["three-evil-forces"], ["sco"])


def test_a_relation_to_a_concept_found_nowhere_is_left_out_with_a_warning(reader, blank):
    summary = load(blank, export(reader, concepts=("cica",)))
    assert get_concept(blank, "cica")["relations"]["related"] == []
    assert any("'sco'" in warning for warning in summary["warnings"])


def test_a_homonym_mark_comes_back(reader, blank):
    from glossary.models import Term

    load(blank, export(reader, concepts=("cica",)))
    assert blank.scalar(select(Term.homonym).where(Term.text == "亚信")) is True


def test_rows_without_ids_meet_their_concept_by_the_first_term(reader):
    data = "lang,term\nzh-Hans,上海合作组织\n".encode()
    assert load(reader, data, "list.csv")["skipped"][0]["id"] == "sco"


def test_the_language_codes_of_other_tools_are_understood(blank):
    data = ("id,lang,term\nsco,zh_CN,上海合作组织\nsco,Chinese (Taiwan),上海合作組織\n"
            "sco,en-GB,SCO\n").encode()
    load(blank, data, "codes.csv")
    terms = get_concept(blank, "sco")["terms"]
    assert [t["text"] for lang in ("zh-Hans", "zh-Hant", "en") for t in terms[lang]] == [
        "上海合作组织", "上海合作組織", "SCO"]


def test_an_unknown_conflict_policy_is_refused(blank):
    with pytest.raises(ExchangeError, match="skip, update, new"):
        load(blank, b"id,lang,term\n", "x.csv", on_conflict="overwrite")


def test_an_update_from_a_tbx_that_lost_links_and_sources_keeps_ours(reader):
    import re

    data = export(reader, concepts=("cica",)).decode()
    data = re.sub(r'<ref type="crossReference"[^>]*>[^<]*</ref>', "", data)
    data = re.sub(r'<admin type="source" target="[^"]*">[^<]*</admin>', "", data)
    data = data.replace("Unofficial.", "Never.")
    load(reader, data.encode(), on_conflict="update")
    concept = get_concept(reader, "cica")
    assert concept["terms"]["ru"][2]["note"] == "Never."
    assert concept["relations"]["related"] == ["sco"]
    assert concept["terms"]["ru"][2]["sources"] == ["communique-2017-ru"]


def test_a_reading_the_dictionary_would_not_give_comes_back(reader, blank):
    data = export(reader, concepts=("sco",)).replace(
        "pinyin: Shànghé Zǔzhī".encode(), "pinyin: Shànghé zǔzhi".encode())
    load(blank, data)
    terms = get_concept(blank, "sco")["terms"]["zh-Hans"]
    assert [t["pinyin"] for t in terms] == ["Shànghǎi Hézuò Zǔzhī", "Shànghé zǔzhi"]


def test_a_pinyin_that_does_not_fit_its_term_is_left_out_with_a_warning(reader, blank):
    data = export(reader, concepts=("sco",)).replace(
        "pinyin: Shànghé Zǔzhī".encode(), "pinyin: Shànghé".encode())
    summary = load(blank, data)
    assert get_concept(blank, "sco")["terms"]["zh-Hans"][1]["pinyin"] == "Shànghé Zǔzhī"
    assert any("the pinyin of the file was left out" in w for w in summary["warnings"])


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>another tool</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="c17">
<langSet xml:lang="zh-CN"><tig><term>新华社</term></tig></langSet>
<langSet xml:lang="de"><tig><term>Xinhua</term></tig></langSet>
<langSet xml:lang="ru-RU"><tig><term>Синьхуа</term>
<admin type="source">新华社官方译名</admin></tig></langSet>
</termEntry></body></text></martif>"""


def test_a_tbx_from_another_tool_comes_in_with_what_the_termbase_holds(blank):
    summary = load(blank, FOREIGN.encode(), "other.tbx")
    [key] = summary["added"]
    terms = get_concept(blank, key)["terms"]
    assert (terms["zh-Hans"][0]["text"], terms["ru"][0]["text"]) == ("新华社", "Синьхуа")
    assert terms["ru"][0]["sources"][0].startswith("source-")
    assert summary["warnings"] == ["line 6: language 'de' is not one the termbase holds "
                                   "(zh-Hans, zh-Hant, ru, en); its terms were left out"]


def context_count(data: bytes) -> int:
    return data.count(b'<descrip type="context">')


@pytest.mark.parametrize("name", ["tbx", "tbx3"])
def test_contexts_come_back_with_their_document(reader, blank, name):
    first = export(reader, name)
    summary = load(blank, first, f"file.{name}")
    assert summary["documents_added"] == ["mini-communique"]
    assert blank.scalar(select(Document.title).where(Document.key == "mini-communique")) == \
        "小公报"
    again = export(blank, name)
    assert context_count(again) == context_count(first) > 0
    assert again == first


def test_a_memoq_example_comes_back_as_a_context(reader, blank):
    first = export(reader, "memoq", concepts=("xi-jinping",))
    summary = load(blank, first, "xi.csv")
    assert summary["documents_added"] == [contexts.cited_documents(
        exchange.read_file(first, "xi.csv")[1], "xi.csv").popitem()[0]]
    assert export(blank, "memoq", concepts=("xi-jinping",)) == first


def test_contexts_of_a_document_the_termbase_holds_add_no_document(reader):
    summary = load(reader, export(reader, "tbx"), on_conflict="update")
    assert summary["documents_added"] == []
    assert reader.scalar(select(func.count()).select_from(Document)) == 1


def test_a_dry_run_adds_no_document_either(reader, blank):
    summary = load(blank, export(reader, "tbx"), dry_run=True)
    assert summary["documents_added"] == ["mini-communique"]
    assert blank.scalar(select(func.count()).select_from(Document)) == 0


HOSTILE_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="xinhua"><langSet xml:lang="zh-CN"><tig><term>新华社</term>
<descripGrp><descrip type="context">新华社报道。</descrip>
<admin type="source" target="doc.Bad Id/../x">新华社稿</admin></descripGrp></tig></langSet>
</termEntry></body><back><refObjectList type="documents">
<refObject id="doc.Bad Id/../x"><item type="title">新华社稿</item>
<item type="lang">klingon-of-many-letters</item><item type="date">yesterday</item></refObject>
</refObjectList></back></text></martif>"""


def test_a_context_document_with_unusable_id_language_and_date_gets_safe_ones(blank):
    summary = load(blank, HOSTILE_DOCUMENT.encode(), "other.tbx")
    [key] = summary["documents_added"]
    doc = blank.scalars(select(Document).where(Document.key == key)).one()
    assert key.startswith("contexts-")  # an id of ours, from the title (no Latin letters)
    assert (doc.title, doc.lang, doc.date, doc.text) == ("新华社稿", "zh-Hans", None,
                                                         "新华社报道。")
    again = export(blank, "tbx", concepts=("xinhua",))
    assert "新华社报道。".encode() in again
