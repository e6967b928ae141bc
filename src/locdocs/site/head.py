"""What locdocs puts in a page's ``<head>``: honest hreflang and canonical links, and the locale's head script.

static-i18n lists a fallback page (the English text under /sv/…) as the Swedish alternate of an article, which
tells search engines there is a Swedish translation when there is none. The same goes for a translation whose text
is still the English (state "untranslated"). Here such English-text pages are left out of the alternates, x-default
is added, and an English-text page's canonical URL is the English page. Every alternate is absolute, under the
build's ``site_url`` (a version's URL in a unit of ``locdocs build``): search engines ignore relative ones.
``head_script`` loads ``assets/locdocs/locdocs-head.js``, which makes Material's search read the page's own locale
index, and Material's language links read the site's one sitemap wherever the site is served.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import urljoin

from ..locales import language_tag

HEAD_SCRIPT = "assets/locdocs/locdocs-head.js"
"""The script every page loads in its <head> (site/assets/locdocs-head.js)."""

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">\n?')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')


def head_script(script_url: str, locale_folder: str | None, sitemap_url: str, site_url: str | None = None) -> str:
    """The <script> for a page's <head>: ``script_url`` and ``sitemap_url`` relative to the page (or absolute),
    ``locale_folder`` None for the default locale, ``site_url`` the build's (the base of the page's absolute
    alternates, whose sitemap requests the script sends to ``sitemap_url``)."""
    folder = f' data-locale-folder="{escape(locale_folder)}"' if locale_folder else ""
    site = f' data-site-url="{escape(site_url)}"' if site_url else ""
    return f'<script src="{escape(script_url)}"{folder} data-sitemap="{escape(sitemap_url)}"{site}></script>'


def english_text_urls(fallback_urls: Iterable[str], untranslated: Iterable[tuple[str, str]],
                      url: Callable[[str, PurePosixPath], str]) -> set[str]:
    """The pages whose text is the English under another locale's URL: the fallback pages, and the translations
    whose state is untranslated (``untranslated``: (locale, article path) pairs, ``url`` the layout's page URL)."""
    return set(fallback_urls) | {url(locale, PurePosixPath(article)) for locale, article in untranslated}


def _site_relative(page_url: str, href: str) -> str:
    """A link on page ``page_url`` as a path from the site root (directory URLs keep their slash)."""
    if href.startswith(("http://", "https://", "/")):
        return href
    joined = posixpath.normpath(posixpath.join(page_url.rstrip("/"), href))  # directory URLs: the page's folder
    joined = "" if joined == "." else joined
    return joined + "/" if href.endswith("/") and joined else joined


def fix_page_head(html: str, *, page_url: str, default_locale: str, fallback_urls: set[str],
                  english_canonical: str | None, site_url: str | None = None) -> str:
    """Drop alternates whose text is the English (``fallback_urls``: fallback pages and untranslated
    translations, paths from the site root), add x-default, point an English-text page's canonical at the English
    page, and with ``site_url`` make every alternate absolute."""
    end = html.find("</head>")
    if end < 0:
        return html
    return _fix_head(html[:end], page_url, default_locale, fallback_urls=fallback_urls,
                     english_canonical=english_canonical, site_url=site_url) + html[end:]


def _fix_head(html: str, page_url: str, default_locale: str, *, fallback_urls: set[str],
              english_canonical: str | None, site_url: str | None) -> str:
    """The same on the page's <head> only: the body of a large site's page is mostly navigation."""
    base = site_url.rstrip("/") + "/" if site_url else None
    english_href = None
    kept = []
    for match in _ALTERNATE.finditer(html):
        target = _site_relative(page_url, unescape(match["href"]))
        href = unescape(match["href"]) if base is None else urljoin(base, target)
        if match["lang"] == default_locale:
            english_href = href
        if target not in fallback_urls:
            kept.append(f'<link rel="alternate" href="{escape(href)}" hreflang="{language_tag(match["lang"])}">')
    if english_href is not None and kept:
        kept.append(f'<link rel="alternate" href="{escape(english_href)}" hreflang="x-default">')
    first = _ALTERNATE.search(html)
    if first is not None:
        html = _ALTERNATE.sub("", html)
        html = html[:first.start()] + "\n".join(kept) + "\n" + html[first.start():]
    if english_canonical is not None:
        html = _CANONICAL.sub(f'<link rel="canonical" href="{english_canonical}">', html, count=1)
    return html
