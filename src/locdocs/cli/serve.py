"""``locdocs serve``: the published site (``site/``) as its static host serves it, missing pages included."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from ..errors import UsageError
from .common import EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="serve the published site as GitHub Pages does (a missing page: 404 and the root 404.html)",
        description="Serve SITE_DIR (what `locdocs build` writes) under the path of the site's site_url, as the "
                    "static host does: a missing address answers status 404 with the site's root 404.html, which "
                    "sends the reader to the 404 page of that version in their language; folders are not listed.")
    serve.add_argument("--site-dir", type=Path, default=Path("site"), help="default: %(default)s")
    serve.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="default: %(default)s")
    serve.add_argument("--base", default=None, metavar="PATH",
                       help="the path the site is served under (default: site_url's path in mkdocs.yml, e.g. "
                            "/repository/ for a GitHub project site)")
    serve.add_argument("-f", "--config-file", type=Path, default=None,
                       help="the MkDocs configuration whose site_url gives the path (default: mkdocs.yml, if there "
                            "is one)")
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from ..publish.serve import make_server, site_path

    if not (args.site_dir / "index.html").is_file():
        raise UsageError(f"{args.site_dir}: no published site here (index.html): run `locdocs build` first")
    host, _, port = args.addr.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--addr: expected HOST:PORT, not {args.addr!r}")
    base = args.base
    if base is None:
        config_file = args.config_file or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else None)
        if config_file is not None:
            from ..config import read_mkdocs_config

            base = read_mkdocs_config(config_file).site_url
    base = site_path(base) if base is None or "://" in base else site_path("http://host/" + base.lstrip("/"))
    with make_server(args.site_dir, host, int(port), base_path=base) as server:
        print(f"Serving {args.site_dir} on http://{host}:{server.server_address[1]}{base} "
              "(a missing page: status 404 and the site's 404.html, as on GitHub Pages); Ctrl-C stops",
              file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return EXIT_OK
