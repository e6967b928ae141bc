"""``locdocs init``: a new translation site in a folder (scaffold/: the files and their templates)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..scaffold import SiteSpec, check_locale, installed_source, parse_source, plan_site, this_month, write_site
from .common import EXIT_OK, plural

THIS_MONTH = "this month"
"""``--versions`` without a name."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "init", help="start a new translation site: mkdocs.yml, docs/LOCALE/, workflows, pre-commit, TRANSLATING.md",
        description="Write a new site into DIR: mkdocs.yml (Material, search, static-i18n with the given locales, "
                    "the locdocs plugin), docs/SOURCE/index.md and an empty docs/LOCALE/ for each other locale, "
                    "the GitHub workflows (check, publish), .pre-commit-config.yaml, requirements.txt, "
                    "TRANSLATING.md and .gitignore; with --versions, versions.yml. Nothing is written over an "
                    "existing file unless --force is given.")
    init.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR",
                      help="the site's folder (default: the current folder; made if missing)")
    init.add_argument("--locale", dest="locales", action="append", required=True, metavar="LOCALE",
                      help="a locale of the site, a BCP 47 tag such as en, sv, pt-BR or zh-TW (repeatable; the "
                           "first is the English source unless --default says otherwise)")
    init.add_argument("--default", metavar="LOCALE",
                      help="the locale of the source articles, the English (default: the first --locale)")
    init.add_argument("--site-name", default="Documentation", help="the site's name (default: %(default)s)")
    init.add_argument("--versions", nargs="?", const=THIS_MONTH, default=None, metavar="NAME",
                      help="write versions.yml with one version, NAME (default: this month, such as 2025-06, "
                           "aliased latest), showing the English as it is; without it, locdocs build publishes "
                           "one version, 'current'")
    init.add_argument("--external-base-url", metavar="URL",
                      help="where links to articles that are not part of the site go ({locale}: the page's "
                           "locale), such as https://learn.microsoft.com/{locale}/azure/")
    init.add_argument("--source", metavar="URL@REV",
                      help="the git repository (URL, or a clone's path) and tag or commit the site's workflows "
                           "and pre-commit install locdocs from (default: where this locdocs was installed from)")
    init.add_argument("--force", action="store_true", help="replace files that exist")
    init.set_defaults(run=run_init)


def _locales(args: argparse.Namespace) -> tuple[str, ...]:
    """The site's locales, the source first; each a valid tag, none twice."""
    locales = [check_locale(tag) for tag in args.locales]
    if args.default is not None:
        default = check_locale(args.default)
        locales = [default, *(locale for locale in locales if locale != default)]
    if len(set(locales)) != len(locales):
        twice = next(locale for locale in locales if locales.count(locale) > 1)
        raise UsageError(f"--locale {twice} is given twice")
    return tuple(locales)


def run_init(args: argparse.Namespace) -> int:
    locales = _locales(args)
    source = parse_source(args.source) if args.source else installed_source()
    version = this_month() if args.versions == THIS_MONTH else args.versions
    spec = SiteSpec(locales=locales, site_name=args.site_name, source=source, version=version,
                    external_base_url=args.external_base_url)
    written = write_site(args.directory, plan_site(spec), force=args.force)
    print(f"wrote {plural(len(written), 'file')} in {args.directory}: {', '.join(map(str, written))}")
    print(f"next: write the English articles in docs/{locales[0]}/ and commit them; then `locdocs ingest HANDOFF`, "
          "`locdocs check`, `locdocs build`, `locdocs serve` (TRANSLATING.md)")
    if source.is_path:
        print(f"note: requirements.txt and .pre-commit-config.yaml install locdocs from {source.repo}, on this "
              "machine: for GitHub, put its git URL there (or run init again with --source URL@REV)")
    return EXIT_OK
