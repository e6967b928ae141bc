"""How a page says which language it is in: the theme's language for the locale, ``<html lang>`` and ``dir``.

Material has a file of its own words per language (``partials/languages/LL.html``), named by tags of its own
choosing (``pt-BR``, ``zh-Hant``, ``ku-IQ``), and puts that file's ``language`` value in ``<html lang>`` (``pt`` for
``pt-BR``). A site's locales are BCP 47 tags (``pt-PT``, ``zh-CN``, ``sw``), so the theme is given the language it
has that fits the locale best (langcodes, as for handoffs: ``pt-PT`` -> ``pt``, ``zh-CN`` -> ``zh``, none for
``sw``: English), and the page then says the locale's own tag, and its script's direction.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import langcodes

from ..locales import language_tag, site_locale

_LANGUAGES = "templates/partials/languages"
RIGHT_TO_LEFT_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})
"""Scripts written right to left (Unicode's bidi class R/AL scripts in use for languages of today)."""

_HTML_LANG = re.compile(r'(<html\b[^>]*?\slang=")[^"]*(")')
_BODY_DIR = re.compile(r'(<body\b[^>]*?\sdir=")[^"]*(")')


@lru_cache(maxsize=1)
def theme_languages() -> frozenset[str]:
    """The languages Material has its own words for (its partials/languages/LL.html files)."""
    try:
        folder = resources.files("material").joinpath(_LANGUAGES)
        return frozenset(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".html"))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return frozenset({"en"})


def theme_language_file(language: str) -> str | None:
    """The text of Material's file of words for one of its languages (partials/languages/LL.html), if it has one."""
    try:
        return resources.files("material").joinpath(f"{_LANGUAGES}/{language}.html").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return None


def theme_language(locale: str) -> str:
    """The theme language for a site locale: its own file if Material has one, else the closest (``pt-PT`` ->
    ``pt``, ``zh-CN`` -> ``zh``, ``zh-HK`` -> ``zh-Hant``), else ``en``."""
    available = theme_languages()
    if locale in available:
        return locale
    return site_locale(locale, sorted(available)) or "en"


def text_direction(locale: str) -> str:
    """``rtl`` for a language written in a right-to-left script (ar, he, fa, ur, ps, yi, dv...), else ``ltr``."""
    try:
        script = langcodes.Language.get(locale.replace("_", "-")).maximize().script
    except ValueError:
        return "ltr"
    return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"


def set_page_language(html: str, locale: str) -> str:
    """The page's ``<html lang>`` as the locale's tag and its ``<body dir>`` as the locale's script's direction
    (Material writes its own language file's values there)."""
    html = _HTML_LANG.sub(lambda m: f"{m[1]}{language_tag(locale)}{m[2]}", html, count=1)
    return _BODY_DIR.sub(lambda m: f"{m[1]}{text_direction(locale)}{m[2]}", html, count=1)
