"""Two patches to the HTML of a page's content, for any generator (MkDocs or Zensical).

* Checklist boxes (pymdownx.tasklist) are visual only: hidden from assistive tech.
* Each SVG diagram is wrapped in a link to itself, so a phone reader can open it full size.

The MkDocs hook applies them to each page's HTML (``on_page_content``); under Zensical, which
runs no hooks, the same functions run as a Python-Markdown extension:
``markdown_extensions: [handbook.theme_html]`` (a postprocessor, after every other one).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

TASK_CONTROL = '<label class="task-list-control">'
DIAGRAM = re.compile(r'(<img alt="[^"]*" src="([^"]+\.svg)" ?/?>)')


def decorative_task_checkboxes(html: str) -> str:
    """Checklist boxes (pymdownx.tasklist) are visual only: hide them from assistive tech.

    They are disabled inputs without a label of their own; the list item's text carries the
    meaning, so screen readers should read the text, not an unlabelled checkbox (axe: label).
    """
    return html.replace(TASK_CONTROL, '<label class="task-list-control" aria-hidden="true">')


def zoomable_diagrams(html: str) -> str:
    """Wrap each SVG diagram in a link to itself, so a phone reader can open it full size.

    Runs once on a page's HTML (our Markdown never puts diagrams inside links)."""
    return DIAGRAM.sub(lambda m: f'<a class="km-zoom" href="{m.group(2)}">{m.group(1)}</a>', html)


def patch(html: str) -> str:
    return zoomable_diagrams(decorative_task_checkboxes(html))


class _Patches(Postprocessor):
    def run(self, text: str) -> str:
        return patch(text)


class ThemeHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_Patches(md), "km_theme_html", 0)


def makeExtension(**kwargs: Any) -> ThemeHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    return ThemeHtmlExtension(**kwargs)
