"""Finishing touches on a page's HTML, after Markdown: phone reading and assistive tech.

Every generator that turns our Markdown into HTML calls ``finish`` on a page's body HTML
(the MkDocs hook does it in ``on_page_content``). It only reads and annotates the HTML that
Python-Markdown writes for our pages; the HTML it adds comes from Jinja2 templates.

* Checklist boxes (pymdownx.tasklist) are hidden from assistive tech: they are disabled,
  unlabelled inputs, and the list item's text carries the meaning (axe: label).
* Each SVG diagram is wrapped in a link to its file, marked ``data-km-diagram``: without
  scripting the link opens the drawing full size; ``assets/km/viewer.js`` opens it in an
  in-page viewer instead (zoom, text alternative, close).
* A long page (``MIN_SECTIONS`` or more ``<h2>`` sections) gets a compact "on this page" list
  after its title, shown on narrow screens where the theme hides its table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

from .render import Renderer
from .ui_strings import strings

MIN_SECTIONS = 5
TASK_CONTROL = '<label class="task-list-control">'
DIAGRAM = re.compile(r'<img alt="([^"]*)" src="([^"]+\.svg)" ?/?>')
H1_END = re.compile(r"</h1>")
H2 = re.compile(r"<h2\b.*?</h2>", re.S)


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


class _Headings(HTMLParser):
    """The ``<h2 id>`` headings of a page with their text (permalink marks left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self._id: str | None = None
        self._text: list[str] = []
        self._skip = 0  # depth inside a permalink (<a class="headerlink">)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h2" and attributes.get("id"):
            self._id, self._text = attributes["id"], []
        elif (
            self._id is not None and tag == "a" and "headerlink" in (attributes.get("class") or "")
        ):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._id is None:
            return
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag == "h2":
            text = " ".join("".join(self._text).split())
            self.headings.append(Heading(self._id, text))
            self._id = None

    def handle_data(self, data: str) -> None:
        if self._id is not None and not self._skip:
            self._text.append(data)


def headings(html: str) -> list[Heading]:
    parser = _Headings()
    parser.feed("".join(H2.findall(html)))  # only the headings: a page's parse is slow
    parser.close()
    return parser.headings


def decorative_task_checkboxes(html: str) -> str:
    return html.replace(TASK_CONTROL, '<label class="task-list-control" aria-hidden="true">')


def zoomable_diagrams(html: str, renderer: Renderer) -> str:
    """Wrap each SVG diagram in a link to itself (our Markdown never puts diagrams in links)."""
    return DIAGRAM.sub(
        lambda m: renderer.render("km/diagram-link.html", src=m.group(2), img=Markup(m.group(0))),
        html,
    )


def page_toc(html: str, renderer: Renderer, lang: str) -> str:
    """Insert the compact "on this page" list after the first ``</h1>`` (or at the top)."""
    found = headings(html)
    if len(found) < MIN_SECTIONS:
        return html
    toc = renderer.render("km/page-toc.html", headings=found, ui=strings(lang))
    match = H1_END.search(html)
    at = match.end() if match else 0
    return f"{html[:at]}\n{toc}\n{html[at:]}"


def finish_fragment(html: str, renderer: Renderer) -> str:
    """What ``finish`` does to a part of a page that holds no ``<h2>``."""
    return zoomable_diagrams(decorative_task_checkboxes(html), renderer)


def finish(html: str, renderer: Renderer, lang: str) -> str:
    """All of the above, in one pass over a page's body HTML."""
    return page_toc(finish_fragment(html, renderer), renderer, lang)
