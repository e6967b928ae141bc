"""``locdocs export``: the XLIFF files to send translators, and the leverage report a quote is based on."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..fileio import atomic_write, display_path, durable_batch
from ..locales import check_site_locale
from .common import EXIT_OK, emit, plural, site_config

if TYPE_CHECKING:
    from ..export.plan import ArticleExport

DEFAULT_OUTPUT = Path("export")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export", help="XLIFF files of what a locale needs translated, with what is already known, and the leverage",
        description="For each English article whose translation in LOCALE is missing, stale, untranslated or of an "
                    "unknown revision, write OUTPUT/LOCALE/PATH.xlf (XLIFF 1.2): the current English segmented by "
                    "sentence, each segment with the translation already known (exact: the English is unchanged "
                    "since it was translated; fuzzy: the previous translation of similar English, with its "
                    "similarity) or none (new). Then print the leverage report: segments and words new, fuzzy, "
                    "exact and already done. Send the files to translators; `locdocs ingest` takes them back.")
    export.add_argument("articles", nargs="*", type=PurePosixPath, metavar="ARTICLE",
                        help="English articles to export, as paths inside the locale folder (billing/a.md) or "
                             "from here (docs/en/billing/a.md); default: all")
    export.add_argument("--locale", required=True, help="the site locale to translate into, such as 'sv'")
    export.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                        help="where to write LOCALE/PATH.xlf (default: %(default)s)")
    export.add_argument("--all", dest="include_current", action="store_true",
                        help="export current translations too (their segments are exact matches)")
    export.add_argument("--pseudo", action="store_true",
                        help="write pseudo-translations instead (every article, every target filled with "
                             "accented, lengthened text, inline codes intact), to test layouts: ingest them")
    export.add_argument("--dry-run", action="store_true", help="print the leverage report, write no file")
    export.add_argument("--format", choices=("table", "json"), default="table",
                        help="the leverage report's format (default: %(default)s)")
    export.add_argument("--report", type=Path, metavar="FILE",
                        help="write the leverage report to FILE instead of standard output")
    export.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the MkDocs configuration to read (default: mkdocs.yml, if there is one)")
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from ..export.plan import plan_exports
    from ..export.report import report_json, report_row, report_table
    from ..translations import DocsIndex

    config = site_config(args.config_file)
    docs_dir = Path(config.layout.docs_dir)
    if not docs_dir.is_dir():
        raise UsageError(f"docs folder {docs_dir} does not exist: run `locdocs init` to start a site, or name its "
                         "configuration with -f")
    docs = DocsIndex(config)
    check_site_locale(args.locale, config.layout.locales)
    articles = [_article_path(path, docs_dir, docs.default_locale) for path in args.articles]
    plans = plan_exports(docs, args.locale, articles, include_current=args.include_current or args.pseudo)
    written = 0
    if not args.dry_run:
        written = _write(plans, args, docs.default_locale)
    rows = [report_row(plan) for plan in plans]
    if args.format == "json":
        emit(report_json(rows), args.report)
    else:
        from rich.console import Console

        if args.report is not None:
            table = io.StringIO()
            Console(file=table, width=120).print(report_table(rows))
            emit(table.getvalue(), args.report)
        else:
            Console().print(report_table(rows))
    verb = "would export" if args.dry_run else "exported"
    count = sum(plan.exported for plan in plans) if args.dry_run else written
    print(f"{verb} {plural(count, 'article')} for {args.locale}"
          + ("" if args.dry_run else f" to {display_path(args.output / args.locale)}"), file=sys.stderr)
    return EXIT_OK


def _write(plans: list[ArticleExport], args: argparse.Namespace, source_locale: str) -> int:
    from ..export.pseudo import pseudo_units
    from ..export.xliff_file import write_export
    from ..layout import xliff_path
    from ..locales import language_tag

    written = 0
    with durable_batch():
        for plan in plans:
            if not plan.exported:
                continue
            units = pseudo_units(plan.units) if args.pseudo else plan.units
            properties = {**plan.properties, **({"ms.translationtype": "PSEUDO"} if args.pseudo else {})}
            data = write_export(units, original=plan.rel.as_posix(), source_language=language_tag(source_locale),
                                target_language=plan.properties["ms.contentlocale"], skeleton=plan.skeleton,
                                properties=properties)
            atomic_write(xliff_path(args.output, plan.locale, plan.rel), data)
            written += 1
    return written


def _article_path(path: PurePosixPath, docs_dir: Path, source_locale: str) -> PurePosixPath:
    """An article named inside the English folder (billing/a.md), or from the current folder through it
    (docs/en/billing/a.md)."""
    english = (docs_dir / source_locale).resolve()
    try:
        return PurePosixPath(Path(path).resolve().relative_to(english).as_posix())
    except ValueError:
        pass
    if path.is_absolute() or ".." in path.parts:
        raise UsageError(f"{path}: name an English article inside {display_path(english)}, such as "
                         "billing/article.md")
    return path
