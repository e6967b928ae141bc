"""Absolute canonical, hreflang and sitemap URLs under the deployment's site_url, announcing only pages in their
language; a 404 page per version × locale in that language; the root 404.html and `locdocs serve`, which answers
a missing address as GitHub Pages does."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from locdocs.layout import Language
from locdocs.publish.serve import make_server, site_path
from locdocs.site.head import english_text_urls, fix_page_head
from locdocs.site.messages import message
from locdocs.site.not_found import root_not_found, version_names
from versioned_site import SITE_URL

VERSIONS = ("2018-05", "2017-08", "2017-03")
LOCALES = ("en", "sv", "nl", "fr", "zh")
ARTICLE = "billing/billing-azure-subscription-past-due-balance/"
BASE = site_path(SITE_URL)  # /troubleshooting/
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LANGUAGES = tuple(Language(locale, locale, locale == "en") for locale in LOCALES)


def _prefix(locale: str) -> str:
    return "" if locale == "en" else f"{locale}/"


@contextmanager
def _served(directory: Path, base: str = "/") -> Iterator[str]:
    """``directory`` served by ``locdocs serve``'s server under ``base``, on a free port: the base URL."""
    server = make_server(directory, "127.0.0.1", 0, base_path=base, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()


# Without a build: the head, the root 404 page, the server.

def test_alternates_are_absolute_under_site_url_and_leave_out_english_text() -> None:
    head = ('<head>\n<link rel="canonical" href="https://x.org/d/1/nl/a/">\n'
            '<link rel="alternate" href="../../a/" hreflang="en">\n<link rel="alternate" href="./" hreflang="nl">\n'
            '<link rel="alternate" href="../../sv/a/" hreflang="sv">\n</head>')
    english = english_text_urls({"fr/a/"}, [("nl", "a.md")], lambda locale, rel: f"{locale}/{rel.stem}/")
    assert english == {"fr/a/", "nl/a/"}
    fixed = fix_page_head(head, page_url="nl/a/", default_locale="en", fallback_urls=english,
                          english_canonical="https://x.org/d/1/a/", site_url="https://x.org/d/1/")
    assert fixed == ('<head>\n<link rel="canonical" href="https://x.org/d/1/a/">\n'
                     '<link rel="alternate" href="https://x.org/d/1/a/" hreflang="en">\n'
                     '<link rel="alternate" href="https://x.org/d/1/sv/a/" hreflang="sv">\n'
                     '<link rel="alternate" href="https://x.org/d/1/a/" hreflang="x-default">\n</head>')
    home = fix_page_head('<head>\n<link rel="alternate" href="." hreflang="en">\n'
                         '<link rel="alternate" href="sv/" hreflang="sv">\n</head>', page_url="", default_locale="en",
                         fallback_urls=set(), english_canonical=None, site_url="https://x.org/d/1/")
    assert re.findall(r'href="([^"]*)"', home) == ["https://x.org/d/1/", "https://x.org/d/1/sv/",
                                                    "https://x.org/d/1/"]


def test_root_404_page_speaks_every_language_and_knows_the_versions() -> None:
    versions = [{"version": "2018-05", "aliases": ["latest"]}, {"version": "2017-08", "aliases": []}]
    assert version_names(versions) == {"2018-05": "2018-05", "latest": "2018-05", "2017-08": "2017-08"}
    page = root_not_found(site_url=SITE_URL, languages=LANGUAGES, versions=versions, default_version="latest")
    tree = lxml_html.fromstring(page)
    sections = tree.xpath("//main/section")
    assert [section.get("lang") for section in sections] == list(LOCALES)
    for section, locale in zip(sections, LOCALES, strict=True):
        assert section.xpath("string(h1)") == message("not_found_title", locale)
        assert message("not_found_site", locale) in section.text_content()
        assert section.xpath("p/a/@href") == [f"{BASE}2018-05/{_prefix(locale)}"]
    [script] = tree.xpath("//script/text()")
    site = json.loads(re.search(r"\}\)\((\{.*\})\);\s*$", script, re.DOTALL).group(1))
    assert site == {"base": BASE, "version": "2018-05", "locales": ["sv", "nl", "fr", "zh"],
                    "versions": {"2018-05": "2018-05", "latest": "2018-05", "2017-08": "2017-08"}}
    hostile = root_not_found(site_url=SITE_URL, languages=LANGUAGES, versions=[{"version": "</script><b>"}],
                             default_version="</script><b>")
    assert hostile.count("</script>") == 1 and "<b>" not in hostile.replace("&lt;b&gt;", "")


def _get(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    parts = url.split("/", 3)
    connection = http.client.HTTPConnection(parts[2], timeout=10)
    connection.request(method, "/" + parts[3])
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_server_answers_as_the_static_host(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path, text in {"index.html": "home", "404.html": "ROOT 404", "a/index.html": "a", "b.html": "b",
                       "c/data.json": "{}"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    with _served(site, "/docs/") as url:
        root = url.removesuffix("docs/")
        assert _get(url)[::2] == (200, b"home")
        assert _get(url + "a/")[::2] == (200, b"a")
        status, headers, _ = _get(url + "a")
        assert status == 301 and headers["Location"] == "/docs/a/"
        assert _get(url + "b")[::2] == (200, b"b"), "GitHub Pages serves /b from b.html"
        for missing in ("c/", "nothing", "2017-08/sv/no-such-page/", "a/b/c.html", "../secret.txt",
                        "%2e%2e/secret.txt"):
            status, headers, body = _get(url + missing)
            assert (status, body) == (404, b"ROOT 404"), missing
            assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert _get(url + "nothing", "HEAD")[::2] == (404, b"")
        assert _get(root + "elsewhere/")[0] == 404, "outside the site's path"
        status, headers, _ = _get(root)
        assert status == 302 and headers["Location"] == "/docs/"
    assert site_path("https://o.github.io/repo/") == "/repo/" and site_path("http://127.0.0.1:8000/") == "/"


# On the versioned site (the `versioned_repo` fixture, built with LOCDOCS_SITE_URL=SITE_URL).

def _pages(site: Path, version: str) -> dict[str, lxml_html.HtmlElement]:
    """Every page of a version, by its URL from the version's root."""
    root = site / version
    return {("" if path.parent == root else path.parent.relative_to(root).as_posix() + "/"):
            lxml_html.fromstring(path.read_bytes()) for path in sorted(root.rglob("index.html"))}


def _english_text(pages: dict[str, lxml_html.HtmlElement]) -> set[str]:
    """The pages that show the English text under another locale's URL, by what they tell the reader."""
    return {url for url, tree in pages.items()
            if set(tree.xpath("//@data-locdocs-notice")) & {"fallback", "untranslated"}}


@pytest.mark.slow
def test_canonical_hreflang_and_sitemap_urls_are_absolute_and_announce_only_real_translations(
        versioned_repo: Path) -> None:
    site = versioned_repo / "site"
    announced_dutch = set()
    for version in VERSIONS:
        base = f"{SITE_URL}{version}/"
        pages = _pages(site, version)
        english = _english_text(pages)
        assert {url for url in english if url.endswith(ARTICLE)} == {f"{locale}/{ARTICLE}" for locale in {
            "2018-05": ("nl",), "2017-08": ("zh",), "2017-03": ("sv", "zh")}[version]}, version
        alternates_of: dict[str, dict[str, str]] = {}
        for url, tree in pages.items():
            [canonical] = tree.xpath("//head/link[@rel='canonical']/@href")
            english_url = re.sub(r"^(sv|nl|fr|zh)/", "", url)
            assert canonical == base + (english_url if url in english else url), url
            alternates = {link.get("hreflang"): link.get("href")
                          for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}
            assert all(href.startswith(base) for href in alternates.values()), (url, alternates)
            assert not {href[len(base):] for href in alternates.values()} & english, (url, alternates)
            if alternates:
                assert alternates["x-default"] == alternates["en"] == base + english_url, url
                alternates_of[url] = alternates
            if url not in english and alternates:
                assert alternates[tree.get("lang")] == base + url, url
        # Every page a page announces announces the same alternates.
        for url, alternates in alternates_of.items():
            for href in alternates.values():
                assert alternates_of.get(href[len(base):]) == alternates, (url, href)
        sitemap = etree.parse(str(site / version / "sitemap.xml")).getroot()
        locations = sitemap.xpath("//s:loc/text()", namespaces=NS)
        links = sitemap.xpath("//x:link/@href", namespaces=NS)
        assert locations and all(loc.startswith(base) for loc in [*locations, *links])
        assert not {loc[len(base):] for loc in [*locations, *links]} & english
        assert {loc[len(base):] for loc in locations} == set(pages) - english
        for entry in sitemap.xpath("//s:url", namespaces=NS):
            [loc] = entry.xpath("s:loc/text()", namespaces=NS)
            listed = {link.get("hreflang"): link.get("href") for link in entry.xpath("x:link", namespaces=NS)}
            assert listed == alternates_of.get(loc[len(base):], listed), loc
        announced_dutch |= {version for tree in pages.values()
                            if tree.xpath(f"//head/link[@hreflang='nl'][contains(@href, '{ARTICLE}')]")}
    # The 2018-05 Dutch "translation" is the English text: announced only where it is Dutch (2017-08: stale Dutch).
    assert announced_dutch == {"2017-08", "2017-03"}


@pytest.mark.slow
def test_every_version_and_locale_has_a_404_page_in_its_language(versioned_repo: Path) -> None:
    site = versioned_repo / "site"
    for version in VERSIONS:
        for locale in LOCALES:
            path = site / version / _prefix(locale) / "404.html"
            tree = lxml_html.fromstring(path.read_bytes())
            where = (version, locale)
            assert tree.get("lang") == locale, where
            assert tree.xpath("string(//article//h1)") == message("not_found_title", locale), where
            assert message("not_found_text", locale) in tree.xpath("string(//article)"), where
            assert tree.xpath("string(//title)").startswith(message("not_found_title", locale)), where
            home = f"{BASE}{version}/{_prefix(locale)}"
            assert tree.xpath("//a[@data-locdocs-home]/@href") == [home], where
            assert tree.xpath("string(//a[@data-locdocs-home])") == message("not_found_home", locale)
            assert not tree.xpath("//@hreflang"), "a 404 page has no translations"
            # Every link stays in this version and locale; the older versions' banner goes to the newest version's
            # home page, in the same language.
            newest = f"{BASE}latest/{_prefix(locale)}"
            for attribute in ("href", "src", "data-sitemap"):
                for value in tree.xpath(f"//@{attribute}"):
                    if value.startswith(("https://squidfunk.github.io/", "#")) or value == newest:
                        continue
                    assert value.startswith(f"{BASE}{version}/"), (where, value)
                    if attribute == "href" and not value.startswith(f"{BASE}{version}/assets/"):
                        assert value.startswith(home), (where, value)
                    other = re.match(rf"{BASE}{version}/(sv|nl|fr|zh)/", value)
                    assert other is None or other.group(1) == locale, (where, value)
            assert tree.xpath("//*[@data-md-component='outdated']//a/@href") == [newest], where
        assert (site / "latest" / "sv" / "404.html").is_file(), "mike's alias redirects to it"


@pytest.mark.slow
def test_mkdocs_build_writes_a_404_page_per_locale_too(built_site: Path) -> None:
    """static-i18n builds the locales one after the other into one folder: each 404 page goes to its locale's."""
    for locale in LOCALES:
        tree = lxml_html.fromstring((built_site / _prefix(locale) / "404.html").read_bytes())
        assert tree.get("lang") == locale
        assert tree.xpath("string(//article//h1)") == message("not_found_title", locale)
        assert tree.xpath("//a[@data-locdocs-home]/@href") == [f"/{_prefix(locale)}"]
        assert not tree.xpath("//@hreflang"), "no alternates, no language switcher (not the last page's)"
        assert tree.xpath("//script[contains(@src, 'locdocs-head.js')]/@data-locale-folder") == (
            [] if locale == "en" else [locale])


@pytest.mark.slow
def test_the_root_404_page_is_published_beside_versions_json(versioned_repo: Path) -> None:
    page = (versioned_repo / "site" / "404.html").read_text("utf-8")
    branch = subprocess.run(["git", "show", "gh-pages:404.html"], cwd=versioned_repo, capture_output=True,
                            text=True, check=True).stdout
    assert page == branch, "site/ is the gh-pages branch"
    versions = json.loads((versioned_repo / "site" / "versions.json").read_text("utf-8"))
    assert page == root_not_found(site_url=SITE_URL, languages=LANGUAGES, versions=versions, default_version="latest")
    for locale in LOCALES:  # each language's link goes to a home page of the current version in that language
        assert f'href="{BASE}2018-05/{_prefix(locale)}"' in page and message("not_found_title", locale) in page
        assert (versioned_repo / "site" / "2018-05" / _prefix(locale) / "index.html").is_file()


@pytest.fixture(scope="module")
def deployed_url(versioned_repo: Path) -> Iterator[str]:
    """The versioned site served by `locdocs serve`'s server under its site_url's path, as GitHub Pages would."""
    with _served(versioned_repo / "site", BASE) as url:
        yield url


def _document_responses(page) -> list[tuple[str, int]]:
    responses: list[tuple[str, int]] = []
    page.on("response", lambda response: responses.append((response.url, response.status))
            if response.request.resource_type == "document" else None)
    return responses


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(("missing", "lands_on", "locale"), [
    ("2017-08/sv/no-such-page/", "2017-08/sv/404.html", "sv"),
    ("latest/zh/billing/gone/", "2018-05/zh/404.html", "zh"),
    ("fr/no-version-here", "2018-05/fr/404.html", "fr"),
    ("2017-03/nothing/", "2017-03/404.html", "en"),
], ids=["sv-2017-08", "zh-latest-alias", "fr-no-version", "en-2017-03"])
def test_a_missing_page_lands_on_its_versions_404_page_in_the_readers_language(
        page, deployed_url, missing, lands_on, locale) -> None:
    responses = _document_responses(page)
    page.goto(deployed_url + missing, wait_until="commit")
    page.wait_for_url(deployed_url + lands_on)
    page.wait_for_load_state()
    assert responses[0] == (deployed_url + missing, 404), "the static host's answer to a missing page"
    assert responses[-1] == (deployed_url + lands_on, 200)
    assert page.locator("html").get_attribute("lang") == locale
    assert page.locator("article h1").inner_text() == message("not_found_title", locale)
    page.locator("a[data-locdocs-home]").click()
    version = lands_on.split("/")[0]
    page.wait_for_url(f"{deployed_url}{version}/{_prefix(locale)}")
    assert page.locator("html").get_attribute("lang") == locale
    unexpected = [problem for problem in page.problems if "404" not in problem]
    assert unexpected == [], "only the missing page's own 404"


@pytest.mark.slow
@pytest.mark.browser
def test_without_javascript_the_root_404_page_says_so_in_every_language(browser, deployed_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        response = tab.goto(deployed_url + "2017-08/sv/no-such-page/")
        assert response is not None and response.status == 404
        assert tab.url == deployed_url + "2017-08/sv/no-such-page/"
        for locale in LOCALES:
            section = tab.locator(f"section[lang={locale}]")
            assert section.locator("h1").inner_text() == message("not_found_title", locale)
            assert section.locator("a").get_attribute("href") == f"{BASE}2018-05/{_prefix(locale)}"
        tab.locator("section[lang=sv] a").click()
        tab.wait_for_url(f"{deployed_url}2018-05/sv/")
        assert tab.locator("html").get_attribute("lang") == "sv"
    finally:
        context.close()
