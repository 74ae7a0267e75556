"""The abbreviation glossary for author texts: each text gets only the definitions it uses.

The pages get the glossary from ``pymdownx.snippets`` ``auto_append``. Appending the whole
glossary to each of the hundreds of short author texts (feedback, explanations, band texts)
made Markdown parse the glossary hundreds of times per build, most of the engine's share of
it. A definition whose term does not occur in a text changes nothing in its HTML, so the
engine appends only the definitions whose term occurs. A file that holds anything other than
abbreviation definitions is left to ``auto_append`` as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

DEFINITION = re.compile(r"^\*\[([^\]]+)\]:")


@dataclass(frozen=True)
class Glossary:
    """Abbreviation definitions (``*[TERM]: text``) with the pattern that finds each term."""

    definitions: tuple[tuple[re.Pattern[str], str], ...] = ()

    @cached_property
    def _terms(self) -> tuple[tuple[str, re.Pattern[str], str], ...]:
        """Each definition with its term as written: a plain substring test rules most texts
        out before the term's pattern (a whole word) is searched."""
        found = []
        for term, line in self.definitions:
            match = DEFINITION.match(line)
            found.append((match.group(1) if match else "", term, line))
        return tuple(found)

    def _used(self, text: str) -> list[str]:
        return [line for word, term, line in self._terms if word in text and term.search(text)]

    def occurs_in(self, text: str) -> bool:
        """Some term of the glossary occurs in ``text``."""
        return any(word in text and term.search(text) for word, term, _ in self._terms)

    def append_to(self, text: str) -> str:
        used = self._used(text)
        return text + "\n\n" + "\n".join(used) + "\n" if used else text


def _definitions(text: str) -> list[tuple[re.Pattern[str], str]] | None:
    """Each definition of a glossary file, or None when the file holds anything else."""
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if match is None:
            return None
        term = re.compile(rf"(?<!\w){re.escape(match.group(1))}(?!\w)")
        found.append((term, line))
    return found


def _find(name: str, bases: list[str]) -> Path | None:
    for base in bases:
        path = Path(base) / name
        if path.is_file():
            return path
    return None


def split_glossary(
    configs: dict[str, dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], Glossary]:
    """Extension settings for author texts, without the glossary files ``auto_append`` would
    add to every text, and those files' definitions as a :class:`Glossary`."""
    snippets = configs.get("pymdownx.snippets")
    if not snippets or not snippets.get("auto_append"):
        return configs, Glossary()
    bases = snippets.get("base_path") or ["."]
    bases = [bases] if isinstance(bases, str) else list(bases)
    kept: list[str] = []
    definitions: list[tuple[re.Pattern[str], str]] = []
    for name in snippets["auto_append"]:
        path = _find(name, bases)
        found = _definitions(path.read_text("utf-8")) if path else None
        if found is None:
            kept.append(name)
        else:
            definitions.extend(found)
    return (
        {**configs, "pymdownx.snippets": {**snippets, "auto_append": kept}},
        Glossary(tuple(definitions)),
    )
