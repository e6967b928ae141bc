"""The one way the tests run a real `mkdocs build`: in a process of its own, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_mkdocs(repo_or_config: Path, *args: str, strict: bool = False, site_dir: Path | None = None,
               timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m mkdocs build ARGS`` and return the finished process (stdout and stderr as text).

    ``repo_or_config`` is a folder with a ``mkdocs.yml`` (the build runs there) or a configuration file (run with
    ``-f FILE`` from the file's folder). ``strict`` adds ``--strict``; ``site_dir`` adds ``--site-dir``; ``env`` is
    added to the environment, which always has NO_MKDOCS_2_WARNING=1 (MkDocs' own notice about MkDocs 2)."""
    path = Path(repo_or_config)
    command = [sys.executable, "-m", "mkdocs", "build"]
    if path.is_dir():
        cwd = path
    else:
        cwd = path.parent
        command += ["-f", str(path)]
    if strict:
        command.append("--strict")
    command += args
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=cwd, check=False, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1"})
