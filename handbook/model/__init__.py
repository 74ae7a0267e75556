"""Assessment YAML (format v1) → immutable, typed spec objects, with every problem located.

The validators walk PyYAML *nodes*, so each problem points at the exact line and column of
the value that is wrong, and they collect problems instead of stopping at the first one.

Modules: ``spec`` (the typed spec and its JSON), ``format`` (every mapping and key, declared
once; the schema is built from it), ``values`` (what a scalar means), ``checker`` (reads shapes
and values, collects problems), ``items``, ``dimensions``, ``profiles``, ``examples`` (one
validator module per part), ``load`` (files → specs).
Format reference: ``shared/DESIGN.md`` §3.1 and ``CONTRIBUTING.md``.
"""

from .format import KINDS, LANGUAGES, METHODS
from .load import (
    ASSESSMENT_ID,
    assessment_files,
    build_spec,
    load_all,
    load_file,
    load_text,
)
from .spec import Action, Band, Dimension, Example, Group, Item, Option, Profile, Rule, Spec, Text

__all__ = [
    "ASSESSMENT_ID",
    "Action",
    "Group",
    "KINDS",
    "LANGUAGES",
    "METHODS",
    "Band",
    "Dimension",
    "Example",
    "Item",
    "Option",
    "Profile",
    "Rule",
    "Spec",
    "Text",
    "assessment_files",
    "build_spec",
    "load_all",
    "load_file",
    "load_text",
]
