"""Citations in pages: pandoc-style markers → APA 7 (rendered by the CSL processor), in Markdown.

Pages cite ``[@key]``, ``[@key, s. 12]``, ``[@key, avsnitt 4.3]``, ``[@a; @b]`` and
``[-@key]`` (year only). A line holding only ``[[references]]`` becomes the reference list of
the works the page cites. Unknown keys are problems with ``file:line:col``. The bibliography
itself lives in ``handbook.bibliography``, the CSL side in ``handbook.csl``; nothing here
knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .bibliography import Bibliography, Entry, load_bibliography
from .csl import Cite
from .markdown_text import lines
from .problems import Problem, did_you_mean

__all__ = [
    "REFERENCES_MARKER", "Bibliography", "Cited", "Entry", "cite_markdown", "load_bibliography",
    "parse_locator", "reference_list",
]  # fmt: skip

CITE = re.compile(r"\[(-?@[^\[\]\n]+)\](?!\()")
CITE_PART = re.compile(r"^\s*(-?)@([A-Za-z0-9_:-]+)\s*(?:,\s*(.+?))?\s*$")
ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
INLINE_CODE = re.compile(r"(`+[^`]*`+)")
REFERENCES_MARKER = re.compile(r"^\[\[references\]\]\s*$", re.M)
# The words authors write before a locator (both languages) → the CSL locator it is.
LOCATOR_LABELS = {
    "page": ("p.", "pp.", "s.", "page", "pages", "side", "sider"),
    "section": ("section", "sections", "sec.", "avsnitt"),
    "chapter": ("chapter", "chapters", "ch.", "chap.", "kapittel", "kap."),
    "paragraph": ("para.", "paras.", "paragraph", "paragraphs", "¶"),
    "appendix": ("appendix", "appendices", "app.", "vedlegg"),
    "figure": ("figure", "figures", "fig.", "figur"),
    "table": ("table", "tables", "tabell"),
}
_LABEL_OF = {word: label for label, words in LOCATOR_LABELS.items() for word in words}
_LOCATOR = re.compile(r"^(\S+)\s+(\d.*)$")


@dataclass
class Cited:
    """What ``cite_markdown`` found on a page."""

    keys: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: str) -> None:
        if key not in self.keys:
            self.keys.append(key)


def parse_locator(text: str) -> tuple[tuple[str, str] | None, str]:
    """``s. 12`` → (("page", "12"), ""). Text without a known label, or naming two kinds of
    place (``section 2.3 and chapter 5``), stays a suffix, printed as written."""
    m = _LOCATOR.match(text.strip())
    label = _LABEL_OF.get(m.group(1).lower()) if m else None
    if m and label and not any(w.lower() in _LABEL_OF for w in m.group(2).split()):
        return (label, m.group(2)), ""
    return None, f", {text.strip()}"


def in_text(
    bib: Bibliography,
    group: str,
    cited: Cited,
    file: str = "",
    line: int = 0,
    col: int = 0,
    lang: str = "nb",
) -> str | None:
    """The inside of one ``[...]`` citation group as HTML; None if it is not a citation.
    A group met before without a problem gives what it gave then (``Bibliography.cited_groups``);
    one with a problem is looked at anew, so each place reports it."""
    done = bib.cited_groups.get((lang, group))
    if done is not None:
        for key in done[1]:
            cited.add(key)
        return done[0]
    problems = len(cited.problems)
    here = Cited()
    html = _in_text(bib, group, here, file, line, col, lang)
    for key in here.keys:
        cited.add(key)
    cited.problems.extend(here.problems)
    if len(cited.problems) == problems:
        bib.cited_groups[(lang, group)] = (html, tuple(here.keys))
    return html


def _in_text(
    bib: Bibliography, group: str, cited: Cited, file: str, line: int, col: int, lang: str
) -> str | None:
    parts = [CITE_PART.match(part) for part in group.split(";")]
    if not all(parts):
        return None
    cites: list[Cite] = []
    suppressed = set()
    for m in parts:
        assert m is not None
        dash, key, locator = m.groups()
        if key not in bib.entries:
            hint = did_you_mean(key, bib.entries)
            message = f"unknown citation key '{key}'{hint}"
            cited.problems.append(Problem(file, line, col, message, "unknown-cite"))
            continue
        suppressed.add(bool(dash))
        cited.add(key)
        cites.append(Cite(key, *parse_locator(locator)) if locator else Cite(key))
    if len(suppressed) > 1:
        message = "write [-@key] only for single works or for all works of a citation"
        cited.problems.append(Problem(file, line, col, message, "suppress-author"))
    if not cites or len(suppressed) > 1:
        return None
    return bib.processor(lang).cite(cites, suppress_author=suppressed == {True})


def cite_markdown(
    markdown: str,
    bib: Bibliography,
    file: str = "",
    cited: Cited | None = None,
    lang: str = "nb",
    slot: Callable[[str], str] | None = None,
) -> tuple[str, Cited]:
    """Replace citations in Markdown (outside code) and note which keys were cited.

    ``slot``: given a citation's HTML, the text to put in its place instead (a placeholder
    the caller fills in after Markdown, so Markdown need not parse the HTML); not used in
    headings, whose text a table of contents reads."""
    cited = cited or Cited()
    if "@" not in markdown:
        return markdown, cited
    out: list[str] = []
    rows = list(lines(markdown))
    for index, (number, line, in_code) in enumerate(rows):
        if "@" not in line or in_code:
            out.append(line)
            continue
        following = rows[index + 1][1] if index + 1 < len(rows) else ""
        put = None if _heading(line, following) else slot

        def replace(m: re.Match[str], number: int = number, put: Any = put) -> str:
            result = in_text(bib, m.group(1), cited, file, number, m.start() + 1, lang)
            if result is None:
                return m.group(0)
            return result if put is None else put(result)

        # Leave inline code alone: `[@key]` in backticks documents the syntax.
        pieces = INLINE_CODE.split(line)
        out.append("".join(p if i % 2 else CITE.sub(replace, p) for i, p in enumerate(pieces)))
    return "\n".join(out), cited


def _heading(line: str, following: str) -> bool:
    """``line`` is a heading: ``# …`` or underlined by ``===``/``---`` on the next line."""
    return bool(ATX_HEADING.match(line) or (line.strip() and SETEXT_UNDERLINE.match(following)))


def reference_list(keys: Iterable[str], bib: Bibliography, lang: str) -> str:
    """The APA 7 reference list of ``keys``: one HTML paragraph per work, with a
    ``#ref-KEY`` anchor, in the style's order."""
    wanted = set(keys)
    processor = bib.processor(lang)
    return "\n\n".join(
        f'<p class="km-ref" id="ref-{key}">{processor.reference(key)}</p>'
        for key in processor.order
        if key in wanted
    )
