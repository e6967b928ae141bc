"""A copy of the repository (git history included), built and published with `locdocs build`, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from shared_data import ROOT

IGNORED = shutil.ignore_patterns(".venv", "site", ".cache", ".artifacts", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "*.egg-info")


def offline(command: list[str]) -> list[str]:
    """Run the command in a network namespace of its own (no network at all) where the machine allows it."""
    usable = shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    return ["unshare", "-n", *command] if usable else command


def build(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``locdocs build --repo REPO ARGS``, with ``env`` added to the environment."""
    return subprocess.run(offline([sys.executable, "-m", "locdocs", "build", "--repo", str(repo), *args]),
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1"})


def copy_repository(target: Path) -> Path:
    shutil.copytree(ROOT, target, symlinks=True, ignore=IGNORED)
    return target
