"""Course manifests as Markdown: the course's section on the course-modules page, its own page
and its one-page handout (templates ``km/course.md.html`` and ``km/course-handout.md.html``).

A course's Markdown reads the course, the build's settings and templates, and three things of
the site, each through one lookup: a page's title, a heading's text and an assessment's title,
length and page. It is kept between builds (``handbook.buildcache``) with those lookups'
answers, and used again while each answer is the same.
"""

from __future__ import annotations

import posixpath
import re
from functools import partial
from typing import TYPE_CHECKING, Any

from . import urls
from .buildcache import Recorder, key
from .markdown_text import MD_LINK, escape_inline
from .ui_strings import course_strings

if TYPE_CHECKING:
    from .site import Site


def heading_text(site: Site, path: str, anchor: str) -> str | None:
    source = site.source_text(path)
    if source is None:
        return None
    pattern = rf"^#{{2,6}}\s+(.+?)\s*\{{\s*#{re.escape(anchor)}[^}}]*\}}\s*$"
    match = re.search(pattern, source, re.M)
    return match.group(1).strip() if match else None


def lookup(site: Site, question: tuple[str, ...]) -> Any:
    """What a course's Markdown reads of the site: ("title", path), ("heading", path, anchor)
    or ("spec", id) → (title, minutes, the assessment's page)."""
    if question[0] == "title":
        return site.page_title(question[1])
    if question[0] == "heading":
        return heading_text(site, question[1], question[2])
    spec = site.specs[question[1]]
    return spec.title.get(site.lang), spec.minutes, site.assessment_path(spec.id)


def course_markdown(site: Site, course_id: str, top: str, page_path: str) -> str:
    """A course as Markdown: ``top`` is "section" (on the course-modules page), "page" (its
    own page) or "handout" (the one-page handout); links are relative to ``page_path``."""
    store = site.renders.store
    course = site.courses[course_id]
    name = key("course", site.renders.site_digest(), repr(course), top, page_path, site.lang)
    kept = store.get(name, partial(lookup, site))
    if isinstance(kept, str):
        return kept
    ask = Recorder(partial(lookup, site))
    markdown = _course_markdown(site, course_id, top, page_path, ask)
    store.put(name, ask.asked, markdown)
    return markdown


def _course_markdown(
    site: Site, course_id: str, top: str, page_path: str, ask: Recorder[Any, Any]
) -> str:
    course = site.courses[course_id]
    lang = site.lang
    ui = course_strings(lang)

    def link(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(page_path) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def md(text: str) -> str:
        return MD_LINK.sub(lambda m: f"]({link(m.group(1) + (m.group(2) or ''))})", text)

    def md_inline(text: str) -> str:
        return " ".join(md(text).split())

    def readings(targets: list[str]) -> list[str]:
        out = []
        for target in targets:
            path, _, anchor = target.partition("#")
            title = ask(("title", path)) or path
            heading = ask(("heading", path, anchor)) if anchor else None
            text = f"{title}: {heading}" if heading else title
            out.append(f"[{escape_inline(text)}]({link(target)})")
        return out

    def assessment_links(ids: list[str], minutes: bool) -> list[str]:
        out = []
        for spec_id in ids:
            title, length, path = ask(("spec", spec_id))
            entry = f"[{escape_inline(title)}]({link(path)})"
            if minutes and length:
                entry += f" ({length} min)"
            out.append(entry)
        return out

    def absolute(target: str) -> str | None:
        base = site.config.build_url
        if not base:
            return None
        path, _, anchor = target.partition("#")
        url = base + urls.page_url(path).removeprefix("./")
        return f"{url}#{anchor}" if anchor else url

    def join(parts: list[str]) -> str:
        word = " and " if lang == "en" else " og "
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]

    template = "km/course-handout.md.html" if top == "handout" else "km/course.md.html"
    return site.renderer.markdown_page(
        template,
        course=course,
        top=top,
        h="##" if top == "page" else "###",
        prefix="" if top == "page" else f"module-{course.module}-",
        ui=ui,
        t=lambda text: text.get(lang),
        fmt=lambda template, **kw: template.format(**kw),
        md=md,
        md_inline=md_inline,
        link=link,
        readings=readings,
        assessment_links=assessment_links,
        absolute=absolute,
        join=join,
    )
