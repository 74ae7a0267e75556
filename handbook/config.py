"""Read what the engine needs from a site configuration file in the ``mkdocs.yml`` format.

That format is shared by MkDocs and its successor Zensical; reading it here (without MkDocs)
lets the compile step and the MkDocs hook start from the same settings, so both render author
Markdown with exactly the extensions the pages use. ``INHERIT`` is followed and merged the way
MkDocs merges it: mappings key by key, everything else replaced by the child's value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .problems import HandbookError, Problem


@dataclass(frozen=True)
class SiteConfig:
    """The settings of one language's build."""

    file: Path
    root: Path  # the folder of the configuration file (the project root)
    lang: str
    content: Path  # docs_dir
    theme_dir: Path | None  # theme.custom_dir: may override the engine's templates
    nav: list[Any] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    owns_runtime: bool = True  # this build writes the Pyodide runtime
    runtime_root: str = ""  # from this build's root to the site root that holds the runtime
    site_name: str = ""
    # The public address of the whole site (``site_url`` of mkdocs.yml, inherited by every
    # language) and this build's folder below it (``extra.km.path``: "" or "en/").
    site_url: str | None = None
    path: str = ""
    alternates: tuple[tuple[str, str], ...] = ()  # (lang, link relative to this build's root)

    @property
    def build_url(self) -> str | None:
        """Where this language's build is published (``site_url`` + its path), or None."""
        if not self.site_url:
            return None
        root = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return urljoin(root, self.path)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading (by libyaml when PyYAML has it), with MkDocs' ``!ENV`` tag read as its
    default value (or nothing)."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)  # type: ignore[arg-type]
    found = [os.environ.get(n) for n in names[:-1] if os.environ.get(n) is not None]
    return found[0] if found else names[-1]


_Loader.add_constructor("!ENV", _env)


def _merge(parent: Any, child: Any) -> Any:
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for key, value in child.items():
            out[key] = _merge(parent[key], value) if key in parent else value
        return out
    return child


def read_raw(path: Path) -> dict[str, Any]:
    """The configuration as data, with ``INHERIT`` followed."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise HandbookError(
            [Problem(str(path), 0, 0, f"cannot read configuration: {exc}", "config")]
        ) from None
    if not isinstance(data, dict):
        raise HandbookError([Problem(str(path), 1, 1, "configuration must be a mapping", "config")])
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_raw((path.parent / str(parent)).resolve()), data)
    return data


def _extensions(entries: list[Any], root: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in entries or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                configs[name] = dict(options or {})
    snippets = configs.get("pymdownx.snippets")
    if snippets and "base_path" in snippets:
        # Relative to the project root, wherever the build runs from.
        bases = snippets["base_path"]
        bases = [bases] if isinstance(bases, str) else list(bases)
        snippets["base_path"] = [str(root / b) for b in bases]
    return names, configs


def read_config(path: str | Path) -> SiteConfig:
    """The engine's view of one configuration file."""
    path = Path(path).resolve()
    data = read_raw(path)
    root = path.parent
    theme = data.get("theme") or {}
    km = (data.get("extra") or {}).get("km") or {}
    names, configs = _extensions(data.get("markdown_extensions") or [], root)
    custom = theme.get("custom_dir")
    return SiteConfig(
        file=path,
        root=root,
        lang=str(theme.get("language") or "nb"),
        content=root / str(data.get("docs_dir") or "docs"),
        theme_dir=(root / custom) if custom else None,
        nav=list(data.get("nav") or []),
        extensions=names,
        extension_configs=configs,
        owns_runtime=bool(km.get("owns_runtime", True)),
        runtime_root=str(km.get("runtime_root", "")),
        site_name=str(data.get("site_name") or ""),
        site_url=str(data["site_url"]) if data.get("site_url") else None,
        path=str(km.get("path", "")),
        alternates=tuple(
            (str(a.get("lang")), str(a.get("link", "")))
            for a in (data.get("extra") or {}).get("alternate") or []
            if isinstance(a, dict) and a.get("lang")
        ),
    )
