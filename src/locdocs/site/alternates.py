"""hreflang alternates, canonical links and the sitemap list only real translations, plus x-default.

static-i18n lists a fallback page (the English text under /sv/…) as the Swedish alternate of an article, which
tells search engines there is a Swedish translation when there is none. Here a fallback page is left out of the
alternates and the sitemap, and its canonical URL is the English page.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

from lxml import etree

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">\n?')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
_SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


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


def fix_sitemap(site_dir: Path, site_url: str, default_locale: str, fallback_urls: set[str]) -> None:
    """Remove fallback pages and their alternates from sitemap.xml (and .gz); add x-default alternates."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    tree = etree.parse(str(path))
    base = site_url.rstrip("/") + "/"

    def relative(url: str) -> str:
        return url[len(base):] if url.startswith(base) else url

    for entry in tree.getroot().findall(f"{{{_SITEMAP}}}url"):
        if relative(entry.findtext(f"{{{_SITEMAP}}}loc", "")) in fallback_urls:
            entry.getparent().remove(entry)
            continue
        english = None
        links = entry.findall(f"{{{_XHTML}}}link")
        for link in links:
            if relative(link.get("href", "")) in fallback_urls:
                entry.remove(link)
            elif link.get("hreflang") == default_locale:
                english = link.get("href")
        if english and links:
            etree.SubElement(entry, f"{{{_XHTML}}}link", rel="alternate", hreflang="x-default", href=english)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    path.write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
