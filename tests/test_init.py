"""`glossary init`: builds the database from data/, safely and repeatably."""

import json

from sqlalchemy import func, select, text

from glossary import db
from glossary.models import Change, Concept, Document, Occurrence, Term


def count(app, model):
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def test_init_loads_every_concept_with_four_language_forms(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert "4 concepts added" in result.output
    with empty_app.app_context():
        langs = set(db.session().scalars(select(Term.lang).distinct()))
    assert langs == {"zh-Hans", "zh-Hant", "ru", "en"}


def test_init_twice_changes_nothing(empty_app):
    runner = empty_app.test_cli_runner()
    runner.invoke(args=["init"])
    with empty_app.app_context():
        before = db.session().execute(text("SELECT key, version, updated_at FROM concepts"
                                           " ORDER BY key")).all()
    changes = count(empty_app, Change)
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0
    assert "0 concepts added, 0 updated, 4 unchanged" in result.output
    with empty_app.app_context():
        after = db.session().execute(text("SELECT key, version, updated_at FROM concepts"
                                          " ORDER BY key")).all()
    assert after == before
    assert count(empty_app, Change) == changes
    assert count(empty_app, Document) == 1


def test_init_applies_an_edited_data_file(empty_app, data_dir):
    runner = empty_app.test_cli_runner()
    runner.invoke(args=["init"])
    path = data_dir / "termbase" / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: три силы зла",
                                                             "text: «три силы зла»"),
                    encoding="utf-8")
    result = runner.invoke(args=["init"])
    assert "1 updated" in result.output
    with empty_app.app_context():
        concept = db.session().scalar(select(Concept).where(Concept.key == "three-evil-forces"))
        assert concept.version == 2
        assert "«три силы зла»" in [t.text for t in concept.terms]


def test_a_broken_data_file_leaves_the_database_untouched(empty_app, data_dir):
    runner = empty_app.test_cli_runner()
    runner.invoke(args=["init"])
    path = data_dir / "termbase" / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: admitted",
                                                             "status: official"),
                    encoding="utf-8")
    terms = count(empty_app, Term)
    result = runner.invoke(args=["init"])
    assert result.exit_code == 1
    assert "data/termbase/sample.yaml:" in result.output
    assert "'status' is 'official'" in result.output
    assert "The database was not changed" in result.output
    assert "Traceback" not in result.output
    assert count(empty_app, Term) == terms


def test_a_broken_data_file_on_first_init_creates_nothing(empty_app, data_dir):
    (data_dir / "termbase" / "bad.yaml").write_text("concepts: [", encoding="utf-8")
    result = empty_app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 1
    assert "data/termbase/bad.yaml:1" in result.output
    with empty_app.app_context():
        assert not db.has_schema(db.engine())


def test_init_records_where_known_terms_occur_in_the_document(app):
    with app.app_context():
        rows = db.session().execute(
            select(Term.text, Occurrence.sentence).join(Occurrence.term)).all()
    found = {t for t, _ in rows}
    assert {"上海合作组织", "上合组织", "地区反恐怖机构", "三股势力", "习近平"} <= found
    sentence = dict(rows)["三股势力"]
    assert "所作努力" in sentence  # the line broken inside 努力 was joined


def test_occurrence_offsets_point_into_the_original_file(app):
    with app.app_context():
        session = db.session()
        doc = session.scalar(select(Document))
        for occ in session.scalars(select(Occurrence)):
            assert doc.original[occ.start:occ.end] == occ.term.text


def test_concepts_json_prints_the_whole_termbase(runner):
    result = runner.invoke(args=["concepts", "--json"])
    data = json.loads(result.stdout)
    assert [c["id"] for c in data] == ["rats", "sco", "three-evil-forces", "xi-jinping"]
    rats = data[0]
    assert set(rats["terms"]) == {"zh-Hans", "zh-Hant", "ru", "en"}
    head = rats["terms"]["zh-Hans"][0]
    assert {"text", "type", "status", "pinyin", "cyrillic"} <= set(head)
    assert rats["terms"]["zh-Hant"][0]["text"] == "地區反恐怖機構"
    assert [t["text"] for t in rats["terms"]["en"]] == ["Regional Anti-Terrorist Structure",
                                                        "RATS"]
    assert rats["sources"][0]["id"].startswith("communique-2017")


def test_concepts_json_carries_pinyin_and_palladius(runner):
    data = {c["id"]: c for c in json.loads(runner.invoke(args=["concepts", "--json"]).stdout)}
    xi = data["xi-jinping"]["terms"]["zh-Hans"][0]
    assert xi["pinyin"] == "Xí Jìnpíng"
    assert xi["cyrillic"] == "Си Цзиньпин"
    assert data["three-evil-forces"]["terms"]["zh-Hans"][0]["cyrillic"] is None


def test_concepts_without_a_database_is_a_clear_error(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["concepts", "--json"])
    assert result.exit_code == 1
    assert "glossary init" in result.output


def test_a_pinned_reading_wins_over_the_dictionary(empty_app, data_dir):
    path = data_dir / "termbase" / "sample.yaml"
    pinned = "        - text: 三股势力\n          pinyin: sān gǔ shì lì\n"
    path.write_text(path.read_text(encoding="utf-8").replace("        - text: 三股势力\n", pinned),
                    encoding="utf-8")
    runner = empty_app.test_cli_runner()
    runner.invoke(args=["init"])
    data = {c["id"]: c for c in json.loads(runner.invoke(args=["concepts", "--json"]).stdout)}
    zh = data["three-evil-forces"]["terms"]["zh-Hans"][0]
    assert zh["pinyin"] == "sān gǔ shì lì"
    assert zh["pinyin_numbered"] == "san1 gu3 shi4 li4"
    assert data["three-evil-forces"]["terms"]["zh-Hant"][0]["pinyin"] == "sān gǔ shì lì"


def test_traditional_forms_use_standard_characters(runner):
    # s2t would give 祕書長; Taiwan and Hong Kong texts write 秘書長 (OpenCC s2tw).
    from glossary.enrich import traditional_forms

    assert traditional_forms(["秘书长", "峰会", "上合组织"]) == ["秘書長", "峰會", "上合組織"]
