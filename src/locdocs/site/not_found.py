"""Pages for addresses with no page.

Each locale of each version has its own ``404.html``, in its language (``overrides/404.html``, moved into place by
the plugin: ``LL/404.html``, the default locale's at the version's root). A static host such as GitHub Pages
serves one file for every miss: the site's root ``404.html`` (``root_not_found``). Its script reads the missing
address, finds the version in it (a version or an alias of versions.json, the first segment after the site's
path), and the locale (the next segment, if it is one of the site's locales), and sends the reader to that
version's 404 page in that locale. Without JavaScript it says "page not found" in every language of the site, each
with a link to the home page of the current version in that language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from ..layout import Language, locale_prefix
from ..locales import language_tag
from .language import text_direction
from .messages import MESSAGES, Messages

NOT_FOUND = "404.html"
"""The file name static hosts (GitHub Pages, ``locdocs serve``) and MkDocs give the page for a missing address."""

_SCRIPT = """(function (site) {
  var path = location.pathname;
  if (/\\/404\\.html$/.test(path)) return;  /* a version's own 404 page is missing: this page is the answer */
  var segments = path.split("/"), at = -1, version = site.version, base = site.base, rest;
  for (var i = 0; i < segments.length && at < 0; i++) {
    var name = segments[i];
    try { name = decodeURIComponent(name); } catch (error) { /* not percent-encoded text: as it is */ }
    if (Object.prototype.hasOwnProperty.call(site.versions, name)) {
      at = i;
      version = site.versions[name];
    }
  }
  if (at >= 0) {  /* the site's root is what comes before the version, wherever the site is served */
    base = segments.slice(0, at).join("/") + "/";
    rest = segments.slice(at + 1);
  } else {  /* no version: the current one */
    if (path.indexOf(base) !== 0) base = "/";
    rest = path.slice(base.length).split("/");
  }
  var locale = site.locales.indexOf(rest[0]) >= 0 ? rest[0] + "/" : "";
  location.replace(base + version + "/" + locale + "404.html");
})(%s);"""


def version_names(versions: Iterable[Mapping]) -> dict[str, str]:
    """Every name a version goes by in versions.json (its own and its aliases), with the version it names."""
    names: dict[str, str] = {}
    for entry in versions:
        names[str(entry["version"])] = str(entry["version"])
        for alias in entry.get("aliases") or ():
            names.setdefault(str(alias), str(entry["version"]))
    return names


@dataclass(frozen=True)
class RootNotFound:
    """What the site's root 404.html needs to know of the site, besides its versions."""

    site_url: str
    languages: tuple[Language, ...]
    messages: Messages = MESSAGES

    def html(self, versions: Iterable[Mapping], default_version: str) -> str:
        return root_not_found(site_url=self.site_url, languages=self.languages, versions=versions,
                              default_version=default_version, message=self.messages)


def root_not_found(*, site_url: str, languages: Iterable[Language], versions: Iterable[Mapping],
                   default_version: str, message: Messages = MESSAGES) -> str:
    """The site's root 404.html: ``versions`` as in versions.json (newest first), ``default_version`` the version
    or alias the site's root goes to. Its links are paths from the host (``site_url``'s path), as the page is
    served at any depth."""
    languages = tuple(languages)
    default_locale = next((language.locale for language in languages if language.default), "en")
    names = version_names(versions)
    version = names.get(default_version, default_version)
    base = urlsplit(site_url).path.rstrip("/") + "/"
    site = {"base": base, "version": version, "versions": names,
            "locales": [language.locale for language in languages if language.locale != default_locale]}
    script = _SCRIPT % json.dumps(site, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    ordered = sorted(languages, key=lambda language: not language.default)  # the default language first
    sections = "\n".join(
        f'<section lang="{escape(language_tag(language.locale))}" dir="{text_direction(language.locale)}">\n'
        f'  <h1>{escape(message("not_found_title", language.locale))}</h1>\n'
        f'  <p>{escape(message("not_found_site", language.locale))}\n'
        f'  <a href="{escape(base + version + "/" + locale_prefix(language.locale, default_locale))}">'
        f'{escape(message("not_found_current", language.locale))}</a></p>\n'
        "</section>" for language in ordered)
    return f"""<!DOCTYPE html>
<html lang="{escape(language_tag(default_locale))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(message("not_found_title", default_locale))}</title>
<script>
{script}
</script>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.25rem; margin: 1.5rem 0 0.25rem; }}
p {{ margin: 0; }}
</style>
</head>
<body>
<main>
{sections}
</main>
</body>
</html>
"""
