"""What the plugin knows during one build of the site, and the reader-facing features (``locdocs.site``) it applies
to each page.

A ``SiteBuild`` is made when a build starts (``on_pre_build``) from the docs as they are; static-i18n then builds
every locale with it, one after the other, or a unit build builds its one locale. Each method is one hook's work.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cached_property
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..check.background import BackgroundCheck
from ..config import Config, layout_from_mkdocs
from ..fileio import atomic_write
from ..layout import STATUS_PAGE, Language, locale_prefix, page_url
from ..render import MarkdownSetup
from ..site import TEMPLATES
from ..site.head import HEAD_SCRIPT, english_text_urls, fix_page_head, head_script
from ..site.language import set_page_language
from ..site.messages import Messages
from ..site.not_found import NOT_FOUND
from ..site.notices import fallback_notice, originals_control, translation_notices
from ..site.page import PageSanitizer, english_texts, page_markdown, render_hazard, text_title, translated_meta
from ..site.search import split_search_index
from ..site.sitemap import write_sitemap
from ..site.status_page import status_markdown
from ..status import StatusRow, collect_status
from ..translations import DocsIndex
from .options import PluginOptions
from .unit import UnitLayout

STYLESHEET, SCRIPT = "locdocs.css", "locdocs.js"
ASSETS = (STYLESHEET, SCRIPT, PurePosixPath(HEAD_SCRIPT).name)
"""site/assets/, published under assets/locdocs/: every page links the stylesheet and the script; the head script
is put at the top of each page's <head> (on_post_page), before anything renders."""


def add_templates(theme: Any) -> None:
    """Put the plugin's templates in Material's search path, after the site's own ``custom_dir`` (which can override
    any of them) and before the theme's."""
    if theme.name != "material" or str(TEMPLATES) in theme.dirs:
        return
    custom_dir = theme.get("custom_dir")
    position = theme.dirs.index(custom_dir) + 1 if custom_dir in theme.dirs else 0
    theme.dirs.insert(position, str(TEMPLATES))


def build_config(mkdocs_config: Any, options: PluginOptions, unit: UnitLayout | None) -> Config:
    """The docs' configuration for this build: a unit reads its version's tree, with the repository's history."""
    languages = unit.spec.languages if unit is not None else None
    layout = layout_from_mkdocs(mkdocs_config, options, languages)
    if unit is not None:
        layout = replace(layout, l10n_dir=Path(unit.spec.tree) / "l10n", history_dir=Path(unit.spec.history_dir))
    return Config.from_options(options, layout, MarkdownSetup.of(mkdocs_config))


class SiteBuild:
    def __init__(self, config: Config, languages: tuple[Language, ...], unit: UnitLayout | None) -> None:
        self.docs = DocsIndex(config)
        self.languages = languages
        self.unit = unit
        self.fallback_urls = self.docs.fallback_urls()
        """Pages that will show the English text under a locale's URL: known before any locale is built, so that
        every page's hreflang alternates can leave them out."""
        self.pages: list[str] = []
        """The URL of every page built, in every locale, for the sitemap."""
        self.not_found: dict[str, str] = {}
        """Each locale's 404 page as the theme rendered it (MkDocs writes every locale's at the site's root)."""
        self._alternate: tuple[Any, Any] = (None, None)
        self._notes: dict[str, str] = {}
        self._status_rows: list[StatusRow] | None = None
        self._status_index: dict[str, list[dict]] | None = None
        self.sanitizer = PageSanitizer(self.docs)
        self.messages = Messages(config.messages)
        """What the site tells its readers: the message catalogs, with the site's own words."""
        self._not_rendered: set[str] = set()
        """Translated pages too hostile to render (site.page.render_hazard), which show the English article."""

    @property
    def default_locale(self) -> str:
        return self.docs.default_locale

    def missing_messages(self) -> list[str]:
        """A line for each locale built whose readers would see a message in English (no catalog fits it)."""
        locales = [self.unit.locale] if self.unit is not None else [language.locale for language in self.languages]
        return self.messages.missing(locales)

    def start_check(self) -> BackgroundCheck | None:
        """What ``locdocs check`` finds, worked out while the build goes on. A unit shows one locale of a site that
        ``locdocs build`` checks whole: None."""
        return None if self.unit is not None else BackgroundCheck(self.docs.config, self.docs)

    def rel(self, src_uri: str) -> PurePosixPath:
        """A page's path inside its locale folder (static-i18n keeps the locale folder in src_uri)."""
        if self.unit is not None:
            return self.unit.rel(src_uri)
        return PurePosixPath(*PurePosixPath(src_uri).parts[1:])

    # on_files

    def add_files(self, files: Files, config: Any, locale: str) -> Files:
        """The plugin's assets, and the locale's translation-status page (unless the docs have one)."""
        assets = resources.files("locdocs.site").joinpath("assets")
        for asset in ASSETS:
            if files.get_file_from_path(f"assets/locdocs/{asset}") is None:
                files.append(File.generated(config, f"assets/locdocs/{asset}",
                                            content=assets.joinpath(asset).read_bytes()))
        titles = {rel.as_posix(): str(english.front_matter.get("title") or rel.stem)
                  for rel in self.docs.english_articles() if (english := self.docs.english(rel)) is not None}
        languages = {language.locale: language.name for language in self.languages}
        path = STATUS_PAGE.as_posix() if locale == self.default_locale else f"{locale}/{STATUS_PAGE}"
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=status_markdown(self.status(), locale, titles,
                                                                               languages, self.messages)))
        return files

    def status(self) -> list[StatusRow]:
        """The rows of the status page: computed once per build (static-i18n asks once per locale), or read from
        the file ``locdocs build`` wrote for all its units."""
        if self._status_rows is None:
            status_file = self.unit.spec.status_file if self.unit is not None else None
            if status_file:
                rows = json.loads(Path(status_file).read_text("utf-8"))
                self._status_rows = [StatusRow(**row) for row in rows]
            else:
                self._status_rows = collect_status(self.docs)
        return self._status_rows

    def page_inputs(self, page: Any) -> list[bytes]:
        """What a unit page depends on besides its source and the navigation: its article's status in every locale
        (notices, honest alternates), and for a translation the English article and the XLIFF (notices, English
        originals)."""
        rel = self.rel(page.file.src_uri)
        rows = self._status_by_article().get(rel.as_posix(), [])
        inputs = [json.dumps(rows, sort_keys=True, ensure_ascii=False).encode("utf-8")]
        locale = self.unit.locale if self.unit is not None else self.default_locale
        if locale != self.default_locale:
            for path in (self.docs.layout.page(self.default_locale, rel), self.docs.layout.xliff(locale, rel)):
                inputs.append(path.read_bytes() if path.is_file() else b"-")
        return inputs

    def _status_by_article(self) -> dict[str, list[dict]]:
        if self._status_index is None:
            self._status_index = {}
            for row in self.status():
                self._status_index.setdefault(row.article, []).append(row.as_dict())
        return self._status_index

    # on_page_markdown, on_page_content

    def shown_meta(self, page: Any, locale: str) -> dict:
        """The front matter a page is shown with: its title without the site's suffix; of a translation, what
        ``translated_meta`` keeps. Also that of a page this build does not render (reused, or another part's),
        whose title and front matter the navigation shows."""
        meta = dict(page.meta)
        suffix = self.docs.config.title_suffix
        if suffix is not None and isinstance(meta.get("title"), str):
            meta["title"] = suffix.sub("", meta["title"]).strip() or meta["title"]
        if getattr(page.file, "locale", locale) == locale and locale != self.default_locale:
            english = self.docs.english(self.rel(page.file.src_uri))
            meta = translated_meta(meta, english.front_matter if english is not None else {})
        return meta

    def page_markdown(self, markdown: str, page: Any, locale: str) -> str:
        """Notices and English originals for a translated page; English anchors as heading ids; links outside the
        content to their external address. A translation's front matter reaches the page only as text."""
        docs = self.docs
        rel = self.rel(page.file.src_uri)
        page.meta = self.shown_meta(page, locale)
        notes = ""
        if getattr(page.file, "locale", locale) != locale:
            notes = fallback_notice(locale, self.messages).html()
        elif locale != self.default_locale:
            english = docs.english(rel)
            translated = (locale, rel) in docs.files  # not a page the plugin adds, such as the status page
            if translated and render_hazard(markdown, english_texts(docs, locale, rel)) is not None:  # checked
                self._notes[page.url] = fallback_notice(locale, self.messages).html()
                self._not_rendered.add(page.url)
                return page_markdown(docs, self.default_locale, rel, english.article.body)[0] \
                    if english is not None and english.article is not None else ""
            if translated and not docs.excluded(rel) and english is not None:
                translation = docs.translation(docs.files[locale, rel])
                english_url = get_relative_url(page_url(rel), page.url)
                notes = "".join(notice.html() for notice in translation_notices(translation, locale, english_url,
                                                                                 self.messages))
        markdown, originals = page_markdown(docs, locale, rel, markdown)
        if originals:
            notes += originals_control(locale, by_structure=originals == "structure", message=self.messages)
        self._notes[page.url] = notes
        return markdown

    def page_content(self, html: str, page: Any, locale: str) -> str:
        """A translated page's HTML, sanitized (the English is trusted, a translation is not), with its notices."""
        rel = self.rel(page.file.src_uri)
        if locale != self.default_locale and getattr(page.file, "locale", locale) == locale \
                and (locale, rel) in self.docs.files:  # a translator's file, not a page the plugin adds
            html = self.sanitizer(locale, rel, html).html
            if "title" not in page.meta and page.title:
                page.meta["title"] = text_title(page.title)  # the theme prints it as HTML
        # Read with an English voice (the notices stay in the reader's language).
        if page.url in self.english_text_urls or page.url in self._not_rendered:
            html = f'<div lang="en" dir="ltr">{html}</div>'
        notes = self._notes.pop(page.url, "")
        return f'{notes}<div id="locdocs-article">{html}</div>' if notes else html

    # on_post_template, on_post_page, on_post_build

    @cached_property
    def english_text_urls(self) -> set[str]:
        """The pages whose text is the English under another locale's URL: the fallback pages and the translations
        still in English (state untranslated). Worked out once per build, from the same status rows as the status
        page, so that every page's alternates, and the sitemap, leave out the same pages."""
        untranslated = ((row.locale, row.article) for row in self.status() if row.state == "untranslated")
        return english_text_urls(self.fallback_urls, untranslated, self.docs.layout.url)

    def template_context(self, template_name: str, config: Any) -> None:
        """A 404 page has no translations: no hreflang alternates, no language switcher. static-i18n leaves those
        of the page it built last in the configuration (``extra.alternate``, as a key or, set per page, as an
        attribute): they are put back once the page is rendered."""
        if template_name == NOT_FOUND:
            extra = config.extra
            self._alternate = (extra.pop("alternate", None), vars(extra).pop("alternate", None))

    def post_template(self, output: str, template_name: str, locale: str, config: Any) -> str:
        """Keep the locale's 404 page, to be put in the locale's folder when the build ends."""
        if template_name == NOT_FOUND:
            output = set_page_language(output, locale)
            self.not_found[locale] = output
            key, attribute = self._alternate
            if key is not None:
                config.extra["alternate"] = key
            if attribute is not None:
                config.extra.alternate = attribute
            self._alternate = (None, None)
        return output

    def post_page(self, output: str, page: Any, locale: str, site_url: str | None) -> str:
        """The head script, and honest alternates (absolute, under ``site_url``) and canonical link in the page's
        head."""
        self.pages.append(page.url)
        output = set_page_language(output, locale)
        script = head_script(get_relative_url(HEAD_SCRIPT, page.url),
                             None if locale == self.default_locale else locale,
                             get_relative_url("sitemap.xml", page.url), site_url)
        output = output.replace("</head>", script + "\n</head>", 1)
        english_canonical = None
        if page.url in self.english_text_urls:
            english_canonical = (site_url or "/").rstrip("/") + "/" + page_url(self.rel(page.file.src_uri))
        return fix_page_head(output, page_url=page.url, default_locale=self.default_locale,
                             fallback_urls=self.english_text_urls, english_canonical=english_canonical,
                             site_url=site_url)

    def post_build(self, site_dir: Path, site_url: str | None) -> None:
        """One search index per locale; the sitemap (a unit's is merged with the others' by ``locdocs build``);
        each locale's 404 page in its folder."""
        if (site_dir / "search" / "search_index.json").is_file():
            excluded: dict[str, set[str]] = {}
            for url in self.fallback_urls:
                excluded.setdefault(url.split("/", 1)[0], set()).add(url)
            locales = [self.unit.locale] if self.unit is not None else list(self.docs.locales)
            split_search_index(site_dir, self.default_locale, locales, excluded)
        if site_url and self.unit is None:
            write_sitemap(site_dir, site_url, self.pages, default_locale=self.default_locale,
                          locales=self.docs.locales, fallback_urls=self.english_text_urls)
        self._write_not_found(site_dir, site_url)

    def _write_not_found(self, site_dir: Path, site_url: str | None) -> None:
        """Each locale's 404 page at ``LL/404.html`` (the default locale's at the root), with the head script. MkDocs
        renders error pages with absolute links (site_url's path), as they are served at any depth."""
        base = urlsplit(site_url or "/").path.rstrip("/") + "/"
        for locale, output in self.not_found.items():
            prefix = locale_prefix(locale, self.default_locale)
            script = head_script(base + HEAD_SCRIPT, prefix.rstrip("/") or None, base + "sitemap.xml", site_url)
            atomic_write(site_dir / prefix / NOT_FOUND, output.replace("</head>", script + "\n</head>", 1).encode())
        if self.unit is not None and self.unit.locale != self.default_locale:
            (site_dir / NOT_FOUND).unlink(missing_ok=True)  # the unit's page is in its locale's folder
        self.not_found.clear()
