"""End-to-end fixtures: the shipped termbase served on a free port in a thread, and Debian's
Chromium driven by Playwright (headless). One server and one browser for the whole session;
every test gets a fresh browser context (cookies, storage, permissions).

Chromium is /usr/bin/chromium (`apt-get install chromium`); `.ci/run` installs it. Playwright's
own browser download is never used.
"""

from __future__ import annotations

import functools
import os
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from glossary import config, create_app, db, worker
from glossary.models import Candidate, Document
from glossary.services import accounts
from tests.databases import fresh_database_url

CHROMIUM = os.environ.get("GLOSSARY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = config.PROJECT_ROOT / "docs" / "screenshots"
EDITOR = ("editor", "editor-password")
#: A term of the 2017 communique that the shipped termbase does not have (yet).
CANDIDATE = {"text": "地区安全", "kind": "concept", "pinyin": "dìqū ānquán",
             "sentence": "元首们相信，《中亚无核武器区条约》议定书尽快对所有签署国生效将为保障"
                         "地区安全、巩固国际核不扩散条约体系作出重要贡献。"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: Two more candidates, below CANDIDATE in score, for the keyboard test to decide.
OTHERS = [("网络恐怖主义", "concept", "wǎngluò kǒngbù zhǔyì",
           "各方将共同打击网络恐怖主义。", 0.7),
          ("毒品走私", "concept", "dúpǐn zǒusī", "各方将加强合作，打击毒品走私。", 0.6)]
#: A person the termbase does not know: the review page suggests a transcription for it.
PERSON = ("张伟", "person", "Zhāng Wěi", "会议由张伟主持。", 0.3)


def _seed(app) -> None:
    """An editor account and four candidates in the review queue."""
    from sqlalchemy import select

    rows = [(CANDIDATE["text"], CANDIDATE["kind"], CANDIDATE["pinyin"],
             CANDIDATE["sentence"], 0.9), *OTHERS, PERSON]
    with app.app_context(), db.transaction() as session:
        accounts.create_user(session, EDITOR[0], EDITOR[1], "editor")
        doc = session.scalar(select(Document).order_by(Document.id))
        for text, kind, pinyin, sentence, score in rows:
            session.add(Candidate(
                text=text, original=text, kind=kind, score=score, frequency=2,
                pinyin=pinyin, links={}, document_id=doc.id if doc else None,
                contexts=[{"document": doc.key if doc else None, "sentence": sentence,
                           "start": 0, "end": len(text)}]))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """The base URL of the app serving the shipped termbase."""
    from glossary.cli import initialise

    folder: Path = tmp_path_factory.mktemp("live")
    with fresh_database_url(folder) as url:
        app = create_app({"INSTANCE_PATH": str(folder / "instance"), "DATABASE_URL": url,
                          "SECRET_KEY": "e2e", "LOGIN_MAX_FAILURES": 50})
        with app.app_context():
            initialise()
        _seed(app)
        port = _free_port()
        server = make_server("127.0.0.1", port, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{port}"
        server.shutdown()
        thread.join(timeout=10)
        worker.stop(app)  # the job worker a served app starts, before its database goes
        app.extensions["glossary.engine"].dispose()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser, live_server, view: str | None = "cards"):
    """A fresh browser context at 1280×900. `view` is the results view this browser has
    chosen before (most tests are about the full cards); None: the first visit's default."""
    context = browser.new_context(base_url=live_server, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    context.set_default_timeout(10_000)
    if view:
        context.add_init_script(f"localStorage.setItem('glossary.view', '{view}')")
    return context


@pytest.fixture
def context(browser, live_server):
    context = new_context(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def first_visit_page(browser, live_server):
    """A page of a browser that has chosen nothing yet (the default results view)."""
    context = new_context(browser, live_server, view=None)
    yield context.new_page()
    context.close()


@pytest.fixture
def editor_page(page):
    """A page signed in as an editor."""
    page.goto("/login")
    page.get_by_label("Name").fill(EDITOR[0])
    page.get_by_label("Password").fill(EDITOR[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    return page


def screenshot(page, name: str, full_page: bool = False) -> None:
    """Take a screenshot: into docs/screenshots (shown by docs/WEB.md and the README) when
    GLOSSARY_SCREENSHOTS=1, else into a temporary folder, so that an ordinary test run does
    not rewrite committed pictures (they change with ports and dates)."""
    folder = SCREENSHOTS if os.environ.get("GLOSSARY_SCREENSHOTS") else _scratch()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


@functools.cache
def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="glossary-screenshots-"))
