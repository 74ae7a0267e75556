"""Assessment YAML (format v1) → immutable, typed spec objects, with every problem located.

The validators walk PyYAML *nodes*, so each problem points at the exact line and column of
the value that is wrong, and they collect problems instead of stopping at the first one.
Format reference: ``shared/DESIGN.md`` §3.1 and ``CONTRIBUTING.md``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import scoring
from .markdown_text import MD_LINK
from .problems import HandbookError, Problem, did_you_mean
from .yamlnodes import compose_file, compose_text, where

LANGUAGES = ("nb", "en")
IDENT = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ASSESSMENT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
METHODS = ("mean", "sum")
KINDS = ("reflection", "knowledge")
_TAG = "tag:yaml.org,2002:"


# --------------------------------------------------------------------------- spec objects


@dataclass(frozen=True)
class Text:
    """A localized string: one text per language."""

    nb: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nb

    def to_dict(self) -> dict[str, str]:
        return {"nb": self.nb, "en": self.en}


@dataclass(frozen=True)
class Option:
    value: int | float
    label: Text
    points: int | float | None = None  # what the option counts, when not its value


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    options: tuple[Option, ...]
    dimension: str
    reverse: bool = False
    scale: str | None = None
    explain: Text | None = None
    line: int = 0


@dataclass(frozen=True)
class Band:
    id: str
    upto: int | float | None
    label: Text
    feedback: Text


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text
    method: str
    min_answered: int
    bands: tuple[Band, ...]
    about: Text | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    label: Text
    feedback: Text


@dataclass(frozen=True)
class Profile:
    id: str
    title: Text
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Example:
    answers: tuple[tuple[str, int | float | None], ...]
    expect: dict[str, Any]
    line: int = 0


@dataclass(frozen=True)
class Spec:
    id: str
    version: int
    title: Text
    intro: Text
    items: tuple[Item, ...]
    dimensions: tuple[Dimension, ...]
    profiles: tuple[Profile, ...] = ()
    examples: tuple[Example, ...] = ()
    chapter: str | None = None
    minutes: int | None = None
    kind: str = "reflection"
    about: Text | None = None
    file: str = field(default="", compare=False)

    def dimension(self, dim_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dim_id)

    def items_of(self, dim_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.dimension == dim_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able spec that ``handbook.scoring`` and the browser read."""
        return to_dict(self)


def _option_dict(option: Option) -> dict[str, Any]:
    out: dict[str, Any] = {"value": option.value, "label": option.label.to_dict()}
    if option.points is not None:
        out["points"] = option.points
    return out


def to_dict(spec: Spec) -> dict[str, Any]:
    return {
        "format": 1,
        "id": spec.id,
        "version": spec.version,
        "kind": spec.kind,
        "title": spec.title.to_dict(),
        "items": [
            {
                "id": item.id,
                "dimension": item.dimension,
                "reverse": item.reverse,
                "options": [_option_dict(o) for o in item.options],
            }
            for item in spec.items
        ],
        "dimensions": {
            d.id: {
                "method": d.method,
                "min_answered": d.min_answered,
                "bands": [{"id": b.id, "upto": b.upto} for b in d.bands],
            }
            for d in spec.dimensions
        },
        "profiles": {
            p.id: {
                "rules": [{"id": r.id, "when": {k: list(v) for k, v in r.when}} for r in p.rules]
            }
            for p in spec.profiles
        },
    }


# --------------------------------------------------------------------------- node helpers


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.removeprefix(_TAG)
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return {
        "str": f"text '{shown}'",
        "int": f"the whole number {shown}",
        "float": f"the number {shown}",
        "bool": f"{shown} (true/false)",
        "null": "nothing",
    }.get(tag, f"a value of type {tag}")


_CONSTRUCTOR = yaml.SafeLoader("")


def _scalar_value(node: ScalarNode) -> Any:
    return _CONSTRUCTOR.construct_object(node)


class _Checker:
    """Collects problems for one file while building spec objects."""

    def __init__(self, file: str, page_exists: Callable[[str], bool] | None = None):
        self.file = file
        self.page_exists = page_exists
        self.problems: list[Problem] = []
        self.broken_items: set[str] = set()  # ids of items that failed validation

    def fail(self, node: Node, message: str, code: str = "invalid") -> None:
        self.problems.append(where(self.file, node, message, code))

    # -- shapes

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{what} must be a mapping (key: value), got {_describe(node)}", "type")
            return None
        required = list(required)
        allowed = required + list(optional)
        out: dict[str, Node] = {}
        suggested: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name is None:
                self.fail(key, f"keys in {what} must be text")
                continue
            if name not in allowed:
                hint = did_you_mean(name, allowed)
                suggested.add(hint.split("'")[1] if hint else "")
                if not hint and node.flow_style and " " in name.strip():
                    hint = " (a comma or colon inside { } splits the text: put the text in quotes)"
                self.fail(key, f"unknown key '{name}' in {what}{hint}", "unknown-key")
                continue
            out.setdefault(name, value)
        for name in required:
            if name not in out and name not in suggested:
                self.fail(node, f"{what} is missing required key '{name}'", "missing-key")
        return out

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.fail(node, f"{what} must be a list, got {_describe(node)}", "type")
            return None
        return list(node.value)

    def text(self, node: Node, what: str) -> str | None:
        """Any scalar written in the file is text, as written (so ``Yes`` stays "Yes")."""
        if not isinstance(node, ScalarNode) or (node.tag == _TAG + "null" and node.style is None):
            self.fail(node, f"{what} must be text, got {_describe(node)}", "type")
            return None
        if not node.value.strip():
            self.fail(node, f"{what} is empty", "empty")
            return None
        return node.value

    def localized(self, node: Node, what: str) -> Text | None:
        if isinstance(node, MappingNode):
            parts = self.mapping(node, what, LANGUAGES)
            if parts is None:
                return None
            values = {lang: self.text(n, f"{what} ({lang})") for lang, n in parts.items()}
            if any(values.get(lang) is None for lang in LANGUAGES):
                return None
            return Text(nb=values["nb"] or "", en=values["en"] or "")
        value = self.text(node, what)
        return Text(value, value) if value is not None else None

    def links(self, node: Node, text: Text | None, what: str) -> None:
        """Report Markdown links to pages that do not exist (needs ``page_exists``)."""
        if text is None or self.page_exists is None:
            return
        found = [m.group(1) for t in (text.nb, text.en) for m in MD_LINK.finditer(t)]
        for target in dict.fromkeys(found):
            if not self.page_exists(target):
                self.fail(node, f"{what} links to '{target}', which does not exist", "unknown-link")

    def ident(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not IDENT.match(value):
            self.fail(
                node,
                f"{what} '{value}' must use only a-z, 0-9, '-' and '_' "
                "and start with a letter or digit",
                "ident",
            )
            return None
        return value

    def integer(self, node: Node, what: str, minimum: int | None = None) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "int":
            self.fail(node, f"{what} must be a whole number, got {_describe(node)}", "type")
            return None
        value = int(_scalar_value(node))
        if minimum is not None and value < minimum:
            self.fail(node, f"{what} must be at least {minimum}, got {value}", "range")
            return None
        return value

    def number(self, node: Node, what: str) -> int | float | None:
        if not isinstance(node, ScalarNode) or node.tag not in (_TAG + "int", _TAG + "float"):
            self.fail(node, f"{what} must be a number, got {_describe(node)}", "type")
            return None
        value = _scalar_value(node)
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(node, f"{what} must be a finite number", "range")
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "bool":
            self.fail(node, f"{what} must be true or false, got {_describe(node)}", "type")
            return None
        return bool(_scalar_value(node))


# --------------------------------------------------------------------------- the format

TOP_REQUIRED = ("id", "version", "title", "intro", "items", "dimensions")
TOP_OPTIONAL = ("chapter", "minutes", "kind", "about", "scales", "profiles", "examples")
ITEM_REQUIRED = ("id", "text", "dimension")
ITEM_OPTIONAL = ("scale", "options", "reverse", "explain")
DIM_REQUIRED = ("title", "bands")
DIM_OPTIONAL = ("method", "min_answered", "about")
BAND_REQUIRED = ("id", "label", "feedback")
BAND_OPTIONAL = ("upto",)


def _options(c: _Checker, node: Node, what: str) -> tuple[Option, ...] | None:
    seq = c.sequence(node, what)
    if seq is None:
        return None
    out: list[Option] = []
    seen: dict[float, Node] = {}
    ok = True
    for i, opt_node in enumerate(seq, 1):
        parts = c.mapping(opt_node, f"option {i} of {what}", ("value", "label"), ("points",))
        if parts is None or "value" not in parts or "label" not in parts:
            ok = False
            continue
        value = c.number(parts["value"], f"value of option {i} in {what}")
        label = c.localized(parts["label"], f"label of option {i} in {what}")
        if value is not None and value in seen:
            c.fail(parts["value"], f"value {value} appears twice in {what}", "duplicate")
            ok = False
        points = None
        if "points" in parts:
            points = c.number(parts["points"], f"points of option {i} in {what}")
            ok = ok and points is not None
        if value is None or label is None:
            ok = False
            continue
        seen[value] = parts["value"]
        out.append(Option(value, label, points))
    if len(seq) < 2:
        c.fail(node, f"{what} needs at least 2 options, got {len(seq)}", "range")
        return None
    with_points = [o for o in out if o.points is not None]
    if ok and with_points and len(with_points) != len(out):
        c.fail(node, f"either every option of {what} has 'points' or none has", "points")
        return None
    return tuple(out) if ok else None


def _scales(c: _Checker, node: Node) -> dict[str, tuple[Option, ...] | None]:
    scales: dict[str, tuple[Option, ...] | None] = {}
    if not isinstance(node, MappingNode):
        c.fail(node, f"scales must be a mapping of scale names, got {_describe(node)}", "type")
        return scales
    for key, value in node.value:
        name = c.ident(key, "scale name")
        if name is None:
            continue
        body = c.mapping(value, f"scale '{name}'", ("options",))
        scales[name] = (
            _options(c, body["options"], f"scale '{name}'") if body and "options" in body else None
        )
    return scales


def _item(c: _Checker, node: Node, scales: dict[str, Any], dims: set[str]) -> Item | None:
    raw_id = _raw_value(node, "id")
    parts = c.mapping(node, f"item '{raw_id}'" if raw_id else "item", ITEM_REQUIRED, ITEM_OPTIONAL)
    if parts is None:
        return None
    item_id = c.ident(parts["id"], "item id") if "id" in parts else None
    label = f"item '{item_id}'" if item_id else "item"
    text = c.localized(parts["text"], f"text of {label}") if "text" in parts else None
    options: tuple[Option, ...] | None = None
    scale_name: str | None = None
    if "scale" in parts and "options" in parts:
        c.fail(parts["options"], f"{label} has both 'scale' and 'options'; keep one", "conflict")
    elif "scale" in parts:
        scale_name = c.text(parts["scale"], f"scale of {label}")
        if scale_name is not None:
            if scale_name not in scales:
                c.fail(
                    parts["scale"],
                    f"unknown scale '{scale_name}' in {label}{did_you_mean(scale_name, scales)}",
                    "unknown-ref",
                )
            else:
                options = scales[scale_name]
    elif "options" in parts:
        options = _options(c, parts["options"], f"options of {label}")
    else:
        c.fail(node, f"{label} needs either 'scale' or 'options'", "missing-key")
    dimension = None
    if "dimension" in parts:
        dimension = c.text(parts["dimension"], f"dimension of {label}")
        if dimension is not None and dimension not in dims:
            c.fail(
                parts["dimension"],
                f"unknown dimension '{dimension}' in {label}{did_you_mean(dimension, dims)}",
                "unknown-ref",
            )
            dimension = None
    reverse = c.boolean(parts["reverse"], f"'reverse' of {label}") if "reverse" in parts else False
    explain = None
    if "explain" in parts:
        explain = c.localized(parts["explain"], f"explanation of {label}")
        c.links(parts["explain"], explain, f"explanation of {label}")
    if None in (item_id, text, options, dimension, reverse) or ("explain" in parts and not explain):
        return None
    assert item_id and text and options and dimension is not None
    return Item(
        item_id,
        text,
        options,
        dimension,
        bool(reverse),
        scale_name,
        explain,
        node.start_mark.line + 1,
    )


def _bands(c: _Checker, node: Node, dim: str) -> tuple[Band, ...] | None:
    seq = c.sequence(node, f"bands of dimension '{dim}'")
    if seq is None:
        return None
    if not seq:
        c.fail(node, f"dimension '{dim}' needs at least one band", "range")
        return None
    bands: list[Band] = []
    ok = True
    previous: tuple[float, Node] | None = None
    ids: set[str] = set()
    for i, band_node in enumerate(seq, 1):
        last = i == len(seq)
        parts = c.mapping(band_node, f"band {i} of dimension '{dim}'", BAND_REQUIRED, BAND_OPTIONAL)
        if parts is None:
            ok = False
            continue
        band_id = c.ident(parts["id"], "band id") if "id" in parts else None
        name = f"band '{band_id}' of dimension '{dim}'" if band_id else f"band {i} of '{dim}'"
        if band_id in ids:
            c.fail(
                parts["id"], f"band id '{band_id}' is used twice in dimension '{dim}'", "duplicate"
            )
            ok = False
        ids.add(band_id or "")
        upto = None
        if "upto" in parts:
            upto = c.number(parts["upto"], f"'upto' of {name}")
            if last:
                c.fail(
                    parts["upto"],
                    f"the last band ({name}) must not have 'upto': it takes "
                    "every score above the band before it",
                    "last-band-upto",
                )
                ok = False
            elif upto is not None and previous is not None and upto <= previous[0]:
                c.fail(
                    parts["upto"],
                    f"bands must be in increasing order: 'upto' {upto} of "
                    f"{name} is not above {previous[0]} on line "
                    f"{previous[1].start_mark.line + 1}",
                    "band-order",
                )
                ok = False
            if upto is not None:
                previous = (upto, parts["upto"])
        elif not last:
            c.fail(band_node, f"{name} needs 'upto' (only the last band has none)", "missing-key")
            ok = False
        label = c.localized(parts["label"], f"label of {name}") if "label" in parts else None
        feedback = (
            c.localized(parts["feedback"], f"feedback of {name}") if "feedback" in parts else None
        )
        if feedback is not None:
            c.links(parts["feedback"], feedback, f"feedback of {name}")
        if None in (band_id, label, feedback) or ("upto" in parts and upto is None):
            ok = False
            continue
        assert band_id and label and feedback
        bands.append(Band(band_id, upto, label, feedback))
    return tuple(bands) if ok else None


def _dimensions(c: _Checker, node: Node) -> tuple[dict[str, Dimension], dict[str, Node]]:
    dims: dict[str, Dimension] = {}
    nodes: dict[str, Node] = {}
    if not isinstance(node, MappingNode):
        c.fail(
            node, f"dimensions must be a mapping of dimension ids, got {_describe(node)}", "type"
        )
        return dims, nodes
    if not node.value:
        c.fail(node, "dimensions is empty; add at least one dimension", "range")
    for key, value in node.value:
        dim_id = c.ident(key, "dimension id")
        if dim_id is None:
            continue
        nodes[dim_id] = key
        parts = c.mapping(value, f"dimension '{dim_id}'", DIM_REQUIRED, DIM_OPTIONAL)
        if parts is None:
            continue
        title = (
            c.localized(parts["title"], f"title of dimension '{dim_id}'")
            if "title" in parts
            else None
        )
        method = "mean"
        if "method" in parts:
            m = c.text(parts["method"], f"method of dimension '{dim_id}'")
            if m is not None and m not in METHODS:
                c.fail(
                    parts["method"],
                    f"method of dimension '{dim_id}' must be 'mean' or 'sum', "
                    f"got '{m}'{did_you_mean(m, METHODS)}",
                    "choice",
                )
            method = m if m in METHODS else "mean"
        min_answered = 1
        if "min_answered" in parts:
            min_answered = c.integer(parts["min_answered"], f"min_answered of '{dim_id}'", 1) or 1
        about = (
            c.localized(parts["about"], f"about of dimension '{dim_id}'")
            if "about" in parts
            else None
        )
        bands = _bands(c, parts["bands"], dim_id) if "bands" in parts else None
        if title and bands:
            dims[dim_id] = Dimension(dim_id, title, method, min_answered, bands, about)
    return dims, nodes


def _profiles(c: _Checker, node: Node, dims: dict[str, Dimension]) -> tuple[Profile, ...]:
    out: list[Profile] = []
    if not isinstance(node, MappingNode):
        c.fail(node, f"profiles must be a mapping of profile ids, got {_describe(node)}", "type")
        return ()
    for key, value in node.value:
        prof_id = c.ident(key, "profile id")
        parts = c.mapping(value, f"profile '{prof_id}'", ("title", "rules"))
        if prof_id is None or parts is None:
            continue
        title = (
            c.localized(parts["title"], f"title of profile '{prof_id}'")
            if "title" in parts
            else None
        )
        rules: list[Rule] = []
        seq = (
            c.sequence(parts["rules"], f"rules of profile '{prof_id}'")
            if "rules" in parts
            else None
        )
        ids: set[str] = set()
        for rule_node in seq or []:
            r = c.mapping(
                rule_node, f"rule of profile '{prof_id}'", ("id", "when", "label", "feedback")
            )
            if r is None:
                continue
            rule_id = c.ident(r["id"], "rule id") if "id" in r else None
            name = f"rule '{rule_id}' of profile '{prof_id}'"
            if rule_id in ids:
                c.fail(
                    r["id"],
                    f"rule id '{rule_id}' is used twice in profile '{prof_id}'",
                    "duplicate",
                )
            ids.add(rule_id or "")
            when: list[tuple[str, tuple[str, ...]]] = []
            when_ok = "when" in r and isinstance(r["when"], MappingNode)
            if "when" in r and not when_ok:
                c.fail(r["when"], f"'when' of {name} must map dimension ids to band ids", "type")
            for dkey, bnode in r["when"].value if when_ok else []:
                dim_id = dkey.value
                if dim_id not in dims:
                    c.fail(
                        dkey,
                        f"unknown dimension '{dim_id}' in {name}{did_you_mean(dim_id, dims)}",
                        "unknown-ref",
                    )
                    when_ok = False
                    continue
                band_nodes = bnode.value if isinstance(bnode, SequenceNode) else [bnode]
                wanted: list[str] = []
                for bn in band_nodes:
                    band = c.text(bn, f"band in {name}")
                    known = [b.id for b in dims[dim_id].bands]
                    if band is not None and band not in known:
                        c.fail(
                            bn,
                            f"unknown band '{band}' for dimension '{dim_id}' in {name}"
                            f"{did_you_mean(band, known)}",
                            "unknown-ref",
                        )
                        when_ok = False
                    elif band is not None:
                        wanted.append(band)
                when.append((dim_id, tuple(wanted)))
            label = c.localized(r["label"], f"label of {name}") if "label" in r else None
            feedback = (
                c.localized(r["feedback"], f"feedback of {name}") if "feedback" in r else None
            )
            if feedback is not None:
                c.links(r["feedback"], feedback, f"feedback of {name}")
            if rule_id and when_ok and label and feedback:
                rules.append(Rule(rule_id, tuple(when), label, feedback))
        if title:
            out.append(Profile(prof_id, title, tuple(rules)))
    return tuple(out)


def _answer_value(c: _Checker, node: Node, what: str) -> tuple[bool, int | float | None]:
    if isinstance(node, ScalarNode) and node.tag == _TAG + "null":
        return True, None
    value = c.number(node, what)
    return value is not None, value


def _examples(
    c: _Checker,
    node: Node,
    items: dict[str, Item],
    spec_dims: dict[str, Dimension],
    profiles: tuple[Profile, ...],
) -> list[tuple[Example, dict[str, Node]]]:
    out: list[tuple[Example, dict[str, Node]]] = []
    seq = c.sequence(node, "examples")
    for n, ex_node in enumerate(seq or [], 1):
        parts = c.mapping(ex_node, f"example {n}", ("answers", "expect"))
        if parts is None or "answers" not in parts or "expect" not in parts:
            continue
        answers: list[tuple[str, int | float | None]] = []
        ok = True
        if not isinstance(parts["answers"], MappingNode):
            c.fail(parts["answers"], f"answers of example {n} must map item ids to values", "type")
            ok = False
        for key, value in parts["answers"].value if ok else []:
            item_id = key.value
            if item_id not in items and item_id in c.broken_items:
                ok = False  # the item itself is reported already
                continue
            if item_id not in items:
                c.fail(
                    key,
                    f"unknown item '{item_id}' in example {n}{did_you_mean(item_id, items)}",
                    "unknown-ref",
                )
                ok = False
                continue
            good, v = _answer_value(c, value, f"answer to '{item_id}' in example {n}")
            allowed = [o.value for o in items[item_id].options]
            if good and v is not None and v not in allowed:
                c.fail(
                    value,
                    f"answer {v} to '{item_id}' in example {n} is not one of its "
                    f"options ({', '.join(_fmt(a) for a in allowed)})",
                    "bad-answer",
                )
                ok = False
            answers.append((item_id, v))
        expect = c.mapping(
            parts["expect"],
            f"expect of example {n}",
            (),
            ("dimensions", "bands", "profiles", "complete"),
        )
        if expect is None:
            continue
        if not expect:
            c.fail(
                parts["expect"],
                f"expect of example {n} is empty; say what the scoring should give",
                "empty",
            )
            continue
        wanted: dict[str, Any] = {}
        where_: dict[str, Node] = {}
        for section in ("dimensions", "bands", "profiles"):
            if section not in expect:
                continue
            sect = expect[section]
            if not isinstance(sect, MappingNode):
                c.fail(sect, f"expect.{section} of example {n} must be a mapping", "type")
                ok = False
                continue
            names = spec_dims if section != "profiles" else {p.id: p for p in profiles}
            wanted[section] = {}
            for key, value in sect.value:
                name = key.value
                if name not in names:
                    c.fail(
                        key,
                        f"unknown {section[:-1]} '{name}' in expect of example {n}"
                        f"{did_you_mean(name, names)}",
                        "unknown-ref",
                    )
                    ok = False
                    continue
                where_[f"{section}.{name}"] = value
                if isinstance(value, ScalarNode) and value.tag == _TAG + "null":
                    wanted[section][name] = None
                elif section == "dimensions":
                    num = c.number(value, f"expected score of '{name}' in example {n}")
                    ok = ok and num is not None
                    wanted[section][name] = num
                else:
                    text = c.text(value, f"expected {section[:-1]} of '{name}' in example {n}")
                    ok = ok and text is not None
                    wanted[section][name] = text
        if "complete" in expect:
            flag = c.boolean(expect["complete"], f"expect.complete of example {n}")
            ok = ok and flag is not None
            wanted["complete"] = flag
            where_["complete"] = expect["complete"]
        if ok:
            out.append((Example(tuple(answers), wanted, ex_node.start_mark.line + 1), where_))
    return out


def _fmt(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _run_examples(c: _Checker, spec: Spec, examples: list[tuple[Example, dict[str, Node]]]) -> None:
    data = spec.to_dict()
    for n, (example, where_) in enumerate(examples, 1):
        result = scoring.score(data, dict(example.answers))
        for key, node in where_.items():
            if key == "complete":
                expected, actual = example.expect["complete"], result["complete"]
                same = expected == actual
                label = "'complete'"
            else:
                section, name = key.split(".", 1)
                expected = example.expect[section][name]
                if section == "profiles":
                    actual = result["profiles"][name]
                else:
                    field_ = "score" if section == "dimensions" else "band"
                    actual = result["dimensions"][name][field_]
                if section == "dimensions" and expected is not None and actual is not None:
                    same = math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
                else:
                    same = expected == actual
                label = {"dimensions": "score", "bands": "band", "profiles": "profile"}[section]
                label = f"{label} of '{name}'"
            if not same:
                c.fail(
                    node,
                    f"example {n} does not hold: expected {label} {_fmt(expected)}, "
                    f"scoring gives {_fmt(actual)}",
                    "example",
                )


def _reachability(c: _Checker, spec: Spec, nodes: dict[str, Node]) -> None:
    data = spec.to_dict()
    for dim in spec.dimensions:
        lo, hi = scoring.dimension_range(data, dim.id)
        bounded = [b for b in dim.bands if b.upto is not None]
        if bounded and bounded[0].upto is not None and bounded[0].upto < lo:
            c.fail(
                nodes[dim.id],
                f"band '{bounded[0].id}' of dimension '{dim.id}' can never be "
                f"reached: its 'upto' {_fmt(bounded[0].upto)} is below the lowest possible "
                f"score {_fmt(lo)}",
                "unreachable",
            )
        if len(bounded) >= 1 and bounded[-1].upto is not None and bounded[-1].upto >= hi:
            c.fail(
                nodes[dim.id],
                f"the last band of dimension '{dim.id}' can never be reached: "
                f"'upto' {_fmt(bounded[-1].upto)} of band '{bounded[-1].id}' already covers the "
                f"highest possible score {_fmt(hi)}",
                "unreachable",
            )


def _raw_value(node: Node, key_name: str) -> str:
    """A scalar under ``key_name``, read leniently ('' when it can't be told)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == key_name and isinstance(value, ScalarNode):
                return value.value
    return ""


def build_spec(
    file: str,
    root: Node,
    expected_id: str | None = None,
    chapter_exists: Callable[[str], bool] | None = None,
) -> tuple[Spec | None, list[Problem]]:
    """Validate a composed document and build its spec; problems are collected, not raised."""
    c = _Checker(file, chapter_exists)
    top = c.mapping(root, "the assessment", TOP_REQUIRED, TOP_OPTIONAL)
    if top is None:
        return None, c.problems
    spec_id = None
    if "id" in top:
        spec_id = c.text(top["id"], "id")
        if spec_id is not None and not ASSESSMENT_ID.match(spec_id):
            c.fail(top["id"], f"id '{spec_id}' must use only a-z, 0-9 and single hyphens", "ident")
        elif spec_id is not None and expected_id is not None and spec_id != expected_id:
            c.fail(
                top["id"], f"id '{spec_id}' must equal the file name '{expected_id}'", "id-mismatch"
            )
    version = c.integer(top["version"], "version", 1) if "version" in top else None
    title = c.localized(top["title"], "title") if "title" in top else None
    intro = c.localized(top["intro"], "intro") if "intro" in top else None
    about = c.localized(top["about"], "about") if "about" in top else None
    for key, text in (("intro", intro), ("about", about)):
        if key in top:
            c.links(top[key], text, key)
    chapter = None
    if "chapter" in top:
        chapter = c.text(top["chapter"], "chapter")
        if chapter is not None and chapter_exists is not None and not chapter_exists(chapter):
            c.fail(top["chapter"], f"chapter '{chapter}' does not exist", "unknown-ref")
    minutes = c.integer(top["minutes"], "minutes", 1) if "minutes" in top else None
    kind = "reflection"
    if "kind" in top:
        k = c.text(top["kind"], "kind")
        if k is not None and k not in KINDS:
            c.fail(
                top["kind"],
                f"kind must be one of {', '.join(KINDS)}, got '{k}'{did_you_mean(k, KINDS)}",
                "choice",
            )
        kind = k if k in KINDS else kind
    scales = _scales(c, top["scales"]) if "scales" in top else {}
    dims, dim_nodes = _dimensions(c, top["dimensions"]) if "dimensions" in top else ({}, {})
    all_dim_ids = set(dim_nodes)
    items: dict[str, Item] = {}
    item_count = 0
    broken: set[str] = set()
    for item_node in (c.sequence(top["items"], "items") or []) if "items" in top else []:
        item_count += 1
        item = _item(c, item_node, scales, all_dim_ids)
        if item is None:
            broken.add(_raw_value(item_node, "dimension"))
            c.broken_items.add(_raw_value(item_node, "id"))
        if isinstance(item_node, MappingNode):
            id_node = next((v for k, v in item_node.value if k.value == "id"), None)
            if item is not None and item.id in items and id_node is not None:
                c.fail(
                    id_node,
                    f"item id '{item.id}' is used twice (first on line {items[item.id].line})",
                    "duplicate",
                )
                continue
        if item is not None:
            items[item.id] = item
    if "items" in top and isinstance(top["items"], SequenceNode) and item_count == 0:
        c.fail(top["items"], "items is empty; add at least one item", "range")
    for dim_id, dim in list(dims.items()):
        count = sum(1 for i in items.values() if i.dimension == dim_id)
        if count == 0 and dim_id not in broken and "" not in broken:
            c.fail(dim_nodes[dim_id], f"dimension '{dim_id}' has no items", "unused")
        elif count and dim.min_answered > count:
            c.fail(
                dim_nodes[dim_id],
                f"min_answered of dimension '{dim_id}' is "
                f"{dim.min_answered}, but it has only {count} item(s)",
                "range",
            )
    profiles = _profiles(c, top["profiles"], dims) if "profiles" in top else ()
    structural_ok = not c.problems
    if not structural_ok or spec_id is None or version is None or not title or not intro:
        # Examples are still checked for shape so that authors see every problem at once.
        if "examples" in top:
            _examples(c, top["examples"], items, dims, profiles)
        return None, c.problems
    spec = Spec(
        spec_id,
        version,
        title,
        intro,
        tuple(items.values()),
        tuple(dims.values()),
        profiles,
        (),
        chapter,
        minutes,
        kind,
        about,
        file,
    )
    _reachability(c, spec, dim_nodes)
    if "examples" in top:
        examples = _examples(c, top["examples"], items, dims, profiles)
        if not c.problems:
            _run_examples(c, spec, examples)
        spec = Spec(**{**spec.__dict__, "examples": tuple(e for e, _ in examples)})
    if c.problems:
        return None, c.problems
    return spec, []


def load_text(
    text: str,
    file: str = "<string>",
    expected_id: str | None = None,
    chapter_exists: Callable[[str], bool] | None = None,
) -> Spec:
    """Load an assessment from text; raise HandbookError with every problem."""
    root, problems = compose_text(file, text)
    if root is None:
        raise HandbookError(problems)
    spec, problems = build_spec(file, root, expected_id, chapter_exists)
    if spec is None:
        raise HandbookError(problems)
    return spec


def load_file(
    path: str | Path,
    display: str | None = None,
    chapter_exists: Callable[[str], bool] | None = None,
) -> Spec:
    """Load ``assessments/<id>.yaml``; the id must equal the file stem."""
    path = Path(path)
    file = display or str(path)
    root, problems = compose_file(path, file)
    if root is None:
        raise HandbookError(problems)
    spec, problems = build_spec(file, root, path.stem, chapter_exists)
    if spec is None:
        raise HandbookError(problems)
    return spec


def load_all(
    paths: Iterable[str | Path], chapter_exists: Callable[[str], bool] | None = None
) -> tuple[list[Spec], list[Problem]]:
    """Load many files; return the good specs and every problem of the bad ones."""
    specs: list[Spec] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            specs.append(load_file(path, chapter_exists=chapter_exists))
        except HandbookError as exc:
            problems.extend(exc.problems)
    return specs, sorted(problems)


def assessment_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into their ``*.yaml``/``*.yml`` files, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            out.append(p)
    return out
