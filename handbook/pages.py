"""Expand one page's markers and citations (the page processing every generator calls).

Markers stand alone on a line, outside code blocks:
``[[assessment ID]]`` (the form), ``[[assessment-link ID]]`` (a card), ``[[assessment-how ID]]``
(how the score is computed), ``[[assessment-list reflection|knowledge]]`` (cards for all of one
kind), ``[[my-results]]`` (what this device stores), ``[[deadline-planner]]`` (the sick-leave
deadline planner), ``[[group-results]]`` (the group page's file input and one region per
assessment), ``[[course ID]]`` (a course manifest), ``[[references]]`` (the page's reference
list) and ``[[bibliography]]`` (every work). Citations are pandoc style (``[@key, s. 12]``, see
``handbook.citations``). A page that holds a checklist (a pymdownx.tasklist item, ``- [ ] …``)
is marked, so its page loads the small checklist script.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import citations, cite, deadlines, markdown_text, urls
from .fragments import Render
from .problems import Problem, did_you_mean
from .render import Context

if TYPE_CHECKING:
    from .site import Site

MARKER = re.compile(r"^\[\[(assessment|assessment-link|assessment-how) +([^\]\s]+)\]\]\s*$")
LIST_MARKER = re.compile(r"^\[\[assessment-list +(reflection|knowledge)\]\]\s*$")
MY_RESULTS = re.compile(r"^\[\[my-results\]\]\s*$")
BIBLIOGRAPHY = re.compile(r"^\[\[bibliography\]\]\s*$", re.M)
PLANNER_MARKER = re.compile(r"^\[\[deadline-planner\]\]\s*$")
TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\]\s")
CITED = ("theory", "practice")  # folders whose pages end with "Cite this page"
GROUP_MARKER = re.compile(r"^\[\[group-results\]\]\s*$")
COURSE_MARKER = re.compile(r"^\[\[course +([^\]\s]+)\]\]\s*$")


SLOT = '<div data-km-slot="{}"></div>'
# A placeholder inside a paragraph (a citation): letters and digits only, so no Markdown
# extension changes it and no glossary word matches inside it.
INLINE_SLOT = "KMSLOT{}X"
# One pattern per kind: each starts with a literal, which the regex engine finds fast.
SLOT_KEYS = (re.compile(r'<div data-km-slot="\d+"></div>'), re.compile(r"KMSLOT\d+X"))
RESERVED = ("data-km-slot", "KMSLOT")


@dataclass
class PageResult:
    """A page after processing: its Markdown, its problems, whether it holds a form (a
    feature that runs the engine in the browser) and whether it holds a checklist.

    ``markdown`` holds the engine's HTML fragments (forms, cards, the cite box) in place.
    ``slotted`` is the same Markdown with a one-line placeholder (``SLOT``) where each
    fragment goes, and ``fragments`` maps each placeholder to its HTML: a generator that can
    put HTML into its output (the MkDocs hook) converts ``slotted``, so Markdown does not
    parse the large forms, and then fills the fragments into the page's HTML
    (``Site.finish_html``; the forms, which site search leaves out anyway, only into the final
    page, ``Site.finish_page``, so the search indexer does not parse them either). Both give
    the same page: Markdown passes a raw HTML block through unchanged."""

    file: str = ""  # how messages name the page
    slotted: str = ""
    fragments: dict[str, str] = field(default_factory=dict)  # placeholder → HTML
    citations: dict[str, str] = field(default_factory=dict)  # placeholder → HTML as written
    unindexed: set[str] = field(default_factory=set)  # placeholders of forms (see ``slot``)
    problems: list[Problem] = field(default_factory=list)
    has_form: bool = False
    has_checklist: bool = False
    has_cite: bool = False  # ends with "Cite this page" (its script copies the reference)

    @property
    def markdown(self) -> str:
        """Made when asked (the MkDocs hook never asks): the fragments put into ``slotted``,
        each citation as written."""
        return fill_slots(self.slotted, {**self.fragments, **self.citations})


class PageProcessor:
    """Processes one page of one site."""

    def __init__(self, site: Site, path: str, file: str):
        self.site = site
        self.path = path  # docs-relative source path ("theory/x.md")
        self.file = file  # how messages name the page
        self.result = PageResult(file)
        self.cited = citations.Cited()
        self._links: dict[str, str | None] | None = None  # while ``reused`` records

    def link(self, target: str) -> str | None:
        url = self.site.link(target, self.path)
        if self._links is not None:
            self._links[target] = url
        return url

    def reused(self, kind: str, specs: tuple[str, ...], make: Callable[[], str]) -> str:
        """``make()``, or a render of the same fragment that is valid for this page
        (``handbook.fragments``): the works it cites are added to this page's list."""
        renders = self.site.renders
        done = renders.find(kind, specs, self.path, lambda t: self.site.link(t, self.path))
        if done is not None:
            for cited in done.cited:
                self.cited.add(cited)
            return done.html
        outer, self.cited, self._links = self.cited, citations.Cited(), {}
        problems = len(self.result.problems)
        try:
            html = make()
        finally:
            fresh, links = self.cited, self._links
            self.cited, self._links = outer, None
        for cited in fresh.keys:
            outer.add(cited)
        outer.problems.extend(fresh.problems)
        if not fresh.problems and len(self.result.problems) == problems:
            renders.keep(kind, specs, self.path, Render(links or {}, fresh.keys, html))
        return html

    def slot(self, html: str, unindexed: bool = False, inline: bool = False) -> str:
        """The placeholder for an HTML fragment: one raw HTML block, or block-level elements
        separated by blank lines (Markdown writes them out the same way); with ``inline``,
        inline HTML (Markdown passes it through unchanged). ``unindexed``: the fragment holds
        nothing site search indexes, so it may go in after the index is made."""
        key = (INLINE_SLOT if inline else SLOT).format(len(self.result.fragments))
        self.result.fragments[key] = html
        if unindexed:
            self.result.unindexed.add(key)
        return key

    def citation_slot(self, html: str) -> str:
        """The placeholder of a citation. It goes in after Markdown with the glossary's marks
        that Markdown would have put in its text (``Site.citation_html``); ``markdown`` holds
        it as written, for a generator that converts the page with the citation in place."""
        key = self.slot(self.site.citation_html(html), inline=True)
        self.result.citations[key] = html
        return key

    def author_markdown(self, text: str) -> str:
        """Author Markdown (feedback, explanations) → HTML for this page."""

        def relink(m: re.Match[str]) -> str:
            target = self.link(m.group(1) + (m.group(2) or ""))
            if target is None:
                self.problem(0, 0, f"feedback links to unknown page '{m.group(1)}'", "unknown-link")
                return m.group(0)
            return f"]({target})"

        text = markdown_text.MD_LINK.sub(relink, text)
        text, _ = citations.cite_markdown(
            text, self.site.bib, self.file, self.cited, self.site.lang
        )
        return self.site.author_html(text)

    def context(self, spec_id: str) -> Context:
        spec = self.site.specs[spec_id]
        return Context(
            lang=self.site.lang,
            markdown=self.author_markdown,
            chapter_url=self.link(spec.chapter) if spec.chapter else None,
            chapter_title=self.site.chapter_title(spec),
            link=self.link,
        )

    def problem(self, line: int, col: int, message: str, code: str) -> None:
        self.result.problems.append(Problem(self.file, line, col, message, code))

    def marker(self, number: int, line: str, kind: str, spec_id: str) -> list[str]:
        spec = self.site.specs.get(spec_id)
        if spec is None:
            self.problem(
                number,
                line.index(spec_id) + 1,
                f"unknown assessment '{spec_id}'{did_you_mean(spec_id, self.site.specs)}",
                "unknown-assessment",
            )
            return [line]
        renderer = self.site.renderer

        def make() -> str:
            ctx = self.context(spec_id)
            if kind == "assessment":
                return renderer.widget(spec, ctx)
            if kind == "assessment-how":
                return renderer.how_computed(spec, ctx)
            return renderer.card(spec, ctx, self.link(self.site.assessment_path(spec_id)) or "")

        html = self.reused(kind, (spec_id,), make)
        if kind == "assessment":
            self.result.has_form = True
            if self.path == self.site.assessment_path(spec_id):
                self.site.embedded[spec_id] = html
        # The form holds nothing for site search (data-search-exclude throughout).
        return ["", self.slot(html, unindexed=kind == "assessment"), ""]

    def planner(self, number: int) -> list[str]:
        """The deadline planner, with each toolkit link of the engine resolved for this page."""
        links: dict[str, str] = {}
        targets = {
            m["link"]
            for kind in deadlines.KINDS
            for m in deadlines.milestones(deadlines.EARLIEST, kind)
        }
        for target in sorted(targets):
            url = self.link(target)
            path, _, anchor = target.partition("#")
            source = self.site.source_text(path)
            if url is None or source is None or f"{{#{anchor}}}" not in source:
                self.problem(
                    number, 1, f"the deadline planner links to '{target}', which does not exist",
                    "unknown-link",
                )  # fmt: skip
                continue
            links[target] = url
        self.result.has_form = True
        root = urls.relative_url("./", urls.page_url(self.path))
        return ["", self.slot(self.site.renderer.planner(self.site.lang, links, root)), ""]

    def course(self, number: int, line: str, course_id: str) -> list[str]:
        """A course manifest as a section of this page (``[[course ID]]``)."""
        if course_id not in self.site.courses:
            self.problem(
                number,
                line.index(course_id) + 1,
                f"unknown course '{course_id}'{did_you_mean(course_id, self.site.courses)}",
                "unknown-course",
            )
            return [line]
        return self.site.course_markdown(course_id, "section", self.path).split("\n")

    def my_results(self) -> str:
        """ "My data": a catalogue of every assessment for the script."""
        self.result.has_form = True
        ctx = Context(lang=self.site.lang, markdown=self.author_markdown, link=self.link)
        specs = [*self.site.ordered("reflection"), *self.site.ordered("knowledge")]
        ids = tuple(spec.id for spec in specs)
        return self.reused("my-results", ids, lambda: self.site.renderer.my_results(specs, ctx))

    def group_results(self) -> str:
        """The group page: every assessment, reflection first, each kind in chapter order.
        It runs the engine in the browser, so the page gets the runtime like a form does."""
        self.result.has_form = True
        specs = [*self.site.ordered("reflection"), *self.site.ordered("knowledge")]
        ctx = Context(lang=self.site.lang, markdown=self.author_markdown)
        ids = tuple(spec.id for spec in specs)
        return self.reused("group", ids, lambda: self.site.renderer.group_page(specs, ctx))

    def run(self, markdown: str) -> PageResult:
        out: list[str] = []
        for number, line, in_code in markdown_text.lines(markdown):
            for reserved in RESERVED:
                if reserved in line:
                    message = f"'{reserved}' is reserved for the engine's placeholders"
                    self.problem(number, line.index(reserved) + 1, message, "reserved")
                    line = line.replace(reserved, f"{reserved}-reserved")
            if in_code or not line.startswith("[["):  # every marker starts its line with [[
                if not in_code and TASK_ITEM.match(line):
                    self.result.has_checklist = True
                out.append(line)
                continue
            listing = LIST_MARKER.match(line)
            marker = MARKER.match(line)
            course = COURSE_MARKER.match(line)
            # One chain: a marker line is replaced, never also copied through as text.
            if MY_RESULTS.match(line):
                out.extend(["", self.slot(self.my_results()), ""])
            elif PLANNER_MARKER.match(line):
                out.extend(self.planner(number))
            elif GROUP_MARKER.match(line):
                out.extend(["", self.slot(self.group_results()), ""])
            elif course:
                out.extend(["", *self.course(number, line, course.group(1)), ""])
            elif listing:
                self.result.has_form = True  # the cards show which assessments were taken
                for spec in self.site.ordered(listing.group(1)):
                    out.extend(self.marker(number, line, "assessment-link", spec.id))
            elif marker:
                out.extend(self.marker(number, line, *marker.groups()))
            else:
                out.append(line)
        text, cited = citations.cite_markdown(
            "\n".join(out), self.site.bib, self.file, self.cited, self.site.lang,
            slot=self.citation_slot,
        )  # fmt: skip
        self.result.problems.extend(cited.problems)
        bib, lang = self.site.bib, self.site.lang
        if BIBLIOGRAPHY.search(text):
            every = citations.reference_list(bib.entries, bib, lang)
            text = _replace_outside_fences(
                text, BIBLIOGRAPHY, lambda: self.slot(every) if every else ""
            )
        if citations.REFERENCES_MARKER.search(text):
            listed = citations.reference_list(cited.keys, bib, lang)
            text = _replace_outside_fences(
                text, citations.REFERENCES_MARKER, lambda: self.slot(listed) if listed else ""
            )
        elif cited.keys:
            self.problem(
                1,
                1,
                "the page cites sources but has no [[references]] line for its reference list",
                "no-references",
            )
        self.result.slotted = text + self.cite_box()
        return self.result

    def cite_box(self) -> str:
        """Chapters and toolkits end with their last-changed date and how to cite them."""
        top, _, name = self.path.partition("/")
        source = self.site.content / self.path
        if top not in CITED or name in ("", "index.md") or not source.is_file():
            return ""
        site = self.site
        title = site.page_title(self.path) or name
        url = site.page_url_absolute(self.path)
        changed = site.dates.last_changed(source)
        ref = cite.reference(title, site.config.site_name, url, changed, site.lang)
        guide = self.link("instructors/linking-and-citing.md#citing") or ""
        self.result.has_cite = True
        box = site.renderer.cite_box(
            ref, changed, site.lang, guide, absolute=url.startswith(("http://", "https://"))
        )
        return "\n\n" + self.slot(box) + "\n"


def fill_slots(text: str, fragments: dict[str, str]) -> str:
    """``text`` (Markdown or the HTML made of it) with each placeholder replaced by its
    fragment (one pass; other placeholders stay). Raises ``KeyError`` naming a placeholder
    that is not in the text exactly once."""
    seen: Counter[str] = Counter()

    def put(m: re.Match[str]) -> str:
        key = m.group(0)
        if key not in fragments:
            return key
        seen[key] += 1
        return fragments[key]

    starts = {key[:1] for key in fragments}  # each kind of placeholder starts differently
    for pattern in SLOT_KEYS:
        if pattern.pattern[:1] in starts:
            text = pattern.sub(put, text)
    for key in fragments:
        if seen[key] != 1:
            raise KeyError(key)
    return text


def _replace_outside_fences(
    text: str, pattern: re.Pattern[str], replacement: Callable[[], str]
) -> str:
    return "\n".join(
        replacement() if not in_code and pattern.match(line) else line
        for _, line, in_code in markdown_text.lines(text)
    )


def source_offset(source: str, markdown: str) -> int:
    """How many lines of ``source`` (a page file) come before ``markdown`` (its body, as a
    generator hands it over after removing the front matter)."""
    start = source.find(markdown[:200]) if markdown else 0
    return source.count("\n", 0, start) if start > 0 else 0


def shifted(problems: list[Problem], offset: int) -> list[Problem]:
    return [
        Problem(p.file, p.line + offset if p.line else 0, p.col, p.message, p.code)
        for p in problems
    ]
