"""Every page declares a Content-Security-Policy, and reading and completing assessments
causes no violation of it (DESIGN §7.4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import SPECS, answer, page_of, submit

COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_every_built_page_has_the_policy(site_dir: Path) -> None:
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 50
    missing = [
        p for p in pages if 'http-equiv="Content-Security-Policy"' not in p.read_text("utf-8")
    ]
    assert missing == []
    html = (site_dir / "index.html").read_text("utf-8")
    for directive in ("connect-src 'self'", "form-action 'none'", "'wasm-unsafe-eval'"):
        assert directive in html
    assert "unsafe-eval'" not in html.replace("'wasm-unsafe-eval'", "")
    assert "'unsafe-inline'" not in html


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_reading_and_completing_causes_no_violation(browser, base_url: str, lang: str) -> None:
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    prefix = "/en" if lang == "en" else ""
    seen: list[str] = []
    for path in ("/", "/theory/job-demands-resources/", "/glossary/", "/self-assessments/",
                 "/my-results/", "/practice/absence-follow-up/"):  # fmt: skip
        page.goto(base_url + prefix + path)
        page.wait_for_timeout(300)
        seen += page.evaluate("window.__csp")
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id, lang))
    answer(page, spec.id, {item.id: item.options[1].value for item in spec.items})
    submit(page, spec.id)
    seen += page.evaluate("window.__csp")
    quiz = SPECS["knowledge-jdr"]
    page.goto(base_url + page_of(quiz.id, lang))
    answer(page, quiz.id, {item.id: item.options[0].value for item in quiz.items})
    submit(page, quiz.id)
    page.click("input[data-md-component='search-query']")
    page.keyboard.type("mestring" if lang == "nb" else "mastery")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    seen += page.evaluate("window.__csp")
    context.close()
    assert seen == []
    assert errors == []
