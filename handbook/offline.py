"""Offline reading and precompressed files, written after a build (DESIGN §7.4).

``write_service_worker`` writes one service worker per language build (``sw.js`` at the build's
root: ``/sw.js`` for nb with scope ``/``, ``/en/sw.js`` for en with scope ``/en/``) with Workbox:
Workbox's ``injectManifest`` (npm ``workbox-build``, run by ``node``) fills the template
``serviceworker/sw.js`` with the build's settings and its precache manifest — every page,
stylesheet, script, image, spec and the search index, each with the MD5 of its content as
revision. It runs after the pages are final (after the Content-Security-Policy is written), so a
revision changes exactly when what a reader gets changes. The precache never holds the Pyodide
runtime, the Python modules, source maps or compressed copies: the worker caches the runtime
the first time a page uses it (never on a chapter visit alone).

No bundler runs: the Workbox runtime is copied from ``node_modules`` into the build
(``assets/workbox-<version>/``, only the four modules the worker uses) and loaded with
``importScripts`` from the site itself. ``generateSW`` with ``inlineWorkboxRuntime`` bundles with
rollup on every build (1.8 s here, against 0.45 s for ``injectManifest``).

``precompress`` writes ``.gz`` (gzip level 9) and ``.br`` (Brotli quality 11, when the
``brotli`` package is installed) copies of the large runtime files and the search index, for
hosts that serve precompressed files (nginx ``gzip_static``/``brotli_static``). Compressed copies
are kept in a cache folder named by the content's hash, so the 9.6 MB WebAssembly file is
compressed once per Pyodide version, not once per build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache as cache_call
from pathlib import Path
from typing import Any

from . import runtime
from .config import read_raw
from .output_files import FOLDER as OUTPUT_FOLDER
from .output_files import Output, place, prune, write_atomic
from .precache_key import build_key
from .problems import HandbookError, Problem
from .site import Site

HERE = Path(__file__).parent / "serviceworker"
TEMPLATE = HERE / "sw.js"
BUILDER = HERE / "build.mjs"
SW_FILE = "sw.js"
NOT_FOUND = "404.html"
RUNTIME_DIR = "assets/pyodide/"
MODULES_DIR = "assets/km/"
WORKBOX_MODULES = ("core", "precaching", "routing", "strategies")
# Material's own assets carry a content hash in their names: no revision needed.
HASHED = r"\.[0-9a-f]{8}\.min\.(js|css)$"
MAX_BYTES = 5_000_000  # a larger file is left out of the precache (Workbox warns)
PRECACHE = (
    "**/*.html",
    "**/*.{css,js,mjs,svg,png,jpg,jpeg,gif,webp,ico,woff,woff2}",
    "assets/km/specs/*.json",
    "search/search_index.json",
    "sitemap.xml",
)
NEVER = (
    "assets/pyodide/**",  # the runtime: cached when first used
    "assets/workbox-*/**",  # loaded by the worker itself (importScripts)
    "**/*.py",
    "**/*.map",
    "**/*.gz",
    "**/*.br",
    SW_FILE,
)
COMPRESS = ("assets/pyodide/*", "search/search_index.json")
COMPRESS_MIN_BYTES = 10_000
CACHE_DAYS = 14  # compressed copies unused this long are removed from the cache folder
DIGESTS_KEPT = 256
DIGESTS = "digests.json"  # in the cache folder: file identity (device, inode, size, mtime) → digest


def _problem(where: Path | str, message: str) -> HandbookError:
    return HandbookError([Problem(str(where), 0, 0, message, "offline")])


@dataclass(frozen=True)
class Settings:
    """What the service worker of one build needs to know of it."""

    lang: str
    runtime_root: str  # from the build's root to the site root holding assets/pyodide/
    other_builds: tuple[str, ...]  # folders of other builds inside this one ("en/")
    search_langs: tuple[str, ...]  # the search plugin's languages (lunr files to precache)
    runtime_key: str  # the Pyodide runtime's version (runtime.version_key)
    modules: tuple[Path, ...]  # the engine's browser modules (their content names the cache)


def settings(site: Site) -> Settings:
    from .compile import BROWSER_MODULES, ENGINE

    plugins = read_raw(site.config.file).get("plugins") or []
    search_langs: list[str] = []
    for entry in plugins:
        if isinstance(entry, dict) and isinstance(entry.get("search"), dict):
            lang = entry["search"].get("lang") or []
            search_langs = [lang] if isinstance(lang, str) else [str(x) for x in lang]
    others = tuple(link for _, link in site.config.alternates if link and not link.startswith("."))
    files = sorted({f for names in BROWSER_MODULES.values() for f in names})
    return Settings(
        lang=site.lang,
        runtime_root=site.config.runtime_root,
        other_builds=others,
        search_langs=tuple(search_langs),
        runtime_key=runtime.version_key(site.pyodide),
        modules=tuple(ENGINE / f for f in files),
    )


@dataclass(frozen=True)
class Precache:
    count: int
    size: int  # bytes
    warnings: tuple[str, ...]


def lunr_files(langs: Iterable[str]) -> set[str]:
    """The search worker's language files for these languages (English needs none)."""
    others = [lang for lang in langs if lang != "en"]
    files = {f"lunr.{lang}.min.js" for lang in others}
    if others:
        files.add("lunr.stemmer.support.min.js")
    if len(list(langs)) > 1:
        files.add("lunr.multi.min.js")
    return {f"assets/javascripts/lunr/min/{name}" for name in files}


def precache_globs(out: Path, opts: Settings) -> tuple[list[str], list[str]]:
    """(patterns, ignores) of the precache of the build in ``out``."""
    ignores = [*(f"{folder.rstrip('/')}/**" for folder in opts.other_builds), *NEVER]
    wanted = lunr_files(opts.search_langs)
    lunr = out / "assets/javascripts/lunr"
    if lunr.is_dir():
        for path in sorted(lunr.rglob("*")):
            name = path.relative_to(out).as_posix()
            if path.is_file() and name not in wanted:
                ignores.append(name)
    return list(PRECACHE), ignores


def worker_config(opts: Settings) -> dict[str, Any]:
    digest = hashlib.sha256()
    for path in opts.modules:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    families = ["km-pyodide-", f"km-modules-{opts.lang}-"]
    return {
        "workbox": "",  # set by write_service_worker
        "runtime": opts.runtime_root + RUNTIME_DIR,
        "runtime_files": list(runtime.FILES),
        "modules": [MODULES_DIR + p.name for p in opts.modules],
        "runtime_cache": f"{families[0]}{opts.runtime_key}",
        "modules_cache": f"{families[1]}{digest.hexdigest()[:12]}",
        "cache_families": families,
        "other_builds": list(opts.other_builds),
        "not_found": NOT_FOUND,
    }


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise _problem("package.json", "node not found: install Node.js ≥ 20 (see README.md)")
    return node


def copy_workbox(project: Path, out: Path, output: Output | None = None) -> str:
    """Copy the Workbox runtime the worker loads into the build; its folder, relative to out.
    ``output``: how the files are written (linked to kept copies)."""
    output = output or Output(None)
    modules = project / "node_modules"
    try:
        meta = json.loads((modules / "workbox-sw" / "package.json").read_text(encoding="utf-8"))
        version = str(meta["version"])
    except (OSError, ValueError, KeyError):
        raise _problem("package.json", "workbox-build is not installed (run: npm ci)") from None
    folder = f"assets/workbox-{version}/"
    target = out / folder
    target.mkdir(parents=True, exist_ok=True)
    files = [modules / "workbox-sw" / "build" / "workbox-sw.js"]
    files += [modules / f"workbox-{m}" / "build" / f"workbox-{m}.prod.js" for m in WORKBOX_MODULES]
    for path in files:
        if not path.is_file():
            raise _problem("package.json", f"{path.name} is missing (run: npm ci)")
        text = path.read_text(encoding="utf-8")
        # The source maps are not copied: drop the comment that names them.
        text = "\n".join(x for x in text.splitlines() if not x.startswith("//# sourceMappingURL="))
        output.write_text(target / path.name, text + "\n")
    return folder


def write_service_worker(
    out: Path, opts: Settings, project: Path, cache: Path | None = None
) -> Precache:
    """Write ``out/sw.js`` (and the Workbox runtime it loads) for the build in ``out``.
    ``cache``: a folder where each worker is kept under a digest of all it was made from
    (``precache_key``); a build with the same files gets the same worker without running node
    (0.45 s a language)."""
    out = Path(out)
    node = _node()
    config = worker_config(opts)
    output = Output(project / OUTPUT_FOLDER if cache else None)
    config["workbox"] = copy_workbox(project, out, output)
    patterns, ignores = precache_globs(out, opts)
    job = {
        "project": str(project),
        "template": str(TEMPLATE),
        "dest": str(out / SW_FILE),
        "directory": str(out),
        "patterns": patterns,
        "ignores": ignores,
        "hashed": HASHED,
        "max_bytes": MAX_BYTES,
        "config": config,
    }
    version = project / "node_modules" / "workbox-build" / "package.json"
    name = f"sw-{build_key(out, job, (TEMPLATE, BUILDER, version), SW_FILE)}.json"
    kept = cache / name if cache else None
    if kept is not None and kept.is_file():
        try:
            data = json.loads(kept.read_text(encoding="utf-8"))
            output.write_text(out / SW_FILE, data["sw"])
            os.utime(kept)
            return Precache(int(data["count"]), int(data["size"]), tuple(data["warnings"]))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged entry: make the worker again
    run = subprocess.run(
        [node, str(BUILDER)], input=json.dumps(job), capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        lines = [x for x in run.stderr.splitlines() if x.strip()]
        message = lines[-1] if lines else f"node exited with {run.returncode}"
        raise _problem("package.json", message.removeprefix("error: "))
    data = json.loads(run.stdout)
    precache = Precache(int(data["count"]), int(data["size"]), tuple(data.get("warnings") or ()))
    if kept is not None:
        entry = {"sw": (out / SW_FILE).read_text(encoding="utf-8"), "count": precache.count,
                 "size": precache.size, "warnings": list(precache.warnings)}  # fmt: skip
        write_atomic(kept, json.dumps(entry).encode())
        prune(kept.parent, CACHE_DAYS)
    return precache


def manifest(sw: Path) -> list[dict[str, Any]]:
    """The precache manifest written into a service worker (``[{"url", "revision"}]``)."""
    text = Path(sw).read_text(encoding="utf-8")
    start = text.index("precacheAndRoute(") + len("precacheAndRoute(")
    entries, _ = json.JSONDecoder().raw_decode(text, start)
    return entries


# ---------------------------------------------------------------- precompressed copies


@dataclass(frozen=True)
class Compressed:
    path: Path
    raw: int
    gz: int | None  # None: no copy (not smaller, or not written)
    br: int | None


def _brotli() -> Any:
    try:
        import brotli  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return brotli


def _cached(cache: Path | None, key: str, make: Callable[[], bytes]) -> Path | bytes:
    if cache is None:
        return make()
    path = cache / key
    if path.is_file():
        os.utime(path)
        return path
    write_atomic(path, make())
    return path


def _place(source: Path | bytes, target: Path) -> int:
    if isinstance(source, bytes):
        target.unlink(missing_ok=True)
        target.write_bytes(source)
        return len(source)
    place(source, target)
    return target.stat().st_size


def _size(source: Path | bytes) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def precompress(
    files: Iterable[Path], cache: Path | None = None, minimum: int = COMPRESS_MIN_BYTES
) -> list[Compressed]:
    """Write ``FILE.gz`` and ``FILE.br`` beside each file over ``minimum`` bytes, each only when
    smaller than the file (a stale copy is removed). ``cache``: a folder of compressed copies by
    content hash, reused across builds."""
    brotli = _brotli()
    done = []
    known, seen = _read_digests(cache), {}
    for path in files:
        path = Path(path)
        raw = (stat := path.stat()).st_size
        if raw <= minimum:
            for suffix in (".gz", ".br"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            continue
        read = cache_call(path.read_bytes)
        # The runtime's files are hard links to the same prepared files build after build: their
        # digest is known by the file's identity, and they are not read again.
        stamp = f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"
        key = seen[stamp] = known.get(stamp) or hashlib.sha256(read()).hexdigest()
        sizes: dict[str, int | None] = {".gz": None, ".br": None}
        makers: dict[str, Callable[[], bytes]] = {
            ".gz": lambda read=read: gzip.compress(read(), 9, mtime=0)
        }
        if brotli is not None:
            makers[".br"] = lambda read=read: brotli.compress(read(), quality=11)
        for suffix in (".gz", ".br"):
            target = path.with_name(path.name + suffix)
            if suffix not in makers:
                target.unlink(missing_ok=True)
                continue
            source = _cached(cache, key + suffix, makers[suffix])
            if _size(source) < raw:
                sizes[suffix] = _place(source, target)
            else:
                target.unlink(missing_ok=True)
        done.append(Compressed(path, raw, sizes[".gz"], sizes[".br"]))
    if cache is not None and cache.is_dir():
        # Both languages' builds share the folder: keep the newest DIGESTS_KEPT, others' too.
        kept = [*((k, v) for k, v in known.items() if k not in seen), *seen.items()]
        write_atomic(cache / DIGESTS, json.dumps(dict(kept[-DIGESTS_KEPT:])).encode())
        prune(cache, CACHE_DAYS)
    return done


def _read_digests(cache: Path | None) -> dict[str, str]:
    """The content digests of the last build's files, by the files' identity (``DIGESTS``)."""
    try:
        found = json.loads((cache / DIGESTS).read_text(encoding="utf-8")) if cache else {}
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def compressible(out: Path) -> list[Path]:
    """The files of a build in ``out`` that get precompressed copies."""
    found = {p for pattern in COMPRESS for p in Path(out).glob(pattern) if p.is_file()}
    return sorted(p for p in found if p.suffix not in (".gz", ".br"))


def finish_build(site: Site, out: Path) -> tuple[Precache, list[Compressed]]:
    """After a build's pages are final: its service worker, then its precompressed copies."""
    precache = write_service_worker(out, settings(site), site.root, site.root / ".cache" / "km-sw")
    copies = precompress(compressible(out), site.root / ".cache" / "km-compressed")
    return precache, copies
