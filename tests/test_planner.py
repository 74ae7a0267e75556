"""The sick-leave deadline planner on the site, in headless Chromium: the rows' dates are the
engine's (handbook.deadlines.plan, run natively), the .ics download parses and holds the same
dates, bad input gets the right notice in both languages, nothing leaves the page, print and
keyboard work, and axe finds nothing in light and dark mode."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from conftest import wait_js
from test_browser import TIMEOUT, axe_violations

from handbook.deadlines import plan
from handbook.ui_strings import PLANNER

PLANNER_PATH = "/practice/absence-follow-up/"
ROOT = "[data-km-deadlines]"
ROWS = "[data-km-deadlines] [data-km-deadline]"
NOTICE = "[data-km-deadlines] [data-km-notice]"
CASES = [
    ("2026-01-31", "full"),  # month end: day 28 lands in a short February
    ("2025-12-31", "graded"),  # year end, graded: dialogue meeting 1 is optional
    ("2024-02-29", "full"),  # leap day
    ("2024-02-01", "graded"),  # a leap February inside the first weeks
    ("2027-12-25", "full"),  # a Saturday: the maximum-date count starts on a Monday
]


def url_of(base_url: str, lang: str) -> str:
    return base_url + ("/en" if lang == "en" else "") + PLANNER_PATH


def show(page, first_day: str, kind: str = "full") -> None:
    """Fill in the form, submit it and wait for the rows of this very request."""
    page.fill(f'{ROOT} input[name="first-day"]', first_day)
    page.check(f'{ROOT} input[name="kind"][value="{kind}"]')
    page.click(f"{ROOT} button[type=submit]")
    wait_js(
        page,
        """([day, kind]) => { const r = document.querySelector('[data-km-planner-result]');
             return !r.hidden && r.dataset.firstDay === day && r.dataset.kind === kind
               && !('kmStale' in r.dataset); }""",
        [first_day, kind],
        timeout=TIMEOUT,
    )


def rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        ROWS,
        """els => els.map(e => ({id: e.dataset.kmDeadline, date: e.dataset.date,
             required: e.dataset.required, time: e.querySelector('time').dateTime,
             optional: !e.querySelector('.km-deadline__optional').hidden}))""",
    )


def expected_rows(first_day: str, kind: str) -> list[dict[str, object]]:
    return [
        {"id": m["id"], "date": m["date"], "required": str(m["required"]).lower(),
         "time": m["date"], "optional": not m["required"]}
        for m in plan(date.fromisoformat(first_day), kind)["milestones"]
    ]  # fmt: skip


def fresh(browser, **options):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_rows_carry_the_engines_dates(page, base_url: str, lang: str) -> None:
    page.goto(url_of(base_url, lang))
    for first_day, kind in CASES:
        show(page, first_day, kind)
        assert rows(page) == expected_rows(first_day, kind), (first_day, kind)
    # The last plan on screen, as a reader sees it (2027-12-25, full leave, English or Norwegian).
    engine = plan(date(2027, 12, 25), "full")
    first = page.locator(ROWS).first
    texts = {
        "nb": ("mandag 10. januar 2028", "Arbeidsgiverperioden slutter", "folketrygdloven"),
        "en": ("Monday, 10 January 2028", "The employer period ends", "National Insurance Act"),
    }[lang]
    assert engine["milestones"][0]["date"] == "2028-01-09"
    summary = page.inner_text("[data-km-summary]")
    assert summary.startswith(
        {"nb": "Første fraværsdag: lørdag 25. desember 2027. Full sykmelding.",
         "en": "First day of absence: Saturday, 25 December 2027. Full sick leave."}[lang]
    )  # fmt: skip
    assert texts[0] in summary  # NAV pays from day 17
    heading = first.locator("h4").inner_text()
    assert heading.startswith({"nb": "søndag 9. januar 2028", "en": "Sunday, 9 January 2028"}[lang])
    assert texts[1] in heading
    law = first.locator(".km-deadline__law a")
    assert law.inner_text() == texts[2]
    assert law.get_attribute("href") == engine["acts"]["ftrl"]["url"]
    # The link to the toolkit step resolves on this very page, and the caveats are shown.
    href = first.locator(".km-deadline__more a").get_attribute("href")
    assert href == "./#timeline"
    assert page.locator("#timeline").count() == 1
    caveats = page.locator(f"{ROWS} .km-deadline__caveat:not([hidden])")
    assert caveats.count() == sum(1 for m in engine["milestones"] if m["caveat"])
    assert page.locator(f"{ROWS} .km-deadline__caveat--uncertain").count() == 3
    assert page.inner_text("[data-km-counting]") == engine["counting"][lang]
    assert page.inner_text("[data-km-disclaimer]") == engine["disclaimer"][lang]


def test_graded_leave_marks_dialogue_meeting_1_optional(page, base_url: str) -> None:
    page.goto(url_of(base_url, "nb"))
    show(page, "2026-03-02", "graded")
    row = page.locator('[data-km-deadline="dialogue-meeting-1"]')
    assert row.get_attribute("data-required") == "false"
    assert "km-deadline--optional" in (row.get_attribute("class") or "")
    assert row.locator(".km-deadline__optional").inner_text() == "Valgfritt"
    assert page.locator(".km-deadline__optional:not([hidden])").count() == 1
    show(page, "2026-03-02", "full")
    assert page.locator(".km-deadline__optional:not([hidden])").count() == 0


def test_a_changed_date_marks_the_shown_plan_as_old(page, base_url: str) -> None:
    page.goto(url_of(base_url, "nb"))
    show(page, "2026-03-02")
    page.fill(f'{ROOT} input[name="first-day"]', "2026-03-09")
    assert page.is_visible("[data-km-planner-result] .km-stale")
    show(page, "2026-03-09")
    assert not page.is_visible("[data-km-planner-result] .km-stale")
    assert rows(page) == expected_rows("2026-03-09", "full")


# ----------------------------------------------------------------------------- calendar file


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_ics_download_holds_the_same_dates(page, base_url: str, lang: str, tmp_path: Path) -> None:
    page.goto(url_of(base_url, lang))
    show(page, "2024-02-29", "graded")
    with page.expect_download(timeout=TIMEOUT) as info:
        page.click(f"{ROOT} [data-km-ics]")
    download = info.value
    name = {"nb": "sykefravaer-frister-2024-02-29.ics", "en": "sick-leave-deadlines-2024-02-29.ics"}
    assert download.suggested_filename == name[lang]
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    engine = plan(date(2024, 2, 29), "graded")["milestones"]
    assert len(events) == 6
    assert [e.decoded("DTSTART").isoformat() for e in events] == [m["date"] for m in engine]
    summary = {"nb": "Sykefravær: Arbeidsgiverperioden slutter",
               "en": "Sick leave: The employer period ends"}  # fmt: skip
    assert str(events[0]["SUMMARY"]) == summary[lang]
    # The link in each event leads back to this page's toolkit step.
    assert f"{url_of(base_url, lang)}#timeline" in str(events[0]["DESCRIPTION"])
    assert page.inner_text(NOTICE).startswith(
        {"nb": "Kalenderfilen «", "en": "The calendar file “"}[lang] + name[lang]
    )


# ----------------------------------------------------------------------------- bad input


def expected_notice(lang: str, key: str) -> str:
    text = PLANNER[lang][f"js_{key}"]
    return text.format(
        earliest={"nb": "1. juli 2014", "en": "1 July 2014"}[lang],
        latest={"nb": "31. desember 2099", "en": "31 December 2099"}[lang],
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_bad_input_gets_a_clear_notice(browser, base_url: str, lang: str) -> None:
    context, page, errors = fresh(browser, locale="nb-NO" if lang == "nb" else "en-GB")
    page.goto(url_of(base_url, lang))
    field = f'{ROOT} input[name="first-day"]'
    # Nothing filled in.
    page.click(f"{ROOT} button[type=submit]")
    wait_js(
        page,
        "() => document.querySelector('[data-km-deadlines]').dataset.kmError"
        " === 'missing-first-day'",
        timeout=TIMEOUT,
    )
    assert page.inner_text(NOTICE) == expected_notice(lang, "error_missing_first_day")
    assert page.get_attribute(field, "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "first-day"
    # A date before the rules of 2014.
    page.fill(field, "2010-05-03")
    assert page.get_attribute(field, "aria-invalid") is None  # cleared when the reader types
    page.click(f"{ROOT} button[type=submit]")
    wait_js(
        page,
        "() => document.querySelector('[data-km-deadlines]').dataset.kmError === 'out-of-range'",
    )
    assert page.inner_text(NOTICE) == expected_notice(lang, "error_out_of_range")
    # A day that does not exist (30 February), typed into the field. Headless Chromium orders
    # the field's parts mm/dd/yyyy whatever the page's language; typing starts at the first.
    page.fill(field, "")
    page.evaluate("document.activeElement.blur()")
    page.focus(field)
    page.keyboard.type("02302026")
    assert page.evaluate(f"document.querySelector('{field}').validity.badInput")
    page.click(f"{ROOT} button[type=submit]")
    wait_js(
        page,
        "() => document.querySelector('[data-km-deadlines]').dataset.kmError === 'bad-first-day'",
    )
    assert page.inner_text(NOTICE) == expected_notice(lang, "error_bad_first_day")
    assert page.is_hidden("[data-km-planner-result]")
    context.close()
    assert errors == []


def test_runtime_failure_says_so_and_offers_a_retry(browser, base_url: str) -> None:
    context, page, errors = fresh(browser)
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(url_of(base_url, "nb"))
    page.fill(f'{ROOT} input[name="first-day"]', "2026-03-02")
    page.click(f"{ROOT} button[type=submit]")
    page.wait_for_selector(f'{NOTICE} [data-km-action="retry"]', timeout=TIMEOUT)
    assert page.inner_text(f"{NOTICE} p").startswith(PLANNER["nb"]["js_runtime_failed"][:40])
    assert page.input_value(f'{ROOT} input[name="first-day"]') == "2026-03-02"
    context.close()
    assert errors == []


def test_progress_is_shown_while_the_runtime_downloads(browser, base_url: str) -> None:
    context, page, errors = fresh(browser)
    held: list[object] = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(url_of(base_url, "nb"))
    page.fill(f'{ROOT} input[name="first-day"]', "2026-03-02")
    page.click(f"{ROOT} button[type=submit]")
    page.wait_for_selector("[data-km-loading]:not([hidden])", timeout=TIMEOUT)
    assert page.inner_text(NOTICE) == PLANNER["nb"]["js_loading"]
    text = page.inner_text("[data-km-loading-text]")
    assert re.fullmatch(r"[\d,]+ av [\d,]+ MB lastet ned \(\d+ %\)", text), text
    assert page.get_attribute(f"{ROOT} button[type=submit]", "disabled") == ""
    wait_js(page, "() => document.documentElement.dataset.kmRuntime === 'loading'")
    # The route's handler runs when Playwright delivers the request, which may come after
    # the page has marked the runtime as loading: wait for it (events run while waiting).
    for _ in range(TIMEOUT // 50):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the runtime's wasm file was requested"
    for route in held:
        route.continue_()  # type: ignore[attr-defined]
    page.wait_for_selector(ROWS, timeout=TIMEOUT)
    assert page.is_hidden("[data-km-loading]")
    assert page.inner_text(NOTICE) == PLANNER["nb"]["js_done"]
    context.close()
    assert errors == []


# ----------------------------------------------------------------------------- privacy


def test_nothing_leaves_the_page_and_nothing_is_stored(browser, base_url: str) -> None:
    context, page, errors = fresh(browser)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[tuple[str, str, str | None]] = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    page.goto(url_of(base_url, "nb"))
    show(page, "2026-10-13", "graded")
    with page.expect_download(timeout=TIMEOUT):
        page.click(f"{ROOT} [data-km-ics]")
    page.goto(url_of(base_url, "en"))
    show(page, "2026-10-13", "full")
    stored = page.evaluate(
        "[localStorage, sessionStorage].flatMap(s => Object.entries(s)).map(e => e.join('='))"
    )
    cookies = context.cookies()
    context.close()
    assert errors == []
    assert [url for _, url, _ in requests if not url.startswith(origin)] == []
    assert {method for method, _, _ in requests} == {"GET"}
    assert [url for _, url, _ in requests if "?" in url or "#" in url] == []
    assert all(body is None for _, _, body in requests)
    assert [u for _, u, _ in requests if "2026-10-13" in u or "20261013" in u] == []
    assert any(url.endswith("/deadlines.py") for _, url, _ in requests)
    assert any(url.endswith("/ics.py") for _, url, _ in requests)
    # Only Material's own colour-scheme setting is kept; nothing of ours, and not the date.
    assert [e for e in stored if not e.split("=")[0].endswith(".__palette")] == []
    assert [e for e in stored if "2026" in e] == []
    assert cookies == []


def test_the_form_has_no_personal_field(page, base_url: str) -> None:
    page.goto(url_of(base_url, "nb"))
    fields = page.eval_on_selector_all(
        f"{ROOT} input, {ROOT} textarea, {ROOT} select", "els => els.map(e => [e.type, e.name])"
    )
    assert fields == [["date", "first-day"], ["radio", "kind"], ["radio", "kind"]]


# ----------------------------------------------------------------------------- print, keyboard


def test_print_view_shows_only_the_plan(browser, base_url: str) -> None:
    context, page, errors = fresh(browser)
    context.add_init_script("window.print = () => { window.kmPrinted = true; };")
    page.goto(url_of(base_url, "nb"))
    show(page, "2026-03-02", "graded")
    page.click("[data-km-planner-result] [data-km-print]")
    assert page.evaluate("window.kmPrinted")
    page.emulate_media(media="print")
    hidden = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", "h1"]
    hidden += ["#timeline", f"{ROOT} form", "[data-km-ics]", "[data-km-print]"]
    for selector in hidden:
        assert page.is_hidden(selector), selector
    assert page.locator(f"{ROOT} button:visible").count() == 0
    assert page.locator(f"{ROWS}:visible").count() == 6
    assert page.is_visible("[data-km-summary]")
    with_caveat = [m for m in plan(date(2026, 3, 2), "graded")["milestones"] if m["caveat"]]
    assert page.locator(".km-deadline__caveat:visible").count() == len(with_caveat) == 5
    assert page.is_visible("[data-km-disclaimer]")
    # The plain print of the page (Ctrl+P) keeps the page but hides the planner's buttons.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.is_visible("h1") and page.is_visible("#timeline")
    assert page.locator(f"{ROOT} button:visible").count() == 0
    assert page.locator(f"{ROWS}:visible").count() == 6
    context.close()
    assert errors == []


def test_keyboard_only_use(browser, base_url: str) -> None:
    context, page, errors = fresh(browser, locale="nb-NO", accept_downloads=True)
    page.goto(url_of(base_url, "nb"))
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'first-day'"):
            break
    page.keyboard.type("12312025")  # mm/dd/yyyy: see test_bad_input_gets_a_clear_notice
    assert page.input_value(f'{ROOT} input[name="first-day"]') == "2025-12-31"
    for _ in range(5):  # past the field's own parts (and its calendar button) to the radios
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'kind'"):
            break
    assert page.evaluate("document.activeElement.value") == "full"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "graded"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector(ROWS, timeout=TIMEOUT)
    assert rows(page) == expected_rows("2025-12-31", "graded")
    # Focus moves to the result, and the calendar button is the next stop.
    assert page.evaluate("document.activeElement.hasAttribute('data-km-planner-result')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-km-ics')")
    with page.expect_download(timeout=TIMEOUT) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "sykefravaer-frister-2025-12-31.ics"
    context.close()
    assert errors == []


# ----------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_axe_on_the_planner(browser, base_url: str, lang: str, scheme: str) -> None:
    context, page, errors = fresh(browser, color_scheme=scheme)
    page.goto(url_of(base_url, lang))
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    wait_js(page, "() => document.querySelector('[data-km-deadlines]').dataset.kmStarted")
    assert axe_violations(page) == []
    show(page, "2025-12-31", "graded")
    page.fill(f'{ROOT} input[name="first-day"]', "2026-01-05")  # the "changed" note shows too
    assert axe_violations(page) == []
    context.close()
    assert errors == []
