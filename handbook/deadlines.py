"""Sick-leave deadline planner: first day of absence and kind of leave in, dated milestones out.

Like ``scoring.py``, this module runs unchanged in CPython 3.11 and in Pyodide's Python 3.14 in
the reader's browser: standard library only, nothing done at import time, no state between
calls, and a string-in, string-out helper (``deadlines_json``) for the browser's worker. Nothing
personal goes in: only a date and ``"full"`` or ``"graded"``; any other key is refused. The words
live in ``deadline_texts`` (data only); in the browser both files lie side by side under these
names and are imported as top-level modules.

How days and weeks are counted (also shown on the page, see ``COUNTING``):

* Day 1 is the first day of absence, day N is ``first_day + (N - 1)`` days, and week N ends on
  day ``7 * N``. Calendar days: weekends and public holidays count, and no date is moved.
* Where the law says "no later than when the employee has been absent for 4 weeks", the date is
  the last day of week 4 (day 28 = first day + 27 days): the careful reading, one day before
  ``first_day + 4 weeks``. Likewise 7 weeks → day 49, 8 weeks → day 56, 26 weeks → day 182.
* Source, as recorded in ``shared/research/law-and-schemes.md`` §1 and §§ 2.5, 3.4, 3.5: "Weeks
  are counted from the first day of absence"; the plan deadline counts from whole or partial
  absence and dialogue meeting 1 from whole absence (aml. § 4-6 (3) and (4)); the employer pays
  for up to 16 calendar days counted from the first whole day of absence (ftrl. § 8-19) and NAV
  from day 17 (§ 8-17); NAV pays at most 248 sick-pay days (§ 8-12 (1)), 5 days a week (§ 8-11).

Milestones (row ids are a public contract, ``DESIGN.md`` §7.3), in date order:

* ``employer-period-end``: day 16 (first day + 15); ftrl. §§ 8-19, 8-17.
* ``follow-up-plan``: day 28, end of week 4 (+27); aml. § 4-6 (3), § 2-3 (2) f.
* ``dialogue-meeting-1``: day 49, end of week 7 (+48); aml. § 4-6 (4), § 2-3 (2) g.
* ``activity-requirement``: day 56, end of week 8 (+55); ftrl. § 8-8 (2) and (3), § 8-7. ⚠️
* ``dialogue-meeting-2``: day 182, end of week 26 (+181); ftrl. § 8-7 a, aml. § 4-6 (3),
  ftrl. § 25-2. ⚠️
* ``max-date``: the 248th weekday (Monday–Friday) counted from day 17, which is day 362, 363
  or 364 depending on the weekday of day 17 (always in week 52); ftrl. § 8-12 (1). ⚠️

For graded leave, dialogue meeting 1 is held only if someone finds it useful (``required``
false). ``uncertain`` marks the rows the handbook's timeline marks with ⚠️.

Request ``{"first_day": "YYYY-MM-DD", "kind": "full"|"graded"}``; result::

    {"first_day", "kind", "nav_pays_from": DATE, "counting": {nb, en}, "disclaimer": {nb, en},
     "acts": {"aml"|"ftrl": {"nb", "en", "url"}},
     "milestones": [{"id", "date", "day", "required": bool, "uncertain": bool,
                     "law": [{"act", "section"}], "title": {nb, en}, "when": {nb, en},
                     "action": {nb, en}, "caveat": {nb, en}|None, "link": "page.md#anchor"}]}

or ``{"error": message, "code": code}``.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

try:  # inside the package (CPython: tests, CLI, build)
    from . import deadline_texts as texts
except ImportError:  # Pyodide's worker: the two modules lie side by side, outside any package
    import deadline_texts as texts  # type: ignore[no-redef]

KINDS = ("full", "graded")
EARLIEST = date(2014, 7, 1)  # today's deadlines date from the simplification of 1 July 2014
LATEST = date(2099, 12, 31)
MAX_SICK_PAY_DAYS = 248
PAGE = "practice/absence-follow-up.md"
LANGS = ("nb", "en")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# id, day (None: the maximum date, computed), law, anchor in PAGE, ⚠️ in the handbook
_ROWS: tuple[tuple[str, int | None, tuple[str, ...], str, bool], ...] = (
    ("employer-period-end", 16, ("ftrl § 8-19", "ftrl § 8-17"), "timeline", False),
    ("follow-up-plan", 28, ("aml § 4-6 (3)", "aml § 2-3 (2) f"), "follow-up-plan", False),
    ("dialogue-meeting-1", 49, ("aml § 4-6 (4)", "aml § 2-3 (2) g"), "timeline", False),
    (
        "activity-requirement",
        56,
        ("ftrl § 8-8 (2)", "ftrl § 8-8 (3)", "ftrl § 8-7"),
        "timeline",
        True,
    ),
    ("dialogue-meeting-2", 182, ("ftrl § 8-7 a", "aml § 4-6 (3)", "ftrl § 25-2"), "timeline", True),
    ("max-date", None, ("ftrl § 8-12 (1)",), "timeline", True),
)


def max_date(first_day: date) -> date:
    """The 248th weekday (Monday–Friday) counted from day 17, day 17 itself included."""
    start = first_day + timedelta(days=16)
    while start.weekday() > 4:  # NAV pays no Saturday or Sunday: the count starts on a Monday
        start += timedelta(days=1)
    # Each whole week holds 5 paid days: 49 weeks after the 1st paid day is the 246th, on the
    # same weekday; then 2 more weekdays.
    weeks, extra = divmod(MAX_SICK_PAY_DAYS - 1, 5)
    day = start + timedelta(weeks=weeks)
    while extra:
        day += timedelta(days=1)
        if day.weekday() < 5:
            extra -= 1
    return day


def day_date(first_day: date, day: int) -> date:
    """Day ``day`` of the absence: day 1 is ``first_day``."""
    return first_day + timedelta(days=day - 1)


def milestones(first_day: date, kind: str) -> list[dict[str, Any]]:
    """The six milestones, in date order, for an absence that starts on ``first_day``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be 'full' or 'graded', not {kind!r}")
    rows = []
    for mid, fixed_day, law, anchor, uncertain in _ROWS:
        day = fixed_day or (max_date(first_day) - first_day).days + 1
        words = dict(texts.MILESTONES[mid])
        if kind == "graded":
            words.update(words.get("graded", {}))
            for key, extra in words.get("graded_extra", {}).items():
                words[key] = {lang: words[key][lang] + extra[lang] for lang in LANGS}
        when = words.get("when", texts.BY_END_OF_WEEK)
        rows.append(
            {
                "id": mid,
                "date": day_date(first_day, day).isoformat(),
                "day": day,
                "required": not (kind == "graded" and mid == "dialogue-meeting-1"),
                "uncertain": uncertain,
                "law": [dict(zip(("act", "section"), r.split(" ", 1), strict=True)) for r in law],
                "title": dict(words["title"]),
                "when": {lang: when[lang].format(day=day, week=-(-day // 7)) for lang in LANGS},
                "action": dict(words["action"]),
                "caveat": dict(words["caveat"]) if "caveat" in words else None,
                "link": f"{PAGE}#{anchor}",
            }
        )
    return rows


class RequestError(ValueError):
    """A request the planner cannot answer; ``code`` is stable, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _quoted(text: str) -> str:
    """Text from the request as it appears in a message: quoted, and cut after 40 characters."""
    return json.dumps(text if len(text) <= 40 else text[:40] + "…", ensure_ascii=False)


def _kind_of(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names.update({list: "a list", dict: "an object", type(None): "null"})
    return names.get(type(value), type(value).__name__)


def parse_first_day(value: Any) -> date:
    """A ``YYYY-MM-DD`` text → a date in the range the planner covers, else RequestError."""
    if not isinstance(value, str):
        raise RequestError(
            "bad-first-day",
            f'"first_day" must be a date written YYYY-MM-DD, got {_kind_of(value)}',
        )
    if not _ISO_DATE.fullmatch(value):
        raise RequestError(
            "bad-first-day", f'"first_day" must be a date written YYYY-MM-DD, got {_quoted(value)}'
        )
    try:
        day = date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        raise RequestError("bad-first-day", f'"first_day" "{value}" is not a real date') from None
    if not EARLIEST <= day <= LATEST:
        raise RequestError(
            "out-of-range",
            f'"first_day" "{value}" is outside {EARLIEST.isoformat()} to {LATEST.isoformat()}: '
            "the planner knows only the rules in force since the simplification of 1 July 2014",
        )
    return day


def plan(first_day: date, kind: str) -> dict[str, Any]:
    """The whole answer for the page: milestones plus the texts shown once."""
    return {
        "first_day": first_day.isoformat(),
        "kind": kind,
        "nav_pays_from": (first_day + timedelta(days=16)).isoformat(),
        "counting": dict(texts.COUNTING),
        "disclaimer": dict(texts.DISCLAIMER),
        "acts": {act: dict(names) for act, names in texts.ACTS.items()},
        "milestones": milestones(first_day, kind),
    }


def plan_request(request: Any) -> dict[str, Any]:
    """Validate a decoded request and plan it; raises RequestError with a clear message."""
    if not isinstance(request, dict):
        raise RequestError(
            "bad-request",
            f'the request must be an object with "first_day" and "kind", got {_kind_of(request)}',
        )
    for key in request:
        if key not in ("first_day", "kind"):
            raise RequestError(
                "unknown-key",
                f'unknown key {_quoted(key)}: the planner takes only "first_day" and "kind"',
            )
    if "first_day" not in request:
        raise RequestError("missing-first-day", 'missing "first_day" (a date written YYYY-MM-DD)')
    first_day = parse_first_day(request["first_day"])
    if "kind" not in request:
        raise RequestError("missing-kind", 'missing "kind" ("full" or "graded")')
    kind = request["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        shown = _quoted(kind) if isinstance(kind, str) else _kind_of(kind)
        raise RequestError("bad-kind", f'"kind" must be "full" or "graded", got {shown}')
    return plan(first_day, kind)


def deadlines_json(request_json: str) -> str:
    """String in, string out, for the browser's worker; errors come as ``{"error", "code"}``."""
    try:
        if not isinstance(request_json, str):
            raise RequestError("bad-json", "the request must be JSON text")
        try:
            request = json.loads(request_json)
        except (ValueError, RecursionError):
            raise RequestError("bad-json", "the request is not valid JSON") from None
        return json.dumps(plan_request(request), ensure_ascii=False)
    except RequestError as exc:
        return json.dumps({"error": str(exc), "code": exc.code}, ensure_ascii=False)
