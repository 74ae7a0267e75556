"""Read YAML into a node tree that remembers where every value came from.

We compose (not construct) so that each value keeps its ``start_mark``; the validators in
``handbook.model`` then decide what a scalar means. That avoids the two YAML 1.1 traps: a
label ``Yes`` stays text, and a duplicate key is reported instead of silently overwriting.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 50
FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def mark_position(mark: Mark) -> tuple[int, int]:
    """1-based (line, column) of a PyYAML mark: the one place where 0-based marks get + 1."""
    return mark.line + 1, mark.column + 1


def position(node: Node) -> tuple[int, int]:
    """1-based (line, column) where ``node`` starts."""
    return mark_position(node.start_mark)


def where(file: str, node: Node, message: str, code: str = "invalid") -> Problem:
    """A problem at ``node``'s start."""
    line, col = position(node)
    return Problem(file, line, col, message, code)


def _tabs(file: str, text: str) -> Iterator[Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            yield Problem(
                file,
                number,
                indent.index("\t") + 1,
                "tab character in indentation; YAML needs spaces (use 2 spaces per level)",
                "tab",
            )


def _walk(file: str, root: Node) -> Iterator[Problem]:
    """Reject aliases (they make 'billion laughs' bombs cheap), huge trees and duplicate keys."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    count = 0
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            yield where(
                file, node, "aliases (*name) are not supported; write the value out", "alias"
            )
            return
        seen.add(id(node))
        count += 1
        if count > MAX_NODES:
            yield where(file, node, f"file has more than {MAX_NODES} values; is it an assessment?")
            return
        if depth > MAX_DEPTH:
            yield where(file, node, f"values nested deeper than {MAX_DEPTH} levels")
            return
        if isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        first = position(keys[key.value])[0]
                        yield where(
                            file,
                            key,
                            f"duplicate key '{key.value}' (first defined on line {first})",
                            "duplicate-key",
                        )
                    else:
                        keys[key.value] = key
                stack.append((value, depth + 1))
        elif isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _compose(text: str) -> Node | None:
    """Compose with libyaml when PyYAML has it (about 4 times faster), else in pure Python.

    libyaml words its syntax errors differently and refuses deep nesting on its own terms;
    any error is therefore read again by the pure-Python loader, so that messages are the same
    with and without libyaml."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def compose_text(file: str, text: str) -> tuple[Node | None, list[Problem]]:
    """Compose YAML text into a node tree; return ``(None, problems)`` when it can't be read."""
    tab_problems = list(_tabs(file, text))
    if tab_problems:
        return None, tab_problems
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [
            Problem(
                file,
                1,
                1,
                "file is empty; an assessment needs at least "
                "'id', 'version', 'title', 'items' and 'dimensions'",
                "empty",
            )
        ]
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = mark_position(mark) if mark else (1, 1)
        what = exc.problem or exc.context or "cannot parse"
        if exc.context and exc.problem:
            started = mark_position(exc.context_mark)[0] if exc.context_mark else line
            what = (
                f"{exc.problem} ({exc.context.removeprefix('while ')} that starts on line "
                f"{started})"
            )
        return None, [Problem(file, line, col, f"YAML syntax error: {what}", "syntax")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, f"YAML error: {exc}", "syntax")]
    except RecursionError:
        return None, [Problem(file, 1, 1, f"values nested deeper than {MAX_DEPTH} levels")]
    if root is None:
        return None, [Problem(file, 1, 1, "file is empty", "empty")]
    problems = list(_walk(file, root))
    return (None if problems else root), problems


def compose_file(path: str | Path, display: str | None = None) -> tuple[Node | None, list[Problem]]:
    """Read a file as UTF-8 and compose it; decoding problems point at the bad byte."""
    path = Path(path)
    file = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, 0, 0, f"cannot read file: {exc.strerror or exc}", "io")]
    if len(data) > MAX_BYTES:
        return None, [Problem(file, 1, 1, f"file is larger than {MAX_BYTES // 1000} kB", "size")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                file,
                line,
                col,
                f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                "encoding",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return compose_text(file, text)
