"""The compile step: everything a static site needs from the engine, for any generator.

* ``Site.load`` validates every assessment and the bibliography (all problems at once).
* ``Site.process_page`` expands a page's markers and citations:
  ``[[assessment ID]]`` (the form), ``[[assessment-link ID]]`` (a card),
  ``[[assessment-how ID]]`` (how the score is computed), ``[@key]`` citations and
  ``[[references]]``. Markers must stand alone on a line, outside code blocks.
* ``Site.assessment_page`` gives the Markdown of an assessment's own page.
* ``write_assets`` writes the JSON specs, the scoring module, the schema and (once per site)
  the self-hosted Pyodide runtime into the output folder.

MkDocs reaches this through the thin adapter in ``hooks/``; a plain build script could too.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown as md_lib

from . import citations, markdown_text
from .model import Spec, assessment_files, load_all
from .problems import HandbookError, Problem, did_you_mean
from .render import Context, Renderer
from .runtime import write_runtime
from .schema import schema

MARKER = re.compile(r"^\[\[(assessment|assessment-link|assessment-how) +([^\]\s]+)\]\]\s*$")
LIST_MARKER = re.compile(r"^\[\[assessment-list +(reflection|knowledge)\]\]\s*$")
BIBLIOGRAPHY = re.compile(r"^\[\[bibliography\]\]\s*$", re.M)
ASSESSMENT_DIR = "self-assessments"

# Resolves a docs-relative path ("theory/x.md#a") to a URL relative to the current page,
# or returns None when there is no such page.
LinkFn = Callable[[str], str | None]


@dataclass
class PageResult:
    markdown: str
    problems: list[Problem] = field(default_factory=list)
    has_form: bool = False
    cited: list[str] = field(default_factory=list)


class Site:
    def __init__(self, root: Path, lang: str, templates: Path, content: Path | None = None):
        self.root = Path(root)
        self.lang = lang
        self.renderer = Renderer(templates)
        self.content = content
        self.specs: dict[str, Spec] = {}
        self.chapter_order: list[str] = []  # page paths in reading order (the site's nav)
        self.bib = citations.Bibliography({})

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """Validate assessments and bibliography; raise HandbookError listing every problem."""
        problems: list[Problem] = []
        files = assessment_files([self.root / "assessments"])
        content = self.content

        def chapter_exists(chapter: str) -> bool:
            return content is None or (content / chapter).is_file()

        specs, found = load_all(files, chapter_exists)
        problems.extend(_relative(found, self.root))
        self.specs = {s.id: s for s in specs}
        try:
            self.bib = citations.load_bibliography((self.root / "references").glob("*.yaml"))
        except HandbookError as exc:
            problems.extend(_relative(exc.problems, self.root))
        if problems:
            raise HandbookError(problems)

    def ordered(self, kind: str) -> list[Spec]:
        """Specs of one kind, in the order of their chapters in ``chapter_order``, then by id."""
        rank = {path: n for n, path in enumerate(self.chapter_order)}
        specs = [s for s in self.specs.values() if s.kind == kind]
        return sorted(specs, key=lambda s: (rank.get(s.chapter or "", len(rank)), s.id))

    def assessment_path(self, spec_id: str) -> str:
        return f"{ASSESSMENT_DIR}/{spec_id}.md"

    # ------------------------------------------------------------------ pages

    def _markdown_fn(self, file: str, link: LinkFn, result: PageResult, cited: citations.Cited):
        def convert(text: str) -> str:
            def relink(m: re.Match[str]) -> str:
                target = link(m.group(1) + (m.group(2) or ""))
                if target is None:
                    result.problems.append(
                        Problem(
                            file,
                            0,
                            0,
                            f"feedback links to unknown page '{m.group(1)}'",
                            "unknown-link",
                        )
                    )
                    return m.group(0)
                return f"]({target})"

            text = markdown_text.MD_LINK.sub(relink, text)
            text, _ = citations.cite_markdown(text, self.bib, file, cited, self.lang)
            return md_lib.markdown(text, extensions=["attr_list", "sane_lists"])

        return convert

    def context(
        self, spec: Spec, file: str, link: LinkFn, result: PageResult, cited: citations.Cited
    ) -> Context:
        chapter_url = link(spec.chapter) if spec.chapter else None
        return Context(
            lang=self.lang,
            markdown=self._markdown_fn(file, link, result, cited),
            chapter_url=chapter_url,
            chapter_title=self.chapter_title(spec),
        )

    def chapter_title(self, spec: Spec) -> str | None:
        if not spec.chapter or self.content is None:
            return None
        path = self.content / spec.chapter
        if not path.is_file():
            return None
        match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
        return match.group(1).strip().strip("\"'") if match else None

    def process_page(self, markdown: str, file: str, link: LinkFn) -> PageResult:
        """Expand markers and citations in one page's Markdown."""
        result = PageResult(markdown)
        cited = citations.Cited()
        out: list[str] = []
        for number, line, in_code in markdown_text.lines(markdown):
            listing = None if in_code else LIST_MARKER.match(line)
            if listing:
                # Cards for every assessment of one kind, in the order of their chapters.
                for spec in self.ordered(listing.group(1)):
                    ctx = self.context(spec, file, link, result, cited)
                    url = link(self.assessment_path(spec.id)) or ""
                    out.extend(["", self.renderer.card(spec, ctx, url), ""])
                continue
            m = None if in_code else MARKER.match(line)
            if not m:
                out.append(line)
                continue
            kind, spec_id = m.groups()
            spec = self.specs.get(spec_id)
            if spec is None:
                result.problems.append(Problem(
                    file, number, line.index(spec_id) + 1,
                    f"unknown assessment '{spec_id}'{did_you_mean(spec_id, self.specs)}",
                    "unknown-assessment"))  # fmt: skip
                out.append(line)
                continue
            ctx = self.context(spec, file, link, result, cited)
            if kind == "assessment":
                result.has_form = True
                html = self.renderer.widget(spec, ctx)
            elif kind == "assessment-how":
                html = self.renderer.how_computed(spec, ctx)
            else:
                url = link(self.assessment_path(spec_id)) or ""
                html = self.renderer.card(spec, ctx, url)
            out.extend(["", html, ""])
        text, cited = citations.cite_markdown("\n".join(out), self.bib, file, cited, self.lang)
        result.problems.extend(cited.problems)
        result.cited = cited.keys
        if BIBLIOGRAPHY.search(text):
            everything = citations.reference_list(self.bib.entries, self.bib, self.lang)
            text = _replace_outside_fences(text, BIBLIOGRAPHY, everything)
        if citations.REFERENCES_MARKER.search(text):
            text = _replace_outside_fences(
                text, citations.REFERENCES_MARKER,
                citations.reference_list(cited.keys, self.bib, self.lang))  # fmt: skip
        elif cited.keys:
            result.problems.append(
                Problem(
                    file,
                    1,
                    1,
                    "the page cites sources but has no [[references]] line for its reference list",
                    "no-references",
                )
            )
        result.markdown = text
        return result

    def assessment_page(self, spec_id: str) -> str:
        spec = self.specs[spec_id]
        depth = "../" * self.assessment_path(spec_id).count("/")

        def relink(text: str) -> str:
            # Author Markdown links are relative to the content root; the page sits deeper.
            return markdown_text.MD_LINK.sub(
                lambda m: f"]({depth}{m.group(1)}{m.group(2) or ''})", text
            )

        ctx = Context(lang=self.lang, markdown=relink, chapter_title=self.chapter_title(spec))
        return self.renderer.page(spec, ctx)


TASK_CONTROL = '<label class="task-list-control">'


def decorative_task_checkboxes(html: str) -> str:
    """Checklist boxes (pymdownx.tasklist) are visual only: hide them from assistive tech.

    They are disabled inputs without a label of their own; the list item's text carries the
    meaning, so screen readers should read the text, not an unlabelled checkbox (axe: label).
    """
    return html.replace(TASK_CONTROL, '<label class="task-list-control" aria-hidden="true">')


DIAGRAM = re.compile(r'(<img alt="[^"]*" src="([^"]+\.svg)" ?/?>)')


def zoomable_diagrams(html: str) -> str:
    """Wrap each SVG diagram in a link to itself, so a phone reader can open it full size.

    Runs once on a page's HTML (our Markdown never puts diagrams inside links)."""
    return DIAGRAM.sub(lambda m: f'<a class="km-zoom" href="{m.group(2)}">{m.group(1)}</a>', html)


def _replace_outside_fences(text: str, pattern: re.Pattern[str], replacement: str) -> str:
    return "\n".join(
        replacement if not in_code and pattern.match(line) else line
        for _, line, in_code in markdown_text.lines(text)
    )


def _relative(problems: list[Problem], root: Path) -> list[Problem]:
    out = []
    for p in problems:
        try:
            file = str(Path(p.file).resolve().relative_to(root.resolve()))
        except ValueError:
            file = p.file
        out.append(Problem(file, p.line, p.col, p.message, p.code))
    return out


def write_assets(out: Path, specs: dict[str, Spec], pyodide: Path | None) -> list[Path]:
    """Write specs, scoring module and schema under ``assets/km/``; Pyodide under
    ``assets/pyodide/`` when ``pyodide`` (the npm package folder) is given."""
    written: list[Path] = []
    km = Path(out) / "assets" / "km"
    (km / "specs").mkdir(parents=True, exist_ok=True)
    for spec in specs.values():
        target = km / "specs" / f"{spec.id}.json"
        target.write_text(json.dumps(spec.to_dict(), ensure_ascii=False), encoding="utf-8")
        written.append(target)
    scoring_src = Path(__file__).with_name("scoring.py")
    shutil.copyfile(scoring_src, km / "scoring.py")
    (km / "assessment-schema.json").write_text(json.dumps(schema(), indent=2), encoding="utf-8")
    written += [km / "scoring.py", km / "assessment-schema.json"]
    if pyodide is not None:
        written += write_runtime(pyodide, Path(out) / "assets" / "pyodide")
    return written
