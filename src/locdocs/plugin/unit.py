"""Build one locale of one version on its own (a build unit of ``locdocs build``), doing the part of static-i18n's
work it needs.

static-i18n builds every locale in one process, one after the other. A unit build instead gives MkDocs only this
locale's pages: ``docs/LL/x.md`` becomes ``LL/x.md`` (the default locale's at the root), and a page the locale
lacks is the English file at the same place (a fallback page). Each page's language switcher and hreflang
alternates (``extra.alternate``) point at the same page in every locale. The output of all units of a version,
put side by side, is the same tree static-i18n writes.

``locdocs build`` describes a unit in a ``UnitSpec``; the unit's MkDocs process (``publish.unit_build``) hands the
plugin a ``UnitLayout``, which the plugin's hooks call where a unit differs from a static-i18n build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.structure.files import File, Files

from ..errors import LocdocsError
from ..layout import Language, locale_prefix, page_url
from ..site.language import theme_language
from ..site.search import search_language
from .page_reuse import IgnoreDirtyWarning, PageReuse


@dataclass(frozen=True)
class UnitSpec:
    """What ``locdocs build`` tells the MkDocs process that builds one unit."""

    config_file: str
    """The site's own mkdocs.yml: the unit's configuration is that file plus the overrides below."""
    locale: str
    languages: tuple[Language, ...]
    """Every locale of the site (static-i18n is not loaded in a unit: it says which ones there are)."""
    tree: str
    """The version's source tree: ``tree/docs`` (the unit's docs_dir) and ``tree/l10n``."""
    history_dir: str
    """The repository's docs folder, whose git history explains stale translations."""
    site_dir: str
    site_url: str
    """The version's URL: ``site_url`` of mkdocs.yml + the version + ``/``."""
    default_version: str
    """The version or alias the versioned site's root goes to (Material's ``extra.version``)."""
    status_file: str | None = None
    """The rows of ``locdocs status`` for the status page, computed once for all units of the version."""
    page_cache_key: str | None = None
    """A hash of what every page of the unit depends on besides its own inputs, the same in every version: turns on
    writing the page manifest that lets later builds reuse unchanged pages (plugin.page_reuse)."""
    reuse_dirs: tuple[str, ...] = ()
    """With page_cache_key: earlier outputs whose pages are reused where their key is the same (a dirty build):
    the unit's previous output, then the same locale's units of other versions."""
    version_titles: dict[str, str] = field(default_factory=dict)
    """Each version's title (as versions.json has it) -> its name in this unit's language."""
    part: int = 0
    parts: int = 1
    """A unit built in ``parts`` processes: this one renders the ``part``-th run of its pages (page_reuse)."""
    template_cache: str = ""
    """A folder where the theme's templates are kept compiled, for the next unit builds ("": none)."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> UnitSpec:
        data = json.loads(text)
        data["languages"] = tuple(Language(**language) for language in data["languages"])
        data["reuse_dirs"] = tuple(data.get("reuse_dirs") or ())
        return cls(**data)

    @property
    def default_locale(self) -> str:
        return next((language.locale for language in self.languages if language.default), "en")


class UnitLayout:
    """The unit's side of each plugin hook: its configuration, its files, its pages' alternates, page reuse."""

    def __init__(self, spec: UnitSpec) -> None:
        self.spec = spec
        self.locale = spec.locale
        self.default_locale = spec.default_locale
        self.page_reuse: PageReuse | None = None

    def configure(self, config: Any) -> None:
        """One locale: the theme speaks it, the navigation has its paths, search indexes its language."""
        config.theme["language"] = theme_language(self.locale)
        config.nav = locale_nav(config.nav, self.locale, self.default_locale)
        language = next(language for language in self.spec.languages if language.locale == self.locale)
        config.site_name = language.site_name or config.site_name  # as static-i18n does per language
        config.site_description = language.site_description or config.site_description
        config.extra["locdocs_version_titles"] = self.spec.version_titles  # overrides/main.html, locdocs.js
        # The logo goes to this locale's home page (Material: extra.homepage, else the navigation's home page).
        config.extra["homepage"] = locale_prefix(self.locale, self.default_locale) or "."
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None:
            search_lang = search_language(self.locale)
            if search_lang is None:
                logging.getLogger("mkdocs.plugins.locdocs").info(
                    f"search in {self.locale}: the theme has no search language for it; English rules apply")
            search.config.lang = [search_lang or "en"]
        if self.spec.reuse_dirs or self.spec.parts > 1:
            logging.getLogger("mkdocs.commands.build").addFilter(IgnoreDirtyWarning())

    def files(self, files: Files, config: Any) -> Files:
        locales = tuple(language.locale for language in self.spec.languages)
        return locale_files(files, config, self.locale, self.default_locale, locales)

    def rel(self, src_uri: str) -> PurePosixPath:
        """A page's path inside its locale folder: the default locale's unit has its pages at the root."""
        parts = PurePosixPath(src_uri).parts
        return PurePosixPath(*parts) if self.locale == self.default_locale else PurePosixPath(*parts[1:])

    def alternates(self, src_uri: str) -> list[dict]:
        """``extra.alternate`` for a page: the same page in every locale."""
        return alternates(self.rel(src_uri), self.spec.languages, self.default_locale)

    def plan_reuse(self, pages: list, nav_items: list, config: Any, inputs: Callable[[Any], Iterable[bytes]],
                   shown_meta: Callable[[Any], dict]) -> PageReuse | None:
        """With a page cache key: key every page and mark those built before, and those another part of the unit
        renders, as not to be built (plugin.page_reuse)."""
        if self.spec.page_cache_key is None:
            return None
        sources = [Path(folder) for folder in self.spec.reuse_dirs]
        self.page_reuse = PageReuse(self.spec.page_cache_key, config.site_url, sources,
                                    part=(self.spec.part, self.spec.parts))
        self.page_reuse.plan(pages, nav_items, config, inputs, shown_meta)
        return self.page_reuse

    def cache_templates(self, env: Any) -> None:
        """Keep the theme's templates compiled in the spec's ``template_cache`` (Jinja's bytecode cache): a unit
        that renders a few pages spent much of its time compiling the dozens of templates a page is made of.
        Jinja checks each template's source against the one compiled; the file names also hold what the
        environment compiles with, so that another configuration never takes these."""
        if not self.spec.template_cache:
            return
        from jinja2 import FileSystemBytecodeCache

        settings = [jinja2_version(), sorted(env.extensions), env.block_start_string, env.block_end_string,
                    env.variable_start_string, env.variable_end_string, env.comment_start_string,
                    env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                    env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
                    env.is_async, _name(env.autoescape), _name(env.finalize)]
        salt = hashlib.sha256(json.dumps(settings, default=str).encode()).hexdigest()[:16]
        folder = Path(self.spec.template_cache)
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder), f"{salt}-%s.cache")

    def pages_rendered(self) -> None:
        """Every page is rendered, none written yet (on_env)."""
        if self.page_reuse is not None:
            self.page_reuse.skip_title_only()

    def rendered(self, page: Any) -> None:
        if self.page_reuse is not None:
            self.page_reuse.rendered(page)

    def finish(self, site_dir: Path) -> None:
        if self.page_reuse is not None:
            self.page_reuse.finish(site_dir)


def jinja2_version() -> str:
    from importlib.metadata import version

    return version("jinja2")


def _name(value: object) -> str:
    """A function by its qualified name (its repr holds an address that changes with every process)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def locale_files(files: Files, config: Any, locale: str, default: str, locales: tuple[str, ...]) -> Files:
    """The files of a unit build: this locale's, the default locale's where it has none, everything else as is."""
    by_locale: dict[str, dict[PurePosixPath, File]] = {code: {} for code in locales}
    others = []
    for file in files:
        parts = PurePosixPath(file.src_uri).parts
        if parts and parts[0] in by_locale:
            by_locale[parts[0]][PurePosixPath(*parts[1:])] = file
        else:
            others.append(file)
    chosen = []
    prefix = locale_prefix(locale, default)
    for rel in sorted(set(by_locale[default]) | set(by_locale[locale])):
        source = by_locale[locale].get(rel) or by_locale[default][rel]
        if source.abs_src_path is None:  # made in memory by another plugin: no file to build the page from
            raise LocdocsError(f"{source.src_uri}: a unit build takes every page of a locale folder from a file, "
                               "and another plugin generated this one in memory")
        file = File.generated(config, prefix + rel.as_posix(), abs_src_path=source.abs_src_path,
                              inclusion=source.inclusion)
        file.locale = locale if rel in by_locale[locale] else default  # type: ignore[attr-defined]  # as static-i18n marks its files
        chosen.append(file)
    return Files(chosen + others)


def locale_nav(nav: Any, locale: str, default: str) -> Any:
    """The ``nav`` of mkdocs.yml (paths inside a locale folder) with this unit's paths."""
    prefix = locale_prefix(locale, default)

    def convert(item: Any) -> Any:
        if isinstance(item, str):
            return item if "://" in item else prefix + item
        if isinstance(item, dict):
            return {key: convert(value) for key, value in item.items()}
        if isinstance(item, list):
            return [convert(value) for value in item]
        return item

    return convert(nav) if nav else nav


def alternates(rel: PurePosixPath, languages: tuple[Language, ...], default: str) -> list[dict]:
    """``extra.alternate`` for a page: the same page in every locale, as paths from the site root (Material makes
    them relative to the page, so a version prefix stays)."""
    url = page_url(rel)
    return [{"name": language.name, "lang": language.locale,
             "link": (locale_prefix(language.locale, default) + url) or "."} for language in languages]
