"""What locdocs puts in a page's ``<head>``: honest hreflang and canonical links, and the locale's head script.

static-i18n lists a fallback page (the English text under /sv/…) as the Swedish alternate of an article, which
tells search engines there is a Swedish translation when there is none. Here a fallback page is left out of the
alternates, x-default is added, and a fallback page's canonical URL is the English page. ``head_script`` loads
``assets/locdocs/locdocs-head.js``, which makes Material's search read the page's own locale index.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

HEAD_SCRIPT = "assets/locdocs/locdocs-head.js"
"""The script every page loads in its <head> (site/assets/locdocs-head.js)."""

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">\n?')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')


def head_script(script_url: str, locale_folder: str | None, sitemap_url: str) -> str:
    """The <script> for a page's <head>: ``script_url`` and ``sitemap_url`` relative to the page, ``locale_folder``
    None for the default locale."""
    folder = f' data-locale-folder="{escape(locale_folder)}"' if locale_folder else ""
    return f'<script src="{escape(script_url)}"{folder} data-sitemap="{escape(sitemap_url)}"></script>'


def _site_relative(page_url: str, href: str) -> str:
    """A link on page ``page_url`` as a path from the site root (directory URLs keep their slash)."""
    if href.startswith(("http://", "https://", "/")):
        return href
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), href))
    joined = "" if joined == "." else joined
    return joined + "/" if href.endswith("/") and joined else joined


def fix_page_head(html: str, *, page_url: str, default_locale: str, fallback_urls: set[str],
                  english_canonical: str | None) -> str:
    """Drop alternates that are fallback pages, add x-default, and point a fallback page's canonical at English."""
    end = html.find("</head>")
    if end < 0:
        return html
    return _fix_head(html[:end], page_url, default_locale, fallback_urls, english_canonical) + html[end:]


def _fix_head(html: str, page_url: str, default_locale: str, fallback_urls: set[str],
              english_canonical: str | None) -> str:
    """The same on the page's <head> only: the body of a large site's page is mostly navigation."""
    english_href = None
    kept = []
    for match in _ALTERNATE.finditer(html):
        target = _site_relative(page_url, match["href"])
        if match["lang"] == default_locale:
            english_href = match["href"]
        if target not in fallback_urls:
            kept.append(match.group().rstrip("\n"))
    if english_href is not None and kept:
        kept.append(f'<link rel="alternate" href="{english_href}" hreflang="x-default">')
    first = _ALTERNATE.search(html)
    if first is not None:
        html = _ALTERNATE.sub("", html)
        html = html[:first.start()] + "\n".join(kept) + "\n" + html[first.start():]
    if english_canonical is not None:
        html = _CANONICAL.sub(f'<link rel="canonical" href="{english_canonical}">', html, count=1)
    return html
