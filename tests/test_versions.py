"""Versioned publishing: `locdocs build` on a temporary copy of the repository, with no network."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from locdocs.plugin.page_reuse import MANIFEST
from versioned_site import build

pytestmark = pytest.mark.slow

VERSIONS = ("2018-05", "2017-08", "2017-03")
LOCALES = ("en", "sv", "nl", "fr", "zh")
ARTICLE = "billing/billing-azure-subscription-past-due-balance/"


def test_versions_json_lists_the_three_versions_with_latest_on_2018_05(versioned_repo: Path) -> None:
    versions = json.loads((versioned_repo / "site" / "versions.json").read_text("utf-8"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("2018-05", ["latest"]), ("2017-08", []),
                                                                ("2017-03", [])]
    branch = subprocess.run(["git", "show", "gh-pages:versions.json"], cwd=versioned_repo, capture_output=True,
                            text=True, check=True).stdout
    assert json.loads(branch) == versions, "site/ is the gh-pages branch mike wrote"
    assert "latest/" in (versioned_repo / "site" / "index.html").read_text("utf-8"), "the root redirects to latest"


def test_every_version_has_every_locale(versioned_repo: Path) -> None:
    for version in VERSIONS:
        for locale in LOCALES:
            prefix = versioned_repo / "site" / version / ("" if locale == "en" else locale)
            assert (prefix / ARTICLE / "index.html").is_file(), (version, locale)
            assert (prefix / "search" / "search_index.json").is_file(), (version, locale)


def _notices(page: Path) -> list[str]:
    import re

    return re.findall(r'data-locdocs-notice="([a-z-]+)"', page.read_text("utf-8"))


def test_each_version_shows_the_translation_made_for_it(versioned_repo: Path) -> None:
    site = versioned_repo / "site"
    expected = {  # version -> locale -> notices on the article
        "2018-05": {"sv": ["machine-translated", "stale"], "nl": ["untranslated"], "fr": ["machine-translated",
                                                                                           "stale"], "zh": []},
        "2017-08": {"sv": ["machine-translated"], "nl": ["machine-translated", "stale"],
                    "fr": ["machine-translated", "stale"], "zh": ["fallback"]},
        "2017-03": {"sv": ["fallback"], "nl": ["machine-translated"], "fr": ["machine-translated"],
                    "zh": ["fallback"]},
    }
    for version, locales in expected.items():
        for locale, notices in locales.items():
            assert _notices(site / version / locale / ARTICLE / "index.html") == notices, (version, locale)
    dutch_2017 = (site / "2017-03" / "nl" / ARTICLE / "index.html").read_text("utf-8")
    assert "Los vervallen verdelen" in dutch_2017 and 'class="md-button locdocs-toggle"' in dutch_2017
    # The English originals are on the page, hidden, but not in the Dutch search index.
    originals = re.findall(r'<span class="locdocs-original" lang="en" hidden="" data-search-exclude="">'
                           r'([^<]{20,})</span>', dutch_2017)
    index = (site / "2017-03" / "nl" / "search" / "search_index.json").read_text("utf-8")
    assert originals and not any(original in index for original in originals)


def test_older_versions_carry_the_outdated_banner(versioned_repo: Path) -> None:
    for version in VERSIONS:
        html = (versioned_repo / "site" / version / "sv" / "index.html").read_text("utf-8")
        assert "Du läser en äldre version av den här webbplatsen." in html  # shown by Material when not default
        assert '"version": {"default": "latest", "provider": "mike"}' in html


def test_a_rebuild_with_nothing_changed_reuses_every_unit(versioned_repo: Path) -> None:
    done = build(versioned_repo)
    assert done.returncode == 0, done.stderr
    assert "0 units built, 15 reused." in done.stderr
    assert "reused 2017-03/sv in " in done.stderr and "(inputs unchanged)" in done.stderr


def test_a_changed_swedish_page_rebuilds_only_the_swedish_units(versioned_repo: Path, tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(versioned_repo, repo, symlinks=True)  # its unit cache included
    home = repo / "docs" / "sv" / "index.md"
    home.write_text(home.read_text("utf-8").replace("Felsökningsartiklar", "Felsökningsguider"), encoding="utf-8")
    # The unit is rebuilt in its previous output: what elsewhere links its files (as the assembled versions do)
    # keeps the old bytes (nothing written in place), and its unchanged pages stay the same files.
    old = _unit_output(repo / ".cache" / "build" / "units", "2018-05", "sv")
    links = tmp_path / "links"
    linked = {}
    for rel in ("sv/index.html", "sv/about/index.html", "sitemap.xml", "sv/404.html", "sv/search/search_index.json"):
        (links / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(old / rel, links / rel)
        linked[rel] = (old / rel).read_bytes()
    about = (old / "sv" / "about" / "index.html").stat().st_ino
    done = build(repo, "--no-publish")
    assert done.returncode == 0, done.stderr
    assert {rel: (links / rel).read_bytes() for rel in linked} == linked
    new = _unit_output(repo / ".cache" / "build" / "units", "2018-05", "sv")
    assert (new / "sv" / "about" / "index.html").stat().st_ino == about
    assert "Felsökningsguider".encode() not in (links / "sv" / "index.html").read_bytes()
    rebuilt = sorted(line.split()[1] for line in done.stderr.splitlines() if line.startswith("built "))
    assert rebuilt == ["2017-03/sv", "2017-08/sv", "2018-05/sv"]
    assert "3 units built, 12 reused." in done.stderr
    assert "Felsökningsguider" in (repo / ".cache" / "build" / "versions" / "2017-03" / "sv" / "index.html").read_text(
        "utf-8")
    # Inside each rebuilt unit, only the changed page and what shows it again were rendered: the other pages came
    # from the unit's previous output, and the result is what a build from a cold cache makes.
    reuse = dict(re.findall(r"^built (\S+) in [\d.]+ s \((\d+) of \d+ pages reused\)$", done.stderr, re.MULTILINE))
    assert sorted(reuse) == rebuilt and all(int(count) >= 2 for count in reuse.values()), done.stderr
    cold = build(repo, "--no-publish", "--locale", "sv", "--cache-dir", str(tmp_path / "cold"))
    assert cold.returncode == 0, cold.stderr
    for version in VERSIONS:
        warm_unit = _unit_output(repo / ".cache" / "build" / "units", version, "sv")
        cold_unit = _unit_output(tmp_path / "cold" / "units", version, "sv")
        assert _tree(warm_unit) == _tree(cold_unit), version


ORIGINAL = re.compile(r'<span class="locdocs-original" lang="en" hidden="" data-search-exclude="">([^<]*)</span>')


def _originals(page: Path) -> list[str]:
    return ORIGINAL.findall(page.read_text("utf-8"))


def _rebuilt(log: str) -> list[str]:
    return sorted(line.split()[1] for line in log.splitlines() if line.startswith("built "))


def _unit_output(units: Path, version: str, locale: str) -> Path:
    [output] = [path for path in units.glob(f"{version}-{locale}-*") if path.is_dir()]
    return output


def _tree(folder: Path) -> dict[str, object]:
    """Every file's bytes; of the page manifest, the titles and search entries (the keys hold the cache's path)."""
    tree: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".complete":
            tree[path.relative_to(folder).as_posix()] = path.read_bytes()
    manifest = json.loads(tree.pop(MANIFEST))
    tree[MANIFEST] = {page: (entry["title"], entry["search"]) for page, entry in manifest["pages"].items()}
    return tree


def test_status_pages_of_a_version_name_the_languages(versioned_repo: Path) -> None:
    html = (versioned_repo / "site" / "2017-03" / "zh" / "translation-status" / "index.html").read_text("utf-8")
    assert "<td>Svenska</td>" in html and "<td>Nederlands</td>" in html
    assert 'data-state="missing"' in html, "2017-03 has no Swedish or Chinese translation of the article"


def test_assembling_a_version_leaves_the_cached_units_as_they_were(versioned_repo: Path) -> None:
    """Versions are assembled from hard links to the units' files: the version's own sitemap replaces the link."""
    units = versioned_repo / ".cache" / "build" / "units"
    for version in VERSIONS:
        unit_sitemap = (_unit_output(units, version, "en") / "sitemap.xml").read_text("utf-8")
        version_dir = versioned_repo / ".cache" / "build" / "versions" / version
        version_sitemap = (version_dir / "sitemap.xml").read_text("utf-8")
        assert 'hreflang="x-default"' in version_sitemap and "hreflang" not in unit_sitemap


@pytest.mark.shared
def test_translations_ingested_outside_the_handoff_list_keep_their_segments(versioned_repo: Path,
                                                                            tmp_path: Path) -> None:
    """A translation ingested straight into docs/ and l10n/ (not listed in content/handoffs.tsv) is in every
    version with its XLIFF: its machine-translated page offers the English original of each sentence."""
    import shutil

    from shared_data import SEEDS

    repo = tmp_path / "repo"
    shutil.copytree(versioned_repo, repo, symlinks=True)
    shutil.copyfile(SEEDS / "en" / "2017-03-28.md", repo / "docs" / "en" / "billing" / "older.md")
    handoff = next((repo / "content" / "handoffs").glob("003_*.txt"))  # nl, MT, made from 2017-03
    done = subprocess.run([sys.executable, "-m", "locdocs", "ingest", str(handoff), "--path", "billing/older.md"],
                          cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (repo / "l10n" / "nl" / "billing" / "older.md.xlf").is_file()
    done = build(repo, "--no-publish", "--version", "2017-08", "--locale", "nl")
    assert done.returncode == 0, done.stderr
    units, older = repo / ".cache" / "build" / "units", Path("nl", "billing", "older", "index.html")
    page = _unit_output(units, "2017-08", "nl") / older
    assert 'class="md-button locdocs-toggle"' in page.read_text("utf-8")
    # Its segment file is the unit's input too: a change to the English of one segment (nothing else) rebuilds
    # the unit, and the page offers the new English original.
    old, new = "Pay your outstanding balance in full.", "Pay the whole outstanding balance today."
    assert old in _originals(page)
    xliff = repo / "l10n" / "nl" / "billing" / "older.md.xlf"
    text = xliff.read_text("utf-8")
    assert text.count(f"<source>{old}</source>") == 1
    xliff.write_text(text.replace(f"<source>{old}</source>", f"<source>{new}</source>"), encoding="utf-8")
    done = build(repo, "--no-publish", "--version", "2017-08", "--locale", "nl")
    assert done.returncode == 0, done.stderr
    assert _rebuilt(done.stderr) == ["2017-08/nl"]
    originals = _originals(_unit_output(units, "2017-08", "nl") / older)
    assert new in originals and old not in originals


def test_a_handoff_whose_english_changed_rebuilds_its_pages_with_the_new_original(versioned_repo: Path,
                                                                                  tmp_path: Path) -> None:
    """Only the English side of one segment of the 2017-03 Dutch handoff changes: its clean article stays the
    same, its XLIFF's <source> changes. Both versions that show that handoff are built again, and the page offers
    the new English original."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(versioned_repo, repo, symlinks=True)  # its unit cache included
    old, new = "Pay your outstanding balance in full.", "Pay the whole outstanding balance today."
    handoff = repo / "content" / "handoffs" / "003_ceff8272707b582a.txt"
    data = handoff.read_bytes()
    source_span = f'<span data-stu-id="97fb2-113">{old}</span>'.encode()
    assert data.count(source_span) == 1
    handoff.write_bytes(data.replace(source_span, source_span.replace(old.encode(), new.encode())))
    trees = repo / ".cache" / "build" / "trees"
    article = f"nl/{ARTICLE.rstrip('/')}.md"
    before = {version: (trees / version / "docs" / article).read_bytes() for version in ("2017-03", "2017-08")}
    for version in ("2017-03", "2017-08"):
        assert old in _originals(repo / ".cache" / "build" / "versions" / version / "nl" / ARTICLE / "index.html")

    done = build(repo, "--no-publish")
    assert done.returncode == 0, done.stderr
    assert _rebuilt(done.stderr) == ["2017-03/nl", "2017-08/nl"]
    assert "2 units built, 13 reused." in done.stderr
    for version in ("2017-03", "2017-08"):
        assert (trees / version / "docs" / article).read_bytes() == before[version], "the article is the same"
        xliff = (trees / version / "l10n" / f"{article}.xlf").read_text("utf-8")
        assert f"<source>{new}</source>" in xliff and old not in xliff
        originals = _originals(repo / ".cache" / "build" / "versions" / version / "nl" / ARTICLE / "index.html")
        assert new in originals and old not in originals, version


def test_a_hostile_handoff_only_an_older_version_publishes_is_found_and_refused(versioned_repo: Path,
                                                                                tmp_path: Path) -> None:
    """The 2017-03 Dutch handoff is published only by the versions 2017-03 and 2017-08 (no newer Dutch one before
    2018-05): `locdocs check` reads it there (naming the handoff), `locdocs build` refuses to publish it, and
    --allow-errors publishes it with the script removed."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(versioned_repo, repo, symlinks=True)
    handoff = next((repo / "content" / "handoffs").glob("003_*.txt"))
    text = handoff.read_text("utf-8")
    segment = '<span data-ttu-id="97fb2-113">'
    line = text[:text.index(segment)].count("\n") + 1
    handoff.write_text(text.replace(segment, segment + "<script>alert('LOCDOCS-XSS')</script>", 1), encoding="utf-8")
    relative = handoff.relative_to(repo).as_posix()

    done = subprocess.run([sys.executable, "-m", "locdocs", "check"], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1, done.stdout
    assert (f"{relative}:{line}: unsafe-content: in versions 2017-08, 2017-03: removed the <script> element and its "
            "content: "
            "the English article has no such element with the same URL") in done.stdout.splitlines()
    assert subprocess.run([sys.executable, "-m", "locdocs", "check", "--no-versions"], cwd=repo,
                          capture_output=True, text=True).returncode == 0, "the docs folder itself is clean"

    refused = build(repo, "--no-publish")
    assert refused.returncode == 1, refused.stderr
    assert re.search(rf"^2017-03: (.*/)?{re.escape(relative)}:{line}: unsafe-content: removed the <script> element",
                     refused.stderr, re.MULTILINE), refused.stderr
    assert "nothing was built or deployed" in refused.stderr and "--allow-errors" in refused.stderr
    assert "units built" not in refused.stderr

    allowed = build(repo, "--no-publish", "--allow-errors")
    assert allowed.returncode == 0, allowed.stderr
    page = (repo / ".cache" / "build" / "versions" / "2017-03" / "nl" / ARTICLE / "index.html").read_text("utf-8")
    assert "Los vervallen verdelen" in page and "LOCDOCS-XSS" not in page
