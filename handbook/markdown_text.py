"""Small helpers for reading author Markdown line by line (shared by citations and the site)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

FENCE = re.compile(r"^\s*(```|~~~)")
# A relative link to a page: "](theory/x.md)" or "](theory/x.md#anchor)"; not "https://…".
MD_LINK = re.compile(r"\]\(([^)\s#:]+\.md)(#[^)\s]*)?\)")


def lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (1-based number, line, inside a fenced code block) for each line of ``text``.

    A fence line itself counts as code, so markers and citations on it are left alone.
    """
    if "```" not in text and "~~~" not in text:  # no fence at all: no line is code
        for number, line in enumerate(text.split("\n"), 1):
            yield number, line, False
        return
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


# Anchors a page defines: "## Title {#anchor}" and attribute lists such as "{ #term-x }".
ANCHOR = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}")


def anchors_in(text: str) -> set[str]:
    """Every explicit anchor in a page's Markdown, outside code blocks."""
    return {
        m.group(1) for _, line, in_code in lines(text) if not in_code for m in ANCHOR.finditer(line)
    }


def link_checker(
    content: Path, extra: Callable[[str], bool] | None = None
) -> Callable[[str], bool]:
    """A function telling whether ``page.md`` or ``page.md#anchor`` exists under ``content``
    (pages read once); ``extra`` may accept pages that are generated rather than written."""
    cache: dict[str, set[str] | None] = {}

    def anchors(path: str) -> set[str] | None:
        if path not in cache:
            file = content / path
            cache[path] = anchors_in(file.read_text(encoding="utf-8")) if file.is_file() else None
        return cache[path]

    def exists(target: str) -> bool:
        path, _, anchor = target.partition("#")
        if extra is not None and extra(path):
            return True
        found = anchors(path)
        return found is not None and (not anchor or anchor in found)

    return exists


# Author Markdown may not carry raw HTML or links with schemes other than these: text copied
# from elsewhere must not be able to run code on a page.
SAFE_SCHEMES = ("http", "https", "mailto")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
RAW_HTML = re.compile(r"<(?!(?:https?|mailto):)([A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!|\?)")
LINK_TARGETS = re.compile(
    r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>",
    re.M,
)
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def unsafe_markdown(text: str) -> list[str]:
    """What makes author Markdown unsafe, as message endings ("contains raw HTML …")."""
    problems: list[str] = []
    plain = CODE_SPAN.sub("", "\n".join(line for _, line, in_code in lines(text) if not in_code))
    raw = RAW_HTML.search(plain)
    if raw:
        problems.append(f"contains raw HTML ('<{raw.group(1)}'); write Markdown instead")
    for match in LINK_TARGETS.finditer(plain):
        target = next(g for g in match.groups() if g)
        scheme = SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            shown = target if len(target) <= 40 else target[:37] + "..."
            problems.append(
                f"links to '{shown}'; only http(s), mailto and pages of the handbook are allowed"
            )
    return problems
