"""The assessment format (v1), declared once: every mapping, its keys, and what each key holds.

One table drives both the loader (which keys are allowed or required, how a plain value is
read, what a message calls it) and ``handbook schema`` (the JSON Schema editors use). A test
proves that the two agree for every mapping. To extend the format, add an optional key here
and, when it holds more than a plain value, a validator in the module for its part.

Reading kinds for plain values (``Key.read``):
``text`` (text as written), ``localized`` (text or ``{nb, en}``), ``markdown`` (localized
Markdown), ``ident`` (a-z, 0-9, ``-``/``_``), ``count`` (a whole number ≥ 1), ``number``,
``boolean``. ``None`` marks a part with a validator of its own (items, bands …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .values import MAX_SAFE

LANGUAGES = ("nb", "en")
METHODS = ("mean", "sum")
KINDS = ("reflection", "knowledge")
TONES = ("good", "neutral", "concern")  # what a band means for the reader; colours follow it
IDENT_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
ASSESSMENT_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def ref(name: str, **extra: Any) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", **extra}


TEXT = {"type": ["string", "number", "boolean"]}
SCHEMAS: dict[str, dict[str, Any]] = {
    "text": TEXT,
    "localized": ref("localized"),
    "markdown": ref("localized", description="Markdown."),
    # YAML reads a plain `no` or `12` as a yes/no value or a number; the loader asks for quotes
    # there, and the schema says the same by accepting text only.
    "ident": {"type": "string", "pattern": IDENT_PATTERN},
    "count": {"type": "integer", "minimum": 1, "maximum": MAX_SAFE},
    "number": {"type": "number", "minimum": -MAX_SAFE, "maximum": MAX_SAFE},
    "boolean": {"type": "boolean"},
}


@dataclass(frozen=True)
class Key:
    """One key of a mapping in the format."""

    name: str
    required: bool
    read: str | None  # how a plain value is read (see the module docstring); None: a part
    label: str = "{name} of {owner}"  # what messages call the value
    schema: dict[str, Any] = field(default_factory=dict)  # for parts and special values
    description: str = ""

    def schema_fragment(self) -> dict[str, Any]:
        fragment = dict(self.schema) if self.schema else dict(SCHEMAS[self.read or "text"])
        if self.description:
            fragment["description"] = self.description
        return fragment

    def what(self, owner: str) -> str:
        return self.label.format(name=self.name, owner=owner)


def required(name: str, read: str | None, label: str = "{name} of {owner}", **kw: Any) -> Key:
    return Key(name, True, read, label, **kw)


def optional(name: str, read: str | None, label: str = "{name} of {owner}", **kw: Any) -> Key:
    return Key(name, False, read, label, **kw)


OPTIONS_SCHEMA = {"type": "array", "minItems": 2, "items": ref("option")}

SHAPES: dict[str, tuple[Key, ...]] = {
    "assessment": (
        required(
            "id",
            None,
            "id",
            schema={"type": "string", "pattern": ASSESSMENT_ID_PATTERN},
            description="Equals the file name without .yaml.",
        ),
        required(
            "version",
            "count",
            "version",
            description="Bump when scoring changes; stored results keep theirs.",
        ),
        required("title", "localized", "title"),
        required("intro", "markdown", "intro"),
        required("items", None, schema={"type": "array", "minItems": 1, "items": ref("item")}),
        required(
            "dimensions",
            None,
            schema={
                "type": "object",
                "minProperties": 1,
                "propertyNames": SCHEMAS["ident"],
                "additionalProperties": ref("dimension"),
            },
        ),
        optional(
            "chapter",
            "text",
            "chapter",
            description="Path of the chapter, e.g. theory/demand-control-support.md",
        ),
        optional("minutes", "count", "minutes"),
        optional("kind", None, "kind", schema={"enum": list(KINDS), "default": "reflection"}),
        optional(
            "about",
            "markdown",
            "about",
            description="Markdown: what the assessment is modelled on, with sources.",
        ),
        optional(
            "scales",
            None,
            schema={
                "type": "object",
                "propertyNames": SCHEMAS["ident"],
                "additionalProperties": ref("scale"),
            },
        ),
        optional(
            "profiles",
            None,
            schema={
                "type": "object",
                "propertyNames": SCHEMAS["ident"],
                "additionalProperties": ref("profile"),
            },
        ),
        optional("examples", None, schema={"type": "array", "items": ref("example")}),
        optional(
            "groups",
            None,
            schema={
                "type": "object",
                "propertyNames": SCHEMAS["ident"],
                "additionalProperties": ref("group"),
            },
            description="Groups of dimensions for the overview of a long result.",
        ),
    ),
    "group": (required("title", "localized"),),
    "translations": (
        required("nb", "text", "{owner} (nb)"),
        required("en", "text", "{owner} (en)"),
    ),
    "scale": (required("options", None, schema=OPTIONS_SCHEMA),),
    "option": (
        required("value", "number", description="Identifies the option."),
        required("label", "localized"),
        optional("points", "number", description="What it counts, if not its value."),
    ),
    "item": (
        required("id", "ident", "item id"),
        required("text", "localized"),
        required("dimension", "text"),
        optional("scale", "text"),
        optional("options", None, schema=OPTIONS_SCHEMA),
        optional(
            "reverse",
            "boolean",
            "'reverse' of {owner}",
            schema={"type": "boolean", "default": False},
        ),
        optional(
            "explain",
            "markdown",
            "explanation of {owner}",
            description="Markdown shown after scoring (knowledge checks).",
        ),
    ),
    "dimension": (
        required("title", "localized"),
        required("bands", None, schema={"type": "array", "minItems": 1, "items": ref("band")}),
        optional("method", None, schema={"enum": list(METHODS), "default": "mean"}),
        optional("min_answered", "count"),
        optional("about", "markdown"),
        optional("group", "text", description="The id of a group in 'groups'."),
    ),
    "band": (
        required("id", "ident", "band id"),
        optional("upto", "number", "'upto' of {owner}"),
        required("label", "localized"),
        required("feedback", "markdown"),
        optional(
            "discuss",
            "markdown",
            "discussion questions of {owner}",
            description="Markdown: questions for a group where some fall in this band "
            "(shown in the group report).",
        ),
        optional(
            "tone",
            None,
            schema={"enum": list(TONES), "default": "neutral"},
            description="What the band means for the reader: good, neutral or concern.",
        ),
        optional(
            "actions",
            None,
            schema={"type": "array", "items": ref("action")},
            description="Actions the result offers for this band (the reader's action plan).",
        ),
    ),
    "action": (
        required("id", "ident", "action id"),
        required("text", "localized"),
        optional("link", "text", description="A section that helps, e.g. practice/x.md#anchor."),
    ),
    "profile": (
        required("title", "localized"),
        required("rules", None, schema={"type": "array", "items": ref("rule")}),
    ),
    "rule": (
        required("id", "ident", "rule id"),
        required(
            "when",
            None,
            schema={
                "type": "object",
                "additionalProperties": {
                    "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
                },
            },
        ),
        required("label", "localized"),
        required("feedback", "markdown"),
    ),
    "example": (
        required(
            "answers",
            None,
            schema={
                "type": "object",
                "additionalProperties": {
                    "oneOf": [SCHEMAS["number"], {"type": "null"}],
                },
            },
        ),
        required("expect", None, schema={"$ref": "#/$defs/expect"}),
    ),
    "expect": (
        optional(
            "dimensions",
            None,
            schema={
                "type": "object",
                "additionalProperties": {"oneOf": [SCHEMAS["number"], {"type": "null"}]},
            },
        ),
        optional(
            "bands",
            None,
            schema={"type": "object", "additionalProperties": {"type": ["string", "null"]}},
        ),
        optional(
            "profiles",
            None,
            schema={"type": "object", "additionalProperties": {"type": ["string", "null"]}},
        ),
        optional("complete", "boolean", "expect.complete of {owner}"),
    ),
}


def keys(shape: str) -> tuple[Key, ...]:
    return SHAPES[shape]


def key_names(shape: str) -> list[str]:
    return [k.name for k in SHAPES[shape]]


def required_names(shape: str) -> list[str]:
    return [k.name for k in SHAPES[shape] if k.required]
