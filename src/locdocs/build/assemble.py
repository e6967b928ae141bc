"""Put the units of one version side by side: the same tree static-i18n writes, with one sitemap."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

from lxml import etree

from ..site.page_reuse import MANIFEST

_SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


def assemble(units: dict[str, Path], default_locale: str, target: Path) -> None:
    """Copy the default locale's unit whole, and the ``LL/`` folder of every other unit, into ``target``."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(units[default_locale], target, ignore=shutil.ignore_patterns(".complete", MANIFEST),
                    copy_function=_link_or_copy)
    for locale, output in units.items():
        if locale != default_locale:
            shutil.copytree(output / locale, target / locale, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it: a unit's finished output is never changed, and thousands of
    pages are linked in a fraction of the time copying them takes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_sitemap(units: dict[str, Path], default_locale: str, target: Path, site_url: str,
                  real: dict[str, set[str]]) -> None:
    """One sitemap of every unit's pages, with hreflang alternates to the real translations of each and x-default.

    ``real`` maps a page's path inside its locale folder (``billing/a/``) to the locales that really translate it;
    pages of other locales are fallback pages and are left out.
    """
    base = site_url.rstrip("/") + "/"
    urlset = etree.Element(f"{{{_SITEMAP}}}urlset", nsmap={None: _SITEMAP, "xhtml": _XHTML})
    for locale, output in sorted(units.items(), key=lambda item: item[0] != default_locale):
        sitemap = output / "sitemap.xml"
        if not sitemap.is_file():
            continue
        prefix = "" if locale == default_locale else f"{locale}/"
        for entry in etree.parse(str(sitemap)).getroot().findall(f"{{{_SITEMAP}}}url"):
            location = entry.findtext(f"{{{_SITEMAP}}}loc", "")
            path = location[len(base):] if location.startswith(base) else location
            if not path.startswith(prefix):
                continue
            rel = path[len(prefix):]
            locales = real.get(rel, {default_locale})
            if locale not in locales:
                continue  # a fallback page: the English text, not a translation
            url = etree.SubElement(urlset, f"{{{_SITEMAP}}}url")
            etree.SubElement(url, f"{{{_SITEMAP}}}loc").text = location
            for other in sorted(locales):
                href = base + ("" if other == default_locale else f"{other}/") + rel
                etree.SubElement(url, f"{{{_XHTML}}}link", rel="alternate", hreflang=other, href=href)
            etree.SubElement(url, f"{{{_XHTML}}}link", rel="alternate", hreflang="x-default", href=base + rel)
    data = etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    for name, content in (("sitemap.xml", data), ("sitemap.xml.gz", gzip.compress(data, mtime=0))):
        (target / name).unlink(missing_ok=True)  # a hard link to the unit's own: replace it, never write through
        (target / name).write_bytes(content)
