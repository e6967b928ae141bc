"""A site whose mkdocs.yml uses the YAML tags MkDocs itself resolves: `!ENV` (site_url from the environment) and
`!!python/name:` (Material's emoji index and SVG generator). `mkdocs build` and `locdocs build` (whose units load
the site's mkdocs.yml through MkDocs) both build it with both values in effect, in every locale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_build import run_mkdocs
from versioned_site import build, copy_repository

pytestmark = pytest.mark.slow

URL = "http://docs.example.test/handbook/"
"""The site_url, given only in the environment of the build."""
ENV = {"LOCDOCS_TEST_SITE_URL": URL}
EMOJI = """\
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""
LOCALES = ("en", "sv", "nl", "fr", "zh")
VERSIONS = ("2018-05", "2017-08", "2017-03")
# Material's icon as an inline SVG: only Material's index knows :material-check:, and only its generator inlines it.
ICON = re.compile(r'<span class="twemoji"><svg [^>]*>.*?</svg></span>', re.DOTALL)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


@pytest.fixture(scope="module")
def tagged_repo(tmp_path_factory) -> Path:
    """A copy of the repository whose mkdocs.yml takes site_url from LOCDOCS_TEST_SITE_URL and renders Material's
    icons; the English about page (shown in every locale) and the Swedish home page show one."""
    repo = copy_repository(tmp_path_factory.mktemp("tagged") / "repo")
    config = repo / "mkdocs.yml"
    text = config.read_text("utf-8")
    site_url, extensions = 'site_url: !ENV [LOCDOCS_SITE_URL, "http://127.0.0.1:8000/"]', "  - admonition\n"
    assert text.count(site_url) == 1 and text.count(extensions) == 1
    config.write_text(text.replace(site_url, 'site_url: !ENV [LOCDOCS_TEST_SITE_URL, "http://127.0.0.1:8000/"]')
                      .replace(extensions, extensions + EMOJI), encoding="utf-8")
    for page in ("en/about.md", "sv/index.md"):
        path = repo / "docs" / page
        path.write_text(path.read_text("utf-8") + "\n:material-check: Checked.\n", encoding="utf-8")
    return repo


def _pages(root: Path) -> dict[str, str]:
    """The pages that show the icon, by where they are under ``root``: every locale's about page (a translation
    or the English page) and the Swedish home page."""
    pages = {f"{'' if locale == 'en' else locale + '/'}about/": "" for locale in LOCALES} | {"sv/": ""}
    return {url: (root / url / "index.html").read_text("utf-8") for url in pages}


def _check(root: Path, base: str) -> None:
    for url, html in _pages(root).items():
        [canonical] = CANONICAL.findall(html)
        # A page with no translation (about/) names the English page as canonical; the Swedish home page itself.
        assert canonical == base + ("sv/" if url == "sv/" else "about/"), url
        assert len(ICON.findall(html)) == 1, url
        assert ":material-check:" not in html, url


def test_mkdocs_build_resolves_env_and_python_name_tags(tagged_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = run_mkdocs(tagged_repo, strict=True, site_dir=site, env=ENV)
    assert done.returncode == 0, done.stderr
    _check(site, URL)
    assert "127.0.0.1:8000" not in (site / "sitemap.xml").read_text("utf-8")


def test_locdocs_build_resolves_env_and_python_name_tags_in_every_unit(tagged_repo: Path) -> None:
    done = build(tagged_repo, "--no-publish", env=ENV)
    assert done.returncode == 0, done.stderr
    assert "15 units built, 0 reused." in done.stderr
    for version in VERSIONS:
        output = tagged_repo / ".cache" / "build" / "versions" / version
        _check(output, f"{URL}{version}/")
        sitemap = (output / "sitemap.xml").read_text("utf-8")
        assert "127.0.0.1:8000" not in sitemap and f"<loc>{URL}{version}/" in sitemap, version
