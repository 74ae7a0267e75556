"""The compile step: everything a static site needs from the engine, in one function.

``compile_sites`` validates every assessment (for each language given) and writes, by a
``Layout``:

* the widget fragment of each assessment per language, exactly as its page embeds it
  (standalone layout only: ``<lang>/<id>.html``),
* the JSON spec of each assessment (``specs/<id>.json``), read by the browser's worker,
* the engine's browser modules (``scoring.py``, ``deadlines.py`` …) — the very files the
  tests run — and the format's JSON Schema,
* the trimmed, self-hosted Pyodide runtime (when a runtime folder is given),
* the site search index, enriched with the words readers type (``handbook.search``), when the
  layout names one and the generator has written it.

``python -m handbook compile --out DIR`` uses the standalone layout; the MkDocs hook writes
the same files into the site with ``SITE_LAYOUT``. Neither needs MkDocs to be importable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .buildcache import Store
from .output_files import FOLDER as OUTPUT_FOLDER
from .output_files import Output
from .runtime import write_runtime
from .schema import schema
from .search import enrich_index_file
from .site import Site

ENGINE = Path(__file__).parent
# The engine's modules the browser's worker runs, unchanged: module name → its files (imported
# as top-level modules from one folder).
BROWSER_MODULES: dict[str, tuple[str, ...]] = {
    "scoring": ("scoring.py",),
    "deadlines": ("deadlines.py", "deadline_texts.py"),
    "ics": ("ics.py",),
    "resultfile": ("resultfile.py", "scoring.py"),
    "group": ("group.py", "scoring.py"),
}


@dataclass(frozen=True)
class Layout:
    """Where each kind of output goes, relative to the output folder."""

    assets: str  # specs/, the browser modules and the schema
    runtime: str  # the Pyodide runtime
    fragments: str | None = None  # "{lang}": one folder of widget fragments per language
    search_index: str | None = None  # the generator's search index, to enrich in place


STANDALONE = Layout(assets="", runtime="pyodide", fragments="{lang}")
SITE_LAYOUT = Layout(
    assets="assets/km", runtime="assets/pyodide", search_index="search/search_index.json"
)


def write_assets(site: Site, out: Path, layout: Layout) -> list[Path]:
    """Specs, browser modules and schema of one site."""
    assets = out / layout.assets
    (assets / "specs").mkdir(parents=True, exist_ok=True)
    output = Output(site.root / OUTPUT_FOLDER)  # linked to kept copies (``output_files``)
    written: list[Path] = []
    for spec in site.specs.values():
        target = assets / "specs" / f"{spec.id}.json"
        output.write_text(target, json.dumps(spec.to_dict(), ensure_ascii=False))
        written.append(target)
    for name in sorted({f for files in BROWSER_MODULES.values() for f in files}):
        output.copy(ENGINE / name, assets / name)
        written.append(assets / name)
    target = assets / "assessment-schema.json"
    output.write_text(target, json.dumps(schema(), indent=2))
    return [*written, target]


def write_fragments(site: Site, out: Path, layout: Layout) -> list[Path]:
    if layout.fragments is None:
        return []
    folder = out / layout.fragments.format(lang=site.lang)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec_id in site.specs:
        target = folder / f"{spec_id}.html"
        target.write_text(site.widget(spec_id), encoding="utf-8")
        written.append(target)
    return written


def write_search_index(site: Site, out: Path, layout: Layout) -> list[Path]:
    """Add the site's synonyms to the search index the generator wrote (if it wrote one)."""
    if layout.search_index is None or not (out / layout.search_index).is_file():
        return []
    target = out / layout.search_index
    kept = Store(site.root / ".cache" / "km-search")
    enrich_index_file(target, site.synonyms, site.display_path(site.synonyms_file), kept)
    return [target]


def compile_sites(
    sites: Iterable[Site], out: Path, layout: Layout, pyodide: Path | None = None
) -> list[Path]:
    """Write every output of the given (loaded) sites; the runtime once, when ``pyodide`` (the
    npm package folder) is given. Raises HandbookError on bad input."""
    written: list[Path] = []
    out = Path(out)
    for site in sites:
        written += write_assets(site, out, layout)
        written += write_fragments(site, out, layout)
        written += write_search_index(site, out, layout)
        site.save()  # the citations this build rendered, for the next one
    if pyodide is not None:
        written += write_runtime(pyodide, out / layout.runtime)
    return written
