#!/usr/bin/env python3
"""Ingest the site's translations from the handoffs listed in content/handoffs.tsv (never copy them by hand).

For each article and locale, the handoff made from the newest English revision goes into docs/LL/ and l10n/LL/
through ``locdocs ingest``. Usage: tools/ingest_content.py [--seeds ../shared/seeds] [--docs-dir docs]
[--l10n-dir l10n]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    from locdocs.cli import main as locdocs
    from locdocs.normalize import normalize_bytes
except ImportError:  # not installed: use the checkout's own package
    sys.path.insert(0, str(ROOT / "src"))
    from locdocs.cli import main as locdocs
    from locdocs.normalize import normalize_bytes


def read_handoffs(listing: Path) -> list[dict]:
    with listing.open(encoding="utf-8", newline="") as handle:
        rows = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(rows, fieldnames=["handoff", "article", "english_revision"], delimiter="\t"))


def newest_per_locale(handoffs: list[dict], seeds: Path) -> list[dict]:
    """Of several handoffs of one article in one locale, the one made from the newest English revision."""
    chosen: dict[tuple[str, str], dict] = {}
    for row in handoffs:
        metadata = normalize_bytes((seeds / row["handoff"]).read_bytes(), with_segments=True).metadata
        key = (row["article"], str(metadata["ms.contentlocale"]).split("-")[0].lower())
        if key not in chosen or row["english_revision"] > chosen[key]["english_revision"]:
            chosen[key] = row
    return list(chosen.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "docs")
    parser.add_argument("--l10n-dir", type=Path, default=ROOT / "l10n")
    parser.add_argument("--listing", type=Path, default=ROOT / "content" / "handoffs.tsv")
    args = parser.parse_args(argv)
    for row in newest_per_locale(read_handoffs(args.listing), args.seeds):
        code = locdocs(["ingest", str(args.seeds / row["handoff"]), "--path", row["article"],
                        "--docs-dir", str(args.docs_dir), "--l10n-dir", str(args.l10n_dir)])
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
