"""Serve the built site on localhost, as a static host would (``.mjs`` as JavaScript).

Python 3.11's http.server sends ``.mjs`` as application/octet-stream, which browsers refuse for
module scripts and workers; static hosts send text/javascript. Used by ``make serve`` and tests.
The service workers (``sw.js``, ``en/sw.js``) are plain ``.js`` files, served as JavaScript; each
registers a scope at or below its own folder, so no ``Service-Worker-Allowed`` header is needed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import io
import re
import sys
import threading
from pathlib import Path

TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".py": "text/plain; charset=utf-8",
}


LOC = re.compile(rb"(<loc>|href=\")https?://[^/<\"]+")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; sitemaps are served as if the site were published at this address.

    The theme's instant navigation reads the sitemap, whose addresses carry the published
    origin (``site_url``); it matches them to pages by protocol and host but not by port, so on
    a local port it would find no page. Here the sitemap names this server instead."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def send_head(self):  # type: ignore[no-untyped-def]
        requests = getattr(self.server, "requests", None)
        if requests is not None:  # tests read what was asked of the server
            requests.append(self.path)
        if not self.path.split("?")[0].endswith("sitemap.xml"):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        body = LOC.sub(lambda m: m.group(1) + f"http://{host}".encode(), path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet by default
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that closes a connection mid-download (navigation, aborted test) is normal.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(root: Path, port: int = 0, verbose: bool = False) -> http.server.HTTPServer:
    handler = functools.partial(Handler, directory=str(root))
    server = Server(("127.0.0.1", port), handler)
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve_in_thread(root: Path, log: bool = False) -> tuple[http.server.HTTPServer, str]:
    """A server on a free port in a daemon thread; with ``log``, ``server.requests`` lists the
    paths asked for, in order."""
    server = make_server(root)
    if log:
        server.requests = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.root, args.port, verbose=True)
    print(f"Serving {args.root}/ at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
