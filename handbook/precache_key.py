"""The key a built service worker is kept under (``offline.write_service_worker``): a digest
of everything Workbox's ``injectManifest`` reads to write it.

That is the job (without where it writes), the worker's template, our builder script, the
workbox-build version, and each file of the build a pattern could match, by path and
content. Files an ignore pattern leaves out (another language's build, the runtime, source
maps, unused search languages) are not read: the worker cannot change with them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any


class Ignored:
    """Tells whether a build file matches one of the job's ignore globs. It answers yes only
    where the glob surely matches: a folder (``x/**``, ``x-*/**``), a file ending at any depth
    (``**/*.map``) or one exact path; any other glob leaves every file in the key."""

    def __init__(self, ignores: list[str]):
        self.folders = [g.removesuffix("**") for g in ignores if g.endswith("/**")]
        rest = [g for g in ignores if not g.endswith("/**")]
        self.endings = tuple(g.removeprefix("**/*") for g in rest if _is_ending(g))
        self.exact = {g for g in rest if not any(c in g for c in "*?[{")}

    def __call__(self, name: str) -> bool:
        if name in self.exact or (self.endings and name.endswith(self.endings)):
            return True
        return any(
            fnmatchcase(name, folder + "*") if "*" in folder else name.startswith(folder)
            for folder in self.folders
        )


def _is_ending(glob: str) -> bool:
    rest = glob.removeprefix("**/*")
    return rest != glob and rest.startswith(".") and not any(c in rest for c in "*?[{/")


def _files(folder: str, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(name relative to the build, path) of every file under ``folder``."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                yield f"{prefix}{entry.name}", entry.path


def build_key(out: Path, job: dict[str, Any], sources: tuple[Path, ...], worker: str) -> str:
    """The key of the worker ``job`` writes for the build in ``out``; ``sources``: the files
    of the builder (template, script, version file); ``worker``: the worker's own file."""
    digest = hashlib.sha256()
    stable = {k: v for k, v in job.items() if k not in ("project", "dest", "directory")}
    digest.update(json.dumps(stable, sort_keys=True).encode() + b"\0")
    for source in sources:
        digest.update(source.read_bytes() if source.is_file() else b"-")
        digest.update(b"\0")
    ignored = Ignored(job["ignores"])
    for name, path in sorted(_files(str(out))):
        if name == worker or ignored(name):
            continue
        with open(path, "rb") as handle:
            digest.update(name.encode() + b"\0" + hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()
