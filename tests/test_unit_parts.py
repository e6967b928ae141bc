"""The units built from scratch that would end alone on a core are shared out in parts, one per core: each part's
process renders a run of the unit's pages (and, for their titles, the pages of other runs without a front matter
title), and the parts' outputs are put together. The site is byte for byte the one a build of whole units
makes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from locdocs.plugin.page_reuse import PageSource
from locdocs.publish import units
from locdocs.publish.pipeline import build_site
from shared_data import ROOT, shared_data_missing
from versioned_site import SITE_URL, copy_repository

pytestmark = pytest.mark.slow


def _site(repo: Path, cache: Path, *, split: bool) -> dict[str, bytes]:
    """Every file of every assembled version, and of every unit's page manifest its titles and search entries."""
    result = build_site(repo / "mkdocs.yml", cache=cache, jobs=3, split_units=split)
    files = {f"{name}/{path.relative_to(folder).as_posix()}": path.read_bytes()
             for name, folder in result.version_dirs.items() for path in sorted(folder.rglob("*")) if path.is_file()}
    for unit in result.units:
        source = PageSource.read(unit.output)
        assert source is not None
        files[f"{unit.unit.name} manifest"] = repr(
            [(src, page["title"], page["search"]) for src, page in source.pages.items()]).encode()
    return files


def _compare(split: dict[str, bytes], whole: dict[str, bytes]) -> None:
    assert sorted(split) == sorted(whole)
    assert [name for name, data in whole.items() if split[name] != data] == []


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "MIN_PART_PAGES", 1)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


@pytest.mark.usefixtures("small_parts")
def test_seed_site_built_in_parts_is_the_site_built_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repository(tmp_path / "repo")
    # A page whose title is its first heading, with markup: MkDocs reads "The *quick* `fox` & friends" from the
    # source, but the navigation shows the heading as rendered, in every part.
    (repo / "docs" / "en" / "guide.md").write_text("# The *quick* `fox` & friends\n\nText.\n", encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - about.md\n", "  - about.md\n  - guide.md\n", 1), "utf-8")
    monkeypatch.setenv("LOCDOCS_SITE_URL", SITE_URL)
    split = _site(repo, tmp_path / "split", split=True)
    # Five units from scratch (the newest version's) on three cores: the two smallest are built in three parts.
    assert len(list((tmp_path / "split" / "units").glob("2018-05-*.part2.json"))) == 2
    _compare(split, _site(repo, tmp_path / "whole", split=False))


@pytest.mark.usefixtures("small_parts")
def test_generated_site_built_in_parts_is_the_site_built_whole(tmp_path: Path) -> None:
    """Real articles: most have a title in their front matter, some (includes, the home pages) only a heading."""
    if shared_data_missing():
        pytest.skip("the shared test data is missing")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    repo = tmp_path / "repo"
    generate(repo, 30)
    untitled = [path for path in (repo / "docs" / "en").rglob("*.md") if "\ntitle:" not in path.read_text("utf-8")]
    assert len(untitled) >= 3
    split = _site(repo, tmp_path / "split", split=True)
    specs = sorted(path.name for path in (tmp_path / "split" / "units").glob("*.part*.json"))
    assert len(specs) == 6, specs  # two units in three parts
    _compare(split, _site(repo, tmp_path / "whole", split=False))
