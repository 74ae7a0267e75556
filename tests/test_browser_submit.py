"""The first submit, in real Chromium: the warm-up call the form makes once the runtime is
ready (it stores and shows nothing), a quick result without a "Computing …" flash, a slow one
that says it is busy, and repeated clicks that add one history entry.

Nothing here measures time. The page's clock is Playwright's (``page.clock``), paused while a
submit is under test, so whether the busy state's delay has passed is decided by the test
(``run_for``), not by how fast the machine is; a slow worker reply is a reply the test holds
back (the calls the page posts to the worker wait until it releases them)."""

from __future__ import annotations

import json

from conftest import wait_js
from test_browser import RESULT, SPECS, TIMEOUT, answer, cli_score, page_of, storage_key, submit

from handbook.ui_strings import UI

SPEC = SPECS["demand-control-support"]
FORM = f'form[data-assessment="{SPEC.id}"]'
NOTICE = f"{FORM} [data-km-notice]"
ANSWERS = {item.id: item.options[-1].value for item in SPEC.items}
SCORING = UI["nb"]["js_scoring"]
LOADING = UI["nb"]["js_loading"]

# Installed before the page's scripts: counts the calls the page posts to its worker and the
# results it gets back, and holds the calls back while window.__kmHold is true
# (window.__kmRelease() sends the held ones).
WORKER_CALLS = """(() => {
  const post = Worker.prototype.postMessage;
  const listen = Worker.prototype.addEventListener;
  const held = [];
  window.__kmCalls = [];
  window.__kmResults = 0;
  Worker.prototype.addEventListener = function (type, listener, ...rest) {
    if (type === "message") {
      listen.call(this, type, (event) => {
        if (event.data && event.data.type === "result") window.__kmResults += 1;
      });
    }
    return listen.call(this, type, listener, ...rest);
  };
  window.__kmHold = false;
  window.__kmRelease = () => {
    window.__kmHold = false;
    for (const [worker, args] of held.splice(0)) post.apply(worker, args);
  };
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "call") {
      window.__kmCalls.push(`${message.module}.${message.name}`);
      if (window.__kmHold) { held.push([this, [message, ...rest]]); return; }
    }
    return post.call(this, message, ...rest);
  };
})();"""

# Everything the form says and every busy state it shows, from now on.
RECORD = """(form) => {
  const root = document.querySelector(form);
  const notice = root.querySelector("[data-km-notice]");
  const seen = (window.__kmSeen = { said: [], busy: [] });
  new MutationObserver(() => {
    seen.said.push(notice.textContent.trim());
    seen.busy.push(root.getAttribute("aria-busy"));
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}"""


def ready_page(browser, base_url: str, clock: bool = True):  # type: ignore[no-untyped-def]
    """A fresh visit to the assessment, its runtime ready and the form's warm-up done.
    (Playwright's clock fakes ``performance`` too: no performance marks with it.)"""
    context = browser.new_context()
    context.add_init_script(WORKER_CALLS)
    page = context.new_page()
    if clock:
        page.clock.install()
    page.goto(base_url + page_of(SPEC.id))
    page.locator(FORM).scroll_into_view_if_needed()
    wait_js(page, "() => document.documentElement.dataset.kmRuntime === 'ready'", timeout=TIMEOUT)
    wait_js(page, "() => window.__kmResults === 1", None, TIMEOUT)  # the warm-up's result
    return context, page


def pause(page) -> None:  # type: ignore[no-untyped-def]
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)


def history(page) -> list:  # type: ignore[no-untyped-def]
    stored = page.evaluate("k => localStorage.getItem(k)", storage_key(page, SPEC.id, SPEC.version))
    return json.loads(stored)["history"]


def test_the_warm_up_call_stores_nothing_and_shows_nothing(browser, base_url) -> None:
    context, page = ready_page(browser, base_url, clock=False)
    assert page.evaluate("() => window.__kmCalls") == ["scoring.score_form_json"]
    wait_js(page, "() => performance.getEntriesByName('km-warm-up').length === 1")
    assert page.evaluate("() => performance.getEntriesByName('km-warm-up')[0].detail") == SPEC.id
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('km:'))") == []
    assert page.locator(f"{FORM} input[type=radio]:checked").count() == 0
    assert page.locator(RESULT).count() == 0
    assert page.is_hidden(f"{FORM} [data-km-result]")
    assert page.inner_text(NOTICE).strip() == ""
    assert page.get_attribute(f"{FORM} [data-km-progress]", "value") == "0"
    assert page.get_attribute(FORM, "aria-busy") is None
    context.close()


def test_a_quick_result_comes_without_a_computing_flash(browser, base_url) -> None:
    context, page = ready_page(browser, base_url)
    answer(page, SPEC.id, ANSWERS)
    pause(page)
    page.evaluate(RECORD, FORM)
    page.click(f"{FORM} button[type=submit]")
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    page.clock.run_for(5000)  # long past the busy state's delay: it was called off
    seen = page.evaluate("() => window.__kmSeen")
    assert not any(SCORING in text for text in seen["said"]), seen["said"]
    assert "true" not in seen["busy"]
    assert page.get_attribute(FORM, "aria-busy") is None
    assert page.is_enabled(f"{FORM} button[type=submit]")
    assert len(history(page)) == 1
    context.close()


def test_a_slow_result_says_busy_and_repeated_clicks_add_one_entry(browser, base_url) -> None:
    context, page = ready_page(browser, base_url)
    page.evaluate("() => { window.__kmHold = true; }")  # the scoring ahead is slow too
    answer(page, SPEC.id, ANSWERS)
    pause(page)
    page.evaluate("f => { const b = document.querySelector(f + ' button[type=submit]');"
                  " b.click(); b.click(); b.click(); }", FORM)  # fmt: skip
    # Not yet: a result usually comes long before the busy state's delay.
    assert page.get_attribute(FORM, "aria-busy") is None
    assert SCORING not in page.inner_text(NOTICE)
    page.clock.run_for(1000)
    assert page.get_attribute(FORM, "aria-busy") == "true"
    assert SCORING in page.inner_text(NOTICE)
    assert page.is_disabled(f"{FORM} button[type=submit]")
    page.evaluate("f => document.querySelector(f + ' button[type=submit]').click()", FORM)
    page.evaluate("() => window.__kmRelease()")
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    assert page.get_attribute(FORM, "aria-busy") is None
    assert page.is_enabled(f"{FORM} button[type=submit]")
    assert SCORING not in page.inner_text(NOTICE)
    assert len(history(page)) == 1
    # The warm-up, then one scoring of the answers (ahead of the submit), for every click.
    assert page.evaluate("() => window.__kmCalls") == ["scoring.score_form_json"] * 2
    context.close()


def test_answers_are_scored_ahead_and_a_submit_of_them_only_shows_the_result(
    browser, base_url, tmp_path
) -> None:
    context, page = ready_page(browser, base_url, clock=False)
    some = dict(list(ANSWERS.items())[:-1])
    answer(page, SPEC.id, some)
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__kmCalls.length") == 1  # not all answered: the warm-up
    answer(page, SPEC.id, ANSWERS)  # the last one: scored now
    wait_js(page, "() => window.__kmResults === 2", None, TIMEOUT)
    assert page.locator(RESULT).count() == 0 and history_or_none(page) is None  # nothing shown
    assert submit(page, SPEC.id) == cli_score(SPEC.id, ANSWERS, tmp_path)
    assert page.evaluate("() => window.__kmCalls.length") == 2  # the submit asked nothing
    assert len(history(page)) == 1
    # Answers changed without a change event (as an import or an undo changes them): the
    # submit scores what is on screen, not what was scored ahead.
    item = SPEC.items[0]
    page.check(f'{FORM} input[name="{item.id}"][value="{item.options[0].value}"]')
    wait_js(page, "() => window.__kmResults === 3", None, TIMEOUT)
    page.evaluate(
        "([f, name, value]) => { document.querySelector("
        '`${f} input[name="${name}"][value="${value}"]`).checked = true; }',
        [FORM, item.id, ANSWERS[item.id]],
    )
    assert submit(page, SPEC.id) == cli_score(SPEC.id, ANSWERS, tmp_path)
    assert page.evaluate("() => window.__kmCalls.length") == 4
    context.close()


def history_or_none(page):  # type: ignore[no-untyped-def]
    stored = page.evaluate("k => localStorage.getItem(k)", storage_key(page, SPEC.id, SPEC.version))
    return json.loads(stored)["history"] or None if stored else None


def test_a_submit_before_the_runtime_is_ready_says_so_at_once(browser, base_url) -> None:
    context = browser.new_context()
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # download waits
    page = context.new_page()
    page.goto(base_url + page_of(SPEC.id))
    answer(page, SPEC.id, ANSWERS)
    page.evaluate("f => { const b = document.querySelector(f + ' button[type=submit]');"
                  " b.click(); b.click(); b.click(); }", FORM)  # fmt: skip
    assert page.evaluate("document.documentElement.dataset.kmRuntime") == "loading"
    assert page.get_attribute(FORM, "aria-busy") == "true"
    assert LOADING.rstrip(" …") in page.inner_text(NOTICE)
    for _ in range(600):  # the download was asked for (at most 30 s)
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    assert page.get_attribute(FORM, "aria-busy") is None
    assert len(history(page)) == 1
    context.close()
