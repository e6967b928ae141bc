"""Reusing the pages of a build unit's previous output whose inputs have not changed.

A unit (one locale of one version) is rebuilt when any of its inputs changes; when one article changed, the other
pages would come out byte for byte the same. Every unit build writes a manifest beside its pages: for each page,
a key (a hash of the unit's context, the navigation, and the page's own files) and what the build made of it
besides its HTML (its rendered title, its search entries). The next build of the unit is a MkDocs "dirty" build in
which the pages with an unchanged key are neither read, rendered nor written, but copied from the previous output,
with their title and search entries taken from the manifest: the output is the same as a full build's.

The navigation is part of every key, as each page shows every page's title and URL: a changed title or a new page
rebuilds the whole unit.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio import atomic_copy, atomic_write

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

MANIFEST = ".locdocs-pages.json"


class IgnoreDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave the navigation wrong (which ``--strict`` makes an error): here
    only pages whose navigation is unchanged are skipped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class PageReuse:
    def __init__(self, context_key: str, previous: Path | None) -> None:
        self.context_key = context_key
        self.previous = previous
        manifest = previous / MANIFEST if previous is not None else None
        self.recorded: dict[str, dict] = (json.loads(manifest.read_text("utf-8"))
                                          if manifest is not None and manifest.is_file() else {})
        self.pages: list = []
        self.keys: dict[str, str] = {}
        self.reused: set[str] = set()

    def plan(self, pages: Iterable, nav_items: list, config: MkDocsConfig,
             inputs: Callable[[object], list[Path]]) -> None:
        """Key every page (``inputs``: the files a page depends on besides its source); mark those whose key is
        the recorded one as not modified (skipped by a dirty build)."""
        self.pages = list(pages)
        for page in self.pages:
            if page.markdown is None:
                page.read_source(config)  # the title the navigation shows, without rendering the page
        navigation = json.dumps(_navigation(nav_items), ensure_ascii=False)
        for page in self.pages:
            digest = hashlib.sha256(f"{self.context_key}\0{navigation}\0{page.file.src_uri}\0".encode())
            digest.update(page.file.content_bytes)
            for path in inputs(page):
                digest.update(b"\0" + path.read_bytes() if path.is_file() else b"\0-")
            key = self.keys[page.file.src_uri] = digest.hexdigest()
            recorded = self.recorded.get(page.file.src_uri)
            if (recorded is not None and recorded["key"] == key and self.previous is not None
                    and (self.previous / page.file.dest_uri).is_file()):
                self.reused.add(page.file.src_uri)
                page.file.is_modified = _unmodified
                page.title = recorded["title"]  # as rendered, which can differ from the source's first heading

    def finish(self, site_dir: Path) -> None:
        """Copy the reused pages, merge their search entries into the index, and write the new manifest."""
        for page in self.pages:
            if page.file.src_uri in self.reused:
                atomic_copy(self.previous / page.file.dest_uri, site_dir / page.file.dest_uri)
        index_path = site_dir / "search" / "search_index.json"
        index = json.loads(index_path.read_text("utf-8")) if index_path.is_file() else None
        built: dict[str, list] = {}
        for doc in index["docs"] if index else []:
            built.setdefault(doc["location"].split("#")[0], []).append(doc)
        manifest: dict[str, dict] = {}
        docs: list[dict] = []
        for page in self.pages:
            src = page.file.src_uri
            entries = self.recorded[src]["search"] if src in self.reused else built.pop(page.url, [])
            docs.extend(entries)
            manifest[src] = {"key": self.keys[src], "title": page.title, "search": entries,
                             "reused": src in self.reused}
        if index is not None:
            index["docs"] = docs + [doc for entries in built.values() for doc in entries]  # in page order
            atomic_write(index_path, json.dumps(index, separators=(",", ":"), default=str).encode("utf-8"))
        atomic_write(site_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))


def reuse_counts(output: Path) -> tuple[int, int]:
    """How many of the pages of a unit's output were reused from the previous one, and how many pages it has."""
    manifest = output / MANIFEST
    if not manifest.is_file():
        return 0, 0
    pages = json.loads(manifest.read_text("utf-8")).values()
    return sum(page["reused"] for page in pages), len(pages)


def _unmodified() -> bool:
    return False


def _navigation(items: list) -> list:
    """What the navigation shows of every item: titles, URLs and nesting."""
    return [[type(item).__name__, item.title, getattr(item, "url", None), _navigation(item.children or [])]
            for item in items]
