"""The self-hosted Pyodide runtime, trimmed to what the engine's browser modules need, built once.

* ``pyodide.mjs``, ``pyodide.asm.mjs`` and ``pyodide.asm.wasm`` are copied as they are.
* ``python_stdlib.zip`` keeps only the files listed in ``pyodide_stdlib.txt`` (what start-up,
  ``scoring.py``, ``deadlines.py``, ``ics.py`` and ``group.py`` import; regenerate with
  ``node scripts/pyodide_stdlib.mjs``): about 0.8 MB instead of 2.5 MB.
* ``pyodide-lock.json`` keeps its ``info`` but lists no packages (119 kB → under 1 kB). The
  site never loads packages, and with none listed nothing can reach for a CDN.

The trimmed files are kept in a cache folder named by Pyodide's version and a hash of the
stdlib list, so a build copies (or hard-links) them instead of trimming again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

from .output_files import place
from .problems import HandbookError, Problem

COPIED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"
FILES = (*COPIED, STDLIB, LOCK)
LIST = Path(__file__).with_name("pyodide_stdlib.txt")


def _problem(where: Path | str, message: str) -> HandbookError:
    return HandbookError([Problem(str(where), 0, 0, message, "runtime")])


def stdlib_files() -> list[str]:
    lines = LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def trim_stdlib(source: Path, target: Path) -> None:
    """Write a stdlib zip holding only the listed files (and their folders)."""
    wanted = set(stdlib_files())
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        names = src.namelist()
        missing = wanted - set(names)
        if missing:
            raise _problem(
                LIST,
                f"Pyodide's stdlib has no {', '.join(sorted(missing))}; regenerate the list "
                "with: node scripts/pyodide_stdlib.mjs",
            )
        folders = {name for name in names if name.endswith("/")}
        keep = wanted | {f for f in folders if any(w.startswith(f) for w in wanted)}
        keep |= {n for n in names if n.startswith("_sysconfigdata")}
        for name in names:
            if name in keep:
                info = src.getinfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, src.read(name))


def trim_lock(source: Path, target: Path) -> None:
    data = json.loads(source.read_text(encoding="utf-8"))
    target.write_text(json.dumps({"info": data["info"], "packages": {}}), encoding="utf-8")


def _check_package(pyodide: Path) -> str:
    missing = [n for n in FILES if not (pyodide / n).is_file()]
    if missing:
        raise _problem(
            pyodide, f"Pyodide runtime files missing: {', '.join(missing)} (run: npm ci)"
        )
    try:
        version = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        version = "unknown"
    digest = hashlib.sha256(LIST.read_bytes()).hexdigest()[:12]
    return f"{version}-{digest}"


def version_key(pyodide: Path) -> str:
    """Names this runtime: Pyodide's version and a hash of the stdlib list (what a reader's
    cached copy must match)."""
    return _check_package(pyodide)


def prepared(pyodide: Path, cache: Path) -> Path:
    """The trimmed runtime of the npm package folder ``pyodide``, built into ``cache`` once."""
    folder = Path(cache) / _check_package(pyodide)
    if all((folder / n).is_file() for n in FILES):
        return folder
    work = folder.with_name(folder.name + f".tmp{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in COPIED:
        shutil.copyfile(pyodide / name, work / name)
    trim_stdlib(pyodide / STDLIB, work / STDLIB)
    trim_lock(pyodide / LOCK, work / LOCK)
    shutil.rmtree(folder, ignore_errors=True)
    work.replace(folder)
    return folder


def runtime_bytes(pyodide: Path, cache: Path) -> int:
    """What a reader downloads to start the runtime (uncompressed)."""
    folder = prepared(pyodide, cache)
    return sum((folder / n).stat().st_size for n in FILES)


def write_runtime(pyodide: Path, out: Path, cache: Path | None = None) -> list[Path]:
    """Write the runtime from the npm package folder ``pyodide`` into ``out``."""
    folder = prepared(pyodide, cache or (Path(pyodide).parent.parent / ".cache" / "km-runtime"))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        target = out / name
        place(folder / name, target)  # the same file system: a link, no copy at all
        written.append(target)
    return written
