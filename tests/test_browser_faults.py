"""Faults in the browser: scripts blocked or failing, storage that throws. No answer may leave
the page in any of them, and the answers stay on screen (issue: reliability, part 1)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from conftest import wait_js
from test_browser import SPECS, TIMEOUT, answer, checked, cli_score, page_of, started, submit

SPEC = SPECS["demand-control-support"]
FORM = f'form[data-assessment="{SPEC.id}"]'
SUBMIT = f"{FORM} button[type=submit]"
SCRIPTS = re.compile(r"\.m?js(\?.*)?$")


def some_answers() -> dict[str, object]:
    return {item.id: item.options[-1].value for item in SPEC.items[:4]}


def carries_answers(url: str, answers: dict[str, object]) -> bool:
    """A request that could carry an answer: any query string or an item id in the URL."""
    parts = urlsplit(url)
    return bool(parts.query) or any(f"{item}=" in url for item in answers)


def try_every_way_to_submit(page, first_item: str) -> None:
    page.click(SUBMIT, force=True)  # a disabled button does nothing
    page.focus(f'{FORM} input[name="{first_item}"]:checked')
    page.keyboard.press("Enter")  # implicit submission
    page.evaluate("f => document.querySelector(f).requestSubmit()", FORM)
    page.evaluate("f => document.querySelector(f).submit()", FORM)
    page.wait_for_timeout(500)


def test_every_script_blocked_sends_nothing_and_keeps_the_answers(browser, base_url: str) -> None:
    context = browser.new_context()
    context.route(SCRIPTS, lambda route: route.abort())
    page = context.new_page()
    requests: list[tuple[str, str, str | None]] = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    page.goto(base_url + page_of(SPEC.id))
    address = page.url
    answers = some_answers()
    answer(page, SPEC.id, answers, wait=False)
    assert page.is_disabled(SUBMIT)
    loaded = len(requests)
    try_every_way_to_submit(page, next(iter(answers)))
    assert page.url == address
    assert requests[loaded:] == []
    assert [r for r in requests if carries_answers(r[1], answers) or r[2]] == []
    assert checked(page, SPEC.id, wait=False) == {k: str(v) for k, v in answers.items()}
    # After a few seconds the page says why nothing happens, and that nothing was sent.
    page.wait_for_selector(f"{FORM} [data-km-needs-js]", state="visible", timeout=10_000)
    assert "Ingenting er sendt" in page.inner_text(f"{FORM} [data-km-needs-js]")
    context.close()


def test_started_widget_hides_the_note_and_enables_submit(page, base_url: str) -> None:
    page.goto(base_url + page_of(SPEC.id, "en"))
    page.wait_for_selector(f"{FORM} button[type=submit]:enabled")
    assert page.locator(f"{FORM} [data-km-needs-js]").count() == 0
    assert page.get_attribute(SUBMIT, "aria-describedby") is None


THROWING_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem", "key"]) {
  Storage.prototype[name] = function () { throw new DOMException("blocked", "SecurityError"); };
}
"""


def test_storage_that_throws_at_start_still_scores(browser, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context()
    context.add_init_script(THROWING_STORAGE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + page_of(SPEC.id))
    # (Material's own inline scripts throw on such storage too; ours must not stop.)
    started(page, SPEC.id)
    assert "tillater ikke lagring" in page.inner_text(f"{FORM} [data-km-notice]")
    answers = some_answers()
    answer(page, SPEC.id, answers)
    assert submit(page, SPEC.id) == cli_score(SPEC.id, answers, tmp_path)
    assert [u for u in requests if carries_answers(u, answers)] == []
    context.close()


def test_worker_that_fails_keeps_answers_and_sends_nothing(browser, base_url: str) -> None:
    context = browser.new_context()
    context.route("**/worker.mjs", lambda route: route.abort())
    page = context.new_page()
    requests: list[tuple[str, str | None]] = []
    page.on("request", lambda r: requests.append((r.url, r.post_data)))
    page.goto(base_url + page_of(SPEC.id))
    answers = some_answers()
    answer(page, SPEC.id, answers)
    page.click(SUBMIT)
    wait_js(
        page,
        "() => document.querySelector('[data-km-notice]').textContent.includes('kunne ikke')",
        timeout=TIMEOUT,
    )
    assert checked(page, SPEC.id) == {k: str(v) for k, v in answers.items()}
    assert [u for u, body in requests if carries_answers(u, answers) or body] == []
    assert page.get_attribute(f"{FORM} [data-km-result]", "data-assessment-result") is None
    context.close()


BROKEN_WIDGET = (
    '<div class="km-assessment" data-km-widget data-km-lang="nb" id="broken">'
    '<form class="km-form" data-assessment="broken" method="dialog">'
    '<p class="km-needs-js" data-km-needs-js>needs js</p>'
    '<button type="submit" disabled>go</button></form></div>'
)


def test_one_broken_widget_does_not_stop_the_others(browser, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context()
    address = base_url + page_of(SPEC.id)

    def inject(route) -> None:  # type: ignore[no-untyped-def]
        html = route.fetch().text()
        route.fulfill(
            body=html.replace(
                '<div class="km-assessment"', BROKEN_WIDGET + '<div class="km-assessment"', 1
            ),
            content_type="text/html; charset=utf-8",
        )

    context.route(address, inject)
    page = context.new_page()
    page.goto(address)
    page.wait_for_selector('#broken[data-km-started="failed"]', state="attached")
    assert page.is_visible("#broken [data-km-needs-js]")  # at once, not after the delay
    assert page.is_disabled("#broken button[type=submit]")
    answers = some_answers()
    answer(page, SPEC.id, answers)
    assert submit(page, SPEC.id) == cli_score(SPEC.id, answers, tmp_path)
    context.close()
