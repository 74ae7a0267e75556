"""The build hook: bad assessments and pages fail the build with FILE:LINE:COL, all at once."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

GOOD = (ROOT / "tests" / "fixtures" / "good" / "minimal.yaml").read_text(encoding="utf-8")
PAGE = """---
title: Start
description: A small page for build tests.
---

# Start

Some text that cites a source [@karasek1979].

[[assessment minimal]]

## References {#references}

[[references]]
"""
BIB = """karasek1979:
  type: article-journal
  author:
    - {family: Karasek, given: R. A.}
  issued: {date-parts: [[1979]]}
  title: Job demands
  container-title: ASQ
"""


def small_project(tmp: Path, page: str = PAGE, assessment: str = GOOD) -> Path:
    """A tiny copy of the project: our hook, templates and config, with one page."""
    for name in ("hooks", "site_overrides", "node_modules"):
        (tmp / name).symlink_to(ROOT / name)
    # The hover definitions, not the search synonyms: those name words of the real pages.
    (tmp / "includes").mkdir()
    for abbreviations in (ROOT / "includes").glob("abbreviations.*.md"):
        (tmp / "includes" / abbreviations.name).symlink_to(abbreviations)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nnav:\n  - index.md\n  - Tests:\n" \
        "      - self-assessments/index.md\n"  # fmt: skip
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp / "content" / "nb" / "self-assessments").mkdir(parents=True)
    (tmp / "content" / "nb" / "index.md").write_text(page, encoding="utf-8")
    (tmp / "content" / "nb" / "self-assessments" / "index.md").write_text(
        "---\ntitle: Tests\ndescription: d\n---\n\n# Tests\n", encoding="utf-8"
    )
    (tmp / "assessments").mkdir()
    (tmp / "assessments" / "minimal.yaml").write_text(assessment, encoding="utf-8")
    (tmp / "references").mkdir()
    (tmp / "references" / "refs.yaml").write_text(BIB, encoding="utf-8")
    return tmp


def build_nb(project: Path):
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "out"],
        capture_output=True, text=True, cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


def errors(run) -> list[str]:
    return re.findall(r"^\S+:\d+:\d+: error: .*$", run.stdout + run.stderr, re.M)


def test_small_project_builds_and_writes_runtime(tmp_path: Path) -> None:
    run = build_nb(small_project(tmp_path))
    assert run.returncode == 0, run.stderr
    out = tmp_path / "out"
    spec = json.loads((out / "assets/km/specs/minimal.json").read_text(encoding="utf-8"))
    assert spec["id"] == "minimal" and spec["version"] == 1
    assert (out / "assets/km/scoring.py").read_text() == (
        ROOT / "handbook" / "scoring.py"
    ).read_text()
    assert (out / "assets/pyodide/pyodide.asm.wasm").stat().st_size > 1_000_000
    assert (out / "self-assessments/minimal/index.html").is_file()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-assessment="minimal"' in html and 'id="ref-karasek1979"' in html
    assert "assets/km/widget.js" in html


def test_bad_assessment_fails_the_build_with_every_problem(tmp_path: Path) -> None:
    bad = GOOD.replace("scale: yesno, dimension: x}", "scale: yesno, dimension: y}", 1)
    bad = bad.replace("method: sum", "method: total")
    run = build_nb(small_project(tmp_path, assessment=bad))
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert errors(run) == [
        "assessments/minimal.yaml:11:78: error: unknown dimension 'y' in item 'a'",
        "assessments/minimal.yaml:16:13: error: method of dimension 'x' must be 'mean' or 'sum', "
        "got 'total'",
    ]


def test_bad_page_markers_and_citations_fail_with_page_positions(tmp_path: Path) -> None:
    page = PAGE.replace("[@karasek1979]", "[@karasek1997]").replace(
        "[[assessment minimal]]", "[[assessment minimall]]"
    )
    run = build_nb(small_project(tmp_path, page=page))
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert errors(run) == [
        "content/nb/index.md:8:31: error: unknown citation key 'karasek1997' "
        "(did you mean 'karasek1979'?)",
        "content/nb/index.md:10:14: error: unknown assessment 'minimall' (did you mean 'minimal'?)",
    ]


def test_missing_pyodide_runtime_is_a_clear_error(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    (project / "node_modules").unlink()
    (project / "node_modules" / "pyodide").mkdir(parents=True)
    run = build_nb(project)
    assert run.returncode != 0
    assert "Pyodide runtime files missing" in run.stdout + run.stderr
    assert "run: npm ci" in run.stdout + run.stderr


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_full_site_builds_strictly_in_both_languages(site_dir: Path, lang: str) -> None:
    root = site_dir / ("en" if lang == "en" else "")
    assert (root / "index.html").is_file()
    assert (root / "search" / "search_index.json").is_file()
    html = (root / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_assessment_pages_have_their_front_matter_read(site_dir: Path) -> None:
    """The generated page's front matter is read as such: its description reaches the head
    and nothing of it shows in the page."""
    html = (site_dir / "self-assessments" / "jdr-balance" / "index.html").read_text("utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "km_assessment" not in article and "<hr" not in article.split("<h1")[0]
    assert '<meta name="description" content="Denne egenvurderingen ser' in html


def test_every_assessment_has_its_own_page_in_both_languages(site_dir: Path) -> None:
    ids = sorted(p.stem for p in (ROOT / "assessments").glob("*.yaml"))
    for lang_root in (site_dir, site_dir / "en"):
        for spec_id in ids:
            page = lang_root / "self-assessments" / spec_id / "index.html"
            html = page.read_text(encoding="utf-8")
            assert f'data-assessment="{spec_id}"' in html
            assert 'id="how-computed"' in html


def test_built_site_references_no_other_origin(site_dir: Path) -> None:
    """Static check to back the browser test: no src/href to another host in any page."""
    offenders = []
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            offenders.append((str(page.relative_to(site_dir)), url))
    # Links the reader clicks (citations' DOIs, law texts) are fine; nothing may be *loaded*.
    loaded = [
        (page, url) for page, url in offenders
        if re.search(r"\.(js|mjs|css|woff2?|png|jpe?g|svg|gif)(\?|$)", url)
    ]  # fmt: skip
    assert loaded == []
    shutil.rmtree(site_dir / "nonexistent", ignore_errors=True)


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    """Crawl every built page: relative links must reach a file, fragments an element id."""
    from urllib.parse import unquote, urljoin, urlsplit

    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
        return ids[page]

    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        if page.name == "404.html":
            continue
        url = "/" + str(page.relative_to(site_dir))
        html = page.read_text(encoding="utf-8")
        # Links inside <template> and <script> are checked too: they become live after scoring.
        for href in re.findall(r'\bhref="([^"]*)"', html):
            if re.match(r"^(https?:|mailto:|tel:|data:|javascript:)", href) or href == "":
                continue
            parts = urlsplit(urljoin(url, href))
            target = site_dir / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{url}: {href}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in (ids_of(target))
            ):
                broken.append(f"{url}: {href} (no such anchor)")
    assert broken == []


def test_no_page_shows_a_python_value_or_an_unfilled_template(site_dir: Path) -> None:
    """A template that reads `strings.clear` from a dict gets the dict's method, and a missing
    value renders empty: neither shows up as an error, only as odd words on the page."""
    leaks = re.compile(
        r"<built-in method|<bound method|object at 0x[0-9a-f]+|\bUndefined\b|\{%|%\}|\{\{ *\w"
        r"|\[\[[a-z-]+(?: [^\]]*)?\]\]"  # a page marker left as text: [[my-results]]
    )
    found = []
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<(script|code|pre)\b.*?</\1>", "", text, flags=re.S)
        text = html.unescape(text)
        found += [f"{page.relative_to(site_dir)}: {m.group(0)}" for m in leaks.finditer(text)]
    assert found == []
