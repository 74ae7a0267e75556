"""The self-hosted Pyodide runtime, trimmed to what the scoring module and deadline planner need.

* ``pyodide.mjs``, ``pyodide.asm.mjs`` and ``pyodide.asm.wasm`` are copied as they are.
* ``python_stdlib.zip`` keeps only the files listed in ``pyodide_stdlib.txt`` (what start-up,
  ``scoring.py``, ``deadlines.py`` and ``ics.py`` import; regenerate with
  ``node scripts/pyodide_stdlib.mjs``): about 0.8 MB instead of 2.5 MB.
* ``pyodide-lock.json`` keeps its ``info`` but lists no packages (119 kB → under 1 kB). The
  site never loads packages, and with none listed nothing can reach for a CDN.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from .problems import HandbookError, Problem

COPIED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"
LIST = Path(__file__).with_name("pyodide_stdlib.txt")


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
            raise HandbookError(
                [
                    Problem(
                        str(LIST),
                        0,
                        0,
                        "Pyodide's stdlib has no "
                        f"{', '.join(sorted(missing))}; regenerate the list "
                        "with: node scripts/pyodide_stdlib.mjs",
                        "runtime",
                    )
                ]
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


def write_runtime(pyodide: Path, out: Path) -> list[Path]:
    """Write the runtime files from the npm package folder ``pyodide`` into ``out``."""
    missing = [n for n in (*COPIED, STDLIB, LOCK) if not (pyodide / n).is_file()]
    if missing:
        raise HandbookError(
            [
                Problem(
                    str(pyodide),
                    0,
                    0,
                    f"Pyodide runtime files missing: {', '.join(missing)} (run: npm ci)",
                    "runtime",
                )
            ]
        )
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copyfile(pyodide / name, out / name)
    trim_stdlib(pyodide / STDLIB, out / STDLIB)
    trim_lock(pyodide / LOCK, out / LOCK)
    return [out / n for n in (*COPIED, STDLIB, LOCK)]
