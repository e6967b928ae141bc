"""Reusing pages already built: from the unit's previous output, and from the same locale's units of other versions.

A unit (one locale of one version) is rebuilt when any of its inputs changes; when one article changed, the other
pages would come out byte for byte the same. And most pages of a version are the same in the site's other
versions. Every unit build writes a manifest beside its pages: for each page, a key (a hash of the unit's context,
the navigation, and the page's own inputs) and what the build made of it besides its HTML (its rendered title,
its search entries). A later build is a MkDocs "dirty" build in which the pages whose key one of its sources
(earlier outputs) recorded are neither read, rendered nor written, but taken from that source, with their title
and search entries from its manifest: the output is the same as a full build's.

The key leaves the version out: what differs between two versions' pages is only the version's URL (``site_url``)
where the theme and the plugin write absolute addresses (canonical link, hreflang alternates). A page taken from
another version gets that URL replaced by its own: only when nothing of the page's own text (content, title, table
of contents, front matter, the navigation) mentions the site's host, so that every occurrence replaced is one the
build wrote. The navigation is part of every key, as each page shows every page's title and URL: a changed title
or a new page renders the whole unit again.

A unit rebuilt after a change is built in its previous output itself (publish.units renames it): the pages taken
from it stay where they are, every other file is deleted before MkDocs writes, so no file of the old output is
written in place (the assembled versions link them).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..fileio import atomic_write, prune_tree
from ..site.search import write_search_index

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

MANIFEST = ".locdocs-pages.json"
MANIFEST_FORMAT = 2
PAGE_WEIGHT = 2000
"""What rendering a page costs besides its text, in bytes of text, when a unit's pages are shared out in parts."""


class IgnoreDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave the navigation wrong (which ``--strict`` makes an error): here
    only pages whose navigation is unchanged are skipped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@dataclass(frozen=True)
class PageSource:
    """An earlier unit output whose pages can be reused: its folder, its ``site_url``, its manifest's pages."""

    folder: Path
    site_url: str
    pages: dict[str, dict]

    @classmethod
    def read(cls, folder: Path) -> PageSource | None:
        """The output's manifest; None without one, or with one of another format (an older locdocs')."""
        try:
            manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
            return None
        return cls(folder, str(manifest["site_url"]), manifest["pages"])


class PageReuse:
    def __init__(self, context_key: str, site_url: str | None, sources: Sequence[Path],
                 part: tuple[int, int] = (0, 1)) -> None:
        """``sources``: earlier outputs, the best first (the unit's own previous output, then other versions').
        ``part``: (index, count): this build renders the index-th of count runs of the pages to render; the others
        are left to the unit's other parts (merge_parts puts their outputs together)."""
        self.context_key = context_key
        self.site_url = site_url or ""
        self.host = urlsplit(self.site_url).netloc
        self.sources = [source for folder in sources if (source := PageSource.read(folder)) is not None]
        self.part, self.parts = part
        self.pages: list = []
        self.keys: dict[str, str] = {}
        self.reused: dict[str, PageSource] = {}
        self.elsewhere: set[str] = set()
        """Pages another part of the unit renders and writes."""
        self.title_only: list = []
        """Pages of other parts rendered here all the same: their title is their first heading, as rendered."""
        self.site_free: dict[str, bool] = {}
        """Per page: nothing of its own text mentions the site's host (its URL can be replaced by another's)."""
        self._navigation_site_free = True
        self.in_place: PageSource | None = None
        """The source the build writes into (its pages taken from there are in place already)."""

    def plan(self, pages: Iterable, nav_items: list, config: MkDocsConfig,
             inputs: Callable[[Any], Iterable[bytes]], shown_meta: Callable[[Any], dict]) -> None:
        """Key every page (``inputs``: what a page depends on besides its source and the navigation); mark those
        a source has with the same key, and those another part renders, as not modified (skipped by a dirty
        build), with the title and front matter the navigation shows (``shown_meta``)."""
        self.pages = list(pages)
        for page in self.pages:
            if page.markdown is None:
                page.read_source(config)  # the title the navigation shows, without rendering the page
        # Every page shows the navigation, and can link to any page of the unit (links outside the content go out
        # of the site when their page is not one of these).
        navigation = json.dumps([_navigation(nav_items), sorted(page.file.src_uri for page in self.pages)],
                                ensure_ascii=False)
        self._navigation_site_free = not self.host or self.host not in navigation
        shared = hashlib.sha256(f"{self.context_key}\0{navigation}".encode()).digest()  # once: it is long
        for page in self.pages:
            digest = hashlib.sha256(shared + f"\0{page.file.src_uri}\0".encode())
            digest.update(page.file.content_bytes)
            for data in inputs(page):
                digest.update(b"\0" + data)
            key = self.keys[page.file.src_uri] = digest.hexdigest()
            source = self._source_of(page.file.src_uri, page.file.dest_uri, key)
            if source is not None:
                self.reused[page.file.src_uri] = source
                page.file.is_modified = _unmodified
                page.meta = shown_meta(page)
                page.title = source.pages[page.file.src_uri]["title"]  # as rendered: can differ from the source's
        if self.parts > 1:
            self._leave_to_other_parts([page for page in self.pages if page.file.src_uri not in self.reused],
                                       shown_meta)
        self._keep_in_place(Path(config.site_dir))

    def _keep_in_place(self, site_dir: Path) -> None:
        """When the build writes into a source (the unit's previous output, publish.units): keep the pages it takes
        from there where they are, and delete every other file before MkDocs writes any, so that nothing is
        written in place (a file of a finished output may be linked elsewhere)."""
        here = site_dir.resolve()
        for source in self.sources:
            if source.folder.resolve() == here:
                self.in_place = source
                prune_tree(site_dir, {os.path.normpath(page.file.dest_uri) for page in self.pages
                                      if self.reused.get(page.file.src_uri) is source})

    def _leave_to_other_parts(self, pages: list, shown_meta: Callable[[Any], dict]) -> None:
        """Skip the pages outside this part's run. A page's title in the navigation is its front matter title,
        else its first heading as rendered: a page without the first is rendered here too, but not written."""
        weights = [len(page.file.content_bytes) + PAGE_WEIGHT for page in pages]
        total, before = sum(weights), 0
        for page, weight in zip(pages, weights, strict=True):
            part = min(self.parts - 1, (before + weight // 2) * self.parts // max(1, total))
            before += weight
            if part == self.part:
                continue
            self.elsewhere.add(page.file.src_uri)
            meta = shown_meta(page)
            if "title" in meta:
                page.meta = meta
                page.file.is_modified = _unmodified
            else:
                self.title_only.append(page)

    def skip_title_only(self) -> None:
        """Once every page is rendered (on_env), before any is written: the other parts write these."""
        for page in self.title_only:
            page.file.is_modified = _unmodified

    def _source_of(self, src_uri: str, dest_uri: str, key: str) -> PageSource | None:
        for source in self.sources:
            recorded = source.pages.get(src_uri)
            if recorded is None or recorded["key"] != key or not (source.folder / dest_uri).is_file():
                continue
            if source.site_url == self.site_url or (recorded["site_free"] and self._navigation_site_free
                                                    and urlsplit(source.site_url).netloc == self.host):
                return source
        return None

    def rendered(self, page: Any) -> None:
        """Note whether a page just built mentions the site's host in its own text (on_post_page)."""
        text = json.dumps([page.content, page.title, str(page.toc), page.meta], default=str, ensure_ascii=False)
        self.site_free[page.file.src_uri] = self._navigation_site_free and (not self.host or self.host not in text)

    def finish(self, site_dir: Path) -> None:
        """Put the reused pages in place, merge their search entries into the index, and write the new manifest."""
        for page in self.pages:
            if (source := self.reused.get(page.file.src_uri)) is not None and source is not self.in_place:
                _place(source.folder / page.file.dest_uri, site_dir / page.file.dest_uri, source.site_url,
                       self.site_url)
        index_path = site_dir / "search" / "search_index.json"
        index = json.loads(index_path.read_text("utf-8")) if index_path.is_file() else None
        built = _entries_by_page(index["docs"] if index else [])
        pages: dict[str, dict] = {}
        docs: list[dict] = []
        for order, page in enumerate(self.pages):
            src = page.file.src_uri
            if src in self.elsewhere:
                continue
            source = self.reused.get(src)
            entries = source.pages[src]["search"] if source is not None else built.pop(page.url, [])
            docs.extend(entries)
            site_free = source.pages[src]["site_free"] if source is not None else self.site_free.get(src, False)
            pages[src] = {"key": self.keys[src], "title": page.title, "search": entries,
                          "reused": source is not None, "site_free": site_free,
                          "order": order, "url": page.url, "path": page.file.dest_uri}
        if index is not None:
            index["docs"] = docs + [doc for entries in built.values() for doc in entries]  # in page order
            write_search_index(index_path, index)
        _write_manifest(site_dir, self.site_url, pages)


def _place(source: Path, target: Path, source_url: str, site_url: str) -> None:
    """A reused page in a unit's new output: a hard link to the same page (no unit output is changed once
    finished), or, from another version, a copy with that version's URL replaced by this one's."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source_url != site_url:
        target.write_bytes(source.read_bytes().replace(source_url.encode(), site_url.encode()))
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def merge_parts(parts: Sequence[Path]) -> Path:
    """Put a unit's parts together in the first part's folder, and return it. Each part rendered and wrote a run of
    the unit's pages and, the same as the others, every other file of the unit: the other parts' pages are linked
    in, and the manifests and search indexes merged, in page order."""
    first, *others = parts
    sources = [source for part in parts if (source := PageSource.read(part)) is not None]
    if len(sources) != len(parts):
        raise ValueError(f"a part of {first.name} has no page manifest")
    pages = sorted(((src, record, source) for source in sources for src, record in source.pages.items()),
                   key=lambda item: item[1]["order"])
    for source in sources[1:]:
        for record in source.pages.values():
            _place(source.folder / record["path"], first / record["path"], source.site_url, source.site_url)
    for index_path in first.rglob("search_index.json"):
        relative = index_path.relative_to(first)
        indexes = {source.folder: json.loads((source.folder / relative).read_text("utf-8")) for source in sources
                   if (source.folder / relative).is_file()}
        by_part = {folder: _entries_by_page(index["docs"]) for folder, index in indexes.items()}
        docs = [doc for _, record, source in pages for doc in by_part.get(source.folder, {}).pop(record["url"], [])]
        docs += [doc for entries in by_part.values() for rest in entries.values() for doc in rest]
        write_search_index(index_path, {**indexes[first], "docs": docs})
    _write_manifest(first, sources[0].site_url, {src: record for src, record, _ in pages})
    for part in others:
        shutil.rmtree(part)
    return first


def _entries_by_page(docs: list[dict]) -> dict[str, list[dict]]:
    """A search index's entries by the URL of their page, in their order."""
    entries: dict[str, list[dict]] = {}
    for doc in docs:
        entries.setdefault(doc["location"].split("#")[0], []).append(doc)
    return entries


def _write_manifest(folder: Path, site_url: str, pages: dict[str, dict]) -> None:
    """The page manifest that ``PageSource.read`` reads."""
    manifest = {"format": MANIFEST_FORMAT, "site_url": site_url, "pages": pages}
    atomic_write(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))


def reuse_counts(output: Path) -> tuple[int, int]:
    """How many of the pages of a unit's output were reused from earlier outputs, and how many pages it has."""
    source = PageSource.read(output)
    if source is None:
        return 0, 0
    return sum(page["reused"] for page in source.pages.values()), len(source.pages)


def _unmodified() -> bool:
    return False


def _navigation(items: list) -> list:
    """What the navigation shows of every item: titles, URLs and nesting."""
    return [[type(item).__name__, item.title, getattr(item, "url", None), _navigation(item.children or [])]
            for item in items]
