"""JSON Schema of the assessment YAML format (v1), for editors' YAML language servers.

Built from the one declaration of the format (``handbook.model.format``), so the schema and the
loader agree on which keys exist and which are required. The loader remains the authority on
everything a schema cannot say (references between parts, band order, examples).
"""

from __future__ import annotations

from typing import Any

from .model.format import SHAPES, TEXT, ref

SCHEMA_ID = "https://krav-og-mestring.invalid/schema/assessment-v1.json"


def shape_schema(shape: str) -> dict[str, Any]:
    """The object schema of one mapping of the format."""
    keys = SHAPES[shape]
    out: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {k.name: k.schema_fragment() for k in keys},
    }
    required = [k.name for k in keys if k.required]
    if required:
        out["required"] = required
    return out


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one ``assessments/<id>.yaml`` file."""
    defs = {shape: shape_schema(shape) for shape in SHAPES if shape != "assessment"}
    # An item takes its options from a named scale or lists them itself, not both.
    defs["item"]["oneOf"] = [{"required": ["scale"]}, {"required": ["options"]}]
    defs["expect"]["minProperties"] = 1
    defs["localized"] = {
        "description": "Plain text (same in all languages) or one text per language.",
        "oneOf": [TEXT, ref("translations")],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Krav og mestring self-assessment (format v1)",
        **shape_schema("assessment"),
        "$defs": defs,
    }
