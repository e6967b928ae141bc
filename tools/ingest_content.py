#!/usr/bin/env python3
"""Ingest the site's translations from the handoffs listed in content/handoffs.tsv (never copy them by hand).

The raw handoffs are kept in content/handoffs/ (byte for byte as delivered), so a clone can rebuild every
version offline. For each article and locale, the handoff made for the current English revision, else the newest
one made for an older revision, goes into docs/LL/ and l10n/LL/ through ``locdocs ingest``.
Usage: tools/ingest_content.py [--docs-dir docs] [--l10n-dir l10n]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    from locdocs.cli import main as locdocs
    from locdocs.versions import choose_handoffs, english_history, load_handoffs
except ImportError:  # not installed: use the checkout's own package
    sys.path.insert(0, str(ROOT / "src"))
    from locdocs.cli import main as locdocs
    from locdocs.versions import choose_handoffs, english_history, load_handoffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "docs")
    parser.add_argument("--l10n-dir", type=Path, default=ROOT / "l10n")
    args = parser.parse_args(argv)
    handoffs = load_handoffs(ROOT / "content" / "handoffs.tsv", ROOT / "content" / "handoffs")
    revisions = english_history(ROOT, ROOT / "docs", sorted({h.article for h in handoffs}))
    current = {article: datas[0] for article, datas in revisions.items() if datas}
    for handoff in choose_handoffs(handoffs, revisions, current):
        code = locdocs(["ingest", str(handoff.path), "--path", handoff.article.as_posix(), "--locale",
                        handoff.locale, "--docs-dir", str(args.docs_dir), "--l10n-dir", str(args.l10n_dir)])
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
