"""Put the units of one version side by side: the same tree static-i18n writes (the pipeline adds the sitemap)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..fileio import files_below, link_or_copy, prune_tree, same_or_copy
from ..plugin.page_reuse import MANIFEST

LEFT_OUT = (".complete", MANIFEST)
"""A unit's own bookkeeping, not part of the site."""


def assemble(units: dict[str, Path], default_locale: str, target: Path) -> None:
    """Make ``target`` hold the default locale's unit whole, and the ``LL/`` folder of every other unit, as hard
    links to the units' files (a unit's finished output is never changed). Only what differs from what ``target``
    holds is changed: a rebuilt unit mostly links the same pages as before (plugin.page_reuse), so a version
    assembled again after one article changed replaces a few files, rather than making thousands of folders again
    (and deleting the old ones), which on some filesystems slows every file made for a minute after. Each file
    is replaced atomically; the pipeline marks the version whole only once this returns."""
    others = set(units) - {default_locale}
    wanted = {rel: entry for rel, entry in files_below(units[default_locale]).items()
              if rel not in LEFT_OUT and rel.split(os.sep, 1)[0] not in others}
    for locale in sorted(others):
        wanted.update((os.path.join(locale, rel), entry) for rel, entry in files_below(units[locale] / locale).items())
    shutil.rmtree(target.with_name(target.name + ".partial"), ignore_errors=True)  # an older locdocs' leftover
    target.mkdir(parents=True, exist_ok=True)
    device = os.stat(target).st_dev
    _link_tree(target, wanted, linked=all(os.stat(unit).st_dev == device for unit in units.values()))


def _link_tree(target: Path, wanted: dict[str, os.DirEntry[str]], *, linked: bool) -> None:
    """Make the folder ``target`` hold exactly the files ``wanted`` names (relative path -> the file to link),
    leaving alone those already theirs, and removing the folders left empty. ``linked``: the files are on the
    target's filesystem, so a file already theirs is the same inode; else it is a copy of the same size and time."""
    existing = prune_tree(target, wanted)  # first: a file may take the name of a folder left empty
    for rel, source in wanted.items():
        entry = existing.get(rel)
        if entry is not None and (entry.inode() == source.inode() if linked
                                  else same_or_copy(entry.stat(), source.stat())):
            continue
        link_or_copy(source.path, os.path.join(target, rel))
