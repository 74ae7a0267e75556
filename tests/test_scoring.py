"""Scoring: hand-computed cases, the CLI, and properties that must hold for any spec and answers."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import scoring
from handbook.model import load_file

ROOT = Path(__file__).resolve().parents[1]
DCS = ROOT / "assessments" / "demand-control-support.yaml"


def dcs() -> dict:
    return load_file(DCS).to_dict()


def test_hand_computed_demand_control_support() -> None:
    # demands: 4, 5, 2, reverse(2)=4 → 15/4; control: c1..c3 only = 3 answers < min 4 → null.
    answers = {
        "d1": 4,
        "d2": 5,
        "d3": 2,
        "d4": 2,
        "c1": 5,
        "c2": 1,
        "c3": 4,
        "s1": 1,
        "s2": 2,
        "s3": 1,
        "s4": 5,
    }
    result = scoring.score(dcs(), answers)
    assert result == {
        "assessment": "demand-control-support",
        "version": 2,
        "complete": False,
        "dimensions": {
            "demands": {"score": 3.75, "band": "high", "answered": 4, "items": 4},
            "control": {"score": None, "band": None, "answered": 3, "items": 6},
            # support: 1, 2, 1, reverse(5)=1 → 5/4
            "support": {"score": 1.25, "band": "low", "answered": 4, "items": 4},
        },
        "profiles": {"karasek": None},
    }


def test_reverse_uses_the_items_own_non_contiguous_range() -> None:
    item = {"options": [{"value": 0}, {"value": 2}, {"value": 10}], "reverse": True}
    assert [scoring.keyed_value(item, v) for v in (0, 2, 10)] == [10, 8, 0]


def test_sum_of_ints_stays_an_int_and_mean_is_unrounded() -> None:
    spec = load_file(ROOT / "tests" / "fixtures" / "good" / "minimal.yaml").to_dict()
    assert scoring.score(spec, {"a": 1, "b": 0})["dimensions"]["x"]["score"] == 2
    assert isinstance(scoring.score(spec, {"a": 1, "b": 0})["dimensions"]["x"]["score"], int)
    result = scoring.score(dcs(), {"c1": 5, "c2": 4, "c3": 4, "c4": 4, "c5": 4, "c6": 4})
    assert result["dimensions"]["control"]["score"] == pytest.approx(21 / 6, abs=0)


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"zz": 1}, "unknown item 'zz'"),
        ({"d1": 6}, "answer 6 to item 'd1' is not one of its options (1, 2, 3, 4, 5)"),
        ({"d1": "5"}, "answer '5' to item 'd1' is not one of its options"),
        ({"d1": True}, "answer True to item 'd1' is not one of its options"),
    ],
)
def test_bad_answers_raise_answer_error(answers: dict, message: str) -> None:
    with pytest.raises(scoring.AnswerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        scoring.score(dcs(), answers)


def test_score_json_reports_errors_as_data() -> None:
    out = json.loads(scoring.score_json(json.dumps(dcs()), '{"nope": 1}'))
    assert out["error"].startswith("unknown item 'nope'")


def test_a_cached_spec_text_scores_like_a_fresh_one_and_a_changed_text_is_parsed_anew() -> None:
    # The worker passes the same spec text on every submit; scoring.py parses it once.
    spec = dcs()
    text = json.dumps(spec)
    answers = json.dumps({"d1": "4", "d2": "5", "d3": "2", "d4": "2"})
    first = scoring.score_form_json(text, answers)
    assert scoring.score_form_json(text, answers) == first
    assert scoring.score_form_json(json.dumps(spec), answers) == first  # an equal text
    assert json.loads(first) == scoring.score(spec, {"d1": 4, "d2": 5, "d3": 2, "d4": 2})
    # Same id and version, other bands: never answered from the cache of the old text.
    for band in spec["dimensions"]["demands"]["bands"]:
        band["id"] = "x-" + band["id"]
    changed = json.loads(scoring.score_form_json(json.dumps(spec), answers))
    assert changed["dimensions"]["demands"]["band"].startswith("x-")
    assert json.loads(scoring.score_form_json(text, answers)) == json.loads(first)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_score_cli_prints_the_result(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"d1": 5, "d2": 5, "d3": 5, "d4": 1, "s1": 1, "s2": 1}')
    run = run_cli("score", str(DCS), "--answers", str(answers))
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["dimensions"]["demands"] == {
        "score": 5.0,
        "band": "high",
        "answered": 4,
        "items": 4,
    }
    assert result["dimensions"]["support"]["score"] == 1.0


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"d1": 9}', "answer 9 to item 'd1' is not one of its options"),
        ('{"x1": 1}', "unknown item 'x1'"),
        ("[1, 2]", "answers must be a JSON object"),
        ("{oops", "answers are not valid JSON"),
        ('{"d1": ' + "7" * 5000 + "}", "answers are not valid JSON: a number has too many digits"),
        ("[" * 100_000 + "]" * 100_000, "answers are nested too deeply"),
        ('{"d1": ' + "[" * 100_000 + "]" * 100_000 + "}", "answers are nested too deeply"),
        ('{"d1": NaN}', "answer nan to item 'd1' is not one of its options"),
        ('{"d1": "4"}', "answer '4' to item 'd1' is not one of its options"),
    ],
)
def test_score_cli_bad_answers_exit_2(tmp_path: Path, content: str, message: str) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(content)
    run = run_cli("score", str(DCS), "--answers", str(answers))
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr


def test_schema_cli_prints_a_json_schema() -> None:
    run = run_cli("schema")
    schema = json.loads(run.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) == {"id", "version", "title", "intro", "items", "dimensions"}


def test_repo_assessments_validate_against_the_schema() -> None:
    import jsonschema
    import yaml

    schema = json.loads(run_cli("schema").stdout)
    for path in sorted((ROOT / "assessments").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_new_writes_a_starter_that_passes_check(tmp_path: Path) -> None:
    assert run_cli("new", "my-check", "--dir", str(tmp_path)).returncode == 0
    run = run_cli("check", str(tmp_path / "my-check.yaml"))
    assert run.returncode == 0, run.stdout
    assert run_cli("new", "my-check", "--dir", str(tmp_path)).returncode == 2


# ----------------------------------------------------------------------------- properties

values = st.lists(st.integers(-5, 10), min_size=2, max_size=6, unique=True)


@st.composite
def spec_and_answers(draw):
    dims = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=3, unique=True))
    items = []
    for n in range(draw(st.integers(1, 8))):
        vals = draw(values)
        items.append(
            {
                "id": f"i{n}",
                "dimension": dims[n % len(dims)],
                "reverse": draw(st.booleans()),
                "options": [{"value": v} for v in vals],
            }
        )
    used = {i["dimension"] for i in items}
    spec = {"id": "p", "version": 1, "items": items, "profiles": {}, "dimensions": {}}
    for d in used:
        count = sum(1 for i in items if i["dimension"] == d)
        spec["dimensions"][d] = {
            "method": draw(st.sampled_from(["mean", "sum"])),
            "min_answered": draw(st.integers(1, count)),
            "bands": [{"id": "lo", "upto": 0}, {"id": "hi", "upto": None}],
        }
    answers = {}
    for item in items:
        choice = draw(st.sampled_from([None, *[o["value"] for o in item["options"]]]))
        if choice is not None or draw(st.booleans()):
            answers[item["id"]] = choice
    return spec, answers


@settings(max_examples=300, deadline=None)
@given(spec_and_answers())
def test_scores_stay_within_the_possible_range(case) -> None:
    spec, answers = case
    result = scoring.score(spec, answers)
    for dim_id, dim in result["dimensions"].items():
        if dim["score"] is None:
            assert dim["answered"] < spec["dimensions"][dim_id]["min_answered"]
            continue
        lo, hi = scoring.dimension_range(spec, dim_id)
        assert lo - 1e-9 <= dim["score"] <= hi + 1e-9


@settings(max_examples=300, deadline=None)
@given(spec_and_answers())
def test_mean_equals_sum_over_answered(case) -> None:
    spec, answers = case
    as_sum = {
        **spec,
        "dimensions": {d: {**v, "method": "sum"} for d, v in spec["dimensions"].items()},
    }
    as_mean = {
        **spec,
        "dimensions": {d: {**v, "method": "mean"} for d, v in spec["dimensions"].items()},
    }
    s, m = scoring.score(as_sum, answers), scoring.score(as_mean, answers)
    for dim_id, dim in m["dimensions"].items():
        if dim["score"] is not None:
            total = s["dimensions"][dim_id]["score"]
            assert math.isclose(dim["score"], total / dim["answered"], rel_tol=1e-12, abs_tol=1e-12)


@given(values, st.data())
def test_reversing_twice_is_the_identity(vals, data) -> None:
    item = {"options": [{"value": v} for v in vals], "reverse": True}
    v = data.draw(st.sampled_from(vals))
    assert scoring.keyed_value(item, scoring.keyed_value(item, v)) == v


@settings(max_examples=200, deadline=None)
@given(spec_and_answers(), st.data())
def test_missing_answers_never_raise(case, data) -> None:
    spec, answers = case
    keep = data.draw(st.lists(st.sampled_from(sorted(answers) or ["-"]), unique=True))
    partial = {k: v for k, v in answers.items() if k in keep}
    result = scoring.score(spec, partial)
    assert result["complete"] == all(partial.get(i["id"]) is not None for i in spec["items"])


def test_every_repo_assessment_passes_check() -> None:
    run = run_cli("check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "example(s) hold" in run.stderr
