"""Course manifests (``courses/<id>.yaml``): a course session built from the handbook.

A manifest names its chapters and toolkits (content paths, optionally with a ``#anchor``), its
self-assessments and knowledge checks (by id), learning goals, one or more timed plans and
discussion questions, in both languages. It is read like an assessment — composed with
``handbook.yamlnodes`` (positions kept, YAML 1.1 traps avoided), checked key by key with the
model's ``Checker`` — and every problem is reported at once as ``FILE:LINE:COL: error: …``:
an unknown page, an anchor that is no ``{#anchor}`` heading of that page (in either language),
an unknown assessment, a plan whose steps leave gaps or overrun its minutes.

The site renders each manifest into a section of the course-modules page (``[[course ID]]``),
a course page (``instructors/courses/<id>/``) and a one-page handout
(``instructors/courses/<id>/handout/``). The format is documented in CONTRIBUTING.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from .markdown_text import MD_LINK
from .model.checker import Checker
from .model.format import ASSESSMENT_ID_PATTERN, Key, optional, required
from .model.spec import Spec, Text
from .problems import HandbookError, Problem, did_you_mean
from .yamlnodes import compose_file

COURSE_DIR = "courses"
CAUTIONS = ("note", "warning")
LIST = {"type": "array"}

SHAPES: dict[str, tuple[Key, ...]] = {
    "course": (
        required("id", "text", "id"),
        required("module", "count", "module"),
        required("title", "localized", "title"),
        required("summary", "markdown", "summary"),
        required("audience", "localized", "audience"),
        optional("preparation", "markdown", "preparation"),
        optional("caution", None),
        required("chapters", None),
        optional("case", "text", "case"),
        optional("toolkits", None),
        optional("assessments", None),
        optional("knowledge_checks", None),
        optional("note", "markdown", "note"),
        required("goals", None),
        required("sessions", None),
        required("discussion", None),
    ),
    "caution": (
        required("kind", "text", "kind of the caution"),
        required("title", "localized", "title of the caution"),
        required("text", "markdown", "text of the caution"),
    ),
    "session": (
        required("minutes", "count", "minutes of {owner}"),
        optional("preparation", "markdown", "preparation of {owner}"),
        required("steps", None),
    ),
    "step": (
        required("from", "number", "'from' of {owner}"),
        required("to", "number", "'to' of {owner}"),
        required("activity", "markdown", "activity of {owner}"),
    ),
    "translations": (
        required("nb", "text", "{owner} (nb)"),
        required("en", "text", "{owner} (en)"),
    ),
}


@dataclass(frozen=True)
class Step:
    start: int
    end: int
    activity: Text


@dataclass(frozen=True)
class Session:
    minutes: int
    steps: tuple[Step, ...]
    preparation: Text | None = None


@dataclass(frozen=True)
class Caution:
    kind: str
    title: Text
    text: Text


@dataclass(frozen=True)
class Course:
    id: str
    module: int
    title: Text
    summary: Text
    audience: Text
    chapters: tuple[str, ...]
    goals: tuple[Text, ...]
    sessions: tuple[Session, ...]
    discussion: tuple[Text, ...]
    case: str | None = None
    toolkits: tuple[str, ...] = ()
    assessments: tuple[str, ...] = ()
    knowledge_checks: tuple[str, ...] = ()
    preparation: Text | None = None
    caution: Caution | None = None
    note: Text | None = None

    @property
    def readings(self) -> tuple[str, ...]:
        """Every page (with anchor) the course points to, in order, without repeats."""
        pages = [*self.chapters, *([self.case] if self.case else []), *self.toolkits]
        return tuple(dict.fromkeys(pages))


HEADING_ANCHOR = re.compile(r"^#{1,6}\s.*\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


class Pages:
    """What the content folders hold: pages and their ``{#anchor}`` headings, per language."""

    def __init__(self, folders: Iterable[Path], extra: Callable[[str], bool] | None = None):
        self.folders = list(folders)
        self.extra = extra  # pages a generator adds (e.g. assessment pages)
        self._anchors: dict[tuple[Path, str], set[str]] = {}

    def exists(self, path: str) -> bool:
        if self.extra is not None and self.extra(path):
            return True
        return all((folder / path).is_file() for folder in self.folders)

    def anchors(self, path: str) -> set[str]:
        """Anchors every language's page has (an anchor missing in one language is unknown)."""
        found: set[str] | None = None
        for folder in self.folders:
            key = (folder, path)
            if key not in self._anchors:
                source = folder / path
                text = source.read_text(encoding="utf-8") if source.is_file() else ""
                self._anchors[key] = set(HEADING_ANCHOR.findall(text))
            found = self._anchors[key] if found is None else found & self._anchors[key]
        return found or set()

    def problem(self, target: str) -> str | None:
        """Why ``page.md#anchor`` does not resolve, or None."""
        path, _, anchor = target.partition("#")
        if not path.endswith(".md") or not self.exists(path):
            return f"'{path}' is not a page of the handbook"
        if anchor and (self.extra is None or not self.extra(path)):
            known = self.anchors(path)
            if anchor not in known:
                hint = did_you_mean(anchor, known)
                return f"'{target}' points to no heading (the page has no {{#{anchor}}}){hint}"
        return None


class CourseChecker(Checker):
    def __init__(self, file: str, pages: Pages, specs: dict[str, Spec]):
        super().__init__(file)
        self.pages = pages
        self.specs = specs

    def keys(self, shape: str) -> tuple[Key, ...]:
        return SHAPES[shape]

    def markdown(self, node: Node, what: str) -> Text | None:
        text = self.localized(node, what)
        if text is None:
            return None
        for lang, value_node in _language_nodes(node):
            for match in MD_LINK.finditer(text.get(lang)):
                target = match.group(1) + (match.group(2) or "")
                why = self.pages.problem(target)
                if why:
                    self.fail(
                        value_node, f"{what} ({lang}) has a broken link: {why}", "unknown-link"
                    )
        return text

    def page_ref(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        why = self.pages.problem(value)
        if why:
            self.fail(node, f"{what}: {why}", "unknown-page")
            return None
        return value

    def page_list(self, node: Node, what: str) -> tuple[str, ...] | None:
        nodes = self.sequence(node, what)
        if nodes is None:
            return None
        found = [self.page_ref(n, f"{what} {i}") for i, n in enumerate(nodes, 1)]
        return tuple(f for f in found if f is not None) if all(found) else None

    def id_list(self, node: Node, what: str, kind: str) -> tuple[str, ...] | None:
        nodes = self.sequence(node, what)
        if nodes is None:
            return None
        ids: list[str] = []
        ok = True
        for n in nodes:
            value = self.text(n, f"an entry of {what}")
            spec = self.specs.get(value or "")
            if value is None:
                ok = False
            elif spec is None:
                self.fail(
                    n, f"unknown assessment '{value}'{did_you_mean(value, self.specs)}", "unknown"
                )
                ok = False
            elif spec.kind != kind:
                other = "knowledge_checks" if spec.kind == "knowledge" else "assessments"
                self.fail(
                    n, f"'{value}' is a {spec.kind} assessment: list it under {other}", "kind"
                )
                ok = False
            else:
                ids.append(value)
        return tuple(ids) if ok else None

    def texts(self, node: Node, what: str) -> tuple[Text, ...] | None:
        nodes = self.sequence(node, what)
        if nodes is None:
            return None
        found = [self.markdown(n, f"{what} {i}") for i, n in enumerate(nodes, 1)]
        if not found:
            self.fail(node, f"{what} must not be empty", "empty")
            return None
        return tuple(t for t in found if t is not None) if all(found) else None

    def session(self, node: Node, number: int) -> Session | None:
        what = f"session {number}"
        f = self.fields(node, "session", what)
        if f is None or "steps" not in f:
            return None
        step_nodes = self.sequence(f["steps"], f"steps of {what}")
        if not step_nodes:
            if step_nodes == []:
                self.fail(f["steps"], f"steps of {what} must not be empty", "empty")
            return None
        steps: list[Step] = []
        ok = f.ok
        previous = 0
        for i, step_node in enumerate(step_nodes, 1):
            s = self.fields(step_node, "step", f"step {i} of {what}")
            if s is None or not s.ok or len(s.values) < 3:
                ok = False
                continue
            start, end = s.get("from"), s.get("to")
            if start != previous:
                self.fail(
                    s["from"],
                    f"step {i} of {what} starts at minute {start}, but the step before "
                    f"ends at {previous}",
                    "plan-gap",
                )
                ok = False
            if end <= start:
                self.fail(s["to"], f"step {i} of {what} must end after it starts", "plan-order")
                ok = False
            previous = end
            steps.append(Step(int(start), int(end), s.get("activity")))
        minutes = f.get("minutes")
        if steps and minutes is not None and previous != minutes:
            self.fail(
                step_nodes[-1],
                f"the last step of {what} ends at minute {previous}, but the session is "
                f"{minutes} minutes",
                "plan-length",
            )
            ok = False
        if not ok or minutes is None:
            return None
        return Session(minutes, tuple(steps), f.get("preparation"))


def _language_nodes(node: Node) -> list[tuple[str, Node]]:
    """(language, node holding its text) of a localized value."""
    if isinstance(node, MappingNode):
        return [
            (key.value, value)
            for key, value in node.value
            if isinstance(key, ScalarNode) and key.value in ("nb", "en")
        ]
    return [("nb", node), ("en", node)]


def build_course(c: CourseChecker, root: Node, stem: str) -> Course | None:
    f = c.fields(root, "course", "the course")
    if f is None:
        return None
    course_id = f.get("id")
    if course_id is not None:
        if not re.fullmatch(ASSESSMENT_ID_PATTERN.strip("^$"), course_id):
            c.fail(f["id"], f"id '{course_id}' must be lower case words joined by '-'", "ident")
        elif course_id != stem:
            c.fail(f["id"], f"id '{course_id}' must equal the file name '{stem}'", "id-mismatch")
    parts: dict[str, object] = {}
    if "caution" in f:
        cf = c.fields(f["caution"], "caution", "the caution")
        if cf is not None and cf.ok and len(cf.values) == 3:
            c.choice(cf["kind"], "kind of the caution", CAUTIONS)
            parts["caution"] = Caution(cf.get("kind"), cf.get("title"), cf.get("text"))
    if "case" in f:
        parts["case"] = c.page_ref(f["case"], "case")
    for name in ("chapters", "toolkits"):
        if name in f:
            parts[name] = c.page_list(f[name], name)
    parts["assessments"] = (
        c.id_list(f["assessments"], "assessments", "reflection") if "assessments" in f else ()
    )
    parts["knowledge_checks"] = (
        c.id_list(f["knowledge_checks"], "knowledge_checks", "knowledge")
        if "knowledge_checks" in f
        else ()
    )
    for name in ("goals", "discussion"):
        if name in f:
            parts[name] = c.texts(f[name], name)
    sessions: list[Session | None] = []
    if "sessions" in f:
        nodes = c.sequence(f["sessions"], "sessions") or []
        sessions = [c.session(n, i) for i, n in enumerate(nodes, 1)]
        if not nodes:
            c.fail(f["sessions"], "sessions must list at least one session", "empty")
    if c.problems or not f.ok or any(s is None for s in sessions):
        return None
    return Course(
        id=course_id,
        module=f.get("module"),
        title=f.get("title"),
        summary=f.get("summary"),
        audience=f.get("audience"),
        chapters=parts["chapters"],  # type: ignore[arg-type]
        goals=parts["goals"],  # type: ignore[arg-type]
        sessions=tuple(s for s in sessions if s is not None),
        discussion=parts["discussion"],  # type: ignore[arg-type]
        case=parts.get("case"),  # type: ignore[arg-type]
        toolkits=parts.get("toolkits") or (),  # type: ignore[arg-type]
        assessments=parts["assessments"],  # type: ignore[arg-type]
        knowledge_checks=parts["knowledge_checks"],  # type: ignore[arg-type]
        preparation=f.get("preparation"),
        caution=parts.get("caution"),  # type: ignore[arg-type]
        note=f.get("note"),
    )


def load_course(path: Path, display: str, pages: Pages, specs: dict[str, Spec]) -> Course:
    root, problems = compose_file(path, display)
    if root is None:
        raise HandbookError(problems)
    checker = CourseChecker(display, pages, specs)
    course = build_course(checker, root, path.stem)
    if course is None:
        raise HandbookError(checker.problems or [Problem(display, 1, 1, "not a course", "invalid")])
    return course


def course_files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p])
    return out


def load_courses(
    files: Iterable[Path],
    pages: Pages,
    specs: dict[str, Spec],
    display: Callable[[Path], str],
    load: Callable[[Path, str, Pages, dict[str, Spec]], Course] = load_course,
) -> tuple[list[Course], list[Problem]]:
    """Every good course (by module number) and every problem of the bad ones (each read by
    ``load``: ``handbook.course_store`` keeps them between builds)."""
    courses: list[Course] = []
    problems: list[Problem] = []
    for path in files:
        try:
            courses.append(load(path, display(path), pages, specs))
        except HandbookError as exc:
            problems.extend(exc.problems)
    seen: dict[int, Course] = {}
    for course in courses:
        if course.module in seen:
            file = display(Path(COURSE_DIR) / f"{course.id}.yaml")
            message = f"module {course.module} is also used by course '{seen[course.module].id}'"
            problems.append(Problem(file, 1, 1, message, "duplicate"))
        seen.setdefault(course.module, course)
    return sorted(courses, key=lambda c: c.module), sorted(problems)
