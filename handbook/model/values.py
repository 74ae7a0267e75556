"""What a YAML scalar means in the assessment format: text, whole numbers, numbers, true/false.

PyYAML resolves plain scalars by YAML 1.1 rules, which silently change some values. The readers
here decide what a value means and say so when it is not what an author most likely meant:

* Text is text as written (``Yes`` stays "Yes"), but never nothing (``~``, ``null``, empty),
  never a date (put it in quotes), never a control character, and never only invisible
  characters (zero-width spaces and the like).
* Numbers are plain decimals. YAML 1.1 numerals that mean something else — ``010`` is 8,
  ``0x10`` is 16, ``0b10`` is 2, ``1:30`` is 90, ``1_000`` is 1000 — are refused with the
  decimal to write instead. Numbers stay within JavaScript's safe integer range (±2⁵³ − 1), so
  the browser computes with exactly the values the tests compute with.
* true/false are ``true`` or ``false``; YAML 1.1's ``yes``/``no``/``on``/``off`` are refused.

Each reader returns ``(value, None)`` or ``(None, message)``; the message completes the
sentence "<what> …" and never contains a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

TAG = "tag:yaml.org,2002:"
MAX_SAFE = 2**53 - 1  # Number.MAX_SAFE_INTEGER
MAX_NUMBER_CHARS = 32
TEXT_TAGS = {TAG + "str", TAG + "int", TAG + "float", TAG + "bool"}
INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?")
BOOLEANS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
ALLOWED_CONTROLS = {"\n", "\t"}
# Characters that show nothing: format characters (zero-width space, joiners, BOM, soft hyphen)
# and every kind of space.
INVISIBLE_CATEGORIES = {"Cf", "Zs", "Zl", "Zp"}

Result = tuple[Any, str | None]
_RESOLVER = yaml.SafeLoader("")


def printable(value: str, limit: int = 40) -> str:
    """Author text as one line for a message: shortened, with odd characters escaped."""
    shown = value if len(value) <= limit else value[: limit - 3] + "..."
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in shown)


def explicit_tag(node: ScalarNode) -> bool:
    """Whether the author wrote a tag (``!!int x``) that YAML would not have given the value."""
    if node.tag == TAG + "str":
        return False
    return _RESOLVER.resolve(ScalarNode, node.value, (True, False)) != node.tag


def describe(node: Node) -> str:
    """How a value reads to an author: "text 'x'", "a list", "the whole number 5" …"""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.removeprefix(TAG)
    shown = printable(node.value)
    if node.tag.startswith(TAG) and explicit_tag(node):
        return f"a value tagged !!{tag} ('{shown}')"
    return {
        "str": f"text '{shown}'",
        "int": f"the whole number {shown}",
        "float": f"the number {shown}",
        "bool": f"{shown} (true/false)",
        "null": "nothing",
        "timestamp": f"the date {shown} (put it in quotes to use it as text)",
    }.get(tag, f"a value tagged {'!!' + tag if node.tag.startswith(TAG) else tag} ('{shown}')")


def text(node: Node) -> Result:
    """Any scalar written in the file is text, as written."""
    if not isinstance(node, ScalarNode) or node.tag not in TEXT_TAGS or explicit_tag(node):
        return None, f"must be text, got {describe(node)}"
    value = node.value
    for ch in value:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in ALLOWED_CONTROLS) or category == "Cs":
            return None, f"contains the control character U+{ord(ch):04X}; remove it"
    if not value.strip():
        return None, "is empty"
    if all(ch.isspace() or unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in value):
        return None, "contains only invisible characters"
    return value, None


def _yaml11(node: ScalarNode) -> Any:
    """What YAML 1.1 makes of a numeral (short inputs only); None when it can't be read."""
    if len(node.value) > MAX_NUMBER_CHARS:
        return None
    try:
        return yaml.SafeLoader("").construct_object(node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return None


def _numeral(node: ScalarNode, kind: str) -> Result:
    """A numeral PyYAML took for a number but that is not a plain decimal."""
    if node.value.lower().lstrip("+-") in (".inf", ".nan"):
        return None, f"must be a finite number, got {node.value}"
    meant = _yaml11(node)
    if not isinstance(meant, (int, float)) or isinstance(meant, bool) or meant != meant:
        return None, f"must be {kind}, got '{node.value}', which is not a decimal number"
    return None, (
        f"must be written as a plain decimal: YAML reads '{node.value}' as {meant}; "
        f"write {meant} if you mean that"
    )


def _in_range(value: int | float, raw: str) -> Result:
    if abs(value) > MAX_SAFE:
        return None, f"must lie between -{MAX_SAFE} and {MAX_SAFE}, got {raw}"
    return value, None


def _whole(node: ScalarNode, kind: str) -> Result:
    if len(node.value) > MAX_NUMBER_CHARS:
        return None, f"must lie between -{MAX_SAFE} and {MAX_SAFE}, got {len(node.value)} digits"
    if not INTEGER.fullmatch(node.value):
        return _numeral(node, kind)
    return _in_range(int(node.value), node.value)


def integer(node: Node) -> Result:
    """A whole number written in decimal, within the safe range."""
    if not isinstance(node, ScalarNode) or node.tag != TAG + "int":
        return None, f"must be a whole number, got {describe(node)}"
    return _whole(node, "a whole number")


def number(node: Node) -> Result:
    """A whole or decimal number, finite and within the safe range."""
    if not isinstance(node, ScalarNode) or node.tag not in (TAG + "int", TAG + "float"):
        return None, f"must be a number, got {describe(node)}"
    if node.tag == TAG + "int":
        return _whole(node, "a number")
    if len(node.value) > MAX_NUMBER_CHARS:
        return (
            None,
            f"must lie between -{MAX_SAFE} and {MAX_SAFE}, got {len(node.value)} characters",
        )
    if not DECIMAL.fullmatch(node.value):
        return _numeral(node, "a number")
    value = float(node.value)
    if value != value or value in (float("inf"), float("-inf")):
        return None, f"must be a finite number, got {node.value}"
    return _in_range(value, node.value)


def boolean(node: Node) -> Result:
    """``true`` or ``false``."""
    if isinstance(node, ScalarNode) and node.tag == TAG + "bool":
        if node.value in BOOLEANS:
            return BOOLEANS[node.value], None
        return None, f"must be true or false, got '{node.value}'; write true or false"
    return None, f"must be true or false, got {describe(node)}"


def is_null(node: Node) -> bool:
    """``~``, ``null`` or nothing at all."""
    return isinstance(node, ScalarNode) and node.tag == TAG + "null"


def shown(value: Any) -> str:
    """A value as messages show it: ``null``, ``true``, ``2.5``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
