"""``locdocs normalize``: remove span markup in place, with black's and ruff's --check and --diff."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError
from ..fileio import atomic_write, durable_batch, iter_markdown
from ..forked import default_jobs, forked_imap
from ..normalize import normalize_bytes
from ..segments import Side
from .common import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, positive_int
from .common import plural as _plural


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    normalize.add_argument("-j", "--jobs", type=positive_int, default=default_jobs(), metavar="N",
                           help="normalize in N processes (default: %(default)s, one per core; 1: in this process)")
    normalize.set_defaults(run=run_normalize)


def _add_side(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--side", choices=[side.value for side in Side], default=Side.TRANSLATION.value,
                        help="which side of each segment to keep (default: %(default)s)")


@dataclass
class Tally:
    """What a run of ``locdocs normalize`` (or a part of it) did, file by file."""

    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    repairs: int = 0
    reports: list[tuple[bool, str]] = field(default_factory=list)
    """What to print, in order: (to standard output?, text). Kept, not printed, so that the files a forked
    process normalizes are reported by the command itself, in the files' order."""

    def add(self, other: Tally) -> None:
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.repairs += other.repairs
        self.reports.extend(other.reports)

    def report(self, text: str, *, to_stdout: bool = False) -> None:
        self.reports.append((to_stdout, text))


def run_normalize(args: argparse.Namespace) -> int:
    side = Side(args.side)
    write = not (args.check or args.diff)
    if any(str(path) == "-" for path in args.paths):
        if len(args.paths) > 1:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        return _normalize_stdin(args, side)
    tally = Tally()
    for part in normalize_files(iter_markdown(args.paths), args, side, write, jobs=args.jobs):
        tally.add(part)
        _print_reports(part)
    if not args.quiet:
        print(_normalize_summary(tally, write), file=sys.stderr)
    if tally.failed:
        return EXIT_ERROR
    return EXIT_CHANGES if tally.changed and not write else EXIT_OK


def normalize_files(paths: list[Path], args: argparse.Namespace, side: Side, write: bool,
                    jobs: int) -> Iterator[Tally]:
    """What ``locdocs normalize`` does to ``paths``: a tally for each run of consecutive files, in order, each
    run normalized in one of ``jobs`` forked processes (benchmarks/bench_normalize.py measures it).

    The files are written in durable batches, one per process: each file is still replaced atomically, and what a
    process wrote is made durable once at its end (one syncfs) instead of with an fsync per file, which cost most
    of the time on many small files. In this process (one job, or a run too small to share), the runs join one
    batch. A run is at least ``_RUN`` files, so that a small folder is not worth a fork."""
    runs = [paths[start:start + _RUN] for start in range(0, len(paths), _RUN)]
    jobs = 1 if args.debug else jobs  # an --debug traceback shows where the error was raised, in this process

    def normalize_run(run: list[Path]) -> Tally:
        tally = Tally()
        with durable_batch():
            for path in run:
                normalize_file(path, args, side, write, tally)
        return tally

    with durable_batch():
        yield from forked_imap(normalize_run, runs, jobs)


_RUN = 256
"""Files normalized together by a forked process: enough to outweigh sending their reports back."""


def normalize_file(path: Path, args: argparse.Namespace, side: Side, write: bool, tally: Tally) -> None:
    """What ``locdocs normalize`` does for one file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        tally.failed += 1
        tally.report(f"{path}: cannot read: {error.strerror or error}")
        return
    try:
        result = normalize_bytes(data, side=side, repair=args.repair)
    except InputError as error:
        if args.debug:
            raise
        tally.failed += 1
        tally.report(str(error.with_path(path)))
        return
    for repair in result.repairs:
        tally.repairs += 1
        verb = "repaired" if write else "would repair"
        tally.report(f"{path}:{repair.line}: {verb} mojibake {repair.before!r} -> {repair.after!r}")
    new = result.text.encode("utf-8")
    if new == data:
        tally.unchanged += 1
        return
    if args.diff:
        tally.report(unified_diff(data.decode("utf-8", "replace"), result.text, str(path)), to_stdout=True)
    elif args.check:
        if not args.quiet:
            tally.report(f"would normalize {path}")
    else:
        try:
            atomic_write(path, new)
        except OSError as error:
            tally.failed += 1
            tally.report(f"{path}: cannot write: {error.strerror or error}")
            return
        if not args.quiet:
            tally.report(f"normalized {path}")
    tally.changed += 1


def _print_reports(tally: Tally) -> None:
    for to_stdout, text in tally.reports:
        if to_stdout:
            sys.stdout.write(text)
        else:
            print(text, file=sys.stderr)
    sys.stdout.flush()


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


def _normalize_summary(tally: Tally, write: bool) -> str:
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
