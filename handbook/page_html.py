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
from html import unescape

from markupsafe import Markup

from .render import Renderer
from .ui_strings import strings

MIN_SECTIONS = 5
TASK_CONTROL = '<label class="task-list-control">'
DIAGRAM = re.compile(r'<img alt="([^"]*)" src="([^"]+\.svg)" ?/?>')
H1_END = re.compile(r"</h1>")


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


# An <h2> as Python-Markdown writes it: its attributes, then its content up to </h2>.
H2_PARTS = re.compile(r"<h2\b([^>]*)>(.*?)</h2>", re.S)
ATTR_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
PERMALINK = re.compile(
    r"""<a\b[^>]*\bclass\s*=\s*["'][^"']*\bheaderlink\b[^"']*["'][^>]*>.*?</a>""", re.S
)
TAG = re.compile(r"<[^>]*>")


def headings(html: str) -> list[Heading]:
    """The ``<h2 id>`` headings of a page with their text (permalink marks left out, entities
    read, white space collapsed). Regular expressions over the headings alone: a parse of
    the whole page is slow."""
    found = []
    for attrs, inner in H2_PARTS.findall(html):
        match = ATTR_ID.search(attrs)
        ident = unescape(next(g for g in match.groups() if g is not None)) if match else ""
        if ident:
            text = unescape(TAG.sub("", PERMALINK.sub("", inner)))
            found.append(Heading(ident, " ".join(text.split())))
    return found


def decorative_task_checkboxes(html: str) -> str:
    return html.replace(TASK_CONTROL, '<label class="task-list-control" aria-hidden="true">')


def zoomable_diagrams(html: str, renderer: Renderer) -> str:
    """Wrap each SVG diagram in a link to itself (our Markdown never puts diagrams in links)."""
    if '.svg"' not in html:
        return html
    return DIAGRAM.sub(
        lambda m: renderer.render("km/diagram-link.html", src=m.group(2), img=Markup(m.group(0))),
        html,
    )


def page_toc(html: str, renderer: Renderer, lang: str) -> str:
    """Insert the compact "on this page" list after the first ``</h1>`` (or at the top)."""
    if html.count("<h2") < MIN_SECTIONS:  # too few headings of any kind: no list
        return html
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
