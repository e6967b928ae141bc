#!/usr/bin/env python3
"""Remove translation span markup from handoffs: the same as ``locdocs normalize``.

Usage: tools/normalize_xliff_spans.py [--check | --diff] [--side translation|source] PATH... (or '-')
Works from a checkout without installing the package.
"""

import sys
from pathlib import Path

try:
    from locdocs.cli import main
except ImportError:  # not installed: use the checkout's own package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from locdocs.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["normalize", *sys.argv[1:]]))
