"""Put the units of one version side by side: the same tree static-i18n writes (the pipeline adds the sitemap)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..plugin.page_reuse import MANIFEST


def assemble(units: dict[str, Path], default_locale: str, target: Path, before: dict[str, Path] | None = None) -> None:
    """Copy the default locale's unit whole, and the ``LL/`` folder of every other unit, into ``target``: built
    beside it, then renamed into its place. With ``before`` (the units ``target`` was assembled from), where only
    other locales' units changed, only their folders are replaced."""
    if before is not None and target.is_dir() and before.keys() == units.keys() \
            and before[default_locale] == units[default_locale]:
        for locale, output in units.items():
            if output != before[locale]:
                _replace(output / locale, target / locale)
        return
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


def _replace(source: Path, target: Path) -> None:
    """One locale's folder of a version, from its new unit: built beside the old one, then put in its place."""
    partial = target.with_name(f".{target.name}.partial")
    old = target.with_name(f".{target.name}.old")
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(source, partial, copy_function=_link_or_copy)
    if target.exists():
        target.rename(old)
    partial.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it: a unit's finished output is never changed, and thousands of
    pages are linked in a fraction of the time copying them takes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
