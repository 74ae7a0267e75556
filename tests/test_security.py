"""Author text cannot run code (issue: speed, offline and page security, item 6).

Markdown fields refuse raw HTML and unsafe link schemes at load time (see the "markup"
fixture in test_validation.py). Text fields may hold anything, and it is shown as text: a
small site built with markup in every text field runs none of it, and its own scripts keep
working."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from serve import serve_in_thread
from test_build import build_nb, small_project

HOSTILE = (ROOT / "tests" / "fixtures" / "good" / "hostile-text.yaml").read_text(encoding="utf-8")
PAGE = """---
title: Start
description: Markup in every text field of an assessment.
---

# Start

[[assessment hostile-text]]
"""


def test_markup_in_text_fields_is_shown_and_never_run(tmp_path: Path, browser) -> None:
    project = small_project(tmp_path, page=PAGE)
    (project / "assessments" / "hostile-text.yaml").write_text(HOSTILE, encoding="utf-8")
    run = build_nb(project)
    assert run.returncode == 0, run.stdout + run.stderr
    server, url = serve_in_thread(project / "out")
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
    try:
        for path in ("/", "/self-assessments/hostile-text/"):
            page.goto(url + path)
            form = 'form[data-assessment="hostile-text"]'
            assert "window.pwned = 1</script>" in page.inner_text(f"{form} .km-title")
            assert 'C:\\temp\\ "quoted" <b>bold</b>' in page.inner_text(f"{form} .km-title")
            page.check(f'{form} input[name="a"][value="1"]')
            page.check(f'{form} input[name="b"][value="0"]')
            page.click(f"{form} button[type=submit]")
            page.wait_for_selector(
                f"{form} [data-assessment-result]", state="attached", timeout=60_000
            )
            page.click(f"{form} .km-profile")  # hover and click where the markup would be
            page.hover(f"{form} .km-dim")
            assert page.evaluate("window.pwned") is None
        # The generated page's heading and the nav show the title as text, too.
        assert "window.pwned = 1</script>" in page.inner_text("h1")
        assert page.locator("nav a:has-text('window.pwned = 1')").count() >= 1
        assert page.evaluate("document.title").startswith("</script><script>window.pwned = 1")
    finally:
        context.close()
        server.shutdown()
    assert problems == []
