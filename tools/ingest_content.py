#!/usr/bin/env python3
"""Ingest the site's translations from the handoffs of its handoff list (never copy them by hand).

The raw handoffs are kept in content/handoffs/ (byte for byte as delivered) and listed in content/handoffs.tsv
(the locdocs plugin's handoff_list and handoff_dir in mkdocs.yml), so a clone can rebuild every version offline.
For each article and locale, the handoff made for the current English revision, else the newest one made for an
older revision, goes into the docs and l10n folders through ``locdocs ingest``.
Usage: tools/ingest_content.py [-f mkdocs.yml] [--docs-dir DIR] [--l10n-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    from locdocs.cli import main as locdocs
    from locdocs.config import load_config
    from locdocs.publish.versions import choose_handoffs, english_history, load_handoffs
except ImportError:  # not installed: use the checkout's own package
    sys.path.insert(0, str(ROOT / "src"))
    from locdocs.cli import main as locdocs
    from locdocs.config import load_config
    from locdocs.publish.versions import choose_handoffs, english_history, load_handoffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--docs-dir", type=Path, help="default: docs_dir of mkdocs.yml")
    parser.add_argument("--l10n-dir", type=Path, help="default: l10n_dir of the locdocs plugin")
    args = parser.parse_args(argv)
    layout = load_config(args.config_file).layout
    if layout.handoff_list is None:
        print(f"{args.config_file}: no handoff list (content/handoffs.tsv or the plugin's handoff_list)",
              file=sys.stderr)
        return 2
    handoffs = load_handoffs(layout.handoff_list, layout.handoff_dir, layout.locales)
    revisions = english_history(layout, sorted({h.article for h in handoffs}))
    current = {article: datas[0] for article, datas in revisions.items() if datas}
    for handoff in choose_handoffs(handoffs, revisions, current):
        code = locdocs(["ingest", str(handoff.path), "--path", handoff.article.as_posix(), "--locale",
                        handoff.locale, "--docs-dir", str(args.docs_dir or layout.docs_dir), "--l10n-dir",
                        str(args.l10n_dir or layout.l10n_dir)])
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
