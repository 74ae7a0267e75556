"""One language's site: what the engine knows of it, and every step a generator calls.

* ``Site.load`` validates every assessment and the bibliography (all problems at once).
* ``Site.extend_nav`` adds each assessment's page to a nav given as plain data.
* ``Site.generated_pages`` gives the Markdown of each assessment's own page.
* ``Site.process_page`` expands a page's markers and citations (``handbook.pages``); its
  ``slotted`` Markdown leaves the engine's HTML fragments out, as one-line placeholders.
* ``Site.finish_html`` finishes a page's body HTML (``handbook.page_html``) and fills the
  fragments in; ``Site.finish_page`` fills those left for the final page (the forms).
* ``handbook.compile`` writes the specs, the scoring module and the runtime.

Pages use directory URLs (``theory/x.md`` → ``theory/x/``). MkDocs reaches this through the
thin adapter in ``hooks/``; the compile command and other generators call the same methods.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import markdown as md_lib

from . import abbreviations, citations, cite, course_pages, page_html, runtime, search, urls
from . import nav as nav_
from .buildcache import Store
from .config import SiteConfig, read_config
from .course_store import kept_loader
from .courses import COURSE_DIR, Course, Pages, course_files, load_courses
from .fragments import FOLDER, Render, Renders
from .markdown_text import MD_LINK, link_checker
from .model import Spec, assessment_files, load_all
from .nav import ASSESSMENT_DIR
from .pages import PageProcessor, PageResult, fill_slots, shifted, source_offset
from .problems import HandbookError, Problem
from .render import Context, Renderer
from .ui_strings import checklist_strings, offline_strings

COURSE_PAGES = "instructors/courses"  # each course: <id>/index.md and <id>/handout.md


class Site:
    def __init__(self, config: SiteConfig, source_links: bool = False):
        self.config = config
        # How links the engine writes into a page's HTML (cards, chapter links, feedback) are
        # written. MkDocs leaves raw HTML alone, so by default they are URLs relative to the
        # page's URL ("../../theory/x/#a"). Zensical resolves every link of a page, raw HTML too,
        # against the page's source file (and reports broken ones), so a prepared source tree
        # (handbook.prepare) links source files instead ("../theory/x.md#a", "#a" on the page
        # itself); both end up as the same URL in the built page.
        self.source_links = source_links
        self.root = config.root
        self.lang = config.lang
        self.content = config.content
        self.renderer = Renderer(config.theme_dir, config.root / ".cache" / "km-jinja")
        self.specs: dict[str, Spec] = {}
        self.spec_digests: dict[str, str] = {}  # spec id → a digest of its file (and engine)
        self.courses: dict[str, Course] = {}
        self.chapter_order: list[str] = []  # page paths in reading order (the site's nav)
        self.bib = citations.Bibliography({})
        self.synonyms: list[search.Synonym] = []
        self.embedded: dict[str, str] = {}  # spec id → the form its own page embedded
        self.renders = Renders(self, self.root / FOLDER)  # fragments rendered before
        # The pages' last-changed dates, from git once (kept for builds at the same commit).
        self.dates = cite.Dates(config.root, Store(config.root / ".cache" / "km-dates"))
        self._author_html: dict[str, str] = {}
        self.citations_marked: dict[str, str] = {}  # a citation's HTML → with the glossary's marks
        self._titles: dict[str, str | None] = {}
        self._sources: dict[str, str | None] = {}
        self._files: dict[str, bool] = {}  # content page → it exists (this build)
        self._links: dict[tuple[str, str], str | None] = {}  # (target, from page) → link
        self._finished_html: dict[str, str] = {}
        configs, self._glossary = abbreviations.split_glossary(config.extension_configs)
        self._md = md_lib.Markdown(extensions=config.extensions, extension_configs=configs)

    @classmethod
    def from_config(cls, path: str | Path, source_links: bool = False) -> Site:
        return cls(read_config(path), source_links)

    @property
    def pyodide(self) -> Path:
        """The npm package folder of the Pyodide runtime."""
        return self.root / "node_modules" / "pyodide"

    def runtime_bytes(self) -> int:
        """What a reader downloads to start the scoring runtime (for progress on the page)."""
        return runtime.runtime_bytes(self.pyodide, self.root / ".cache" / "km-runtime")

    def browser_settings(self) -> dict[str, Any]:
        """What the pages' scripts need to know of the engine: the runtime's size (for real
        progress), the browser modules with their files, and the texts of the checklist script
        and of the offline/update status line."""
        from .compile import BROWSER_MODULES

        modules = {name: list(files) for name, files in BROWSER_MODULES.items()}
        return {
            "runtime_bytes": self.runtime_bytes(),
            "modules": modules,
            "checklist_strings": checklist_strings(self.lang),
            "offline_strings": offline_strings(self.lang),
        }

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """Validate assessments and bibliography; raise HandbookError listing every problem."""
        problems: list[Problem] = []
        files = assessment_files([self.root / "assessments"])
        kept = Store(self.root / ".cache" / "km-specs")
        specs, found = load_all(files, link_checker(self.content), kept, self.spec_digests)
        problems.extend(self._relative(found))
        self.specs = {s.id: s for s in specs}
        try:
            self.bib = citations.load_bibliography(
                sorted((self.root / "references").glob("*.yaml")),
                self.root / ".cache" / "km-csl",
                Store(self.root / ".cache" / "km-bibliography"),
            )
        except HandbookError as exc:
            problems.extend(self._relative(exc.problems))
        try:
            self.synonyms = search.load_synonyms(
                self.synonyms_file, self.display_path(self.synonyms_file)
            )
        except HandbookError as exc:
            problems.extend(exc.problems)
        courses, found = self.load_courses()
        problems.extend(found)
        self.courses = {c.id: c for c in courses}
        if problems:
            raise HandbookError(problems)
        self.renders.restore_citations()

    def save(self) -> None:
        """Keep what this build made that the next one can use (citations, renders)."""
        self.bib.save()
        self.renders.save()

    @property
    def synonyms_file(self) -> Path:
        """The words readers type for the handbook's words (``handbook.search``)."""
        return search.synonyms_file(self.root, self.lang)

    def content_folders(self) -> list[Path]:
        """The content folder of every language (same paths in each), for cross-checks."""
        siblings = [self.content.parent / lang for lang in ("nb", "en")]
        found = [f for f in siblings if f.is_dir()]
        return found if self.content in found else [self.content]

    def load_courses(self) -> tuple[list[Course], list[Problem]]:
        """Validate every course manifest against the pages (in every language) and specs."""
        pages = Pages(self.content_folders(), self.generated_exists)
        files = course_files([self.root / COURSE_DIR]) if (self.root / COURSE_DIR).is_dir() else []
        kept = kept_loader(Store(self.root / ".cache" / "km-courses"))
        courses, found = load_courses(files, pages, self.specs, self.display_path, kept)
        return courses, self._relative(found)

    def display_path(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def _relative(self, problems: list[Problem]) -> list[Problem]:
        return [
            Problem(self.display_path(Path(p.file)), p.line, p.col, p.message, p.code)
            for p in problems
        ]

    def ordered(self, kind: str) -> list[Spec]:
        """Specs of one kind, in the order of their chapters in ``chapter_order``, then by id."""
        rank = {path: n for n, path in enumerate(self.chapter_order)}
        specs = [s for s in self.specs.values() if s.kind == kind]
        return sorted(specs, key=lambda s: (rank.get(s.chapter or "", len(rank)), s.id))

    # ------------------------------------------------------------------ navigation

    def extend_nav(self, nav: list[Any]) -> list[Any]:
        """The nav (plain data as in ``mkdocs.yml``) with every assessment's page added to the
        section holding ``self-assessments/index.md``: reflection assessments in chapter order,
        then the knowledge checks as a group. Titles are escaped: they are text."""
        self.chapter_order = nav_.paths(nav)
        return nav_.with_courses(nav_.with_assessments(nav, self), self)

    # ------------------------------------------------------------------ pages

    def assessment_path(self, spec_id: str) -> str:
        return f"{ASSESSMENT_DIR}/{spec_id}.md"

    def course_path(self, course_id: str, handout: bool = False) -> str:
        return f"{COURSE_PAGES}/{course_id}/{'handout' if handout else 'index'}.md"

    def generated_exists(self, path: str) -> bool:
        """A page the engine generates: an assessment's page or a course's page or handout."""
        if (
            path.startswith(ASSESSMENT_DIR + "/")
            and path[len(ASSESSMENT_DIR) + 1 : -3] in self.specs
        ):
            return True
        parts = path.split("/")
        return (
            path.startswith(COURSE_PAGES + "/")
            and len(parts) == 4
            and parts[3] in ("index.md", "handout.md")
            and (not self.courses or parts[2] in self.courses)
        )

    def page_exists(self, path: str) -> bool:
        if (
            path.startswith(ASSESSMENT_DIR + "/")
            and path[len(ASSESSMENT_DIR) + 1 : -3] in self.specs
        ):
            return True
        if path not in self._files:  # asked once per build: pages come and go between builds
            self._files[path] = (self.content / path).is_file()
        return self._files[path]

    def link(self, target: str, from_page: str) -> str | None:
        """A docs-relative target ("theory/x.md#a") as a URL relative to ``from_page``."""
        if (target, from_page) not in self._links:
            self._links[target, from_page] = self._link(target, from_page)
        return self._links[target, from_page]

    def _link(self, target: str, from_page: str) -> str | None:
        path, _, anchor = target.partition("#")
        if not self.page_exists(path):
            return None
        if not self.source_links:
            url = urls.relative_url(urls.page_url(path), urls.page_url(from_page))
        elif path == from_page and anchor:
            url = ""
        else:
            url = urls.relative_source(path, from_page)
        return f"{url}#{anchor}" if anchor else url

    def author_html(self, text: str) -> str:
        """Author Markdown → HTML with the extensions (and settings) the pages use. The same
        text gives the same HTML (links and citations are resolved before), so each text is
        converted once per build: a knowledge check embedded in many pages costs one."""
        html = self._author_html.get(text)
        if html is None:
            self._md.reset()
            html = self._author_html[text] = self._md.convert(self._glossary.append_to(text))
        return html

    def citation_html(self, html: str) -> str:
        """A citation's HTML as it reads inside a page, where the glossary marks the terms of
        its text too (``(<a …><abbr …>NAV</abbr>, 2024</a>)``): for a citation that goes in
        after Markdown (``PageProcessor.citation_slot``). Once per distinct citation."""
        marked = self.citations_marked.get(html)
        if marked is None:
            marked = self.citations_marked[html] = self._glossary_marked(html)
        return marked

    def _glossary_marked(self, html: str) -> str:
        if not self._glossary.occurs_in(html):
            return html
        converted = self.author_html(html)
        if converted.startswith("<p>") and converted.endswith("</p>"):
            return converted[3:-4]
        return html

    def source_text(self, path: str) -> str | None:
        """A content page's source, read once per build (None: no such page)."""
        if path not in self._sources:
            source = self.content / path
            self._sources[path] = source.read_text("utf-8") if source.is_file() else None
        return self._sources[path]

    def page_title(self, path: str) -> str | None:
        """A content page's ``title:`` from its front matter."""
        if path not in self._titles:
            match = re.search(r"^title:\s*(.+)$", self.source_text(path) or "", re.M)
            self._titles[path] = match.group(1).strip().strip("\"'") if match else None
        return self._titles[path]

    def page_url_absolute(self, path: str) -> str:
        """Where a page is published: absolute when ``site_url`` is set, else from the site's
        root (``/theory/x/``; the page's script then puts the address it was read at)."""
        url = urls.page_url(path).removeprefix("./")
        base = self.config.build_url
        return base + url if base else "/" + self.config.path + url

    def alternates(self) -> list[dict[str, str]]:
        """Each language's build address (absolute; for hreflang links), this one included."""
        base = self.config.build_url
        if not base:
            return []
        return [{"lang": lang, "url": urljoin(base, link)} for lang, link in self.config.alternates]

    def chapter_title(self, spec: Spec) -> str | None:
        return self.page_title(spec.chapter) if spec.chapter else None

    def generated_pages(self) -> dict[str, str]:
        """The Markdown of each assessment's own page, by its docs-relative path."""
        pages = {
            self.assessment_path(spec_id): self.assessment_page(spec_id) for spec_id in self.specs
        }
        for course_id in self.courses:
            for handout in (False, True):
                path = self.course_path(course_id, handout)
                top = "handout" if handout else "page"
                pages[path] = self.course_markdown(course_id, top, path)
        return pages

    # ------------------------------------------------------------------ courses

    def course_markdown(self, course_id: str, top: str, page_path: str) -> str:
        """A course as Markdown (``handbook.course_pages``)."""
        return course_pages.course_markdown(self, course_id, top, page_path)

    def assessment_page(self, spec_id: str) -> str:
        """The Markdown of an assessment's own page: it reads nothing of other pages (no
        link is resolved here), so a render of an earlier build is used as it is."""
        path = self.assessment_path(spec_id)
        kept = self.renders.find("assessment-page", (spec_id,), path, lambda target: None)
        if kept is not None:
            return kept.html
        markdown = self._assessment_page(spec_id)
        self.renders.keep("assessment-page", (spec_id,), path, Render({}, [], markdown))
        return markdown

    def _assessment_page(self, spec_id: str) -> str:
        spec = self.specs[spec_id]
        depth = "../" * self.assessment_path(spec_id).count("/")

        def relink(text: str) -> str:
            # Author Markdown links are relative to the content root; the page sits deeper.
            return MD_LINK.sub(lambda m: f"]({depth}{m.group(1)}{m.group(2) or ''})", text)

        ctx = Context(lang=self.lang, markdown=relink, chapter_title=self.chapter_title(spec))
        return self.renderer.page(spec, ctx)

    def page_file(self, path: str) -> str:
        """How messages name a page: its source file, relative to the project root."""
        if (self.content / path).is_file():
            try:
                return str((self.content / path).relative_to(self.root))
            except ValueError:
                return str(self.content / path)
        if path.startswith(COURSE_PAGES + "/"):
            return f"{COURSE_DIR}/{path.split('/')[2]}.yaml (its page)"
        stem = Path(path).stem
        return f"assessments/{stem}.yaml (its page)"

    def process_page(self, path: str, markdown: str) -> PageResult:
        """Expand markers and citations in one page; problems carry the source file's lines."""
        file = self.page_file(path)
        result = PageProcessor(self, path, file).run(markdown)
        source = self.source_text(path) if result.problems else None
        if source is not None:
            result.problems = shifted(result.problems, source_offset(source, markdown))
        return result

    def finish_html(self, html: str, result: PageResult | None = None, late: bool = False) -> str:
        """A page's body HTML with diagram links, the phone "on this page" list and quiet
        checklist boxes (``handbook.page_html``). ``result``: the page's processing, when the
        HTML was made from its ``slotted`` Markdown: its fragments are put in first; with
        ``late``, those that hold nothing for site search (``PageResult.unindexed``) are left
        for ``finish_page``."""
        if result is not None:
            keep = result.unindexed if late else set()
            html = _filled(
                html, {k: v for k, v in result.fragments.items() if k not in keep}, result
            )
        return page_html.finish(html, self.renderer, self.lang)

    def finish_page(self, page: str, result: PageResult) -> str:
        """The final page (after the generator's templates and search indexer) with the
        fragments ``finish_html(…, late=True)`` left out, finished as it would have finished
        them (no such fragment holds an ``<h2>``, so the "on this page" list stays right)."""
        if not result.unindexed:
            return page
        late = {k: self._finished(result.fragments[k]) for k in result.unindexed}
        return _filled(page, late, result)

    def _finished(self, fragment: str) -> str:
        """``finish_fragment`` once per fragment (a form reused on many pages is one string)."""
        if fragment not in self._finished_html:
            self._finished_html[fragment] = page_html.finish_fragment(fragment, self.renderer)
        return self._finished_html[fragment]

    def widget(self, spec_id: str) -> str:
        """The form as it is embedded in the assessment's own page."""
        if spec_id in self.embedded:  # the page was built: what it holds, not a second render
            return self.embedded[spec_id]
        path = self.assessment_path(spec_id)
        processor = PageProcessor(self, path, self.page_file(path))
        return self.renderer.widget(self.specs[spec_id], processor.context(spec_id))


def _filled(html: str, fragments: dict[str, str], result: PageResult) -> str:
    try:
        return fill_slots(html, fragments)
    except KeyError as lost:
        message = f"the engine's placeholder {lost} did not come through Markdown intact"
        raise HandbookError([Problem(result.file, 0, 0, message, "slot")]) from None
