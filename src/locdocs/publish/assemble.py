"""Put the units of one version side by side: the same tree static-i18n writes (the pipeline adds the sitemap)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..plugin.page_reuse import MANIFEST


def assemble(units: dict[str, Path], default_locale: str, target: Path) -> None:
    """Copy the default locale's unit whole, and the ``LL/`` folder of every other unit, into ``target``: built
    beside it, then renamed into its place."""
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(units[default_locale], partial, ignore=shutil.ignore_patterns(".complete", MANIFEST),
                    copy_function=_link_or_copy)
    for locale, output in units.items():
        if locale != default_locale:
            shutil.copytree(output / locale, partial / locale, copy_function=_link_or_copy)
    if target.exists():
        shutil.rmtree(target)
    partial.rename(target)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it: a unit's finished output is never changed, and thousands of
    pages are linked in a fraction of the time copying them takes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
