"""The property-based tests of the span parser and the normalizer (tests/test_properties.py) with 10,000 examples
each instead of the suite's 300: the hypothesis profile "benchmark".

Run from the repository root: ``.venv/bin/python benchmarks/bench_properties.py``. It prints hypothesis'
statistics (examples run, time per example) and exits with pytest's code: unlike the timing benchmarks, a
failing property here is a bug.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--hypothesis-show-statistics", "tests/test_properties.py"], cwd=ROOT,
                          env={**os.environ, "LOCDOCS_HYPOTHESIS_PROFILE": "benchmark"}, check=False)
    print(f"10,000 examples per property in {time.perf_counter() - started:.0f} s (exit code {done.returncode})")
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
