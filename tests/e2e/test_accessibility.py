"""axe-core (WCAG 2.1 A/AA and best practice) finds no violation on any page, in both results
views. axe-core comes from the npm registry (`.ci/run` installs it into .cache/axe); it is
injected into the page under test, so the browser test bypasses the page's CSP for it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary.config import PROJECT_ROOT

AXE = Path(os.environ.get("GLOSSARY_AXE_JS",
                          PROJECT_ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = ["/", "/search?q=反恐", "/concepts/rats", "/annotate", "/documents", "/login",
         "/search?q=上合组织&pair=zh-ru", "/suggest?term=张伟", "/suggest?term=terrorism"]


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.exists():
        message = f"{AXE} is missing: npm install --prefix .cache/axe axe-core"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def violations(browser, live_server, axe_script: str, path: str, view: str) -> list[str]:
    context = browser.new_context(base_url=live_server, locale="en-GB", bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('glossary.view', '{view}')")
    try:
        page = context.new_page()
        page.goto(path)
        return page_violations(page, axe_script)
    finally:
        context.close()


def page_violations(page, axe_script: str) -> list[str]:
    """What axe-core finds wrong with the page as it is now."""
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=axe_script)
    return page.evaluate("""rules => axe.run(document, {runOnly: {type: 'tag',
        values: rules}}).then(r => r.violations.map(v =>
        `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} — ${v.help}`))""",
                         RULES)


@pytest.mark.parametrize("view", ["compact", "cards"])
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violation(browser, live_server, axe_script, path, view):
    if view == "cards" and not path.startswith("/search"):
        pytest.skip("the results view changes only the search page")
    assert violations(browser, live_server, axe_script, path, view) == []


def test_no_accessibility_violation_on_a_candidate_with_suggestions(browser, live_server,
                                                                    axe_script):
    from tests.e2e.conftest import EDITOR, PERSON

    context = browser.new_context(base_url=live_server, locale="en-GB", bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Name").fill(EDITOR[0])
        page.get_by_label("Password").fill(EDITOR[1])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")
        page.goto("/review")
        page.locator("li.candidate", has_text=PERSON[0]).get_by_role(
            "link", name="Accept…").click()
        found = page_violations(page, axe_script)
    finally:
        context.close()
    assert found == []
