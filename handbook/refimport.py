"""Read a reference manager's export: BibTeX or CSL-JSON → CSL items with positions.

``read(path)`` understands the ``.bib`` and ``.json`` (CSL-JSON) files Zotero, Better BibTeX,
JabRef and others write. Each work comes back as an ``Incoming``: the key it had there, a CSL
item using only the fields ``references/*.yaml`` knows, the fields left out, and the line it
starts on (for messages). ``handbook.refmerge`` decides what to add.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import Entry as BibEntry
from pylatexenc.latex2text import LatexNodes2Text

from .bibliography import DATE_FIELDS, FIELDS, NAME_FIELDS, NAME_PARTS

# What a reference manager exports that a reference list never shows.
LEAVE_OUT = {"abstract", "keyword", "source", "call-number", "citation-key", "ISSN", "id",
             "event-place"}  # fmt: skip
BIB_TYPES = {
    "article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "techreport": "report", "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis",
    "thesis": "thesis", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "legislation": "legislation", "unpublished": "manuscript", "booklet": "pamphlet",
    "manual": "report", "misc": "document",
}  # fmt: skip
BIB_FIELDS = {
    "title": "title", "shorttitle": "title-short", "journal": "container-title",
    "journaltitle": "container-title", "booktitle": "container-title", "volume": "volume",
    "pages": "page", "doi": "DOI", "url": "URL", "publisher": "publisher",
    "institution": "publisher", "school": "publisher", "organization": "publisher",
    "address": "publisher-place", "location": "publisher-place", "edition": "edition",
    "type": "genre", "note": "note", "isbn": "ISBN",
}  # fmt: skip
THESIS_GENRE = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}
LANGUAGES = {"norsk": "nb", "norwegian": "nb", "bokmål": "nb", "nynorsk": "nn",
             "english": "en", "american": "en", "british": "en", "danish": "da",
             "dansk": "da", "swedish": "sv", "svenska": "sv"}  # fmt: skip
MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                      "sep", "oct", "nov", "dec"), 1)}  # fmt: skip
_latex = LatexNodes2Text()


class ReadError(Exception):
    """The file cannot be read: ``(line, col, message)`` for each place (1-based; 0 unknown)."""

    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.places = [(line, col, message)]


@dataclass
class Incoming:
    """One work from the export: its key there, the CSL item, and where it starts."""

    key: str
    item: dict[str, Any]
    line: int
    col: int = 1
    skipped: list[str] = field(default_factory=list)  # fields left out


def read(path: Path) -> list[Incoming]:
    """The works in a ``.bib`` or ``.json`` (CSL-JSON) export."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read file: {getattr(exc, 'strerror', None) or exc}") from None
    if path.suffix.lower() == ".json":
        return _read_json(text)
    if path.suffix.lower() == ".bib":
        return _read_bibtex(text)
    raise ReadError("expected a BibTeX (.bib) or CSL-JSON (.json) export")


def _read_json(text: str) -> list[Incoming]:
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        raise ReadError("a CSL-JSON export is a list of items ([ … ])", *_line_col(text, pos))
    pos = _skip_space(text, pos + 1)
    out = []
    while not text.startswith("]", pos):
        try:
            obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ReadError(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        line, col = _line_col(text, pos)
        if not isinstance(obj, dict):
            raise ReadError("each CSL-JSON item is an object ({ … })", line, col)
        item, skipped = _csl(obj)
        out.append(Incoming(str(obj.get("id", "")), item, line, col, skipped))
        pos = _skip_space(text, end)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif not text.startswith("]", pos):
            raise ReadError("expected ',' or ']' between items", *_line_col(text, pos))
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _line_col(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _csl(obj: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    item: dict[str, Any] = {}
    skipped = []
    for name, value in obj.items():
        if name in LEAVE_OUT or name not in FIELDS:
            if name != "id":
                skipped.append(name)
        elif name in NAME_FIELDS:
            people = value if isinstance(value, list) else []
            names = [{k: str(v) for k, v in n.items() if v and k in NAME_PARTS}
                     for n in people if isinstance(n, dict)]  # fmt: skip
            if any(names):
                item[name] = [n for n in names if n]
        elif name in DATE_FIELDS:
            date = _date_parts(value)
            if date:
                item[name] = date
        elif value not in (None, ""):
            item[name] = str(value).replace("--", "–") if name == "page" else str(value)
    if "page" in item:
        item["page"] = re.sub(r"(\d)-(\d)", r"\1–\2", item["page"])
    return item, skipped


def _date_parts(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    parts = []
    for date in value.get("date-parts") or []:
        numbers = [int(p) for p in date if str(p).strip().isdigit()]
        if numbers:
            parts.append(numbers[:3])
    if parts:
        return {"date-parts": parts[:2]}
    return {"literal": str(value["literal"])} if value.get("literal") else None


def _read_bibtex(text: str) -> list[Incoming]:
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        error = ReadError("")
        error.places = [
            ((block.start_line or 0) + 1, 1, "BibTeX error in the entry starting here: "
             + (getattr(block.error, "abort_reason", "") or str(block.error)).split(". Note")[0])
            for block in library.failed_blocks
        ]  # fmt: skip
        raise error
    return [_bib_entry(entry) for entry in library.entries]


def _bib_entry(entry: BibEntry) -> Incoming:
    kind = entry.entry_type.lower()
    fields = {f.key.lower(): str(f.value) for f in entry.fields}
    item: dict[str, Any] = {"type": BIB_TYPES.get(kind, "document")}
    if kind == "misc" and "url" in fields:
        item["type"] = "webpage"
    skipped = []
    for name, raw in fields.items():
        value = _latex.latex_to_text(raw).strip() if name not in ("url", "doi") else raw.strip()
        if name in ("author", "editor"):
            item[name] = [_bib_name(n) for n in split_multiple_persons_names(raw)]
        elif name == "number":
            item["issue" if item["type"] == "article-journal" else "number"] = value
        elif name in BIB_FIELDS:
            item[BIB_FIELDS[name]] = value.replace("--", "–") if name == "pages" else value
        elif name in ("langid", "language"):
            item["language"] = LANGUAGES.get(value.lower(), value)
        elif name not in ("year", "month", "date", "urldate"):
            skipped.append(name)
    if item["type"] == "thesis" and "genre" not in item:
        item["genre"] = THESIS_GENRE.get(kind, "Thesis")
    issued = _bib_date(fields.get("date"), fields.get("year"), fields.get("month"))
    if issued:
        item["issued"] = issued
    accessed = _bib_date(fields.get("urldate"))
    if accessed:
        item["accessed"] = accessed
    return Incoming(entry.key, item, (entry.start_line or 0) + 1, 1, skipped)


def _bib_name(text: str) -> dict[str, str]:
    text = text.strip()
    if text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        return {"literal": _latex.latex_to_text(text[1:-1]).strip()}
    parts = parse_single_name_into_parts(text, strict=False)
    name = {
        "family": " ".join(parts.last),
        "given": " ".join(parts.first),
        "non-dropping-particle": " ".join(parts.von),
        "suffix": " ".join(parts.jr),
    }
    return {k: _latex.latex_to_text(v).strip() for k, v in name.items() if v}


def _bib_date(*values: str | None) -> dict[str, Any] | None:
    date, year, month = (list(values) + [None, None])[:3]
    if date:
        numbers = [int(p) for p in re.findall(r"\d+", date.split("/")[0])][:3]
        return {"date-parts": [numbers]} if numbers else None
    if year and year.strip().isdigit():
        parts = [int(year)]
        month_number = MONTHS.get((month or "").strip().lower()[:3])
        if month_number or (month or "").strip().isdigit():
            parts.append(month_number or int(month or 0))
        return {"date-parts": [parts]}
    return None
