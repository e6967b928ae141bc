"""How fast does locdocs remove span markup from real handoffs?

What it measures, in one run, on the same files (best of 3 repetitions each, wall-clock time.perf_counter):

- ``read+write``: read every file's bytes and write them unchanged to an output folder. This is the floor: no
  normalizer can be faster than the I/O around it.
- ``locdocs``: read, ``locdocs.normalize.normalize_bytes(data)`` (translation side, mojibake repair on: the
  defaults), write ``result.text`` as UTF-8.
- ``locdocs with_segments``: the same with ``with_segments=True``, the careful parser that ingest uses.
- ``BeautifulSoup``: the same cleanup written with BeautifulSoup's ``html.parser`` (unwrap every
  ``span[data-ttu-id]``, decompose every ``span.sxs-lookup``). It runs at a few MB/s, so it gets a deterministic
  subset of the files (the first ``--bs-megabytes``); its result is compared by throughput (MB/s), not time.

The input is real: the 148 span-markup handoffs of the shared corpus (``corpus/*__live-sxs/``) and the two seeds
with spans, copied again and again (``copy0000/<relative path>``, ``copy0001/...``) until there are at least
``--megabytes`` of them, so every file keeps its real size (1 KB to 160 KB) and the per-file overhead is real too.
MB means 1,000,000 bytes of input.

Then ``locdocs normalize`` as the command runs, in place, on two inputs: many small handoffs and the large-file
copies above, each run on a copy of its own, made and flushed to disk (``os.sync()``) before any run is timed:

- ``read+write in place``: read every file and write its bytes back to it, in one process. The floor, as above.
- ``fsync per file (before)``: ``locdocs.cli.normalize.normalize_file`` (what the command does for each file:
  read, normalize, ``atomic_write``; the arguments parsed by the command's own parser) for every file, each
  ``atomic_write`` with its own ``fsync``, in one process: the command before durable batches. One run only: it
  is slow, and is there to show the gain.
- ``normalize -j 1``: ``locdocs.cli.normalize.normalize_files`` with one job: every file in this process, in one
  ``durable_batch()`` (atomic per file, made durable once at the end with one ``syncfs``).
- ``locdocs normalize``: the same as the command runs by default, with one forked process per core, each
  normalizing runs of consecutive files in a durable batch of its own. It is the row the target is about: what a
  user waits for. The floor stays one process, as ``cp`` or a plain script would write the files.

The small handoffs are real span-marked text, cut from the real handoffs (those of the corpus, of
``multilocale/`` and the two seeds): each is its handoff's front matter followed by consecutive whole paragraphs
of it (cut only at blank lines outside fenced code, each piece with at least one span), about 4 KB of them, so
6 KB on average with the front matter, as a folder of handoffs split by section would be. They are laid out as
``small/copyNNNN/<the handoff's folder>/<its name>.partNNN.md`` and copied as whole sets until there are
``--small-files`` of them (default 6,600: 7,434 files, 44 MB; the issue "Speed at every scale" measured 6,600
files of 6 KB). The ``--site`` raw handoffs of benchmarks/corpus.py were not used: they are the same whole
handoffs (median 23 KB, not a few KB), in a site that must be generated first.

Run it from the repository root (``make bench`` does the same)::

    .venv/bin/python benchmarks/bench_normalize.py [--megabytes 64] [--bs-megabytes 8] [--small-files 6600]
        [--workdir DIR]

The shared data is found at ``../shared`` next to the repository, or wherever ``LOCDOCS_SHARED`` points. The exit
code is 0 whether the targets are met or not: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from locdocs.cli import build_parser as locdocs_parser
from locdocs.cli.normalize import Tally, normalize_file, normalize_files
from locdocs.errors import InputError
from locdocs.forked import default_jobs
from locdocs.normalize import normalize_bytes
from locdocs.segments import Side

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LOCDOCS_SHARED", ROOT.parent / "shared"))
SEEDS_WITH_SPANS = ("001_bfce40a1323c09cc.txt", "003_ceff8272707b582a.txt")
REPETITIONS = 3
MB = 1_000_000
# Targets: locdocs must be far ahead of the obvious HTML-parser solution, and cost at most 4x plain file I/O.
TARGET_VS_BS = 20.0
TARGET_VS_IO = 0.25
# Targets of `locdocs normalize` in place against reading and writing the same files in place: many small files
# (issue "Speed at every scale": 17 % with an fsync per file), and the large-file copies.
TARGET_SMALL_IN_PLACE = 0.50
TARGET_LARGE_IN_PLACE = 0.25
SMALL_PIECE = 4000
"""A small handoff's paragraphs end at the first blank line after this many bytes (its front matter comes on top)."""
# Below this the run is a quick look: per-file overhead and timer noise weigh more than on the full set.
REFERENCE_MEGABYTES = 50
# Written into a --workdir we filled, so a second run may safely clear it (and never anybody else's folder).
MARKER = ".bench_normalize"


@dataclass(frozen=True)
class Timing:
    """The best repetition of one implementation."""

    name: str
    """What was run, as the table shows it."""
    megabytes: float
    """Input processed per repetition."""
    seconds: float
    """The fastest of the repetitions."""

    @property
    def throughput(self) -> float:
        """MB of input per second."""
        return self.megabytes / self.seconds


# --- The input -------------------------------------------------------------------------------------------------

def source_files() -> list[tuple[Path, Path]]:
    """Every real handoff with span markup, as (file, path relative to its copy folder), in a fixed order."""
    corpus = SHARED / "corpus"
    found = [(path, path.relative_to(corpus))
             for path in sorted(corpus.glob("*__live-sxs/**/*.md")) if path.is_file()]
    seeds = [(SHARED / "seeds" / name, Path("seeds") / name) for name in SEEDS_WITH_SPANS]
    if not found or not all(path.is_file() for path, _ in seeds):
        fail(f"no corpus or seeds under {SHARED}: set LOCDOCS_SHARED to the shared data folder")
    return found + seeds


def build_input(folder: Path, megabytes: float) -> list[Path]:
    """Copy the handoffs into ``folder`` as whole copies of the set until there are ``megabytes`` of them.

    Whole copies (never a partial last one) keep the mix of small and large files the same as the real set.
    """
    sources = source_files()
    files: list[Path] = []
    total = 0
    copy = 0
    while total < megabytes * MB:
        for source, relative in sources:
            target = folder / f"copy{copy:04d}" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            files.append(target)
            total += target.stat().st_size
        copy += 1
    return files


def small_sources() -> list[tuple[Path, Path]]:
    """Every real handoff with span markup of the corpus, of multilocale/ and the seeds, as (file, folder to put
    its pieces in), in a fixed order."""
    multilocale = SHARED / "multilocale"
    found = [(path, Path("corpus") / path.relative_to(SHARED / "corpus")) for path, _ in source_files()
             if path.is_relative_to(SHARED / "corpus")]
    found += [(path, Path("multilocale") / path.relative_to(multilocale))
              for path in sorted(multilocale.glob("*/*/**/*.md"))
              if path.relative_to(multilocale).parts[0] != "en-us" and path.is_file()]
    found += [(SHARED / "seeds" / name, Path("seeds") / name) for name in SEEDS_WITH_SPANS]
    return [(path, relative.parent / relative.stem) for path, relative in found]


def split_handoff(data: bytes, piece: int = SMALL_PIECE) -> list[bytes]:
    """A handoff cut into small real handoffs: its front matter (with a BOM it has), then consecutive whole
    paragraphs, cut at a blank line outside fenced code once there are ``piece`` bytes of them; a piece without
    span markup goes with the one before it (every small handoff has something to normalize)."""
    head = b""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data[start:].startswith(b"---"):
        close = data.find(b"\n---", start + 3)
        if close != -1:
            end = data.find(b"\n", close + 4)
            head = data[:len(data) if end == -1 else end + 1]
    pieces: list[bytes] = []
    lines: list[bytes] = []
    size = 0
    fenced = False
    for line in data[len(head):].splitlines(keepends=True):
        lines.append(line)
        size += len(line)
        stripped = line.strip()
        if stripped.startswith((b"```", b"~~~")):
            fenced = not fenced
        elif not stripped and not fenced and size >= piece:
            pieces.append(b"".join(lines))
            lines, size = [], 0
    if lines:
        pieces.append(b"".join(lines))
    merged: list[bytes] = []
    for body in pieces:
        if merged and b"data-ttu-id" not in body:
            merged[-1] += body
        else:
            merged.append(body)
    return [head + body for body in merged if b"data-ttu-id" in body]


def build_small_input(folder: Path, count: int) -> list[Path]:
    """At least ``count`` small real handoffs in ``folder`` (whole copies of the set of pieces), each of which
    ``locdocs normalize`` changes and can read (a piece it rejects, which no real one is, would be dropped)."""
    pieces: list[tuple[Path, bytes]] = []
    for source, stem in small_sources():
        for number, data in enumerate(split_handoff(source.read_bytes())):
            try:
                if normalize_bytes(data).text.encode("utf-8") == data:
                    continue
            except InputError:
                continue
            pieces.append((stem.parent / f"{stem.name}.part{number:03d}.md", data))
    files: list[Path] = []
    copy = 0
    while len(files) < count:
        for relative, data in pieces:
            target = folder / f"copy{copy:04d}" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            files.append(target)
        copy += 1
    return files


def leading_subset(files: list[Path], megabytes: float) -> list[Path]:
    """The first files of the list, up to ``megabytes``: deterministic, and a whole copy of the set from 4.5 MB."""
    subset: list[Path] = []
    total = 0
    for path in files:
        if total >= megabytes * MB:
            break
        subset.append(path)
        total += path.stat().st_size
    return subset


# --- The implementations: bytes in, bytes out ----------------------------------------------------------------------

def copy_bytes(data: bytes) -> bytes:
    return data


def locdocs_fast(data: bytes) -> bytes:
    return normalize_bytes(data).text.encode("utf-8")


def locdocs_with_segments(data: bytes) -> bytes:
    return normalize_bytes(data, with_segments=True).text.encode("utf-8")


def beautifulsoup(data: bytes) -> bytes:
    """The span cleanup as one would write it with an HTML parser (no mojibake repair: that would only slow it)."""
    soup = BeautifulSoup(data.decode("utf-8-sig"), "html.parser")
    for span in soup.find_all("span", attrs={"data-ttu-id": True}):
        span.unwrap()
    for span in soup.find_all("span", class_="sxs-lookup"):
        span.decompose()
    return str(soup).encode("utf-8")


# --- Timing --------------------------------------------------------------------------------------------------------

def run_once(transform: Callable[[bytes], bytes], pairs: list[tuple[Path, Path]]) -> float:
    """Seconds to read, transform and write every file once."""
    start = time.perf_counter()
    for source, target in pairs:
        target.write_bytes(transform(source.read_bytes()))
    return time.perf_counter() - start


def measure(name: str, transform: Callable[[bytes], bytes], files: list[Path], input_dir: Path,
            output_dir: Path) -> Timing:
    """Best of REPETITIONS runs; output folders are made beforehand so that mkdir is not timed."""
    pairs = [(path, output_dir / path.relative_to(input_dir)) for path in files]
    for folder in {target.parent for _, target in pairs}:
        folder.mkdir(parents=True, exist_ok=True)
    megabytes = sum(path.stat().st_size for path in files) / MB
    best = float("inf")
    for _ in range(REPETITIONS):
        # Collect the previous run's garbage now, so that no repetition pays for another's; the collector stays
        # on while timing, as it would in real use.
        gc.collect()
        best = min(best, run_once(transform, pairs))
    return Timing(name, megabytes, best)


def read_write_in_place(files: list[Path]) -> None:
    for path in files:
        path.write_bytes(path.read_bytes())


def normalize_command(files: list[Path], jobs: int | None) -> Callable[[list[Path]], None]:
    """What ``locdocs normalize -q`` does to ``files`` (with its arguments parsed by its own parser) in ``jobs``
    processes (its default without one), or (``jobs=None``) one file after the other with an fsync for each, as
    it ran before durable batches."""
    options = [] if jobs is None else ["-j", str(jobs)]
    args = locdocs_parser().parse_args(["normalize", "-q", *options, *map(str, files[:1])])
    side = Side(args.side)

    def run(paths: list[Path]) -> None:
        tally = Tally()
        if jobs is None:
            # Its reports of mojibake repairs (a few files), as a user's terminal or log would get them.
            with open(os.devnull, "w", encoding="utf-8") as devnull, contextlib.redirect_stderr(devnull):
                for path in paths:
                    normalize_file(path, args, side, True, tally)
        else:
            for part in normalize_files(paths, args, side, True, jobs=args.jobs):
                tally.add(part)
        if tally.failed:
            fail(f"locdocs normalize failed on {tally.failed} of {len(paths)} files")

    return run


def fresh_copies(input_dir: Path, work_dir: Path, count: int) -> list[Path]:
    """``count`` copies of ``input_dir`` (``work_dir/0``, ``work_dir/1``...), flushed to disk."""
    copies = [work_dir / str(number) for number in range(count)]
    for copy in copies:
        shutil.copytree(input_dir, copy)
    os.sync()
    return copies


def measure_in_place(name: str, run: Callable[[list[Path]], None], files: list[Path], input_dir: Path,
                     copies: list[Path]) -> Timing:
    """Best of one run of ``run`` on the files of each copy of ``input_dir`` in ``copies``."""
    megabytes = sum(path.stat().st_size for path in files) / MB
    best = float("inf")
    for copy in copies:
        paths = [copy / path.relative_to(input_dir) for path in files]
        os.sync()  # nothing left to write back from before: each run pays for its own writes only
        gc.collect()
        start = time.perf_counter()
        run(paths)
        best = min(best, time.perf_counter() - start)
    return Timing(name, megabytes, best)


def measure_command(label: str, files: list[Path], input_dir: Path, work_dir: Path) -> list[Timing]:
    """read+write in place, ``locdocs normalize`` with an fsync per file (one run), in one process with one batch
    and as it runs by default (a process per core), on ``files``.

    Every run gets its own copy, made (and flushed to disk) before any is timed, and no copy is removed until the
    end: on ext4 without a journal (as on the machine this was tuned on), each new file's inode is found by
    skipping every inode deleted in the last minute, so a copy removed just before a run would slow the files
    that run creates. The runs themselves still delete (a file replaced by its temporary file is one), and a run
    pays for the deletions of the runs before it: so the old way goes first, and the new way pays for it.
    """
    plan: list[tuple[str, Callable[[list[Path]], None], int]] = [
        ("read+write in place", read_write_in_place, REPETITIONS),
        ("fsync per file (before)", normalize_command(files, None), 1),
        ("normalize -j 1", normalize_command(files, 1), REPETITIONS),
        (f"locdocs normalize (-j {default_jobs()})", normalize_command(files, default_jobs()), REPETITIONS),
    ]
    copies = fresh_copies(input_dir, work_dir, sum(repetitions for _, _, repetitions in plan))
    timings: list[Timing] = []
    for name, run, repetitions in plan:
        timings.append(measure_in_place(f"{label}: {name}", run, files, input_dir, copies[:repetitions]))
        del copies[:repetitions]
    return timings


# --- Report --------------------------------------------------------------------------------------------------------

def machine() -> str:
    """One line: platform, Python, CPU count and, on Linux, the CPU model."""
    model = "unknown CPU model"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (f"machine: {platform.platform()}, Python {platform.python_version()} "
            f"({platform.python_implementation()}), {os.cpu_count()} CPUs, {model}")


def filesystem(path: Path) -> str:
    """The filesystem ``path`` is on (from /proc/self/mounts) and, for ext4, whether it has a journal: without one,
    creating files right after deleting many costs far more (see ``measure_command``)."""
    try:
        mounts = [line.split()[:3] for line in Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()]
    except OSError:
        return "filesystem: unknown"
    real = os.path.realpath(path)
    found = [(len(mount), device, mount, kind) for device, mount, kind in mounts
             if real == mount or real.startswith(mount.rstrip("/") + "/")]
    if not found:
        return "filesystem: unknown"
    _, device, mount, kind = max(found)
    text = f"filesystem of the work folder: {kind} on {mount} ({device})"
    journals = Path("/proc/fs/jbd2")
    if kind == "ext4" and journals.is_dir():
        has_journal = any(entry.name.startswith(Path(device).name + "-") for entry in journals.iterdir())
        text += ", with a journal" if has_journal else ", without a journal"
    return text


def ratio_line(label: str, value: float, target: float, as_percent: bool) -> str:
    shown = f"{value:.0%}" if as_percent else f"{value:.1f}x"
    wanted = f">= {target:.0%}" if as_percent else f">= {target:.0f}x"
    verdict = "PASS" if value >= target else "MISS"
    return f"  {label:<44} {shown:>8}   target {wanted:<7} {verdict}"


def table(timings: list[Timing]) -> None:
    width = max(26, *(len(timing.name) for timing in timings))
    print(f"{'implementation':<{width}} {'MB':>8} {'seconds':>9} {'MB/s':>9}")
    for timing in timings:
        print(f"{timing.name:<{width}} {timing.megabytes:>8.1f} {timing.seconds:>9.3f} {timing.throughput:>9.1f}")


def report(timings: list[Timing], io: Timing, fast: Timing, careful: Timing, bs: Timing) -> None:
    table(timings)
    print(f"(best of {REPETITIONS} each; BeautifulSoup ran on the first {bs.megabytes:.1f} MB of the same files "
          "because it is slow, so the ratios compare throughput in MB/s, not seconds)")
    print()
    print("ratios of throughput:")
    print(ratio_line("locdocs / BeautifulSoup", fast.throughput / bs.throughput, TARGET_VS_BS, False))
    print(ratio_line("locdocs / read+write", fast.throughput / io.throughput, TARGET_VS_IO, True))
    print(ratio_line("locdocs with_segments / BeautifulSoup", careful.throughput / bs.throughput,
                     TARGET_VS_BS, False))
    print(ratio_line("locdocs with_segments / read+write", careful.throughput / io.throughput,
                     TARGET_VS_IO, True))


def report_command(small: list[Timing], large: list[Timing]) -> None:
    print("locdocs normalize in place, on a fresh copy of the files for each repetition:")
    table(small + large)
    print(f"(best of {REPETITIONS} each; 'fsync per file' is the command before durable batches, one run only)")
    print()
    print("ratios of throughput:")
    for label, (io, per_file, one_job, command), target in (("small files", small, TARGET_SMALL_IN_PLACE),
                                                            ("large files", large, TARGET_LARGE_IN_PLACE)):
        print(ratio_line(f"normalize / read+write, {label}", command.throughput / io.throughput, target, True))
        print(ratio_line(f"  -j 1 (one process), {label}", one_job.throughput / io.throughput, target, True))
        print(ratio_line(f"  before (fsync per file), {label}", per_file.throughput / io.throughput, target,
                         True))


# --- Main ----------------------------------------------------------------------------------------------------------

def fail(message: str) -> None:
    """Stop before measuring anything; 2 as for a usage error (a missed target still exits 0)."""
    print(f"bench_normalize: {message}", file=sys.stderr)
    raise SystemExit(2)


def positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


def prepare_workdir(path: Path | None) -> tuple[Path, bool]:
    """The folder to work in and whether to remove it at the end; refuses a non-empty folder it did not make."""
    if path is None:
        return Path(tempfile.mkdtemp(prefix="bench_normalize.")), True
    path.mkdir(parents=True, exist_ok=True)
    if any(path.iterdir()):
        if not (path / MARKER).is_file():
            fail(f"{path} is not empty and was not made by this benchmark: give an empty or new folder")
        for child in path.iterdir():  # our own earlier run: start again from nothing
            if child.is_dir():
                shutil.rmtree(child)
    (path / MARKER).write_text("made by benchmarks/bench_normalize.py; safe to delete\n", encoding="utf-8")
    return path, False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--megabytes", type=positive, default=64,
                        help="input to build from copies of the real handoffs, in MB (default: %(default)s)")
    parser.add_argument("--bs-megabytes", type=positive, default=8,
                        help="how much of it BeautifulSoup gets, in MB (default: %(default)s)")
    parser.add_argument("--small-files", type=positive, default=6600,
                        help="how many small handoffs to cut from the real ones, for the in-place measurement "
                             "(default: %(default)s)")
    parser.add_argument("--workdir", type=Path,
                        help="keep the input and outputs in this folder (default: a temporary folder, removed)")
    parser.add_argument("--site", type=Path,
                        help="instead of copies, the raw handoffs of a site generated by benchmarks/corpus.py "
                             "(its content/generated/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    workdir, remove = prepare_workdir(args.workdir)
    try:
        input_dir, output_dir = workdir / "input", workdir / "output"
        if args.site is not None:
            input_dir = args.site / "content" / "generated"
            files = sorted(path for path in input_dir.rglob("*") if path.is_file())
        else:
            files = build_input(input_dir, args.megabytes)
        print(f"input: {len(files)} files, {sum(p.stat().st_size for p in files) / MB:.1f} MB in {input_dir}")
        if args.site is None and args.megabytes < REFERENCE_MEGABYTES:
            print(f"(less than {REFERENCE_MEGABYTES} MB: a quick look, not a reference measurement)")
        print()
        io = measure("read+write", copy_bytes, files, input_dir, output_dir / "copy")
        fast = measure("locdocs", locdocs_fast, files, input_dir, output_dir / "locdocs")
        careful = measure("locdocs with_segments", locdocs_with_segments, files, input_dir,
                          output_dir / "locdocs-segments")
        bs = measure("BeautifulSoup (subset)", beautifulsoup, leading_subset(files, args.bs_megabytes),
                     input_dir, output_dir / "beautifulsoup")
        report([io, fast, careful, bs], io, fast, careful, bs)
        print()
        small_dir = workdir / "small"
        small_files = build_small_input(small_dir, int(args.small_files))
        print(f"small handoffs: {len(small_files)} files, {sum(p.stat().st_size for p in small_files) / MB:.1f} MB "
              f"in {small_dir}, cut from the real ones")
        small = measure_command("small", small_files, small_dir, workdir / "in-place-small")
        large = measure_command("large", files, input_dir, workdir / "in-place-large")
        report_command(small, large)
        print()
        print(machine())
        print(filesystem(workdir))
    finally:
        if remove:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
