"""Offline after a first visit (DESIGN §7.4): the service workers in real Chromium, with the
network really gone (the test's own server stopped, and the browser set offline), and the
engine's precache manifest and precompressed copies."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, wait_js
from serve import serve_in_thread
from test_browser import SPECS, answer, axe_violations, cli_score, page_of, submit, use_scheme

from handbook import offline
from handbook.compile import ENGINE
from handbook.problems import HandbookError
from handbook.site import Site

TIMEOUT = 60_000
CACHED = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) out.push([name, request.url]);
  }
  return out;
}"""
RUNTIME = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
           "pyodide-lock.json"]  # fmt: skip


class Served:
    """One server of a built site for one test, logging what it was asked for; ``stop`` takes
    the network away for real (the service worker cannot reach it either)."""

    def __init__(self, root: Path) -> None:
        self.server, self.url = serve_in_thread(root, log=True)

    @property
    def requests(self) -> list[str]:
        return self.server.requests  # type: ignore[attr-defined,no-any-return]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def served(site_dir: Path) -> Iterator[Served]:
    server = Served(site_dir)
    yield server
    server.stop()


@pytest.fixture()
def sw_page(browser):  # type: ignore[no-untyped-def]
    """A fresh context in which the site's service worker may run; fails on any JS error."""
    context = browser.new_context(service_workers="allow", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def controlled(page) -> str:  # type: ignore[no-untyped-def]
    """Wait until the page's service worker controls it (its precache is complete then)."""
    return wait_js(  # type: ignore[return-value]
        page, "() => navigator.serviceWorker.controller?.scriptURL", timeout=TIMEOUT
    )


def go_offline(page, served: Served) -> None:  # type: ignore[no-untyped-def]
    served.stop()
    page.context.set_offline(True)


def heading(page) -> str:  # type: ignore[no-untyped-def]
    """The page's title as its h1 shows it (without the permalink)."""
    return page.eval_on_selector(  # type: ignore[no-any-return]
        "article h1",
        "h => [...h.childNodes].filter((n) => !n.classList?.contains('headerlink'))"
        ".map((n) => n.textContent).join('').trim()",
    )


def notice(page, which: str) -> str:  # type: ignore[no-untyped-def]
    return page.inner_text(f"[data-km-{which}-notice]")


def test_a_visited_chapter_and_every_other_page_work_offline(sw_page, served: Served) -> None:
    page = sw_page
    page.set_viewport_size({"width": 1300, "height": 900})  # the nav sidebar shows
    page.goto(served.url + "/theory/job-demands-resources/")
    assert controlled(page) == served.url + "/sw.js"
    assert notice(page, "offline") == ""
    go_offline(page, served)
    wait_js(page, "() => document.querySelector('[data-km-offline-notice]').textContent")
    assert notice(page, "offline") == (
        "Du er uten nett. Håndboka er lagret på denne enheten, så du kan lese videre."
    )
    assert page.get_attribute("[data-km-offline-notice]", "role") == "status"
    page.reload()
    assert heading(page) == "Jobbkrav–ressursmodellen (JD-R)"
    assert "uten nett" in notice(page, "offline")
    # Another chapter, never visited: by a link (instant navigation) and by a full load.
    page.click('.md-sidebar--primary a.md-nav__link[href$="/mastery/"]:visible')
    wait_js(page, "() => location.pathname === '/theory/mastery/'")
    assert heading(page) == "Mestring og mestringsorientert ledelse"
    assert "uten nett" in notice(page, "offline")  # the status line stays across pages
    page.goto(served.url + "/practice/own-load/")
    assert heading(page) == page.title().split(" - ")[0]
    # A page this build does not have: its own 404 page, from the device.
    response = page.goto(served.url + "/no-such-page/")
    assert response.status == 404
    assert "404" in page.inner_text("article")
    # Back online: the notice goes.
    page.context.set_offline(False)
    wait_js(page, "() => document.querySelector('[data-km-offline-notice]').textContent === ''")


def test_a_chapter_visit_caches_no_runtime_byte(sw_page, served: Served) -> None:
    page = sw_page
    page.set_viewport_size({"width": 400, "height": 700})  # its knowledge check is far below
    page.goto(served.url + "/theory/job-demands-resources/")
    controlled(page)
    page.goto(served.url + "/en/theory/")  # the other build's worker too
    controlled(page)
    page.wait_for_timeout(1500)
    cached = page.evaluate(CACHED)
    urls = [url for _, url in cached]
    chapter = served.url + "/theory/job-demands-resources/index.html"
    assert chapter in [u.split("?")[0] for u in urls]
    assert [u for u in urls if "pyodide" in u or ".py" in u] == []
    assert {name for name, _ in cached} == {
        f"workbox-precache-v2-{served.url}/",
        f"workbox-precache-v2-{served.url}/en/",
    }
    # Nor was any runtime file asked of the server, by the pages or by the workers.
    assert [p for p in served.requests if "pyodide" in p or p.endswith(".py")] == []
    assert "/sw.js" in served.requests


def test_scoring_works_offline_after_one_use(sw_page, served: Served, tmp_path: Path) -> None:
    page = sw_page
    spec = SPECS["demand-control-support"]
    form = f'form[data-assessment="{spec.id}"]'
    page.goto(served.url + page_of(spec.id))
    first = {item.id: item.options[0].value for item in spec.items}
    answer(page, spec.id, first)
    assert submit(page, spec.id) == cli_score(spec.id, first, tmp_path)
    # The runtime the page used is kept, in caches of its own (even if it was downloaded before
    # the service worker took control on this first visit).
    wait_js(
        page,
        """async (files) => {
          const names = await caches.keys();
          const runtime = names.find((n) => n.startsWith('km-pyodide-'));
          const modules = names.find((n) => n.startsWith('km-modules-nb-'));
          if (!runtime || !modules) return false;
          const have = (await (await caches.open(runtime)).keys()).map((r) => r.url);
          const py = (await (await caches.open(modules)).keys()).map((r) => r.url);
          return files.every((f) => have.some((u) => u.endsWith('/assets/pyodide/' + f)))
            && py.some((u) => u.endsWith('/assets/km/scoring.py'));
        }""",
        RUNTIME,
        timeout=TIMEOUT,
    )
    # The page's dedicated (module) worker fetches through the page's service worker: after a
    # reload, starting the runtime again asks the server for none of its files.
    page.reload()
    controlled(page)
    del served.requests[:]
    page.click(f"{form} [data-km-restart]")
    answer(page, spec.id, first)
    submit(page, spec.id)
    assert [p for p in served.requests if "pyodide" in p or p.endswith(".py")] == []
    # Offline: reload, answer, submit — the same result as the command line.
    go_offline(page, served)
    page.reload()
    page.click(f"{form} [data-km-restart]")
    second = {item.id: item.options[-1].value for item in spec.items[::2]}
    answer(page, spec.id, second)
    assert submit(page, spec.id) == cli_score(spec.id, second, tmp_path)


def test_a_new_version_is_offered_and_loaded_only_on_request(
    sw_page, site_dir: Path, tmp_path: Path
) -> None:
    page = sw_page
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("pyodide"))
    served = Served(copy)
    try:
        page.goto(served.url + "/theory/")
        controlled(page)
        before = {e["url"]: e["revision"] for e in offline.manifest(copy / "sw.js")}
        # A new version of the site: one page changed, the build's worker written again.
        changed = copy / "theory" / "index.html"
        html = changed.read_text(encoding="utf-8")
        changed.write_text(html.replace("</h1>", " (ny)</h1>", 1), encoding="utf-8")
        opts = offline.settings(Site.from_config(ROOT / "mkdocs.yml"))
        offline.write_service_worker(copy, opts, ROOT)
        after = {e["url"]: e["revision"] for e in offline.manifest(copy / "sw.js")}
        assert [u for u in before if before[u] != after[u]] == ["theory/index.html"]
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        button = '[data-km-update-notice] [data-km-action="update"]'
        page.wait_for_selector(button, timeout=TIMEOUT)
        assert notice(page, "update").splitlines()[0] == "En ny versjon av håndboka er klar."
        assert page.inner_text(button) == "Last inn på nytt for å oppdatere"
        page.wait_for_timeout(1000)
        assert "(ny)" not in heading(page)  # nothing reloads by itself
        # Both notices showing: no axe finding, light or dark.
        page.context.set_offline(True)
        wait_js(page, "() => document.querySelector('[data-km-offline-notice]').textContent")
        for scheme in ("default", "slate"):
            use_scheme(page, scheme)
            assert axe_violations(page) == [], scheme
        page.context.set_offline(False)
        # By keyboard: the new version takes over, then the page reloads into it.
        page.focus(button)
        with page.expect_navigation(timeout=TIMEOUT):
            page.keyboard.press("Enter")
        assert heading(page).endswith("(ny)")
        assert notice(page, "update") == ""
    finally:
        served.stop()


def test_the_english_build_has_its_own_worker_and_precache(sw_page, served: Served) -> None:
    page = sw_page
    page.goto(served.url + "/en/theory/")
    assert controlled(page) == served.url + "/en/sw.js"
    scope = page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
    assert scope == served.url + "/en/"
    cached = page.evaluate(CACHED)
    assert {name for name, _ in cached} == {f"workbox-precache-v2-{served.url}/en/"}
    paths = [url.removeprefix(served.url).split("?")[0] for _, url in cached]
    assert "/en/theory/job-demands-resources/index.html" in paths
    assert [p for p in paths if not p.startswith("/en/")] == []
    go_offline(page, served)
    page.reload()
    assert heading(page) == "Theory"
    wait_js(page, "() => document.querySelector('[data-km-offline-notice]').textContent")
    assert notice(page, "offline") == (
        "You are offline. The handbook is kept on this device, so you can read on."
    )


def test_the_server_sends_the_workers_as_javascript(base_url: str) -> None:
    for path in ("/sw.js", "/en/sw.js", "/assets/workbox-7.4.1/workbox-sw.js"):
        with urllib.request.urlopen(base_url + path) as response:
            assert response.headers["Content-Type"] == "text/javascript"
            assert "Service-Worker-Allowed" not in response.headers


def test_the_built_workers_fetch_nothing_from_another_origin(site_dir: Path) -> None:
    for sw in (site_dir / "sw.js", site_dir / "en" / "sw.js"):
        text = sw.read_text(encoding="utf-8")
        assert "workbox-cdn" not in text and "googleapis" not in text
        assert "importScripts(new URL(`${CONFIG.workbox}workbox-sw.js`, self.location)" in text
    runtime = site_dir / "assets" / "workbox-7.4.1"
    assert sorted(p.name for p in runtime.iterdir()) == [
        "workbox-core.prod.js", "workbox-precaching.prod.js", "workbox-routing.prod.js",
        "workbox-strategies.prod.js", "workbox-sw.js",
    ]  # fmt: skip


# ---------------------------------------------------------------- the engine, without a browser


def small_site(out: Path) -> None:
    files = {
        "index.html": "<h1>Hjem</h1>",
        "404.html": "<h1>404</h1>",
        "theory/index.html": "<h1>Teori</h1>",
        "theory/img/model.svg": "<svg/>",
        "assets/km/site.js": "// site",
        "assets/km/worker.mjs": "// worker",
        "assets/km/scoring.py": "# scoring",
        "assets/km/specs/a.json": "{}",
        "assets/km/assessment-schema.json": "{}",
        "assets/javascripts/bundle.0123abcd.min.js": "// theme",
        "assets/javascripts/bundle.0123abcd.min.js.map": "{}",
        "assets/javascripts/lunr/min/lunr.no.min.js": "// no",
        "assets/javascripts/lunr/min/lunr.de.min.js": "// de",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "// support",
        "assets/pyodide/pyodide.asm.wasm": "wasm",
        "search/search_index.json": '{"docs": []}',
        "search/search_index.json.gz": "old",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "en/index.html": "<h1>Home</h1>",
    }
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")


OPTS = offline.Settings(
    lang="nb",
    runtime_root="",
    other_builds=("en/",),
    search_langs=("no",),
    runtime_key="314.0.7-test",
    modules=(ENGINE / "scoring.py",),
)


def test_the_precache_holds_the_pages_and_assets_and_nothing_else(tmp_path: Path) -> None:
    small_site(tmp_path)
    result = offline.write_service_worker(tmp_path, OPTS, ROOT)
    entries = {e["url"]: e["revision"] for e in offline.manifest(tmp_path / "sw.js")}
    assert sorted(entries) == [
        "404.html",
        "assets/javascripts/bundle.0123abcd.min.js",
        "assets/javascripts/lunr/min/lunr.no.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/km/site.js",
        "assets/km/specs/a.json",
        "assets/km/worker.mjs",
        "index.html",
        "search/search_index.json",
        "sitemap.xml",
        "theory/img/model.svg",
        "theory/index.html",
    ]
    assert entries["assets/javascripts/bundle.0123abcd.min.js"] is None  # hashed name
    assert entries["index.html"] == hashlib.md5(b"<h1>Hjem</h1>").hexdigest()
    assert (result.count, result.warnings) == (12, ())
    text = (tmp_path / "sw.js").read_text(encoding="utf-8")
    config = json.loads(text.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["runtime"] == "assets/pyodide/"
    assert config["runtime_cache"] == "km-pyodide-314.0.7-test"
    assert config["modules"] == ["assets/km/scoring.py"]
    assert config["modules_cache"].startswith("km-modules-nb-")
    assert config["other_builds"] == ["en/"]


def test_a_revision_changes_exactly_when_its_file_does(tmp_path: Path) -> None:
    small_site(tmp_path)
    offline.write_service_worker(tmp_path, OPTS, ROOT)
    before = {e["url"]: e["revision"] for e in offline.manifest(tmp_path / "sw.js")}
    offline.write_service_worker(tmp_path, OPTS, ROOT)
    again = {e["url"]: e["revision"] for e in offline.manifest(tmp_path / "sw.js")}
    assert again == before
    (tmp_path / "theory" / "index.html").write_text("<h1>Teori, ny</h1>", encoding="utf-8")
    offline.write_service_worker(tmp_path, OPTS, ROOT)
    after = {e["url"]: e["revision"] for e in offline.manifest(tmp_path / "sw.js")}
    assert [u for u in before if before[u] != after[u]] == ["theory/index.html"]


def test_a_kept_worker_is_used_only_for_the_same_files(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    small_site(site)
    made = offline.write_service_worker(site, OPTS, ROOT, cache)
    first = (site / "sw.js").read_text(encoding="utf-8")
    assert len(list(cache.glob("sw-*.json"))) == 1
    # Node is not asked again while nothing it reads has changed, in this folder or another.
    real_run = offline.subprocess.run
    monkeypatch.setattr(offline.subprocess, "run", lambda *a, **k: pytest.fail("node ran"))
    (site / "sw.js").unlink()
    (site / "assets/pyodide/pyodide.asm.wasm").write_text("never precached", encoding="utf-8")
    (site / "en/index.html").write_text("another build's page", encoding="utf-8")
    # Nor with a file every job ignores: a source map, an unused search language, a .gz.
    for ignored in (
        "assets/javascripts/bundle.0123abcd.min.js.map",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "search/search_index.json.gz",
    ):
        (site / ignored).write_text("changed", encoding="utf-8")
    assert offline.write_service_worker(site, OPTS, ROOT, cache) == made
    assert (site / "sw.js").read_text(encoding="utf-8") == first
    other = tmp_path / "elsewhere"
    shutil.copytree(site, other)
    assert offline.write_service_worker(other, OPTS, ROOT, cache) == made
    assert (other / "sw.js").read_text(encoding="utf-8") == first
    # A changed page, a new file, other settings: each is a new worker, as without the cache.
    monkeypatch.setattr(offline.subprocess, "run", real_run)
    for change in ("page", "new", "settings"):
        opts = OPTS
        if change == "page":
            (site / "theory" / "index.html").write_text("<h1>Teori, ny</h1>", encoding="utf-8")
        elif change == "new":
            (site / "theory" / "new.html").write_text("<h1>Ny</h1>", encoding="utf-8")
        else:
            opts = offline.Settings("nb", "", ("en/",), ("no",), "314.0.8-test", OPTS.modules)
        offline.write_service_worker(site, opts, ROOT, cache)
        kept = (site / "sw.js").read_text(encoding="utf-8")
        fresh = tmp_path / f"fresh-{change}"
        shutil.copytree(site, fresh)
        offline.write_service_worker(fresh, opts, ROOT)  # no cache: node writes it anew
        assert kept == (fresh / "sw.js").read_text(encoding="utf-8") != first
    assert len(list(cache.glob("sw-*.json"))) == 4
    # A damaged entry is made again, not trusted.
    for entry in cache.glob("sw-*.json"):
        entry.write_text("{", encoding="utf-8")
    offline.write_service_worker(site, opts, ROOT, cache)
    assert (site / "sw.js").read_text(encoding="utf-8") == kept


def test_the_english_build_reaches_the_shared_runtime(tmp_path: Path) -> None:
    small_site(tmp_path)
    opts = offline.Settings("en", "../", (), ("en",), "k", (ENGINE / "scoring.py",))
    offline.write_service_worker(tmp_path, opts, ROOT)
    urls = [e["url"] for e in offline.manifest(tmp_path / "sw.js")]
    assert "en/index.html" in urls  # here, a folder of this build like any other
    assert not [u for u in urls if "lunr" in u]  # English search needs no language file
    text = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert '"runtime":"../assets/pyodide/"' in text
    assert '"modules_cache":"km-modules-en-' in text


def test_missing_node_or_workbox_is_one_clear_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    small_site(tmp_path)
    with pytest.raises(HandbookError) as caught:
        offline.write_service_worker(tmp_path, OPTS, tmp_path)  # no node_modules there
    assert str(caught.value) == (
        "package.json:0:0: error: workbox-build is not installed (run: npm ci)"
    )
    monkeypatch.setattr(offline.shutil, "which", lambda name: None)
    with pytest.raises(HandbookError) as caught:
        offline.write_service_worker(tmp_path, OPTS, ROOT)
    assert str(caught.value) == (
        "package.json:0:0: error: node not found: install Node.js ≥ 20 (see README.md)"
    )


def test_precompressed_copies_only_of_large_files_and_only_when_smaller(tmp_path: Path) -> None:
    big = tmp_path / "index.json"
    big.write_text(json.dumps([{"text": "krav og mestring"}] * 2000), encoding="utf-8")
    small = tmp_path / "small.json"
    small.write_text("{}", encoding="utf-8")
    (tmp_path / "small.json.gz").write_bytes(b"stale")
    noise = tmp_path / "noise.zip"
    noise.write_bytes(os.urandom(50_000))
    cache = tmp_path / "cache"
    done = {c.path.name: c for c in offline.precompress([big, small, noise], cache)}
    assert sorted(done) == ["index.json", "noise.zip"]
    gz, br = big.with_name("index.json.gz"), big.with_name("index.json.br")
    assert gzip.decompress(gz.read_bytes()) == big.read_bytes()
    assert done["index.json"].gz == gz.stat().st_size < big.stat().st_size
    assert done["index.json"].br == br.stat().st_size < done["index.json"].gz
    import brotli  # type: ignore[import-not-found,unused-ignore]

    assert brotli.decompress(br.read_bytes()) == big.read_bytes()
    assert (done["noise.zip"].gz, done["noise.zip"].br) == (None, None)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".gz", ".br")) == [
        "index.json.br", "index.json.gz",
    ]  # fmt: skip
    # A second run reuses the cache; a file that shrinks loses its copies.
    assert len([p for p in cache.iterdir() if p.name != offline.DIGESTS]) == 4
    # The same file again is not read (its digest is known by its identity); new bytes of the
    # same size are.
    reads: list[Path] = []
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_bytes", read_bytes)
        offline.precompress([big], cache)
        assert big not in reads
        offline.precompress([noise], cache)  # another build sharing the cache (the other language)
        offline.precompress([big], cache)
        assert big not in reads
        text = big.read_text(encoding="utf-8").replace("krav", "KRAV")
        big.write_text(text, encoding="utf-8")
        offline.precompress([big], cache)
        assert big in reads
    assert gzip.decompress(gz.read_bytes()) == text.encode()
    big.write_text("{}", encoding="utf-8")
    offline.precompress([big], cache)
    assert not gz.exists() and not br.exists()


def test_the_build_precompresses_the_runtime_and_search_index(site_dir: Path) -> None:
    names = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.suffix in (".gz", ".br") and p.name != "sitemap.xml.gz"
    )
    assert names == [
        "assets/pyodide/pyodide.asm.mjs.br", "assets/pyodide/pyodide.asm.mjs.gz",
        "assets/pyodide/pyodide.asm.wasm.br", "assets/pyodide/pyodide.asm.wasm.gz",
        "assets/pyodide/pyodide.mjs.br", "assets/pyodide/pyodide.mjs.gz",
        "assets/pyodide/python_stdlib.zip.br", "assets/pyodide/python_stdlib.zip.gz",
        "en/search/search_index.json.br", "en/search/search_index.json.gz",
        "search/search_index.json.br", "search/search_index.json.gz",
    ]  # fmt: skip
    urls = [e["url"] for e in offline.manifest(site_dir / "sw.js")]
    assert [u for u in urls if u.endswith((".gz", ".br", ".py", ".map")) or "pyodide" in u] == []
    assert [u for u in urls if u.startswith("en/")] == []


def test_the_workers_key_leaves_out_only_what_an_ignore_glob_surely_matches() -> None:
    from handbook.precache_key import Ignored

    ignored = Ignored(["en/**", "assets/workbox-*/**", "**/*.map", "a/b.js", "**/*.{x,y}", "c*"])
    assert ignored("en/index.html") and ignored("assets/workbox-7.3.0/workbox-sw.js")
    assert ignored("x.js.map") and ignored("deep/er/x.map") and ignored("a/b.js")
    for kept in ("eng/index.html", "assets/workbox.js", "a/b.json", "z.x", "cat.html", "map"):
        assert not ignored(kept), kept
