"""JSON Schema of the assessment YAML format (v1), for editors' YAML language servers.

The loader in ``handbook.model`` is the authority (it also checks references between parts,
band order and examples); this schema gives authors completion and early hints while typing.
"""

from __future__ import annotations

from typing import Any

from .model import (
    BAND_REQUIRED,
    DIM_REQUIRED,
    ITEM_REQUIRED,
    KINDS,
    LANGUAGES,
    METHODS,
    TOP_REQUIRED,
)

SCHEMA_ID = "https://krav-og-mestring.invalid/schema/assessment-v1.json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one ``assessments/<id>.yaml`` file."""
    ident = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"}
    text = {"type": ["string", "number", "boolean"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Krav og mestring self-assessment (format v1)",
        "type": "object",
        "additionalProperties": False,
        "required": list(TOP_REQUIRED),
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                "description": "Equals the file name without .yaml.",
            },
            "version": {
                "type": "integer",
                "minimum": 1,
                "description": "Bump when scoring changes; stored results keep theirs.",
            },
            "title": _ref("localized"),
            "intro": {**_ref("localized"), "description": "Markdown."},
            "about": {
                **_ref("localized"),
                "description": "Markdown: what the assessment is modelled on, with sources.",
            },
            "chapter": {
                "type": "string",
                "description": "Path of the chapter, e.g. theory/demand-control-support.md",
            },
            "minutes": {"type": "integer", "minimum": 1},
            "kind": {"enum": list(KINDS), "default": "reflection"},
            "scales": {
                "type": "object",
                "propertyNames": ident,
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["options"],
                    "properties": {"options": _ref("options")},
                },
            },
            "items": {"type": "array", "minItems": 1, "items": _ref("item")},
            "dimensions": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": ident,
                "additionalProperties": _ref("dimension"),
            },
            "profiles": {
                "type": "object",
                "propertyNames": ident,
                "additionalProperties": _ref("profile"),
            },
            "examples": {"type": "array", "items": _ref("example")},
        },
        "$defs": {
            "localized": {
                "description": "Plain text (same in all languages) or one text per language.",
                "oneOf": [
                    text,
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": list(LANGUAGES),
                        "properties": {lang: text for lang in LANGUAGES},
                    },
                ],
            },
            "options": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["value", "label"],
                    "properties": {
                        "value": {"type": "number", "description": "Identifies the option."},
                        "label": _ref("localized"),
                        "points": {
                            "type": "number",
                            "description": "What it counts, if not its value.",
                        },
                    },
                },
            },
            "item": {
                "type": "object",
                "additionalProperties": False,
                "required": list(ITEM_REQUIRED),
                "properties": {
                    "id": ident,
                    "text": _ref("localized"),
                    "scale": {"type": "string"},
                    "options": _ref("options"),
                    "dimension": {"type": "string"},
                    "reverse": {"type": "boolean", "default": False},
                    "explain": {
                        **_ref("localized"),
                        "description": "Markdown shown after scoring (knowledge checks).",
                    },
                },
                "oneOf": [{"required": ["scale"]}, {"required": ["options"]}],
            },
            "band": {
                "type": "object",
                "additionalProperties": False,
                "required": list(BAND_REQUIRED),
                "properties": {
                    "id": ident,
                    "upto": {"type": "number"},
                    "label": _ref("localized"),
                    "feedback": _ref("localized"),
                },
            },
            "dimension": {
                "type": "object",
                "additionalProperties": False,
                "required": list(DIM_REQUIRED),
                "properties": {
                    "title": _ref("localized"),
                    "about": _ref("localized"),
                    "method": {"enum": list(METHODS), "default": "mean"},
                    "min_answered": {"type": "integer", "minimum": 1, "default": 1},
                    "bands": {"type": "array", "minItems": 1, "items": _ref("band")},
                },
            },
            "profile": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "rules"],
                "properties": {
                    "title": _ref("localized"),
                    "rules": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "when", "label", "feedback"],
                            "properties": {
                                "id": ident,
                                "label": _ref("localized"),
                                "feedback": _ref("localized"),
                                "when": {
                                    "type": "object",
                                    "additionalProperties": {
                                        "oneOf": [
                                            {"type": "string"},
                                            {"type": "array", "items": {"type": "string"}},
                                        ]
                                    },
                                },
                            },
                        },
                    },
                },
            },
            "example": {
                "type": "object",
                "additionalProperties": False,
                "required": ["answers", "expect"],
                "properties": {
                    "answers": {
                        "type": "object",
                        "additionalProperties": {"type": ["number", "null"]},
                    },
                    "expect": {
                        "type": "object",
                        "additionalProperties": False,
                        "minProperties": 1,
                        "properties": {
                            "dimensions": {
                                "type": "object",
                                "additionalProperties": {"type": ["number", "null"]},
                            },
                            "bands": {
                                "type": "object",
                                "additionalProperties": {"type": ["string", "null"]},
                            },
                            "profiles": {
                                "type": "object",
                                "additionalProperties": {"type": ["string", "null"]},
                            },
                            "complete": {"type": "boolean"},
                        },
                    },
                },
            },
        },
    }
