"""``make bench``: our figures against peers built and measured in the same run, as one table.

Peers, installed into a scratch environment the bench makes (``.cache/bench/venv``: the same
mkdocs-material as ours, and mkdocs-quiz, both pinned) and built into a temporary folder:

* a *plain Material* build of the same pages: our Norwegian pages and the pages our engine
  adds (each assessment's page, the course pages), with every marker of ours (forms,
  citations, reference lists) stripped, with our nav, theme settings and Markdown extensions
  (the glossary appended to every page, as in our build) but without our hook, theme
  overrides and CSS;
* a *mkdocs-quiz* page holding the questions of one of our knowledge checks;
* a *bare Pyodide* page the bench writes: it starts a module worker that loads the same
  (trimmed) Pyodide files our site ships, and nothing else.

Everything is served on loopback (``scripts/serve.py``, one server per site, files as they
are: byte figures are the files' sizes and a gzip estimate of each at level 6) and measured in
headless Chromium (``/usr/bin/chromium``, the launch arguments of the browser tests), each load
in a fresh browser context (cold cache) with **service workers blocked**: our site's offline
copy would otherwise be installed during the visit, and its precache (every page of the
language) would count as the visit's bytes and compete with the page for the network and the
CPU. Its size has a row of its own, read from the built ``sw.js`` files.

Per run: the assessment page (DOMContentLoaded, runtime ready, long tasks, and — once the
form's warm-up call is done, as it is long before a reader has answered — the first submit
timed from the click to the result in the DOM and to the frame after it; the click comes 100 ms
after the last answer, time enough for the form to score the answers ahead, as it does while a
reader moves to the button); from there a click
on a link to a second assessment (instant navigation: the worker survives), answered and
submitted; a chapter read without scrolling, then its first search; the same chapter as a
plain Material page; a mkdocs-quiz answer → feedback; the bare Pyodide worker. Timings are
medians of ``--runs`` loads (5), never single figures; in-page times come from
``performance.now()``/marks, so Playwright's own latency is not in them.

The build rows time ``mkdocs build`` in a subprocess with our hook's event functions wrapped by
timers (the hook's share is the time spent inside them), and the scale rows build a generated
project of 1,000 pages and 100 assessments with our hook and as a plain Material build of the
same pages (``--no-scale`` skips them; they take several minutes).

The table goes to stdout and to ``.cache/bench/last.md``. Nothing here asserts a time, and
``make test`` runs no part of it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

CACHE = ROOT / ".cache" / "bench"
QUIZ = "mkdocs-quiz==1.7.1"
HOOK = "hooks/km.py"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

ASSESSMENT = "demand-control-support"  # the first assessment a reader opens
SECOND = "jdr-balance"  # the one they go on to, by a link (instant navigation)
CHAPTER = "theory/demand-control-support"  # a chapter with a knowledge check at its end
KNOWLEDGE = "knowledge-demand-control-support"  # its questions become the mkdocs-quiz page

INDEX = "/search/search_index.json"  # Material's search index
SEARCH_BOX = "input[data-md-component=search-query]"
SEARCH_WORD = "krav"
SEARCH_HIT = ".md-search-result__item"

MARKER = re.compile(r"\[\[[^\[\]]*\]\]")  # [[assessment x]], [[references]], …
CITATION = re.compile(r"\[[^\[\]]*-?@[\w:.-]+[^\[\]]*\]")  # [@key, s. 12], [-@key]
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


# ------------------------------------------------------------------------------ environment


def material_version() -> str:
    return metadata.version("mkdocs-material")


def peer_python() -> Path:
    """The scratch environment with the peers, made (or brought to the pins) on demand."""
    venv = CACHE / "venv"
    python = venv / "bin" / "python"
    pins = [f"mkdocs-material=={material_version()}", QUIZ]
    stamp = venv / "pins.txt"
    if python.exists() and stamp.is_file() and stamp.read_text() == "\n".join(pins):
        return python
    print(f"Installing the peers into {venv.relative_to(ROOT)}: {', '.join(pins)}", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *pins],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if pip.returncode != 0:
        raise SystemExit(f"could not install the peers:\n{pip.stdout}{pip.stderr}")
    stamp.write_text("\n".join(pins))
    return python


def chromium_version() -> str:
    from conftest import CHROMIUM

    run = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return run.stdout.strip() or "unknown"


# ------------------------------------------------------------------------------ builds


def profile_build(config: Path, site_dir: Path) -> dict[str, float]:
    """(In a subprocess: ``bench.py --profile-build``.) Build ``config`` into ``site_dir``
    with each event function of our hook wrapped by a timer."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    cfg = load_config(config_file=str(config), site_dir=str(site_dir))
    spent = [0.0]

    def timed(method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t

        return wrapper

    plugins = cfg.plugins
    for name, methods in plugins.events.items():
        plugins.events[name] = [
            timed(m) if plugins._event_origins.get(m) == HOOK else m for m in methods
        ]
    build(cfg)
    return {"total": time.perf_counter() - start, "hook": spent[0]}


def run_build(python: Path, config: Path, site_dir: Path) -> dict[str, float]:
    run = subprocess.run(
        [str(python), __file__, "--profile-build", str(config), str(site_dir)],
        cwd=config.parent, env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{run.stdout}{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def strip_ours(text: str) -> str:
    """A page of ours as plain Markdown: no form, citation or reference-list markers."""
    return CITATION.sub("", MARKER.sub("", text))


def copy_plain(content: Path, docs: Path) -> None:
    """A copy of a content folder for a plain Material build: our markers stripped."""
    for source in content.rglob("*"):
        target = docs / source.relative_to(content)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            target.write_text(strip_ours(source.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copy2(source, target)


def plain_pages(project: Path, docs: Path) -> list[Any]:
    """``docs`` as a plain Material project of the same pages would hold them: every content
    page and every page our engine adds (an assessment's page, a course's pages) as Markdown
    with our markers stripped. Returns the nav our build has (with the added pages)."""
    from handbook.site import Site

    site = Site.from_config(project / "mkdocs.yml")
    site.load()
    nav = site.extend_nav(site.config.nav or [])
    copy_plain(site.content, docs)
    for path, markdown in site.generated_pages().items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(strip_ours(markdown), encoding="utf-8")
    return nav


def plain_config(
    docs: Path, site: Path, extra: str = "", project: Path | None = None, nav: Any = None
) -> str:
    """Our theme settings and Markdown extensions, without our hook, overrides and CSS. With
    ``project``, its glossary is appended to every page as in our build (pymdownx.snippets)
    and ``nav`` is the nav; without, no glossary and Material's own nav (the quiz page)."""
    from handbook.config import read_raw

    ours = read_raw(ROOT / "mkdocs.yml")
    theme = {k: v for k, v in ours["theme"].items() if k not in ("custom_dir", "favicon")}
    extensions = []
    for entry in ours["markdown_extensions"]:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            if project is None:
                continue
            options = {**entry["pymdownx.snippets"], "base_path": [str(project / "includes")]}
            entry = {"pymdownx.snippets": options}
        extensions.append(entry)
    config = {
        "site_name": ours["site_name"],
        "site_url": ours["site_url"],
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": theme,
        "plugins": ours["plugins"],
        "markdown_extensions": extensions,
        "not_in_nav": "/**/*-copy-*.md\n",
        "validation": {"omitted_files": "ignore", "unrecognized_links": "ignore",
                       "anchors": "ignore", "absolute_links": "ignore"},
    }  # fmt: skip
    if nav is not None:
        config["nav"] = nav
    return json.dumps(config, ensure_ascii=False) + "\n" + extra


def build_peers(python: Path, work: Path, site: Path) -> dict[str, Path]:
    """The plain Material site, the mkdocs-quiz site and the bare Pyodide page."""
    import yaml

    docs = work / "plain-docs"
    nav = plain_pages(ROOT, docs)
    config = plain_config(docs, work / "plain", project=ROOT, nav=nav)
    (work / "plain.yml").write_text(config, encoding="utf-8")
    run_build(python, work / "plain.yml", work / "plain")

    spec = yaml.safe_load((ROOT / "assessments" / f"{KNOWLEDGE}.yaml").read_text("utf-8"))
    lines = ["# Kunnskapssjekk", "", "<!-- mkdocs-quiz intro -->", ""]
    for item in spec["items"]:
        lines += ["<quiz>", " ".join(item["text"]["nb"].split())]
        for option in item["options"]:
            mark = "x" if option.get("points") else " "
            lines.append(f"- [{mark}] {option['label']['nb']}")
        explain = LINK.sub(r"\1", " ".join(item.get("explain", {}).get("nb", "").split()))
        lines += ["", explain, "</quiz>", ""]
    lines += ["<!-- mkdocs-quiz results -->", ""]
    quiz_docs = work / "quiz-docs"
    quiz_docs.mkdir()
    (quiz_docs / "index.md").write_text("\n".join(lines), encoding="utf-8")
    config = json.loads(plain_config(quiz_docs, work / "quiz"))
    config["plugins"] = [*config["plugins"], "mkdocs_quiz"]
    (work / "quiz.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    run_build(python, work / "quiz.yml", work / "quiz")

    bare = work / "bare"
    shutil.copytree(site / "assets" / "pyodide", bare / "pyodide")
    (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "bare.js").write_text(BARE_JS, encoding="utf-8")
    (bare / "worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
    return {"plain": work / "plain", "quiz": work / "quiz", "bare": bare}


BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide worker</title>
<script type="module" src="bare.js"></script></head>
<body><p>A module worker loads Pyodide from this site.</p></body></html>
"""
BARE_JS = """const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", () => {
  performance.mark("bare-ready");
  document.documentElement.dataset.ready = "yes";
});
"""
BARE_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
postMessage("ready");
"""


# ------------------------------------------------------------------------------ scale


def make_scale_project(work: Path, pages: int, assessments: int) -> Path:
    """A project of ``pages`` pages (ours, then copies of our chapters) and ``assessments``
    assessments (ours, then copies with new ids), committed to git as a real project is (the
    hook reads each chapter's last-changed date from git)."""
    project = work / "scale"
    project.mkdir()
    for name in ("hooks", "site_overrides", "includes", "references", "courses"):
        shutil.copytree(ROOT / name, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / ".cache").mkdir()
    for cache in ("km-runtime", "km-compressed"):  # as in a project built before
        (ROOT / ".cache" / cache).mkdir(parents=True, exist_ok=True)
        (project / ".cache" / cache).symlink_to(ROOT / ".cache" / cache)
    content = project / "content" / "nb"
    shutil.copytree(ROOT / "content" / "nb", content)
    chapters = sorted(
        p for p in content.rglob("*.md")
        if p.parent.name in ("theory", "practice") and p.name != "index.md"
    )  # fmt: skip
    count = sum(1 for _ in content.rglob("*.md"))
    n = 0
    while count < pages:
        source = chapters[n % len(chapters)]
        copy = source.with_name(f"{source.stem}-copy-{n:04d}.md")
        copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        count += 1
        n += 1
    target = project / "assessments"
    target.mkdir()
    originals = sorted((ROOT / "assessments").glob("*.yaml"))
    for source in originals:
        shutil.copy2(source, target / source.name)
    for n in range(assessments - len(originals)):
        source = originals[n % len(originals)]
        new_id = f"{source.stem}-copy-{n:03d}"
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
        (target / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("strict: true", "strict: false")
    config = config.replace("not_in_nav: |\n", "not_in_nav: |\n  /**/*-copy-*.md\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "scale"]):
        subprocess.run([*git, *args], cwd=project, check=True)
    plain_docs = work / "scale-plain-docs"
    nav = plain_pages(project, plain_docs)
    (work / "scale-plain.yml").write_text(
        plain_config(plain_docs, work / "scale-plain-site", project=project, nav=nav),
        encoding="utf-8",
    )
    return project


def scale(work: Path, runs: int, pages: int, assessments: int) -> dict[str, list[float]]:
    project = make_scale_project(work, pages, assessments)
    out: dict[str, list[float]] = {
        "ours": [],
        "plain": [],
        "hook": [],
        "first": [],
        "first_hook": [],
    }
    # The first build of the new project fills the engine's caches (validated assessments,
    # rendered forms, citations, the service worker); it is reported on its own row. The timed
    # builds that follow are rebuilds, as in a project built before.
    first = run_build(Path(sys.executable), project / "mkdocs.yml", work / "scale-site")
    out["first"].append(first["total"])
    out["first_hook"].append(first["hook"])
    run_build(Path(sys.executable), work / "scale-plain.yml", work / "scale-plain-site")
    for _ in range(runs):
        ours = run_build(Path(sys.executable), project / "mkdocs.yml", work / "scale-site")
        plain = run_build(Path(sys.executable), work / "scale-plain.yml", work / "scale-plain-site")
        out["ours"].append(ours["total"])
        out["hook"].append(ours["hook"])
        out["plain"].append(plain["total"])
    built = sum(1 for _ in (work / "scale-site").rglob("index.html"))
    forms = sum(1 for _ in (work / "scale-site" / "self-assessments").glob("*/index.html"))
    print(f"scale: built {built} pages ({forms} assessment pages)", flush=True)
    return out


# ------------------------------------------------------------------------------ browser

# Installed before any page script: long tasks and long animation frames (with the scripts
# that ran in them), for the whole visit (instant navigation keeps the window).
OBSERVE = """(() => {
  const data = (window.__bench = { tasks: [], frames: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        data.tasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { data.tasksError = String(error); }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        data.frames.push({ start: e.startTime, duration: e.duration,
          scripts: e.scripts.map((s) => ({ url: s.sourceURL, fn: s.sourceFunctionName,
            invoker: s.invoker, duration: s.duration })) });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) { data.framesError = String(error); }
})();"""

# Answer every item (its last option, by a click, as a reader would) and wait two frames, so
# the answers are on screen before anything is timed.
ANSWER = """async (id) => {
  const form = document.querySelector(`form[data-assessment="${id}"]`);
  for (const set of form.querySelectorAll("fieldset[data-km-item]")) {
    const radios = set.querySelectorAll("input[type=radio]");
    radios[radios.length - 1].click();
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 100));
}"""

# Inside each timed function: `timed(act, done)` runs `act()`, then resolves to [ms until
# `done()` holds in the DOM (checked on every DOM change), ms until the frame after that has
# been produced (roughly: on screen)]. (Composed as text here: the pages' Content-Security-
# Policy rightly forbids building functions from strings inside them.)
TIMER = """const timed = (act, done) => new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      const dom = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - t0]), 0));
    });
    const all = { subtree: true, childList: true, attributes: true, characterData: true };
    observer.observe(document.documentElement, all);
    act();
  });"""

SUBMIT = """async (id) => {
  TIMER
  const form = document.querySelector(`form[data-assessment="${id}"]`);
  const out = form.querySelector("[data-km-result]");
  return await timed(() => form.querySelector("button[type=submit]").click(),
                     () => !out.hidden && !!out.dataset.assessmentResult);
}""".replace("TIMER", TIMER)

# A submit of answers the form did not score ahead: one answer changed without a change event
# (as an undo or an import changes them), so the submit asks the worker itself.
SUBMIT_UNSCORED = """async (id) => {
  TIMER
  const form = document.querySelector(`form[data-assessment="${id}"]`);
  const out = form.querySelector("[data-km-result]");
  const set = form.querySelector("fieldset[data-km-item]");
  set.querySelector("input[type=radio]").checked = true;
  await new Promise((r) => setTimeout(r, 100));
  delete out.dataset.assessmentResult;
  return await timed(() => form.querySelector("button[type=submit]").click(),
                     () => !out.hidden && !!out.dataset.assessmentResult);
}""".replace("TIMER", TIMER)

# mkdocs-quiz: choose the right answer of the first question (a radio: the quiz checks it at
# once, as its default auto-submit does); its feedback box fills in.
QUIZ_ANSWER = """async () => {
  TIMER
  const quiz = document.querySelector(".quiz");
  const box = quiz.querySelector(".quiz-feedback");
  return await timed(() => quiz.querySelector("input[data-correct]").click(),
                     () => !box.classList.contains("hidden") && box.textContent.trim() !== "");
}""".replace("TIMER", TIMER)

# From a click on a link to the second assessment (instant navigation swaps the page in) to
# its result: wait for its form to be set up, answer every item, submit, wait for the result.
SECOND_VISIT = """async ([href, id]) => {
  const change = (done) => new Promise((resolve) => {
    if (done()) { resolve(); return; }
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); resolve(); }
    });
    const all = { subtree: true, childList: true, attributes: true, characterData: true };
    observer.observe(document.documentElement, all);
  });
  const link = document.querySelector(`.md-content a[href$="${href}"], .md-nav a[href$="${href}"]`);
  const t0 = performance.now();
  link.click();
  const widget = () => document.querySelector(`form[data-assessment="${id}"]`)
    ?.closest("[data-km-widget]");
  await change(() => widget()?.dataset.kmStarted === "yes");
  const shown = performance.now() - t0;
  const form = widget().querySelector("form[data-assessment]");
  for (const set of form.querySelectorAll("fieldset[data-km-item]")) {
    const radios = set.querySelectorAll("input[type=radio]");
    radios[radios.length - 1].click();
  }
  const out = form.querySelector("[data-km-result]");
  form.querySelector("button[type=submit]").click();
  await change(() => !out.hidden && !!out.dataset.assessmentResult);
  return [shown, performance.now() - t0, location.pathname];
}"""

FACTS = """(mark) => {
  const nav = performance.getEntriesByType("navigation")[0];
  const ready = mark ? performance.getEntriesByName(mark)[0] : null;
  return { dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd,
           ready: ready ? ready.startTime : null, bench: window.__bench };
}"""


@dataclass
class Site:
    root: Path
    base: str


@dataclass
class Load:
    """One cold visit: a fresh browser context, every request recorded."""

    browser: Any
    site: Site
    urls: list[str] = field(default_factory=list)  # requests finished
    asked: list[str] = field(default_factory=list)  # requests started

    def __enter__(self) -> Any:
        # Service workers blocked: a first visit would otherwise install the offline copy
        # (every page of the language) in the background, and its downloads would count here.
        self.context = self.browser.new_context(
            viewport={"width": 1280, "height": 900}, service_workers="block"
        )
        self.context.add_init_script(OBSERVE)
        self.context.on("requestfinished", lambda request: self.urls.append(request.url))
        self.context.on("request", lambda request: self.asked.append(request.url))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()
        if self.errors:
            raise SystemExit(f"JavaScript errors on {self.site.base}: {self.errors}")

    def go(self, path: str) -> None:
        self.page.goto(self.site.base + path, wait_until="load")

    def requested(self, path: str) -> bool:
        """Whether a request for ``path`` has been started."""
        return any(url.split("?")[0].endswith(path) for url in list(self.asked))

    def facts(self, mark: str | None = None) -> dict[str, Any]:
        return self.page.evaluate(FACTS, mark)

    def fetched(self) -> dict[str, int]:
        """Requests so far, their bytes as served (our server sends files as they are) and a
        gzip estimate of each (level 6, as hosts compress); Pyodide's bytes among them."""
        out = {"requests": 0, "bytes": 0, "gzip": 0, "pyodide": 0}
        for url in list(self.urls):
            path = url[len(self.site.base) :].split("?")[0].split("#")[0]
            file = self.site.root / path.lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            out["requests"] += 1
            if not file.is_file():
                continue
            size, packed = sizes(file)
            out["bytes"] += size
            out["gzip"] += packed
            if "/pyodide/" in url:
                out["pyodide"] += size
        return out


_SIZES: dict[Path, tuple[int, int]] = {}


def sizes(file: Path) -> tuple[int, int]:
    if file not in _SIZES:
        data = file.read_bytes()
        _SIZES[file] = (len(data), len(gzip.compress(data, 6)))
    return _SIZES[file]


def longest(tasks: Iterable[dict[str, float]], until: float) -> float:
    """The longest task (only tasks over 50 ms are reported by the browser) before ``until``;
    0 when there was none."""
    return max((t["duration"] for t in tasks if t["start"] <= until), default=0.0)


def ours_in(frames: Iterable[dict[str, Any]]) -> list[str]:
    """Scripts of ours that ran 50 ms or more inside a long animation frame."""
    return [
        f"{s['url'].rsplit('/', 1)[-1]} {s['fn'] or s['invoker']} {s['duration']:.0f} ms"
        for f in frames for s in f["scripts"]
        if "/assets/km/" in (s["url"] or "") and s["duration"] >= 50
    ]  # fmt: skip


def wait_until(page: Any, js: str, timeout: float = 60_000) -> None:
    from conftest import wait_js

    wait_js(page, js, timeout=timeout)


def visit_assessment(browser: Any, ours: Site) -> dict[str, Any]:
    with Load(browser, ours) as load:
        load.go(f"/self-assessments/{ASSESSMENT}/")
        wait_until(load.page, "() => document.documentElement.dataset.kmRuntime === 'ready'")
        facts = load.facts("km-runtime-ready")
        # A reader takes seconds to answer: the form's warm-up call is done before they submit.
        wait_until(load.page, "() => performance.getEntriesByName('km-warm-up').length > 0")
        load.page.evaluate(ANSWER, ASSESSMENT)
        dom, frame = load.page.evaluate(SUBMIT, ASSESSMENT)
        unscored, _ = load.page.evaluate(SUBMIT_UNSCORED, ASSESSMENT)
        fetched = load.fetched()
        shown, second, path = load.page.evaluate(SECOND_VISIT, [f"/{SECOND}/", SECOND])
        if not path.endswith(f"/{SECOND}/"):
            raise SystemExit(f"the link to {SECOND} did not lead there: {path}")
        bench = load.page.evaluate("() => window.__bench")
        return {
            "dcl": facts["dcl"],
            "ready": facts["ready"],
            "task": longest(facts["bench"]["tasks"], facts["ready"]),
            "ours_long": ours_in(bench["frames"]),
            "submit_dom": dom,
            "submit_frame": frame,
            "submit_unscored": unscored,
            "second_shown": shown,
            "second": second,
            **{f"assessment_{k}": v for k, v in fetched.items()},
        }


def visit_page(browser: Any, site: Site, path: str, prefix: str) -> dict[str, Any]:
    """A chapter read without scrolling (load, then a second of idle time); then the reader
    clicks into the search box and types a word, and results must appear."""
    with Load(browser, site) as load:
        load.go(path)
        load.page.wait_for_timeout(1000)
        facts = load.facts()
        fetched = load.fetched()
        early = load.requested(INDEX)
        load.page.click(SEARCH_BOX)
        load.page.keyboard.type(SEARCH_WORD)
        wait_until(load.page, f"() => document.querySelector('{SEARCH_HIT}') !== null", 30_000)
        return {
            f"{prefix}_dcl": facts["dcl"],
            f"{prefix}_task": longest(facts["bench"]["tasks"], facts["load"] + 1000),
            f"{prefix}_index_early": early,
            f"{prefix}_index_used": load.requested(INDEX),
            **{f"{prefix}_{k}": v for k, v in fetched.items()},
        }


def visit_quiz(browser: Any, quiz: Site) -> dict[str, Any]:
    with Load(browser, quiz) as load:
        load.go("/")
        load.page.wait_for_timeout(300)
        dom, frame = load.page.evaluate(QUIZ_ANSWER)
        return {"quiz_dom": dom, "quiz_frame": frame}


def visit_bare(browser: Any, bare: Site) -> dict[str, Any]:
    with Load(browser, bare) as load:
        load.go("/")
        wait_until(load.page, "() => document.documentElement.dataset.ready === 'yes'")
        facts = load.facts("bare-ready")
        return {"bare_ready": facts["ready"], **{f"bare_{k}": v for k, v in load.fetched().items()}}


def measure(sites: dict[str, Site], runs: int) -> list[dict[str, Any]]:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in range(runs):
            row: dict[str, Any] = {}
            row.update(visit_assessment(browser, sites["ours"]))
            row.update(visit_page(browser, sites["plain"], f"/{CHAPTER}/", "plain"))
            row.update(visit_page(browser, sites["ours"], f"/{CHAPTER}/", "chapter"))
            row.update(visit_quiz(browser, sites["quiz"]))
            row.update(visit_bare(browser, sites["bare"]))
            results.append(row)
            print(f"browser run {n + 1}/{runs} done", flush=True)
        browser.close()
    return results


# ------------------------------------------------------------------------------ the table


def med(values: Iterable[float | None]) -> float:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else float("nan")


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def secs(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def mb(value: float) -> str:
    return f"{value / 1e6:.2f} MB"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


@dataclass
class Row:
    what: str
    ours: str
    peer: str = "–"
    ratio: str = "–"
    target: str = "–"
    met: str = "–"


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def have(ok: bool, what: str = "") -> str:
    return ("yes" if ok else "no") + (f" ({what})" if what else "")


def table(
    runs: list[dict[str, Any]],
    builds: dict[str, list[float]],
    scaled: dict[str, list[float]] | None,
    scale_size: tuple[int, int],
    offline: dict[str, tuple[int, int, int]],
) -> list[Row]:
    m = {k: med(r[k] for r in runs) for k in runs[0] if k != "ours_long"}

    def every(key: str) -> bool:
        return all(r[key] for r in runs)

    def none(key: str) -> bool:
        return not any(r[key] for r in runs)

    rows = [
        Row("first submit → result in the DOM (runtime ready; demand-control-support, 14 items; "
            "clicked 100 ms after the last answer, which the form scored ahead)",
            ms(m["submit_dom"]), f"mkdocs-quiz answer → feedback {ms(m['quiz_dom'])}",
            ratio(m["submit_dom"], m["quiz_dom"]), "≤ 1×",
            yes(m["submit_dom"] <= m["quiz_dom"])),
        Row("a submit of answers not scored ahead (one changed without a change event, as an "
            "undo does) → result in the DOM",
            ms(m["submit_unscored"]), f"mkdocs-quiz answer → feedback {ms(m['quiz_dom'])}",
            ratio(m["submit_unscored"], m["quiz_dom"])),
        Row("first submit → result on screen (the frame after it)",
            ms(m["submit_frame"]), f"mkdocs-quiz {ms(m['quiz_frame'])}",
            ratio(m["submit_frame"], m["quiz_frame"])),
        Row("runtime ready after navigation (cold)", secs(m["ready"] / 1000),
            f"bare Pyodide worker {secs(m['bare_ready'] / 1000)}",
            ratio(m["ready"], m["bare_ready"])),
        Row(f"click a link to a second assessment → its result after answering ({SECOND}, "
            f"instant navigation, the worker survives; its form is set up after "
            f"{ms(m['second_shown'])})",
            ms(m["second"]), target="≤ 1 s", met=yes(m["second"] <= 1000)),
        Row("assessment page DOMContentLoaded", ms(m["dcl"]),
            f"plain Material page {ms(m['plain_dcl'])}", ratio(m["dcl"], m["plain_dcl"]),
            "≤ 1.1×", yes(m["dcl"] <= 1.1 * m["plain_dcl"])),
        Row("chapter page DOMContentLoaded (its knowledge check, citations and reference list "
            "are not on the plain page)", ms(m["chapter_dcl"]),
            f"plain Material page {ms(m['plain_dcl'])}",
            ratio(m["chapter_dcl"], m["plain_dcl"])),
        Row("longest main-thread task until ready (assessment page; plain page: until load + 1 s;"
            " only tasks > 50 ms are reported, 0 = none)",
            ms(m["task"]), f"plain Material page {ms(m['plain_task'])}",
            ratio(m["task"], m["plain_task"]) if m["plain_task"] else "–",
            "≤ 1.1× or none",
            yes(m["task"] == 0 or m["task"] <= 1.1 * m["plain_task"])),
    ]  # fmt: skip
    ours_long = sorted({s for r in runs for s in r["ours_long"]})
    rows.append(Row(
        "scripts of ours running ≥ 50 ms in a long animation frame (assessment visit, all runs)",
        "; ".join(ours_long) or "none", target="none", met=yes(not ours_long)))  # fmt: skip
    rows += [
        Row("cold bytes, assessment page until its result: gzip estimate (as served)",
            f"{mb(m['assessment_gzip'])} ({mb(m['assessment_bytes'])}, "
            f"{m['assessment_requests']:.0f} requests)",
            f"bare Pyodide {mb(m['bare_gzip'])} ({mb(m['bare_bytes'])})",
            ratio(m["assessment_gzip"], m["bare_gzip"])),
        Row("chapter page read without scrolling: gzip estimate (as served), requests",
            f"{mb(m['chapter_gzip'])} ({mb(m['chapter_bytes'])}), "
            f"{m['chapter_requests']:.0f} requests",
            f"plain Material page {mb(m['plain_gzip'])} ({mb(m['plain_bytes'])}), "
            f"{m['plain_requests']:.0f} requests",
            ratio(m["chapter_gzip"], m["plain_gzip"])),
        Row("chapter page: Pyodide bytes", f"{max(r['chapter_pyodide'] for r in runs)} B",
            target="0", met=yes(none("chapter_pyodide"))),
        Row("search index requested before search is used (chapter page, load + 1 s)",
            have(not none("chapter_index_early")),
            f"plain Material page: {have(not none('plain_index_early'))}",
            target="no", met=yes(none("chapter_index_early"))),
        Row("first use of search (click the box, type a word): index fetched, results shown",
            have(every("chapter_index_used")), "plain Material page: yes",
            target="yes", met=yes(every("chapter_index_used"))),
    ]  # fmt: skip
    rows.append(Row(
        "offline copy: the service worker's precache, downloaded in the background after a "
        "first visit (service workers are blocked in every row above)",
        "; ".join(f"{lang}: {n} files, {mb(packed)} gzip ({mb(raw)})"
                  for lang, (n, raw, packed) in offline.items()),
        "plain Material page: none"))  # fmt: skip
    total, hook, plain = med(builds["ours"]), med(builds["hook"]), med(builds["plain"])
    nb = med(builds["ours_nb"])
    rows += [
        Row("build, both languages: our hook's share (its events timed by wrapping them)",
            f"{secs(total)}, hook {secs(hook)} = {100 * hook / total:.0f} %",
            target="hook ≤ 10 %", met=yes(hook <= 0.1 * total)),
        Row("build, Norwegian only", secs(nb),
            f"plain Material build of the same pages {secs(plain)}", ratio(nb, plain)),
    ]  # fmt: skip
    if scaled:
        s_ours, s_plain, s_hook = med(scaled["ours"]), med(scaled["plain"]), med(scaled["hook"])
        pages, forms = scale_size
        rows.append(Row(
            f"scale: {pages:,} pages and {forms} assessments, one language "
            f"(hook {secs(s_hook)} = {100 * s_hook / s_ours:.0f} %)",
            secs(s_ours), f"plain Material build of the same pages {secs(s_plain)}",
            ratio(s_ours, s_plain), "≤ 1.3×", yes(s_ours <= 1.3 * s_plain)))  # fmt: skip
        first, first_hook = scaled["first"][0], scaled["first_hook"][0]
        rows.append(Row(
            f"scale: the project's first build, the engine's build caches empty (hook "
            f"{secs(first_hook)} = {100 * first_hook / first:.0f} %; the trimmed runtime kept)",
            secs(first), f"plain Material build of the same pages {secs(s_plain)}",
            ratio(first, s_plain)))  # fmt: skip
    return rows


def precache(site: Path) -> dict[str, tuple[int, int, int]]:
    """Per language build: (files, bytes, gzip estimate) of its service worker's precache."""
    from handbook import offline

    out = {}
    for lang, root in (("nb", site), ("en", site / "en")):
        entries = offline.manifest(root / offline.SW_FILE)
        raw = packed = 0
        for entry in entries:
            size, gz = sizes(root / entry["url"])
            raw += size
            packed += gz
        out[lang] = (len(entries), raw, packed)
    return out


def markdown(rows: list[Row], facts: list[str]) -> str:
    lines = [*facts, "", "| | ours | peer (same run) | ratio | target | met |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    lines += [
        f"| {r.what} | {r.ours} | {r.peer} | {r.ratio} | {r.target} | {r.met} |" for r in rows
    ]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Our build and browser figures against peers built and measured in the "
        "same run (see the module docstring); prints one table, also written to "
        ".cache/bench/last.md.",
    )
    parser.add_argument("--runs", type=int, default=5, help="cold loads per figure (5)")
    parser.add_argument("--build-runs", type=int, default=3, help="builds per figure (3)")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale builds")
    parser.add_argument("--scale-runs", type=int, default=3, help="scale builds of each (3)")
    parser.add_argument("--scale-pages", type=int, default=1000)
    parser.add_argument("--scale-assessments", type=int, default=100)
    parser.add_argument("--profile-build", nargs=2, metavar=("CONFIG", "SITE_DIR"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.profile_build:
        print(json.dumps(profile_build(Path(args.profile_build[0]), Path(args.profile_build[1]))))
        return

    from serve import serve_in_thread

    started = time.perf_counter()
    python = peer_python()
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="km-bench-") as tmp:
        work = Path(tmp)
        builds: dict[str, list[float]] = {"ours": [], "hook": [], "ours_nb": [], "plain": []}
        site = work / "site"
        paths: dict[str, Path] = {}
        for n in range(args.build_runs):
            if site.exists():
                shutil.rmtree(site)
            nb = run_build(Path(sys.executable), ROOT / "mkdocs.yml", site)
            en = run_build(Path(sys.executable), ROOT / "mkdocs.en.yml", site / "en")
            builds["ours"].append(nb["total"] + en["total"])
            builds["hook"].append(nb["hook"] + en["hook"])
            builds["ours_nb"].append(nb["total"])
            if n == 0:
                paths = build_peers(python, work, site)
            plain = run_build(python, work / "plain.yml", work / "plain")
            builds["plain"].append(plain["total"])
            print(f"build run {n + 1}/{args.build_runs} done", flush=True)
        servers = {"ours": serve_in_thread(site)}
        for name, root in paths.items():
            servers[name] = serve_in_thread(root)
        sites = {name: Site(paths.get(name, site), url) for name, (_, url) in servers.items()}
        runs = measure(sites, args.runs)
        offline = precache(site)
        for server, _ in servers.values():
            server.shutdown()
        scaled = None
        if not args.no_scale:
            scaled = scale(work, args.scale_runs, args.scale_pages, args.scale_assessments)
    facts = [
        f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}; {chromium_version()} (headless); "
        f"mkdocs-material {material_version()}, {QUIZ}.",
        f"Browser figures: medians of {args.runs} cold loads each, loopback, no throttling; "
        f"builds: medians of {args.build_runs}"
        + (f"; scale: medians of {args.scale_runs}" if scaled else "; scale: skipped")
        + f". Whole bench: {time.perf_counter() - started:.0f} s.",
    ]
    rows = table(runs, builds, scaled, (args.scale_pages, args.scale_assessments), offline)
    text = markdown(rows, facts)
    (CACHE / "last.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
