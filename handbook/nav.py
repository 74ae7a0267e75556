"""The site's navigation: the nav of ``mkdocs.yml`` (plain data) with the pages the engine
adds, each assessment's page and the course pages."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .ui_strings import course_strings, strings

if TYPE_CHECKING:
    from .model import Spec
    from .site import Site

ASSESSMENT_DIR = "self-assessments"
COURSE_LIST_PAGE = "instructors/course-modules.md"


def assessment_entries(site: Site) -> list[Any]:
    def entry(spec: Spec) -> dict[str, str]:
        return {html.escape(spec.title.get(site.lang), quote=False): site.assessment_path(spec.id)}

    entries: list[Any] = [entry(s) for s in site.ordered("reflection")]
    quizzes = [entry(s) for s in site.ordered("knowledge")]
    if quizzes:
        entries.append({strings(site.lang)["knowledge_checks"]: quizzes})
    return entries


def paths(nav: Any) -> list[str]:
    """Page paths in nav order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in paths(value)]
    if isinstance(nav, list):
        return [p for entry in nav for p in paths(entry)]
    return []


def with_courses(nav: list[Any], site: Site) -> list[Any]:
    """The course pages, as a group right after the course-modules page."""
    if not site.courses:
        return nav
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {
                k: with_courses(v, site) if isinstance(v, list) else v for k, v in entry.items()
            }
        out.append(entry)
        if entry == COURSE_LIST_PAGE:
            pages = [
                {html.escape(c.title.get(site.lang), quote=False): site.course_path(c.id)}
                for c in sorted(site.courses.values(), key=lambda c: c.module)
            ]
            out.append({course_strings(site.lang)["courses"]: pages})
    return out


def with_assessments(nav: list[Any], site: Site) -> list[Any]:
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {
                title: (
                    [*children, *assessment_entries(site)]
                    if isinstance(children, list) and f"{ASSESSMENT_DIR}/index.md" in children
                    else with_assessments(children, site)
                    if isinstance(children, list)
                    else children
                )
                for title, children in entry.items()
            }
        out.append(entry)
    return out
