"""Results that travel (issue 11) and storage faults (issue 16), in real Chromium: export,
import re-scored by the engine, share files, the action plan, history, "My data", and the
notices that say exactly what happened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import drop_files_on, feature_started, wait_js
from test_browser import (
    RESULT,
    SPECS,
    TIMEOUT,
    answer,
    axe_violations,
    checked,
    cli_score,
    page_of,
    started,
    storage_key,
    submit,
)

from handbook.ui_strings import UI

SPEC = SPECS["demand-control-support"]
FORM = f'form[data-assessment="{SPEC.id}"]'
NOTICE = f"{FORM} [data-km-notice]"
ANSWERS = {
    item.id: item.options[(n * 2) % len(item.options)].value for n, item in enumerate(SPEC.items)
}


def js(lang: str, key: str) -> str:
    return UI[lang][f"js_{key}"]


def km_storage(page) -> dict[str, str]:
    return page.evaluate(
        "Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('km:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )


def export(page, selector: str) -> dict:
    with page.expect_download() as info:
        page.click(selector)
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def bring_in(
    page, data: object, selector: str = f"{FORM} [data-km-import]", name: str = "r.json"
) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    feature_started(page, selector, TIMEOUT)
    page.set_input_files(selector, files=[{"name": name, "mimeType": "application/json",
                                           "buffer": text.encode("utf-8")}])  # fmt: skip


def wait_notice(page, text: str, selector: str = NOTICE) -> None:
    wait_js(
        page, "([s, t]) => document.querySelector(s).textContent.includes(t)", [selector, text],
        timeout=TIMEOUT,
    )  # fmt: skip


def scored(page) -> str:
    answer(page, SPEC.id, ANSWERS)
    return submit(page, SPEC.id)


# ----------------------------------------------------------------------------- export / import


def test_export_then_import_on_a_clean_device_gives_the_cli_result(
    page, base_url, tmp_path
) -> None:
    page.goto(base_url + page_of(SPEC.id))
    assert scored(page) == cli_score(SPEC.id, ANSWERS, tmp_path)
    data = export(page, f"{FORM} [data-km-export]")
    assert data["format"] == "krav-og-mestring/result" and data["format_version"] == 1
    assert data["answers"] == ANSWERS  # typed as the options' values, not text
    assert [set(e) for e in data["history"]] == [{"at", "answers"}]
    page.evaluate("localStorage.clear()")
    page.reload()
    assert checked(page, SPEC.id) == {}
    bring_in(page, data)
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    assert page.get_attribute(RESULT, "data-assessment-result") == cli_score(
        SPEC.id, ANSWERS, tmp_path
    )
    assert checked(page, SPEC.id) == {k: str(v) for k, v in ANSWERS.items()}
    wait_notice(page, js("nb", "imported"))
    page.reload()  # and it was stored
    assert checked(page, SPEC.id) == {k: str(v) for k, v in ANSWERS.items()}


def test_a_file_with_altered_scores_is_scored_again(page, base_url, tmp_path) -> None:
    page.goto(base_url + page_of(SPEC.id))
    scored(page)
    data = export(page, f"{FORM} [data-km-export]")
    data["result"]["dimensions"]["demands"]["score"] = 1.0
    data["result"]["profiles"]["karasek"] = "active"
    page.evaluate("localStorage.clear()")
    page.reload()
    # Dragged onto the assessment rather than chosen with the file input.
    drop_files_on(page, f".km-assessment:has({FORM})", [("r.json", json.dumps(data))])
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    assert page.get_attribute(RESULT, "data-assessment-result") == cli_score(
        SPEC.id, ANSWERS, tmp_path
    )


@pytest.mark.parametrize(
    "change, key",
    [
        (lambda d: "{not json", "import_damaged"),
        (lambda d: {**d, "assessment": "leader-load"}, "import_other-assessment"),
        (lambda d: {**d, "version": d["version"] + 1}, "import_newer-version"),
        (lambda d: {**d, "format_version": 2}, "import_format-version"),
        (lambda d: {**d, "format": "something/else"}, "import_not-a-result-file"),
        (lambda d: {**d, "answers": {"d1": 42}}, "import_damaged"),
    ],
)
def test_a_file_that_cannot_be_used_changes_nothing(page, base_url, change, key) -> None:
    page.goto(base_url + page_of(SPEC.id))
    before_result = scored(page)
    data = export(page, f"{FORM} [data-km-export]")
    answer(page, SPEC.id, {"d1": 1})  # the page now differs from the file
    stored, on_screen = km_storage(page), checked(page, SPEC.id)
    bring_in(page, change(data))
    wait_notice(page, js("nb", key))
    assert km_storage(page) == stored
    assert checked(page, SPEC.id) == on_screen
    assert page.get_attribute(RESULT, "data-assessment-result") == before_result


def test_the_share_file_holds_only_the_allowed_keys(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id, "en"))
    scored(page)
    data = export(page, f"{FORM} [data-km-export-share]")
    assert set(data) == {"format", "format_version", "assessment", "version", "answers"}
    assert data["answers"] == ANSWERS


# ----------------------------------------------------------------------------- plan, history


def test_the_plan_survives_a_reload_and_appears_in_export_and_print(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    scored(page)
    plan = f"{FORM} [data-km-plan]"
    page.fill(f"{plan} [data-km-plan-own]", "Snakke med lederen om prioriteringer")
    page.click(f"{plan} [data-km-plan-add]")
    box = f"{plan} input[type=checkbox][data-km-action]"
    page.check(box)
    page.fill(f"{plan} input[type=date]", "2027-01-15")
    page.dispatch_event(f"{plan} input[type=date]", "change")
    page.reload()
    assert page.is_checked(box)
    assert page.input_value(f"{plan} input[type=date]") == "2027-01-15"
    data = export(page, f"{FORM} [data-km-export]")
    assert [(e["text"], e["done"], e["due"]) for e in data["plan"]] == [
        ("Snakke med lederen om prioriteringer", True, "2027-01-15")
    ]
    page.emulate_media(media="print")
    assert page.is_visible(f"{plan} label:has-text('Snakke med lederen')")
    assert not page.is_visible(f"{plan} [data-km-plan-own]")
    assert page.is_visible(f"{FORM} .km-report-head")


def test_the_printed_report_explains_the_computation_once(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    page_section = ".md-typeset > .km-how__body"
    heading = ".md-typeset > h2#how-computed"
    in_result = f"{FORM} details.km-how:has(.km-how__body)"
    page.emulate_media(media="print")
    started(page, SPEC.id)
    assert page.is_visible(page_section) and page.is_visible(heading)  # no result: the page's
    page.emulate_media(media="screen")
    scored(page)
    page.emulate_media(media="print")
    assert page.is_visible(in_result)  # the result's own copy (print opens it)
    assert not page.is_visible(page_section) and not page.is_visible(heading)
    page.emulate_media(media="screen")
    assert page.is_visible(page_section) and page.is_visible(heading)  # the screen keeps both


def test_history_compares_two_attempts_in_a_chart_with_words(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id, "en"))
    scored(page)
    answer(page, SPEC.id, {item.id: item.options[-1].value for item in SPEC.items})
    submit(page, SPEC.id)
    chart = f"{FORM} [data-km-history-chart]"
    assert page.locator(f"{chart} svg[role=img]").count() == len(SPEC.dimensions)
    captions = page.eval_on_selector_all(
        f"{chart} figcaption", "els => els.map(e => e.textContent)"
    )
    readings = (js("en", "trend_same"), js("en", "trend_up"), js("en", "trend_down"))
    assert all(any(r in c for r in readings) and "→" in c for c in captions)


def test_a_changed_answer_marks_the_result_out_of_date(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    scored(page)
    assert not page.is_visible(f"{FORM} .km-stale")
    answer(page, SPEC.id, {"d1": 1 if ANSWERS["d1"] != 1 else 2})
    assert page.is_visible(f"{FORM} .km-stale")


# ----------------------------------------------------------------------------- my data


def test_my_data_lists_exports_and_deletes_everything(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    scored(page)
    page.goto(base_url + "/self-assessments/")
    assert page.get_attribute(f'[data-km-card="{SPEC.id}"]', "data-km-taken") == "yes"
    page.goto(base_url + "/my-results/")
    assert page.locator("[data-km-stored]").count() == 1
    assert page.get_attribute("[data-km-stored]", "data-km-stored") == SPEC.id
    bundle = export(page, "[data-km-export-all]")
    assert [f["assessment"] for f in bundle["files"]] == [SPEC.id]
    page.click("[data-km-delete-all]")
    page.click("[data-km-my-results] [data-km-confirm]")
    assert km_storage(page) == {}
    assert page.locator("[data-km-stored]").count() == 0
    page.click('[data-km-my-results] [data-km-action="undo"]')  # undo brings it back
    assert page.locator("[data-km-stored]").count() == 1
    page.click("[data-km-delete-all]")
    page.click("[data-km-my-results] [data-km-confirm]")
    bring_in(page, bundle, "[data-km-my-results] [data-km-import]", "all.json")
    wait_notice(page, "hentet inn", "[data-km-my-results] [data-km-notice]")
    assert page.locator(f'[data-km-stored="{SPEC.id}"]').count() == 1
    # A file dragged onto the page is brought in the same way (here: one assessment's file).
    page.click("[data-km-delete-all]")
    page.click("[data-km-my-results] [data-km-confirm]")
    assert page.locator("[data-km-stored]").count() == 0
    drop_files_on(page, "[data-km-my-results]", [("one.json", json.dumps(bundle["files"][0]))])
    wait_js(page, "id => document.querySelector(`[data-km-stored='${id}']`)", SPEC.id)
    assert set(km_storage(page)) == {storage_key(page, SPEC.id, SPEC.version)}


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_axe_on_the_report_and_my_data(page, base_url, lang, scheme) -> None:
    page.goto(base_url + page_of(SPEC.id, lang))
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    scored(page)
    page.fill(f"{FORM} [data-km-plan-own]", "x")
    page.click(f"{FORM} [data-km-plan-add]")
    answer(page, SPEC.id, {item.id: item.options[0].value for item in SPEC.items})
    submit(page, SPEC.id)
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    page.wait_for_timeout(500)  # the theme's colour transitions finish first
    assert axe_violations(page) == []
    page.emulate_media(media="screen")
    page.goto(base_url + ("/en" if lang == "en" else "") + "/my-results/")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    assert page.locator("[data-km-stored]").count() == 1
    assert axe_violations(page) == []


# ----------------------------------------------------------------------------- storage faults


def record(answers: dict, history: list | None = None, **extra) -> str:
    return json.dumps({"format": 1, "assessment": SPEC.id, "version": SPEC.version,
                       "answers": answers, "history": history or [], **extra})  # fmt: skip


def test_a_newer_version_is_kept_untouched(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    newer = storage_key(page, SPEC.id, SPEC.version + 1)
    value = record({"d1": "4"})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [newer, value])
    page.reload()
    wait_notice(page, js("nb", "newer_kept").split("(")[0])
    scored(page)
    assert page.evaluate("k => localStorage.getItem(k)", newer) == value
    page.reload()
    page.click(f'{NOTICE} [data-km-action="delete-newer"]')
    page.click(f"{NOTICE} [data-km-confirm]")
    wait_notice(page, js("nb", "newer_deleted"))
    assert page.evaluate("k => localStorage.getItem(k)", newer) is None


def test_a_damaged_history_keeps_the_answers_and_says_so(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    key = storage_key(page, SPEC.id, SPEC.version)
    value = record({"d1": "4"}, history=[{"at": 1}], updated="2026-12-01T10:00:00Z")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    page.reload()
    wait_notice(page, js("nb", "history_damaged"))
    assert checked(page, SPEC.id) == {"d1": "4"}


def test_a_record_without_a_date_is_restored_without_an_empty_date(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id, "en"))
    key = storage_key(page, SPEC.id, SPEC.version)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, record({"d1": "4"})])
    page.reload()
    wait_notice(page, js("en", "restored_undated"))


def test_a_result_we_cannot_show_is_kept(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    key = storage_key(page, SPEC.id, SPEC.version)
    odd = [{"at": "2026-12-01T10:00:00Z", "answers": {"d1": "4"}, "json": '{"dimensions": 5}'}]
    value = record({"d1": "4"}, history=odd, updated="2026-12-01T10:00:00Z")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    page.reload()
    wait_notice(page, js("nb", "show_failed"))
    assert page.evaluate("k => localStorage.getItem(k)", key) == value


def test_a_failed_save_is_reported_and_the_answers_stay(page, base_url) -> None:
    page.goto(base_url + page_of(SPEC.id))
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); }; }""")
    answer(page, SPEC.id, {"d1": 4})
    wait_notice(page, js("nb", "save_failed_full"))
    assert checked(page, SPEC.id) == {"d1": "4"}


def test_a_failed_runtime_download_is_reported_within_seconds(browser, base_url) -> None:
    context = browser.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + page_of(SPEC.id))
    answer(page, SPEC.id, {"d1": 4})
    page.click(f"{FORM} button[type=submit]")
    wait_notice(page, js("nb", "runtime_failed"))  # (waits at most TIMEOUT; in practice ~1 s)
    assert page.locator(f'{NOTICE} [data-km-action="retry"]').count() == 1
    assert page.is_enabled(f"{FORM} button[type=submit]")
    assert checked(page, SPEC.id) == {"d1": "4"}
    context.close()


def test_progress_is_shown_while_a_slow_runtime_downloads(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    speed = 2_500_000  # bytes per second
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": speed, "uploadThroughput": speed,
    })  # fmt: skip
    page.goto(base_url + page_of(SPEC.id))
    answer(page, SPEC.id, {"d1": 4})
    page.click(f"{FORM} button[type=submit]")
    progress = "s => /MB lastet ned \\(\\d+ %\\)/.test(document.querySelector(s).textContent)"
    wait_js(page, progress, NOTICE, timeout=TIMEOUT)
    assert page.get_attribute(FORM, "aria-busy") == "true"
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    context.close()
