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

Run it from the repository root (``make bench`` does the same)::

    .venv/bin/python benchmarks/bench_normalize.py [--megabytes 64] [--bs-megabytes 8] [--workdir DIR]

The shared data is found at ``../shared`` next to the repository, or wherever ``LOCDOCS_SHARED`` points. The exit
code is 0 whether the targets are met or not: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
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

from locdocs.normalize import normalize_bytes

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LOCDOCS_SHARED", ROOT.parent / "shared"))
SEEDS_WITH_SPANS = ("001_bfce40a1323c09cc.txt", "003_ceff8272707b582a.txt")
REPETITIONS = 3
MB = 1_000_000
# Targets: locdocs must be far ahead of the obvious HTML-parser solution, and cost at most 4x plain file I/O.
TARGET_VS_BS = 20.0
TARGET_VS_IO = 0.25
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


def ratio_line(label: str, value: float, target: float, as_percent: bool) -> str:
    shown = f"{value:.0%}" if as_percent else f"{value:.1f}x"
    wanted = f">= {target:.0%}" if as_percent else f">= {target:.0f}x"
    verdict = "PASS" if value >= target else "MISS"
    return f"  {label:<44} {shown:>8}   target {wanted:<7} {verdict}"


def report(timings: list[Timing], io: Timing, fast: Timing, careful: Timing, bs: Timing) -> None:
    print(f"{'implementation':<26} {'MB':>8} {'seconds':>9} {'MB/s':>9}")
    for timing in timings:
        print(f"{timing.name:<26} {timing.megabytes:>8.1f} {timing.seconds:>9.3f} {timing.throughput:>9.1f}")
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
    print()
    print(machine())


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
    finally:
        if remove:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
