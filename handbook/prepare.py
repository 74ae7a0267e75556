"""A generator-neutral source tree: every page with its markers expanded, plus what a site needs.

``python -m handbook prepare --out DIR --lang nb|en`` writes, for one language:

* ``DIR/docs/`` — every page of the content folder after ``Site.process_page`` (the very
  function the MkDocs hook calls page by page, so both paths give the same HTML for a page's
  content), each assessment's own page (``Site.generated_pages``), every other content file
  (diagrams) as it is, and the assets (``handbook.compile`` with ``SITE_LAYOUT``: specs, browser
  modules, schema, the trimmed runtime when this build owns it) plus the theme's own assets
  (``site_overrides/assets/km``: the widget's ES modules and CSS);
* ``DIR/generated.yml`` — the settings the engine computes, in the ``mkdocs.yml`` format:
  the nav with the assessment pages added (``Site.extend_nav``) and ``extra.km`` (the runtime's
  size and the browser modules, as the hook sets them). A generator's own configuration
  inherits it (``zensical.yml``: ``INHERIT: build/zensical/nb/generated.yml``).

Links the engine writes into HTML name source files (``../theory/x.md#a``, see ``Site``), as
Markdown links do: Zensical resolves and checks both. A page that holds a form gets
``km_has_form: true`` in its front matter, so a theme can load the widget only there
(``page.meta.km_has_form``, as the hook sets it). A generator needs no hook and no plugin to
build the result. Problems are collected from every page and raised together, each
``FILE:LINE:COL``; nothing is written then.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from .compile import SITE_LAYOUT, compile_sites
from .problems import HandbookError, Problem
from .site import Site

DOCS = "docs"
GENERATED = "generated.yml"
# Front matter as MkDocs reads it (mkdocs.utils.meta): "---" line, YAML, "---" or "..." line.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
HAS_FORM = "km_has_form: true\n"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block including its fences, body) — ("", text) when there is none."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(0), text[match.end() :]


def with_form_flag(front: str) -> str:
    """The front matter with ``km_has_form: true`` added (a new block when there was none)."""
    if not front:
        return f"---\n{HAS_FORM}---\n\n"
    head, _, _ = front.rstrip("\n").rpartition("\n")
    closing = front[len(head) + 1 :]
    return f"{head}\n{HAS_FORM}{closing}"


def prepared_page(site: Site, path: str, text: str, problems: list[Problem]) -> str:
    """One page's source text as a plain Markdown generator should see it."""
    front, body = split_front_matter(text)
    result = site.process_page(path, body)
    problems.extend(result.problems)
    if result.has_form:
        front = with_form_flag(front)
    return front + result.markdown


def generated_settings(site: Site, nav: list[object]) -> str:
    header = (
        "# Written by `python -m handbook prepare`: do not edit.\n"
        f"# The nav of {site.config.file.name} with the assessment pages added, and the\n"
        "# engine's settings for the pages' scripts (extra.km).\n"
    )
    km = {
        "owns_runtime": site.config.owns_runtime,
        "runtime_root": site.config.runtime_root,
        **site.browser_settings(),
    }
    data = {"nav": nav, "extra": {"km": km}}
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def theme_assets(site: Site) -> Path | None:
    """The theme's own assets folder (the widget's modules and CSS), when there is one."""
    if site.config.theme_dir is None:
        return None
    folder = site.config.theme_dir / SITE_LAYOUT.assets
    return folder if folder.is_dir() else None


def prepare_site(site: Site, out: Path) -> list[Path]:
    """Write the prepared tree of one loaded site into ``out``; raise HandbookError listing
    every problem of every page (and write nothing) when there are any."""
    out = Path(out)
    docs = out / DOCS
    site.source_links = True  # links in the engine's HTML name source files (see Site)
    nav = site.extend_nav(site.config.nav)  # first: assessment lists follow the nav's order
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    copies: list[tuple[Path, str]] = []
    for source in sorted(site.content.rglob("*")):
        rel = source.relative_to(site.content).as_posix()
        if source.is_dir() or any(part.startswith(".") for part in Path(rel).parts):
            continue
        if source.suffix == ".md":
            pages[rel] = prepared_page(site, rel, source.read_text(encoding="utf-8"), problems)
        else:
            copies.append((source, rel))
    for rel, markdown in site.generated_pages().items():
        pages[rel] = prepared_page(site, rel, markdown, problems)
    if problems:
        raise HandbookError(problems)

    if docs.exists():
        shutil.rmtree(docs)
    written: list[Path] = []
    for rel, text in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    for source, rel in copies:
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    assets = theme_assets(site)
    if assets is not None:
        shutil.copytree(assets, docs / SITE_LAYOUT.assets, dirs_exist_ok=True)
        written += [p for p in (docs / SITE_LAYOUT.assets).rglob("*") if p.is_file()]
    runtime = site.pyodide if site.config.owns_runtime else None
    written += compile_sites([site], docs, SITE_LAYOUT, runtime)
    settings = out / GENERATED
    settings.write_text(generated_settings(site, nav), encoding="utf-8")
    return [*written, settings]
