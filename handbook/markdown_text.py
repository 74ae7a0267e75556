"""Small helpers for reading author Markdown line by line (shared by citations and the site)."""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE = re.compile(r"^\s*(```|~~~)")
# A relative link to a page: "](theory/x.md)" or "](theory/x.md#anchor)"; not "https://…".
MD_LINK = re.compile(r"\]\(([^)\s#:]+\.md)(#[^)\s]*)?\)")


def lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (1-based number, line, inside a fenced code block) for each line of ``text``.

    A fence line itself counts as code, so markers and citations on it are left alone.
    """
    fenced = False
    for number, line in enumerate(text.split("\n"), 1):
        if FENCE.match(line):
            fenced = not fenced
            yield number, line, True
            continue
        yield number, line, fenced


# Characters Python-Markdown treats as syntax and lets a backslash escape (plus "|" for tables).
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def escape_inline(text: str) -> str:
    """Text shown literally inside Markdown (a heading, a link text): no markup, no HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")
