"""Dimensions and their bands, and whether every band can be reached."""

from __future__ import annotations

from yaml.nodes import Node

from .. import scoring
from ..problems import did_you_mean
from . import values
from .checker import Checker, shown_value
from .format import METHODS, TONES
from .spec import Action, Band, Dimension, Group, Spec


def actions(c: Checker, node: Node, owner: str) -> tuple[Action, ...] | None:
    """The actions a band offers: ids unique in the assessment, links to existing sections."""
    seq = c.sequence(node, f"actions of {owner}")
    if seq is None:
        return None
    found: list[Action] = []
    ok = True
    for i, action_node in enumerate(seq, 1):
        raw_id = shown_value(action_node, "id")
        name = f"action '{raw_id}' of {owner}" if raw_id else f"action {i} of {owner}"
        f = c.fields(action_node, "action", f"action {i} of {owner}", name)
        if f is None or not f.ok or "id" not in f.values or "text" not in f.values:
            ok = False
            continue
        action_id = f.values["id"]
        if action_id in c.action_ids:
            first = c.action_ids[action_id]
            c.fail(
                f["id"],
                f"action id '{action_id}' is used twice (first on line {first})",
                "duplicate",
            )
            ok = False
            continue
        c.action_ids[action_id] = c.line(f["id"])
        link = f.get("link")
        if link is not None and not c.link_exists(link):
            c.fail(
                f["link"],
                f"link of {name} points to '{link}', which does not exist",
                "unknown-link",
            )
            ok = False
        found.append(Action(id=action_id, text=f.values["text"], link=link))
    return tuple(found) if ok else None


def groups(c: Checker, node: Node) -> dict[str, Group]:
    found: dict[str, Group] = {}
    for _, key, value in c.entries(node, "groups", "group ids"):
        group_id = c.ident(key, "group id")
        f = c.fields(value, "group", f"group '{group_id}'")
        if group_id is not None and f is not None and f.get("title") is not None:
            found[group_id] = Group(id=group_id, title=f.values["title"])
    return found


def bands(c: Checker, node: Node, dim: str) -> tuple[Band, ...] | None:
    """Bands in increasing order of ``upto``; only the last has none."""
    seq = c.sequence(node, f"bands of dimension '{dim}'")
    if seq is None:
        return None
    if not seq:
        c.fail(node, f"dimension '{dim}' needs at least one band", "range")
        return None
    found: list[Band] = []
    ok = True
    previous: tuple[float, Node] | None = None
    ids: set[str] = set()
    for i, band_node in enumerate(seq, 1):
        last = i == len(seq)
        raw_id = shown_value(band_node, "id")
        name = f"band '{raw_id}' of dimension '{dim}'" if raw_id else f"band {i} of '{dim}'"
        f = c.fields(band_node, "band", f"band {i} of dimension '{dim}'", name)
        if f is None:
            ok = False
            continue
        band_id = f.get("id")
        if band_id is not None and band_id in ids:
            c.fail(f["id"], f"band id '{band_id}' is used twice in dimension '{dim}'", "duplicate")
            ok = False
        ids.add(band_id or "")
        upto = f.get("upto")
        if "upto" in f and last:
            c.fail(
                f["upto"],
                f"the last band ({name}) must not have 'upto': it takes "
                "every score above the band before it",
                "last-band-upto",
            )
            ok = False
        elif upto is not None and previous is not None and upto <= previous[0]:
            c.fail(
                f["upto"],
                f"bands must be in increasing order: 'upto' {upto} of {name} is not above "
                f"{previous[0]} on line {c.line(previous[1])}",
                "band-order",
            )
            ok = False
        elif "upto" not in f and not last:
            c.fail(band_node, f"{name} needs 'upto' (only the last band has none)", "missing-key")
            ok = False
        if upto is not None:
            previous = (upto, f["upto"])
        label, feedback = f.get("label"), f.get("feedback")
        tone = c.choice(f["tone"], f"tone of {name}", TONES) if "tone" in f else "neutral"
        offered = actions(c, f["actions"], name) if "actions" in f else ()
        if not f.ok or band_id is None or label is None or feedback is None:
            ok = False
            continue
        # A bad tone or action is reported on its own; the band stays, so that profiles and
        # examples that name it are not reported as well.
        found.append(
            Band(
                id=band_id,
                upto=upto,
                label=label,
                feedback=feedback,
                tone=tone or "neutral",
                actions=offered or (),
                discuss=f.get("discuss"),
            )
        )
    return tuple(found) if ok else None


def dimensions(
    c: Checker, node: Node, known_groups: dict[str, Group] | None = None
) -> tuple[dict[str, Dimension], dict[str, Node]]:
    """The dimensions by id, and the node of each id (for later messages)."""
    found: dict[str, Dimension] = {}
    nodes: dict[str, Node] = {}
    entries = c.entries(node, "dimensions", "dimension ids")
    if not entries and c.is_mapping(node) and not node.value:
        c.fail(node, "dimensions is empty; add at least one dimension", "range")
    for _, key, value in entries:
        dim_id = c.ident(key, "dimension id")
        if dim_id is None:
            continue
        nodes[dim_id] = key
        f = c.fields(value, "dimension", f"dimension '{dim_id}'")
        if f is None:
            continue
        method = (
            c.choice(f["method"], f"method of dimension '{dim_id}'", METHODS)
            if "method" in f
            else "mean"
        )
        found_bands = bands(c, f["bands"], dim_id) if "bands" in f else None
        title = f.get("title")
        group = f.get("group")
        if group is not None and group not in (known_groups or {}):
            c.fail(
                f["group"],
                f"unknown group '{group}' in dimension '{dim_id}'"
                f"{did_you_mean(group, known_groups or {})}",
                "unknown-ref",
            )
        # A dimension whose title and bands are good is kept even when another of its values
        # is not (that one is reported), so that items and examples are not reported as well.
        if title and found_bands:
            found[dim_id] = Dimension(
                id=dim_id,
                title=title,
                method=method or "mean",
                min_answered=f.get("min_answered") or 1,
                bands=found_bands,
                about=f.get("about"),
                group=group if group in (known_groups or {}) else None,
            )
    return found, nodes


def check_counts(
    c: Checker,
    dims: dict[str, Dimension],
    nodes: dict[str, Node],
    counts: dict[str, int],
    broken: set[str],
) -> None:
    """Every dimension has items, and no more answers are required than it has items."""
    for dim_id, dim in dims.items():
        count = counts.get(dim_id, 0)
        if count == 0 and dim_id not in broken and "" not in broken:
            c.fail(nodes[dim_id], f"dimension '{dim_id}' has no items", "unused")
        elif count and dim.min_answered > count:
            c.fail(
                nodes[dim_id],
                f"min_answered of dimension '{dim_id}' is "
                f"{dim.min_answered}, but it has only {count} item(s)",
                "range",
            )


def check_reachable(c: Checker, spec: Spec, nodes: dict[str, Node]) -> None:
    """The first band can be reached from below and the last one from above."""
    data = spec.to_dict()
    for dim in spec.dimensions:
        lo, hi = scoring.dimension_range(data, dim.id)
        bounded = [b for b in dim.bands if b.upto is not None]
        if bounded and bounded[0].upto is not None and bounded[0].upto < lo:
            c.fail(
                nodes[dim.id],
                f"band '{bounded[0].id}' of dimension '{dim.id}' can never be "
                f"reached: its 'upto' {values.shown(bounded[0].upto)} is below the lowest possible "
                f"score {values.shown(lo)}",
                "unreachable",
            )
        if bounded and bounded[-1].upto is not None and bounded[-1].upto >= hi:
            c.fail(
                nodes[dim.id],
                f"the last band of dimension '{dim.id}' can never be reached: "
                f"'upto' {values.shown(bounded[-1].upto)} of band '{bounded[-1].id}' already "
                f"covers the highest possible score {values.shown(hi)}",
                "unreachable",
            )
