"""The test suite itself: without the shared data, the tests that need it are skipped and say why; the others run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shared_data import GOLDEN, ROOT


@pytest.mark.slow
def test_without_the_shared_data_its_tests_are_skipped_with_the_reason(tmp_path: Path) -> None:
    absent = tmp_path / "no-shared-data"
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs",
                           "tests/test_golden.py"], cwd=ROOT, check=False, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "LOCDOCS_SHARED": str(absent)})
    assert done.returncode == 0, done.stdout + done.stderr
    seed_cases = len(list((GOLDEN / "seeds").glob("*.md")))  # each reads its input from the shared seeds
    normalize_cases = len([p for p in (GOLDEN / "normalize").glob("*.md") if ".input." not in p.name])
    error_cases = len(list((GOLDEN / "errors").glob("*.input.md")))
    summary = done.stdout.strip().splitlines()[-1]
    assert re.match(rf"{normalize_cases + error_cases + 2} passed, {seed_cases} skipped in ", summary), done.stdout
    assert f"the shared test data is missing ({absent / 'seeds'} and {absent / 'corpus'})" in done.stdout
