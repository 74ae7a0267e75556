"""``python -m handbook check | score | schema | new | compile`` (shared/DESIGN.md §3.3, §7.1).

Exit codes: 0 all good; 1 problems in assessment files; 2 bad usage or bad answers.
Expected errors are caught here and printed as ``FILE:LINE:COL: error: MESSAGE``; a traceback
therefore always means a bug in the engine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import scoring
from .courses import COURSE_DIR, Pages, course_files, load_courses
from .model import Spec, assessment_files, load_all, load_file
from .problems import HandbookError, Problem
from .schema import schema
from .starter import new_assessment


def _chapter_checker(content: Path | None):
    if content is None or not content.is_dir():
        return None
    return lambda chapter: (content / chapter).is_file()


def _is_course(path: str) -> bool:
    p = Path(path)
    return p.name == COURSE_DIR if p.is_dir() else p.parent.name == COURSE_DIR


def _check_courses(
    paths: list[str], specs: list[Spec], content: Path | None
) -> tuple[int, list[Problem]]:
    """Course manifests, checked against every language's pages and the assessments."""
    if not paths:
        return 0, []
    known = {s.id: s for s in specs}
    if not known and Path("assessments").is_dir():  # only courses asked for: read the specs
        known = {s.id: s for s in load_all(assessment_files(["assessments"]))[0]}
    folders = [content] if content is not None else []
    if content is not None and content.name in ("nb", "en"):
        folders = [f for f in (content.parent / "nb", content.parent / "en") if f.is_dir()]

    def generated(path: str) -> bool:
        stem = path.removeprefix("self-assessments/").removesuffix(".md")
        return path.startswith("self-assessments/") and stem in known

    courses, problems = load_courses(course_files(paths), Pages(folders, generated), known, str)
    return len(courses), problems


def cmd_check(args: argparse.Namespace) -> int:
    defaults = ["assessments", *([COURSE_DIR] if Path(COURSE_DIR).is_dir() else [])]
    paths = args.paths or defaults
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        print(f"{p}:0:0: error: no such file or directory", file=sys.stderr)
    present = [p for p in paths if Path(p).exists()]
    files = assessment_files(p for p in present if not _is_course(p))
    specs, problems = load_all(files, _chapter_checker(args.content))
    courses, found = _check_courses([p for p in present if _is_course(p)], specs, args.content)
    problems = sorted([*problems, *found])
    for problem in problems:
        print(problem)
    if problems or missing:
        bad = len({p.file for p in problems}) + len(missing)
        print(f"{len(problems) + len(missing)} problem(s) in {bad} file(s)", file=sys.stderr)
        return 1
    examples = sum(len(s.examples) for s in specs)
    print(
        f"ok: {len(specs)} assessment(s), {examples} example(s) hold, {courses} course(s)",
        file=sys.stderr,
    )
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    try:
        spec = load_file(args.file)
    except HandbookError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    try:
        text = (
            Path(args.answers).read_text(encoding="utf-8")
            if args.answers != "-"
            else sys.stdin.read()
        )
        answers = json.loads(text)
    except OSError as exc:
        print(f"{args.answers}: error: cannot read answers: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f"{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else "1:1"
        print(f"{args.answers}:{where}: error: answers are not valid JSON: {exc}", file=sys.stderr)
        return 2
    except ValueError:  # Python's limit on the digits of an integer
        print(
            f"{args.answers}: error: answers are not valid JSON: a number has too many digits",
            file=sys.stderr,
        )
        return 2
    except RecursionError:
        print(f"{args.answers}: error: answers are nested too deeply", file=sys.stderr)
        return 2
    if not isinstance(answers, dict):
        print(
            f"{args.answers}: error: answers must be a JSON object of item ids to values",
            file=sys.stderr,
        )
        return 2
    try:
        result = scoring.score(spec.to_dict(), answers)
    except scoring.AnswerError as exc:
        print(f"{args.answers}: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2 if args.pretty else None))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.dir) / f"{args.id}.yaml"
    if target.exists():
        print(f"{target}: error: file exists; choose another id", file=sys.stderr)
        return 2
    try:
        text = new_assessment(args.id)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}; edit it, then run: python -m handbook check {target}", file=sys.stderr)
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from .compile import STANDALONE, compile_sites
    from .site import Site

    configs = [Path(c) for c in args.config]
    missing = [c for c in configs if not c.is_file()]
    for c in missing:
        print(f"{c}:0:0: error: no such configuration file", file=sys.stderr)
    if missing:
        return 1
    try:
        sites = [Site.from_config(c) for c in configs]
        sites = [s for s in sites if args.lang is None or s.lang == args.lang]
        if not sites:
            print(f"error: no configuration builds language '{args.lang}'", file=sys.stderr)
            return 2
        for site in sites:
            site.load()
        runtime = None if args.no_runtime else sites[0].root / "node_modules" / "pyodide"
        written = compile_sites(sites, args.out, STANDALONE, runtime)
    except HandbookError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    langs = ", ".join(s.lang for s in sites)
    print(f"ok: wrote {len(written)} file(s) for {langs} into {args.out}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m handbook", description="Check, score and scaffold self-assessments."
    )
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser(
        "check", help="validate assessments (and run their examples) and course manifests"
    )
    c.add_argument(
        "paths",
        nargs="*",
        help="files or folders (default: assessments/ and courses/; files in a folder named "
        "'courses' are read as course manifests)",
    )
    c.add_argument(
        "--content",
        type=Path,
        default=Path("content/nb"),
        help="content folder that 'chapter' paths are relative to",
    )
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("score", help="score answers and print the result JSON")
    s.add_argument("file", help="assessment YAML file")
    s.add_argument("--answers", required=True, help="JSON file of item id → value ('-': stdin)")
    s.add_argument("--pretty", action="store_true", help="indent the JSON")
    s.set_defaults(func=cmd_score)
    sc = sub.add_parser("schema", help="print the JSON Schema of the YAML format")
    sc.set_defaults(func=cmd_schema)
    n = sub.add_parser("new", help="write a starter assessment to edit")
    n.add_argument("id", help="id of the new assessment (a-z, 0-9, hyphens)")
    n.add_argument("--dir", default="assessments", help="folder to write into")
    n.set_defaults(func=cmd_new)
    co = sub.add_parser(
        "compile", help="write widget fragments, specs, scoring module and runtime (no MkDocs)"
    )
    co.add_argument("--out", type=Path, required=True, help="output folder")
    co.add_argument("--lang", choices=["nb", "en"], help="only this language")
    co.add_argument(
        "--config",
        action="append",
        help="site configuration(s) in the mkdocs.yml format (default: mkdocs.yml, mkdocs.en.yml)",
    )
    co.add_argument("--no-runtime", action="store_true", help="skip the Pyodide runtime")
    co.set_defaults(func=cmd_compile)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "compile" and not args.config:
        args.config = [c for c in ("mkdocs.yml", "mkdocs.en.yml") if Path(c).is_file()] or [
            "mkdocs.yml"
        ]
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
