"""The site's message catalog: every sentence a reader sees, in the reader's language (messages.yml)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import yaml

DEFAULT_LOCALE = "en"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return yaml.safe_load(files(__package__).joinpath("messages.yml").read_text(encoding="utf-8"))


def message(key: str, locale: str, **values: str) -> str:
    """The message ``key`` in ``locale`` (English when the catalog lacks it), with ``{placeholders}`` filled."""
    translations = catalog()[key]
    text = translations.get(locale) or translations[DEFAULT_LOCALE]
    return text.format(**values) if values else text
