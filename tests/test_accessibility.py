"""No serious or critical axe-core violation on any page type of the versioned site, in every version and locale,
the theme's own parts (header, version selector, search, footer) included: real Chromium, axe-core's default rules
and label-content-name-mismatch (tests/axe.py), on a desktop and a phone screen, in each colour scheme the site
offers. One build, one browser page for the module (about two minutes on two cores)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import axe
from browser import serve
from shared_data import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VERSIONS = tuple(entry["version"] for entry in yaml.safe_load((ROOT / "versions.yml").read_text("utf-8"))["versions"])
DEFAULT_VERSION = VERSIONS[0]
LOCALES = ("en", "sv", "nl", "fr", "zh")
ARTICLE = "billing/billing-azure-subscription-past-due-balance/"
PAGES = {"home": "", "article": ARTICLE, "status": "translation-status/", "404": "404.html"}
SEARCH_WORD = "Azure"
"""A word of the article in every locale (it names the product), so every locale's search has results."""
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
"""Each state is checked at both sizes (the page resized, not reloaded): the theme draws other parts on a phone
(the drawer, a full-screen search), and wide tables scroll there."""
MT_ARTICLE = ("2017-03", "nl")
"""A machine-translated page with the "Show the English original" control (the real 2017 Dutch handoff)."""


def _path(version: str, locale: str, path: str = "") -> str:
    return f"{version}/" + ("" if locale == "en" else f"{locale}/") + path


@pytest.fixture(scope="module")
def axe_source() -> str:
    return axe.source()


def _site_path(site: Path) -> str:
    """The path of the site's site_url ("/" or, say, "/docs/"), read from the default version's sitemap."""
    sitemap = site / DEFAULT_VERSION / "sitemap.xml"
    found = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text("utf-8")) if sitemap.is_file() else None
    path = urlsplit(found.group(1)).path if found else ""
    return path[:path.index(f"/{DEFAULT_VERSION}/") + 1] if f"/{DEFAULT_VERSION}/" in path else "/"


@pytest.fixture(scope="module")
def served_site(versioned_repo, tmp_path_factory):
    """The versioned site served at its site_url's path, as it is deployed: error pages link to their assets by
    absolute paths (MkDocs renders them with site_url's path as their base), which elsewhere would be missing."""
    site = versioned_repo / "site"
    path = _site_path(site)
    root = site
    if path != "/":
        root = tmp_path_factory.mktemp("served")
        link = root.joinpath(*path.strip("/").split("/"))
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(site, target_is_directory=True)
    with serve(root) as url:
        yield url.rstrip("/") + path


@pytest.fixture(scope="module")
def tab(browser):
    """One page for the whole module (one context, reused: opening the pages is most of the time)."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    yield context.new_page()
    context.close()


def _open(tab, url: str, version: str) -> None:
    tab.set_viewport_size(VIEWPORTS["desktop"])
    response = tab.goto(url)
    assert response is not None and response.ok, f"{url}: {response.status if response else 'no response'}"
    # The theme's version selector (and, on older versions, the outdated banner) come once versions.json is read.
    expected = [".md-version__current"]
    if version != DEFAULT_VERSION:
        expected.append("[data-md-component=outdated]:not([hidden])")
    for selector in expected:
        try:
            tab.wait_for_selector(selector, state="attached", timeout=10_000)
        except PlaywrightTimeout:
            pytest.fail(f"{url}: no {selector} after 10 s, so the theme's versioned parts cannot be checked")


def _schemes(tab) -> list[dict[str, str]]:
    """The colour schemes the page offers (Material's palette options), or [{}]: the page as it is."""
    options = tab.locator("form[data-md-component=palette] input.md-option").evaluate_all(
        "inputs => inputs.map(input => ({scheme: input.dataset.mdColorScheme, primary: input.dataset.mdColorPrimary,"
        " accent: input.dataset.mdColorAccent}))")
    unique = [dict(option) for option in {tuple(sorted(option.items())) for option in options}]
    return sorted(unique, key=lambda option: option.get("scheme", "")) or [{}]


def _violations(tab, axe_source: str, state: str) -> list[str]:
    """Serious and critical violations of the page as it is now, at each window size, in each colour scheme,
    described."""
    found = []
    schemes = _schemes(tab)
    for name, size in VIEWPORTS.items():
        tab.set_viewport_size(size)
        for scheme in schemes:
            tab.evaluate("palette => Object.entries(palette).forEach(([key, value]) => "
                         "document.body.setAttribute('data-md-color-' + key, value))", scheme)
            severe = axe.severe(axe.run(tab, axe_source))
            if severe:
                where = f"{tab.url} ({state}, {name}" + (f", {scheme['scheme']} scheme" if scheme else "") + ")"
                found.append(axe.describe(severe, where))
    return found


def _search(tab, word: str) -> None:
    field = tab.locator("input.md-search__input")
    field.click()
    for _ in range(10):  # the index loads in a worker: a query typed before it is ready gets no answer, so retype
        field.fill(word)
        field.press("End")
        try:
            tab.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)",
                                  timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    else:
        pytest.fail(f"no search results for {word!r} on {tab.url}")
    tab.wait_for_selector(".md-search-result mark")


def _press_original_control(tab) -> None:
    button = tab.locator("button.locdocs-toggle")
    button.focus()
    tab.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert tab.locator(".locdocs-original").first.is_visible()


CASES = [pytest.param((version, locale, kind), id=f"{version}-{locale}-{kind}")
         for version in VERSIONS for locale in LOCALES for kind in (*PAGES, "search")]


@pytest.mark.parametrize("case", CASES)
def test_no_serious_violations(tab, versioned_repo, served_site, axe_source, case) -> None:
    version, locale, kind = case
    path = _path(version, locale, PAGES.get(kind, ""))
    if kind == "404" and not (versioned_repo / "site" / path).is_file():
        pytest.skip(f"the build has no {path} (no 404 page for this version and locale)")
    _open(tab, served_site + path, version)
    if kind == "search":
        _search(tab, SEARCH_WORD)
    found = _violations(tab, axe_source, kind if kind != "search" else f"results for {SEARCH_WORD!r}")
    if kind == "article" and tab.locator("button.locdocs-toggle").count():
        _press_original_control(tab)
        found += _violations(tab, axe_source, "English originals shown, the control focused")
    assert not found, "\n".join(found)


def test_english_original_control_in_every_state(tab, served_site, axe_source) -> None:
    """The control focused, pressed under the pointer, and pressed at rest (Material fills a focused or hovered
    button with its accent colour, too light for white text)."""
    version, locale = MT_ARTICLE
    _open(tab, served_site + _path(version, locale, ARTICLE), version)
    button = tab.locator("button.locdocs-toggle")
    assert button.count() == 1, "the 2017-03 Dutch page is machine translated, with segments"
    button.focus()
    found = _violations(tab, axe_source, "control focused")
    tab.set_viewport_size(VIEWPORTS["desktop"])  # the desktop check comes first: the pointer stays on the button
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    found += _violations(tab, axe_source, "pressed, pointer on it")
    tab.mouse.move(0, 0)
    tab.evaluate("document.activeElement.blur()")
    found += _violations(tab, axe_source, "pressed, at rest")
    assert not found, "\n".join(found)


def test_root_404_page(tab, versioned_repo, served_site, axe_source) -> None:
    """The site's own 404.html (the one a static host serves for any missing address), if the build has one."""
    if not (versioned_repo / "site" / "404.html").is_file():
        pytest.skip("the build has no 404.html at the site's root")
    tab.set_viewport_size(VIEWPORTS["desktop"])
    response = tab.goto(served_site + "404.html")
    assert response is not None and response.ok
    found = _violations(tab, axe_source, "the site's 404 page")
    assert not found, "\n".join(found)
