"""The scoring module gives byte-identical results in CPython and in Pyodide (Python 3.14)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

from handbook import scoring
from handbook.model import assessment_files, load_file
from handbook.runtime import write_runtime

ROOT = Path(__file__).resolve().parents[1]


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
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide outside the browser"
    run = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide_score.mjs")],
        input=json.dumps({"runtime": str(runtime), "cases": cases}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["python"].startswith("3.14")
    assert len(out["results"]) == len(expected) > 100
    assert out["results"] == expected
