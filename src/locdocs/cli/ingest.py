"""``locdocs ingest``: handoffs into docs/LL/ and l10n/LL/, all or nothing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, UsageError
from ..fileio import durable_batch, iter_markdown
from ..ingest import XLIFF_SUFFIXES, IngestPlan, plan_ingest, write_plan
from ..layout import Layout
from .common import EXIT_ERROR, EXIT_OK, site_config
from .common import plural as _plural

HANDOFF_SUFFIXES = (".md", ".markdown", ".txt", *XLIFF_SUFFIXES)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = commands.add_parser(
        "ingest", help="normalize handoffs into docs/LOCALE/ and their segments into l10n/LOCALE/*.xlf",
        description="Normalize raw handoffs and write each clean article to DOCS/LOCALE/PATH and its segment "
                    "pairs to L10N/LOCALE/PATH.xlf (XLIFF 1.2). A handoff is span-marked Markdown from a "
                    "translation system, or an XLIFF file of `locdocs export` that a CAT tool filled in. All "
                    "handoffs are checked first: if any is malformed, nothing is written and the exit code is 2.")
    ingest.add_argument("handoffs", nargs="+", type=Path, metavar="HANDOFF",
                        help="handoff files, or folders (every *.md, *.markdown, *.txt, *.xlf and *.xliff below "
                             "them, keeping their relative paths; an XLIFF file goes to the article it names)")
    ingest.add_argument("--locale", help="site locale folder, such as 'nl' (default: the language of each "
                                         "handoff's ms.contentlocale)")
    ingest.add_argument("--path", dest="rel_path", metavar="REL",
                        help="the article's path inside the locale folder, such as "
                             "'billing/article.md' (one handoff file only; default: the article an XLIFF file "
                             "names, else the file name, as .md)")
    ingest.add_argument("--translation-type", choices=("HT", "MT"), type=str.upper, default=None,
                        help="what the translations of XLIFF files are: HT (human, the default) or MT (machine)")
    ingest.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the MkDocs configuration whose docs_dir and l10n_dir to write to (default: mkdocs.yml, "
                             "if there is one)")
    ingest.add_argument("--docs-dir", type=Path, default=None,
                        help="default: docs_dir of mkdocs.yml, else docs")
    ingest.add_argument("--l10n-dir", type=Path, default=None,
                        help="default: the locdocs plugin's l10n_dir, else l10n")
    ingest.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    ingest.add_argument("-q", "--quiet", action="store_true", help="print errors and the summary line only")
    ingest.set_defaults(run=run_ingest)


def _layout(args: argparse.Namespace) -> Layout:
    """Where ingested files go: the site's layout, with --docs-dir and --l10n-dir taking precedence. The
    configuration is only read when it is needed."""
    if args.docs_dir is not None and args.l10n_dir is not None:
        return Layout(docs_dir=args.docs_dir, l10n_dir=args.l10n_dir)
    layout = site_config(args.config_file).layout
    return replace(layout, docs_dir=args.docs_dir or layout.docs_dir, l10n_dir=args.l10n_dir or layout.l10n_dir)


def run_ingest(args: argparse.Namespace) -> int:
    jobs = _ingest_jobs(args.handoffs, args.rel_path)
    layout = _layout(args)
    plans: list[IngestPlan] = []
    failed = 0
    for handoff, rel_path in jobs:
        try:
            plans.append(plan_ingest(handoff, handoff.read_bytes(), rel_path=rel_path, locale=args.locale,
                                     layout=layout, translation_type=args.translation_type))
        except OSError as error:
            failed += 1
            print(f"{handoff}: cannot read: {error.strerror or error}", file=sys.stderr)
        except InputError as error:
            if args.debug:
                raise
            failed += 1
            print(error.with_path(handoff), file=sys.stderr)
        except UsageError as error:
            failed += 1
            print(f"{handoff}: {error}", file=sys.stderr)
    failed += _report_collisions(plans)
    if failed:
        print(f"{_plural(failed, 'handoff')} could not be ingested; nothing was written.", file=sys.stderr)
        return EXIT_ERROR
    # One batch: each file is replaced atomically, and all of them are made durable at once at the end.
    with durable_batch(), _progress(len(plans)) as advance:
        for plan in plans:
            if not args.dry_run:
                write_plan(plan)
            advance()
    for plan in plans:
        if not args.quiet:
            print(plan.summary("would ingest" if args.dry_run else "ingested"))
            for repair in plan.result.repairs:
                print(f"  {plan.handoff}:{repair.line}: repaired mojibake {repair.before!r} -> {repair.after!r}")
    segments = sum(len(plan.result.segments) for plan in plans)
    untranslated = sum(plan.result.untranslated for plan in plans)
    repairs = sum(len(plan.result.repairs) for plan in plans)
    verb = "would ingest" if args.dry_run else "ingested"
    print(f"{verb} {_plural(len(plans), 'handoff')}: {_plural(segments, 'segment')}, {untranslated} untranslated, "
          f"{_plural(repairs, 'repair')}.")
    return EXIT_OK


def _ingest_jobs(handoffs: list[Path], rel_path: str | None) -> list[tuple[Path, str | None]]:
    """Each handoff file with its path inside the locale folder (None: the one an XLIFF file names)."""
    if rel_path is not None and (len(handoffs) != 1 or handoffs[0].is_dir()):
        raise UsageError("--path names one article: give exactly one handoff file with it")
    jobs: list[tuple[Path, str | None]] = []
    for handoff in handoffs:
        if handoff.is_dir():
            jobs.extend((file, None if file.name.lower().endswith(XLIFF_SUFFIXES) else file.relative_to(handoff)
                         .as_posix()) for file in iter_markdown([handoff], HANDOFF_SUFFIXES))
        elif handoff.exists():
            jobs.append((handoff, rel_path))
        else:
            raise UsageError(f"{handoff}: no such file or folder")
    if not jobs:
        raise UsageError("no handoff files found (looked for *.md, *.markdown, *.txt, *.xlf and *.xliff)")
    return jobs


def _report_collisions(plans: list[IngestPlan]) -> int:
    first: dict[Path, Path] = {}
    collisions = 0
    for plan in plans:
        if plan.article in first:
            collisions += 1
            print(f"{plan.handoff}: would overwrite {plan.article}, which {first[plan.article]} also writes",
                  file=sys.stderr)
        else:
            first[plan.article] = plan.handoff
    return collisions


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error for long runs on a terminal; silent otherwise."""
    if total < 10 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingesting", total=total)
        yield lambda: progress.advance(task)
