"""Every class of bad input gives the exact FILE:LINE:COL message, all at once, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook.model import load_file, load_text
from handbook.problems import HandbookError

BAD = Path(__file__).parent / "fixtures" / "bad"
GOOD = Path(__file__).parent / "fixtures" / "good"

# One fixture per mistake; each lists the complete, sorted set of problems (line, col, message),
# so a missing *or* an extra problem fails the test.
EXPECTED = {
    "actions": [
        (17, 12, "unknown group 'lode' in dimension 'x' (did you mean 'load'?)"),
        (
            23,
            15,
            "tone of band 'low' of dimension 'x' must be one of 'good', 'neutral', 'concern', got 'bad'",
        ),
        (26, 18, "action id 'talk' is used twice (first on line 25)"),
        (27, 13, "action 3 of band 'low' of dimension 'x' is missing required key 'text'"),
        (32, 18, "actions of band 'high' of dimension 'x' must be a list, got a mapping"),
    ],
    "alias-bomb": [
        (5, 4, "aliases (*name) are not supported; write the value out"),
    ],
    "bad-discuss": [
        (
            16,
            62,
            "discussion questions of band 'low' of dimension 'x' must be text, got a list",
        ),
        (20, 9, "unknown key 'discus' in band 2 of dimension 'x' (did you mean 'discuss'?)"),
    ],
    "band-order": [
        (
            17,
            25,
            "bands must be in increasing order: 'upto' 1.2 of band 'mid' of dimension 'x' is not above 1.8 on line 16",
        ),
        (
            18,
            25,
            "the last band (band 'top' of dimension 'x') must not have 'upto': it takes every score above the band before it",
        ),
    ],
    "duplicate-item": [
        (12, 10, "item id 'a' is used twice (first on line 11)"),
    ],
    "duplicate-key": [
        (15, 5, "duplicate key 'scale' (first defined on line 13)"),
        (22, 1, "duplicate key 'version' (first defined on line 2)"),
    ],
    "empty": [
        (
            1,
            1,
            "file is empty; an assessment needs at least 'id', 'version', 'title', 'items' and 'dimensions'",
        ),
    ],
    "example-bad-answer": [
        (19, 18, "answer 3 to 'a' in example 1 is not one of its options (1, 2)"),
        (19, 21, "unknown item 'b' in example 1"),
    ],
    "example-fails": [
        (22, 23, "example 1 does not hold: expected score of 'x' 2, scoring gives 1.5"),
        (23, 18, "example 1 does not hold: expected band of 'x' high, scoring gives low"),
        (24, 17, "example 1 does not hold: expected 'complete' false, scoring gives true"),
    ],
    "id-mismatch": [
        (1, 5, "id 'not-the-stem' must equal the file name 'id-mismatch'"),
    ],
    "markup": [
        (4, 8, "intro contains raw HTML ('<script'); write Markdown instead"),
        (
            5,
            8,
            "about links to 'javascript:alert(1'; only http(s), mailto and pages of the handbook are allowed",
        ),
        (16, 14, "explanation of item 'a' contains raw HTML ('<img'); write Markdown instead"),
        (
            16,
            14,
            "explanation of item 'a' links to 'data:text/html,hi'; only http(s), mailto and pages of the handbook are allowed",
        ),
        (20, 12, "about of dimension 'x' contains raw HTML ('<svg'); write Markdown instead"),
        (
            22,
            52,
            "feedback of band 'low' of dimension 'x' links to 'vbscript:msgbox'; only http(s), mailto and pages of the handbook are allowed",
        ),
    ],
    "missing-key": [
        (11, 5, "item 'a' is missing required key 'text'"),
    ],
    "missing-language": [
        (12, 11, "text of item 'a' is missing required key 'en'"),
        (16, 36, "unknown key 'de' in text of item 'b'"),
    ],
    "syntax-error": [
        (
            4,
            1,
            "YAML syntax error: expected ',' or '}', but got '<stream end>' (parsing a flow mapping that starts on line 3)",
        ),
    ],
    "tab-indent": [
        (4, 1, "tab character in indentation; YAML needs spaces (use 2 spaces per level)"),
    ],
    "unknown-key": [
        (14, 5, "unknown key 'dimesion' in item 'a' (did you mean 'dimension'?)"),
        (21, 1, "unknown key 'exampels' in the assessment (did you mean 'examples'?)"),
    ],
    "unknown-refs": [
        (11, 29, "unknown scale 'agre' in item 'a' (did you mean 'agree'?)"),
        (12, 47, "unknown dimension 'y' in item 'b'"),
        (
            24,
            28,
            "unknown band 'hihg' for dimension 'x' in rule 'r1' of profile 'p' (did you mean 'high'?)",
        ),
        (25, 25, "unknown dimension 'z' in rule 'r2' of profile 'p'"),
    ],
    "yaml11-numerals": [
        (
            2,
            10,
            "version must be written as a plain decimal: YAML reads '010' as 8; write 8 if you mean that",
        ),
        (
            5,
            10,
            "minutes must be written as a plain decimal: YAML reads '0x10' as 16; write 16 if you mean that",
        ),
        (
            11,
            17,
            "value of option 1 in options of item 'a' must be written as a plain decimal: YAML reads '0b10' as 2; write 2 if you mean that",
        ),
        (
            12,
            17,
            "value of option 2 in options of item 'a' must be written as a plain decimal: YAML reads '1:30' as 90; write 90 if you mean that",
        ),
        (
            13,
            17,
            "value of option 3 in options of item 'a' must be written as a plain decimal: YAML reads '1_000' as 1000; write 1000 if you mean that",
        ),
        (
            18,
            25,
            "'upto' of band 'low' of dimension 'x' must be a number, got '0x_', which is not a decimal number",
        ),
    ],
    "huge-numbers": [
        (2, 10, "version must lie between -9007199254740991 and 9007199254740991, got 5000 digits"),
        (
            10,
            17,
            "value of option 1 in options of item 'a' must lie between -9007199254740991 and 9007199254740991, got 400 digits",
        ),
        (11, 17, "value of option 2 in options of item 'a' must be a number, got text '1.0e400'"),
        (12, 17, "value of option 3 in options of item 'a' must be a finite number, got .nan"),
        (
            13,
            17,
            "value of option 4 in options of item 'a' must lie between -9007199254740991 and 9007199254740991, got 9007199254740992",
        ),
    ],
    "bad-tags": [
        (2, 10, "version must be a whole number, got 'x', which is not a decimal number"),
        (3, 8, "title must be text, got a value tagged !!null ('Tittel')"),
        (4, 8, "intro must be text, got a value tagged !custom ('Til refleksjon.')"),
        (7, 11, "text of item 'a' must be text, got a value tagged !!binary ('aGVp')"),
        (9, 14, "'reverse' of item 'a' must be true or false, got 'maybe'; write true or false"),
        (11, 17, "value of option 1 in options of item 'a' must be a number, got text '5'"),
        (
            12,
            27,
            "label of option 2 in options of item 'a' must be text, got the date 2026-01-01 (put it in quotes to use it as text)",
        ),
    ],
    "complex-keys": [
        (5, 3, "keys in the assessment must be text, got a list"),
        (25, 18, "keys in 'when' of rule 'r' of profile 'p' must be text, got a list"),
        (29, 17, "keys in answers of example 1 must be text, got a list"),
        (30, 24, "keys in expect.bands of example 1 must be text, got a mapping"),
    ],
    "odd-text": [
        (3, 8, "title contains the control character U+001B; remove it"),
        (4, 8, "intro contains only invisible characters"),
        (
            6,
            9,
            "item id 'a\\u000a' must use only a-z, 0-9, '-' and '_' and start with a letter or digit",
        ),
        (7, 11, "text of item 'a\\u000a' contains the control character U+0000; remove it"),
        (10, 27, "label of option 1 in options of item 'a\\u000a' is empty"),
    ],
    "wrong-type": [
        (2, 10, "version must be a whole number, got text 'one'"),
        (4, 8, "intro must be text, got a list"),
        (5, 10, "minutes must be a whole number, got the number 2.5"),
        (16, 14, "'reverse' of item 'a' must be true or false, got text 'maybe'"),
    ],
}


def problems_of(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(HandbookError) as info:
        load_file(path)
    return [(p.line, p.col, p.message) for p in info.value.problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_reports_exact_positions(name: str) -> None:
    assert problems_of(BAD / f"{name}.yaml") == EXPECTED[name]


def test_every_bad_fixture_has_expectations() -> None:
    assert {p.stem for p in BAD.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_messages_are_the_same_without_libyaml(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook import yamlnodes

    monkeypatch.setattr(yamlnodes, "FAST_LOADER", None)
    assert problems_of(BAD / f"{name}.yaml") == EXPECTED[name]


def test_links_must_point_to_existing_pages_and_sections() -> None:
    from handbook.markdown_text import link_checker

    root = Path(__file__).resolve().parents[1]
    with pytest.raises(HandbookError) as info:
        load_file(
            Path(__file__).parent / "fixtures" / "links" / "action-links.yaml",
            page_exists=link_checker(root / "content" / "nb"),
        )
    assert [(p.line, p.col, p.message) for p in info.value.problems] == [
        (
            19,
            19,
            "feedback of band 'low' of dimension 'x' links to 'theory/mastery.md#no-such-section', which does not exist",
        ),
        (
            21,
            40,
            "link of action 'one' of band 'low' of dimension 'x' points to 'practice/no-such-page.md', which does not exist",
        ),
        (
            22,
            40,
            "link of action 'two' of band 'low' of dimension 'x' points to 'practice/absence-follow-up.md#nowhere', which does not exist",
        ),
    ]


def test_yes_no_on_off_stay_text() -> None:
    spec = load_file(GOOD / "minimal.yaml")
    labels = [o.label for o in spec.items[0].options]
    assert [(t.nb, t.en) for t in labels] == [("Nei", "No"), ("Ja", "Yes")]
    spec = load_text(
        (GOOD / "minimal.yaml").read_text().replace("title: X", "title: {nb: 'on', en: On}"),
        "x.yaml",
    )
    assert spec.dimensions[0].title.en == "On"


def test_non_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: latin1\ntitle: {nb: Bl\u00e5, en: Blue}\n".encode("latin-1"))
    assert problems_of(path) == [(2, 15, "file is not UTF-8 (byte 0xe5); save it as UTF-8")]


def test_alias_bomb_is_rejected_fast() -> None:
    start = time.perf_counter()
    problems = problems_of(BAD / "alias-bomb.yaml")
    assert time.perf_counter() - start < 2.0
    assert [p[2] for p in problems] == ["aliases (*name) are not supported; write the value out"]


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("id: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    problems = problems_of(path)
    assert len(problems) == 1 and "nested deeper" in problems[0][2]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * 1_100_000 + "\n")
    assert problems_of(path) == [(1, 1, "file is larger than 1000 kB")]


def test_check_cli_prints_every_problem_and_exits_1() -> None:
    files = [str(BAD / "unknown-refs.yaml"), str(BAD / "wrong-type.yaml")]
    run = subprocess.run(
        [sys.executable, "-m", "handbook", "check", *files], capture_output=True, text=True
    )
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert len(lines) == len(EXPECTED["unknown-refs"]) + len(EXPECTED["wrong-type"])
    assert all(": error: " in line and line.startswith(str(BAD)) for line in lines)
    assert "Traceback" not in run.stderr


def test_check_cli_missing_path_is_an_error() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "handbook", "check", "no/such.yaml"], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "no/such.yaml:0:0: error: no such file or directory" in run.stderr


def test_ids_other_yaml_tools_read_as_yes_no_or_numbers_must_be_quoted() -> None:
    """The loader keeps `true` as text, but editors checking the JSON Schema read a boolean."""
    text = (
        "id: x\nversion: 1\ntitle: T\nintro: I\nitems:\n"
        "  - {id: true, text: A, dimension: d, options: [{value: 1, label: a}, {value: 2, label: b}]}\n"
        "  - {id: 'no', text: B, dimension: d, options: [{value: 1, label: a}, {value: 2, label: b}]}\n"
        "dimensions:\n  d: {title: D, bands: [{id: 12, label: L, feedback: F}]}\n"
    )
    with pytest.raises(HandbookError) as caught:
        load_text(text, "x.yaml", "x")
    assert [(p.line, p.col, p.message) for p in caught.value.problems] == [
        (6, 10, "item id 'true' is not text to other YAML tools (they read true (true/false)); "
         "write it in quotes or choose another id"),
        (9, 30, "band id '12' is not text to other YAML tools (they read the whole number 12); "
         "write it in quotes or choose another id"),
    ]  # fmt: skip
