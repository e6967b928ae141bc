"""Atomic writes: a process killed while writing leaves the old file intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from locdocs.fileio import atomic_write

WRITER = """
import sys
from pathlib import Path
from locdocs.fileio import atomic_write
atomic_write(Path(sys.argv[1]), b"new " * (150 * 1024 * 1024 // 4))  # big enough to be caught in the middle
"""


def test_a_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "article.md"
    target.write_bytes(b"# Old article\n")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".article.md.*.tmp")):  # wait until it is writing the temporary file
        assert time.monotonic() < deadline and writer.poll() is None, "the writer never started writing"
        time.sleep(0.005)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert target.read_bytes() == b"# Old article\n"


def test_atomic_write_keeps_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
