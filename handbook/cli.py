"""``python -m handbook check | score | schema | new | compile | prepare`` (DESIGN.md §3.3, §7.1).

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

from . import resultfile, scoring
from .courses import COURSE_DIR, Pages, course_files, load_courses
from .model import Spec, assessment_files, load_all, load_file
from .problems import HandbookError, Problem
from .schema import schema
from .starter import new_assessment


def _chapter_checker(content: Path | None):
    from .markdown_text import link_checker

    if content is None or not content.is_dir():
        return None
    return link_checker(content)


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
    if "format" in answers or {"assessment", "answers"} <= set(answers):
        # A result file (DESIGN §7.2): its answers are scored again; a carried result is ignored.
        try:
            answers = resultfile.parse(spec.to_dict(), answers)["answers"]
        except resultfile.ResultFileError as exc:
            print(f"{args.answers}: error: {exc}", file=sys.stderr)
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


def cmd_export_qti(args: argparse.Namespace) -> int:
    """``export qti``: knowledge checks → an IMS QTI content package (zip) for an LMS."""
    from . import citations, qti

    for option, folder in (("--dir", args.dir), ("--references", args.references)):
        if not Path(folder).is_dir():
            print(f"{folder}: error: no such folder (see {option})", file=sys.stderr)
            return 2
    if args.site_url and not args.site_url.startswith(("https://", "http://")):
        print(
            f"error: --site-url must start with https:// (got '{args.site_url}')", file=sys.stderr
        )
        return 2
    specs, problems = load_all(assessment_files([args.dir]))
    try:
        bib = citations.load_bibliography(Path(args.references).glob("*.yaml"))
    except HandbookError as exc:
        problems = [*problems, *exc.problems]
    for problem in problems:
        print(problem)
    if problems:
        return 1
    try:
        chosen = qti.select(specs, args.ids, args.dir)
        package = qti.build_package(chosen, args.lang, bib, args.site_url)
        data = qti.export(package, args.qti)
    except qti.SelectionError as exc:
        for message in exc.messages:
            print(f"error: {message}", file=sys.stderr)
        print(f"note: {exc.hint}", file=sys.stderr)
        return 2
    except qti.ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        Path(args.out).write_bytes(data)
    except OSError as exc:
        print(f"{args.out}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    questions = sum(len(quiz.questions) for quiz in package.quizzes)
    print(f"wrote {args.out}: {len(package.quizzes)} knowledge check(s), {questions} question(s), "
          f"QTI {args.qti}, {args.lang}", file=sys.stderr)  # fmt: skip
    return 0


def cmd_refs_import(args: argparse.Namespace) -> int:
    """``refs import``: add a reference manager's BibTeX or CSL-JSON export to the bibliography."""
    from .refmerge import run

    for path in (args.file, args.into.parent):
        if not path.exists():
            print(f"{path}:0:0: error: no such file or directory", file=sys.stderr)
            return 2
    lines, code = run(args.file, args.into)
    for line in lines[:-1]:
        print(line)
    print(lines[-1], file=sys.stderr)
    return code


def cmd_prepare(args: argparse.Namespace) -> int:
    from .prepare import prepare_site
    from .site import Site

    configs = [Path(c) for c in args.config]
    missing = [c for c in configs if not c.is_file()]
    for c in missing:
        print(f"{c}:0:0: error: no such configuration file", file=sys.stderr)
    if missing:
        return 1
    try:
        sites = [s for s in (Site.from_config(c) for c in configs) if s.lang == args.lang]
        if not sites:
            print(f"error: no configuration builds language '{args.lang}'", file=sys.stderr)
            return 2
        site = sites[0]
        site.load()
        written = prepare_site(site, args.out)
    except HandbookError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s); nothing prepared", file=sys.stderr)
        return 1
    print(f"ok: wrote {len(written)} file(s) for {site.lang} into {args.out}", file=sys.stderr)
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
    s.add_argument(
        "--answers",
        required=True,
        help="JSON file of item id → value, or a result file exported from the site ('-': stdin)",
    )
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
    # export qti: one self-contained block (see cmd_export_qti).
    ex = sub.add_parser("export", help="export assessments for other systems")
    formats = ex.add_subparsers(dest="format", required=True)
    q = formats.add_parser("qti", help="knowledge checks as an IMS QTI package for an LMS")
    q.add_argument("ids", nargs="*", metavar="ID", help="knowledge checks (default: all of them)")
    q.add_argument("--lang", required=True, choices=["nb", "en"], help="language of the export")
    q.add_argument("--out", required=True, metavar="FILE.zip", help="the zip file to write")
    q.add_argument("--qti", choices=["1.2", "2.1"], default="1.2", help="QTI version (1.2)")
    q.add_argument("--site-url", metavar="URL", help="published site, to link explanations to")
    q.add_argument("--dir", default="assessments", help="folder of assessment files")
    q.add_argument("--references", default="references", help="folder of the bibliography")
    q.set_defaults(func=cmd_export_qti)

    refs = sub.add_parser("refs", help="work with the bibliography (references/*.yaml)")
    refs_sub = refs.add_subparsers(dest="refs_command", required=True)
    ri = refs_sub.add_parser("import", help="add works from a BibTeX or CSL-JSON export")
    ri.add_argument("file", type=Path, help="the export: FILE.bib or FILE.json (CSL-JSON)")
    ri.add_argument(
        "--into",
        type=Path,
        default=Path("references/imported.yaml"),
        help="bibliography file to add to (default: references/imported.yaml)",
    )
    ri.set_defaults(func=cmd_refs_import)

    pr = sub.add_parser(
        "prepare",
        help="write a generator-neutral source tree: pages with markers expanded, assessment "
        "pages, nav and assets (no MkDocs)",
    )
    pr.add_argument("--out", type=Path, required=True, help="output folder (docs/, generated.yml)")
    pr.add_argument("--lang", choices=["nb", "en"], required=True, help="the language to prepare")
    pr.add_argument(
        "--config",
        action="append",
        help="site configuration(s) in the mkdocs.yml format; the one whose theme.language is "
        "--lang is used (default: mkdocs.yml, mkdocs.en.yml)",
    )
    pr.set_defaults(func=cmd_prepare)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command in ("compile", "prepare") and not args.config:
        args.config = [c for c in ("mkdocs.yml", "mkdocs.en.yml") if Path(c).is_file()] or [
            "mkdocs.yml"
        ]
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
