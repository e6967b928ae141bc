"""Atomic writes: a process killed while writing (atomic_write itself, a real `locdocs normalize`, a real `locdocs
ingest`) leaves the old file intact; in a durable batch as well, synced once at the batch's end; a file that already
holds the bytes is not written."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from locdocs import fileio
from locdocs.cli import main
from locdocs.fileio import atomic_copy, atomic_write, durable_batch
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


def _writing(folder: Path) -> bool:
    """Whether a temporary file of ``folder`` is being filled: one with a megabyte written (in a durable batch, a
    temporary file made for one file takes the next one's data: its name is that of the first)."""
    with contextlib.suppress(FileNotFoundError):
        return any(path.stat().st_size >= 1024 * 1024 for path in folder.glob(".*.tmp"))
    return False


def _kill_while_writing(command: list[str], cwd: Path, folder: Path, name: str) -> None:
    """Start a real ``locdocs`` process and SIGKILL it once it writes the temporary file for ``folder/name`` (a
    large file: the others are small)."""
    process = subprocess.Popen([sys.executable, "-m", "locdocs", *command], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not _writing(folder):
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


# --- Durable batches: atomic per file, durable once per batch ------------------------------------------------------

class SyncCalls:
    """Stands for syncfs and os.fsync: records the filesystem (st_dev) of each syncfs, and each path fsync-ed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, syncfs: bool = True) -> None:
        self.syncfs: list[int] = []
        self.fsync: list[int] = []
        real_fsync = os.fsync

        def fake_syncfs(fd: int) -> None:
            self.syncfs.append(os.fstat(fd).st_dev)

        def counting_fsync(fd: int) -> None:
            self.fsync.append(os.fstat(fd).st_ino)
            real_fsync(fd)

        monkeypatch.setattr(fileio, "_syncfs_function", lambda: fake_syncfs if syncfs else None)
        monkeypatch.setattr(fileio.os, "fsync", counting_fsync)


def test_outside_a_batch_every_write_is_fsynced_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = SyncCalls(monkeypatch)
    for number in range(3):
        atomic_write(tmp_path / f"{number}.md", b"new")
    atomic_copy(tmp_path / "0.md", tmp_path / "copy.md")
    assert len(calls.fsync) == 4 and calls.syncfs == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.md", "1.md", "2.md", "copy.md"]


def test_a_batch_syncs_each_filesystem_once_at_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = SyncCalls(monkeypatch)
    shm = Path("/dev/shm")
    other = None
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != tmp_path.stat().st_dev:
        other = Path(tempfile.mkdtemp(dir=shm))  # a second filesystem (tmpfs)
    try:
        with durable_batch():
            for number in range(30):
                atomic_write(tmp_path / f"folder{number % 3}" / "new" / f"{number}.md", b"text %d" % number)
            atomic_copy(tmp_path / "folder0" / "new" / "0.md", tmp_path / "copied.md")
            if other is not None:
                atomic_write(other / "elsewhere.md", b"text")
            assert calls.syncfs == [] and calls.fsync == [], "nothing is synced before the batch ends"
        devices = [tmp_path.stat().st_dev] + ([other.stat().st_dev] if other is not None else [])
        assert sorted(calls.syncfs) == sorted(devices), "one syncfs per filesystem"
        assert calls.fsync == [], "no fsync per file, nor per folder: syncfs wrote the folders too"
        assert (tmp_path / "folder2" / "new" / "29.md").read_bytes() == b"text 29"
        assert (tmp_path / "copied.md").read_bytes() == b"text 0"
        assert not list(tmp_path.rglob("*.tmp"))
    finally:
        if other is not None:
            shutil.rmtree(other)


def test_without_syncfs_a_batch_fsyncs_each_file_and_folder_once_at_its_end(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls = SyncCalls(monkeypatch, syncfs=False)
    (tmp_path / "old").mkdir()
    with durable_batch():
        for number in range(4):
            atomic_write(tmp_path / "old" / f"{number}.md", b"text")
        atomic_write(tmp_path / "made" / "deeper" / "a.md", b"text")
        assert calls.fsync == []
    files = [tmp_path / "old" / f"{number}.md" for number in range(4)] + [tmp_path / "made" / "deeper" / "a.md"]
    # every file, then each folder whose entries changed: old/ and deeper/ (a file in them), tmp_path and made/
    # (a folder made in them)
    folders = [tmp_path, tmp_path / "made", tmp_path / "made" / "deeper", tmp_path / "old"]
    assert sorted(calls.fsync) == sorted(path.stat().st_ino for path in files + folders)
    assert calls.syncfs == []


@pytest.mark.parametrize("swap", [True, False], ids=["swap", "rename"])
def test_a_failing_write_in_a_batch_leaves_the_old_file_and_the_rest_is_still_synced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: bool) -> None:
    """Where files are swapped (renameat2) and where they are renamed over each other."""
    calls = SyncCalls(monkeypatch)
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_bytes(b"old first")
    second.write_bytes(b"old second")
    real_replace, real_exchange = os.replace, fileio._exchange

    def replace(source: str, target: str | Path) -> None:
        if Path(target).name == "second.md":
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    def exchange(source: str, target: Path) -> bool:
        if not swap:
            return False
        if target.name == "second.md":
            raise OSError(28, "No space left on device")
        return real_exchange(source, target)

    monkeypatch.setattr(fileio.os, "replace", replace)
    monkeypatch.setattr(fileio, "_exchange", exchange)
    with pytest.raises(OSError, match="No space left"), durable_batch():
        atomic_write(first, b"new first")
        atomic_write(second, b"new second")
    assert first.read_bytes() == b"new first" and second.read_bytes() == b"old second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.md", "second.md"], "no temporary file left"
    assert calls.syncfs == [tmp_path.stat().st_dev], "what was written before the error is made durable"


@pytest.mark.parametrize("command", ["ingest", "sync_tree"])
def test_ingest_and_version_trees_write_in_one_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     command: str) -> None:
    """``locdocs ingest`` of several handoffs, and a version's source tree (sync_tree), pay one syncfs, no fsync."""
    calls = SyncCalls(monkeypatch)
    if command == "ingest":
        handoffs = [str(path) for path in sorted(SEEDS.glob("00[02]_*.txt"))]  # sv and zh
        assert main(["ingest", "-q", "--docs-dir", str(tmp_path / "docs"), "--l10n-dir", str(tmp_path / "l10n"),
                     *handoffs]) == 0
        written = list(tmp_path.rglob("*.md")) + list(tmp_path.rglob("*.xlf"))
        assert len(written) == 4
    else:
        fileio.sync_tree(tmp_path / "tree", {Path(f"{n}.md"): f"# {n}\n".encode() for n in range(20)})
        assert len(list((tmp_path / "tree").rglob("*.md"))) == 20
    assert calls.fsync == []
    assert calls.syncfs == [tmp_path.stat().st_dev]


def test_a_failing_sync_fails_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_syncfs(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fileio, "_syncfs_function", lambda: failing_syncfs)
    with pytest.raises(OSError, match="Input/output error"), durable_batch():
        atomic_write(tmp_path / "a.md", b"new")
    with pytest.raises(KeyError) as raised, durable_batch():  # the block's own error stays the one raised
        atomic_write(tmp_path / "b.md", b"new")
        raise KeyError("the block's")
    if sys.version_info >= (3, 11):
        assert "Input/output error" in " ".join(raised.value.__notes__)


def test_a_batch_inside_a_batch_joins_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = SyncCalls(monkeypatch)
    with durable_batch():
        with durable_batch():
            atomic_write(tmp_path / "a.md", b"new")
        assert calls.syncfs == []
    assert calls.syncfs == [tmp_path.stat().st_dev]
    with durable_batch():
        pass  # nothing written: nothing to sync
    assert len(calls.syncfs) == 1


@pytest.mark.parametrize("batched", [False, True], ids=["alone", "in a batch"])
def test_a_file_that_already_holds_the_bytes_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            batched: bool) -> None:
    calls = SyncCalls(monkeypatch)
    target = tmp_path / "a.md"
    target.write_bytes(b"same text")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    with durable_batch() if batched else contextlib.nullcontext():
        atomic_write(target, b"same text")
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert calls.fsync == [] and calls.syncfs == [], "nothing written, nothing to sync"
    with durable_batch() if batched else contextlib.nullcontext():
        atomic_write(target, b"same size")  # the same size, other bytes: written
    assert target.read_bytes() == b"same size" and target.stat().st_ino != before.st_ino


BATCH_WRITER = """
import sys
from pathlib import Path
from locdocs.fileio import atomic_write, durable_batch
with durable_batch():
    atomic_write(Path(sys.argv[1]), b"# New first\\n")
    atomic_write(Path(sys.argv[2]), b"new " * (150 * 1024 * 1024 // 4))
"""


def test_a_writer_killed_in_a_batch_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_bytes(b"# Old first\n")
    second.write_bytes(b"# Old second\n")
    writer = subprocess.Popen([sys.executable, "-c", BATCH_WRITER, str(first), str(second)])
    deadline = time.monotonic() + 30
    while not _writing(tmp_path):
        assert time.monotonic() < deadline and writer.poll() is None, "the writer never started writing"
        time.sleep(0.005)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert first.read_bytes() == b"# New first\n" and second.read_bytes() == b"# Old second\n"


@pytest.mark.parametrize("swap", [True, False], ids=["swap", "rename"])
def test_a_batch_deletes_the_replaced_files_when_it_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         swap: bool) -> None:
    """In a batch each new file is swapped with the old one, which is deleted when the batch ends: no deletion
    between two file creations (on ext4 without a journal each deletion makes later creations slower). Where the
    filesystem cannot swap, the new file is renamed over the old one, as outside a batch. Either way the files
    are new inodes (a reader of the old file keeps reading the old data), keep their permissions, and no
    temporary file is left."""
    if swap and fileio._renameat2_function() is None:
        pytest.skip("no renameat2 in this C library")
    if not swap:
        monkeypatch.setattr(fileio, "_exchange", lambda source, target: False)
    files = [tmp_path / f"{number}.md" for number in range(20)]
    for number, path in enumerate(files):
        path.write_bytes(f"old {number}".encode())
        path.chmod(0o640 if number % 2 else 0o604)
    inodes = {path: path.stat().st_ino for path in files}
    with open(files[0], "rb") as reader, durable_batch():
        for number, path in enumerate(files):
            atomic_write(path, f"new {number}, longer".encode())
        atomic_write(tmp_path / "sub" / "new.md", b"a file that was not there")
        kept = sorted(path.read_bytes() for path in tmp_path.glob(".*.tmp"))
        assert reader.read() == b"old 0"
    assert kept == (sorted(f"old {number}".encode() for number in range(20)) if swap else [])
    assert [path.read_bytes() for path in files] == [f"new {number}, longer".encode() for number in range(20)]
    assert [path.stat().st_mode & 0o777 for path in files] == [0o640 if n % 2 else 0o604 for n in range(20)]
    assert all(path.stat().st_ino != inodes[path] for path in files)
    assert (tmp_path / "sub" / "new.md").read_bytes() == b"a file that was not there"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == sorted(
        [path.name for path in files] + ["sub", "sub/new.md"]), "no temporary file left"


def test_a_process_forked_in_a_batch_syncs_its_own_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked process inherits a copy of its parent's batch: what it noted there would never be synced nor its
    replaced files deleted. It writes with an fsync per file instead, or in a batch of its own."""
    calls = SyncCalls(monkeypatch)
    (tmp_path / "old.md").write_bytes(b"old")
    with durable_batch():
        atomic_write(tmp_path / "parent.md", b"parent")
        child = os.fork()
        if child == 0:  # pragma: no cover - the child process; it reports through its exit code
            try:
                atomic_write(tmp_path / "alone.md", b"alone")
                fsynced = len(calls.fsync)
                with durable_batch():
                    atomic_write(tmp_path / "old.md", b"new")
                os._exit(0 if (fsynced, len(calls.fsync), calls.syncfs) == (1, 1, [tmp_path.stat().st_dev]) else 1)
            finally:
                os._exit(2)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the child fsynced alone.md, then synced its own batch"
        assert calls.syncfs == [] and calls.fsync == [], "the parent's batch is still open"
    assert calls.syncfs == [tmp_path.stat().st_dev]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["alone.md", "old.md", "parent.md"], \
        "no temporary file left: the child deleted the file it replaced"
    assert (tmp_path / "old.md").read_bytes() == b"new"


@pytest.mark.parametrize("links", [True, False], ids=["link", "copy"])
def test_link_or_copy_replaces_the_file_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    links: bool) -> None:
    """A hard link where the filesystem allows, else a copy with the source's time; the old file replaced whole,
    the folder made, no temporary file left."""
    from locdocs.fileio import link_or_copy

    source = tmp_path / "source.html"
    source.write_text("new")
    os.utime(source, ns=(1_000_000_000, 1_000_000_000))
    target = tmp_path / "version" / "page" / "index.html"
    if not links:
        def no_links(*args: object, **kwargs: object) -> None:
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(fileio.os, "link", no_links)
    link_or_copy(source, target)  # its folder made
    old = target.parent / "old.html"
    old.write_text("old")
    link_or_copy(source, old)  # an old file replaced
    link_or_copy(source, target)  # again, over itself
    for path in (target, old):
        assert path.read_text() == "new" and path.stat().st_mtime_ns == 1_000_000_000
        assert (path.stat().st_ino == source.stat().st_ino) is links
    assert sorted(path.name for path in target.parent.iterdir()) == ["index.html", "old.html"]
