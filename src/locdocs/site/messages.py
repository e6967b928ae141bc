"""The site's reader messages: every sentence a reader sees, in the reader's language.

They are a gettext catalog (``catalogs/``): ``locdocs.pot`` holds the English (``msgctxt`` is the key the code uses,
``msgid`` the English), ``catalogs/LL/LC_MESSAGES/locdocs.po`` each language's translation, read with Babel. A
site locale takes the catalog whose language fits it best (langcodes, as for handoffs: ``pt-PT`` -> ``pt``,
``zh-HK`` -> ``zh_Hant``, never a Simplified catalog for Traditional). An entry counts only if it translates the
current English with the same ``{placeholders}`` and is not fuzzy; otherwise the English is shown, and a site can
override any message in its ``mkdocs.yml``::

    plugins:
      - locdocs:
          messages:
            sv:
              stale: "Den här översättningen är äldre än originalet."
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from babel.messages.pofile import read_po

from ..errors import UsageError
from ..locales import same_locale, site_locale

DEFAULT_LOCALE = "en"
"""The language the messages are written in (locdocs.pot)."""
DOMAIN = "locdocs"


def _catalogs_dir() -> Any:
    return files(__package__).joinpath("catalogs")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` in a message."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # an unbalanced brace
        return {"{"}


@lru_cache(maxsize=1)
def english() -> dict[str, str]:
    """Every message key and its English (locdocs.pot)."""
    with _catalogs_dir().joinpath(f"{DOMAIN}.pot").open("rb") as pot:
        return {str(entry.context): str(entry.id) for entry in read_po(pot) if entry.id and entry.context}


@lru_cache(maxsize=1)
def catalog_languages() -> dict[str, str]:
    """The languages with a catalog: BCP 47 tag (``pt-BR``) -> catalog folder (``pt_BR``)."""
    return {folder.name.replace("_", "-"): folder.name for folder in _catalogs_dir().iterdir()
            if folder.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file()}


def is_source_language(locale: str) -> bool:
    """Is ``locale`` a form of the language the messages are written in (``en``, ``en-GB``)?"""
    return same_locale(locale, DEFAULT_LOCALE)


@cache
def catalog_language(locale: str) -> str | None:
    """The catalog (its BCP 47 tag) that fits a site locale best, or None (none fits, or the locale is English)."""
    if is_source_language(locale):
        return None
    available = catalog_languages()
    return site_locale(locale, sorted(available)) if available else None


@cache
def translations(language: str) -> dict[str, str]:
    """A catalog's usable translations: key -> text, for entries that translate the current English, keep its
    placeholders and are not fuzzy."""
    source = english()
    path = _catalogs_dir().joinpath(catalog_languages()[language], "LC_MESSAGES", f"{DOMAIN}.po")
    with path.open("rb") as po:
        entries = read_po(po)
    return {key: str(entry.string) for entry in entries
            if (key := str(entry.context)) in source and entry.id == source[key] and entry.string
            and not entry.fuzzy and placeholders(str(entry.string)) == placeholders(source[key])}


class Messages:
    """The messages of one site: the catalogs, with the site's overrides (locale -> key -> text)."""

    def __init__(self, overrides: Mapping[str, Mapping[str, str]] | None = None) -> None:
        source = english()
        for locale, texts in (overrides or {}).items():
            if not isinstance(texts, Mapping):
                raise UsageError(f"locdocs option messages: {locale}: give message keys and texts, such as "
                                 f"'stale: ...', not {texts!r}")
        self.overrides = {str(locale): dict(texts) for locale, texts in (overrides or {}).items()}
        for locale, texts in self.overrides.items():
            for key, text in texts.items():
                if key not in source:
                    raise UsageError(f"locdocs option messages: {locale}: no message {key!r}; the messages are: "
                                     f"{', '.join(source)}")
                if not isinstance(text, str) or placeholders(text) != placeholders(source[key]):
                    wanted = ", ".join(f"{{{name}}}" for name in sorted(placeholders(source[key]))) or "none"
                    raise UsageError(f"locdocs option messages: {locale}: {key}: {text!r} must have the "
                                     f"placeholders of {source[key]!r} ({wanted})")

    def __call__(self, key: str, locale: str, **values: str) -> str:
        """The message ``key`` in ``locale`` (the English where neither the site nor a catalog has it), with its
        ``{placeholders}`` filled."""
        text = self.overrides.get(locale, {}).get(key)
        if text is None and (language := catalog_language(locale)) is not None:
            text = translations(language).get(key)
        if text is None:
            text = english()[key]
        return text.format(**values) if values else text

    def untranslated(self, locale: str) -> list[str]:
        """The keys a locale's readers would see in English: none for an English locale."""
        if is_source_language(locale):
            return []
        language = catalog_language(locale)
        known = set(translations(language)) if language is not None else set()
        known |= set(self.overrides.get(locale, {}))
        return [key for key in english() if key not in known]

    def missing(self, locales: Iterable[str]) -> list[str]:
        """One line per locale whose readers would see some messages in English, saying what to do."""
        lines = []
        for locale in locales:
            keys = self.untranslated(locale)
            if not keys:
                continue
            language = catalog_language(locale)
            where = f"the {language} catalog lacks {len(keys)}" if language else "no message catalog fits it"
            lines.append(f"{locale}: reader messages in English ({where}: {', '.join(keys[:3])}"
                         f"{', ...' if len(keys) > 3 else ''}); add them under the locdocs option 'messages', "
                         f"or contribute a catalog (README: Message catalogs)")
        return lines


MESSAGES = Messages()
"""The catalogs alone, without a site's overrides."""


def message(key: str, locale: str, **values: str) -> str:
    """The message ``key`` in ``locale`` from the catalogs alone."""
    return MESSAGES(key, locale, **values)
