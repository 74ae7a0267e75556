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

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(application/(?:ld\+)?json|text/template)""", re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
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


def script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` of every inline script that runs (not of JSON data blocks), in order."""
    hashes = []
    for attrs, body in INLINE_SCRIPT.findall(html):
        if DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def policy(hashes: list[str]) -> str:
    return "; ".join(POLICY).format(hashes="".join(f" {h}" for h in hashes))


def apply(html: str, hashes: list[str] | None = None) -> str:
    """The page with the policy in its head (pages without ``<meta charset>`` are left alone);
    ``hashes`` default to those of the page's own inline scripts."""
    content = policy(script_hashes(html) if hashes is None else hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return CHARSET.sub(lambda m: m.group(0) + meta, html, count=1)


def protect_files(paths: list[Path]) -> None:
    """Give every page of one build the same policy, allowing the inline scripts of them all."""
    pages = {p: p.read_text(encoding="utf-8") for p in paths if p.suffix == ".html" and p.is_file()}
    hashes = sorted({h for html in pages.values() for h in script_hashes(html)})
    for path, html in pages.items():
        path.write_text(apply(html, hashes), encoding="utf-8")
