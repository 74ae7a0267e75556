"""Collect every problem of one file while reading its nodes (shapes, keys and plain values).

Validators for the parts of an assessment (``items``, ``dimensions`` …) use a ``Checker`` to
read mappings by their declared shape (``format.SHAPES``) and plain values by their kind; each
problem is recorded with the position of the node it concerns, and reading goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..markdown_text import MD_LINK, unsafe_markdown
from ..problems import Problem, did_you_mean
from ..yamlnodes import position, where
from . import values
from .format import IDENT_PATTERN, LANGUAGES, Key, keys
from .spec import Text

IDENT = re.compile(IDENT_PATTERN.strip("^$"))


class Fields:
    """The keys of one mapping: their nodes, and the plain values read from them."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.values: dict[str, Any] = {}
        self.failed: set[str] = set()

    def __contains__(self, name: str) -> bool:
        return name in self.nodes

    def __getitem__(self, name: str) -> Node:
        return self.nodes[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    @property
    def ok(self) -> bool:
        return not self.failed


class Checker:
    """Reads one file's nodes and collects its problems."""

    def __init__(self, file: str, page_exists: Callable[[str], bool] | None = None):
        self.file = file
        self.page_exists = page_exists  # "theory/x.md" or "theory/x.md#anchor" → exists?
        self.problems: list[Problem] = []
        self.broken_items: set[str] = set()  # ids of items that failed validation
        self.action_ids: dict[str, int] = {}  # action id → line (unique in an assessment)

    def link_exists(self, target: str) -> bool:
        """Whether a docs-relative link target exists (always true when pages are unknown)."""
        return self.page_exists is None or self.page_exists(target)

    def keys(self, shape: str) -> tuple[Key, ...]:
        """The declared keys of a mapping (the assessment format; other formats override)."""
        return keys(shape)

    def fail(self, node: Node, message: str, code: str = "invalid") -> None:
        self.problems.append(where(self.file, node, message, code))

    @staticmethod
    def line(node: Node) -> int:
        return position(node)[0]

    @staticmethod
    def is_mapping(node: Node) -> bool:
        return isinstance(node, MappingNode)

    # ---------------------------------------------------------------- shapes

    def key_name(self, key: Node, what: str) -> str | None:
        """A mapping key as text; keys that are lists, mappings or odd text are problems."""
        name, message = values.text(key)
        if name is None:
            self.fail(key, f"keys in {what} must be text, got {values.describe(key)}", "type")
        return name if message is None else None

    def entries(self, node: Node, what: str, of: str) -> list[tuple[str, Node, Node]]:
        """(name, key node, value node) of a mapping whose keys the author chooses (ids)."""
        if not isinstance(node, MappingNode):
            self.fail(
                node, f"{what} must be a mapping of {of}, got {values.describe(node)}", "type"
            )
            return []
        out = []
        for key, value in node.value:
            name = self.key_name(key, what)
            if name is not None:
                out.append((name, key, value))
        return out

    def fields(self, node: Node, shape: str, what: str, owner: str | None = None) -> Fields | None:
        """Check a mapping against its declared keys and read its plain values.

        ``what`` names the mapping in messages about its keys; ``owner`` (default ``what``)
        fills each key's label ("text of item 'a'")."""
        declared = {k.name: k for k in self.keys(shape)}
        if not isinstance(node, MappingNode):
            self.fail(
                node, f"{what} must be a mapping (key: value), got {values.describe(node)}", "type"
            )
            return None
        found = Fields()
        suggested: set[str] = set()
        for key, value in node.value:
            name = self.key_name(key, what)
            if name is None:
                continue
            if name not in declared:
                hint = did_you_mean(name, declared)
                suggested.add(hint.split("'")[1] if hint else "")
                if not hint and node.flow_style and " " in name.strip():
                    hint = " (a comma or colon inside { } splits the text: put the text in quotes)"
                self.fail(key, f"unknown key '{name}' in {what}{hint}", "unknown-key")
                continue
            found.nodes.setdefault(name, value)
        for name, spec in declared.items():
            if spec.required and name not in found and name not in suggested:
                self.fail(node, f"{what} is missing required key '{name}'", "missing-key")
        for name, value in found.nodes.items():
            spec = declared[name]
            if spec.read is not None:
                result = self.read(value, spec, owner or what)
                if result is None:
                    found.failed.add(name)
                else:
                    found.values[name] = result
        return found

    def read(self, node: Node, key: Key, owner: str) -> Any:
        what = key.what(owner)
        reader = {
            "text": self.text,
            "localized": self.localized,
            "markdown": self.markdown,
            "ident": self.ident,
            "count": self.count,
            "number": self.number,
            "boolean": self.boolean,
        }[key.read or "text"]
        return reader(node, what)

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.fail(node, f"{what} must be a list, got {values.describe(node)}", "type")
            return None
        return list(node.value)

    # ---------------------------------------------------------------- plain values

    def _checked(self, result: values.Result, node: Node, what: str, code: str) -> Any:
        value, message = result
        if message is not None:
            self.fail(node, f"{what} {message}", "empty" if message == "is empty" else code)
            return None
        return value

    def text(self, node: Node, what: str) -> str | None:
        return self._checked(values.text(node), node, what, "type")

    def localized(self, node: Node, what: str) -> Text | None:
        if isinstance(node, MappingNode):
            parts = self.fields(node, "translations", what)
            if parts is None or not parts.ok or any(lang not in parts.values for lang in LANGUAGES):
                return None
            return Text(nb=parts.values["nb"], en=parts.values["en"])
        value = self.text(node, what)
        return Text(value, value) if value is not None else None

    def markdown(self, node: Node, what: str) -> Text | None:
        """Localized Markdown: no raw HTML, links only to the web (http, https), e-mail or pages
        of the handbook (checked when ``page_exists`` is known)."""
        text = self.localized(node, what)
        if text is not None:
            for message in dict.fromkeys(m for t in (text.nb, text.en) for m in unsafe_markdown(t)):
                self.fail(node, f"{what} {message}", "unsafe")
            if any(unsafe_markdown(t) for t in (text.nb, text.en)):
                return None
        if text is not None and self.page_exists is not None:
            found = [
                m.group(1) + (m.group(2) or "")
                for t in (text.nb, text.en)
                for m in MD_LINK.finditer(t)
            ]
            for target in dict.fromkeys(found):
                if not self.page_exists(target):
                    self.fail(
                        node, f"{what} links to '{target}', which does not exist", "unknown-link"
                    )
        return text

    def ident(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if (
            value is not None
            and isinstance(node, ScalarNode)
            and not node.style  # plain: None in pure Python, "" with libyaml
            and node.tag != "tag:yaml.org,2002:str"
        ):
            # `id: true` or `id: 12`: text to us, but a yes/no value or a number to YAML tools
            # (and to the JSON Schema editors check against). Quoting makes it text for all.
            self.fail(
                node,
                f"{what} '{values.printable(value)}' is not text to other YAML tools (they read "
                f"{values.describe(node)}); write it in quotes or choose another id",
                "ident",
            )
            return None
        if value is not None and not IDENT.fullmatch(value):
            self.fail(
                node,
                f"{what} '{values.printable(value)}' must use only a-z, 0-9, '-' and '_' "
                "and start with a letter or digit",
                "ident",
            )
            return None
        return value

    def count(self, node: Node, what: str) -> int | None:
        value = self._checked(values.integer(node), node, what, "type")
        if value is not None and value < 1:
            self.fail(node, f"{what} must be at least 1, got {value}", "range")
            return None
        return value

    def number(self, node: Node, what: str) -> int | float | None:
        return self._checked(values.number(node), node, what, "type")

    def boolean(self, node: Node, what: str) -> bool | None:
        return self._checked(values.boolean(node), node, what, "type")

    def choice(self, node: Node, what: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in allowed:
            self.fail(
                node,
                f"{what} must be {_alternatives(allowed)}, got '{value}'"
                f"{did_you_mean(value, allowed)}",
                "choice",
            )
            return None
        return value


def _alternatives(allowed: tuple[str, ...]) -> str:
    quoted = [f"'{a}'" for a in allowed]
    return " or ".join(quoted) if len(quoted) == 2 else "one of " + ", ".join(quoted)


def raw_value(node: Node, key_name: str) -> str:
    """A scalar under ``key_name``, read leniently ('' when it can't be told)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, ScalarNode)
                and key.value == key_name
                and isinstance(value, ScalarNode)
            ):
                return value.value
    return ""


def shown_value(node: Node, key_name: str) -> str:
    """``raw_value`` as messages show it (one line, odd characters escaped)."""
    return values.printable(raw_value(node, key_name))
