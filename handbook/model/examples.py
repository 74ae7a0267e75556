"""Golden examples inside an assessment: answers and what the scoring must give for them."""

from __future__ import annotations

import math
from typing import Any

from yaml.nodes import Node

from .. import scoring
from ..problems import did_you_mean
from . import values
from .checker import Checker
from .spec import Dimension, Example, Item, Profile, Spec

Located = tuple[Example, dict[str, Node]]  # an example and the node of each expectation
SECTIONS = {"dimensions": "score", "bands": "band", "profiles": "profile"}


def _answers(c: Checker, node: Node, n: int, items: dict[str, Item]) -> list | None:
    answers: list[tuple[str, int | float | None]] = []
    ok = c.is_mapping(node)
    for item_id, key, value in c.entries(node, f"answers of example {n}", "item ids to values"):
        if item_id not in items:
            if item_id not in c.broken_items:  # else the item itself is reported already
                c.fail(
                    key,
                    f"unknown item '{item_id}' in example {n}{did_you_mean(item_id, items)}",
                    "unknown-ref",
                )
            ok = False
            continue
        v = (
            None
            if values.is_null(value)
            else c.number(value, f"answer to '{item_id}' in example {n}")
        )
        if v is None and not values.is_null(value):
            ok = False
            continue
        allowed = [o.value for o in items[item_id].options]
        if v is not None and v not in allowed:
            c.fail(
                value,
                f"answer {values.shown(v)} to '{item_id}' in example {n} is not one of its "
                f"options ({', '.join(values.shown(a) for a in allowed)})",
                "bad-answer",
            )
            ok = False
        answers.append((item_id, v))
    return answers if ok else None


def _expect(
    c: Checker, node: Node, n: int, dims: dict[str, Dimension], profiles: tuple[Profile, ...]
) -> tuple[dict[str, Any], dict[str, Node]] | None:
    f = c.fields(node, "expect", f"expect of example {n}", f"example {n}")
    if f is None:
        return None
    if not f.nodes and c.is_mapping(node):
        c.fail(node, f"expect of example {n} is empty; say what the scoring should give", "empty")
        return None
    ok = f.ok
    wanted: dict[str, Any] = {}
    where: dict[str, Node] = {}
    for section, label in SECTIONS.items():
        if section not in f:
            continue
        names = {p.id for p in profiles} if section == "profiles" else set(dims)
        wanted[section] = {}
        entries = c.entries(f[section], f"expect.{section} of example {n}", f"{section} to values")
        ok = ok and c.is_mapping(f[section])
        for name, key, value in entries:
            if name not in names:
                c.fail(
                    key,
                    f"unknown {section[:-1]} '{name}' in expect of example {n}"
                    f"{did_you_mean(name, names)}",
                    "unknown-ref",
                )
                ok = False
                continue
            where[f"{section}.{name}"] = value
            what = f"expected {label} of '{name}' in example {n}"
            if values.is_null(value):
                wanted[section][name] = None
                continue
            read = c.number(value, what) if section == "dimensions" else c.text(value, what)
            ok = ok and read is not None
            wanted[section][name] = read
    if "complete" in f.values:
        wanted["complete"] = f.values["complete"]
        where["complete"] = f["complete"]
    return (wanted, where) if ok else None


def examples(
    c: Checker,
    node: Node,
    items: dict[str, Item],
    dims: dict[str, Dimension],
    profiles: tuple[Profile, ...],
) -> list[Located]:
    """Read every example; an example with a problem is reported and left out."""
    out: list[Located] = []
    for n, ex_node in enumerate(c.sequence(node, "examples") or [], 1):
        f = c.fields(ex_node, "example", f"example {n}")
        if f is None or "answers" not in f or "expect" not in f:
            continue
        answers = _answers(c, f["answers"], n, items)
        expect = _expect(c, f["expect"], n, dims, profiles)
        if answers is not None and expect is not None:
            wanted, where = expect
            out.append(
                (Example(answers=tuple(answers), expect=wanted, line=c.line(ex_node)), where)
            )
    return out


def run(c: Checker, spec: Spec, examples: list[Located]) -> None:
    """Score each example and report every expectation that does not hold."""
    data = spec.to_dict()
    for n, (example, where) in enumerate(examples, 1):
        result = scoring.score(data, dict(example.answers))
        for key, node in where.items():
            if key == "complete":
                expected, actual = example.expect["complete"], result["complete"]
                same, label = expected == actual, "'complete'"
            else:
                section, name = key.split(".", 1)
                expected = example.expect[section][name]
                if section == "profiles":
                    actual = result["profiles"][name]
                else:
                    actual = result["dimensions"][name][
                        "score" if section == "dimensions" else "band"
                    ]
                if section == "dimensions" and expected is not None and actual is not None:
                    same = math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
                else:
                    same = expected == actual
                label = f"{SECTIONS[section]} of '{name}'"
            if not same:
                c.fail(
                    node,
                    f"example {n} does not hold: expected {label} {values.shown(expected)}, "
                    f"scoring gives {values.shown(actual)}",
                    "example",
                )
