"""The ``locdocs`` MkDocs plugin: the same checks as ``locdocs check`` during ``mkdocs build``, and the site's
reader-facing features (locdocs.site): heading anchors, truthful notices, English originals, per-locale search,
honest hreflang and sitemap, the translation-status page, links outside the content.

Findings are logged at the level configured for their rule, so ``mkdocs build --strict`` fails on warnings and
errors, as with MkDocs' own ``validation`` options::

    plugins:
      - locdocs:
          rules:
            stale_translation: warn     # error | warn | info | ignore
            missing_translation: info
          untranslated_threshold: 0.5
          exclude: [index.md]
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path, PurePosixPath

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .check import run_check
from .config import RULES, SITE_OPTIONS, Config, Severity, config_from_options
from .errors import LocdocsError
from .fileio import files_out_of
from .site.alternates import fix_page_head, fix_sitemap
from .site.anchors import anchors_to_heading_ids
from .site.fast_nav import FastNav
from .site.links import rewrite_external_links
from .site.locale_build import alternates, locale_files, locale_nav, page_url
from .site.messages import message
from .site.notices import fallback_notice, originals_control, translation_notices
from .site.originals import annotate_originals
from .site.page_reuse import IgnoreDirtyWarning, PageReuse
from .site.search import head_script, split_search_index
from .site.status_page import status_markdown
from .status import StatusRow, collect_status
from .translations import Site
from .xliff import read_xliff, xliff_path

log = get_plugin_logger(__name__)

_LEVELS = ("error", "warn", "info", "ignore")
_CONFIG_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warn", Severity.INFO: "info", Severity.IGNORE: "ignore"}


class RulesConfig(base.Config):
    """One option per rule: the level its findings are logged at."""

    leftover_markup = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["leftover-markup"].severity])
    front_matter_invalid = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["front-matter-invalid"].severity])
    front_matter_mismatch = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["front-matter-mismatch"].severity])
    anchor_mismatch = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["anchor-mismatch"].severity])
    stale_translation = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["stale-translation"].severity])
    untranslated = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["untranslated"].severity])
    missing_translation = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["missing-translation"].severity])
    orphan_translation = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["orphan-translation"].severity])
    broken_link = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["broken-link"].severity])
    unsafe_content = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["unsafe-content"].severity])
    encoding = c.Choice(_LEVELS, default=_CONFIG_LEVEL[RULES["encoding"].severity])


class LocdocsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it."""
    rules = c.SubConfig(RulesConfig)
    """The level of each rule's findings."""
    untranslated_threshold = c.Type(float, default=0.5)
    """Share of segments or paragraphs still in English above which an article counts as untranslated."""
    required_locale_keys = c.ListOfItems(c.Type(str), default=list(Config.required_locale_keys))
    """Front matter keys every translation must have."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (inside a locale folder) of site pages that are not translations, such as index.md."""
    l10n_dir = c.Type(str, default="l10n")
    """Where ``locdocs ingest`` keeps the XLIFF segment files, relative to mkdocs.yml."""
    external_base_url = c.Optional(c.Type(str))
    """Base URL for links to articles that are not part of the content."""
    history_dir = c.Optional(c.Type(str))
    """The docs folder of the git repository whose history explains stale translations (default: docs_dir)."""
    unit_locale = c.Optional(c.Type(str))
    """Build only this locale (a build unit of ``locdocs build``), without static-i18n."""
    languages = c.ListOfItems(c.Type(dict), default=[])
    """With unit_locale: every locale of the site, as static-i18n's languages (locale, name, default)."""
    status_file = c.Optional(c.Type(str))
    """With unit_locale: the rows of ``locdocs status`` for the status page, computed once for all units."""
    page_cache_key = c.Optional(c.Type(str))
    """With unit_locale: a hash of what every page of the unit depends on besides its own files; turns on writing
    the page manifest that lets the next build of the unit reuse unchanged pages (site.page_reuse)."""
    reuse_dir = c.Optional(c.Type(str))
    """With page_cache_key: the unit's previous output, whose unchanged pages are reused (a ``--dirty`` build)."""
    fast_nav = c.Type(bool, default=True)
    """Render the theme's navigation sidebar once per group of sibling pages (site.fast_nav), not once per page."""


def _i18n(config):
    return config.plugins.get("i18n")


def _languages(config, options) -> list[dict]:
    """Every locale of the site (locale, name, default): the unit's languages option, or static-i18n's."""
    if options.languages:
        return [dict(language) for language in options.languages]
    languages = getattr(getattr(_i18n(config), "config", None), "languages", None) or []
    return [{"locale": lang.locale, "name": lang.name, "default": bool(lang.default)} for lang in languages]


def _i18n_locales(config, options) -> tuple[str, tuple[str, ...]]:
    """The default locale and every locale of the site."""
    languages = _languages(config, options)
    default = next((language["locale"] for language in languages if language.get("default")), "en")
    return default, tuple(language["locale"] for language in languages)


def _build_locale(config, options, default: str) -> str:
    """The locale being built: a unit's own, or the one static-i18n is building (one after the other)."""
    return options.unit_locale or getattr(_i18n(config), "current_language", None) or default


ASSETS = ("locdocs.css", "locdocs.js")
STATUS_PAGE = "translation-status.md"


class LocdocsPlugin(BasePlugin[LocdocsConfig]):
    def __init__(self) -> None:
        self._checked: tuple | None = None
        self.site: Site | None = None
        self.fallback_urls: set[str] = set()
        self._page_notes: dict[str, str] = {}
        self._status_rows: list[StatusRow] | None = None
        self.page_reuse: PageReuse | None = None

    def _check_config(self, config) -> Config:
        default, locales = _i18n_locales(config, self.config)
        options = {key: value for key, value in dict(self.config).items() if key not in SITE_OPTIONS}
        options["rules"] = dict(options["rules"])
        return config_from_options(options, docs_dir=Path(config.docs_dir),
                                   base=Path(config.config_file_path or ".").parent,
                                   default_locale=default, locales=locales)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"assets/locdocs/{asset}" not in target:
                target.append(f"assets/locdocs/{asset}")
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # headings get the English anchor as {#id}
        if self.config.unit_locale:
            default, _ = _i18n_locales(config, self.config)
            locale = self.config.unit_locale
            config.theme["language"] = locale
            config.nav = locale_nav(config.nav, locale, default)
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None:
                search.config.lang = [locale]
            if self.config.reuse_dir:
                logging.getLogger("mkdocs.commands.build").addFilter(IgnoreDirtyWarning())
        return config

    def on_pre_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        docs_dir = Path(config.docs_dir)
        # static-i18n runs one build per locale: check the docs once per change, not once per locale.
        fingerprint = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(docs_dir.rglob("*.md")))
        if fingerprint == self._checked:
            return
        self._checked = fingerprint
        self._status_rows = None
        try:
            self.site = Site(self._check_config(config))
            # A build unit shows one locale of a site that `locdocs build` checks as a whole: no check per unit.
            findings = [] if self.config.unit_locale else run_check(self.site.config, self.site)
        except LocdocsError as error:
            raise PluginError(f"locdocs: {error}") from error
        # Pages static-i18n will fill with the English text: known before any locale is built, so that every
        # page's hreflang alternates can leave them out.
        self.fallback_urls = {f"{locale}/{page_url(rel)}" for rel in self.site.english_articles()
                              for locale in self.site.translation_locales if (locale, rel) not in self.site.files}
        for finding in findings:
            if finding.severity is Severity.ERROR:
                log.error(str(finding))
            elif finding.severity is Severity.WARNING:
                log.warning(str(finding))
            else:
                log.info(str(finding))

    @event_priority(-110)  # after static-i18n has chosen this locale's files: ours are added to them
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled or self.site is None:
            return files
        docs_dir = Path(config.docs_dir)
        by_path = {Path(file.abs_src_path): file for file in files if file.abs_src_path}
        outside = [by_path[path] for path in files_out_of(by_path, docs_dir)]
        for file in outside:  # reported by the check (rule unsafe-content); a unit is not checked on its own
            files.remove(file)
            if self.config.unit_locale:
                log.warning(f"{file.src_uri}: symbolic link to a file outside the docs folder: not published")
        if self.config.unit_locale:
            files = locale_files(files, config, self.config.unit_locale, self.site.default_locale,
                                 self.site.locales)
        assets = resources.files("locdocs.site").joinpath("assets")
        for asset in ASSETS:
            if files.get_file_from_path(f"assets/locdocs/{asset}") is None:
                files.append(File.generated(config, f"assets/locdocs/{asset}",
                                            content=assets.joinpath(asset).read_bytes()))
        titles = {rel.as_posix(): str(self.site.english(rel).front_matter.get("title") or rel.stem)
                  for rel in self.site.english_articles()}
        languages = {language["locale"]: language["name"] for language in _languages(config, self.config)}
        locale = _build_locale(config, self.config, self.site.default_locale)
        path = STATUS_PAGE if locale == self.site.default_locale else f"{locale}/{STATUS_PAGE}"
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=status_markdown(self._status(), locale, titles,
                                                                               languages)))
        return files

    @event_priority(-110)  # the navigation as every other plugin left it
    def on_nav(self, nav, *, config, files):
        if self.config.enabled and self.config.unit_locale and self.config.page_cache_key and self.site is not None:
            previous = Path(self.config.reuse_dir) if self.config.reuse_dir else None
            self.page_reuse = PageReuse(self.config.page_cache_key, previous)
            self.page_reuse.plan([file.page for file in files.documentation_pages() if file.page is not None],
                                 nav.items, config, self._page_inputs)
            if self.page_reuse.reused:
                log.info(f"{len(self.page_reuse.reused)} of {len(self.page_reuse.pages)} pages reused "
                         f"from {previous}")
        return nav

    def _page_inputs(self, page) -> list[Path]:
        """The files a unit page depends on besides its source: for a translation, the English article and the
        XLIFF (notices, English originals)."""
        site, locale = self.site, self.config.unit_locale
        if locale == site.default_locale:
            return []
        rel = self._rel(page.file.src_uri, locale)
        return [site.docs_dir / site.default_locale / rel, xliff_path(site.config.l10n_dir, locale, rel)]

    def _status(self) -> list[StatusRow]:
        """The rows of the status page: computed once per build (static-i18n asks once per locale), or read from
        the file ``locdocs build`` wrote for all its units."""
        if self._status_rows is None:
            if self.config.status_file:
                rows = json.loads(Path(self.config.status_file).read_text("utf-8"))
                self._status_rows = [StatusRow(**row) for row in rows]
            else:
                self._status_rows = collect_status(self.site)
        return self._status_rows

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.config.enabled or self.site is None:
            return markdown
        site = self.site
        locale = _build_locale(config, self.config, site.default_locale)
        file_locale = getattr(page.file, "locale", locale)
        rel = self._rel(page.file.src_uri, locale)
        notes = ""
        if file_locale != locale:
            notes = fallback_notice(locale).html()
        elif locale != site.default_locale and (locale, rel) in site.files and not site.excluded(rel) \
                and site.english(rel) is not None:
            translation = site.translation(site.files[locale, rel])
            english_url = get_relative_url(page_url(rel), page.url)
            notes = "".join(n.html() for n in translation_notices(translation, locale, english_url))
            if (translation.translation_type or "").upper() == "MT":
                markdown, annotated = self._originals(markdown, site, translation)
                if annotated:
                    notes += originals_control(locale)
        self._page_notes[page.url] = notes
        markdown = anchors_to_heading_ids(markdown)
        if site.config.external_base_url:
            markdown = rewrite_external_links(
                markdown, rel, locale, site.config.external_base_url,
                exists=lambda article: (locale, article) in site.files or site.english(article) is not None)
        return markdown

    def _rel(self, src_uri: str, locale: str) -> PurePosixPath:
        """A page's path inside its locale folder: static-i18n keeps the folder in src_uri; a unit build keeps it
        for other locales and drops it for the default locale."""
        parts = PurePosixPath(src_uri).parts
        in_root = self.config.unit_locale and locale == self.site.default_locale
        return PurePosixPath(*parts) if in_root else PurePosixPath(*parts[1:])

    @staticmethod
    def _originals(markdown: str, site: Site, translation) -> tuple[str, int]:
        xliff = site.xliff_path(translation.file)
        if not xliff.is_file():
            return markdown, 0
        properties, units = read_xliff(xliff.read_bytes())
        if properties.get("ms.openlocfilehash", "").lower() != (translation.openlocfilehash or "").lower():
            return markdown, 0  # segment data of another handoff: do not mix it in
        front_matter_lines = translation.file.article.body_start_line - 1
        return annotate_originals(markdown, [u for u in units if (u.line or 0) > front_matter_lines])

    def on_env(self, env, *, config, files):
        """``locdocs_message(key)`` for templates (overrides/main.html), in the locale being built."""
        default = self.site.default_locale if self.site is not None else "en"
        env.globals["locdocs_message"] = lambda key: message(key, _build_locale(config, self.config, default))
        if self.config.enabled and self.config.fast_nav:
            FastNav(env, [file.page for file in files.documentation_pages() if file.page is not None])
        return env

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self.config.unit_locale and self.site is not None:
            rel = self._rel(page.file.src_uri, self.config.unit_locale)
            config.extra["alternate"] = alternates(rel, _languages(config, self.config), self.site.default_locale)
        return context

    def on_page_content(self, html: str, *, page, config, files) -> str:
        notes = self._page_notes.pop(page.url, "")
        return f'{notes}<div id="locdocs-article">{html}</div>' if notes else html

    def on_post_page(self, output: str, *, page, config) -> str:
        if not self.config.enabled or self.site is None:
            return output
        site = self.site
        locale = _build_locale(config, self.config, site.default_locale)
        script = head_script(None if locale == site.default_locale else locale,
                             get_relative_url("sitemap.xml", page.url))
        output = output.replace("</head>", script + "\n</head>", 1)
        english_canonical = None
        if page.url in self.fallback_urls:
            rel = self._rel(page.file.src_uri, locale)
            english_canonical = (config.site_url or "/").rstrip("/") + "/" + page_url(rel)
        return fix_page_head(output, page_url=page.url, default_locale=site.default_locale,
                             fallback_urls=self.fallback_urls, english_canonical=english_canonical)

    @event_priority(-110)  # after static-i18n has built every locale and merged their search entries
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.site is None or getattr(_i18n(config), "building", False):
            return
        site_dir = Path(config.site_dir)
        if self.page_reuse is not None:
            self.page_reuse.finish(site_dir)
        if (site_dir / "search" / "search_index.json").is_file():
            excluded: dict[str, set[str]] = {}
            for url in self.fallback_urls:
                excluded.setdefault(url.split("/", 1)[0], set()).add(url)
            locales = [self.config.unit_locale] if self.config.unit_locale else list(self.site.locales)
            split_search_index(site_dir, self.site.default_locale, locales, excluded, separators={"zh": ZH_SEPARATOR})
        if config.site_url and not self.config.unit_locale:  # a unit's sitemap is merged by locdocs build
            fix_sitemap(site_dir, config.site_url, self.site.default_locale, self.fallback_urls)


# Chinese text is segmented with jieba at build time, which joins words with U+200B: split on it too.
ZH_SEPARATOR = r"[\s\u200b\-]+"
