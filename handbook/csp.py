"""A Content-Security-Policy for every built page (DESIGN §7.4), so that "nothing leaves the
device" is enforced by the browser and not only promised by our code.

The policy allows only the site's own origin: scripts, styles, images, fonts and every
connection (``connect-src 'self'``), no ``eval`` (``'wasm-unsafe-eval'`` only, for
WebAssembly), no plugins, no form submission anywhere (``form-action 'none'``: the forms are
scored in the browser and never sent). Inline scripts a theme writes into a page are allowed
by the SHA-256 hash of their exact text; JSON data blocks do not run and need no hash. The
policy goes into a ``<meta http-equiv>`` right after ``<meta charset>``, so it covers everything
after it; a host can send the same policy as a header as well.

Under instant navigation the first page's policy stays in force while the theme runs the inline
scripts of every page it swaps in, so every page of a build carries one policy with the hashes
of all pages' inline scripts (``BuildPolicy``). A generator that hands over each page before
writing it gives it the policy of the last build's pages: when this build's inline scripts are
the same, the pages are final as written; otherwise each is written again with the policy of
them all. Pages it did not hand over get the policy of them all after the build.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .buildcache import Store, key

# Pages read from files stay bytes: the policy goes in without decoding and encoding each page
# (a script's hash is that of its UTF-8 bytes either way). What counts as an inline script:
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPE = re.compile(rb"""\btype\s*=\s*["']?(application/(?:ld\+)?json|text/template)""", re.I)
CHARSET = re.compile(rb"<meta charset=[^>]*>", re.I)
CHARSET_TEXT = re.compile(r"<meta charset=[^>]*>", re.I | re.A)
# INLINE_SCRIPT in three parts, and the same for pages given as text (ASCII case rules).
_PARTS = (
    rb"<[sS][cC][rR][iI][pP][tT]",
    rb"<script(?![^>]*\bsrc=)([^>]*)>",
    rb"</[sS][cC][rR][iI][pP][tT]>",
    DATA_TYPE.pattern,
)
_PATTERNS: dict[type, tuple[re.Pattern[Any], ...]] = {
    bytes: tuple(re.compile(p, re.I) for p in _PARTS),
    str: tuple(re.compile(p.decode(), re.I | re.A) for p in _PARTS),
}
POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)


def script_hashes(page: bytes | str) -> list[str]:
    """``'sha256-…'`` of every inline script that runs (not of JSON data blocks), in order.
    A page given as text is hashed as it is written (UTF-8, characters it cannot encode as
    character references). Found as ``INLINE_SCRIPT`` finds them, in a third of its time: each
    ``<script`` by a plain search, its end by a second one (not character by character)."""
    start, opening, closing, data_type = _PATTERNS[type(page)]
    hashes, end = [], 0
    for found in start.finditer(page):
        tag = opening.match(page, found.start()) if found.start() >= end else None
        close = closing.search(page, tag.end()) if tag is not None else None
        if tag is None or close is None:
            continue
        end = close.end()
        if data_type.search(tag.group(1)):
            continue
        body = page[tag.end() : close.start()]
        raw = body if isinstance(body, bytes) else body.encode("utf-8", "xmlcharrefreplace")
        digest = hashlib.sha256(raw).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def policy(hashes: list[str]) -> str:
    return "; ".join(POLICY).format(hashes="".join(f" {h}" for h in hashes))


def meta(hashes: list[str]) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'


def _with_policy(page: bytes, hashes: list[str]) -> bytes | None:
    """The page with the policy right after its ``<meta charset>``; None without one."""
    found = CHARSET.search(page)
    tag = meta(hashes).encode()
    return None if found is None else page[: found.end()] + tag + page[found.end() :]


def build_policy(root: Path, build: str) -> BuildPolicy:
    """The policy of the build named ``build`` (its configuration file) of the project in
    ``root``, the last one's hashes kept in its cache folder."""
    return BuildPolicy(Store(root / ".cache" / "km-csp"), key("csp", build))


class BuildPolicy:
    """The policy of one build whose pages are handed over one by one before they are written
    (``page``), then finished together (``finish``). ``kept``: where the hashes of the last
    build's inline scripts are kept, under ``name``."""

    def __init__(self, kept: Store, name: str):
        self.kept, self.name = kept, name
        found = kept.get(name)
        self.assumed: list[str] | None = found if isinstance(found, list) else None
        self.seen: set[str] = set()
        self.given: set[Path] = set()  # pages that got the assumed policy
        self._meta: str | None = None

    def page(self, html: str, path: Path) -> str:
        """The page to write at ``path``: with the last build's policy, if there was one."""
        # As the generator writes it (MkDocs: UTF-8, "xmlcharrefreplace").
        self.seen.update(script_hashes(html))
        found = CHARSET_TEXT.search(html) if self.assumed is not None else None
        if found is None or self.assumed is None:
            return html
        self.given.add(path)
        if self._meta is None:
            self._meta = meta(self.assumed)
        charset = found.group(0)  # the first, so replacing the first puts it in the same place
        return html.replace(charset, charset + self._meta, 1)  # one copy of the page

    def finish(self, paths: Iterable[Path]) -> None:
        """Every page in ``paths`` (the build's files) with the policy of all their scripts."""
        pages = [p for p in dict.fromkeys(paths) if p.suffix == ".html" and p.is_file()]
        others = {p: p.read_bytes() for p in pages if p not in self.given}
        for page in others.values():
            self.seen.update(script_hashes(page))
        final = sorted(self.seen)
        if final != self.assumed:
            old, new = meta(self.assumed or []).encode(), meta(final).encode()
            for path in self.given:
                path.write_bytes(path.read_bytes().replace(old, new, 1))
            self.kept.put(self.name, {}, final)
        for path, page in others.items():
            done = _with_policy(page, final)
            if done is not None:
                path.write_bytes(done)
