"""The group results page in headless Chromium: figures equal the engine's, nothing below five,
duplicates once, a damaged file refused while the rest count, nothing sent, axe in both schemes."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import drop_files_on

from handbook import group
from tests.test_browser import SPECS, TIMEOUT, axe_violations, cli_score

PAGE = "/instructors/group-results/"
SPEC = SPECS["demand-control-support"]
REGION = f'[data-km-group="{SPEC.id}"]'


def share_file(answers: dict[str, Any], spec_id: str = SPEC.id, **changes: Any) -> str:
    version = SPECS[spec_id].version if spec_id in SPECS else 1
    data = {"format": "krav-og-mestring/result", "format_version": 1, "assessment": spec_id}
    return json.dumps({**data, "version": version, "answers": answers, **changes})


def answer_sets(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [{item.id: rng.choice(item.options).value for item in SPEC.items} for _ in range(count)]


def drop_files(page, files: list[tuple[str, str]]) -> None:
    """Choose files in the page's file input, as an instructor would."""
    payload = [
        {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}
        for name, text in files
    ]
    page.set_input_files("input[type=file][data-km-group-files]", payload)


def wait_for_files(page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('[data-km-group-file]').length === n"
        " && !document.querySelector('[data-km-group-page]').hasAttribute('aria-busy')",
        arg=count,
        timeout=TIMEOUT,
    )


def open_page(page, base_url: str, lang: str = "nb") -> None:
    page.goto(base_url + ("/en" if lang == "en" else "") + PAGE)
    page.wait_for_selector("[data-km-group-page][data-km-started=yes]")


def test_six_share_files_give_the_engines_figures(page, base_url: str, tmp_path: Path) -> None:
    open_page(page, base_url)
    sets = answer_sets(6)
    drop_files(page, [(f"p{n}.json", share_file(a)) for n, a in enumerate(sets)])
    wait_for_files(page, 6)
    shown = json.loads(page.get_attribute(REGION, "data-km-group-result"))
    # What the engine computes from the scores the command line prints for the same answers.
    scores = [json.loads(cli_score(SPEC.id, a, tmp_path)) for a in sets]
    spec = SPEC.to_dict()
    expected: dict[str, Any] = {"assessment": SPEC.id, "version": SPEC.version, "n": 6}
    expected["dimensions"] = {}
    for dim_id, dim in spec["dimensions"].items():
        values = [s["dimensions"][dim_id]["score"] for s in scores]
        bands = {b["id"]: 0 for b in dim["bands"]}
        for s in scores:
            bands[s["dimensions"][dim_id]["band"]] += 1
        expected["dimensions"][dim_id] = {**group._figures(values), "bands": bands}
    rules = [s["profiles"]["karasek"] for s in scores]
    karasek = spec["profiles"]["karasek"]["rules"]
    expected["profiles"] = {"karasek": {r["id"]: rules.count(r["id"]) for r in karasek}}
    assert shown == expected
    assert shown == group.group(spec, sets)
    assert page.get_attribute(REGION, "data-km-group-n") == "6"
    # The figures are on screen: a chart and a text alternative for each dimension.
    assert page.locator(f"{REGION} svg.km-strip").count() == len(spec["dimensions"])
    caption = page.inner_text(f'{REGION} [data-km-group-dim="demands"] figcaption')
    assert caption.startswith("Krav: skala fra 1 til 5. Den midterste halvparten av gruppa")
    texts = page.eval_on_selector_all("[data-km-group-file]", "els => els.map(e => e.textContent)")
    assert [t.split(":")[0] for t in texts] == [f"p{n}.json" for n in range(6)]
    assert all(": telt med (" in t for t in texts)


def test_four_files_show_no_number_at_all(page, base_url: str) -> None:
    open_page(page, base_url)
    drop_files(page, [(f"p{n}.json", share_file(a)) for n, a in enumerate(answer_sets(4))])
    wait_for_files(page, 4)
    assert page.get_attribute(REGION, "data-km-group-n") == "4"
    assert page.get_attribute(REGION, "data-km-group-result") is None
    assert page.is_visible(f"{REGION} [data-km-group-too-few]")
    text = page.evaluate("sel => document.querySelector(sel).textContent", REGION)
    assert "fem deltakere" in text
    assert re.findall(r"\d", text) == []
    assert page.locator(f"{REGION} svg, {REGION} table").count() == 0


def test_identical_files_count_once(page, base_url: str) -> None:
    open_page(page, base_url)
    sets = answer_sets(5)
    files = [(f"p{n}.json", share_file(a)) for n, a in enumerate(sets)]
    # The same answers again, in another key order and with a full result file's extra keys.
    again = {k: sets[0][k] for k in reversed(list(sets[0]))}
    files.append(("again.json", share_file(again, lang="nb", exported="2026-12-06T10:00:00Z")))
    drop_files(page, files)
    wait_for_files(page, 6)
    assert page.get_attribute(REGION, "data-km-group-n") == "5"
    last = page.get_attribute("[data-km-group-file]:last-child", "data-km-group-file")
    assert last == "duplicate"
    # Dragging the same file onto the drop area in a second batch changes nothing.
    drop_files_on(page, "[data-km-group-drop]", [("p0-copy.json", files[0][1])])
    wait_for_files(page, 7)
    result = json.loads(page.get_attribute(REGION, "data-km-group-result"))
    assert result == group.group(SPEC.to_dict(), sets)


def test_a_damaged_file_is_refused_and_the_others_count(page, base_url: str) -> None:
    open_page(page, base_url)
    sets = answer_sets(5, seed=11)
    bad = [
        ("broken.json", '{"format": "krav-og-mestring/result", "answ'),
        ("newer.json", share_file(sets[0], format_version=2)),
        ("old.json", share_file(sets[0], version=SPEC.version - 1)),
        ("other.json", share_file(sets[0], spec_id="no-such-assessment")),
        ("edited.json", share_file({**sets[0], "d1": 9})),
        ("photo.json", "not a result at all"),
        ("big.json", " " * (group.MAX_BYTES + 1)),
    ]
    files = [(f"p{n}.json", share_file(a)) for n, a in enumerate(sets)]
    drop_files(page, [files[0], *bad[:4], *files[1:], *bad[4:]])
    wait_for_files(page, 12)
    statuses = page.eval_on_selector_all(
        "[data-km-group-file]",
        "els => els.map(e => [e.dataset.kmGroupFile, e.dataset.reason || ''])",
    )
    assert statuses == [
        ["counted", ""], ["refused", "not-json"], ["refused", "format-version"],
        ["refused", "version"], ["refused", "unknown-assessment"],
        ["counted", ""], ["counted", ""], ["counted", ""], ["counted", ""],
        ["refused", "answers"], ["refused", "not-json"], ["refused", "too-big"],
    ]  # fmt: skip
    texts = page.eval_on_selector_all("[data-km-group-file]", "els => els.map(e => e.textContent)")
    assert texts[1] == "broken.json: dette er ikke en resultatfil (fila er ikke JSON)."
    assert texts[3] == (
        f"old.json: fila gjelder versjon {SPEC.version - 1} av testen, men nettstedet har "
        f"versjon {SPEC.version}. Svar fra ulike versjoner regnes ikke sammen. Be deltakeren "
        "ta testen på nytt og dele en ny fil."
    )
    assert texts[4] == "other.json: testen «no-such-assessment» finnes ikke på dette nettstedet."
    assert texts[11] == "big.json: fila er for stor til å være en resultatfil (over 1 MB)."
    assert json.loads(page.get_attribute(REGION, "data-km-group-result"))["n"] == 5
    # Clearing removes everything from the page.
    page.click("[data-km-group-clear]")
    assert page.locator("[data-km-group-file]").count() == 0
    assert page.is_hidden(REGION)
    assert page.get_attribute(REGION, "data-km-group-result") is None


def test_english_page_refuses_in_english(page, base_url: str) -> None:
    open_page(page, base_url, "en")
    drop_files(page, [("x.json", "[1, 2]")])
    wait_for_files(page, 1)
    assert page.inner_text("[data-km-group-file]") == (
        "x.json: this is not a result file from Demands and mastery."
    )


def test_nothing_is_sent_while_files_are_processed(browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[tuple[str, str, str | None]] = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    open_page(page, base_url)
    drop_files(page, [(f"p{n}.json", share_file(a)) for n, a in enumerate(answer_sets(6))])
    wait_for_files(page, 6)
    page.reload()
    context.close()
    assert [url for _, url, _ in requests if not url.startswith(origin)] == []
    assert {method for method, _, _ in requests} == {"GET"}
    assert [url for _, url, _ in requests if "?" in url or "#" in url] == []
    assert all(body is None for _, _, body in requests)
    assert any(url.endswith(f"/assets/km/specs/{SPEC.id}.json") for _, url, _ in requests)
    assert any(url.endswith("/assets/km/group.py") for _, url, _ in requests)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_axe_on_the_group_page(page, base_url: str, lang: str, scheme: str) -> None:
    open_page(page, base_url, lang)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    assert axe_violations(page) == []
    files = [(f"p{n}.json", share_file(a)) for n, a in enumerate(answer_sets(7, seed=3))]
    files += [("b.json", "{"), ("few.json", share_file({"c1": 1}, spec_id="leader-load"))]
    drop_files(page, files)
    wait_for_files(page, 9)
    assert page.locator("svg.km-strip").count() >= 3
    assert axe_violations(page) == []
