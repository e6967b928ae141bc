"""Locales: which site locale folder a handoff's ``ms.contentlocale`` belongs in.

Locales are BCP 47 tags, compared with langcodes (CLDR's language matching): ``nl-NL`` belongs in ``nl``,
``zh-CN`` in ``zh``, ``pt-BR`` in ``pt-BR`` rather than ``pt`` when the site has both, and ``zh-TW`` (Traditional
script) never in ``zh`` (Simplified): a difference of script, or of language, is too far.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import langcodes

from .errors import UsageError

SAME_LOCALE = 9
"""The largest langcodes distance between a handoff's locale and a site locale that still puts it there: a region
(en-US, en-GB; pt-BR, pt-PT: 5) is close enough when the site has no closer locale, a script (zh-Hans, zh-Hant: 54)
is not."""

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
"""A BCP 47-like language tag, such as ``nl-NL`` or ``zh_TW``."""


def is_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG.match(value))


def site_locale(content_locale: str, site_locales: Sequence[str] = ()) -> str | None:
    """The site locale (folder) that fits a content locale best: ``nl-NL`` -> ``nl``, ``zh-TW`` -> ``zh-TW`` (or
    None among en, zh: no locale of the site is written that way). Without ``site_locales`` (no site configured),
    the content locale's language subtag, as a folder name."""
    tag = content_locale.strip().replace("_", "-")
    if not site_locales:
        return re.split(r"-", tag)[0].lower()
    try:
        return langcodes.closest_supported_match(tag, list(site_locales), max_distance=SAME_LOCALE)
    except ValueError:  # not a tag langcodes can read
        return None


def same_locale(content_locale: str, locale: str) -> bool:
    """Is a text in ``content_locale`` right for the ``locale`` folder?"""
    try:
        return langcodes.tag_distance(content_locale.strip().replace("_", "-"), locale) <= SAME_LOCALE
    except ValueError:
        return False


def language_tag(locale: str) -> str:
    """A locale folder name as a BCP 47 tag in its usual case: ``pt-br`` -> ``pt-BR``, ``zh_tw`` -> ``zh-TW``."""
    try:
        return langcodes.standardize_tag(locale.replace("_", "-"))
    except ValueError:
        return locale


def check_site_locale(locale: str, site_locales: tuple[str, ...]) -> None:
    """Raise UsageError unless ``locale`` (``--locale``) is a locale folder of the site (any language tag when no
    site is configured)."""
    if not is_language_tag(locale):
        raise UsageError(f"--locale {locale!r} is not a language tag such as 'nl' or 'pt-BR'")
    if site_locales and locale not in site_locales:
        closest = site_locale(locale, site_locales)
        hint = f"did you mean --locale {closest}? Else add" if closest else "add"
        raise UsageError(f"--locale {locale!r} is not one of the site's locales ({', '.join(site_locales)}): "
                         f"{hint} a language for it to the i18n plugin in mkdocs.yml")
