"""Response options, named scales and items."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node

from ..problems import did_you_mean
from .checker import Checker, raw_value, shown_value
from .spec import Item, Option


def options(c: Checker, node: Node, what: str) -> tuple[Option, ...] | None:
    """A list of at least two options with distinct values; ``points`` on all or none."""
    seq = c.sequence(node, what)
    if seq is None:
        return None
    out: list[Option] = []
    seen: set[float] = set()
    ok = True
    for i, opt_node in enumerate(seq, 1):
        f = c.fields(opt_node, "option", f"option {i} of {what}", f"option {i} in {what}")
        if f is None or not f.ok or "value" not in f.values or "label" not in f.values:
            ok = False
            continue
        value = f.values["value"]
        if value in seen:
            c.fail(f["value"], f"value {value} appears twice in {what}", "duplicate")
            ok = False
            continue
        seen.add(value)
        out.append(Option(value=value, label=f.values["label"], points=f.get("points")))
    if len(seq) < 2:
        c.fail(node, f"{what} needs at least 2 options, got {len(seq)}", "range")
        return None
    with_points = [o for o in out if o.points is not None]
    if ok and with_points and len(with_points) != len(out):
        c.fail(node, f"either every option of {what} has 'points' or none has", "points")
        return None
    return tuple(out) if ok else None


def scales(c: Checker, node: Node) -> dict[str, tuple[Option, ...] | None]:
    found: dict[str, tuple[Option, ...] | None] = {}
    for _, key, value in c.entries(node, "scales", "scale names"):
        name = c.ident(key, "scale name")
        if name is None:
            continue
        f = c.fields(value, "scale", f"scale '{name}'")
        found[name] = options(c, f["options"], f"scale '{name}'") if f and "options" in f else None
    return found


def item(
    c: Checker, node: Node, known_scales: dict[str, tuple[Option, ...] | None], dims: set[str]
) -> Item | None:
    raw_id = shown_value(node, "id")
    label = f"item '{raw_id}'" if raw_id else "item"
    f = c.fields(node, "item", label)
    if f is None:
        return None
    chosen: tuple[Option, ...] | None = None
    if "scale" in f and "options" in f:
        c.fail(f["options"], f"{label} has both 'scale' and 'options'; keep one", "conflict")
    elif "scale" in f:
        name = f.get("scale")
        if name is not None and name not in known_scales:
            c.fail(
                f["scale"],
                f"unknown scale '{name}' in {label}{did_you_mean(name, known_scales)}",
                "unknown-ref",
            )
        elif name is not None:
            chosen = known_scales[name]
    elif "options" in f:
        chosen = options(c, f["options"], f"options of {label}")
    else:
        c.fail(node, f"{label} needs either 'scale' or 'options'", "missing-key")
    dimension = f.get("dimension")
    if dimension is not None and dimension not in dims:
        c.fail(
            f["dimension"],
            f"unknown dimension '{dimension}' in {label}{did_you_mean(dimension, dims)}",
            "unknown-ref",
        )
        dimension = None
    item_id, text = f.get("id"), f.get("text")
    if not f.ok or item_id is None or text is None or chosen is None or dimension is None:
        return None
    return Item(
        id=item_id,
        text=text,
        options=chosen,
        dimension=dimension,
        reverse=bool(f.get("reverse", False)),
        explain=f.get("explain"),
        line=c.line(node),
    )


def items(
    c: Checker, node: Node, known_scales: dict[str, tuple[Option, ...] | None], dims: set[str]
) -> tuple[dict[str, Item], set[str]]:
    """The items by id, and the dimensions of items that failed (their problems are known)."""
    found: dict[str, Item] = {}
    broken: set[str] = set()
    seq = c.sequence(node, "items")
    if seq is None:
        return found, broken
    if not seq:
        c.fail(node, "items is empty; add at least one item", "range")
    for item_node in seq:
        one = item(c, item_node, known_scales, dims)
        if one is None:
            broken.add(raw_value(item_node, "dimension"))
            c.broken_items.add(raw_value(item_node, "id"))
            continue
        if one.id in found and isinstance(item_node, MappingNode):
            id_node = next(v for k, v in item_node.value if getattr(k, "value", None) == "id")
            c.fail(
                id_node,
                f"item id '{one.id}' is used twice (first on line {found[one.id].line})",
                "duplicate",
            )
            continue
        found[one.id] = one
    return found, broken
