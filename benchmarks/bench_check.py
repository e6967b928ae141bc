"""How long does ``locdocs check`` take on a large site, and with how much memory, compared with building it?

It generates a site of ``--articles`` real articles (default 5,000) in 5 locales with ``benchmarks/corpus.py`` and
measures, in the same run:

- ``check``: ``locdocs check --format json`` of the whole site (every rule, every locale), its wall time and its
  peak resident memory (the process's ru_maxrss);
- ``build``: ``locdocs build --no-publish`` of the same site from a cold cache (every unit, on every core).

Targets (issue "Scale, speed and robustness"): check < 5 % of the build; peak memory < 500 MB at 5,000 × 5.
Run from the repository root: ``.venv/bin/python benchmarks/bench_check.py [--articles 5000] [--workdir DIR]``.
The exit code is 0 whatever the result: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import machine
from corpus import generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEASURE = ("import resource, subprocess, sys\n"
           "done = subprocess.run(sys.argv[1:])\n"
           "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(done.returncode)\n")


def measured(command: list[str], cwd: Path, output: Path) -> tuple[float, float]:
    """Run ``command`` with its stdout in ``output``: its wall time in seconds and its peak memory in MB."""
    started = time.perf_counter()
    with open(output, "wb") as out:
        done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=ENV, stdout=out,
                              stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: the check found errors, which real content has
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return seconds, int(re.search(r"peak-kb (\d+)", done.stderr).group(1)) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_check.")) if args.workdir is None else args.workdir
    repo = work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = generate(repo, args.articles)
    print(f"generated {args.articles} articles × 5 locales in {time.perf_counter() - started:.0f} s "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})", flush=True)
    python = sys.executable
    check, peak = measured([python, "-m", "locdocs", "check", "--format", "json"], repo, work / "check.json")
    findings = json.loads((work / "check.json").read_text("utf-8"))["findings"]
    print(f"locdocs check:  {check:7.1f} s, peak {peak:5.0f} MB, {len(findings)} findings", flush=True)
    build, _ = measured([python, "-m", "locdocs", "build", "--no-publish"], repo, work / "build.log")
    print(f"locdocs build:  {build:7.1f} s (cold cache, every unit)", flush=True)
    print()
    ratio = check / build
    print(f"check / build: {ratio:6.3f}   target < 0.05  {'PASS' if ratio < 0.05 else 'MISS'}")
    print(f"check peak:    {peak:6.0f} MB target < 500  {'PASS' if peak < 500 else 'MISS'}")
    print(f"machine: {machine()}")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
