"""MkDocs adapter for the handbook engine: each event is one call into ``handbook.site``.

The engine validates, renders, finishes page HTML and compiles; this file only moves data
between MkDocs and it. Every problem from every page is reported together, as
``FILE:LINE:COL: error: MESSAGE``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from handbook import csp, offline
from handbook.compile import SITE_LAYOUT, compile_sites
from handbook.problems import HandbookError, Problem
from handbook.site import Site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = Site.from_config(config.config_file_path)
    try:
        site.load()
    except HandbookError as exc:
        raise PluginError("\n" + str(exc)) from None
    policy = csp.build_policy(site.root, str(config.config_file_path))
    _state.update(site=site, problems=[], written=[], results={}, policy=policy)
    config.nav = site.extend_nav(config.nav or [])
    # site_url is set once, in mkdocs.yml; each language's build lives at its own path below it.
    if site.config.build_url:
        config.site_url = site.config.build_url
    config.extra.setdefault("km", {})["alternates"] = site.alternates()
    try:
        config.extra.setdefault("km", {}).update(site.browser_settings())
    except HandbookError as exc:
        raise PluginError("\n" + str(exc)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, markdown in _state["site"].generated_pages().items():
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    result = _state["site"].process_page(page.file.src_uri, markdown)
    problems: list[Problem] = _state["problems"]
    problems.extend(result.problems)
    page.meta["km_has_form"] = result.has_form
    page.meta["km_has_checklist"] = result.has_checklist
    page.meta["km_cite"] = result.has_cite
    _state["results"][page.file.src_uri] = result
    return result.slotted  # the forms go in after Markdown (Site.finish_html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    result = _state["results"].get(page.file.src_uri)
    try:  # the forms go in after the search plugin has read the page (on_post_page)
        return _state["site"].finish_html(html, result, late=True)
    except HandbookError as exc:
        raise PluginError("\n" + str(exc)) from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    path = Path(page.file.abs_dest_path)
    _state["written"].append(path)
    result = _state["results"].pop(page.file.src_uri, None)
    try:
        final = output if result is None else _state["site"].finish_page(output, result)
    except HandbookError as exc:
        raise PluginError("\n" + str(exc)) from None
    return _state["policy"].page(final, path)  # the policy last: the page is final


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    path = Path(config.site_dir) / template_name
    _state["written"].append(path)
    return _state["policy"].page(output, path) if path.suffix == ".html" else output


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if _state.get("problems"):
        raise PluginError("\n" + "\n".join(str(p) for p in sorted(_state["problems"])))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    site: Site = _state["site"]
    runtime = site.pyodide if site.config.owns_runtime else None
    try:
        compile_sites([site], Path(config.site_dir), SITE_LAYOUT, runtime)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    _state["policy"].finish(_state["written"])
    # After the policy: the pages are final, so the precache revisions are theirs.
    try:
        offline.finish_build(site, Path(config.site_dir))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
