"""Instant navigation (DESIGN §7.4): pages change through real clicks without reloading the
scripts, every widget is set up on the page that comes in, and the Python worker started on
one assessment serves the next one without downloading the runtime again."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from test_browser import SPECS, answer, cli_score, started, submit

FIRST = SPECS["demand-control-support"]
SECOND = SPECS["leader-load"]


def nav_click(page, path: str) -> None:
    """Click the link to ``path`` in the sidebar navigation (a real click)."""
    # Instant navigation starts once the theme has read the sitemap: wait for that, as a
    # reader does without noticing.
    page.wait_for_load_state("networkidle")
    link = page.locator(f'.md-nav a[href$="{path}"]').first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(re.compile(re.escape(path) + "(#.*)?$"))  # (the theme tracks sections)


def same_document(page) -> bool:
    return page.evaluate("window.__kmMarker === 1")


def test_a_second_assessment_reached_by_a_click_reuses_the_worker(
    browser, base_url, tmp_path: Path
) -> None:
    context = browser.new_context()
    page = context.new_page()
    runtime_downloads: list[str] = []
    page.on(
        "request", lambda r: runtime_downloads.append(r.url) if r.url.endswith(".wasm") else None
    )
    page.goto(base_url + "/theory/demand-control-support/")
    page.evaluate("window.__kmMarker = 1")
    nav_click(page, f"self-assessments/{FIRST.id}/")
    assert same_document(page)  # instant: no reload
    answers = {item.id: item.options[1].value for item in FIRST.items}
    answer(page, FIRST.id, answers)
    assert submit(page, FIRST.id) == cli_score(FIRST.id, answers, tmp_path)
    nav_click(page, f"self-assessments/{SECOND.id}/")
    assert same_document(page)
    assert page.evaluate("document.documentElement.dataset.kmRuntime") == "ready"
    second = {item.id: item.options[0].value for item in SECOND.items}
    answer(page, SECOND.id, second)
    assert submit(page, SECOND.id) == cli_score(SECOND.id, second, tmp_path)
    assert len(runtime_downloads) == 1
    page.go_back()  # Material swaps the first page back in; its widget is set up again
    page.wait_for_url(re.compile(f"self-assessments/{FIRST.id}/(#.*)?$"))
    started(page, FIRST.id)
    kept = page.locator(f'form[data-assessment="{FIRST.id}"] [data-assessment-result]')
    assert kept.count() == 1  # its stored result is shown again
    context.close()


def test_the_language_menu_by_clicks_keeps_page_and_section(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/")
    page.evaluate("window.__kmMarker = 1")
    nav_click(page, "theory/job-demands-resources/")
    page.goto(page.url.split("#")[0] + "#what-you-can-do")
    page.evaluate("window.__kmMarker = 1")
    page.click(".md-header__option .md-select > button")
    page.click('a[hreflang="en"][data-km-lang-link]')
    page.wait_for_url("**/en/theory/job-demands-resources/**")
    assert urlsplit(page.url).path == "/en/theory/job-demands-resources/"
    assert urlsplit(page.url).fragment == "what-you-can-do"
    assert page.get_attribute("html", "lang") == "en"
    assert not same_document(page)  # the other language is another build: a full load
    nav_click(page, "theory/mastery/")
    page.click(".md-header__option .md-select > button")
    page.click('a[hreflang="nb"][data-km-lang-link]')
    page.wait_for_url(re.compile("/theory/mastery/(#.*)?$"))
    assert urlsplit(page.url).path == "/theory/mastery/"
    context.close()


def test_copy_link_buttons_appear_on_pages_reached_by_a_click(browser, base_url) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto(base_url + "/en/")
    nav_click(page, "theory/job-demands-resources/")
    page.click("h2#what-you-can-do .km-copy-link")
    assert page.evaluate("navigator.clipboard.readText()") == (
        base_url + "/en/theory/job-demands-resources/#what-you-can-do"
    )
    assert page.locator("h2#what-you-can-do .km-copy-link").count() == 1
    context.close()
