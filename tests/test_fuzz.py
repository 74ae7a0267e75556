"""Mutation fuzzing of real assessments: the loader never raises anything but a located
HandbookError, and what it accepts the JSON Schema accepts too.

Each case takes one of the repo's own files, applies one to three mutations, and loads the
result. Mutations work on the data (types swapped, keys dropped, renamed or duplicated, values
replaced) and on the YAML text (tags, complex keys, control characters, YAML 1.1 numerals,
huge numbers, deep nesting), through placeholders that are swapped for raw YAML after dumping.
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.model import load_text
from handbook.problems import HandbookError
from handbook.schema import schema

FILES = ["demand-control-support", "knowledge-jdr", "team-mastery-climate", "leader-load"]
TEXTS = {
    name: (ROOT / "assessments" / f"{name}.yaml").read_text(encoding="utf-8") for name in FILES
}
DATA = {name: yaml.safe_load(text) for name, text in TEXTS.items()}
VALIDATOR = jsonschema.Draft202012Validator(schema())


class _AsWritten(yaml.SafeLoader):
    """PyYAML tags a plain `0x_` as an integer but cannot build one (ValueError). The loader
    reads it as text, as written, and so does a YAML 1.2 editor: build it as text here too, so
    that the schema sees what an editor sees."""


def _int_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_AsWritten.add_constructor("tag:yaml.org,2002:int", _int_or_text)

# Raw YAML put where a value was (as flow-style text, valid inside a line).
RAW_VALUES = [
    "!!int x",
    "!!bool maybe",
    "!!null",
    "!!null text",
    "!!str 5",
    "!custom v",
    "!!binary aGVp",
    "!!float nope",
    "!!timestamp x",
    "0x_",
    "010",
    "0x10",
    "0b10",
    "1:30",
    "1_000",
    "0o7",
    "1" * 5000,
    "9" * 400,
    "-" + "9" * 30,
    "9007199254740992",
    "1.0e400",
    ".inf",
    "-.inf",
    ".nan",
    "1e3",
    '"\\e[31m"',
    '"\\0"',
    '"\\u200b"',
    '" "',
    '"x\\n"',
    '"\\ud800"',
    "~",
    "''",
    "[" * 200 + "]" * 200,
    "{? [a, b]: 1}",
    "{? {a: 1}: b}",
    "[a, [b, [c]]]",
    "{}",
    "[]",
    "yes",
    "No",
    "on",
    "2026-12-06",
    "Ja",
    "-1",
    "0",
    "1.5",
    "&a x",
    "*a",
    '"<script>x</script>"',
]
PLAIN_VALUES = [None, True, False, 0, -1, 1.5, 10**20, "", "x", "low", [], {}, [1, 2], {"a": 1}]


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*path, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            out += _paths(value, (*path, n))
    return out


def _get(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(FILES))
    data = copy.deepcopy(DATA[name])
    raws: dict[str, str] = {}
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        op = draw(st.sampled_from(["swap", "raw", "drop", "rename", "duplicate", "complex-key"]))
        if op == "swap":
            parent[last] = draw(st.sampled_from(PLAIN_VALUES))
        elif op == "raw":
            marker = f"RAWVALUE{len(raws)}X"
            raws[marker] = draw(st.sampled_from(RAW_VALUES))
            parent[last] = marker
        elif op == "drop":
            del parent[last]
        elif op == "rename" and isinstance(parent, dict):
            value = parent.pop(last)
            parent[str(last)[:-1] + draw(st.sampled_from(["x", "", "s", "_"]))] = value
        elif op == "duplicate" and isinstance(parent, dict):
            marker = f"RAWKEY{len(raws)}X"
            raws[marker] = str(last)  # the same key again, later in the mapping
            parent[marker] = draw(st.sampled_from(PLAIN_VALUES))
        elif op == "complex-key" and isinstance(parent, dict):
            marker = f"RAWKEY{len(raws)}X"
            raws[marker] = draw(st.sampled_from(["? [a, b]\n", "? {a: 1}\n"]))
            parent[marker] = 1
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    for marker, raw in raws.items():
        if marker.startswith("RAWKEY") and raw.startswith("?"):
            # "RAWKEY0X: 1" at some indent → "? [a, b]\n<indent>: 1"
            lines = []
            for line in text.split("\n"):
                if f"{marker}:" in line:
                    indent = line[: len(line) - len(line.lstrip(" -"))]
                    pad = " " * len(indent)
                    lines.append(line.replace(f"{marker}:", raw.strip(), 1))
                    lines.append(pad + ":" + line.split(f"{marker}:", 1)[1])
                else:
                    lines.append(line)
            text = "\n".join(lines)
        else:
            text = text.replace(marker, raw)
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\n" + "\t", 1)  # a tab in the indentation, now and then
    return name, text


class _SchemaLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an int-looking scalar Python cannot read as a number
    (PyYAML 6 crashes on "0x_") stays text — as it does for the handbook's own loader."""


def _int_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_SchemaLoader.add_constructor("tag:yaml.org,2002:int", _int_or_text)


@settings(
    max_examples=800,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_assessments_give_located_errors_or_a_valid_spec(case: tuple[str, str]) -> None:
    name, text = case
    try:
        spec = load_text(text, f"{name}.yaml", name)
    except HandbookError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1 and problem.col >= 1, problem
            assert "\n" not in problem.message and "Traceback" not in problem.message
        return
    # Accepted by the loader: the schema must accept it too, and the spec must be JSON.
    data = yaml.load(text, Loader=_AsWritten)  # a SafeLoader that keeps `0x_` as text
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert errors == [], errors
    json.dumps(spec.to_dict(), allow_nan=False)


@pytest.mark.parametrize("name", FILES)
def test_unmutated_files_load(name: str) -> None:
    load_text(TEXTS[name], f"{name}.yaml", name)
