"""Group results: what a group answered, in figures that show no single person.

An instructor collects nothing. Each participant exports a *share file* (``DESIGN.md`` §7.2:
``format``, ``format_version``, ``assessment``, ``version``, ``answers``); the instructor drops
the files into the group page, and this module — in the instructor's own browser, in the
worker, beside ``scoring.py`` — checks each file, scores its answers again with the scoring
module, counts identical files once and reports per assessment::

    {"assessment": ID, "version": N, "n": FILES,
     "dimensions": {DIM: {"median", "q1", "q3", "bands": {BAND: count}} | None},
     "profiles": {PROFILE: {RULE: count} | None}}

Quartiles are ``statistics.quantiles(scores, n=4, method="inclusive")``. No figure of any kind
is given for fewer than ``MIN_GROUP`` files, and a dimension (or profile) needs ``MIN_GROUP``
files with a score (or a profile) of its own; otherwise it is ``None``. A file whose score for a
dimension is null is left out of that dimension.

Like ``scoring.py`` this module runs unchanged in CPython 3.11 and in Pyodide (Python 3.14):
standard library only, nothing done at import time, no state between calls, string-in,
string-out helpers (``group_json``, ``read_files_json``) for the worker. In the browser,
``scoring.py`` lies beside this file and is imported as a top-level module.
"""

from __future__ import annotations

import json
import statistics
from typing import Any

try:
    from . import scoring
except ImportError:  # in the browser: scoring.py is a top-level module beside this file
    import scoring  # type: ignore[no-redef]

# The smallest group that gets any figure. Employee surveys withhold results for small groups
# so that no answer can be traced to a person; the follow-up research on IA-ledelse 2.0 left out
# units with fewer than five employees because one or two extreme answers weigh too much in
# a small group's average (Agenda Kaupang, 2018, section 4.2). Five does both jobs here.
MIN_GROUP = 5

FORMAT = "krav-og-mestring/result"
FORMAT_VERSIONS = (1,)
MAX_BYTES = 1024 * 1024  # a share file is a few hundred bytes; a full one rarely 100 kB

# Why a file is refused (the page words each in its language; ``detail`` fills it in).
REASONS = (
    "too-big",  # more than MAX_BYTES
    "not-json",  # not JSON text
    "not-result",  # JSON, but not an object with format "krav-og-mestring/result"
    "format-version",  # a format_version this site does not know
    "unknown-assessment",  # no assessment of that id on this site
    "version",  # another version of the assessment than the site's current one
    "answers",  # answers missing, of the wrong shape, or not fitting the items
)


class FileRefused(ValueError):
    """A file the group page cannot count; ``reason`` is one of ``REASONS``."""

    def __init__(self, reason: str, detail: str = "", assessment: str | None = None):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.assessment = assessment  # when the file names a known assessment


def _canonical(answers: dict[str, Any]) -> str:
    """Answers as one text, the same for the same answers (item order and nulls do not count)."""
    kept = {k: v for k, v in answers.items() if v is not None}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def read_file(specs: dict[str, dict[str, Any]], text: str) -> tuple[str, dict[str, Any]]:
    """The assessment id and the (checked) answers of one result or share file.

    Only ``answers`` is used from a full result file; a score it carries is ignored. Option
    values written as text (``"4"``, as a form gives them) count as the option's value.
    Raises FileRefused.
    """
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise FileRefused("too-big")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise FileRefused("not-json") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileRefused("not-result")
    fmt_version = data.get("format_version")
    if isinstance(fmt_version, bool) or fmt_version not in FORMAT_VERSIONS:
        raise FileRefused("format-version", str(fmt_version))
    spec_id = data.get("assessment")
    if not isinstance(spec_id, str) or spec_id not in specs:
        raise FileRefused("unknown-assessment", str(spec_id))
    spec = specs[spec_id]
    version = data.get("version")
    if isinstance(version, bool) or version != spec["version"]:
        raise FileRefused("version", str(version), spec_id)
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise FileRefused("answers", "answers must be an object of item ids to values", spec_id)
    answers = scoring.coerce_answers(spec, raw)
    try:
        scoring.check_answers(spec, answers)
    except scoring.AnswerError as exc:
        raise FileRefused("answers", str(exc), spec_id) from None
    return spec_id, answers


def _figures(scores: list[float]) -> dict[str, float]:
    q1, _, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return {"median": statistics.median(scores), "q1": q1, "q3": q3}


def group(spec: dict[str, Any], answer_sets: list[dict[str, Any]]) -> dict[str, Any]:
    """The group figures for answer sets of one assessment (each scored with ``scoring``).

    Identical answer sets count once. Raises ``scoring.AnswerError`` for answers that do not
    fit (``read_file`` has refused those before they get here).
    """
    distinct: dict[str, dict[str, Any]] = {}
    for answers in answer_sets:
        distinct.setdefault(_canonical(answers), answers)
    results = [scoring.score(spec, answers) for answers in distinct.values()]
    n = len(results)
    out: dict[str, Any] = {"assessment": spec["id"], "version": spec["version"], "n": n}
    if n < MIN_GROUP:
        return out
    dimensions: dict[str, Any] = {}
    for dim_id, dim in spec["dimensions"].items():
        scored = [r["dimensions"][dim_id] for r in results]
        scored = [d for d in scored if d["score"] is not None]
        if len(scored) < MIN_GROUP:
            dimensions[dim_id] = None
            continue
        bands = {band["id"]: 0 for band in dim["bands"]}
        for d in scored:
            bands[d["band"]] += 1
        dimensions[dim_id] = {**_figures([d["score"] for d in scored]), "bands": bands}
    profiles: dict[str, Any] = {}
    for prof_id, profile in spec.get("profiles", {}).items():
        rules = [r["profiles"][prof_id] for r in results if r["profiles"][prof_id] is not None]
        if len(rules) < MIN_GROUP:
            profiles[prof_id] = None
            continue
        profiles[prof_id] = {rule["id"]: rules.count(rule["id"]) for rule in profile["rules"]}
    out["dimensions"] = dimensions
    out["profiles"] = profiles
    return out


def group_json(spec_json: str, answer_sets_json: str) -> str:
    """String in, string out: ``group`` for one spec and a JSON list of answer sets.

    Errors come back as ``{"error": message}``.
    """
    try:
        spec = json.loads(spec_json)
        sets = json.loads(answer_sets_json)
        if not isinstance(sets, list) or not all(isinstance(s, dict) for s in sets):
            raise scoring.AnswerError("answer sets must be a list of objects")
        return json.dumps(group(spec, sets), ensure_ascii=False)
    except (scoring.AnswerError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)


def read_files(specs: dict[str, dict[str, Any]], texts: list[str]) -> dict[str, Any]:
    """Check every file, then group the good ones by assessment.

    Result: ``{"files": [{"status": "counted"|"duplicate"|"refused", "assessment"?,
    "reason"?, "detail"?}, …] (one per file, in order; a refused file names its assessment
    when the site has it), "groups": {ID: group(...)}}``; a bad
    file never stops the others. ``groups`` holds the assessments of at least one good file,
    in the order of ``specs``.
    """
    files: list[dict[str, Any]] = []
    sets: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()
    for text in texts:
        try:
            spec_id, answers = read_file(specs, text)
        except FileRefused as exc:
            refused = {"status": "refused", "reason": exc.reason, "detail": exc.detail}
            if exc.assessment is not None:
                refused["assessment"] = exc.assessment
            files.append(refused)
            continue
        key = (spec_id, _canonical(answers))
        status = "duplicate" if key in seen else "counted"
        seen.add(key)
        files.append({"status": status, "assessment": spec_id})
        sets.setdefault(spec_id, []).append(answers)
    groups = {spec_id: group(specs[spec_id], sets[spec_id]) for spec_id in specs if spec_id in sets}
    return {"files": files, "groups": groups}


def read_files_json(specs_json: str, texts_json: str) -> str:
    """String in, string out: ``read_files`` for the worker (``specs_json``: id → spec;
    ``texts_json``: a list of the files' texts)."""
    try:
        specs = json.loads(specs_json)
        texts = json.loads(texts_json)
        if not isinstance(specs, dict) or not isinstance(texts, list):
            raise ValueError("specs must be an object and texts a list")
        if not all(isinstance(t, str) for t in texts):
            raise ValueError("every file must be given as text")
        return json.dumps(read_files(specs, texts), ensure_ascii=False)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
