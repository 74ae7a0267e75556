"""Result files (DESIGN §7.2): read, checked, and always scored again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from handbook import resultfile, scoring
from handbook.model import load_file

SPEC = load_file(ROOT / "assessments" / "demand-control-support.yaml").to_dict()
ANSWERS = {"d1": 5, "d2": 4, "c1": 2, "s1": 1}


def result_file(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": "krav-og-mestring/result", "format_version": 1,
        "assessment": SPEC["id"], "version": SPEC["version"], "lang": "nb",
        "exported": "2026-12-06T10:00:00.000Z", "answers": dict(ANSWERS),
        "history": [{"at": "2026-11-01T08:00:00Z", "answers": {"d1": 1}}],
        "plan": [{"id": "own-1", "text": "Snakke med lederen", "done": False, "due": "2027-01-15"}],
    }  # fmt: skip
    data.update(changes)
    return data


def read(data: object) -> dict[str, object]:
    return resultfile.read(SPEC, json.dumps(data))


def test_a_full_file_is_read_and_scored_again() -> None:
    content = read(result_file(result={"dimensions": {"demands": {"score": 1.0}}}))
    assert content["answers"] == ANSWERS
    assert content["result"] == scoring.score(SPEC, ANSWERS)  # the carried result is ignored
    assert content["history"] == [
        {"at": "2026-11-01T08:00:00Z", "answers": {"d1": 1},
         "result": scoring.score(SPEC, {"d1": 1})},
    ]  # fmt: skip
    assert content["plan"][0]["due"] == "2027-01-15"
    assert not content["share"] and not content["migrated"]


def test_a_share_file_holds_answers_only() -> None:
    data = {k: v for k, v in result_file().items() if k in resultfile.SHARE_KEYS}
    content = read(data)
    assert content["share"] and content["history"] == [] and content["plan"] == []


def test_the_same_attempt_twice_counts_once() -> None:
    entry = {"at": "2026-11-01T08:00:00Z", "answers": {"d1": 1}}
    assert len(read(result_file(history=[entry, dict(entry), entry]))["history"]) == 1


def test_a_first_edition_export_is_read() -> None:
    entry = {"at": "2026-10-01T09:00:00.000Z", "answers": {"d1": "4"}, "json": "{}"}
    legacy = {
        "assessment": SPEC["id"], "version": SPEC["version"], "exported": "x",
        "answers": {"d1": "5", "c1": "2"}, "history": [entry],
    }  # fmt: skip
    content = read(legacy)
    assert content["answers"] == {"d1": 5, "c1": 2}
    assert content["history"][0]["answers"] == {"d1": 4}  # its stored result is not read


@pytest.mark.parametrize(
    "change, code, message",
    [
        ({"format": "other"}, "not-a-result-file", "this is not a result file of this handbook"),
        ({"format_version": 2}, "format-version",
         "the file has format version 2; this site reads version 1"),
        ({"assessment": "leader-load"}, "other-assessment",
         "the file belongs to the assessment 'leader-load', not 'demand-control-support'"),
        ({"version": 99}, "newer-version", "the file was made with version 99"),
        ({"answers": {"zz": 1}}, "damaged", "answers: unknown item 'zz'"),
        ({"answers": {"d1": 9}}, "damaged", "answers: answer 9 to 'd1' is not one of its options"),
        ({"answers": {"d1": True}}, "damaged", "is not one of its options"),
        ({"history": {"at": 1}}, "damaged", "history must be a list"),
        ({"plan": [{"id": "x"}]}, "damaged", "plan entry 1 is not valid"),
        ({"plan": [{"id": "x", "text": "y", "due": "15.01.2027"}]}, "damaged",
         "the date of plan entry 1 is not valid"),
        ({"extra": 1}, "damaged", "unknown key 'extra' in the file"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_reason(change: dict, code: str, message: str) -> None:
    with pytest.raises(resultfile.ResultFileError) as info:
        read(result_file(**change))
    assert info.value.code == code
    assert message in str(info.value)


def test_an_older_version_keeps_the_answers_that_fit() -> None:
    older = SPEC["version"] - 1
    content = read(result_file(version=older, answers={"d1": 5, "gone": 3, "c1": 9}))
    assert content["answers"] == {"d1": 5} and content["migrated"]


@pytest.mark.parametrize(
    "text, code",
    [
        ("{", "damaged"),
        ("[" * 100_000, "damaged"),
        ("x" * 1_000_001, "too-big"),
        ('"t"', "damaged"),
    ],
)
def test_read_json_never_raises(text: str, code: str) -> None:
    out = json.loads(resultfile.read_json(json.dumps(SPEC), text))
    assert out["code"] == code and out["error"]


def run_score(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook", "score", "assessments/demand-control-support.yaml",
         "--answers", str(path)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip


def test_score_cli_reads_a_result_file(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(result_file(result={"forged": True})))
    run = run_score(path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == scoring.score(SPEC, ANSWERS)


def test_score_cli_refuses_a_file_of_another_assessment(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(result_file(assessment="leader-load")))
    run = run_score(path)
    assert run.returncode == 2
    assert "belongs to the assessment 'leader-load'" in run.stderr and "Traceback" not in run.stderr
