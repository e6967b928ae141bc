"""The navigation sidebar drawn once per group of sibling pages (locdocs.plugin.fast_nav) is byte for byte the one
Material renders for every page: real MkDocs builds of small sites, with and without the fast path."""

from __future__ import annotations

import json
from pathlib import Path

import material
import pytest

from mkdocs_build import run_mkdocs

pytestmark = pytest.mark.slow

HOOK = '''
import json
from pathlib import Path
from locdocs.plugin.fast_nav import FastNav

state = {}

def on_env(env, config, files):
    state["nav"] = FastNav(env, [file.page for file in files.documentation_pages() if file.page is not None])
    return env

def on_post_build(config):
    Path(config.site_dir, "fast-nav.json").write_text(json.dumps({"from_group": state["nav"].drawn_from_group,
                                                                  "enabled": state["nav"].enabled}))
'''


def _site(root: Path, features: list[str], use_directory_urls: bool) -> Path:
    docs = root / "docs"
    (docs / "guide" / "deep").mkdir(parents=True)
    (docs / "guide" / "parent").mkdir()
    (docs / "index.md").write_text("# Home\n\nWelcome.\n")
    (docs / "about.md").write_text("---\ntitle: About us\n---\n\nText.\n")
    (docs / "contact.md").write_text("# Contact\n\n## By mail\n\n## By phone\n")
    for number in range(12):
        headings = "".join(f"\n## Part {part}\n\nText {part}.\n" for part in range(number % 3))
        (docs / "guide" / f"topic-{number:02d}.md").write_text(f"# Topic {number}\n{headings}")
    for number in range(4):
        (docs / "guide" / "deep" / f"deeper-{number}.md").write_text(f"# Deeper {number}\n\n## Section\n")
    (docs / "guide" / "parent.md").write_text("# Parent\n\nSee [the child](parent/child.md).\n")
    (docs / "guide" / "parent" / "child.md").write_text("# Child\n\n## A heading\n")
    config = {"site_name": "Fast nav", "docs_dir": "docs", "use_directory_urls": use_directory_urls,
              "theme": {"name": "material", "features": features}, "plugins": [], "markdown_extensions": ["toc"]}
    (root / "mkdocs.yml").write_text(json.dumps(config))
    (root / "hook.py").write_text(HOOK)
    return root


def _build(root: Path, site: str, *, hook: bool) -> Path:
    config = json.loads((root / "mkdocs.yml").read_text())
    if hook:
        config["hooks"] = ["hook.py"]
    (root / f"{site}.yml").write_text(json.dumps(config))
    done = run_mkdocs(root / f"{site}.yml", strict=True, site_dir=root / site)
    assert done.returncode == 0, done.stderr
    return root / site


def _pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize(("features", "use_directory_urls"), [
    (["navigation.prune", "toc.follow"], True),
    ([], False),
    (["navigation.sections", "navigation.indexes", "toc.integrate"], True),
    (["navigation.tabs", "navigation.expand"], True),
])
def test_the_sidebars_are_the_themes_own(tmp_path: Path, features: list[str], use_directory_urls: bool) -> None:
    root = _site(tmp_path, features, use_directory_urls)
    fast, full = _build(root, "fast", hook=True), _build(root, "full", hook=False)
    stats = json.loads((fast / "fast-nav.json").read_text())
    assert stats["enabled"], "the self-check turned the fast path off"
    # 12 topics, 4 deeper pages and 3 root pages: all but the first of each group and the checked second.
    assert stats["from_group"] >= 12
    assert _pages(fast) == _pages(full)
    assert b"md-nav__link--active" in _pages(fast)["guide/topic-05/index.html" if use_directory_urls
                                                   else "guide/topic-05.html"]


def test_a_sidebar_that_differs_turns_the_fast_path_off(tmp_path: Path) -> None:
    """A theme whose item markup depends on more than the page (here: a counter across items) fails the check:
    the build falls back to the theme's rendering and the output is still the theme's."""
    root = _site(tmp_path, [], True)
    overrides = root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    theme_nav = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
    # The page's own number in the site name changes the whole sidebar from one page to the next.
    (overrides / "nav.html").write_text(theme_nav.read_text().replace(
        "{{ config.site_name }}\n", "{{ config.site_name }} {{ page.url }}\n", 1))
    config = json.loads((root / "mkdocs.yml").read_text())
    config["theme"]["custom_dir"] = "overrides"
    (root / "mkdocs.yml").write_text(json.dumps(config))
    fast, full = _build(root, "fast", hook=True), _build(root, "full", hook=False)
    assert not json.loads((fast / "fast-nav.json").read_text())["enabled"]
    assert _pages(fast) == _pages(full)
