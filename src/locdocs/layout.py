"""Where a repository keeps each stage's files, and the formulas for every path and URL derived from them.

One ``Layout`` per repository, read from ``mkdocs.yml`` (``docs_dir``, the i18n plugin's languages, the locdocs
plugin's ``l10n_dir``, ``handoff_list``, ``handoff_dir``, ``versions_file``) by ``locdocs.config``; every stage asks
it where things are instead of joining paths itself::

    handoff          HANDOFF_DIR/<file>, listed in HANDOFF_LIST with the article it translates
    article          DOCS_DIR/LOCALE/REL                     page(locale, rel)
    segment pairs    L10N_DIR/LOCALE/REL.xlf                 xliff(locale, rel)
    URL              [LOCALE/]REL-without-.md/               url(locale, rel)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

STATUS_PAGE = PurePosixPath("translation-status.md")
"""The translation-status page the plugin adds to every locale folder (unless the docs have their own): a page of
the site, so links to it are links inside the content."""


@dataclass(frozen=True)
class Language:
    """One locale of the site, as the i18n plugin lists it."""

    locale: str
    """The locale folder and URL prefix, such as ``sv``."""
    name: str
    """What the language switcher shows, such as ``Svenska``."""
    default: bool = False
    """The locale of the English source (its pages sit at the site's root)."""
    site_name: str | None = None
    """The site's name in this language (static-i18n's per-language ``site_name``), if it has one."""
    site_description: str | None = None


@dataclass(frozen=True)
class Layout:
    """The folders and files of one repository."""

    root: Path = Path()
    """The folder of mkdocs.yml: relative settings are relative to it."""
    docs_dir: Path = Path("docs")
    """One subfolder per locale."""
    l10n_dir: Path = Path("l10n")
    """The segment pairs (XLIFF) that ``locdocs ingest`` keeps, one subfolder per locale."""
    languages: tuple[Language, ...] = ()
    """Every locale of the site; empty means: every folder of docs_dir, with ``en`` the default."""
    history_dir: Path | None = None
    """The docs folder in git whose history explains stale translations (default: docs_dir). A version tree's
    docs are a copy, outside git: its history is the repository's docs folder."""
    handoff_list: Path | None = None
    """The raw handoffs each version of the site chooses from (tab-separated: handoff file, article), if any."""
    handoff_dir: Path = Path("content/handoffs")
    """The folder the handoff list's file names are relative to."""
    versions_file: Path = Path("versions.yml")
    """The editions of the site that ``locdocs build`` publishes."""

    @property
    def default_locale(self) -> str:
        return next((language.locale for language in self.languages if language.default), "en")

    @property
    def locales(self) -> tuple[str, ...]:
        """Every configured locale, the default one included; empty when none is configured."""
        return tuple(language.locale for language in self.languages)

    @property
    def history(self) -> Path:
        return self.history_dir or self.docs_dir

    def page(self, locale: str, rel: PurePosixPath) -> Path:
        """Where article ``rel`` of ``locale`` is kept: ``DOCS_DIR/LOCALE/REL``."""
        return self.docs_dir.joinpath(locale, *rel.parts)

    def xliff(self, locale: str, rel: PurePosixPath) -> Path:
        """Where the segment pairs of article ``rel`` in ``locale`` are kept: ``L10N_DIR/LOCALE/REL.xlf``."""
        return xliff_path(self.l10n_dir, locale, rel)

    def english_history_path(self, rel: PurePosixPath) -> Path:
        """Where git history holds the English of article ``rel``."""
        return self.history.joinpath(self.default_locale, *rel.parts)

    def url(self, locale: str, rel: PurePosixPath) -> str:
        """The URL of article ``rel`` of ``locale``, relative to the site's root: ``sv/billing/a/``."""
        return locale_prefix(locale, self.default_locale) + page_url(rel)

    def for_tree(self, tree: Path) -> Layout:
        """The layout of a version's source tree (``tree/docs``, ``tree/l10n``), whose history is this one's."""
        return replace(self, docs_dir=tree / "docs", l10n_dir=tree / "l10n", history_dir=self.history)


def xliff_path(l10n_dir: Path, locale: str, rel: PurePosixPath) -> Path:
    """``L10N_DIR/LOCALE/REL.xlf``."""
    return Path(l10n_dir, locale, *rel.parts[:-1], rel.name + ".xlf")


def page_url(rel: PurePosixPath) -> str:
    """The URL of a page inside its locale folder, with directory URLs: billing/a.md -> billing/a/, index.md -> ''."""
    stem = rel.with_suffix("")
    if stem.name in ("index", "README"):
        stem = stem.parent
    return "" if stem == PurePosixPath(".") else stem.as_posix() + "/"


def locale_prefix(locale: str, default: str) -> str:
    """The URL prefix of a locale's pages: none for the default locale, ``LOCALE/`` for the others."""
    return "" if locale == default else f"{locale}/"


def external_url(base_url: str, locale: str, article: PurePosixPath, fragment: str = "") -> str:
    """Where a link to an article that is not part of the content goes: ``external_base_url`` (``{locale}`` in it
    being the page's locale) + the article's path without ``.md``."""
    url = base_url.replace("{locale}", locale).rstrip("/") + "/" + article.with_suffix("").as_posix()
    return url + (f"#{fragment}" if fragment else "")
