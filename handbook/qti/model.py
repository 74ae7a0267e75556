"""A plain, version-neutral data model of a QTI export, built from ``handbook.model.Spec``.

Everything here is already in one language and already decided: which option is right,
what the feedback says (as a safe XHTML ``div``), and every identifier. The exporters in
``qti12``/``qti21`` only turn these objects into XML, so both versions say the same thing.

Identifiers are derived from the assessment id and item id (``km.<assessment>.<item>``);
``.`` never occurs in those ids, so they cannot collide, and they are valid XML NCNames
(QTI 2.1 ``identifier``, IMS CP ``xs:ID``) even when an id starts with a digit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import citations
from ..markdown_text import MD_LINK
from ..model import Spec
from ..ui_strings import UI
from .xhtml import markdown_to_xhtml

if TYPE_CHECKING:  # only Spec is promised as public; these are its field types
    from ..model import Item, Option

LANGUAGES = ("nb", "en")
PACKAGE_TITLE = {
    "nb": "Krav og mestring: kunnskapssjekker",
    "en": "Demands and mastery: knowledge checks",
}
TITLE_LENGTH = 80  # item titles are the question, shortened at a word to this many characters


class ExportError(Exception):
    """Input that cannot be exported; the message says what and where, for people."""


@dataclass(frozen=True)
class Choice:
    """One answer option of a question."""

    identifier: str
    text: str


@dataclass(frozen=True)
class Question:
    """A single-answer multiple-choice question with its right answer and explanation."""

    identifier: str
    item_id: str
    title: str
    prompt: str
    choices: tuple[Choice, ...]
    correct: str  # the identifier of the right choice
    feedback: str | None  # a serialized, sanitized XHTML <div>, or None without `explain`


@dataclass(frozen=True)
class Quiz:
    """One knowledge check: an assessment (QTI 1.2) or assessmentTest (QTI 2.1)."""

    identifier: str
    assessment_id: str
    version: int
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Package:
    """What goes into one zip: some quizzes, all in one language."""

    identifier: str
    lang: str
    title: str
    quizzes: tuple[Quiz, ...]


# --------------------------------------------------------------------------- helpers


def identifier(*parts: str) -> str:
    """``km.<part>.<part>…``: a stable NCName; characters outside NCName become ``_``."""
    return ".".join(["km", *(re.sub(r"[^A-Za-z0-9_-]", "_", p) for p in parts)])


def short_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return cut + "…"


def page_url(site_url: str, lang: str, target: str) -> str | None:
    """The published URL of a docs-relative page link (``theory/x.md#a``), or None.

    Mirrors the site: Norwegian at the root, English under ``en/``, directory URLs.
    """
    m = MD_LINK.fullmatch(f"]({target})")
    if not m:
        return None
    page = m.group(1)
    page = page.removesuffix("index.md") if page.endswith("index.md") else page[:-3] + "/"
    base = site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "")
    return base + page + (m.group(2) or "")


def _points(option: Option) -> float:
    return float(option.points if option.points is not None else option.value)


# --------------------------------------------------------------------------- building


class _Feedback:
    """Turns an item's ``explain`` into the feedback XHTML for one language."""

    def __init__(self, lang: str, bib: citations.Bibliography | None, site_url: str | None):
        self.lang = lang
        self.bib = bib
        self.resolve: Callable[[str], str | None] = (
            (lambda href: page_url(site_url, lang, href)) if site_url else (lambda href: None)
        )

    def __call__(self, text: str, where: str) -> str:
        if self.bib is not None:
            cited = citations.Cited()
            text, cited = citations.cite_markdown(text, self.bib, where, cited, self.lang)
            if cited.problems:
                raise ExportError("\n".join(f"{where}: {p.message}" for p in cited.problems))
            if cited.keys:
                sources = citations.reference_list(cited.keys, self.bib, self.lang)
                text += f"\n\n**{UI[self.lang]['page_sources']}**\n\n{sources}"
        return markdown_to_xhtml(text, self.resolve)


def _question(spec: Spec, item: Item, lang: str, feedback: _Feedback) -> Question:
    if not item.options:
        raise ExportError(f"{spec.id}: question '{item.id}' has no options")
    best = max(_points(o) for o in item.options)
    right = [o for o in item.options if _points(o) == best]
    if len(right) != 1:
        values = ", ".join(str(o.value) for o in right)
        raise ExportError(
            f"{spec.id}: question '{item.id}' has {len(right)} options with the highest "
            f"points ({best:g}; values {values}); a single-answer QTI question needs exactly one"
        )
    base = identifier(spec.id, item.id)
    choices = tuple(
        Choice(identifier(spec.id, item.id, str(o.value)), o.label.get(lang)) for o in item.options
    )
    prompt = item.text.get(lang)
    explain = item.explain.get(lang) if item.explain is not None else ""
    where = f"{spec.id}: explanation of '{item.id}' ({lang})"
    return Question(
        identifier=base,
        item_id=item.id,
        title=short_title(prompt),
        prompt=prompt,
        choices=choices,
        correct=choices[item.options.index(right[0])].identifier,
        feedback=feedback(explain, where) if explain.strip() else None,
    )


def quiz_from_spec(spec: Spec, lang: str, feedback: _Feedback) -> Quiz:
    """One knowledge check in one language."""
    if spec.kind != "knowledge":
        raise ExportError(f"'{spec.id}' is a {spec.kind} assessment, not a knowledge check")
    questions = tuple(_question(spec, item, lang, feedback) for item in spec.items)
    return Quiz(identifier(spec.id), spec.id, spec.version, spec.title.get(lang), questions)


def build_package(
    specs: Sequence[Spec],
    lang: str,
    bib: citations.Bibliography | None = None,
    site_url: str | None = None,
) -> Package:
    """The export of ``specs`` (knowledge checks, in this order) in language ``lang``.

    ``bib`` turns ``[@key]`` citations into APA in-text citations plus a source list under
    each explanation; without it they stay as written. ``site_url`` makes links to handbook
    pages absolute; without it such links keep only their text.
    """
    if lang not in LANGUAGES:
        raise ExportError(f"unknown language '{lang}' (expected one of: {', '.join(LANGUAGES)})")
    if not specs:
        raise ExportError("nothing to export: no knowledge checks selected")
    feedback = _Feedback(lang, bib, site_url)
    quizzes = tuple(quiz_from_spec(spec, lang, feedback) for spec in specs)
    title = quizzes[0].title if len(quizzes) == 1 else PACKAGE_TITLE[lang]
    # The package id depends only on what the package holds, so it is the same every export.
    key = "|".join([lang, *(f"{q.assessment_id}@{q.version}" for q in quizzes)])
    package_id = "km.package." + hashlib.sha256(key.encode()).hexdigest()[:16]
    return Package(package_id, lang, title, quizzes)
