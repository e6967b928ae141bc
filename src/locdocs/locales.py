"""Locales: which site locale folder a handoff's ``ms.contentlocale`` belongs in."""

from __future__ import annotations

import re

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
"""A BCP 47-like language tag, such as ``nl-NL`` or ``zh_TW``."""


def is_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG.match(value))


def site_locale(content_locale: str) -> str:
    """The site's locale folder for a content locale: its language subtag, ``nl-NL`` -> ``nl``."""
    return re.split(r"[-_]", content_locale.strip())[0].lower()
