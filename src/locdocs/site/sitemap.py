"""The site's one sitemap: every page that is really in its language, with hreflang alternates and x-default.

Both build paths write it with ``write_sitemap``: ``mkdocs build`` (static-i18n) from the pages the plugin saw
built, ``locdocs build`` from the sitemaps of a version's units. A page whose text is the English under another
locale's URL (a fallback page, or a translation still in English: ``head.english_text_urls``) is left out, and so
are alternates to it: it is not a translation. x-default is the default locale's page. Every URL is absolute,
under the build's ``site_url`` (a version's URL for ``locdocs build``).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from ..fileio import atomic_write
from ..layout import locale_prefix
from .language import language_tag

_SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_pages(path: Path, site_url: str) -> list[str]:
    """The pages a sitemap lists, as paths from ``site_url`` (``sv/billing/a/``); none if there is no sitemap."""
    if not path.is_file():
        return []
    base = site_url.rstrip("/") + "/"
    locations = (entry.findtext(f"{{{_SITEMAP}}}loc", "")
                 for entry in etree.parse(str(path)).getroot().iter(f"{{{_SITEMAP}}}url"))
    return [location[len(base):] if location.startswith(base) else location for location in locations]


def split_locale(url: str, default_locale: str, locales: Iterable[str]) -> tuple[str, str]:
    """A site-relative page URL as (locale, URL inside the locale): ``sv/a/`` -> (``sv``, ``a/``)."""
    first, _, rest = url.partition("/")
    if first != default_locale and first in locales and url.startswith(first + "/"):
        return first, rest
    return default_locale, url


def write_sitemap(target: Path, site_url: str, pages: Iterable[str], *, default_locale: str,
                  locales: Iterable[str], fallback_urls: set[str]) -> None:
    """Write ``target``/sitemap.xml (and .gz): ``pages`` (paths from the site root, in order) but the English-text
    pages (``fallback_urls``), each with an alternate for every locale that has the same page and x-default."""
    locales = tuple(locales)
    base = site_url.rstrip("/") + "/"
    kept = list(dict.fromkeys(url for url in pages if url not in fallback_urls))
    translations: dict[str, set[str]] = {}
    for url in kept:
        locale, rel = split_locale(url, default_locale, locales)
        translations.setdefault(rel, set()).add(locale)
    # lxml-stubs types nsmap without the None key, lxml's (and XML's) name for the default namespace.
    urlset = etree.Element(f"{{{_SITEMAP}}}urlset", nsmap={None: _SITEMAP, "xhtml": _XHTML})  # type: ignore[dict-item]
    for url in kept:
        _, rel = split_locale(url, default_locale, locales)
        entry = etree.SubElement(urlset, f"{{{_SITEMAP}}}url")
        etree.SubElement(entry, f"{{{_SITEMAP}}}loc").text = base + url
        for locale in sorted(translations[rel]):
            href = base + locale_prefix(locale, default_locale) + rel
            etree.SubElement(entry, f"{{{_XHTML}}}link", rel="alternate", hreflang=language_tag(locale), href=href)
        if default_locale in translations[rel]:
            etree.SubElement(entry, f"{{{_XHTML}}}link", rel="alternate", hreflang="x-default", href=base + rel)
    data = etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    atomic_write(target / "sitemap.xml", data)
    atomic_write(target / "sitemap.xml.gz", gzip.compress(data, mtime=0))
