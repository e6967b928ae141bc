"""The site's own content: English byte-exact, translations exactly what `locdocs ingest` makes of the seeds."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from shared_data import ROOT, SEEDS

pytestmark = pytest.mark.shared

ARTICLE = "billing/billing-azure-subscription-past-due-balance.md"


def test_english_article_is_byte_exact() -> None:
    data = (ROOT / "docs" / "en" / ARTICLE).read_bytes()
    assert data == (SEEDS / "en" / "2018-05-11.md").read_bytes()
    assert hashlib.sha1(data).hexdigest() == "5e5d8849e59d95640b490d29bf1233135980486c"


def test_english_revisions_are_in_git_history() -> None:
    log = subprocess.run(["git", "log", "--format=%H", "--", f"docs/en/{ARTICLE}"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    contents = [subprocess.run(["git", "show", f"{commit}:docs/en/{ARTICLE}"], cwd=ROOT, capture_output=True,
                               check=True).stdout for commit in log]
    for revision in ("2017-03-28", "2017-08-30", "2018-05-11"):
        assert (SEEDS / "en" / f"{revision}.md").read_bytes() in contents, revision


def test_translations_are_exactly_what_ingest_makes_of_the_seeds(tmp_path: Path) -> None:
    for handoff in (ROOT / "content" / "handoffs").iterdir():  # the repository keeps the seeds as delivered
        assert handoff.read_bytes() == (SEEDS / handoff.name).read_bytes()
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "ingest_content.py"),
                           "--docs-dir", str(tmp_path / "docs"), "--l10n-dir", str(tmp_path / "l10n")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    produced = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert [p.as_posix() for p in produced] == [
        f"docs/{locale}/{ARTICLE}" for locale in ("fr", "nl", "sv", "zh")] + [
        f"l10n/{locale}/{ARTICLE}.xlf" for locale in ("fr", "nl", "sv", "zh")]
    for relative in produced:
        assert (ROOT / relative).read_bytes() == (tmp_path / relative).read_bytes(), relative
    dutch = (ROOT / "docs" / "nl" / ARTICLE).read_text("utf-8")
    assert "ms.openlocfilehash: 5e5d8849e59d95640b490d29bf1233135980486c" in dutch, "nl shows the 2018-05 handoff"
