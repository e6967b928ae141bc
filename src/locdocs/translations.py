"""Stage 3's model: the site's articles per locale, and the state of every translation.

A translation is *current* when its ``ms.openlocfilehash`` names the English file as it is now, *stale* when it
names an older one (found in git history when possible, to say what changed since), *untranslated* when most of
its segments (from ``l10n/LL/REL.xlf``) or paragraphs are still the English text. ``locdocs check``, ``locdocs
status`` and the site's notices all read this one model.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path, PurePosixPath

from .article import Article, english_heading_ids
from .changes import ArticleChange, compare
from .config import Config
from .encoding import decode
from .errors import EncodingError
from .fileio import scan_markdown
from .history import GitHistory, Revision, is_content_hash, matches
from .layout import STATUS_PAGE
from .render import Renderer, rendered_heading_ids
from .segments import has_letter
from .xliff import TransUnit, read_segment_counts, read_xliff


class State(str, Enum):
    CURRENT = "current"
    STALE = "stale"
    UNTRANSLATED = "untranslated"
    MISSING = "missing"
    UNKNOWN = "unknown"
    """No usable ms.openlocfilehash: nobody can tell which English revision this is."""


@dataclass
class DocFile:
    """One Markdown file of the docs folder."""

    locale: str
    rel: PurePosixPath
    path: Path

    @cached_property
    def data(self) -> bytes:
        """The file's bytes, read when first needed: a build unit reads only its own locale and the English."""
        return self.path.read_bytes()

    @cached_property
    def _decoded(self):
        try:
            decoded = decode(self.data)
        except EncodingError as error:
            return None, error, False
        return Article.from_text(decoded.text), None, decoded.had_bom

    @property
    def article(self) -> Article | None:
        """The parsed article, or None when the bytes are not UTF-8."""
        return self._decoded[0]

    @property
    def encoding_error(self) -> EncodingError | None:
        return self._decoded[1]

    @property
    def had_bom(self) -> bool:
        return self._decoded[2]

    @property
    def front_matter(self) -> dict:
        return self.article.front_matter if self.article else {}

    @property
    def loaded(self) -> bool:
        """Has the file been read and parsed (and not released since)?"""
        return "_decoded" in self.__dict__

    def release(self) -> None:
        """Forget the bytes and the parsed article (read again if asked for): a large site is checked in bounded
        memory."""
        self.__dict__.pop("data", None)
        self.__dict__.pop("_decoded", None)


@dataclass
class Translation:
    """A localized article next to the English it was made from."""

    file: DocFile
    english: DocFile | None
    """The current English article, if there is one."""
    state: State
    source: Article | None
    """The English article at the revision the translation was made from, when it can be had."""
    revision: Revision | None
    """The git revision of that English article, when the translation is stale and history holds it."""
    change: ArticleChange | None
    """What changed in the English since, when the translation is stale and its revision was found."""
    untranslated_share: float | None
    untranslated_basis: str
    """'segments' (from the XLIFF) or 'paragraphs' (compared with the English)."""

    @property
    def aligned_with(self) -> Article | None:
        """The English its headings are matched with: the revision it was made from, else the current English."""
        return self.source or (self.english.article if self.english is not None else None)

    @property
    def openlocfilehash(self) -> str | None:
        value = self.file.front_matter.get("ms.openlocfilehash")
        return str(value).strip() if value else None

    @property
    def translation_type(self) -> str | None:
        value = self.file.front_matter.get("ms.translationtype")
        return str(value) if value else None

    @property
    def last_handoff(self) -> str | None:
        value = self.file.front_matter.get("ms.lasthandoff")
        return str(value) if value else None


class DocsIndex:
    """The docs folder: English articles, localized articles, and git history to explain staleness."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.layout = config.layout
        self.docs_dir = Path(self.layout.docs_dir)
        locales = self.layout.locales or tuple(sorted(p.name for p in self.docs_dir.iterdir() if p.is_dir()))
        self.default_locale = self.layout.default_locale
        self.locales = tuple(locale for locale in locales if (self.docs_dir / locale).is_dir())
        self.files: dict[tuple[str, PurePosixPath], DocFile] = {}
        self.outside: dict[Path, Path] = {}
        """Files that are symbolic links to somewhere outside the docs folder (path -> target): never read."""
        for locale in self.locales:
            root = self.docs_dir / locale
            paths, outside = scan_markdown(root, self.docs_dir)
            self.outside.update(outside)
            prefix = len(os.fspath(root)) + 1
            for path in paths:
                rel = PurePosixPath(os.fspath(path)[prefix:].replace(os.sep, "/"))
                self.files[locale, rel] = DocFile(locale, rel, path)
        self.history = GitHistory(self.layout.history)
        self._translations: dict[tuple[str, PurePosixPath], Translation] = {}
        self._anchors: dict[tuple[str, PurePosixPath], set[str] | None] = {}
        self._folders: dict[Path, frozenset[str]] = {}
        self._earlier: dict[PurePosixPath, dict[str, tuple[Article | None, ArticleChange | None]]] = {}
        self._renderer: Renderer | None = None
        self._english_ids: dict[str, list[str]] = {}

    @property
    def translation_locales(self) -> tuple[str, ...]:
        return tuple(locale for locale in self.locales if locale != self.default_locale)

    def english(self, rel: PurePosixPath) -> DocFile | None:
        return self.files.get((self.default_locale, rel))

    def heading_ids(self, translation: Translation) -> list[str | None] | None:
        """The id each heading of a translation gets on its page: the id the English page gives the heading it
        corresponds to in the English revision it was made from (else in the current English); None when there is
        no English to align with."""
        article, english = translation.file.article, translation.aligned_with
        if article is None or english is None:
            return None
        return english_heading_ids(article, english, self.english_page_ids(english))

    def english_page_ids(self, english: Article) -> list[str]:
        """The ids an English article's page gives its headings (rendered as the site renders them)."""
        if english.text not in self._english_ids:
            self._renderer = self._renderer or Renderer(self.config.markdown)
            self._english_ids[english.text] = rendered_heading_ids(english, self._renderer)
        return self._english_ids[english.text]

    def is_page(self, locale: str, rel: PurePosixPath) -> bool:
        """Does the site have a page ``rel`` in ``locale``: its own, the English one shown in its place, or one
        the plugin adds (the translation-status page)?"""
        return (locale, rel) in self.files or self.english(rel) is not None or rel == STATUS_PAGE

    def excluded(self, rel: PurePosixPath) -> bool:
        return any(fnmatch.fnmatch(rel.as_posix(), pattern) for pattern in self.config.exclude)

    def english_articles(self) -> list[PurePosixPath]:
        return sorted(rel for locale, rel in self.files if locale == self.default_locale)

    def fallback_urls(self) -> set[str]:
        """The URLs of the pages a build fills with the English text: each English article a locale lacks."""
        return {self.layout.url(locale, rel) for rel in self.english_articles() for locale in self.translation_locales
                if (locale, rel) not in self.files}

    def localized_files(self) -> list[DocFile]:
        return [f for (locale, _), f in sorted(self.files.items()) if locale != self.default_locale]

    def release(self, rel: PurePosixPath) -> None:
        """Forget what was read and worked out for article ``rel`` in every locale."""
        for locale in self.locales:
            if (file := self.files.get((locale, rel))) is not None:
                file.release()
            self._translations.pop((locale, rel), None)
        self._earlier.pop(rel, None)
        self.history.forget(self.english_history_path(rel))

    def anchors(self, file: DocFile) -> set[str] | None:
        """The ids a link's ``#fragment`` can point at in ``file`` (None if it cannot be read). Kept once worked
        out, without keeping the article: links from everywhere point at a few articles."""
        key = (file.locale, file.rel)
        if key not in self._anchors:
            loaded = file.loaded
            self._anchors[key] = file.article.anchors() if file.article is not None else None
            if not loaded:
                file.release()
        return self._anchors[key]

    def asset_exists(self, locale: str, rel: PurePosixPath) -> bool:
        """Is there a file (an image, a download) ``rel`` in ``locale`` or in the default locale? Each folder is
        listed once: most links to files that are not there would otherwise cost two system calls each."""
        return any(self._listed(self.docs_dir / folder / rel) for folder in (locale, self.default_locale))

    def _listed(self, path: Path) -> bool:
        folder = path.parent
        if folder not in self._folders:
            try:
                self._folders[folder] = frozenset(os.listdir(folder))
            except OSError:  # no such folder, or not one
                self._folders[folder] = frozenset()
        return path.name in self._folders[folder] and path.exists()  # exists: a listed link may be broken

    def translation(self, file: DocFile) -> Translation:
        key = (file.locale, file.rel)
        if key not in self._translations:
            self._translations[key] = self._analyse(file)
        return self._translations[key]

    def _analyse(self, file: DocFile) -> Translation:
        english = self.english(file.rel)
        value = file.front_matter.get("ms.openlocfilehash")
        openlocfilehash = str(value).strip().lower() if value else None
        state, source, revision, change = State.UNKNOWN, None, None, None
        if english is not None and english.article is not None and is_content_hash(openlocfilehash):
            if matches(openlocfilehash, english.data):
                state, source = State.CURRENT, english.article
            else:
                state = State.STALE
                revision = self.history.find(self.english_history_path(english.rel), openlocfilehash)
                if revision is not None:
                    source, change = self._earlier_english(english.rel, english.article, revision)
        share, basis = self._untranslated(file, source)
        if state is State.CURRENT and share is not None and share > self.config.untranslated_threshold:
            state = State.UNTRANSLATED
        return Translation(file=file, english=english, state=state, source=source, revision=revision,
                           change=change, untranslated_share=share, untranslated_basis=basis)

    def _earlier_english(self, rel: PurePosixPath, current: Article,
                         revision: Revision) -> tuple[Article | None, ArticleChange | None]:
        """An earlier revision of the English article ``rel`` (``current`` as it is now), parsed, and what changed
        since: worked out once for all the locales whose translations were made from it."""
        known = self._earlier.setdefault(rel, {})
        if revision.commit not in known:
            try:
                source = Article.from_text(decode(revision.data).text)
            except EncodingError:
                known[revision.commit] = None, None
            else:
                known[revision.commit] = source, compare(source, current)
        return known[revision.commit]

    def english_history_path(self, rel: PurePosixPath) -> Path:
        """Where git history holds the English of article ``rel``."""
        return self.layout.english_history_path(rel)

    def xliff_path(self, file: DocFile) -> Path:
        return self.layout.xliff(file.locale, file.rel)

    def segment_pairs(self, translation: Translation) -> list[TransUnit]:
        """The segment pairs ``locdocs ingest`` kept for a translation (``l10n/LL/REL.xlf``) when they are of the
        same handoff; else none. Raise what lxml raises for a file it cannot read."""
        xliff = self.xliff_path(translation.file)
        if not xliff.is_file():
            return []
        properties, units = read_xliff(xliff.read_bytes())
        return units if _same_handoff(properties, translation.openlocfilehash) else []

    def _untranslated(self, file: DocFile, source: Article | None) -> tuple[float | None, str]:
        """Share of segments still in English (from the XLIFF of the same handoff), else of paragraphs."""
        xliff = self.xliff_path(file)
        if xliff.is_file():
            try:
                properties, counts = read_segment_counts(xliff)
            except Exception:  # an unreadable XLIFF only means we fall back to paragraphs  # noqa: BLE001
                properties, counts = {}, None
            made_from = str(file.front_matter.get("ms.openlocfilehash", ""))
            if _same_handoff(properties, made_from) and counts is not None and counts.to_translate:
                return counts.untranslated / counts.to_translate, "segments"
        if source is None or file.article is None:
            return None, "paragraphs"
        english = {p for p in source.paragraphs if has_letter(p)}
        mine = [p for p in file.article.paragraphs if has_letter(p)]
        if not mine:
            return None, "paragraphs"
        return sum(p in english for p in mine) / len(mine), "paragraphs"


def _same_handoff(properties: dict, openlocfilehash: object) -> bool:
    """Are an XLIFF file's handoff properties those of the translation made from ``openlocfilehash`` (its
    ``ms.openlocfilehash``)? Segment data of another handoff is never mixed in."""
    return str(properties.get("ms.openlocfilehash", "")).lower() == str(openlocfilehash or "").lower()
