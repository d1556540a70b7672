"""Bilingual material: a TMX or a Chinese text with its translation, imported as aligned
sentence pairs (glossary.bitext, glossary.services.bitexts), and read back for suggestions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from glossary.bitext import tmx
from glossary.formats import FormatError
from glossary.models import Bitext, BitextPair, Candidate, Document
from glossary.services import bitexts
from glossary.services.concepts import NotFound

# Sentences written for these tests.
UNITS = [
    ("上海合作组织成员国元首理事会会议在阿斯塔纳举行。",
     "Заседание Совета глав государств — членов ШОС прошло в Астане.",
     "The meeting of the SCO Heads of State Council was held in Astana."),
    ("各方重申打击三股势力的决心。",
     "Стороны подтвердили решимость бороться с «тремя силами зла».",
     "The parties reaffirmed their resolve to fight the three evil forces."),
    ("地区反恐怖机构执行委员会提交了报告。",
     "Исполнительный комитет РАТС представил доклад.", None),
]


def tmx_bytes(units=UNITS, *, zh_tag="zh-CN", attribute="xml:lang", prolog="",
              encoding="UTF-8") -> bytes:
    tus = []
    for zh, ru, en in units:
        tuvs = [f'<tuv {attribute}="{zh_tag}"><seg>{zh}</seg></tuv>']
        tuvs += [f'<tuv {attribute}="{tag}"><seg>{text}</seg></tuv>'
                 for tag, text in (("ru-RU", ru), ("en-GB", en)) if text]
        tus.append(f"<tu>{''.join(tuvs)}</tu>")
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}<tmx version="1.4">\n'
            '<header creationtool="Test" srclang="zh-CN" datatype="plaintext" '
            'segtype="sentence" adminlang="en" o-tmf="test"/>\n<body>\n'
            + "\n".join(tus) + "\n</body>\n</tmx>\n").encode(encoding.lower())


def stored(session) -> tuple[int, int]:
    return (session.scalar(select(func.count()).select_from(Bitext)),
            session.scalar(select(func.count()).select_from(BitextPair)))


# ---- the TMX reader -------------------------------------------------------------------------

def test_a_tmx_gives_each_unit_its_chinese_and_its_russian_and_english():
    memory = tmx.read(tmx_bytes())
    assert [(u.zh, u.targets) for u in memory.units] == [
        (zh, {k: v for k, v in (("ru", ru), ("en", en)) if v}) for zh, ru, en in UNITS]
    assert memory.langs == ["en", "ru"]


def test_inline_codes_are_dropped_and_highlighted_text_is_kept():
    data = tmx_bytes([("<bpt i='1'>&lt;b&gt;</bpt>上合组织<ept i='1'>&lt;/b&gt;</ept>"
                       "<ph x='1'>{0}</ph>峰会", "саммит <hi>ШОС</hi><it pos='begin'>x</it>",
                       None)])
    unit = tmx.read(data).units[0]
    assert (unit.zh, unit.targets["ru"]) == ("上合组织峰会", "саммит ШОС")


@pytest.mark.parametrize("zh_tag", ["zh", "zh-Hans", "ZH-TW", "zh_Hant_HK"])
def test_every_chinese_locale_and_the_tmx_1_1_lang_attribute_are_read(zh_tag):
    memory = tmx.read(tmx_bytes(zh_tag=zh_tag, attribute="lang"))
    assert len(memory.units) == len(UNITS)


def test_units_without_chinese_or_without_a_target_are_left_out_and_counted():
    data = tmx_bytes([*UNITS, ("只有中文。", None, None)]).replace(
        b"</body>", b'<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv>'
                    b'<tuv xml:lang="en"><seg>Hello</seg></tuv></tu></body>')
    memory = tmx.read(data)
    assert (len(memory.units), memory.meta["skipped"]) == (len(UNITS), 2)


def test_a_tmx_written_by_translate_toolkit_is_read_back():
    toolkit = pytest.importorskip("translate.storage.tmx")
    memory_file = toolkit.tmxfile(sourcelanguage="zh-CN", targetlanguage="ru")
    for zh, ru, _en in UNITS:
        memory_file.addtranslation(zh, "zh-CN", ru, "ru")
    memory = tmx.read(bytes(memory_file))
    assert [(u.zh, u.targets["ru"]) for u in memory.units] == [(zh, ru) for zh, ru, _ in UNITS]


def test_a_utf16_tmx_with_a_bom_is_read():
    data = tmx_bytes(encoding="UTF-16")
    assert data.startswith(b"\xff\xfe")
    assert len(tmx.read(data).units) == len(UNITS)


# ---- hostile and malformed TMX: refused with the line, nothing stored -----------------------

SECRET = "the content of a private file"


def hostile(tmp_path) -> dict[str, bytes]:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return {
        "xxe": tmx_bytes(prolog=f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>\n')
        .replace("阿斯塔纳".encode(), b"&x;"),
        "billion laughs": tmx_bytes(prolog=f'<!DOCTYPE tmx [<!ENTITY l0 "ha">{laughs}]>\n')
        .replace("阿斯塔纳".encode(), b"&l9;"),
        "parameter entity": tmx_bytes(
            prolog=f'<!DOCTYPE tmx [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'),
        "external DTD entity": tmx_bytes(prolog=f'<!DOCTYPE tmx SYSTEM "file://{secret}">\n')
        .replace("阿斯塔纳".encode(), b"&x;"),
        "not XML": "上海合作组织\tШОС\n".encode(),
        "unclosed": tmx_bytes().replace(b"</body>", b""),
        "wrong root": b'<?xml version="1.0"?>\n<martif type="TBX"><text/></martif>',
        "no body": b'<?xml version="1.0"?>\n<tmx version="1.4"><header/></tmx>',
        "wrong encoding": tmx_bytes().decode().encode("gb18030"),
        "deep tree": tmx_bytes().replace("阿斯塔纳".encode(),
                                         b"<hi>" * 5000 + b"x" + b"</hi>" * 5000),
        "no usable unit": tmx_bytes([(zh, None, None) for zh, _, _ in UNITS]),
        "empty": b"  \n",
    }


@pytest.mark.parametrize("case", ["xxe", "billion laughs", "parameter entity",
                                  "external DTD entity", "not XML", "unclosed", "wrong root",
                                  "no body", "wrong encoding", "deep tree", "no usable unit",
                                  "empty"])
def test_a_hostile_or_malformed_tmx_is_refused_naming_the_line(session, tmp_path, case):
    data = hostile(tmp_path)[case]
    with pytest.raises(bitexts.BitextError) as refused:
        bitexts.import_tmx(session, data, name="memory.tmx")
    text = str(refused.value)
    assert text.startswith("memory.tmx: line ") and SECRET not in text
    session.rollback()
    assert stored(session) == (0, 0)


def test_the_reader_says_what_a_file_without_usable_units_holds():
    with pytest.raises(FormatError, match="languages in the file: zh-CN"):
        tmx.read(tmx_bytes([(zh, None, None) for zh, _, _ in UNITS]))


def test_a_tmx_over_the_size_limit_is_refused_before_it_is_read(session, monkeypatch):
    monkeypatch.setattr(bitexts, "MAX_TMX_BYTES", 100)
    with pytest.raises(bitexts.BitextError, match="over the limit of 100 bytes"):
        bitexts.import_tmx(session, tmx_bytes(), name="big.tmx")


# ---- importing a TMX ------------------------------------------------------------------------

def test_importing_a_tmx_stores_a_pair_per_unit_and_language(session):
    result = bitexts.import_tmx(session, tmx_bytes(), name="sco-2024.tmx")
    session.commit()
    assert result["imported"] and result["pairs"] == 5 and result["langs"] == ["en", "ru"]
    shown = bitexts.get_bitext(session, result["bitext"])
    assert (shown["kind"], shown["title"], shown["counts"]) == ("tmx", "sco-2024",
                                                               {"en": 2, "ru": 3})
    assert shown["pairs"][0] == {"position": 0, "lang": "en", "zh": UNITS[0][0],
                                 "target": UNITS[0][2]}


def test_importing_the_same_tmx_again_changes_nothing(session):
    first = bitexts.import_tmx(session, tmx_bytes(), name="a.tmx")
    session.commit()
    again = bitexts.import_tmx(session, tmx_bytes(), name="b.tmx", title="other")
    assert (again["imported"], again["bitext"]) == (False, first["bitext"])
    assert stored(session) == (1, 5)


def test_chinese_is_normalised_as_documents_are(session):
    bitexts.import_tmx(session, tmx_bytes([("上合组织 峰会, 在北京举行.", "Саммит ШОС.", None)]),
                       name="a.tmx")
    assert session.scalar(select(BitextPair.zh)) == "上合组织峰会，在北京举行。"


# ---- a Chinese text and its translation -----------------------------------------------------

ZH_TEXT = ("上海合作组织数字经济合作中心在比什凯克成立。\n"
           "数字经济合作中心将协调成员国之间的项目。\n"
           "各方欢迎地区反恐怖机构的工作。\n")
RU_TEXT = ("Центр цифрового экономического сотрудничества ШОС открылся в Бишкеке.\n"
           "Центр цифрового экономического сотрудничества будет координировать проекты "
           "государств-членов.\n"
           "Стороны приветствовали работу РАТС.\n")


def parallel(session, zh=ZH_TEXT, target=RU_TEXT, **kwargs):
    return bitexts.import_parallel(session, zh.encode(), target.encode(),
                                   zh_name="centre.zh.txt", target_name="centre.ru.txt",
                                   **kwargs)


def test_a_parallel_import_stores_the_aligned_sentences(session):
    result = parallel(session)
    session.commit()
    pairs = bitexts.get_bitext(session, result["bitext"])["pairs"]
    assert [(p["zh"], p["target"]) for p in pairs] == list(zip(
        ZH_TEXT.split(), RU_TEXT.strip().split("\n"), strict=True))
    assert {p["lang"] for p in pairs} == {"ru"}


def test_a_parallel_import_imports_both_texts_as_documents_linked_from_the_bitext(session):
    result = parallel(session)
    shown = bitexts.get_bitext(session, result["bitext"])
    langs = dict(session.execute(select(Document.key, Document.lang)).all())
    assert langs[shown["zh_document"]] == "zh-Hans" and langs[shown["target_document"]] == "ru"


def test_a_parallel_import_queues_the_new_candidates_of_the_chinese_text(session):
    result = parallel(session)
    queued = set(session.scalars(select(Candidate.text)))
    assert result["candidates"] == len(queued) and "数字经济合作中心" in queued


def test_the_same_two_texts_again_change_nothing(session):
    first = parallel(session)
    session.commit()
    again = parallel(session, title="again")
    assert (again["imported"], again["bitext"]) == (False, first["bitext"])
    assert session.scalar(select(func.count()).select_from(Document)) == 2 + 1  # + mini.zh


@pytest.mark.parametrize("zh, target, reason", [
    (RU_TEXT, RU_TEXT, "is not Chinese"),
    (ZH_TEXT, ZH_TEXT, "the translation must be Russian or English"),
    (ZH_TEXT, "", "is empty"),
    (ZH_TEXT, "%PDF-1.4 ...", "is a PDF file"),
])
def test_a_pair_of_texts_in_the_wrong_languages_is_refused_and_nothing_stored(
        session, zh, target, reason):
    documents_before = session.scalar(select(func.count()).select_from(Document))
    with pytest.raises(bitexts.BitextError, match=reason):
        parallel(session, zh, target)
    session.rollback()
    assert stored(session) == (0, 0)
    assert session.scalar(select(func.count()).select_from(Document)) == documents_before


def test_a_translation_in_another_language_than_the_one_named_is_refused(session):
    with pytest.raises(bitexts.BitextError, match="is in ru, not en"):
        parallel(session, lang="en")


# ---- listing, paging, deleting --------------------------------------------------------------

def test_the_list_counts_each_bitexts_pairs_per_language(session):
    bitexts.import_tmx(session, tmx_bytes(), name="a.tmx")
    parallel(session)
    listed = bitexts.list_bitexts(session)
    assert [(b["kind"], b["counts"]) for b in listed] == [("tmx", {"en": 2, "ru": 3}),
                                                         ("parallel", {"ru": 3})]


def test_pages_of_pairs_follow_each_other_without_gaps_or_repeats(session):
    key = bitexts.import_tmx(session, tmx_bytes(), name="a.tmx")["bitext"]
    seen, after = [], None
    while True:
        page = bitexts.get_bitext(session, key, after=after, limit=2)
        seen += [(p["position"], p["lang"]) for p in page["pairs"]]
        if page["next"] is None:
            break
        after = tuple(page["next"])
    assert seen == [(0, "en"), (0, "ru"), (1, "en"), (1, "ru"), (2, "ru")]


def test_a_page_in_one_language(session):
    key = bitexts.import_tmx(session, tmx_bytes(), name="a.tmx")["bitext"]
    page = bitexts.get_bitext(session, key, lang="en")
    assert [p["target"] for p in page["pairs"]] == [UNITS[0][2], UNITS[1][2]]


def test_deleting_a_bitext_removes_its_pairs_and_keeps_its_documents(session):
    key = parallel(session)["bitext"]
    documents_before = session.scalar(select(func.count()).select_from(Document))
    bitexts.delete_bitext(session, key)
    session.commit()
    assert stored(session) == (0, 0)
    assert session.scalar(select(func.count()).select_from(Document)) == documents_before
    with pytest.raises(NotFound):
        bitexts.get_bitext(session, key)


def test_deleting_a_linked_document_leaves_the_bitext_without_the_link(session):
    key = parallel(session)["bitext"]
    session.commit()
    zh_key = bitexts.get_bitext(session, key)["zh_document"]
    session.delete(session.scalar(select(Document).where(Document.key == zh_key)))
    session.commit()
    assert bitexts.get_bitext(session, key)["zh_document"] is None


# ---- the material the suggesters read -------------------------------------------------------

def test_pairs_with_a_term_are_those_whose_chinese_contains_it(session):
    bitexts.import_tmx(session, tmx_bytes(), name="a.tmx")
    found = bitexts.BitextMaterial(session).pairs_with("三股势力", "ru")
    assert [(p.zh, p.target, p.lang) for p in found] == [(UNITS[1][0], UNITS[1][1], "ru")]


def test_a_term_in_simplified_script_finds_pairs_written_in_traditional(session):
    data = tmx_bytes([("上海合作組織成員國元首理事會會議舉行。", "Состоялось заседание СГГ ШОС.",
                       None)], zh_tag="zh-TW")
    bitexts.import_tmx(session, data, name="tw.tmx")
    found = bitexts.BitextMaterial(session).pairs_with("上海合作组织", "ru")
    assert [p.zh for p in found] == ["上海合作組織成員國元首理事會會議舉行。"]


@pytest.mark.parametrize("term", ["%", "_", "\\"])
def test_like_wildcards_in_a_term_match_only_themselves(session, term):
    units = [("增长50%。", "Рост на 50%.", None), ("增长五成。", "Рост на половину.", None),
             ("路径a_b\\c。", "Путь a_b\\c.", None)]
    bitexts.import_tmx(session, tmx_bytes(units), name="a.tmx")
    found = bitexts.BitextMaterial(session).pairs_with(term, "ru")
    assert found and all(term in p.zh for p in found)


def test_pairs_without_a_term_leave_it_out_and_keep_to_the_limit(session):
    many = [(f"第{i}次会议在北京举行。", f"Заседание {i} прошло в Пекине.", None)
            for i in range(40)]
    bitexts.import_tmx(session, tmx_bytes(many + UNITS), name="a.tmx")
    material = bitexts.BitextMaterial(session)
    sample = material.pairs_without("北京", "ru", limit=10)
    assert 0 < len(sample) <= 10 and all("北京" not in p.zh for p in sample)
    assert sample == material.pairs_without("北京", "ru", limit=10)  # the same each time


def test_the_material_is_empty_in_a_language_without_pairs(session):
    bitexts.import_tmx(session, tmx_bytes([(zh, ru, None) for zh, ru, _ in UNITS]),
                       name="a.tmx")
    material = bitexts.BitextMaterial(session)
    assert material.pairs_with("三股势力", "en") == [] == material.pairs_without("x", "en")


def test_an_entity_the_external_dtd_would_declare_is_refused_before_the_dtd_is_opened(
        tmp_path):
    # libxml2 would open the DTD to look the entity up: its syntax error would be the message.
    dtd = tmp_path / "evil.dtd"
    dtd.write_text("this is not a DTD")
    data = tmx_bytes(prolog=f'<!DOCTYPE tmx SYSTEM "file://{dtd}">\n').replace(
        "阿斯塔纳".encode(), b"&x;")
    with pytest.raises(FormatError, match=r"^line 6: the entity reference &x; is refused$"):
        tmx.read(data)
