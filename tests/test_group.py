"""Group figures (handbook.group): exact numbers, the threshold of five, nulls, duplicates, and
every kind of refused file."""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path
from typing import Any

import pytest

from handbook import group, scoring
from handbook.model import load_file

ROOT = Path(__file__).resolve().parents[1]


def option(value: int) -> dict[str, Any]:
    return {"value": value, "label": {"nb": str(value), "en": str(value)}}


FIVE = [option(v) for v in range(1, 6)]
SPEC: dict[str, Any] = {
    "id": "g",
    "version": 3,
    "items": [
        {"id": "a1", "dimension": "a", "reverse": False, "options": FIVE},
        {"id": "b1", "dimension": "b", "reverse": False, "options": FIVE},
    ],
    "dimensions": {
        "a": {"method": "mean", "min_answered": 1, "bands": [
            {"id": "low", "upto": 2}, {"id": "mid", "upto": 3.5}, {"id": "high", "upto": None}]},
        "b": {"method": "sum", "min_answered": 1, "bands": [
            {"id": "low", "upto": 3}, {"id": "high", "upto": None}]},
    },
    "profiles": {"p": {"rules": [
        {"id": "both-high", "when": {"a": ["high"], "b": ["high"]}},
        {"id": "other", "when": {"a": ["low", "mid", "high"], "b": ["low", "high"]}},
    ]}},
}  # fmt: skip


def sets(a_values: list[int | None], b_values: list[int | None]) -> list[dict[str, Any]]:
    return [{"a1": a, "b1": b} for a, b in zip(a_values, b_values, strict=True)]


def test_six_files_exact_figures() -> None:
    out = group.group(SPEC, sets([1, 2, 3, 4, 5, 5], [1, 2, 3, 4, 5, 4]))
    assert out == {
        "assessment": "g",
        "version": 3,
        "n": 6,
        "dimensions": {
            # sorted a: 1 2 3 4 5 5 → median (3+4)/2; inclusive quartiles interpolate at
            # positions 1.25 and 3.75 of 0..5: 2 + 0.25·1 = 2.25 and 4 + 0.75·1 = 4.75.
            "a": {"median": 3.5, "q1": 2.25, "q3": 4.75, "bands": {"low": 2, "mid": 1, "high": 3}},
            # sorted b: 1 2 3 4 4 5 (sum of one item keeps integers)
            "b": {"median": 3.5, "q1": 2.25, "q3": 4.0, "bands": {"low": 3, "high": 3}},
        },
        # a high and b high: (4,4) → a=4 high, b=4 high; (5,5) high/high; (5,4) high/high
        "profiles": {"p": {"both-high": 3, "other": 3}},
    }


def test_the_quartiles_are_pythons_inclusive_method() -> None:
    out = group.group(SPEC, sets([1, 2, 3, 4, 5, 5, 5], [1, 2, 3, 4, 5, 1, 2]))
    q = statistics.quantiles([1, 2, 3, 4, 5, 1, 2], n=4, method="inclusive")
    assert out["dimensions"]["b"]["q1"] == q[0] == 1.5 and out["dimensions"]["b"]["q3"] == q[2]
    assert out["dimensions"]["b"]["median"] == q[1] == 2


def test_four_files_give_no_figure_of_any_kind() -> None:
    out = group.group(SPEC, sets([1, 2, 3, 4], [1, 2, 3, 4]))
    assert out == {"assessment": "g", "version": 3, "n": 4}


def test_five_files_are_enough() -> None:
    out = group.group(SPEC, sets([1, 2, 3, 4, 5], [5, 5, 5, 5, 5]))
    assert out["n"] == 5
    assert out["dimensions"]["a"] == {
        "median": 3,
        "q1": 2.0,
        "q3": 4.0,
        "bands": {"low": 2, "mid": 1, "high": 2},
    }
    assert out["dimensions"]["b"]["bands"] == {"low": 0, "high": 5}


def test_identical_answers_count_once_and_can_drop_a_group_below_five() -> None:
    answers = sets([1, 2, 3, 4, 4], [1, 2, 3, 4, 4])
    out = group.group(SPEC, answers)
    assert out == {"assessment": "g", "version": 3, "n": 4}
    # Item order and unanswered items written as null do not make answers different.
    same = [{"b1": 1, "a1": 1}, {"a1": 1, "b1": 1}, {"a1": 1, "b1": 1, "x": None}]
    assert len({group._canonical(a) for a in same}) == 1


def test_a_file_without_a_score_for_a_dimension_is_left_out_of_it() -> None:
    out = group.group(SPEC, sets([1, 2, 3, 4, 5, 4], [1, 2, 3, 4, None, None]))
    assert out["n"] == 6
    assert out["dimensions"]["a"]["bands"] == {"low": 2, "mid": 1, "high": 3}
    assert out["dimensions"]["b"] is None  # four scores: no figure for b
    assert out["profiles"]["p"] is None  # four files have a profile
    out = group.group(SPEC, sets([1, 2, 3, 4, 5, 5], [1, 2, 3, 4, 5, None]))
    assert out["dimensions"]["b"] == {
        "median": 3,
        "q1": 2.0,
        "q3": 4.0,
        "bands": {"low": 3, "high": 2},
    }
    assert out["profiles"]["p"] == {"both-high": 2, "other": 3}  # (4, 4) and (5, 5)


def test_group_json_round_trip_and_errors() -> None:
    answers = sets([1, 2, 3, 4, 5, 5], [1, 2, 3, 4, 5, 4])
    text = group.group_json(json.dumps(SPEC), json.dumps(answers))
    assert json.loads(text) == group.group(SPEC, answers)
    assert json.loads(group.group_json(json.dumps(SPEC), '{"a1": 1}')) == {
        "error": "answer sets must be a list of objects"
    }
    assert json.loads(group.group_json(json.dumps(SPEC), '[{"zz": 1}]')) == {
        "error": "unknown item 'zz' (items: a1, b1)"
    }


def share(answers: Any, **changes: Any) -> str:
    data = {"format": "krav-og-mestring/result", "format_version": 1, "assessment": "g"}
    data |= {"version": 3, "answers": answers, **changes}
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "reason", "detail"),
    [
        ("x" * (1024 * 1024 + 1), "too-big", ""),
        ("{not json", "not-json", ""),
        ("[1, 2]", "not-result", ""),
        ('{"assessment": "g", "version": 3, "answers": {}}', "not-result", ""),
        (share({}, format_version=2), "format-version", "2"),
        (share({}, format_version=True), "format-version", "True"),
        (share({}, assessment="nope"), "unknown-assessment", "nope"),
        (share({}, version=2), "version", "2"),
        (share({}, version="3"), "version", "3"),
        (share([1]), "answers", "answers must be an object of item ids to values"),
        (share({"zz": 1}), "answers", "unknown item 'zz' (items: a1, b1)"),
        (share({"a1": 9}), "answers",
         "answer 9 to item 'a1' is not one of its options (1, 2, 3, 4, 5)"),
    ],
)  # fmt: skip
def test_each_kind_of_bad_file_is_refused_with_its_reason(
    text: str, reason: str, detail: str
) -> None:
    with pytest.raises(group.FileRefused) as caught:
        group.read_file({"g": SPEC}, text)
    assert (caught.value.reason, caught.value.detail) == (reason, detail)
    named = reason in ("version", "answers")
    assert caught.value.assessment == ("g" if named else None)
    assert caught.value.reason in group.REASONS


def test_a_full_result_file_counts_only_its_answers_and_text_values_are_read() -> None:
    full = share({"a1": "4", "b1": 2}, lang="nb", exported="2026-12-06T10:00:00Z")
    full = json.dumps({**json.loads(full), "result": {"dimensions": {"a": {"score": 99}}}})
    assert group.read_file({"g": SPEC}, full) == ("g", {"a1": 4, "b1": 2})


def test_read_files_reports_each_file_and_a_bad_one_stops_nothing() -> None:
    good = [share({"a1": a, "b1": 3}) for a in (1, 2, 3, 4, 5)]
    texts = [good[0], "{broken", *good[1:], good[2], share({}, version=1)]
    out = json.loads(group.read_files_json(json.dumps({"g": SPEC}), json.dumps(texts)))
    assert [f["status"] for f in out["files"]] == [
        "counted", "refused", "counted", "counted", "counted", "counted", "duplicate", "refused",
    ]  # fmt: skip
    assert out["files"][7] == {
        "status": "refused", "reason": "version", "detail": "1", "assessment": "g",
    }  # fmt: skip
    assert out["files"][1] == {"status": "refused", "reason": "not-json", "detail": ""}
    assert out["files"][0] == {"status": "counted", "assessment": "g"}
    assert out["groups"]["g"]["n"] == 5
    assert out["groups"]["g"]["dimensions"]["a"]["median"] == 3
    assert json.loads(group.read_files_json("[]", "[]")) == {
        "error": "specs must be an object and texts a list"
    }
    assert json.loads(group.read_files_json("{}", "[1]")) == {
        "error": "every file must be given as text"
    }


def test_real_assessment_matches_scoring_each_file() -> None:
    spec = load_file(ROOT / "assessments" / "demand-control-support.yaml").to_dict()
    rng = random.Random(12)
    answer_sets = [{item["id"]: rng.randint(1, 5) for item in spec["items"]} for _ in range(6)]
    out = group.group(spec, answer_sets)
    demands = sorted(scoring.score(spec, a)["dimensions"]["demands"]["score"] for a in answer_sets)
    assert out["n"] == 6
    assert out["dimensions"]["demands"]["median"] == statistics.median(demands)
    q = statistics.quantiles(demands, n=4, method="inclusive")
    assert (out["dimensions"]["demands"]["q1"], out["dimensions"]["demands"]["q3"]) == (q[0], q[2])
    assert sum(out["profiles"]["karasek"].values()) == 6
