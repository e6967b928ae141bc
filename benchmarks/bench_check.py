"""How long does ``locdocs check`` take on a large site, and with how much memory, compared with building it?

It generates a site of ``--articles`` real articles (default 5,000) in 5 locales with ``benchmarks/corpus.py`` and
measures, in the same run:

- ``check -j 1``: ``locdocs check --format json --jobs 1`` of the whole site (every rule, every locale) in one
  process;
- ``check``: the same with the default, one process per core: the figure the target is about;
- ``build``: ``locdocs build --no-publish`` of the same site from a cold cache (every unit, on every core).

Memory: the peak resident memory of the largest process (ru_maxrss), and the peak of the whole process tree's
proportional set size (PSS, sampled every 100 ms from /proc while checking: forked workers share pages with their
parent, which PSS counts once).

Targets (issue "Scale, speed and robustness"): check < 5 % of the build; peak memory < 500 MB at 5,000 × 5.
Run from the repository root: ``.venv/bin/python benchmarks/bench_check.py [--articles 5000] [--workdir DIR]``.
The exit code is 0 whatever the result: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench_build import machine, work_folder
from corpus import generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEASURE = ("import resource, subprocess, sys\n"
           "done = subprocess.run(sys.argv[1:])\n"
           "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(done.returncode)\n")


@dataclass
class Measurement:
    seconds: float
    largest_mb: float
    """Peak resident memory of the largest process."""
    total_mb: float
    """Peak proportional set size of all the processes together (0 where /proc cannot tell)."""


def _tree_pss_kb(root: int) -> int:
    """The PSS of process ``root`` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, added = {root}, True
    while added:
        added = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                added = True
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1))
    return total


def measured(command: list[str], cwd: Path, output: Path, sample_memory: bool = True) -> Measurement:
    """Run ``command`` with its stdout in ``output``: its wall time and memory. Sampling takes CPU time: not
    while measuring the build, the baseline."""
    started = time.perf_counter()
    peak_total = 0
    with open(output, "wb") as out:
        process = subprocess.Popen([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=ENV, stdout=out,
                                   stderr=subprocess.PIPE, text=True)
        stderr: list[str] = []
        reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
        reader.start()
        while process.poll() is None:
            if sample_memory and Path("/proc/self/smaps_rollup").exists():
                peak_total = max(peak_total, _tree_pss_kb(process.pid))
            time.sleep(0.1)
        reader.join()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):  # 1: the check found errors, which real content has
        sys.exit(f"{' '.join(command)} failed:\n{''.join(stderr)[-3000:]}")
    largest = int(re.search(r"peak-kb (\d+)", "".join(stderr)).group(1)) / 1024
    return Measurement(seconds, largest, peak_total / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with work_folder(args.workdir, "bench_check") as work:
        run(work, args.articles)
    return 0


def run(work: Path, articles: int) -> None:
    repo = work / "repo"
    started = time.perf_counter()
    counts = generate(repo, articles)
    print(f"generated {articles} articles × 5 locales in {time.perf_counter() - started:.0f} s "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})", flush=True)
    python = sys.executable
    check = [python, "-m", "locdocs", "check", "--format", "json"]
    alone = measured([*check, "--jobs", "1"], repo, work / "check-1.json")
    print(f"locdocs check -j 1: {alone.seconds:7.1f} s, peak {alone.largest_mb:4.0f} MB", flush=True)
    shared = measured(check, repo, work / "check.json")
    findings = json.loads((work / "check.json").read_text("utf-8"))["findings"]
    same = (work / "check.json").read_bytes() == (work / "check-1.json").read_bytes()
    print(f"locdocs check:      {shared.seconds:7.1f} s, peak {shared.largest_mb:4.0f} MB in the largest process, "
          f"{shared.total_mb:4.0f} MB (PSS) in all, {len(findings)} findings"
          f"{'' if same else ' — NOT the same as with -j 1'}", flush=True)
    build = measured([python, "-m", "locdocs", "build", "--no-publish"], repo, work / "build.log",
                     sample_memory=False)
    print(f"locdocs build:      {build.seconds:7.1f} s (cold cache, every unit)", flush=True)
    print()
    ratio = shared.seconds / build.seconds
    memory = max(shared.largest_mb, shared.total_mb, alone.largest_mb)
    print(f"check / build:     {ratio:6.3f}   target < 0.05  {'PASS' if ratio < 0.05 else 'MISS'}")
    print(f"check -j 1 / build: {alone.seconds / build.seconds:6.3f}")
    print(f"check peak memory: {memory:6.0f} MB target < 500  {'PASS' if memory < 500 else 'MISS'}")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    raise SystemExit(main())
