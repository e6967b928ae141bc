"""The versioned site in Chromium: the version selector and the language switcher keep each other."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = "billing/billing-azure-subscription-past-due-balance/"


def _choose_version(page, version: str) -> None:
    page.locator(".md-version").hover()
    page.locator(f'a.md-version__link[href$="/{version}/"]').click()


def test_root_url_lands_on_latest(page, versioned_url) -> None:
    page.goto(versioned_url)
    page.wait_for_url(f"{versioned_url}2018-05/**")
    assert page.locator(".md-version__current").inner_text().strip() == "May 2018"
    assert page.problems == []


def test_switching_version_keeps_the_swedish_article(page, versioned_url) -> None:
    page.goto(f"{versioned_url}2018-05/sv/{ARTICLE}")
    page.wait_for_selector(".md-version__link", state="attached")
    _choose_version(page, "2017-08")
    page.wait_for_url(f"{versioned_url}2017-08/sv/{ARTICLE}")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("[data-md-component=outdated]").is_visible(), "an older version says so"
    assert "äldre version" in page.locator("[data-md-component=outdated]").inner_text()
    assert page.problems == []


def test_switching_version_falls_back_to_that_versions_home_in_the_same_language(page, versioned_url) -> None:
    page.goto(f"{versioned_url}2018-05/zh/translation-status/")
    page.wait_for_selector(".md-version__link", state="attached")
    page.route("**/2017-03/zh/translation-status/", lambda route: route.fulfill(status=404, body="gone"))
    _choose_version(page, "2017-03")
    page.wait_for_url(f"{versioned_url}2017-03/zh/")
    assert page.locator("html").get_attribute("lang") == "zh"


def test_switching_language_keeps_the_2017_03_version(page, versioned_url) -> None:
    page.goto(f"{versioned_url}2017-03/nl/{ARTICLE}")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="fr"]').click()
    page.wait_for_url(f"{versioned_url}2017-03/fr/{ARTICLE}")
    assert "Résoudre" in page.locator("article h1").inner_text()
    assert page.locator("[data-md-component=outdated]").is_visible()
    assert page.problems == []


def test_latest_has_no_outdated_banner_and_2017_dutch_shows_originals(page, versioned_url) -> None:
    page.goto(f"{versioned_url}2018-05/sv/{ARTICLE}")
    page.wait_for_selector(".md-version__link", state="attached")
    assert not page.locator("[data-md-component=outdated]").is_visible()
    page.goto(f"{versioned_url}2017-03/nl/{ARTICLE}")
    page.locator("button.locdocs-toggle").focus()
    page.keyboard.press("Enter")
    original = page.locator(".locdocs-original").first
    assert original.is_visible() and original.inner_text() != page.locator(".locdocs-segment").first.inner_text()
    assert page.problems == []


def test_links_keep_the_readers_language_and_version(page, versioned_url) -> None:
    """The logo goes to the locale's home page of the same version; the older version's banner goes to the same
    page of the newest version, in the same language."""
    page.goto(f"{versioned_url}2017-08/sv/{ARTICLE}")
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_url(f"{versioned_url}2017-08/sv/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.goto(f"{versioned_url}2017-08/sv/{ARTICLE}")
    page.locator("[data-md-component=outdated] a").click()
    # latest/ is mike's alias: its page redirects to 2018-05/, sometimes before the wait begins
    page.wait_for_url(re.compile(rf"{re.escape(versioned_url)}(latest|2018-05)/sv/{re.escape(ARTICLE)}$"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert not page.locator("[data-md-component=outdated]").is_visible()
    assert page.problems == []


@pytest.mark.parametrize(("locale", "current", "older"), [
    ("sv", "maj 2018", "augusti 2017"), ("zh", "2018年5月", "2017年8月"), ("fr", "mai 2018", "août 2017"),
    ("en", "May 2018", "August 2017")])
def test_version_names_in_the_readers_language(page, versioned_url, locale, current, older) -> None:
    """Editions named by their month (versions.yml) are called by it in each language (Babel's month names, written
    out here by hand as a reader of each language writes them)."""
    prefix = "" if locale == "en" else f"{locale}/"
    page.goto(f"{versioned_url}2018-05/{prefix}{ARTICLE}")
    page.wait_for_selector(".md-version__link", state="attached")
    assert page.locator(".md-version__current").inner_text().strip() == current
    assert older in [link.text_content().strip() for link in page.locator(".md-version__link").all()]
