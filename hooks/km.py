"""MkDocs adapter for the handbook engine (thin: every decision lives in ``handbook.site``).

Events: load and validate everything on config (one error listing every problem), add each
assessment's own page, expand markers and citations in pages (problems from all pages are
reported together), and write specs, scoring module and Pyodide runtime after the build.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from handbook.problems import HandbookError, Problem
from handbook.site import (
    ASSESSMENT_DIR,
    Site,
    decorative_task_checkboxes,
    write_assets,
    zoomable_diagrams,
)
from handbook.ui_strings import strings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.km")
_state: dict[str, Any] = {}
_timing: dict[str, float] = {}


def _timed(function: Any) -> Any:
    """Add up the time each event takes (``make bench`` reports the hook's share)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _timing[function.__name__] = _timing.get(function.__name__, 0.0) + (
                time.perf_counter() - start
            )

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


@_timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = _root(config)
    site = Site(
        root, config.theme["language"], Path(config.theme.custom_dir), Path(config.docs_dir)
    )
    try:
        site.load()
    except HandbookError as exc:
        raise PluginError("\n" + str(exc)) from None
    _state.update(site=site, problems=[], root=root)
    site.chapter_order = _nav_paths(config.nav)
    _add_to_nav(config.nav, site)
    return config


def _nav_paths(nav: Any) -> list[str]:
    """Page paths in nav order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for entry in nav for p in _nav_paths(entry)]
    return []


def _add_to_nav(nav: list[Any] | None, site: Site) -> None:
    """Append each assessment's page to the nav section that holds self-assessments/index.md."""
    for entry in nav or []:
        if not isinstance(entry, dict):
            continue
        for children in entry.values():
            if isinstance(children, list) and f"{ASSESSMENT_DIR}/index.md" in children:
                # Reflection assessments in chapter order, then the knowledge checks as a group.
                children.extend(
                    {s.title.get(site.lang): site.assessment_path(s.id)}
                    for s in site.ordered("reflection")
                )
                quizzes = [
                    {s.title.get(site.lang): site.assessment_path(s.id)}
                    for s in site.ordered("knowledge")
                ]
                if quizzes:
                    children.append({strings(site.lang)["knowledge_checks"]: quizzes})
            elif isinstance(children, list):
                _add_to_nav(children, site)


@_timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site: Site = _state["site"]
    for spec_id in site.specs:
        files.append(
            File.generated(
                config, site.assessment_path(spec_id), content=site.assessment_page(spec_id)
            )
        )
    return files


def _display(page: Page, root: Path, markdown: str) -> tuple[str, int]:
    """The page's path for messages, and how many source lines precede ``markdown``."""
    if page.file.abs_src_path is None:
        stem = Path(page.file.src_uri).stem
        return f"assessments/{stem}.yaml (its page)", 0
    path = Path(page.file.abs_src_path)
    source = path.read_text(encoding="utf-8")
    start = source.find(markdown[:200]) if markdown else 0
    offset = source.count("\n", 0, start) if start > 0 else 0
    try:
        return str(path.relative_to(root)), offset
    except ValueError:
        return str(path), offset


@_timed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site: Site = _state["site"]
    file, offset = _display(page, _state["root"], markdown)

    def link(target: str) -> str | None:
        path, _, anchor = target.partition("#")
        found = files.get_file_from_path(path)
        if found is None:
            return None
        url = get_relative_url(found.url, page.url)
        return f"{url}#{anchor}" if anchor else url

    result = site.process_page(markdown, file, link)
    _state["problems"].extend(
        Problem(p.file, p.line + offset if p.line else 0, p.col, p.message, p.code)
        for p in result.problems)  # fmt: skip
    page.meta["km_has_form"] = result.has_form
    abbreviations = _state["root"] / "includes" / f"abbreviations.{site.lang}.md"
    if abbreviations.is_file():
        return result.markdown + "\n\n" + abbreviations.read_text(encoding="utf-8")
    return result.markdown


@_timed
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return zoomable_diagrams(decorative_task_checkboxes(html))


@_timed
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    problems = _state.get("problems", [])
    if problems:
        raise PluginError("\n" + "\n".join(str(p) for p in sorted(problems)))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    start = time.perf_counter()
    site: Site = _state["site"]
    km = config.extra.get("km", {})
    runtime = _state["root"] / "node_modules" / "pyodide" if km.get("owns_runtime") else None
    try:
        write_assets(Path(config.site_dir), site.specs, runtime)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    if os.environ.get("KM_TIMING"):  # `make bench`: seconds spent in this hook, per build
        spent = sum(_timing.values()) + time.perf_counter() - start
        with open(os.environ["KM_TIMING"], "a", encoding="utf-8") as out:
            out.write(f"{config.theme['language']} {spent:.6f}\n")
    _timing.clear()
