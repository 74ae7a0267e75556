"""Score a self-assessment: a JSON-able spec and an answers dict in, the result dict out.

This module is the single source of truth for scores. It runs unchanged in CPython 3.11 (the
tests, the ``score`` command) and in Pyodide's Python 3.14 in the reader's browser, so it:

* imports only the standard library and does nothing at import time;
* keeps no state between calls that could change a result (Pyodide may call it with fresh
  globals each time): the only thing kept is a small cache of parsed spec texts, so the
  browser's worker parses each spec once rather than on every submit (a spec is never
  changed by scoring, and a text always parses to the same spec);
* adds numbers with ``math.fsum`` — correctly rounded on every version, whereas the built-in
  ``sum`` of floats changed its algorithm in Python 3.12 and could differ in the last digit.

Result shape (``shared/DESIGN.md`` §3.2)::

    {"assessment": ID, "version": N, "complete": bool,
     "dimensions": {DIM: {"score": float|int|None, "band": str|None, "answered": n, "items": n}},
     "profiles": {PROFILE: rule_id|None}}
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any


class AnswerError(ValueError):
    """Answers that do not fit the spec: an unknown item id or a value that is not an option."""


def counted(item: dict[str, Any], value: float) -> float:
    """What an answer counts before reversing: the option's ``points`` if the item's options
    have points (e.g. 1 for the right answer in a knowledge check), else its value."""
    for option in item["options"]:
        if "points" in option and option["value"] == value:
            return option["points"]
    return value


def item_range(item: dict[str, Any]) -> tuple[float, float]:
    """The lowest and highest an item can count."""
    values = [counted(item, option["value"]) for option in item["options"]]
    return min(values), max(values)


def keyed_value(item: dict[str, Any], value: float) -> float:
    """The value that counts: reverse-keyed items count as ``min + max - value``."""
    points = counted(item, value)
    if item.get("reverse"):
        lo, hi = item_range(item)
        return lo + hi - points
    return points


def dimension_range(spec: dict[str, Any], dim_id: str) -> tuple[float, float]:
    """The lowest and highest score a dimension can take when it has a score at all."""
    dim = spec["dimensions"][dim_id]
    ranges = [item_range(i) for i in spec["items"] if i["dimension"] == dim_id]
    if dim["method"] == "mean":
        return min(r[0] for r in ranges), max(r[1] for r in ranges)
    need = dim["min_answered"]
    lows = sorted(r[0] for r in ranges)
    highs = sorted((r[1] for r in ranges), reverse=True)
    lo = math.fsum(lows[:need]) + math.fsum(v for v in lows[need:] if v < 0)
    hi = math.fsum(highs[:need]) + math.fsum(v for v in highs[need:] if v > 0)
    return lo, hi


def band_for(bands: list[dict[str, Any]], score: float) -> str:
    """The first band whose ``upto`` is at or above the score; the last band takes the rest."""
    for band in bands:
        upto = band.get("upto")
        if upto is None or score <= upto:
            return band["id"]
    return bands[-1]["id"]


def check_answers(spec: dict[str, Any], answers: dict[str, Any]) -> None:
    """Raise AnswerError for unknown item ids or values that are not among an item's options."""
    items = {item["id"]: item for item in spec["items"]}
    for item_id, value in answers.items():
        if item_id not in items:
            raise AnswerError(f"unknown item '{item_id}' (items: {', '.join(items)})")
        if value is None:
            continue
        allowed = [o["value"] for o in items[item_id]["options"]]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value not in allowed:
            shown = ", ".join(str(a) for a in allowed)
            raise AnswerError(
                f"answer {value!r} to item '{item_id}' is not one of its options ({shown})"
            )


def _number(total: float, count: int, method: str, all_int: bool) -> float | int:
    if method == "sum":
        return int(total) if all_int else total
    return total / count


def score(spec: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Score answers (item id → option value; missing or ``None`` = not answered)."""
    check_answers(spec, answers)
    dimensions: dict[str, dict[str, Any]] = {}
    bands: dict[str, str | None] = {}
    complete = True
    for dim_id, dim in spec["dimensions"].items():
        values: list[float] = []
        total_items = 0
        for item in spec["items"]:
            if item["dimension"] != dim_id:
                continue
            total_items += 1
            value = answers.get(item["id"])
            if value is None:
                complete = False
                continue
            values.append(keyed_value(item, value))
        result: float | int | None = None
        band: str | None = None
        if values and len(values) >= dim["min_answered"]:
            all_int = all(isinstance(v, int) for v in values)
            result = _number(math.fsum(values), len(values), dim["method"], all_int)
            band = band_for(dim["bands"], result)
        dimensions[dim_id] = {
            "score": result,
            "band": band,
            "answered": len(values),
            "items": total_items,
        }
        bands[dim_id] = band
    profiles: dict[str, str | None] = {}
    for prof_id, profile in spec.get("profiles", {}).items():
        profiles[prof_id] = None
        for rule in profile["rules"]:
            if all(
                bands.get(d) is not None and bands[d] in allowed
                for d, allowed in rule["when"].items()
            ):
                profiles[prof_id] = rule["id"]
                break
    return {
        "assessment": spec["id"],
        "version": spec["version"],
        "complete": complete,
        "dimensions": dimensions,
        "profiles": profiles,
    }


def option_text(value: float) -> str:
    """How an option value is written in the HTML form (``str``, as Jinja2 renders it)."""
    return str(value)


def coerce_answers(spec: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """Map form answers (option values as text, e.g. ``"4"``) back to the options' own values.

    Non-text values pass through unchanged; unknown text is kept so ``score`` reports it.
    """
    items = {item["id"]: item for item in spec["items"]}
    out: dict[str, Any] = {}
    for item_id, value in raw.items():
        if isinstance(value, str) and item_id in items:
            match = [
                o["value"] for o in items[item_id]["options"] if option_text(o["value"]) == value
            ]
            out[item_id] = match[0] if match else value
        else:
            out[item_id] = value
    return out


@lru_cache(maxsize=32)
def _parsed_spec(spec_json: str) -> Any:
    """A spec text parsed once: the worker passes the same text on every submit. Keyed by the
    whole text (not by id and version), so a changed spec can never be served from the cache.
    Callers must not change what it returns (``score`` and ``coerce_answers`` only read it)."""
    return json.loads(spec_json)


def score_form_json(spec_json: str, answers_json: str) -> str:
    """Like ``score_json`` for answers read from the HTML form (values as text)."""
    try:
        spec = _parsed_spec(spec_json)
        raw = json.loads(answers_json)
        if not isinstance(raw, dict):
            raise AnswerError("answers must be an object of item ids to values")
        return json.dumps(score(spec, coerce_answers(spec, raw)), ensure_ascii=False)
    except (AnswerError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)


def score_json(spec_json: str, answers_json: str) -> str:
    """String in, string out: what the browser's worker calls (no proxies cross the boundary).

    Errors come back as ``{"error": message}`` rather than as an exception.
    """
    try:
        spec = _parsed_spec(spec_json)
        answers = json.loads(answers_json)
        if not isinstance(answers, dict):
            raise AnswerError("answers must be an object of item ids to values")
        return json.dumps(score(spec, answers), ensure_ascii=False)
    except (AnswerError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
