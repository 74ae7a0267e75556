"""``make bench``: build and browser timings from one run, reported as medians and ratios.

1. Full build (both languages) and the share of it spent in our hook.
2. Bytes a cold browser fetches for a chapter without a form and for an assessment page
   (as served, and what gzip would make of them on a real host).
3. In headless Chromium, per run with a cold cache: navigation → form visible, → runtime
   ready, and submit → result shown, both "warm" (submit after ≥ 5 s of answering) and
   "cold" (submit right after the page has loaded).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from serve import serve_in_thread  # noqa: E402

CHAPTER = "/theory/job-demands-resources/"
FORMLESS = "/theory/"
ASSESSMENT = "demand-control-support"


def build(out: Path, timing: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KM_TIMING": str(timing)}
    start = time.perf_counter()
    for config, target in (("mkdocs.yml", out), ("mkdocs.en.yml", out / "en")):
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(target)],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
    return time.perf_counter() - start


def fetched(browser, url: str, site: Path, base: str, wait_ms: int = 0) -> tuple[int, int, int]:
    """(requests, bytes as served, bytes if gzipped) for a cold load of ``url``."""
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    page.goto(url, wait_until="networkidle")
    if wait_ms:
        page.locator("form[data-assessment]").first.scroll_into_view_if_needed()
        page.wait_for_function("document.documentElement.dataset.kmRuntime === 'ready'",
                               timeout=60_000)  # fmt: skip
        page.wait_for_timeout(wait_ms)
    context.close()
    raw = packed = 0
    for u in urls:
        path = u[len(base) :].split("?")[0]
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return len(urls), raw, packed


def timings(browser, base: str, warm: bool) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{base}/self-assessments/{ASSESSMENT}/", wait_until="domcontentloaded")
    page.wait_for_selector(f'form[data-assessment="{ASSESSMENT}"] fieldset', state="visible")
    visible = (time.perf_counter() - start) * 1000
    radios = page.locator(f'form[data-assessment="{ASSESSMENT}"] fieldset')
    for i in range(radios.count()):
        radios.nth(i).locator("input[type=radio]").nth(i % 5).check()
    if warm:
        page.wait_for_timeout(5000)
    page.click(f'form[data-assessment="{ASSESSMENT}"] button[type=submit]')
    page.wait_for_selector("[data-assessment-result]", state="attached", timeout=60_000)
    marks = page.evaluate(
        """() => Object.fromEntries(['km-runtime-ready', 'km-submit', 'km-result-shown']
             .map(n => [n, (performance.getEntriesByName(n)[0] || {}).startTime ?? null]))"""
    )
    context.close()
    return {
        "visible": visible,
        "ready": marks["km-runtime-ready"],
        "submit_to_result": marks["km-result-shown"] - marks["km-submit"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site, timing = Path(tmp) / "site", Path(tmp) / "timing.txt"
        builds, hooks = [], []
        for _ in range(3):
            timing.write_text("")
            builds.append(build(site, timing))
            hooks.append(sum(float(line.split()[1]) for line in timing.read_text().split("\n")
                             if line.strip()))  # fmt: skip
        b, h = statistics.median(builds), statistics.median(hooks)
        print(f"build, both languages (median of 3): {b:.2f} s; in our hook: {h:.2f} s "
              f"({100 * h / b:.0f} % of the build)")  # fmt: skip

        server, base = serve_in_thread(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, path, wait in (
                ("theory index (no form)", FORMLESS, 0),
                ("chapter, read without reaching its knowledge check", CHAPTER, 0),
                ("chapter, scrolled to its knowledge check (runtime loaded)", CHAPTER, 500),
                ("assessment page (runtime loaded)", f"/self-assessments/{ASSESSMENT}/", 500),
            ):
                n, raw, packed = fetched(browser, base + path, site, base, wait)
                print(f"{label}: {n} requests, {raw / 1e6:.2f} MB as served, "
                      f"{packed / 1e6:.2f} MB gzipped")  # fmt: skip
            runs = {"warm": [], "cold": []}
            for _ in range(args.runs):
                for kind in runs:
                    runs[kind].append(timings(browser, base, kind == "warm"))
            browser.close()
        server.shutdown()
        for kind, rows in runs.items():
            med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
            print(f"{kind} ({args.runs} runs, medians): form visible {med['visible']:.0f} ms; "
                  f"runtime ready {med['ready']:.0f} ms after navigation; submit → result "
                  f"{med['submit_to_result']:.1f} ms")  # fmt: skip
        warm = statistics.median(r["submit_to_result"] for r in runs["warm"])
        cold = statistics.median(r["submit_to_result"] for r in runs["cold"])
        print(
            f"cold / warm submit → result: {cold / max(warm, 0.01):.0f}×; "
            f"warm target (< 100 ms): {'met' if warm < 100 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
