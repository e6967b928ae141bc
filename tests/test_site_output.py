"""The built site's files: hreflang, canonical, sitemap, per-locale search indexes, status pages, links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

pytestmark = pytest.mark.slow

ARTICLE = "billing/billing-azure-subscription-past-due-balance/index.html"
LOCALES = ("en", "sv", "nl", "fr", "zh")


def _page(site: Path, locale: str, path: str) -> str:
    return (site / ("" if locale == "en" else locale) / path).read_text("utf-8")


def _links(html: str, rel: str) -> dict[str, str]:
    return {m.group(2): m.group(1) for m in re.finditer(rf'<link rel="{rel}" href="([^"]*)" hreflang="([^"]*)">', html)}


def test_article_alternates_are_the_real_translations_and_x_default(built_site: Path) -> None:
    alternates = _links(_page(built_site, "sv", ARTICLE), "alternate")
    assert set(alternates) == {*LOCALES, "x-default"} - {"nl"}, "the Dutch page is the English text (untranslated)"
    english = "http://127.0.0.1:8000/billing/billing-azure-subscription-past-due-balance/"
    assert alternates["x-default"] == alternates["en"] == english


def test_fallback_page_points_at_the_english_page(built_site: Path) -> None:
    html = _page(built_site, "fr", "about/index.html")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/about/">' in html
    assert set(_links(html, "alternate")) == {"en", "x-default"}


def test_sitemap_lists_only_real_translations(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = etree.parse(str(built_site / "sitemap.xml")).getroot()
    locations = root.xpath("//s:loc/text()", namespaces=ns)
    assert "http://127.0.0.1:8000/about/" in locations
    assert not [loc for loc in locations if re.search(r"/(sv|nl|fr|zh)/about/", loc)]
    [article] = root.xpath("//s:url[s:loc='http://127.0.0.1:8000/billing/billing-azure-subscription-past-due-"
                           "balance/']", namespaces=ns)
    assert sorted(article.xpath("x:link/@hreflang", namespaces=ns)) == sorted({*LOCALES, "x-default"} - {"nl"})


def test_one_search_index_per_locale(built_site: Path) -> None:
    for locale in LOCALES:
        index = json.loads(((built_site / ("" if locale == "en" else locale)) / "search" / "search_index.json")
                           .read_text("utf-8"))
        assert index["config"]["lang"] == [locale]
        locations = [doc["location"] for doc in index["docs"]]
        assert locations and all(loc.startswith(f"{locale}/") == (locale != "en") for loc in locations)
        assert not any(loc.split("#")[0].endswith("about/") for loc in locations) or locale == "en"
    zh = json.loads((built_site / "zh" / "search" / "search_index.json").read_text("utf-8"))
    assert any("\u200b信用卡\u200b" in doc["text"] for doc in zh["docs"]), "jieba segmented the Chinese text"


def test_status_page_in_every_locale(built_site: Path) -> None:
    for locale in LOCALES:
        html = _page(built_site, locale, "translation-status/index.html")
        states = re.findall(r'data-state="(\w+)"', html)
        assert sorted(states) == sorted(["missing"] * 4 + ["stale", "untranslated", "stale", "current"]), locale
    assert "最新" in _page(built_site, "zh", "translation-status/index.html")


def test_links_outside_the_content_go_to_the_external_base(built_site: Path) -> None:
    html = _page(built_site, "fr", ARTICLE)
    assert 'href="https://learn.microsoft.com/fr/azure/billing/billing-how-to-change-credit-card"' in html
    assert "billing-how-to-change-credit-card.md" not in html
