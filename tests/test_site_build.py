"""The repository's own site builds with the real MkDocs, strictly, in every locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shared_data import ROOT

LOCALES = ("en", "sv", "nl", "fr", "zh")


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    for locale in LOCALES:
        prefix = site if locale == "en" else site / locale
        page = (prefix / "index.html").read_text("utf-8")
        assert f'<html lang="{locale}"' in page, locale
