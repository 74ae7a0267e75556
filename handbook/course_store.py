"""Course manifests validated before, kept between builds (``handbook.buildcache``).

A course is read from its file alone; what it asks elsewhere while it is checked — whether a
page or heading it links to exists (``Pages.problem``) and what kind of assessment an id names
— is recorded with it and asked again before a kept course is used. A course with a problem
is never kept, so it is reported at every build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .buildcache import Store, key
from .courses import Course, Pages, load_course
from .model.spec import Spec

Loader = Callable[[Path, str, Pages, dict[str, Spec]], Course]


class _AskedPages(Pages):
    """``pages``, noting each link it was asked about with its answer."""

    def __init__(self, pages: Pages, asked: dict[Any, Any]):
        super().__init__(pages.folders, pages.extra)
        self._pages, self._asked = pages, asked

    def problem(self, target: str) -> str | None:
        answer = self._pages.problem(target)
        self._asked.setdefault(("page", target), answer)
        return answer


class _AskedSpecs(dict[str, Spec]):
    """The specs, noting the kind of each one asked for by id (None: no such assessment)."""

    def __init__(self, specs: dict[str, Spec], asked: dict[Any, Any]):
        super().__init__(specs)
        self._asked = asked

    def get(self, spec_id: str, default: Any = None) -> Any:
        spec = super().get(spec_id)
        self._asked.setdefault(("spec", spec_id), spec.kind if spec is not None else None)
        return spec if spec is not None else default


def kept_loader(store: Store) -> Loader:
    """``load_course``, using and filling ``store``."""

    def load(path: Path, display: str, pages: Pages, specs: dict[str, Spec]) -> Course:
        try:
            name = key("course", display, str(path), path.read_bytes())
        except OSError:
            return load_course(path, display, pages, specs)  # reports the file

        def ask(question: tuple[str, str]) -> str | None:
            kind, value = question
            if kind == "page":
                return pages.problem(value)
            spec = specs.get(value)
            return spec.kind if spec is not None else None

        kept = store.get(name, ask)
        if isinstance(kept, Course):
            return kept
        asked: dict[Any, Any] = {}
        course = load_course(path, display, _AskedPages(pages, asked), _AskedSpecs(specs, asked))
        store.put(name, asked, course)  # only reached without a problem
        return course

    return load
