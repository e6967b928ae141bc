"""The ``locdocs`` command line: a thin adapter that parses arguments and calls the pipeline's stages.

One module per command (init, normalize, export, ingest, check and status, build, serve); each registers its
parser and runs it.
Exit codes follow black and ruff: 0 nothing to do or done, 1 changes needed or findings, 2 bad input, usage or
configuration.
Tracebacks are for bugs only (``--debug`` shows them for input errors too).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import LocdocsError
from . import build, check, export, ingest, init, normalize, serve
from .common import EXIT_CHANGES, EXIT_ERROR, EXIT_OK

__all__ = ["EXIT_CHANGES", "EXIT_ERROR", "EXIT_OK", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locdocs", description="Publish localized documentation: normalize handoffs, ingest them into docs/, "
                                    "check every locale against the English.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for every error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (init, normalize, export, ingest, check, build, serve):
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except LocdocsError as error:
        if args.debug:
            raise
        print(f"locdocs: error: {error}", file=sys.stderr)
        return EXIT_ERROR
