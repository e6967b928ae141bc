"""The ``locdocs`` command line: a thin adapter that parses arguments and calls the pipeline's stages.

Exit codes follow black and ruff: 0 nothing to do or done, 1 changes needed (``--check``/``--diff``),
2 bad input, usage or configuration. Tracebacks are for bugs only (``--debug`` shows them for input errors too).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from . import __version__
from .errors import InputError, LocdocsError, UsageError
from .fileio import atomic_write, iter_markdown
from .check import exit_code, run_check
from .check.report import FORMATS
from .config import Config, load_config
from .ingest import IngestPlan, plan_ingest, write_plan
from .normalize import normalize_bytes
from .segments import Side

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2
HANDOFF_SUFFIXES = (".md", ".markdown", ".txt")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locdocs", description="Publish localized documentation: normalize handoffs, ingest them into docs/.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for every error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    normalize = commands.add_parser(
        "normalize", help="remove translation span markup, in place",
        description="Remove the side-by-side span markup of translation handoffs, keeping one side of every "
                    "segment and every other byte. Files are rewritten in place, atomically; '-' reads standard "
                    "input and writes standard output. Mojibake is repaired and reported.")
    normalize.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                           help="files, folders (every *.md and *.markdown below them) or '-'")
    mode = normalize.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 if any file would change")
    mode.add_argument("--diff", action="store_true",
                      help="write nothing; print a unified diff of the changes, exit 1 if there are any")
    _add_side(normalize)
    normalize.add_argument("--no-repair", dest="repair", action="store_false",
                           help="leave mojibake as it is")
    normalize.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    normalize.set_defaults(run=run_normalize)

    ingest = commands.add_parser(
        "ingest", help="normalize handoffs into docs/LOCALE/ and their segments into l10n/LOCALE/*.xlf",
        description="Normalize raw handoffs and write each clean article to DOCS/LOCALE/PATH and its segment "
                    "pairs to L10N/LOCALE/PATH.xlf (XLIFF 1.2). All handoffs are checked first: if any is "
                    "malformed, nothing is written and the exit code is 2.")
    ingest.add_argument("handoffs", nargs="+", type=Path, metavar="HANDOFF",
                        help="handoff files, or folders (every *.md, *.markdown and *.txt below them, "
                             "keeping their relative paths)")
    ingest.add_argument("--locale", help="site locale folder, such as 'nl' (default: the language of each "
                                         "handoff's ms.contentlocale)")
    ingest.add_argument("--path", dest="rel_path", metavar="REL",
                        help="the article's path inside the locale folder, such as "
                             "'billing/article.md' (one handoff file only; default: its file name, as .md)")
    ingest.add_argument("--docs-dir", type=Path, default=Path("docs"), help="default: %(default)s")
    ingest.add_argument("--l10n-dir", type=Path, default=Path("l10n"), help="default: %(default)s")
    ingest.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    ingest.add_argument("-q", "--quiet", action="store_true", help="print errors and the summary line only")
    ingest.set_defaults(run=run_ingest)

    check = commands.add_parser(
        "check", help="check the docs across locales: markup, front matter, anchors, staleness, links",
        description="Check every locale of the docs against the English source. Exit 1 when there is an "
                    "error-level finding (--strict: a warning too), 2 for usage or configuration errors. "
                    "Rule severities come from the locdocs plugin's options in mkdocs.yml.")
    _add_site_arguments(check)
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="default: %(default)s")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--severity", action="append", default=[], metavar="RULE=LEVEL",
                       help="override a rule's severity (error, warn, info, ignore); repeatable")
    check.set_defaults(run=run_check_command)

    status = commands.add_parser(
        "status", help="per article and locale: current, stale, untranslated or missing",
        description="Show the state of every translation: current, stale, untranslated or missing, MT or HT, "
                    "last handoff.")
    _add_site_arguments(status)
    status.add_argument("--format", choices=("table", "json"), default="table", help="default: %(default)s")
    status.set_defaults(run=run_status)
    return parser


def _add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("docs_dir", nargs="?", type=Path, metavar="DOCS_DIR",
                        help="the docs folder, one subfolder per locale (default: docs_dir of mkdocs.yml)")
    parser.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the MkDocs configuration to read (default: mkdocs.yml, if there is one)")
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file instead of stdout")


def _add_side(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--side", choices=[side.value for side in Side], default=Side.TRANSLATION.value,
                        help="which side of each segment to keep (default: %(default)s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except LocdocsError as error:
        if args.debug:
            raise
        print(f"locdocs: error: {error}", file=sys.stderr)
        return EXIT_ERROR


# --- normalize -------------------------------------------------------------------------------------------------

@dataclass
class _Tally:
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    repairs: int = 0
    notes: list[str] = field(default_factory=list)


def run_normalize(args: argparse.Namespace) -> int:
    side = Side(args.side)
    write = not (args.check or args.diff)
    tally = _Tally()
    if any(str(path) == "-" for path in args.paths):
        if len(args.paths) > 1:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        return _normalize_stdin(args, side)
    for path in iter_markdown(args.paths):
        _normalize_file(path, args, side, write, tally)
    if not args.quiet:
        print(_normalize_summary(tally, write), file=sys.stderr)
    if tally.failed:
        return EXIT_ERROR
    return EXIT_CHANGES if tally.changed and not write else EXIT_OK


def _normalize_file(path: Path, args: argparse.Namespace, side: Side, write: bool, tally: _Tally) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        tally.failed += 1
        print(f"{path}: cannot read: {error.strerror or error}", file=sys.stderr)
        return
    try:
        result = normalize_bytes(data, side=side, repair=args.repair)
    except InputError as error:
        if args.debug:
            raise
        tally.failed += 1
        print(error.with_path(path), file=sys.stderr)
        return
    for repair in result.repairs:
        tally.repairs += 1
        verb = "repaired" if write else "would repair"
        print(f"{path}:{repair.line}: {verb} mojibake {repair.before!r} -> {repair.after!r}", file=sys.stderr)
    new = result.text.encode("utf-8")
    if new == data:
        tally.unchanged += 1
        return
    tally.changed += 1
    if args.diff:
        sys.stdout.write(unified_diff(data.decode("utf-8", "replace"), result.text, str(path)))
    elif args.check:
        if not args.quiet:
            print(f"would normalize {path}", file=sys.stderr)
    else:
        atomic_write(path, new)
        if not args.quiet:
            print(f"normalized {path}", file=sys.stderr)


def _normalize_stdin(args: argparse.Namespace, side: Side) -> int:
    data = sys.stdin.buffer.read()
    try:
        result = normalize_bytes(data, side=side, repair=args.repair)
    except InputError as error:
        if args.debug:
            raise
        print(error.with_path("-"), file=sys.stderr)
        return EXIT_ERROR
    for repair in result.repairs:
        print(f"-:{repair.line}: repaired mojibake {repair.before!r} -> {repair.after!r}", file=sys.stderr)
    new = result.text.encode("utf-8")
    if args.diff:
        sys.stdout.write(unified_diff(data.decode("utf-8", "replace"), result.text, "-"))
    elif not args.check:
        sys.stdout.buffer.write(new)
        sys.stdout.flush()
    return EXIT_CHANGES if (args.check or args.diff) and new != data else EXIT_OK


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff with the file's name on both sides, marking a missing final newline as diff(1) does."""
    lines = []
    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     fromfile=name, tofile=name):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _normalize_summary(tally: _Tally, write: bool) -> str:
    if write:
        parts = [f"{_plural(tally.changed, 'file')} normalized", f"{_plural(tally.unchanged, 'file')} left unchanged"]
    else:
        parts = [f"{_plural(tally.changed, 'file')} would be normalized",
                 f"{_plural(tally.unchanged, 'file')} already clean"]
    if tally.repairs:
        parts.append(f"{_plural(tally.repairs, 'mojibake repair')}")
    if tally.failed:
        parts.append(f"{_plural(tally.failed, 'file')} failed")
    return ", ".join(parts) + "."


# --- ingest ----------------------------------------------------------------------------------------------------

def run_ingest(args: argparse.Namespace) -> int:
    jobs = _ingest_jobs(args.handoffs, args.rel_path)
    plans: list[IngestPlan] = []
    failed = 0
    for handoff, rel_path in jobs:
        try:
            plans.append(plan_ingest(handoff, handoff.read_bytes(), rel_path=rel_path, locale=args.locale,
                                     docs_dir=args.docs_dir, l10n_dir=args.l10n_dir))
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
    with _progress(len(plans)) as advance:
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


def _ingest_jobs(handoffs: list[Path], rel_path: str | None) -> list[tuple[Path, str]]:
    """Each handoff file with its path inside the locale folder."""
    if rel_path is not None and (len(handoffs) != 1 or handoffs[0].is_dir()):
        raise UsageError("--path names one article: give exactly one handoff file with it")
    jobs = []
    for handoff in handoffs:
        if handoff.is_dir():
            jobs.extend((file, file.relative_to(handoff).as_posix())
                        for file in iter_markdown([handoff], HANDOFF_SUFFIXES))
        elif handoff.exists():
            jobs.append((handoff, rel_path or handoff.name))
        else:
            raise UsageError(f"{handoff}: no such file or folder")
    if not jobs:
        raise UsageError("no handoff files found (looked for *.md, *.markdown and *.txt)")
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


# --- check and status -----------------------------------------------------------------------------------------

def _site_config(args: argparse.Namespace) -> Config:
    config_file = args.config_file
    if config_file is None and Path("mkdocs.yml").is_file():
        config_file = Path("mkdocs.yml")
    config = load_config(config_file) if config_file is not None else Config()
    if args.docs_dir is not None:
        config = replace(config, docs_dir=args.docs_dir)
    if not Path(config.docs_dir).is_dir():
        raise UsageError(f"docs folder {config.docs_dir} does not exist")
    return config


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text.encode("utf-8"))


def run_check_command(args: argparse.Namespace) -> int:
    config = _site_config(args)
    overrides = {}
    for item in args.severity:
        rule, sep, level = item.partition("=")
        if not sep:
            raise UsageError(f"--severity {item!r}: expected RULE=LEVEL, such as untranslated=error")
        overrides[rule.strip()] = level.strip()
    config = config.with_severities(overrides)
    findings = run_check(config)
    _emit(FORMATS[args.format](findings), args.output)
    return exit_code(findings, strict=args.strict)


def run_status(args: argparse.Namespace) -> int:
    from .status import collect_status, status_json, status_table
    from .translations import Site

    rows = collect_status(Site(_site_config(args)))
    if args.format == "json":
        _emit(status_json(rows), args.output)
    elif args.output is not None:
        raise UsageError("--output needs --format json")
    else:
        from rich.console import Console

        Console().print(status_table(rows))
    return EXIT_OK


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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
