"""Load assessment files: YAML text → node tree → validated ``Spec``, every problem at once."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from yaml.nodes import Node

from ..buildcache import Recorder, Store, key
from ..problems import HandbookError, Problem
from ..yamlnodes import compose_file, compose_text
from . import dimensions as dims_
from . import examples as examples_
from . import items as items_
from . import profiles as profiles_
from . import values
from .checker import Checker
from .format import ASSESSMENT_ID_PATTERN, KINDS
from .spec import Spec

ASSESSMENT_ID = re.compile(ASSESSMENT_ID_PATTERN.strip("^$"))
PageExists = Callable[[str], bool]


def build_spec(
    file: str,
    root: Node,
    expected_id: str | None = None,
    page_exists: PageExists | None = None,
) -> tuple[Spec | None, list[Problem]]:
    """Validate a composed document and build its spec; problems are collected, not raised."""
    c = Checker(file, page_exists)
    top = c.fields(root, "assessment", "the assessment")
    if top is None:
        return None, c.problems
    spec_id = c.text(top["id"], "id") if "id" in top else None
    if spec_id is not None and not ASSESSMENT_ID.fullmatch(spec_id):
        shown = values.printable(spec_id)
        c.fail(top["id"], f"id '{shown}' must use only a-z, 0-9 and single hyphens", "ident")
        spec_id = None
    elif spec_id is not None and expected_id is not None and spec_id != expected_id:
        c.fail(top["id"], f"id '{spec_id}' must equal the file name '{expected_id}'", "id-mismatch")
    chapter = top.get("chapter")
    if chapter is not None and page_exists is not None and not page_exists(chapter):
        c.fail(top["chapter"], f"chapter '{chapter}' does not exist", "unknown-ref")
    kind = (c.choice(top["kind"], "kind", KINDS) if "kind" in top else None) or "reflection"
    scales = items_.scales(c, top["scales"]) if "scales" in top else {}
    groups = dims_.groups(c, top["groups"]) if "groups" in top else {}
    dims, dim_nodes = (
        dims_.dimensions(c, top["dimensions"], groups) if "dimensions" in top else ({}, {})
    )
    items, broken = (
        items_.items(c, top["items"], scales, set(dim_nodes)) if "items" in top else ({}, set())
    )
    counts = {d: sum(1 for i in items.values() if i.dimension == d) for d in dims}
    dims_.check_counts(c, dims, dim_nodes, counts, broken)
    profiles = profiles_.profiles(c, top["profiles"], dims) if "profiles" in top else ()
    version, title, intro = top.get("version"), top.get("title"), top.get("intro")
    if c.problems or None in (spec_id, version, title, intro):
        # Examples are still checked for shape so that authors see every problem at once.
        if "examples" in top:
            examples_.examples(c, top["examples"], items, dims, profiles)
        return None, c.problems
    spec = Spec(
        id=spec_id,
        version=version,
        title=title,
        intro=intro,
        items=tuple(items.values()),
        dimensions=tuple(dims.values()),
        profiles=profiles,
        chapter=chapter,
        minutes=top.get("minutes"),
        kind=kind,
        about=top.get("about"),
        groups=tuple(groups.values()),
    )
    dims_.check_reachable(c, spec, dim_nodes)
    if "examples" in top:
        examples = examples_.examples(c, top["examples"], items, dims, profiles)
        if not c.problems:
            examples_.run(c, spec, examples)
        spec = dataclasses.replace(spec, examples=tuple(e for e, _ in examples))
    return (None, c.problems) if c.problems else (spec, [])


def load_text(
    text: str,
    file: str = "<string>",
    expected_id: str | None = None,
    page_exists: PageExists | None = None,
) -> Spec:
    """Load an assessment from text; raise HandbookError with every problem."""
    root, problems = compose_text(file, text)
    if root is None:
        raise HandbookError(problems)
    spec, problems = build_spec(file, root, expected_id, page_exists)
    if spec is None:
        raise HandbookError(problems)
    return spec


def load_file(
    path: str | Path, display: str | None = None, page_exists: PageExists | None = None
) -> Spec:
    """Load ``assessments/<id>.yaml``; the id must equal the file stem."""
    path = Path(path)
    file = display or str(path)
    root, problems = compose_file(path, file)
    if root is None:
        raise HandbookError(problems)
    spec, problems = build_spec(file, root, path.stem, page_exists)
    if spec is None:
        raise HandbookError(problems)
    return spec


def load_all(
    paths: Iterable[str | Path],
    page_exists: PageExists | None = None,
    store: Store | None = None,
    digests: dict[str, str] | None = None,
) -> tuple[list[Spec], list[Problem]]:
    """Load many files; return the good specs and every problem of the bad ones.

    With ``store``, a file read before (same bytes, same engine) whose chapter links still
    lead where they did is not validated again (``handbook.buildcache``), and ``digests``
    gets each spec's name there (spec id → a digest of its file and the engine: what the spec
    is made of, as the lookups only ever add problems)."""
    specs: list[Spec] = []
    problems: list[Problem] = []
    exists = page_exists or _anything
    for path in map(Path, paths):
        try:
            data = path.read_bytes() if store is not None else None
        except OSError:
            data = None  # not kept; load_file reports it
        name = key("spec", str(path), data) if data is not None else ""
        kept = store.get(name, exists) if store is not None and name else None
        if isinstance(kept, Spec):
            specs.append(kept)
            if digests is not None:
                digests[kept.id] = name
            continue
        asked = Recorder(exists) if name else None
        try:
            specs.append(load_file(path, page_exists=asked or page_exists))
        except HandbookError as exc:
            problems.extend(exc.problems)
            continue
        if store is not None and asked is not None:
            store.put(name, asked.asked, specs[-1])
            if digests is not None:
                digests[specs[-1].id] = name
    return specs, sorted(problems)


def _anything(target: str) -> bool:
    return True


def assessment_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into their ``*.yaml``/``*.yml`` files, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            out.append(p)
    return out
