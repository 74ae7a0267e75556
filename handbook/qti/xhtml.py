"""Markdown → a small, safe XHTML fragment for QTI feedback.

QTI 2.1 accepts only a subset of XHTML inside its own namespace, and LMS importers strip
most attributes anyway, so the rendered Markdown is rebuilt element by element with
``html.parser``: allowed tags are kept, unknown tags are unwrapped (their text stays),
``script``-like tags are dropped with their content, and links survive only when they
point somewhere a learner can reach from an LMS (``http(s):``/``mailto:``, or a handbook
page resolved by the caller). The result is serialized by ElementTree, so it is always
well-formed and every character of author text is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import markdown as md_lib

# Elements that both Markdown produces and QTI 2.1's XHTML subset allows.
ALLOWED = frozenset(
    {"p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li"}
    | {"a", "sub", "sup", "span", "div", "h2", "h3", "h4", "h5", "h6"}
)
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})
DROP = frozenset({"script", "style", "template", "iframe", "object", "embed", "svg", "math"})
SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Resolves a relative href ("theory/x.md#a") to an absolute URL, or None to drop the link.
Resolver = Callable[[str], str | None]


def _no_pages(href: str) -> str | None:
    return None


class _Builder(HTMLParser):
    """Rebuilds parsed HTML as ElementTree elements under one ``div``, keeping only safe parts."""

    def __init__(self, resolve: Resolver):
        super().__init__(convert_charrefs=True)
        self.resolve = resolve
        self.root = ET.Element("div")
        # One entry per open tag: the element it became, or None when it was unwrapped.
        self.stack: list[tuple[str, ET.Element | None]] = []
        self.dropping = 0  # depth inside a dropped element such as <script>

    def _parent(self) -> ET.Element:
        return next((el for _, el in reversed(self.stack) if el is not None), self.root)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> ET.Element | None:
        if tag not in ALLOWED:
            return None
        attrib: dict[str, str] = {}
        if tag == "a":
            href = dict(attrs).get("href") or ""
            url = href if href.startswith(SAFE_SCHEMES) else None
            if url is None and href and not href.startswith("#") and ":" not in href:
                url = self.resolve(href)
            if url is None:
                return None  # an in-page anchor or a page the LMS cannot reach: keep the text
            attrib["href"] = url
        return ET.SubElement(self._parent(), tag, attrib)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROP:
            self.dropping += tag not in VOID  # count nesting until the dropped tag closes
            return
        element = self._element(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping and tag not in DROP:
            self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            self.dropping -= 1
            return
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.dropping or not data:
            return
        parent = self._parent()
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def sanitize(html: str, resolve: Resolver = _no_pages) -> ET.Element:
    """Parse an HTML string into a ``div`` element holding only safe, allowed markup."""
    builder = _Builder(resolve)
    builder.feed(html)
    builder.close()
    return builder.root


def markdown_to_xhtml(text: str, resolve: Resolver = _no_pages) -> str:
    """Render Markdown; return the safe result as one serialized ``<div>`` element."""
    html = md_lib.markdown(text, extensions=["attr_list", "sane_lists"])
    return ET.tostring(sanitize(html, resolve), encoding="unicode")
