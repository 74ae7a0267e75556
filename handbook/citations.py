"""Bibliography (``references/*.yaml``) → APA 7 citations and reference lists, in Markdown.

Pages cite pandoc-style: ``[@key]``, ``[@key, s. 12]``, ``[@a; @b]`` and ``[-@key]`` (year only).
A line holding only ``[[references]]`` becomes the reference list of the works the page cites.
Unknown keys are problems with ``file:line:col``; nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .markdown_text import lines
from .problems import HandbookError, Problem, did_you_mean
from .yamlnodes import compose_file, where

TYPES = ("article", "book", "chapter", "report", "thesis", "web", "law")
FIELDS = (
    "type", "author", "year", "title", "journal", "volume", "issue", "pages", "doi", "editor",
    "booktitle", "edition", "publisher", "institution", "genre", "number", "url", "accessed",
    "note", "short",
)  # fmt: skip
CITE = re.compile(r"\[(-?@[^\[\]\n]+)\](?!\()")
CITE_PART = re.compile(r"^\s*(-?)@([A-Za-z0-9_:-]+)\s*(?:,\s*(.+?))?\s*$")
INLINE_CODE = re.compile(r"(`+[^`]*`+)")
REFERENCES_MARKER = re.compile(r"^\[\[references\]\]\s*$", re.M)

WORDS = {
    "nb": {"ed": "Red.", "eds": "Red.", "edition": "utg.", "in": "I", "pp": "s.",
           "report": "Rapport", "retrieved": "Hentet", "from": "fra", "nd": "u.å."},
    "en": {"ed": "Ed.", "eds": "Eds.", "edition": "ed.", "in": "In", "pp": "pp.",
           "report": "Report", "retrieved": "Retrieved", "from": "from", "nd": "n.d."},
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    author: tuple[str, ...]
    year: str
    title: str
    fields: dict[str, str] = field(default_factory=dict, compare=False)
    file: str = ""
    line: int = 0

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


@dataclass
class Bibliography:
    entries: dict[str, Entry]
    labels: dict[str, str] = field(default_factory=dict)  # key → year label (2007a)

    def __post_init__(self) -> None:
        groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in self.entries.values():
            groups[(_authors_in_text(entry), entry.year)].append(entry)
        for (_, year), group in groups.items():
            if len(group) == 1:
                self.labels[group[0].key] = year
                continue
            for n, entry in enumerate(sorted(group, key=lambda e: e.title.lower())):
                self.labels[entry.key] = f"{year}{chr(ord('a') + n)}"

    def year(self, key: str, lang: str = "en") -> str:
        """The year label (2007a), or "n.d."/"u.å." for undated works."""
        label = self.labels.get(key, self.entries[key].year)
        nd = WORDS["en" if lang == "en" else "nb"]["nd"]
        undated = re.match(r"^(n\.?d\.?|u\.?å\.?)?([a-z]?)$", label.lower())
        if undated and (undated.group(1) or not label):
            # APA 7: several undated works by one author are "n.d.-a", "n.d.-b".
            return f"{nd}-{undated.group(2)}" if undated.group(2) else nd
        return label


def _family(name: str) -> str:
    return name.split(",", 1)[0].strip() if "," in name else name.strip()


def _authors_in_text(entry: Entry) -> str:
    # An edited book without authors is cited by its editors (APA 7).
    names = [_family(a) for a in entry.author or tuple(_split(entry.get("editor")))]
    if not names:
        # APA 7: a work without an author is cited by (the first words of) its title.
        return entry.get("short") or _first_words(entry.title)
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def _first_words(title: str, count: int = 5) -> str:
    words = title.split()
    if len(words) <= count:
        return title
    short = " ".join(words[:count]).rstrip(",:;")
    return f"{short} …]" if title.startswith("[") else f"{short} …"


def _authors_reference(authors: Iterable[str]) -> str:
    names = list(authors)
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


def _end(text: str) -> str:
    """Add a full stop unless the text already ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def reference(entry: Entry, bib: Bibliography, lang: str) -> str:
    """One APA 7 reference-list entry as Markdown."""
    w = WORDS["en" if lang == "en" else "nb"]
    year = bib.year(entry.key, lang)
    who = _authors_reference(entry.author) if entry.author else ""
    if not who and entry.get("editor") and entry.type == "book":
        editors = [e.strip() for e in _split(entry.get("editor"))]
        who = f"{_authors_reference(editors)} ({w['eds'] if len(editors) > 1 else w['ed']})"
    title = entry.title.strip()
    parts: list[str] = []
    if who:
        parts.append(f"{_end(who)} ({year}).")
    if entry.type == "article":
        parts.append(_end(title) if who else f"{_end(title)} ({year}).")
        journal = f"*{entry.get('journal')}*"
        if entry.get("volume"):
            journal += f", *{entry.get('volume')}*"
            if entry.get("issue"):
                journal += f"({entry.get('issue')})"
        if entry.get("pages"):
            journal += f", {entry.get('pages')}"
        parts.append(_end(journal))
    elif entry.type == "chapter":
        parts.append(_end(title))
        editors = list(_split(entry.get("editor")))
        eds = ""
        if editors:
            initials = [_initials_first(e) for e in editors]
            label = w["eds"] if len(editors) > 1 else w["ed"]
            eds = f"{_join_and(initials)} ({label}), "
        book = f"{w['in']} {eds}*{entry.get('booktitle')}*"
        extra = [p for p in (_edition(entry, w), _pages(entry, w)) if p]
        if extra:
            book += f" ({', '.join(extra)})"
        parts.append(_end(book))
        if entry.get("publisher"):
            parts.append(_end(entry.get("publisher")))
    else:
        italic = f"*{title}*"
        details = []
        if entry.get("edition"):
            details.append(_edition(entry, w))
        if entry.type == "report" and entry.get("number"):
            details.append(f"{w['report']} {entry.get('number')}")
        elif entry.get("number"):
            details.append(entry.get("number"))
        if details:
            italic += f" ({', '.join(details)})"
        if entry.type == "thesis":
            bracket = ", ".join(p for p in (entry.get("genre"), entry.get("institution")) if p)
            italic += f" [{bracket}]" if bracket else ""
        parts.append(_end(italic) if who else f"{_end(italic)} ({year}).")
        publisher = entry.get("publisher") or (
            entry.get("institution") if entry.type == "report" else ""
        )
        if publisher and publisher not in who:
            parts.append(_end(publisher))
    if entry.get("doi"):
        parts.append(f"<https://doi.org/{entry.get('doi')}>")
    elif entry.get("url"):
        if entry.get("accessed") and entry.type in ("web", "law"):
            parts.append(f"{w['retrieved']} {entry.get('accessed')} {w['from']}")
        parts.append(f"<{entry.get('url')}>")
    return " ".join(p for p in parts if p)


def _split(value: str) -> Iterable[str]:
    return [v for v in value.split(";") if v.strip()] if value else []


def _initials_first(name: str) -> str:
    if "," not in name:
        return name.strip()
    family, given = name.split(",", 1)
    return f"{given.strip()} {family.strip()}"


def _join_and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]


def _edition(entry: Entry, w: dict[str, str]) -> str:
    return f"{entry.get('edition')}. {w['edition']}" if entry.get("edition") else ""


def _pages(entry: Entry, w: dict[str, str]) -> str:
    return f"{w['pp']} {entry.get('pages')}" if entry.get("pages") else ""


# ----------------------------------------------------------------------------- loading


def _scalar_text(node) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None


def load_bibliography(paths: Iterable[str | Path]) -> Bibliography:
    """Load every ``*.yaml`` bibliography file; raise HandbookError listing every problem."""
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for path in sorted(map(Path, paths)):
        file = str(path)
        root, found = compose_file(path, file)
        problems.extend(found)
        if root is None:
            continue
        if not isinstance(root, MappingNode):
            problems.append(where(file, root, "a bibliography file maps keys to entries"))
            continue
        for key_node, body in root.value:
            key = key_node.value
            if key in entries:
                other = entries[key]
                problems.append(
                    where(
                        file,
                        key_node,
                        f"citation key '{key}' is already defined in {other.file}:{other.line}",
                        "duplicate",
                    )
                )
                continue
            if not isinstance(body, MappingNode):
                problems.append(where(file, body, f"entry '{key}' must be a mapping"))
                continue
            values: dict[str, str] = {}
            authors: list[str] = []
            for fk, fv in body.value:
                name = fk.value
                if name not in FIELDS:
                    problems.append(
                        where(
                            file,
                            fk,
                            f"unknown field '{name}' in entry '{key}'{did_you_mean(name, FIELDS)}",
                            "unknown-key",
                        )
                    )
                elif name in ("author", "editor"):
                    seq = fv.value if isinstance(fv, SequenceNode) else [fv]
                    names = [_scalar_text(n) for n in seq]
                    if any(n is None for n in names):
                        problems.append(
                            where(file, fv, f"{name} of '{key}' must be a list of names", "type")
                        )
                        continue
                    if name == "author":
                        authors = [n for n in names if n]
                    else:
                        values[name] = ";".join(n for n in names if n)
                else:
                    text = _scalar_text(fv)
                    if text is None:
                        problems.append(where(file, fv, f"{name} of '{key}' must be text", "type"))
                    else:
                        values[name] = str(text)
            kind = values.pop("type", "")
            if kind not in TYPES:
                problems.append(
                    where(file, key_node, f"entry '{key}' needs a type: {', '.join(TYPES)}", "type")
                )
                continue
            if "title" not in values:
                problems.append(
                    where(file, key_node, f"entry '{key}' needs a title", "missing-key")
                )
                continue
            entries[key] = Entry(
                key,
                kind,
                tuple(authors),
                values.pop("year", ""),
                values.pop("title"),
                values,
                file,
                key_node.start_mark.line + 1,
            )
    if problems:
        raise HandbookError(problems)
    return Bibliography(entries)


# ----------------------------------------------------------------------------- pages


@dataclass
class Cited:
    """What ``cite_markdown`` found on a page."""

    keys: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: str) -> None:
        if key not in self.keys:
            self.keys.append(key)


def in_text(
    bib: Bibliography,
    group: str,
    cited: Cited,
    file: str = "",
    line: int = 0,
    col: int = 0,
    lang: str = "nb",
) -> str | None:
    """Turn the inside of one ``[...]`` citation group into Markdown; None if it is not one."""
    pieces: list[str] = []
    for part in group.split(";"):
        m = CITE_PART.match(part)
        if not m:
            return None
        suppress, key, locator = m.groups()
        if key not in bib.entries:
            cited.problems.append(
                Problem(
                    file,
                    line,
                    col,
                    f"unknown citation key '{key}'{did_you_mean(key, bib.entries)}",
                    "unknown-cite",
                )
            )
            pieces.append(key)
            continue
        cited.add(key)
        entry = bib.entries[key]
        year = bib.year(key, lang)
        label = year if suppress else f"{_authors_in_text(entry)}, {year}"
        piece = f"[{label}](#ref-{key})"
        if locator:
            piece += f", {locator}"
        pieces.append(piece)
    return "(" + "; ".join(pieces) + ")"


def cite_markdown(
    markdown: str,
    bib: Bibliography,
    file: str = "",
    cited: Cited | None = None,
    lang: str = "nb",
) -> tuple[str, Cited]:
    """Replace citations in Markdown (outside code) and note which keys were cited."""
    cited = cited or Cited()
    out: list[str] = []
    for number, line, in_code in lines(markdown):
        if in_code or "@" not in line:
            out.append(line)
            continue

        def replace(m: re.Match[str], number: int = number) -> str:
            result = in_text(bib, m.group(1), cited, file, number, m.start() + 1, lang)
            return m.group(0) if result is None else result

        # Leave inline code alone: `[@key]` in backticks documents the syntax.
        pieces = INLINE_CODE.split(line)
        out.append("".join(p if i % 2 else CITE.sub(replace, p) for i, p in enumerate(pieces)))
    return "\n".join(out), cited


def reference_list(keys: Iterable[str], bib: Bibliography, lang: str) -> str:
    """The APA 7 reference list (Markdown paragraphs with ``#ref-KEY`` anchors), sorted."""
    entries = [bib.entries[k] for k in keys if k in bib.entries]
    entries.sort(key=lambda e: (_sort_name(e), bib.year(e.key), e.title.lower()))
    blocks = [f"{reference(e, bib, lang)}\n{{: #ref-{e.key} .km-ref }}" for e in entries]
    return "\n\n".join(blocks)


def _sort_name(entry: Entry) -> str:
    return (", ".join(entry.author) if entry.author else entry.title).lower()
