"""Profiles: named categories from combinations of bands (first matching rule wins)."""

from __future__ import annotations

from yaml.nodes import Node, SequenceNode

from ..problems import did_you_mean
from .checker import Checker, shown_value
from .spec import Dimension, Profile, Rule


def _when(c: Checker, node: Node, name: str, dims: dict[str, Dimension]) -> tuple | None:
    """``{dimension: band or [bands]}`` → ((dimension, (band, …)), …); None when wrong."""
    entries = c.entries(node, f"'when' of {name}", "dimension ids to band ids")
    ok = c.is_mapping(node)
    when: list[tuple[str, tuple[str, ...]]] = []
    for dim_id, key, value in entries:
        if dim_id not in dims:
            c.fail(
                key,
                f"unknown dimension '{dim_id}' in {name}{did_you_mean(dim_id, dims)}",
                "unknown-ref",
            )
            ok = False
            continue
        known = [b.id for b in dims[dim_id].bands]
        wanted: list[str] = []
        for band_node in value.value if isinstance(value, SequenceNode) else [value]:
            band = c.text(band_node, f"band in {name}")
            if band is None:
                ok = False
            elif band not in known:
                c.fail(
                    band_node,
                    f"unknown band '{band}' for dimension '{dim_id}' in {name}"
                    f"{did_you_mean(band, known)}",
                    "unknown-ref",
                )
                ok = False
            else:
                wanted.append(band)
        when.append((dim_id, tuple(wanted)))
    return tuple(when) if ok else None


def profiles(c: Checker, node: Node, dims: dict[str, Dimension]) -> tuple[Profile, ...]:
    out: list[Profile] = []
    for _, key, value in c.entries(node, "profiles", "profile ids"):
        prof_id = c.ident(key, "profile id")
        f = c.fields(value, "profile", f"profile '{prof_id}'")
        if prof_id is None or f is None:
            continue
        rules: list[Rule] = []
        ids: set[str] = set()
        seq = c.sequence(f["rules"], f"rules of profile '{prof_id}'") if "rules" in f else None
        for rule_node in seq or []:
            raw_id = shown_value(rule_node, "id")
            owner = f"rule '{raw_id}' of profile '{prof_id}'"
            r = c.fields(rule_node, "rule", f"rule of profile '{prof_id}'", owner)
            if r is None:
                continue
            rule_id = r.get("id")
            name = f"rule '{rule_id}' of profile '{prof_id}'"
            if rule_id is not None and rule_id in ids:
                c.fail(
                    r["id"],
                    f"rule id '{rule_id}' is used twice in profile '{prof_id}'",
                    "duplicate",
                )
            ids.add(rule_id or "")
            when = _when(c, r["when"], name, dims) if "when" in r else None
            label, feedback = r.get("label"), r.get("feedback")
            if r.ok and rule_id and when is not None and label and feedback:
                rules.append(Rule(id=rule_id, when=when, label=label, feedback=feedback))
        title = f.get("title")
        if title:
            out.append(Profile(id=prof_id, title=title, rules=tuple(rules)))
    return tuple(out)
