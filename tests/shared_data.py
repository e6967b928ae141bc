"""Where the shared test data lives, and how its files pair up. Paths come from this file, never the cwd."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LOCDOCS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"

# The seeds with span markup, and the English revision each was made from.
SEEDS_WITH_SPANS = {
    "001_bfce40a1323c09cc.txt": "2018-05-11.md",
    "003_ceff8272707b582a.txt": "2017-03-28.md",
}


def shared_data_missing() -> str | None:
    """What is missing of the shared data the tests need (seeds/ and corpus/ under SHARED), or None."""
    missing = [folder for folder in (SEEDS, CORPUS) if not folder.is_dir()]
    return " and ".join(map(str, missing)) if missing else None


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))


def corpus_span_files() -> list[Path]:
    """Every file of the corpus's ``__live-sxs`` folders."""
    return sorted(p for p in CORPUS.glob("*__live-sxs/**/*") if p.is_file())


def corpus_clean_counterpart(span_file: Path) -> Path:
    """The file of Microsoft's clean published branch that matches a ``__live-sxs`` file."""
    relative = span_file.relative_to(CORPUS)
    return CORPUS / relative.parts[0].removesuffix("__live-sxs") / Path(*relative.parts[1:])


def corpus_pairs() -> list[tuple[Path, Path]]:
    return [(span, corpus_clean_counterpart(span)) for span in corpus_span_files()
            if corpus_clean_counterpart(span).is_file()]


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.md") if p.is_file() and p.parent != CORPUS)
