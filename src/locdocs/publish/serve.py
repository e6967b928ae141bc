"""Serve the published site as its static host (GitHub Pages) does: ``locdocs serve``, ``make serve``.

The site is served under its own path (``site_url``'s: a project site lives at ``/<repository>/``), and a missing
address is answered with status 404 and the site's root ``404.html``, which sends the reader to that version's page
in their language. As on GitHub Pages: a folder without ``index.html`` is missing too (no listing), a folder asked
for without its slash is redirected to it, and ``/a`` serves ``/a.html`` when there is no ``/a``.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import posixpath
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from ..errors import UsageError
from ..site.not_found import NOT_FOUND


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Answers for ``directory`` served under ``base_path`` (``/`` or ``/name/``)."""

    base_path = "/"

    def __init__(self, *args: Any, directory: str, base_path: str = "/", quiet: bool = False, **kwargs: Any) -> None:
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.quiet = quiet
        super().__init__(*args, directory=directory, **kwargs)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = urlsplit(self.path).path
        if self.base_path != "/" and path in ("/", "", self.base_path.rstrip("/")):
            self.send_response(HTTPStatus.FOUND)  # the host's root: the site is one folder down
            self.send_header("Location", self.base_path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        """The file for ``path``; outside the site's path, one that does not exist."""
        path = urlsplit(path).path
        if not path.startswith(self.base_path):
            return os.path.join(self.directory, NOT_FOUND, "outside-the-site")  # a file's child: never there
        local = super().translate_path("/" + path[len(self.base_path):])
        if not os.path.exists(local) and not path.endswith("/") and os.path.isfile(local + ".html"):
            return local + ".html"
        return local

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without index.html: missing, as on the static host (no listing)."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address: the site's root 404.html, with status 404."""
        page = Path(self.directory) / NOT_FOUND
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.log_error("code %d, message %s", code, message or "not found")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # the base class's names
        if not self.quiet:
            super().log_message(format, *args)


def site_path(site_url: str | None) -> str:
    """The path a site is served under: ``site_url``'s (``https://o.github.io/repo/`` -> ``/repo/``)."""
    path = posixpath.normpath(urlsplit(site_url or "/").path or "/").strip("/")
    return f"/{path}/" if path else "/"


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, *, base_path: str = "/",
                quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A threaded server of ``directory`` (not started: ``serve_forever``); port 0 takes a free one."""
    handler = functools.partial(StaticSiteHandler, directory=str(directory), base_path=base_path, quiet=quiet)
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as error:  # the port is taken, the host is not this machine's
        raise UsageError(f"cannot serve on {host}:{port}: {error.strerror or error}: stop what serves there, or "
                         "choose another address with --addr HOST:PORT") from None
