"""Result files (export, import, share), read and re-scored — ``shared/DESIGN.md`` §7.2.

A result file is one JSON object::

    {"format": "krav-og-mestring/result", "format_version": 1,
     "assessment": ID, "version": N, "lang": "nb", "exported": ISO-8601,
     "answers": {ITEM: VALUE}, "history": [{"at": ISO-8601, "answers": {…}}],
     "plan": [{"id", "text", "done", "due"}]}

A "share" file holds only ``format``, ``format_version``, ``assessment``, ``version`` and
``answers``. A file may carry a ``result`` for people to read; it is ignored: whoever reads a
file scores its answers again with ``scoring.score``. Files exported by the first edition (no
``format``, answers as text) are read too.

Like ``scoring.py`` this module runs unchanged in CPython (the ``score`` command, the tests)
and in Pyodide (the browser's worker, where ``read_json`` is called with the page's spec and
the file's text). Nothing is done at import time and no state is kept.
"""

from __future__ import annotations

import json
import re
from typing import Any

try:  # inside the package (CPython)
    from . import scoring
except ImportError:  # Pyodide's worker: the modules lie side by side, outside any package
    import scoring  # type: ignore[no-redef]

FORMAT = "krav-og-mestring/result"
FORMAT_VERSION = 1
MAX_CHARS = 1_000_000
MAX_ENTRIES = 200
MAX_TEXT = 2_000
TOP_KEYS = {"format", "format_version", "assessment", "version", "lang", "exported", "answers",
            "history", "plan", "result"}  # fmt: skip
SHARE_KEYS = ("format", "format_version", "assessment", "version", "answers")
PLAN_KEYS = {"id", "text", "done", "due"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})")


class ResultFileError(ValueError):
    """A file that cannot be imported; ``code`` says why, for the page's own words."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ResultFileError("damaged", f"{what} must be a JSON object")
    return value


def _answers(spec: dict[str, Any], raw: Any, what: str, lenient: bool) -> dict[str, Any]:
    """Answers typed as the options' values. ``lenient`` (an older version or the first
    edition's files): answers that no longer fit are left out instead of refusing the file."""
    raw = _object(raw, what)
    items = {item["id"]: item for item in spec["items"]}
    out: dict[str, Any] = {}
    for item_id, value in raw.items():
        if item_id not in items:
            if lenient:
                continue
            raise ResultFileError("damaged", f"{what}: unknown item '{item_id}'")
        options = [o["value"] for o in items[item_id]["options"]]
        if isinstance(value, str):  # the first edition stored the form's text
            matches = [o for o in options if scoring.option_text(o) == value]
            value = matches[0] if matches else value
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value not in options:
            if lenient:
                continue
            raise ResultFileError(
                "damaged", f"{what}: answer {value!r} to '{item_id}' is not one of its options"
            )
        out[item_id] = value
    return out


def _text(value: Any, what: str, pattern: re.Pattern[str] | None = None) -> str:
    if (
        not isinstance(value, str)
        or len(value) > MAX_TEXT
        or (pattern and not pattern.fullmatch(value))
    ):
        raise ResultFileError("damaged", f"{what} is not valid")
    return value


def _history(spec: dict[str, Any], raw: Any, lenient: bool) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or len(raw) > MAX_ENTRIES:
        raise ResultFileError("damaged", "history must be a list of at most 200 entries")
    seen: set[str] = set()
    out = []
    for n, entry in enumerate(raw, 1):
        entry = _object(entry, f"history entry {n}")
        at = _text(entry.get("at"), f"the date of history entry {n}", STAMP)
        answers = _answers(spec, entry.get("answers", {}), f"history entry {n}", lenient)
        key = json.dumps([at, answers], sort_keys=True)
        if key not in seen:  # the same attempt twice counts once
            seen.add(key)
            out.append({"at": at, "answers": answers})
    return sorted(out, key=lambda e: e["at"])


def _plan(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or len(raw) > MAX_ENTRIES:
        raise ResultFileError("damaged", "plan must be a list of at most 200 entries")
    out = []
    for n, entry in enumerate(raw, 1):
        entry = _object(entry, f"plan entry {n}")
        if not set(entry) <= PLAN_KEYS or "id" not in entry or "text" not in entry:
            raise ResultFileError("damaged", f"plan entry {n} is not valid")
        due = entry.get("due")
        if not isinstance(entry.get("done", False), bool):
            raise ResultFileError("damaged", f"plan entry {n} is not valid")
        out.append({
            "id": _text(entry["id"], f"the id of plan entry {n}"),
            "text": _text(entry["text"], f"the text of plan entry {n}"),
            "done": entry.get("done", False),
            "due": None if due in (None, "") else _text(due, f"the date of plan entry {n}", DATE),
        })  # fmt: skip
    return out


def parse(spec: dict[str, Any], data: Any) -> dict[str, Any]:
    """The content of a result file for ``spec``; raises ResultFileError."""
    data = _object(data, "a result file")
    legacy = "format" not in data and "assessment" in data and "answers" in data
    if not legacy:
        if data.get("format") != FORMAT:
            raise ResultFileError("not-a-result-file", "this is not a result file of this handbook")
        if data.get("format_version") != FORMAT_VERSION:
            raise ResultFileError(
                "format-version",
                f"the file has format version {data.get('format_version')!r}; "
                f"this site reads version {FORMAT_VERSION}",
            )
        unknown = sorted(set(data) - TOP_KEYS)
        if unknown:
            raise ResultFileError("damaged", f"unknown key '{unknown[0]}' in the file")
    if data.get("assessment") != spec["id"]:
        raise ResultFileError(
            "other-assessment",
            f"the file belongs to the assessment '{data.get('assessment')}', not '{spec['id']}'",
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ResultFileError("damaged", "the file's version is not a whole number")
    if version > spec["version"]:
        raise ResultFileError(
            "newer-version",
            f"the file was made with version {version}; this site has version {spec['version']}",
        )
    lenient = legacy or version < spec["version"]
    share = not legacy and set(data) <= set(SHARE_KEYS)
    return {
        "assessment": spec["id"],
        "version": spec["version"],
        "file_version": version,
        "migrated": version < spec["version"],
        "share": share,
        "answers": _answers(spec, data.get("answers"), "answers", lenient),
        "history": _history(spec, data.get("history", []), lenient),
        "plan": _plan(data.get("plan", [])),
    }


def read(spec: dict[str, Any], text: str) -> dict[str, Any]:
    """Parse a file's text and score its answers and every history entry again."""
    if len(text) > MAX_CHARS:
        raise ResultFileError("too-big", "the file is larger than 1 MB")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ResultFileError("damaged", "the file is not valid JSON") from None
    content = parse(spec, data)
    content["result"] = scoring.score(spec, content["answers"])
    for entry in content["history"]:
        entry["result"] = scoring.score(spec, entry["answers"])
    return content


def _printed(result: dict[str, Any]) -> str:
    """A result exactly as ``score`` prints it (and the page shows it)."""
    return json.dumps(result, ensure_ascii=False)


def read_json(spec_json: str, text: str) -> str:
    """String in, string out, for the browser's worker: the file's content with every result
    computed again, or ``{"error": message, "code": code}``."""
    try:
        content = read(json.loads(spec_json), text)
        content["result_json"] = _printed(content["result"])
        for entry in content["history"]:
            entry["json"] = _printed(entry["result"])
        return json.dumps(content, ensure_ascii=False)
    except ResultFileError as exc:
        return json.dumps({"error": str(exc), "code": exc.code}, ensure_ascii=False)
    except (scoring.AnswerError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return json.dumps({"error": str(exc), "code": "damaged"}, ensure_ascii=False)
