"""Pages shared across versions: a page whose inputs are the same in two versions is rendered once, and the other
version's unit takes it (with its own URL in the absolute links); the site is byte for byte the one a build without
sharing makes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from locdocs.plugin.page_reuse import PageSource
from locdocs.publish.pipeline import build_site
from locdocs.publish.units import mentions_host
from shared_data import ROOT, shared_data_missing
from versioned_site import SITE_URL, copy_repository

pytestmark = pytest.mark.slow

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@localhost"}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=GIT_ENV)


def _build(repo: Path, cache: Path, *, share: bool) -> dict[str, dict[str, bytes]]:
    """Every file of every assembled version, and what the units of the build reused from where."""
    result = build_site(repo / "mkdocs.yml", cache=cache, share_pages=share)
    return {name: {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
                   if path.is_file()} for name, folder in result.version_dirs.items()}


def _reused(cache: Path) -> dict[str, dict[str, bool]]:
    """Per unit output (``VERSION-LOCALE``): each page, and whether it was reused."""
    units = {}
    for folder in sorted((cache / "units").iterdir()):
        source = PageSource.read(folder)
        if source is not None:
            name = folder.name.rsplit("-", 1)[0]
            units[name] = {page: entry["reused"] for page, entry in source.pages.items()}
    return units


def _compare(shared: dict[str, dict[str, bytes]], alone: dict[str, dict[str, bytes]]) -> None:
    assert shared.keys() == alone.keys()
    for version, files in alone.items():
        assert sorted(shared[version]) == sorted(files), version
        different = [path for path, data in files.items() if shared[version][path] != data]
        assert different == [], (version, different[:5])


@pytest.fixture
def seed_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed site (three versions) with one more English page, the same in every version, that writes the
    site's own address in its text: the theme's absolute links and this text must be told apart."""
    repo = copy_repository(tmp_path / "repo")
    (repo / "docs" / "en" / "addresses.md").write_text(
        "# Addresses\n\nThis edition lives at <" + SITE_URL + "2017-03/> and the newest at " + SITE_URL
        + "2018-05/ ([link](" + SITE_URL + "2018-05/about/)).\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "a page with the site's address")
    monkeypatch.setenv("LOCDOCS_SITE_URL", SITE_URL)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return repo


def test_seed_site_with_shared_pages_is_the_site_without(seed_versions: Path, tmp_path: Path) -> None:
    shared = _build(seed_versions, tmp_path / "shared", share=True)
    reused = _reused(tmp_path / "shared")
    alone = _build(seed_versions, tmp_path / "alone", share=False)
    _compare(shared, alone)
    assert not any(any(pages.values()) for pages in _reused(tmp_path / "alone").values()), "a cold build, alone"
    # The newest version renders everything; the older ones take what is the same (the home pages, about), but
    # neither the article (another English revision) nor the page that writes the site's address. 2017-03 has no
    # Swedish translation of the article: its sidebar has the English title, so its Swedish pages are all rendered.
    assert not any(reused["2018-05-sv"].values())
    assert not any(reused["2017-03-sv"].values())
    for unit in ("2017-08-sv", "2017-08-en", "2017-03-en", "2017-03-zh"):
        assert reused[unit]["about.md" if unit.endswith("-en") else unit[-2:] + "/about.md"], unit
        assert not reused[unit][("" if unit.endswith("-en") else unit[-2:] + "/")
                                + "billing/billing-azure-subscription-past-due-balance.md"], unit
        assert not reused[unit][("" if unit.endswith("-en") else unit[-2:] + "/") + "addresses.md"], unit
    page = shared["2017-03"]["about/index.html"].decode()
    assert f'href="{SITE_URL}2017-03/about/"' in page and f"{SITE_URL}2018-05/" not in page


def test_a_rebuild_takes_changed_pages_from_the_version_before(seed_versions: Path, tmp_path: Path) -> None:
    """Warm: after an edit of a page that is the same in every version, the first version's unit renders it, the
    others take it from there, and the site is the one a cold build without sharing makes."""
    cache = tmp_path / "shared"
    _build(seed_versions, cache, share=True)
    about = seed_versions / "docs" / "en" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    shared = _build(seed_versions, cache, share=True)
    reused = _reused(cache)
    assert not reused["2018-05-en"]["about.md"] and not reused["2018-05-sv"]["sv/about.md"], "the first version's"
    assert reused["2017-08-en"]["about.md"] and reused["2017-03-en"]["about.md"] and reused["2017-08-sv"]["sv/about.md"]
    assert b"One more sentence." in shared["2017-03"]["about/index.html"]
    _compare(shared, _build(seed_versions, tmp_path / "alone", share=False))


def test_three_versions_of_a_generated_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real articles, three versions: the older two pin some English articles to an earlier revision. Every page
    the same in two versions is rendered once; the site is the same as without sharing."""
    if shared_data_missing():
        pytest.skip("the shared test data is missing")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import add_versions, generate

    repo = tmp_path / "repo"
    generate(repo, 20)
    changed = add_versions(repo, changed=(2, 4))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    shared = _build(repo, tmp_path / "shared", share=True)
    reused = _reused(tmp_path / "shared")
    _compare(shared, _build(repo, tmp_path / "alone", share=False))
    assert len(changed) == 4
    for locale in ("en", "sv", "nl", "fr", "zh"):
        assert not any(reused[f"v3-{locale}"].values())
        # v2 renders the two articles it pins and its status page; v1 the two more it pins and its status page,
        # and takes the two both pin from v2.
        for version in ("v2", "v1"):
            pages = reused[f"{version}-{locale}"]
            assert sum(pages.values()) == len(pages) - 3, (version, locale)


def test_a_configuration_that_writes_the_host_shares_nothing(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    site = {"site_url": "https://docs.example.org/x/", "theme": {"name": "material"}}
    assert not mentions_host(site, config_file, "https://docs.example.org/x/1.0/")
    assert mentions_host({**site, "extra": {"home": "https://docs.example.org/"}}, config_file,
                         "https://docs.example.org/x/1.0/")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text('<a href="https://docs.example.org/">home</a>')
    assert mentions_host({**site, "theme": {"name": "material", "custom_dir": "overrides"}}, config_file,
                         "https://docs.example.org/x/1.0/")
