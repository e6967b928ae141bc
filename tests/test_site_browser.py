"""What a reader sees, in real headless Chromium against the built site on localhost."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from locdocs.site.messages import message

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = "billing/billing-azure-subscription-past-due-balance/"
LOCALES = ("en", "sv", "nl", "fr", "zh")


def url(site_url: str, locale: str, path: str = ARTICLE) -> str:
    return site_url + ("" if locale == "en" else f"{locale}/") + path


def notices(page) -> dict[str, str]:
    return {element.get_attribute("data-locdocs-notice"): element.inner_text()
            for element in page.locator(".locdocs-notice").all()}


@pytest.mark.parametrize("locale", LOCALES)
def test_article_renders_without_markup_or_console_errors(page, site_url, locale) -> None:
    page.goto(url(site_url, locale))
    html = page.content()
    assert not re.search(r"data-ttu-id|data-stu-id|sxs-lookup", html)
    assert page.locator("html").get_attribute("lang") == locale
    assert page.locator("article h1").count() == 1 and page.locator("article h1").is_visible()
    assert page.problems == []


def test_language_switcher_keeps_the_article(page, site_url) -> None:
    page.goto(url(site_url, "sv"))
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="zh"]').click()
    page.wait_for_url(url(site_url, "zh"))
    assert page.locator("html").get_attribute("lang") == "zh"
    assert "处理" in page.locator("article h1").inner_text()
    assert page.problems == []


@pytest.mark.parametrize("locale", ["en", "sv", "nl", "zh"])
def test_english_anchor_opens_the_same_section(page, site_url, locale) -> None:
    page.goto(url(site_url, locale) + "#resolve-the-past-due-balance")
    heading = page.locator("h2#resolve-the-past-due-balance")
    assert heading.count() == 1
    page.wait_for_function("() => document.getElementById('resolve-the-past-due-balance')"
                           ".getBoundingClientRect().top < 200")
    top = heading.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 200, "the heading is scrolled to the top of the window"
    toc = page.locator('.md-nav--secondary a[href="#resolve-the-past-due-balance"]')
    assert toc.count() >= 1, "the table of contents links to the English anchor"


def test_french_2017_translation_has_no_such_section(page, site_url) -> None:
    page.goto(url(site_url, "fr") + "#resolve-the-past-due-balance")
    assert page.locator("#resolve-the-past-due-balance").count() == 0
    assert page.locator("h2#how-to-resolve-the-issue").count() == 1


def test_notices_appear_where_they_should_and_nowhere_else(page, site_url) -> None:
    expected = {
        "en": {},
        "sv": {"machine-translated": message("machine_translated", "sv"), "stale": message("stale", "sv")},
        "fr": {"machine-translated": message("machine_translated", "fr"), "stale": message("stale", "fr")},
        "nl": {"untranslated": message("untranslated", "nl")},
        "zh": {},
    }
    for locale, kinds in expected.items():
        page.goto(url(site_url, locale))
        found = notices(page)
        assert set(found) == set(kinds), locale
        for kind, title in kinds.items():
            assert found[kind].startswith(title), (locale, kind)
    page.goto(url(site_url, "sv"))
    stale = notices(page)["stale"]
    assert message("stale_front_matter_only", "sv") in stale, "sv: only metadata changed, the text is the same"
    link = page.locator('.locdocs-notice[data-locdocs-notice="stale"] a')
    assert link.get_attribute("hreflang") == "en"
    link.click()
    page.wait_for_url(url(site_url, "en"))
    page.goto(url(site_url, "fr"))
    assert "“Resolve the past due balance”" in notices(page)["stale"], "fr: the sections that changed"
    for locale in ("sv", "nl", "fr", "zh"):
        page.goto(url(site_url, locale, "about/"))
        assert notices(page) == {"fallback": message("fallback", locale)}
        page.goto(url(site_url, locale, ""))
        assert notices(page) == {}, "home pages are not translations"
    page.goto(url(site_url, "en", "about/"))
    assert notices(page) == {}


def test_english_original_control_works_from_the_keyboard(page, site_url) -> None:
    page.goto(url(site_url, "sv"))  # machine translated; its handoff had no segments: originals by structure
    button = page.locator("button.locdocs-toggle")
    assert button.count() == 1 and button.inner_text() == message("show_original", "sv")
    assert page.locator(".locdocs-originals-note").inner_text() == message("originals_by_structure", "sv")
    originals = page.locator(".locdocs-original")
    assert originals.count() > 5
    assert page.locator("h1 .locdocs-original, h2 .locdocs-original").count() == 0, "headings stay as they are"
    assert not originals.first.is_visible(), "off by default"
    for _ in range(80):  # Tab through the page until the control has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('locdocs-toggle')"):
            break
    else:
        pytest.fail("the control cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert originals.first.is_visible() and originals.first.get_attribute("lang") == "en"
    screenshot_state = page.locator("article").inner_text()
    assert "If your payment isn't received" in screenshot_state
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false" and not originals.first.is_visible()
    assert page.problems == []


def test_english_original_only_where_it_differs_from_the_translation(page, site_url) -> None:
    """sv and fr are machine translated from a known English revision (paragraphs matched by structure); zh is a
    human translation; the Dutch "translation" is the English text itself: nothing to show under it."""
    expected = {"en": 0, "zh": 0, "nl": 0, "sv": 1, "fr": 1}
    for locale, controls in expected.items():
        page.goto(url(site_url, locale))
        assert page.locator("button.locdocs-toggle").count() == controls, locale
        for original in page.locator(".locdocs-original").all():
            segment = original.evaluate("span => span.previousSibling ? span.previousSibling.textContent : ''")
            assert " ".join(original.text_content().split()) not in " ".join(segment.split()), (locale, segment)


def test_english_text_on_a_localized_page_is_marked_as_english(page, site_url) -> None:
    """Screen readers pick the voice from lang: the English a localized page shows is lang="en", the notices about
    it stay in the reader's language."""
    page.goto(url(site_url, "nl"))  # the 2018-05 Dutch handoff is the English text
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#locdocs-article > div[lang=en] h1").count() == 1
    assert page.locator(".locdocs-notice").first.evaluate("n => n.closest('[lang]').lang") == "nl"
    for locale in ("sv", "zh"):
        page.goto(url(site_url, locale, "about/"))  # no translation: the English page
        assert page.locator("#locdocs-article > div[lang=en] h1").count() == 1, locale
    page.goto(url(site_url, "sv"))
    assert page.locator(".locdocs-original:not([lang=en])").count() == 0
    assert page.locator("#locdocs-article [lang=en] h1").count() == 0, "a translation is not marked English"


def _search(page, query: str) -> list[str]:
    field = page.locator("input.md-search__input")
    field.click()
    for _ in range(10):  # the index loads in a worker: a query typed before it is ready gets no answer, so retype
        field.fill(query)
        field.press("End")  # a key event as well: Material reads the query on keyboard events too
        try:
            page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)",
                                   timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    return page.locator(".md-search-result__item > a, .md-search-result__item > article > a, "
                        ".md-search-result__link").evaluate_all("links => links.map(link => link.href)")


def test_zh_search_finds_the_zh_article_and_only_zh_pages(page, site_url) -> None:
    page.goto(url(site_url, "zh", ""))
    results = _search(page, "信用卡")
    assert results and all(link.startswith(site_url + "zh/") for link in results)
    assert any(link.startswith(url(site_url, "zh")) for link in results)
    assert page.problems == []


def test_sv_search_returns_no_other_language(page, site_url) -> None:
    page.goto(url(site_url, "sv", ""))
    results = _search(page, "Azure")
    assert results and all(link.startswith(site_url + "sv/") for link in results)
    assert not any("/fr/" in link for link in results)
