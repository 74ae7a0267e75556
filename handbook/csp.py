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
of all pages' inline scripts (``protect_files``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Pages are read and written as bytes: the policy goes in without decoding and encoding each page
# (a script's hash is that of its UTF-8 bytes either way).
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPE = re.compile(rb"""\btype\s*=\s*["']?(application/(?:ld\+)?json|text/template)""", re.I)
CHARSET = re.compile(rb"<meta charset=[^>]*>", re.I)
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


def script_hashes(page: bytes) -> list[str]:
    """``'sha256-…'`` of every inline script that runs (not of JSON data blocks), in order."""
    hashes = []
    for attrs, body in INLINE_SCRIPT.findall(page):
        if DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(body).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def policy(hashes: list[str]) -> str:
    return "; ".join(POLICY).format(hashes="".join(f" {h}" for h in hashes))


def _with_policy(page: bytes, hashes: list[str]) -> bytes | None:
    """The page with the policy right after its ``<meta charset>``; None without one."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'.encode()
    found = CHARSET.search(page)
    return None if found is None else page[: found.end()] + meta + page[found.end() :]


def protect_files(paths: list[Path]) -> None:
    """Give every page of one build the same policy, allowing the inline scripts of them all."""
    pages = {p: p.read_bytes() for p in paths if p.suffix == ".html" and p.is_file()}
    hashes = sorted({h for page in pages.values() for h in script_hashes(page)})
    for path, page in pages.items():
        done = _with_policy(page, hashes)
        if done is not None:
            path.write_bytes(done)
