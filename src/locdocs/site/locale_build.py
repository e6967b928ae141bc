"""Build one locale of the site on its own (a build unit), doing the part of static-i18n's work it needs.

static-i18n builds every locale in one process, one after the other. A unit build instead gives MkDocs only this
locale's pages: ``docs/LL/x.md`` becomes ``LL/x.md`` (the default locale's at the root), and a page the locale
lacks is the English file at the same place (a fallback page). Each page's language switcher and hreflang
alternates (``extra.alternate``) point at the same page in every locale. The output of all units of a version,
put side by side, is the same tree static-i18n writes.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.structure.files import File, Files


def page_url(rel: PurePosixPath) -> str:
    """The URL of a page inside its locale folder, with directory URLs: billing/a.md -> billing/a/, index.md -> ''."""
    stem = rel.with_suffix("")
    if stem.name in ("index", "README"):
        stem = stem.parent
    return "" if stem == PurePosixPath(".") else stem.as_posix() + "/"


def locale_prefix(locale: str, default: str) -> str:
    return "" if locale == default else f"{locale}/"


def locale_files(files: Files, config, locale: str, default: str, locales: tuple[str, ...]) -> Files:
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
        file = File.generated(config, prefix + rel.as_posix(), abs_src_path=source.abs_src_path,
                              inclusion=source.inclusion)
        file.locale = locale if rel in by_locale[locale] else default  # as static-i18n marks its files
        chosen.append(file)
    return Files(chosen + others)


def locale_nav(nav: list | None, locale: str, default: str) -> list | None:
    """The ``nav`` of mkdocs.yml (paths inside a locale folder) with this unit's paths."""
    prefix = locale_prefix(locale, default)

    def convert(item):
        if isinstance(item, str):
            return item if "://" in item else prefix + item
        if isinstance(item, dict):
            return {key: convert(value) for key, value in item.items()}
        if isinstance(item, list):
            return [convert(value) for value in item]
        return item

    return convert(nav) if nav else nav


def alternates(rel: PurePosixPath, languages: list[dict], default: str) -> list[dict]:
    """``extra.alternate`` for a page: the same page in every locale, as paths from the site root (Material makes
    them relative to the page, so a version prefix stays)."""
    url = page_url(rel)
    return [{"name": language["name"], "lang": language["locale"],
             "link": (locale_prefix(language["locale"], default) + url) or "."} for language in languages]
