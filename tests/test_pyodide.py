"""The scoring module, the deadline planner (with its calendar export) and the group figures
give byte-identical results in CPython and in Pyodide (Python 3.14), with the trimmed runtime
the site ships."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from handbook import deadlines, group, ics, scoring
from handbook.model import assessment_files, load_file
from handbook.runtime import write_runtime

ROOT = Path(__file__).resolve().parents[1]


def run_in_pyodide(script: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Run ``tests/<script>`` under Node with ``payload`` on stdin; its JSON answer."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide outside the browser"
    run = subprocess.run(
        [node, str(ROOT / "tests" / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-4000:]  # the tail: the minified runtime is long
    return json.loads(run.stdout)


def test_scoring_is_identical_in_pyodide_with_the_trimmed_runtime(tmp_path: Path) -> None:
    """Uses the runtime the site ships: trimmed stdlib zip and package-free lock file."""
    runtime = tmp_path / "pyodide"
    write_runtime(ROOT / "node_modules" / "pyodide", runtime)
    assert (runtime / "python_stdlib.zip").stat().st_size < 1_200_000
    rng = random.Random(2026)
    cases, expected = [], []
    for path in assessment_files([ROOT / "assessments"]):
        spec = load_file(path)
        spec_json = json.dumps(spec.to_dict(), ensure_ascii=False)
        for share in (1.0, 0.9, 0.6, 0.3, 0.0):
            for _ in range(8):
                answers = {
                    item.id: str(rng.choice(item.options).value)
                    for item in spec.items
                    if rng.random() < share
                }
                cases.append({"spec": spec_json, "answers": json.dumps(answers)})
                expected.append(scoring.score_form_json(spec_json, json.dumps(answers)))
    out = run_in_pyodide("pyodide_score.mjs", {"runtime": str(runtime), "cases": cases})
    assert out["python"].startswith("3.14")
    assert len(out["results"]) == len(expected) > 100
    assert out["results"] == expected


def planner_dates() -> list[date]:
    """Month ends, year ends, leap days and the range's ends, then a seeded spread of others."""
    edges = [deadlines.EARLIEST, deadlines.LATEST, date(2028, 2, 29), date(2096, 2, 29)]
    for year in (2026, 2027, 2028, 2029, 2099):
        edges += [date(year, 1, 1), date(year, 2, 28), date(year, 12, 20), date(year, 12, 31)]
        edges += [date(year, m, 1) - timedelta(1) for m in range(2, 13)]
    rng = random.Random(14)
    span = (deadlines.LATEST - deadlines.EARLIEST).days
    spread = [deadlines.EARLIEST + timedelta(rng.randrange(span + 1)) for _ in range(160)]
    return sorted(set(edges + spread))


def test_the_deadline_planner_is_identical_in_pyodide(tmp_path: Path) -> None:
    """deadlines_json and ics_json, byte for byte, for a few hundred dates and some bad input."""
    runtime = tmp_path / "pyodide"
    write_runtime(ROOT / "node_modules" / "pyodide", runtime)
    cases: list[dict[str, str]] = []
    for n, first_day in enumerate(planner_dates()):
        for kind in deadlines.KINDS:
            case = {
                "lang": ics.LANGS[n % 2],
                "dtstamp": f"2026-11-{1 + n % 28:02d}T08:00:0{n % 10}Z",
            }
            case["request"] = json.dumps({"first_day": first_day.isoformat(), "kind": kind})
            if n % 3 == 0:
                case["base_url"] = "https://example.org/km/" + ("en/" if n % 2 else "")
            cases.append(case)
    for bad in ("{", "[]", '{"first_day": "2026-02-29", "kind": "full"}', '{"kind": 1}',
                '{"first_day": "2026-03-02", "kind": "full", "name": "x"}'):  # fmt: skip
        cases.append({"request": bad, "lang": "nb", "dtstamp": "20261125T102030Z"})
    expected = []
    for case in cases:
        plan = deadlines.deadlines_json(case["request"])
        parsed = json.loads(plan)
        calendar = None
        if "error" not in parsed:
            request = {"plan": parsed, "lang": case["lang"], "dtstamp": case["dtstamp"]}
            if "base_url" in case:
                request["base_url"] = case["base_url"]
            calendar = ics.ics_json(json.dumps(request))
            assert "ics" in json.loads(calendar)
        expected.append({"plan": plan, "ics": calendar})
    out = run_in_pyodide("pyodide_deadlines.mjs", {"runtime": str(runtime), "cases": cases})
    assert out["python"].startswith("3.14")
    assert len(out["results"]) == len(expected) > 400
    for case, got, want in zip(cases, out["results"], expected, strict=True):
        assert got == want, case


def test_group_figures_are_identical_in_pyodide(tmp_path: Path) -> None:
    """group_json and read_files_json, byte for byte, for every assessment and group sizes
    around the threshold, with duplicates, unanswered items and bad files mixed in."""
    runtime = tmp_path / "pyodide"
    write_runtime(ROOT / "node_modules" / "pyodide", runtime)
    specs = {
        spec.id: spec.to_dict()
        for spec in (load_file(p) for p in assessment_files([ROOT / "assessments"]))
    }
    rng = random.Random(5)
    cases = []
    for spec_id, spec in specs.items():
        for size in (4, 5, 6, 9, 17):
            sets = [
                {i["id"]: rng.choice(i["options"])["value"] for i in spec["items"]
                 if rng.random() < 0.85}
                for _ in range(size)
            ]  # fmt: skip
            sets += sets[:1]  # a duplicate
            texts = [
                json.dumps({"format": "krav-og-mestring/result", "format_version": 1,
                            "assessment": spec_id, "version": spec["version"], "answers": a})
                for a in sets
            ]  # fmt: skip
            texts += ["{", json.dumps({"format": "krav-og-mestring/result", "format_version": 9})]
            cases.append({"spec_id": spec_id, "sets": json.dumps(sets), "texts": json.dumps(texts)})
    specs_json = json.dumps(specs, ensure_ascii=False)
    expected = [
        {
            "group": group.group_json(json.dumps(specs[c["spec_id"]]), c["sets"]),
            "files": group.read_files_json(specs_json, c["texts"]),
        }
        for c in cases
    ]
    assert sum("median" in e["group"] for e in expected) > 40
    payload = {"runtime": str(runtime), "specs": specs_json, "cases": cases}
    out = run_in_pyodide("pyodide_group.mjs", payload)
    assert out["python"].startswith("3.14")
    assert out["results"] == expected
