"""The real product in headless Chromium: scoring parity, privacy, keyboard, storage, axe."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import wait_js

from handbook.model import assessment_files, load_file

ROOT = Path(os.environ.get("KM_ROOT", Path(__file__).resolve().parents[1]))
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
SPECS = {s.id: s for s in (load_file(p) for p in assessment_files([ROOT / "assessments"]))}
RESULT = "form[data-assessment] [data-assessment-result]"
TIMEOUT = 60_000


def page_of(spec_id: str, lang: str = "nb") -> str:
    return ("/en" if lang == "en" else "") + f"/self-assessments/{spec_id}/"


def started(page, spec_id: str | None = None) -> None:
    """Wait until the widget(s) on the page have started (site.js loads them on demand)."""
    selector = f'form[data-assessment="{spec_id}"]' if spec_id else "[data-km-widget]"
    page.wait_for_selector(f"[data-km-started] {selector}, {selector}[data-km-started]",
                           state="attached", timeout=TIMEOUT)  # fmt: skip


def answer(page, spec_id: str, answers: dict[str, object], wait: bool = True) -> None:
    form = f'form[data-assessment="{spec_id}"]'
    if wait:
        started(page, spec_id)
    for item_id, value in answers.items():
        page.check(f'{form} input[name="{item_id}"][value="{value}"]')


def submit(page, spec_id: str) -> str:
    form = f'form[data-assessment="{spec_id}"]'
    page.evaluate(
        "form => { const r = document.querySelector(form + ' [data-km-result]');"
        " delete r.dataset.assessmentResult; }",
        form,
    )
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form} [data-assessment-result]", state="attached", timeout=TIMEOUT)
    return page.get_attribute(f"{form} [data-assessment-result]", "data-assessment-result")


def cli_score(spec_id: str, answers: dict[str, object], tmp_path: Path) -> str:
    path = tmp_path / f"{spec_id}-answers.json"
    path.write_text(json.dumps(answers))
    run = subprocess.run(
        [sys.executable, "-m", "handbook", "score", f"assessments/{spec_id}.yaml",
         "--answers", str(path)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return run.stdout.strip()


def random_answers(spec_id: str, rng: random.Random, share: float) -> dict[str, object]:
    spec = SPECS[spec_id]
    return {item.id: rng.choice(item.options).value for item in spec.items if rng.random() < share}


@pytest.mark.parametrize("spec_id", sorted(SPECS))
def test_browser_scores_equal_the_cli(page, base_url: str, spec_id: str, tmp_path: Path) -> None:
    rng = random.Random(f"parity-{spec_id}")
    page.goto(base_url + page_of(spec_id))
    for share in (1.0, 0.7, 0.35):
        answers = random_answers(spec_id, rng, share)
        page.click(f'form[data-assessment="{spec_id}"] [data-km-restart]')
        answer(page, spec_id, answers)
        assert submit(page, spec_id) == cli_score(spec_id, answers, tmp_path)


def test_no_request_leaves_the_origin_or_carries_answers(browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[tuple[str, str, str | None]] = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    spec = SPECS["demand-control-support"]
    for path in ("/", "/theory/job-demands-resources/", "/en/", "/glossary/"):
        page.goto(base_url + path)
    page.goto(base_url + page_of(spec.id))
    answers = {item.id: item.options[-1].value for item in spec.items}
    answer(page, spec.id, answers)
    submit(page, spec.id)
    page.goto(base_url + page_of(spec.id, "en"))
    context.close()
    foreign = [url for _, url, _ in requests if not url.startswith(origin)]
    assert foreign == []
    assert {method for method, _, _ in requests} == {"GET"}
    assert [url for _, url, _ in requests if "?" in url] == []
    assert all(body is None for _, _, body in requests)
    assert any("pyodide.asm.wasm" in url for _, url, _ in requests)


@pytest.mark.parametrize("path", ["/theory/", "/glossary/", "/en/theory/", "/"])
def test_pages_without_a_form_load_no_runtime(page, base_url: str, path: str) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base_url + path)
    page.wait_for_timeout(1500)
    assert page.locator("form[data-assessment]").count() == 0
    assert [u for u in urls if "pyodide" in u or "widget.js" in u or "worker.mjs" in u] == []


def test_chapter_loads_the_runtime_only_when_its_form_comes_near(page, base_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.set_viewport_size({"width": 400, "height": 700})
    page.goto(base_url + "/theory/job-demands-resources/")
    page.wait_for_timeout(1500)
    assert page.locator("form[data-assessment]").count() >= 1
    assert [u for u in urls if "pyodide" in u] == []
    page.locator("form[data-assessment]").first.scroll_into_view_if_needed()
    wait_js(page, "() => document.documentElement.dataset.kmRuntime === 'ready'", timeout=TIMEOUT)
    assert any(u.endswith("pyodide.asm.wasm") for u in urls)


def test_keyboard_only_completion(page, base_url: str, tmp_path: Path) -> None:
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id))
    started(page, spec.id)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('form[data-assessment]')"):
            break
    chosen: dict[str, object] = {}
    for index, item in enumerate(spec.items):
        assert page.evaluate("document.activeElement.name") == item.id
        page.keyboard.press("Space")
        for _ in range(index % len(item.options)):
            page.keyboard.press("ArrowRight")
        chosen[item.id] = item.options[index % len(item.options)].value
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT)
    assert page.get_attribute(RESULT, "data-assessment-result") == cli_score(
        spec.id, chosen, tmp_path
    )
    # Focus moves to the result so a screen reader announces it (in the frame after it).
    wait_js(page, "() => document.activeElement.hasAttribute('data-km-result')")


def checked(page, spec_id: str, wait: bool = True) -> dict[str, str]:
    if wait:
        started(page, spec_id)
    return page.evaluate(
        """id => Object.fromEntries([...document.querySelectorAll(
             `form[data-assessment="${id}"] input[type=radio]:checked`)]
             .map(i => [i.name, i.value]))""",
        spec_id,
    )


def test_reload_keeps_answers_and_delete_removes_them(page, base_url: str) -> None:
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id))
    answers = {item.id: item.options[1].value for item in spec.items[:5]}
    answer(page, spec.id, answers)
    result = submit(page, spec.id)
    page.reload()
    assert checked(page, spec.id) == {k: str(v) for k, v in answers.items()}
    assert page.get_attribute(RESULT, "data-assessment-result") == result
    assert page.is_visible("[data-km-result]")
    # The same answers appear on the English page (one store per site, not per language).
    page.goto(base_url + page_of(spec.id, "en"))
    assert checked(page, spec.id) == {k: str(v) for k, v in answers.items()}
    page.click(f'form[data-assessment="{spec.id}"] [data-km-clear]')
    page.click(f'form[data-assessment="{spec.id}"] [data-km-notice] [data-km-confirm]')
    assert "deleted" in page.inner_text("[data-km-notice]")
    page.reload()
    assert checked(page, spec.id) == {}
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('km:'))")
    assert keys == []


def features_started(page) -> None:
    """Wait until every feature on the page has started. Our scripts load ``async``, so a
    widget may start after ``goto`` returns; storage a test writes before that would be read
    (and repaired or removed) by this visit instead of the next one."""
    wait_js(
        page,
        "() => [...document.querySelectorAll('[data-km-feature]')].every(r => r.dataset.kmStarted)",
        None,
        TIMEOUT,
    )


def storage_key(page, spec_id: str, version: int) -> str:
    """The storage key of an assessment, once the page's features have started (a test that
    writes under it then reloads, so the next visit is the one that reads it)."""
    features_started(page)
    scope = page.evaluate(
        "new URL(JSON.parse(document.getElementById('km-config')"
        ".textContent).scope, document.baseURI).pathname"
    )
    return f"km:1:{scope}:{spec_id}@{version}"


def test_corrupt_storage_is_discarded_with_a_notice(page, base_url: str) -> None:
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id))
    key = storage_key(page, spec.id, spec.version)
    page.evaluate("k => localStorage.setItem(k, '{not json')", key)
    page.reload()
    started(page, spec.id)
    assert "skadet" in page.inner_text("[data-km-notice]")
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    answer(page, spec.id, {spec.items[0].id: spec.items[0].options[0].value})
    assert submit(page, spec.id).startswith('{"assessment": "demand-control-support"')


def test_answers_survive_a_version_upgrade(page, base_url: str) -> None:
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id))
    old_key = storage_key(page, spec.id, spec.version - 1 if spec.version > 1 else 0)
    record = {"format": 1, "assessment": spec.id, "version": 0,
              "answers": {"d1": "4", "c1": "2", "gone": "3"}, "history": []}  # fmt: skip
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [old_key, json.dumps(record)])
    page.reload()
    assert checked(page, spec.id) == {"d1": "4", "c1": "2"}  # (waits for the widget)
    assert "oppdatert" in page.inner_text("[data-km-notice]")
    assert page.evaluate("k => localStorage.getItem(k)", old_key) is None


def test_runtime_failure_keeps_answers_and_says_so(browser, base_url: str) -> None:
    context = browser.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page = context.new_page()
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id))
    answer(page, spec.id, {"d1": 5})
    page.click(f'form[data-assessment="{spec.id}"] button[type=submit]')
    wait_js(
        page,
        "() => document.querySelector('[data-km-notice]').textContent.includes('kunne ikke')",
        timeout=TIMEOUT,
    )
    assert checked(page, spec.id) == {"d1": "5"}
    assert (
        page.evaluate("document.querySelector('[data-km-result]').dataset.assessmentResult") is None
    )
    context.close()


def test_language_menu_links_to_the_same_page(page, base_url: str) -> None:
    page.goto(base_url + "/theory/job-demands-resources/")
    href = page.get_attribute('a[hreflang="en"][data-km-lang-link]', "href")
    page.goto(urljoin(page.url, href))
    assert urlsplit(page.url).path == "/en/theory/job-demands-resources/"
    assert page.get_attribute("html", "lang") == "en"
    back = page.get_attribute('a[hreflang="nb"][data-km-lang-link]', "href")
    page.goto(urljoin(page.url, back))
    assert urlsplit(page.url).path == "/theory/job-demands-resources/"


def test_copy_link_to_a_section(browser, base_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto(base_url + "/en/theory/job-demands-resources/")
    page.click("h2#what-you-can-do .km-copy-link")
    assert page.evaluate("navigator.clipboard.readText()") == (
        base_url + "/en/theory/job-demands-resources/#what-you-can-do"
    )
    assert page.inner_text(".km-copy-status") == "Link copied"
    context.close()


def axe_violations(page) -> list[dict]:
    # Evaluated, not added as a <script>: the pages' Content-Security-Policy blocks inline
    # scripts (rightly), while evaluate() runs through the browser's debugging protocol.
    page.wait_for_timeout(300)  # the theme's colour transitions (after a scheme switch) end
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]


def use_scheme(page, scheme: str) -> None:
    """Material's colour scheme, as its toggle sets it ("default" light, "slate" dark)."""
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    assert page.evaluate("getComputedStyle(document.body).colorScheme") == (
        "dark" if scheme == "slate" else "light"
    )


SCHEMES = ["default", "slate"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/theory/",
        "/theory/job-demands-resources/",
        "/theory/sickness-absence/",
        "/practice/absence-follow-up/",
        "/practice/cases/",
        "/instructors/authoring/",
        "/instructors/course-modules/",
        "/instructors/courses/sickness-absence/",
        "/instructors/courses/mastery/handout/",
        "/self-assessments/",
        "/glossary/",
        "/references/",
    ],
)
def test_axe_finds_no_violations(page, base_url: str, lang: str, path: str, scheme: str) -> None:
    page.goto(base_url + ("/en" if lang == "en" else "") + path)
    use_scheme(page, scheme)
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_axe_on_an_assessment_before_and_after_scoring(
    page, base_url: str, lang: str, scheme: str
) -> None:
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id, lang))
    use_scheme(page, scheme)
    assert axe_violations(page) == []
    answer(page, spec.id, {item.id: item.options[2].value for item in spec.items[:-2]})
    submit(page, spec.id)
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_knowledge_check_explains_each_answer(page, base_url: str, lang: str, scheme: str) -> None:
    spec = SPECS["knowledge-demand-control-support"]
    page.goto(base_url + page_of(spec.id, lang))
    use_scheme(page, scheme)
    right = {i.id: max(i.options, key=lambda o: o.points or 0).value for i in spec.items}
    wrong = {i.id: min(i.options, key=lambda o: o.points or 0).value for i in spec.items}
    answers = {k: (right[k] if n % 2 else wrong[k]) for n, k in enumerate(right)}
    answer(page, spec.id, answers)
    result = json.loads(submit(page, spec.id))
    assert result["dimensions"]["knowledge"]["score"] == len(answers) // 2
    verdicts = page.locator(".km-explain__answer")
    assert verdicts.count() == len(spec.items)
    marks = [verdicts.nth(i).get_attribute("data-right") for i in range(verdicts.count())]
    assert marks == ["no" if n % 2 == 0 else "yes" for n in range(len(spec.items))]
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang, word", [("nb", "mestringstro"), ("en", "self-efficacy")])
def test_search_finds_pages_in_each_language(page, base_url: str, lang: str, word: str) -> None:
    page.goto(base_url + ("/en/" if lang == "en" else "/"))
    page.click("input[data-md-component='search-query']")
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any("/theory/mastery/" in href for href in links)
    assert all(("/en/" in href) == (lang == "en") for href in links)
