"""The reading pages: search, annotate, documents; each with its JSON twin."""

from __future__ import annotations

import io
import re

import pytest

from tests.test_web_support import post

pytest_plugins = ["tests.test_web_support"]

PARAGRAPH = ("上海合作组织成员国元首理事会会议在阿斯塔纳举行。习近平出席会议。"
             "元首们积极评价地区反恐怖机构的工作。")


# ---- search -------------------------------------------------------------------------------

def test_search_shows_one_card_per_concept_with_the_match_highlighted(client):
    page = client.get("/search?q=反恐").get_data(as_text=True)
    assert 'id="concept-rats"' in page
    assert "地区<mark>反恐</mark>怖机构" in page
    assert "Dìqū Fǎnkǒngbù Jīgòu" in page  # pinyin with tone marks
    assert 'data-copy="Региональная антитеррористическая структура"' in page
    assert 'value="反恐"' in page  # the query stays in the box (and in the URL)


def test_search_marks_deprecated_and_shows_palladius(client):
    page = client.get("/search?q=习近平").get_data(as_text=True)
    assert "Си Цзиньпин" in page and "Palladius transcription" in page


@pytest.mark.parametrize("query", ["diqu fankongbu jigou", "地區反恐怖機構", "RATS",
                                   "антитеррористической структуры"])
def test_search_finds_a_concept_however_it_is_typed(client, query):
    data = client.get("/search.json", query_string={"q": query}).get_json()
    assert data["hits"][0]["concept"]["id"] == "rats"


def test_search_as_you_type_gets_the_results_alone(client):
    response = client.get("/search?q=反&prefix=1&fragment=1")
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html


def test_typed_results_as_rows_leave_each_card_to_be_fetched_when_unfolded(client):
    html = client.get("/search?q=反恐&prefix=1&fragment=1&view=compact").get_data(as_text=True)
    assert 'class="hit-row"' in html and 'id="concept-rats"' not in html
    holder = re.search(r'id="hit-card-rats" data-card="([^"]+)"', html)
    assert holder is not None
    card = client.get(holder.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert 'id="concept-rats"' in card and "地区<mark>反恐</mark>怖机构" in card


def test_typed_results_as_cards_carry_their_cards(client):
    html = client.get("/search?q=反恐&prefix=1&fragment=1&view=cards").get_data(as_text=True)
    assert 'id="concept-rats"' in html and "data-card=" not in html


def test_a_card_alone_is_404_for_an_unknown_concept_and_ignores_bad_spans(client):
    assert client.get("/concepts/no-such-concept/card").status_code == 404
    card = client.get("/concepts/rats/card?term=x&spans=9-,a-b").get_data(as_text=True)
    assert 'id="concept-rats"' in card and "<mark>" not in card


def test_search_page_has_a_json_twin(client):
    response = client.get("/search?q=RATS")
    assert '<link rel="alternate" type="application/json" href="/search.json?q=RATS">' in \
        response.get_data(as_text=True)
    data = client.get("/search.json?q=RATS").get_json()
    assert set(data) >= {"query", "hits", "total", "did_you_mean"}


def test_a_typo_gets_did_you_mean(client):
    page = client.get("/search?q=Shanghai Cooperation Organisaton").get_data(as_text=True)
    assert "Did you mean" in page
    assert "/search?q=Shanghai+Cooperation+Organisation" in page


def test_did_you_mean_writes_the_words_as_the_termbase_does(client):
    data = client.get("/search.json?q=xi jinpnig").get_json()
    assert data["did_you_mean"] == "Xi Jinping"


def test_nothing_found_says_so(client):
    nothing = client.get("/search?q=qqqqzzzz").get_data(as_text=True)
    assert "Nothing found for “qqqqzzzz”." in nothing


def test_empty_search_shows_the_box(client):
    page = client.get("/search").get_data(as_text=True)
    assert 'role="search"' in page and "concepts found" not in page


def test_search_bad_page_is_400(client):
    assert client.get("/search?q=a&page=x").status_code == 400


# ---- concept page -------------------------------------------------------------------------

def test_concept_page_shows_forms_relations_history_and_permalink(client):
    page = client.get("/concepts/rats").get_data(as_text=True)
    assert "Full forms and abbreviations" in page and "РАТС" in page
    assert "上海合作组织" in page  # the broader concept, named, not only its id
    assert "http://localhost/concepts/rats" in page
    assert "History" in page


def _set_texts(app, key: str, **fields) -> None:
    from glossary import db
    from glossary.services import editing

    with app.app_context(), db.transaction() as session:
        editing.update_concept(session, key, fields, expected_version=None, user="ed")


def _first_paragraph(page: str, section: str) -> str:
    import re

    return re.search(rf'<section class="{section}">.*?<p lang="([^"]+)"', page, re.S).group(1)


@pytest.mark.parametrize("ui, first", [("en", "en"), ("ru", "ru"), ("zh", "zh-Hans")])
def test_the_interface_language_decides_which_definition_comes_first(app, client, ui, first):
    _set_texts(app, "three-evil-forces", definition={
        "zh": "恐怖主义、分裂主义和极端主义。", "ru": "Терроризм, сепаратизм и экстремизм.",
        "en": "Terrorism, separatism and extremism."})
    client.set_cookie("ui_lang", ui)
    page = client.get("/concepts/three-evil-forces").get_data(as_text=True)
    assert _first_paragraph(page, "definition") == first
    assert '<details class="other-languages">' in page  # the others one click away


def test_a_note_in_another_language_is_not_shown_first_when_one_in_the_users_exists(app,
                                                                                    client):
    _set_texts(app, "rats", note={"en": "English usage.", "ru": "Русское употребление."})
    client.set_cookie("ui_lang", "ru")
    page = client.get("/concepts/rats").get_data(as_text=True)
    assert _first_paragraph(page, "note") == "ru"


def test_the_search_card_shows_the_definition_in_the_interface_language(app, client):
    _set_texts(app, "three-evil-forces", definition={
        "ru": "Терроризм, сепаратизм и экстремизм.", "en": "Terrorism, separatism and extremism."})
    client.set_cookie("ui_lang", "en")
    page = client.get("/search?q=三股势力").get_data(as_text=True)
    assert "Terrorism, separatism and extremism." in page
    assert "Терроризм, сепаратизм" not in page


def test_each_term_shows_the_sources_that_attest_it(client):
    page = client.get("/concepts/rats").get_data(as_text=True)
    term = page[page.index("Региональная антитеррористическая структура"):]
    term = term[:term.index("</li>\n</ul>") if "</li>\n</ul>" in term else 3000]
    assert '<details class="term-sources"' in term
    assert "Press release on the results of the SCO Heads of State Council Meeting" in term


def test_the_source_list_says_which_terms_each_source_attests(client):
    page = client.get("/concepts/rats").get_data(as_text=True)
    sources = page[page.index('id="sources-title"'):]
    assert "attests" in sources and "РАТС" in sources


def test_a_sentence_with_two_terms_of_the_concept_is_one_context(app, client):
    from glossary import db
    from glossary.services.concepts import contexts

    with app.app_context():
        found = contexts(db.session(), "rats")
    sentences = [(c["document"], c["sentence"]) for c in found]
    assert len(sentences) == len(set(sentences))


def test_the_home_list_sorts_a_concept_by_its_own_head_term(app):
    from glossary import db
    from glossary.services import editing
    from glossary.services.concepts import list_concepts

    with app.app_context(), db.transaction() as session:  # 阿 (ā) as a second term of Xi
        editing.update_concept(session, "xi-jinping", {"terms": {"zh-Hans": [
            {"text": "习近平", "status": "preferred"}, {"text": "阿习", "status": "admitted"}]}},
            expected_version=None, user="ed")
    with app.app_context():
        order = [c["id"] for c in list_concepts(db.session())["concepts"]]
    assert order.index("xi-jinping") > order.index("three-evil-forces")  # X after S


def _add_document(app, title: str, lang: str, date: str | None, text: str) -> str:
    from glossary import db
    from glossary.services import documents

    with app.app_context(), db.transaction() as session:
        return documents.import_document(session, text.encode(), key=None, title=title,
                                         lang=lang, date=date).key


def _context_headings(page: str) -> list[str]:
    contexts = page[page.index('id="contexts-title"'):page.index('id="sources-title"')]
    return re.findall(r'<h3 id="context-doc-\d+"><a [^>]*>([^<]*)</a>', contexts)


def test_contexts_are_grouped_by_document_the_newest_first(app, client):
    _add_document(app, "Old statement", "en", "2010-01-01",
                  "The Regional Anti-Terrorist Structure was set up. RATS works.")
    _add_document(app, "Заявление 2024", "ru", "2024-07-04", "РАТС ШОС работает.")
    _add_document(app, "Undated note", "en", None, "RATS met again.")
    page = client.get("/concepts/rats").get_data(as_text=True)
    assert _context_headings(page) == ["Заявление 2024", "小公报", "Old statement",
                                       "Undated note"]


def test_a_context_group_is_headed_by_its_documents_language_and_date(app, client):
    _add_document(app, "Заявление 2024", "ru", "2024-07-04", "РАТС ШОС работает.")
    page = client.get("/concepts/rats", headers={"Accept-Language": "en"}).get_data(as_text=True)
    heading = page[page.index("Заявление 2024"):]
    heading = heading[:heading.index("</h3>")]
    assert "Russian" in heading and '<time datetime="2024-07-04">2024-07-04</time>' in heading


def test_the_concept_json_groups_contexts_and_keeps_the_flat_list(app, client):
    key = _add_document(app, "Old statement", "en", "2010-01-01",
                        "The Regional Anti-Terrorist Structure was set up. RATS works.")
    data = client.get("/concepts/rats.json").get_json()
    groups = data["context_groups"]
    assert [(g["document"], g["lang"], g["date"]) for g in groups] == [
        ("mini-communique", "zh-Hans", "2017-06-09"), (key, "en", "2010-01-01")]
    assert [c["sentence"] for c in groups[1]["contexts"]] == [
        "The Regional Anti-Terrorist Structure was set up.", "RATS works."]
    flat = data["contexts"]
    assert [c for g in groups for c in g["contexts"]] == flat
    assert {"document", "document_title", "term", "sentence", "highlight", "start",
            "end"} <= set(flat[-1])
    assert (flat[-1]["document_lang"], flat[-1]["document_date"]) == ("en", "2010-01-01")


def test_context_links_into_the_document(client):
    page = client.get("/concepts/three-evil-forces").get_data(as_text=True)
    assert '/documents/mini-communique#at-' in page


# ---- annotate -----------------------------------------------------------------------------

def test_annotate_marks_every_known_term_and_lists_them(client):
    response = post(client, "/annotate", {"text": PARAGRAPH})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="mark status-preferred" href="#g-rats"' in page
    assert 'id="g-xi-jinping"' in page and 'id="g-sco"' in page
    assert "3 terms found" in page


def test_annotate_finds_russian_inflected_forms(client):
    page = post(client, "/annotate", {"text": "Совет Региональной антитеррористической "
                                              "структуры ШОС", "lang": "ru"}
                ).get_data(as_text=True)
    assert 'href="#g-rats"' in page and 'href="#g-sco"' in page


def test_annotate_has_a_json_twin(client):
    data = post(client, "/annotate", {"text": PARAGRAPH},
                headers={"Accept": "application/json"}).get_json()
    assert {m["concept"] for m in data["marks"]} == {"sco", "xi-jinping", "rats"}
    assert len(data["concepts"]) == 3


def test_annotate_refuses_an_unknown_language(client):
    assert post(client, "/annotate", {"text": "x", "lang": "fr"}).status_code == 400


@pytest.mark.parametrize(("fmt", "needle"), [("tbx", b"<martif"), ("tbx3", b"<tbx"),
                                            ("csv", "地区反恐怖机构".encode())])
def test_the_side_glossary_downloads_for_the_cat_tool(client, fmt, needle):
    response = post(client, "/annotate/glossary", {"concept": ["rats", "sco"],
                                                   "format": fmt})
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    response.close()  # a streamed response holds its session until it is closed
    assert needle in body
    assert b"three evil forces" not in body  # only the concepts of this text


def test_the_side_glossary_downloads_for_omegat(client):
    response = post(client, "/annotate/glossary", {"concept": ["rats"], "format": "for:omegat"})
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="glossary-omegat-1-concept-zh-Hans-ru.utf8"'
    body = response.get_data(as_text=True)
    response.close()
    assert "地区反恐怖机构\tРегиональная антитеррористическая структура\t" in body


def test_the_side_glossary_is_named_for_what_it_holds_not_the_whole_termbase(client):
    response = post(client, "/annotate/glossary", {"concept": ["rats", "sco"], "format": "tbx"})
    response.close()
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="glossary-2-concepts.tbx"'


def test_plain_tbx_is_the_choice_selected_first(client):
    page = post(client, "/annotate", {"text": "上海合作组织", "lang": "zh"}).get_data(as_text=True)
    assert '<option value="tbx" selected>TBX-Basic (2008, martif)</option>' in page
    assert '<option value="for:omegat">' in page


def test_an_empty_glossary_is_not_the_whole_termbase(client):
    assert post(client, "/annotate/glossary", {"format": "tbx"}).status_code == 400


# ---- documents ----------------------------------------------------------------------------

def test_documents_list_and_twin(client):
    assert "小公报" in client.get("/documents").get_data(as_text=True)
    assert client.get("/documents.json").get_json()["documents"][0]["id"] == "mini-communique"


def test_document_view_marks_known_terms(client):
    response = client.get("/documents/mini-communique")
    page = response.get_data(as_text=True)
    assert 'data-concept="rats"' in page and 'id="at-' in page
    data = client.get("/documents/mini-communique.json").get_json()
    assert {m["concept"] for m in data["marks"]} >= {"sco", "rats", "xi-jinping"}


def test_unknown_document_is_404(client):
    assert client.get("/documents/nothing").status_code == 404


def test_upload_form_is_for_editors_only(client, editor):
    assert "Import a document" in editor.get("/documents").get_data(as_text=True)


def imported_document(client, response) -> str:
    """The page of the document an upload queued for import: the upload redirects to the
    documents page at its job, which (run inline in the tests) is done and links it."""
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/documents#job-")
    job = client.get(f"/jobs/{location.rsplit('-', 1)[1]}.json").get_json()["job"]
    assert job["state"] == "done", job
    return job["link"]


def test_uploading_a_document_queues_its_candidates(editor):
    text = ("上海合作组织成员国外交部长理事会会议在北京举行。中亚区域经济合作学院院长出席。"
            "中亚区域经济合作学院将加强合作。").encode()
    response = post(editor, "/documents", {"file": (io.BytesIO(text), "外长会议.txt")},
                    content_type="multipart/form-data")
    document = imported_document(editor, response)
    page = editor.get(document).get_data(as_text=True)
    assert "外长会议" in page  # the file's own name is the title
    queue = editor.get("/review.json").get_json()
    assert queue["total"] >= 1
    again = post(editor, "/documents", {"file": (io.BytesIO(text), "again.txt")},
                 content_type="multipart/form-data")
    assert again.status_code == 302 and again.headers["Location"] == "/documents"


def test_the_documents_page_shows_the_import_and_its_result(editor):
    text = "上海合作组织成员国元首理事会会议在阿斯塔纳举行。".encode()
    response = post(editor, "/documents", {"file": (io.BytesIO(text), "元首会议.txt")},
                    content_type="multipart/form-data")
    link = imported_document(editor, response)
    page = editor.get("/documents").get_data(as_text=True)
    job = page[page.index('id="job-'):]
    assert "元首会议" in job and f'href="{link}"' in job
    assert "Document imported: " in job
    jobs = editor.get("/documents.json").get_json()["jobs"]
    assert jobs[0]["state"] == "done" and jobs[0]["user"] == "editor"


RUSSIAN = ("Главы государств положительно оценили деятельность Региональной "
           "антитеррористической структуры. Заседание прошло в Астане.")


def test_uploading_a_russian_document_keeps_the_contexts_of_its_known_terms(editor):
    response = post(editor, "/documents",
                    {"file": (io.BytesIO(RUSSIAN.encode()), "заявление.txt")},
                    content_type="multipart/form-data")
    imported_document(editor, response)
    job = editor.get("/documents.json").get_json()["jobs"][0]
    assert job["message"] == "Document imported: 0 new candidates, 1 known terms."
    page = editor.get("/concepts/rats").get_data(as_text=True)
    contexts = page[page.index('id="contexts-title"'):page.index('id="sources-title"')]
    assert ('<blockquote lang="ru">Главы государств положительно оценили деятельность '
            "<mark>Региональной антитеррористической структуры</mark>.</blockquote>") in contexts


def test_uploading_something_neither_chinese_russian_nor_english_is_refused(editor):
    response = post(editor, "/documents",
                    {"file": (io.BytesIO("καλημέρα κόσμε ".encode() * 20), "a.txt")},
                    content_type="multipart/form-data")
    assert response.status_code == 422


def test_a_refused_upload_is_named_by_the_users_file_name(editor):
    response = post(editor, "/documents",
                    {"file": (io.BytesIO(bytes(range(256)) * 8), "公报 2017.bin")},
                    content_type="multipart/form-data")
    assert response.status_code == 422
    assert "公报 2017.bin" in response.get_data(as_text=True)


def test_an_uploaded_document_keeps_its_file_name_as_origin(editor):
    text = "上海合作组织成员国元首理事会会议在阿斯塔纳举行。".encode()
    response = post(editor, "/documents", {"file": (io.BytesIO(text), "元首会议.txt")},
                    content_type="multipart/form-data")
    document = editor.get(imported_document(editor, response) + ".json").get_json()
    assert document["document"]["origin"] == "元首会议.txt"  # not a temporary path


@pytest.mark.parametrize("filename, saved", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\me\\二〇一七年公报.txt", "二〇一七年公报.txt"),
    ("a;rm -rf $HOME.txt", "a_rm -rf _HOME.txt"), ("..", "upload.txt"), ("", "upload.txt")])
def test_an_upload_is_saved_under_a_safe_form_of_its_name(filename, saved):
    from glossary.web.documents import upload_name

    assert upload_name(filename) == saved


def test_uploading_nothing_is_refused(editor):
    assert post(editor, "/documents", {}).status_code == 422


def test_readers_cannot_upload(reader):
    response = post(reader, "/documents", {"file": (io.BytesIO("中文".encode()), "a.txt")},
                    content_type="multipart/form-data")
    assert response.status_code == 403


def test_a_traditional_query_reports_the_form_typed_not_a_longer_one_holding_it(app, client):
    from glossary import db
    from glossary.services import editing

    with app.app_context(), db.transaction() as session:
        editing.update_concept(session, "rats", {"terms": {"zh-Hans": [
            {"text": "上海合作组织地区反恐怖机构", "status": "preferred"},
            {"text": "地区反恐怖机构", "type": "shortForm", "status": "preferred"}], "zh-Hant": [
            {"text": "上海合作組織地區反恐怖機構", "status": "preferred"},
            {"text": "地區反恐怖機構", "type": "shortForm", "status": "preferred"}]}},
            expected_version=None, user="ed")
    hit = client.get("/search.json?q=地區反恐怖機構").get_json()["hits"][0]
    assert (hit["matched"]["lang"], hit["matched"]["term"]) == ("zh-Hant", "地區反恐怖機構")
