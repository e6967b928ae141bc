"""One search index per locale instead of static-i18n's combined one.

After the build, ``search/search_index.json`` holds every locale's pages. ``split_search_index`` writes each
locale's own pages (fallback pages left out: they are not in that language) to ``LL/search/search_index.json``
and keeps only the default locale's in ``search/search_index.json``. ``HEAD_SCRIPT`` makes Material's search load
the page's locale index (``HEAD_SCRIPT``): Material derives the index URL from the site root, which all locales
share.
"""

from __future__ import annotations

import json
from pathlib import Path

HEAD_SCRIPT = r"""<script>
/* locdocs: Material finds the search index and the sitemap from the site root and from each <link
   rel="alternate">. Load this locale's own search index, and the site's one sitemap instead of a sitemap.xml
   beside every translation of this page (which does not exist). */
(function (folder, sitemap) {
  var root = new URL(sitemap, location.href).href;
  var rootDir = root.replace(/sitemap\.xml$/, "");
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var target = String(url);
    if (folder) {
      target = target.replace(/\/search\/search_index\.json$/, "/" + folder + "/search/search_index.json");
    }
    if (/\/sitemap\.xml$/.test(target) && target.indexOf(rootDir) === 0) {  /* not other versions' */
      target = root;
    }
    args[1] = target;
    return open.apply(this, args);
  };
})(%s, %s);
</script>"""


def head_script(locale_folder: str | None, sitemap_url: str) -> str:
    """The script for a page's <head>: ``locale_folder`` None for the default locale; ``sitemap_url`` relative to
    the page."""
    return HEAD_SCRIPT % (json.dumps(locale_folder), json.dumps(sitemap_url))


def split_search_index(site_dir: Path, default_locale: str, locales: list[str],
                       excluded: dict[str, set[str]], separators: dict[str, str] | None = None) -> dict[str, int]:
    """Write one index per locale; ``excluded`` maps a locale to page URLs to leave out. Returns entry counts."""
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    others = [locale for locale in locales if locale != default_locale]
    counts = {}
    for locale in locales:
        if locale == default_locale:
            docs = [d for d in combined["docs"] if not any(d["location"].startswith(f"{o}/") for o in others)]
            target = combined_path
        else:
            docs = [d for d in combined["docs"] if d["location"].startswith(f"{locale}/")]
            target = site_dir / locale / "search" / "search_index.json"
        skip = excluded.get(locale, set())
        docs = [d for d in docs if d["location"].split("#")[0] not in skip]
        config = dict(combined["config"], lang=[locale])
        if separators and locale in separators:
            config["separator"] = separators[locale]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
        counts[locale] = len(docs)
    return counts
