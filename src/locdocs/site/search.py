"""One search index per locale instead of static-i18n's combined one.

After the build, ``search/search_index.json`` holds every locale's pages. ``split_search_index`` writes each
locale's own pages (fallback pages left out: they are not in that language) to ``LL/search/search_index.json``
and keeps only the default locale's in ``search/search_index.json``. The head script (``head.head_script``) makes
Material's search load the page's locale index: Material derives the index URL from the site root, which all
locales share.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from ..fileio import atomic_write
from .language import theme_language, theme_language_file

_LUNR = "templates/assets/javascripts/lunr/min"
_SEARCH_SETTING = re.compile(r'^\s*"search\.config\.(separator|pipeline)":\s*("(?:[^"\\]|\\.)*")', re.MULTILINE)


@cache
def theme_search_settings(theme_language: str) -> dict[str, str]:
    """Material's word separator and search pipeline for one of its languages (its partials/languages/LL.html),
    which Material itself applies to the site's one language only: ``{"separator": ..., "pipeline": ...}``, with
    English's for what the language does not set."""
    settings: dict[str, str] = {}
    for language in (theme_language, "en"):
        for match in _SEARCH_SETTING.finditer(theme_language_file(language) or ""):
            settings.setdefault(match.group(1), json.loads(match.group(2)))
    return settings


def search_config(locale: str) -> dict[str, object]:
    """The search settings of a locale's index: the lunr language that fits it (else English), and the separator
    and pipeline of the theme's language for it: Chinese, which Material's search segments with jieba at build
    time, joining words with U+200B, splits on it and on CJK punctuation; Japanese on its punctuation."""
    language = search_language(locale) or "en"
    settings = theme_search_settings(theme_language(locale))
    config: dict[str, object] = {"lang": [language]}
    if "separator" in settings:
        config["separator"] = settings["separator"]
    if "pipeline" in settings:
        config["pipeline"] = [step for step in re.split(r"\s*,\s*", settings["pipeline"].strip()) if step]
    return config


@lru_cache(maxsize=1)
def search_languages() -> frozenset[str]:
    """The languages Material's search has a lunr stemmer and stop words for (its lunr.LL.min.js files), and en."""
    try:
        folder = resources.files("material").joinpath(_LUNR)
        names = {entry.name for entry in folder.iterdir()}
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        names = set()
    found = {match.group(1) for name in names if (match := re.fullmatch(r"lunr\.(\w+)\.min\.js", name))}
    return frozenset({"en"} | found - {"multi"})  # lunr.multi combines languages: it is not one


def search_language(locale: str) -> str | None:
    """The search language that fits a site locale best: itself, else its language (pt-BR -> pt, zh-TW -> zh,
    nb -> no), else None: the theme has none for it (English rules then apply)."""
    available = search_languages()
    tag = locale.replace("_", "-").lower()
    language = {"nb": "no", "nn": "no"}.get(tag.split("-")[0], tag.split("-")[0])
    for candidate in (tag, language):
        if candidate in available:
            return candidate
    return None


def write_search_index(path: Path, index: dict) -> None:
    """A search index file, as every step that changes one writes it."""
    atomic_write(path, json.dumps(index, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8"))


def split_search_index(site_dir: Path, default_locale: str, locales: list[str],
                       excluded: dict[str, set[str]]) -> dict[str, int]:
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
        config = dict(combined["config"], **search_config(locale))
        write_search_index(target, {"config": config, "docs": docs})
        counts[locale] = len(docs)
    return counts
