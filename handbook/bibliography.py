"""The bibliography: ``references/*.yaml`` in CSL-YAML, read with positions and checked.

Each file maps citation keys to CSL items (the fields of CSL-JSON, written as YAML), so the
same data goes to citeproc-py, pandoc or a reference manager. Every problem has
``file:line:col`` and, where we can guess, a hint; all problems come at once. An entry the
CSL processor cannot render is a problem too (``load_bibliography`` renders every entry in
both languages before it returns).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citeproc import DATES, NAMES, VARIABLES
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import buildcache
from .csl import Processor
from .problems import HandbookError, Problem, did_you_mean
from .yamlnodes import compose_file, where

LANGS = ("nb", "en")
KEY = re.compile(r"^[a-z0-9][a-z0-9_:-]*$")
TYPES = (
    "article-journal", "book", "chapter", "report", "thesis", "legislation", "webpage",
    "article", "article-magazine", "article-newspaper", "bill", "broadcast", "classic",
    "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia",
    "event", "figure", "graphic", "hearing", "interview", "legal_case", "manuscript", "map",
    "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent", "performance",
    "periodical", "personal_communication", "post", "post-weblog", "regulation", "review",
    "review-book", "software", "song", "speech", "standard", "treaty",
)  # fmt: skip
_COMPUTED = {"citation-number", "first-reference-note-number", "locator", "year-suffix",
             "page-first", "citation-label"}  # fmt: skip
NAME_FIELDS = {n.replace("_", "-") for n in NAMES}
DATE_FIELDS = {d.replace("_", "-") for d in DATES}
FIELDS = sorted({"type"} | {v.replace("_", "-") for v in VARIABLES} - _COMPUTED)
NAME_PARTS = ("family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix")
# What the pre-CSL format called a field, for a hint when an old name turns up.
OLD_NAMES = {
    "journal": "container-title", "booktitle": "container-title", "year": "issued",
    "pages": "page", "doi": "DOI", "url": "URL", "institution": "publisher",
    "short": "title-short",
}  # fmt: skip
# Fields a type needs (each tuple: at least one of them), beyond 'type' and 'title'.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article-journal": (("author",), ("container-title",)),
    "book": (("author", "editor"), ("publisher",)),
    "chapter": (("author",), ("container-title",), ("publisher",)),
    "report": (("author", "publisher"),),
    "thesis": (("genre",), ("publisher",)),
    "legislation": (("title-short",),),
    "webpage": (("author", "container-title"),),
}


@dataclass(frozen=True)
class Entry:
    """One work: its key, its CSL item (without ``id``) and where it was defined."""

    key: str
    data: dict[str, Any]
    file: str = ""
    line: int = 0
    col: int = 0


@dataclass
class Bibliography:
    """Entries by key; renders through one CSL processor per language (made on first use)."""

    entries: dict[str, Entry]
    #: Where processors keep their results between builds (none: every build renders anew).
    cache_dir: Path | None = None
    _processors: dict[str, Processor] = field(default_factory=dict, repr=False, compare=False)
    #: Citation groups already turned into HTML: (language, group) → (HTML, keys cited).
    cited_groups: dict[tuple[str, str], tuple[str | None, tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def processor(self, lang: str) -> Processor:
        lang = "en" if lang == "en" else "nb"
        if lang not in self._processors:
            items = {key: entry.data for key, entry in self.entries.items()}
            self._processors[lang] = Processor(items, lang, self.cache_dir)
        return self._processors[lang]

    def save(self) -> None:
        """Keep what the processors rendered for the next build (when there is a cache)."""
        for processor in self._processors.values():
            processor.save()


def load_bibliography(
    paths: Iterable[str | Path],
    cache_dir: Path | None = None,
    store: buildcache.Store | None = None,
) -> Bibliography:
    """Load every bibliography file; raise HandbookError listing every problem.

    With ``cache_dir``, the CSL processors' results are kept there between builds
    (``Bibliography.save``), keyed by everything they depend on. With ``store``, the checked
    entries are kept under the files' names and bytes (only when there was no problem), so
    the next build with the same files neither parses nor checks them again."""
    paths = sorted(map(Path, paths))
    try:
        parts = (part for p in paths for part in (str(p), p.read_bytes()))
        name = buildcache.key("bibliography", *parts) if store is not None else ""
    except OSError:
        name = ""  # not kept; _load reports the file
    kept = store.get(name) if store is not None and name else None
    if isinstance(kept, dict):
        return Bibliography(kept, cache_dir)
    bib = _load(paths, cache_dir)
    if store is not None and name:
        store.put(name, {}, bib.entries)
    return bib


def _load(paths: list[Path], cache_dir: Path | None) -> Bibliography:
    entries: dict[str, Entry] = {}
    seen: dict[str, str] = {}  # key → file:line, valid or not
    problems: list[Problem] = []
    for path in paths:
        file = str(path)
        root, found = compose_file(path, file)
        problems.extend(found)
        if root is None:
            continue
        if not isinstance(root, MappingNode):
            problems.append(where(file, root, "a bibliography file maps keys to entries"))
            continue
        for key_node, body in root.value:
            check = _Check(file, str(key_node.value))
            if check.key in seen:
                message = f"citation key '{check.key}' is already defined in {seen[check.key]}"
                check.bad(key_node, message, "duplicate")
            elif not KEY.match(check.key):
                rule = "may hold only lower-case letters, digits, '-', '_' and ':'"
                check.bad(key_node, f"citation key '{check.key}' {rule} (e.g. karasek1979)", "key")
            else:
                data = check.entry(key_node, body)
                if not check.problems:
                    mark = key_node.start_mark
                    entries[check.key] = Entry(
                        check.key, data, file, mark.line + 1, mark.column + 1
                    )
            seen.setdefault(check.key, f"{file}:{key_node.start_mark.line + 1}")
            problems.extend(check.problems)
    bib = Bibliography(entries, cache_dir)
    if not problems:
        problems.extend(_render_check(bib))
    if problems:
        raise HandbookError(problems)
    return bib


@dataclass
class _Check:
    """Checks one entry's nodes and turns them into a CSL item, collecting problems."""

    file: str
    key: str
    problems: list[Problem] = field(default_factory=list)

    def bad(self, node: Node, message: str, code: str = "invalid") -> None:
        self.problems.append(where(self.file, node, message, code))

    def entry(self, key_node: Node, body: Node) -> dict[str, Any]:
        key = self.key
        if not isinstance(body, MappingNode):
            self.bad(body, f"entry '{key}' must be a mapping of CSL fields")
            return {}
        data: dict[str, Any] = {}
        for name_node, value in body.value:
            name = str(name_node.value)
            if name not in FIELDS:
                close = difflib.get_close_matches(name, [*FIELDS, *OLD_NAMES], n=1, cutoff=0.6)
                hint = f" (CSL calls it '{OLD_NAMES[name]}')" if name in OLD_NAMES else ""
                if close and not hint:
                    hint = f" (did you mean '{OLD_NAMES.get(close[0], close[0])}'?)"
                self.bad(name_node, f"unknown field '{name}' in entry '{key}'{hint}", "unknown-key")
            elif name in NAME_FIELDS:
                data[name] = self.names(name, value)
            elif name in DATE_FIELDS:
                data[name] = self.date(name, value)
            elif isinstance(value, ScalarNode) and value.value != "":
                data[name] = str(value.value)
            else:
                self.bad(value, f"{name} of '{key}' must be text", "type")
        kind = data.get("type")
        present = {str(k.value) for k, _ in body.value}
        if kind is None and "type" not in present:
            types = ", ".join(TYPES[:7])
            self.bad(key_node, f"entry '{key}' needs a type: {types} (or another CSL type)", "type")
        elif kind is not None and kind not in TYPES:
            node = next(v for k, v in body.value if k.value == "type")
            hint = did_you_mean(kind, TYPES)
            self.bad(node, f"unknown type '{kind}' in entry '{key}'{hint}", "type")
            kind = None
        for need in (("title",), *REQUIRED.get(kind or "", ())):
            if not present.intersection(need):
                what = " or ".join(f"'{n}'" for n in need)
                message = f"entry '{key}' ({kind or 'no type'}) needs {what}"
                self.bad(key_node, message, "missing-key")
        if kind == "webpage" and "URL" in present and not present & {"issued", "accessed"}:
            message = (f"entry '{key}' (webpage) has a URL but no date, so APA 7 needs "
                       "'accessed': the day you read the page")  # fmt: skip
            self.bad(key_node, message, "missing-key")
        return data

    def names(self, role: str, node: Node) -> list[dict[str, str]]:
        where_ = f"{role} of '{self.key}'"
        example = "{family: Karasek, given: R. A.} or {literal: NAV}"
        if not isinstance(node, SequenceNode) or not node.value:
            self.bad(node, f"{where_} must be a list of names, each like {example}", "type")
            return []
        names = []
        for item in node.value:
            if isinstance(item, ScalarNode):
                text = str(item.value)
                family, _, given = text.partition(",")
                like = f"{{family: {family.strip()}, given: {given.strip()}}}"
                like = like if given else f"{{literal: {text}}}"
                self.bad(item, f"name '{text}' in {where_} must be written {like}", "type")
                continue
            if not isinstance(item, MappingNode):
                self.bad(item, f"each name in {where_} is like {example}", "type")
                continue
            name: dict[str, str] = {}
            for part, value in item.value:
                if part.value not in NAME_PARTS:
                    hint = did_you_mean(part.value, NAME_PARTS)
                    message = f"unknown name part '{part.value}' in {where_}{hint}"
                    self.bad(part, message, "unknown-key")
                elif isinstance(value, ScalarNode) and value.value:
                    name[part.value] = str(value.value)
                else:
                    self.bad(value, f"{part.value} in {where_} must be text", "type")
            if "family" not in name and "literal" not in name:
                need = "needs 'family' (a person) or 'literal' (an organisation)"
                self.bad(item, f"a name in {where_} {need}", "missing-key")
            names.append(name)
        return names

    def date(self, name: str, node: Node) -> dict[str, Any]:
        where_ = f"{name} of '{self.key}'"
        shape = "{date-parts: [[YEAR]]} or {date-parts: [[YEAR, MONTH, DAY]]}"
        if isinstance(node, ScalarNode):
            text = str(node.value)
            if text.lower() in ("n.d.", "u.å.", "nd"):
                hint = f"; leave '{name}' out for a work without a date (n.d.)"
            else:
                hint = f", e.g. {{date-parts: [[{text.replace('-', ', ')}]]}}"
            self.bad(node, f"{where_} must be {shape}{hint}", "type")
            return {}
        parts = {k.value: v for k, v in node.value} if isinstance(node, MappingNode) else {}
        if set(parts) == {"literal"} and isinstance(parts["literal"], ScalarNode):
            return {"literal": str(parts["literal"].value)}
        dates = parts.get("date-parts")
        if set(parts) != {"date-parts"} or not isinstance(dates, SequenceNode):
            self.bad(node, f"{where_} must be {shape}", "type")
            return {}
        if len(dates.value) > 2:
            self.bad(dates, f"{where_} has {len(dates.value)} dates; a range has two", "type")
            return {}
        out = []
        for date in dates.value:
            numbers = _date_parts(date)
            if not isinstance(numbers, list):
                self.bad(date, f"{where_} {numbers or f'must be {shape}'}", "type")
                return {}
            out.append(numbers)
        return {"date-parts": out}


def _date_parts(node: Node) -> list[int] | str | None:
    """[year], [year, month] or [year, month, day] as numbers; else what is out of range, or
    None when the shape is wrong."""
    if not isinstance(node, SequenceNode) or not 1 <= len(node.value) <= 3:
        return None
    texts = [v.value if isinstance(v, ScalarNode) else "" for v in node.value]
    if not all(t.isdigit() for t in texts):
        return None
    numbers = [int(t) for t in texts]
    if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
        return f"has month {numbers[1]}; a month is 1–12"
    if len(numbers) > 2 and not 1 <= numbers[2] <= 31:
        return f"has day {numbers[2]}; a day is 1–31"
    return numbers


def _render_check(bib: Bibliography) -> Iterator[Problem]:
    """Every entry must come out of the CSL processor in both languages."""
    failed: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        for key, reason in bib.processor(lang).failures.items():
            failed.setdefault(key, {}).setdefault(reason, []).append(lang)
    for key, reasons in failed.items():
        entry = bib.entries[key]
        for reason, langs in reasons.items():
            message = (
                f"entry '{key}' cannot be rendered in APA 7 ({', '.join(langs)}): {reason}; "
                "check its type and fields against CONTRIBUTING.md"
            )
            yield Problem(entry.file, entry.line, entry.col, message, "render")
