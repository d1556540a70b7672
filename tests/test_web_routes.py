"""Every route of the web pages, in one table: who may open it, and that its forms need the
CSRF token. A new route fails `test_the_table_lists_every_route` until it is added here."""

from __future__ import annotations

import itertools

from glossary import db
from glossary.services import jobs
from tests.test_web_support import add_candidate, csrf, login

pytest_plugins = ["tests.test_web_support"]

#: (method, URL, who may: "anyone" or "editor")
ROUTES = [
    ("GET", "/", "anyone"),
    ("GET", "/index.json", "anyone"),
    ("GET", "/search?q=RATS", "anyone"),
    ("GET", "/search.json?q=RATS", "anyone"),
    ("GET", "/concepts/rats", "anyone"),
    ("GET", "/concepts/rats.json", "anyone"),
    ("GET", "/concepts/rats/card", "anyone"),
    ("GET", "/suggest?term=青岛", "anyone"),
    ("GET", "/suggest.json?term=青岛", "anyone"),
    ("GET", "/annotate", "anyone"),
    ("POST", "/annotate", "anyone"),
    ("POST", "/annotate.json", "anyone"),
    ("POST", "/annotate/glossary", "anyone"),
    ("GET", "/documents", "anyone"),
    ("GET", "/documents.json", "anyone"),
    ("GET", "/documents/mini-communique", "anyone"),
    ("GET", "/documents/mini-communique.json", "anyone"),
    ("POST", "/documents", "editor"),
    ("POST", "/bitexts/tmx", "editor"),
    ("POST", "/bitexts/parallel", "editor"),
    ("GET", "/bitexts/{bitext}", "anyone"),
    ("GET", "/bitexts/{bitext}.json", "anyone"),
    ("GET", "/jobs/{job}", "anyone"),
    ("GET", "/jobs/{job}.json", "anyone"),
    ("GET", "/review", "editor"),
    ("GET", "/review.json", "editor"),
    ("GET", "/review/{candidate}", "editor"),
    ("GET", "/review/{candidate}.json", "editor"),
    ("POST", "/review/{candidate}/accept", "editor"),
    ("POST", "/review/{candidate}/merge", "editor"),
    ("POST", "/review/{candidate}/reject", "editor"),
    ("POST", "/review/bulk", "editor"),
    ("GET", "/concepts/new", "editor"),
    ("POST", "/concepts/new", "editor"),
    ("GET", "/concepts/rats/edit", "editor"),
    ("POST", "/concepts/rats/edit", "editor"),
    ("POST", "/concepts/rats/terms", "editor"),
    ("GET", "/concepts/rats/terms/{term}/edit", "editor"),
    ("POST", "/concepts/rats/terms/{term}/edit", "editor"),
    ("POST", "/concepts/rats/terms/{term}/delete", "editor"),
    ("POST", "/concepts/rats/delete", "editor"),
    ("GET", "/login", "anyone"),
    ("POST", "/login", "anyone"),
    ("POST", "/logout", "anyone"),
    ("POST", "/language", "anyone"),
    ("GET", "/healthz", "anyone"),
]
EDITOR_ROUTES = [r for r in ROUTES if r[2] == "editor"]
POSTS = [r for r in ROUTES if r[0] == "POST"]


_names = itertools.count()


def _url(app, client, template: str) -> str:
    if "{candidate}" in template:
        candidate = add_candidate(app, f"候选{next(_names)}")
        template = template.replace("{candidate}", str(candidate))
    if "{job}" in template:
        with app.app_context(), db.transaction() as session:
            job = jobs.enqueue(session, "import-document", params={"name": "a.txt"})
        template = template.replace("{job}", str(job.id))
    if "{bitext}" in template:
        from glossary.services import bitexts
        from tests.test_bitexts import tmx_bytes

        with app.app_context(), db.transaction() as session:
            key = bitexts.import_tmx(session, tmx_bytes(), name="a.tmx")["bitext"]
        template = template.replace("{bitext}", key)
    if "{term}" in template:
        terms = client.get("/concepts/rats.json").get_json()["concept"]["terms"]["en"]
        template = template.replace("{term}", str(terms[0]["id"]))
    return template


def test_the_table_lists_every_route(app):
    served = {(method, rule.rule) for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("web.") for method in rule.methods
              if method in ("GET", "POST")}
    listed = {(method, url.split("?")[0].replace("{candidate}", "<int:candidate_id>")
               .replace("{term}", "<int:term_id>").replace("{job}", "<int:job_id>")
               .replace("{bitext}", "<key>")
               .replace("rats", "<key>")
               .replace("mini-communique", "<key>"))
              for method, url, _who in ROUTES}
    assert served == listed


def test_every_page_answers_its_readers(client, app, users):
    # One app for the whole table (building one per row would be slow); editors read all.
    login(client, "editor")
    for _method, url, _who in [r for r in ROUTES if r[0] == "GET"]:
        response = client.get(_url(app, client, url))
        assert response.status_code == 200, url
        wants_json = url.endswith(".json") or ".json?" in url or url == "/healthz"
        assert response.is_json if wants_json else response.mimetype == "text/html", url


def test_editor_routes_turn_away_anonymous_visitors_and_readers(client, app, users):
    urls = [(method, _url(app, client, url)) for method, url, _who in EDITOR_ROUTES]
    for method, url in urls:
        response = client.open(url, method=method, data={"csrf_token": _token(client)})
        assert response.status_code in (302, 401), url
    login(client, "reader")
    for method, url in urls:
        response = client.open(url, method=method, data={"csrf_token": _token(client)})
        assert response.status_code == 403, url


def test_every_form_is_refused_without_its_csrf_token(client, app, users):
    login(client, "editor")
    for _method, url, _who in POSTS:
        response = client.post(_url(app, client, url), data={"text": "上合组织",
                                                               "concept": "rats"})
        assert response.status_code == 400, url


def _token(client) -> str:
    return csrf(client)
