"""Where a page of the content tree is published, and relative links between pages.

The site uses directory URLs: ``theory/x.md`` is published at ``theory/x/``, ``index.md`` at
the root. ``relative_url`` gives the same links as MkDocs' ``get_relative_url`` (a test compares
the two), so a fragment rendered by the engine alone equals the one in a built page.
"""

from __future__ import annotations

import posixpath


def page_url(path: str) -> str:
    """The URL of a Markdown page, relative to the site root: ``theory/x/``, ``./`` for the
    home page, ``theory/`` for ``theory/index.md``."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return (folder or ".") + "/"
    return f"{stem}/"


def relative_url(url: str, from_url: str) -> str:
    """``url`` as seen from the page at ``from_url`` (both relative to the site root)."""
    other = from_url
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    rel = posixpath.relpath("/" + url, "/" + other)
    return rel + "/" if url.endswith("/") else rel


def relative_source(path: str, from_path: str) -> str:
    """The source file ``path`` as a link from the source file ``from_path`` (both relative to
    the content root): ``../theory/x.md``. A generator that resolves links against the page's
    source file (Zensical does, in raw HTML too) turns it into the page's URL and checks it."""
    return posixpath.relpath(path, posixpath.dirname(from_path) or ".")
