"""The repository's own site builds with the real MkDocs, strictly, in every locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_build import run_mkdocs
from shared_data import ROOT

pytestmark = pytest.mark.slow

LOCALES = ("en", "sv", "nl", "fr", "zh")


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = run_mkdocs(ROOT, strict=True, site_dir=site)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    for locale in LOCALES:
        prefix = site if locale == "en" else site / locale
        page = (prefix / "index.html").read_text("utf-8")
        assert f'<html lang="{locale}"' in page, locale
