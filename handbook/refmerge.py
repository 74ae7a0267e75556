"""Add imported works to the bibliography: leave out duplicates, settle keys, write CSL-YAML.

``plan(incoming, existing)`` drops works the bibliography already has (same DOI, or the same
title and year) and gives a clashing key the next free letter. ``entry_yaml`` writes an entry
the way ``references/*.yaml`` spells it. ``run`` is ``python -m handbook refs import``: it
returns the lines to print and the exit code; nothing here prints.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .bibliography import DATE_FIELDS, NAME_FIELDS, load_bibliography
from .problems import HandbookError
from .refimport import Incoming, ReadError, read

# A key an export may keep: our own pattern (family name + year or "nd" + a letter).
HOUSE_KEY = re.compile(r"^[a-z0-9]+(\d{4}|nd)[a-z]?$")
# Field order in the YAML (the rest follow alphabetically).
ORDER = ("type", "language", "author", "editor", "issued", "title", "title-short",
         "container-title", "edition", "volume", "issue", "page", "number", "genre",
         "publisher", "publisher-place", "DOI", "ISBN", "URL", "accessed", "note")  # fmt: skip


@dataclass
class Plan:
    """What ``refs import`` will do: entries to write, and what it noticed on the way."""

    new: list[tuple[str, Incoming]] = field(default_factory=list)  # (key to use, entry)
    duplicates: list[tuple[Incoming, str]] = field(default_factory=list)  # (entry, key held)
    clashes: list[tuple[Incoming, str, str]] = field(default_factory=list)  # entry, wanted, got


def house_key(item: Mapping[str, Any]) -> str:
    """First author's (or editor's) family name in ASCII lower case + year: ``karasek1979``."""
    names = item.get("author") or item.get("editor") or []
    first = names[0] if names else {}
    family = " ".join(filter(None, (first.get("non-dropping-particle"), first.get("family"))))
    word = family or first.get("literal") or item.get("title-short") or item.get("title") or ""
    word = word if family else word.split()[0] if word.split() else ""
    ascii_ = unicodedata.normalize("NFKD", word.lower().replace("æ", "ae").replace("ø", "o"))
    word = re.sub(r"[^a-z0-9]", "", ascii_.encode("ascii", "ignore").decode())
    dates = (item.get("issued") or {}).get("date-parts") or [[]]
    year = str(dates[0][0]) if dates[0] else "nd"
    return f"{word or 'anon'}{year}"


def _identity(item: Mapping[str, Any]) -> tuple[str, ...]:
    doi = str(item.get("DOI", "")).lower().removeprefix("https://doi.org/")
    if doi:
        return ("doi", doi)
    title = re.sub(r"\W+", " ", str(item.get("title", "")).lower()).strip()
    dates = (item.get("issued") or {}).get("date-parts") or [[]]
    return ("title", title, str(dates[0][0]) if dates[0] else "")


def plan(incoming: Iterable[Incoming], existing: Mapping[str, Mapping[str, Any]]) -> Plan:
    """Which entries to add under which keys; duplicates of existing works are left out."""
    result = Plan()
    taken = dict(existing)
    known = {_identity(item): key for key, item in existing.items()}
    for entry in incoming:
        same = known.get(_identity(entry.item))
        if same is not None:
            result.duplicates.append((entry, same))
            continue
        wanted = entry.key.lower()
        wanted = wanted if HOUSE_KEY.match(wanted) else house_key(entry.item)
        key = wanted
        if key in taken:
            key = next(
                f"{wanted}{c}" for c in "abcdefghijklmnopqrstuvwxyz" if f"{wanted}{c}" not in taken
            )
            result.clashes.append((entry, wanted, key))
        taken[key] = entry.item
        known[_identity(entry.item)] = key
        result.new.append((key, entry))
    return result


def entry_yaml(key: str, item: Mapping[str, Any]) -> str:
    """One entry as ``references/*.yaml`` writes it (names and dates in flow style)."""
    lines = [f"{key}:"]
    for name in sorted(item, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        value = item[name]
        if name in NAME_FIELDS:
            lines.append(f"  {name}:")
            lines += [f"    - {_flow(n)}" for n in value]
        elif name in DATE_FIELDS:
            lines.append(f"  {name}: {_flow(value)}")
        else:
            lines.append(f"  {name}: {_scalar(str(value))}")
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value) if isinstance(value, int) else _scalar(str(value), flow=True)


def _scalar(text: str, flow: bool = False) -> str:
    """Plain YAML when it reads back as the same text (or number), else double-quoted."""
    if text != text.strip() or not text or (flow and any(c in text for c in ",[]{}")):
        return json.dumps(text, ensure_ascii=False)
    try:
        back = yaml.safe_load(f"k: {text}")["k"]
    except (yaml.YAMLError, TypeError):
        back = None
    same = back == text if isinstance(back, str) else type(back) is int and str(back) == text
    return text if same else json.dumps(text, ensure_ascii=False)


def run(source: Path, into: Path) -> tuple[list[str], int]:
    """Import ``source`` into ``into`` (a file next to the other bibliography files).

    Returns the report (``FILE:LINE:COL: level: message`` lines, then a summary) and the exit
    code: 0 done; 1 a file has problems (nothing is written when the export or the current
    bibliography cannot be read; the entries are written when only they need a fix).
    """
    try:
        incoming = read(source)
    except ReadError as exc:
        return [f"{source}:{line}:{col}: error: {message}" for line, col, message in exc.places], 1
    files = sorted(into.parent.glob("*.yaml"))
    try:
        bib = load_bibliography(files)
    except HandbookError as exc:
        return [str(p) for p in exc.problems] + ["fix the bibliography before importing"], 1
    todo = plan(incoming, {key: entry.data for key, entry in bib.entries.items()})
    lines = []

    def say(entry: Incoming, level: str, message: str) -> None:
        lines.append(f"{source}:{entry.line}:{entry.col}: {level}: {message}")

    for entry, key in todo.duplicates:
        held = f"{bib.entries[key].file}:{bib.entries[key].line}"
        say(entry, "note", f"'{entry.key}' is already in the bibliography as '{key}' ({held}); "
            "left out")  # fmt: skip
    for entry, wanted, key in todo.clashes:
        held = bib.entries.get(wanted)
        where = f"{held.file}:{held.line}" if held else "another entry in this export"
        say(entry, "warning", f"key '{wanted}' is taken by {where}; added as '{key}'")
    for key, entry in todo.new:
        if _title_case(str(entry.item.get("title", ""))):
            say(entry, "warning", f"the title of '{key}' looks like Title Case; APA 7 writes "
                "titles in sentence case")  # fmt: skip
        if entry.skipped:
            say(entry, "note", f"'{key}': left out {', '.join(entry.skipped)}")
    if todo.new:
        text = into.read_text(encoding="utf-8") if into.exists() else IMPORTED_HEADER
        text = text.rstrip("\n") + "\n"
        added = "".join("\n" + entry_yaml(k, e.item) for k, e in todo.new)
        into.write_text(text + added, encoding="utf-8")
    summary = (
        f"added {len(todo.new)} entries to {into}: {', '.join(k for k, _ in todo.new) or '-'} "
        f"({len(todo.duplicates)} already there, {len(todo.clashes)} keys changed)"
    )
    try:
        load_bibliography(sorted(set(files) | {into}) if todo.new else files)
    except HandbookError as exc:
        return [*lines, *map(str, exc.problems), f"{summary}; fix the problems above"], 1
    return [*lines, summary], 0


IMPORTED_HEADER = """\
# Works added with `python -m handbook refs import` (CSL-YAML; see CONTRIBUTING.md).
# Check each entry against the work itself: titles in sentence case, names as printed.
"""


def _title_case(title: str) -> bool:
    """Most longer words capitalised: how reference managers store English titles."""
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words[1:]) > len(words[1:]) / 2
