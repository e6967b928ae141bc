"""Atomic writes: a process killed while writing (atomic_write itself, a real `locdocs normalize`, a real `locdocs
ingest`) leaves the old file intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from locdocs.fileio import atomic_write
from shared_data import SEEDS

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


def _big_handoff(path: Path, megabytes: int) -> bytes:
    """A real handoff (the 2018-05 Dutch seed) with its body repeated: long enough to write that a process can
    be caught in the middle of it."""
    seed = next(SEEDS.glob("001_*.txt")).read_bytes()
    end = seed.index(b"\n---", 3) + 4
    data = seed[:end] + seed[end:] * (megabytes * 1024 * 1024 // len(seed[end:]) + 1)
    path.write_bytes(data)
    return data


def _kill_while_writing(command: list[str], cwd: Path, folder: Path, name: str) -> None:
    """Start a real ``locdocs`` process and SIGKILL it once it writes the temporary file for ``folder/name``."""
    process = subprocess.Popen([sys.executable, "-m", "locdocs", *command], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(folder.glob(f".{name}.*.tmp")):
        assert time.monotonic() < deadline and process.poll() is None, f"{command} never started writing {name}"
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


@pytest.mark.shared
def test_a_killed_normalize_leaves_the_old_handoff(tmp_path: Path) -> None:
    handoff = tmp_path / "big.md"
    original = _big_handoff(handoff, 80)
    _kill_while_writing(["normalize", str(handoff)], tmp_path, tmp_path, "big.md")
    assert handoff.read_bytes() == original


@pytest.mark.slow
@pytest.mark.shared
def test_a_killed_ingest_leaves_the_old_translation(tmp_path: Path) -> None:
    article = tmp_path / "docs" / "nl" / "billing" / "big.md"
    xliff = tmp_path / "l10n" / "nl" / "billing" / "big.md.xlf"
    for path, old in ((article, b"# Old translation\n"), (xliff, b"<old/>\n")):
        path.parent.mkdir(parents=True)
        path.write_bytes(old)
    handoff = tmp_path / "big.txt"
    _big_handoff(handoff, 30)  # ingest also builds the segments: slower
    _kill_while_writing(["ingest", str(handoff), "--path", "billing/big.md"], tmp_path, article.parent, "big.md")
    assert article.read_bytes() == b"# Old translation\n" and xliff.read_bytes() == b"<old/>\n"
