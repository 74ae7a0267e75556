"""The engine's finishing step for a page's HTML (``handbook.page_html``) as a Python-Markdown
extension, for generators that run no hooks (Zensical): ``markdown_extensions:
[{handbook.theme_html: {lang: nb}}]``. It runs as the last postprocessor, on the same HTML the
MkDocs hook hands to ``Site.finish_html``, so both give the same page.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from . import page_html
from .render import Renderer


class _Finish(Postprocessor):
    def __init__(self, md: Markdown, lang: str):
        super().__init__(md)
        self.lang = lang
        self.renderer = Renderer()

    def run(self, text: str) -> str:
        return page_html.finish(text, self.renderer, self.lang)


class ThemeHtmlExtension(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {"lang": ["nb", "the language of the pages (nb or en)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_Finish(md, self.getConfig("lang")), "km_theme_html", 0)


def makeExtension(**kwargs: Any) -> ThemeHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    return ThemeHtmlExtension(**kwargs)
