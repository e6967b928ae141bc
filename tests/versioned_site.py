"""A copy of the repository (git history included), built and published with `locdocs build`, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from shared_data import ROOT

SITE_URL = "https://docs.example.org/troubleshooting/"
"""The site_url of every versioned test build (LOCDOCS_SITE_URL, which mkdocs.yml reads): a deployment's, with a
path, as a GitHub project site has."""
IGNORED = shutil.ignore_patterns(".venv", "site", ".cache", ".artifacts", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "*.egg-info")


def offline(command: list[str]) -> list[str]:
    """Run the command in a network namespace of its own (no network at all) where the machine allows it."""
    usable = shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    return ["unshare", "-n", *command] if usable else command


def build(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``locdocs build --repo REPO ARGS``, with LOCDOCS_SITE_URL=SITE_URL and ``env`` added to the
    environment."""
    return subprocess.run(offline([sys.executable, "-m", "locdocs", "build", "--repo", str(repo), *args]),
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "LOCDOCS_SITE_URL": SITE_URL, **(env or {}), "NO_MKDOCS_2_WARNING": "1"})


def copy_repository(target: Path) -> Path:
    shutil.copytree(ROOT, target, symlinks=True, ignore=IGNORED)
    return target
