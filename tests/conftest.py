"""Shared fixtures: one real build of both languages, a local static server, and Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from serve import serve_in_thread  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(out: Path, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Build both languages the way `make site` does, into ``out``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True, text=True, cwd=root, env=env,
    )  # fmt: skip
    if first.returncode != 0:
        return first
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.en.yml"),
         "-d", str(out / "en")],
        capture_output=True, text=True, cwd=root, env=env,
    )  # fmt: skip


def wait_js(page, function: str, arg: object = None, timeout: float = 60_000) -> object:  # type: ignore[no-untyped-def]
    """Wait until ``function(arg)`` (JavaScript, evaluated in the page) is truthy.

    Playwright's ``wait_for_function`` evaluates its predicate with ``new Function`` inside the
    page, which the pages' Content-Security-Policy rightly forbids; ``evaluate`` does not."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(function, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout} ms: {function}")
        page.wait_for_timeout(50)


def feature_started(page, selector: str, timeout: float = 60_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the feature holding ``selector`` has started: our scripts load ``async``, so
    it listens for files (and reads storage) only some time after ``goto`` returns."""
    wait_js(
        page,
        "s => document.querySelector(s)?.closest('[data-km-feature]')?.dataset.kmStarted",
        selector,
        timeout,
    )


def drop_files_on(page, selector: str, files: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    """Drag files from the desktop and drop them on ``selector``: the page gets ``dragenter``,
    ``dragover`` and ``drop`` events carrying the files, as from a real drag. Waits until the
    feature under ``selector`` has started."""
    feature_started(page, selector, 120_000)
    transfer = page.evaluate_handle(
        """files => {
          const data = new DataTransfer();
          for (const [name, text] of files) {
            data.items.add(new File([text], name, { type: "application/json" }));
          }
          return data;
        }""",
        files,
    )
    for event in ("dragenter", "dragover", "drop"):
        page.dispatch_event(selector, event, {"dataTransfer": transfer})


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("KM_SITE_DIR"):  # a site built beforehand, for quick local iteration
        return Path(os.environ["KM_SITE_DIR"])
    out = tmp_path_factory.mktemp("site")
    run = build_site(out)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server, url = serve_in_thread(site_dir)
    yield url
    server.shutdown()


class Browser:
    """Chromium whose new contexts block service workers unless a test asks for them
    (``new_context(service_workers="allow")``, as tests/test_offline.py does).

    The test server serves one site for the whole session, and a page controlled by the
    site's service worker is served from its precache: that would hide what the network
    did (request logs, failed downloads a test routes) and make every context download the
    whole precache. Every context is fresh anyway (its own storage and caches), so nothing
    leaks between tests; the offline behaviour is tested on purpose, in its own tests."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def new_page(self, **options: Any) -> Any:
        options.setdefault("service_workers", "block")
        return self._browser.new_page(**options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield Browser(instance)
        instance.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
