"""Reading and atomically writing files.

Every file locdocs writes goes through ``atomic_write`` (or ``atomic_copy``): the new content is written to a
temporary file in the same folder, then renamed over the old one, so a process killed half-way leaves either the
old file or the new one, never a mix. ``atomic_write`` writes nothing at all when the file already holds exactly
these bytes (same size, then same bytes): its modification time and inode stay, and nothing is paid for it.
Folders made of many files (a unit's output, a version's assembled site) are built beside their final place and
renamed into it when complete. The pages MkDocs itself writes are MkDocs' business: ``locdocs build`` publishes
them only inside such a folder.

Durability, the other half, is what a power loss or a kernel crash (not a killed process: its written data is in
the kernel already) can leave. Outside a batch each file's data is ``fsync``-ed before its rename, as always: a
power loss leaves the old file or the new one. That ``fsync`` costs a few milliseconds per file, the price of a
disk flush and a journal commit, and for thousands of small files it was a large part of a command's time
(``locdocs normalize`` of 6,600 handoffs of 6 KB ran at 17 % of a plain read and write, half of it in ``fsync``
as profiled on one machine). So a command that writes many files runs them in ``with durable_batch():``, in which

- each file is still written to a temporary file that takes the old one's place in one step: a killed process
  leaves every file old or new, never a mix, exactly as outside a batch. Where the filesystem can (Linux's
  ``renameat2`` with RENAME_EXCHANGE), the two are swapped and the old files deleted together when the batch
  ends, rather than one deletion per file written (``_replace_in_batch`` says why); else it is renamed over the
  old one (``os.replace``);
- the per-file ``fsync`` is skipped; when the batch ends (also when it ends with an error, for what was
  written), everything is made durable at once. On Linux 5.8 or later (where ``syncfs`` reports write-back
  errors) that is one ``syncfs`` per filesystem written to: it writes every dirty file and folder of the
  filesystem and commits its journal (if it has one), so the renames and new folders are durable too; an
  ``fsync`` of each folder after it would only add a disk-cache flush per folder (1 to 2 ms each here: a second
  per 700 folders). Elsewhere it is an ``fsync`` of each file written, then one of each folder whose entries
  changed (a file renamed into it, a folder made in it). A batch inside a batch joins it: the outermost syncs.

What a power loss can leave: after the batch has ended, every file is durably new. During the batch, a file
already written may come back old or new; on filesystems that flush a file's data before a rename that replaces
another (ext4 with its default ``auto_da_alloc``, btrfs) it is old or new, on others (XFS, ext4 mounted
``noauto_da_alloc``) a file renamed in the last seconds before the loss may come back empty. black and ruff
write without any ``fsync``; a batch is that, plus durability once per command, at the cost of this window.
(Syncing the temporary files once and renaming them all at the batch's end would close the window, but a file
written in a batch would not be readable until the batch ends, and a killed process would leave every
temporary file of the batch behind.) ``syncfs`` flushes the whole filesystem, other programs' writes included:
one flush instead of thousands, usually far cheaper, but its time depends on what else is waiting to be written.
The batch is a context variable, so call sites keep calling ``atomic_write``; a thread started inside a batch
does not see it (it writes with its own ``fsync``) unless it runs in a copy of the context. Nor does a process
forked inside a batch: what its copy of the batch noted would never be synced, so it writes with an ``fsync`` per
file, or in a batch of its own.
"""

from __future__ import annotations

import contextlib
import errno
import os
import platform
import shutil
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


@dataclass
class _Batch:
    """What a durable batch has written, to make durable when it ends."""

    devices: dict[str, int] = field(default_factory=dict)
    """Every folder written into (or made) so far -> its filesystem (``st_dev``); made once per folder."""
    touched: set[str] = field(default_factory=set)
    """The folders whose entries changed: a file renamed into them, or a folder made in them."""
    files: list[tuple[str, str]] = field(default_factory=list)
    """The files written, each with its folder, for systems without ``syncfs``."""
    replaced: list[str] = field(default_factory=list)
    """The old files swapped out by the batch's writes, deleted when it ends (see ``_replace_in_batch``)."""
    exchange: bool = True
    """Whether the filesystems written to so far swap two files atomically (``renameat2``)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    process: int = field(default_factory=os.getpid)
    """The process that opened the batch, the only one that syncs it."""


_BATCH: ContextVar[_Batch | None] = ContextVar("locdocs_durable_batch", default=None)


def _current_batch() -> _Batch | None:
    """The batch this process is writing in, if any (not one a parent process opened before forking this one)."""
    batch = _BATCH.get()
    return batch if batch is not None and batch.process == os.getpid() else None


@contextmanager
def durable_batch() -> Iterator[None]:
    """Within the block, ``atomic_write`` and ``atomic_copy`` stay atomic but skip their per-file ``fsync``; at its
    end (also on an error) what they wrote is made durable at once (see the module's docstring). Inside another
    batch, it joins that one."""
    if _current_batch() is not None:
        yield
        return
    batch = _Batch()
    token = _BATCH.set(batch)
    try:
        yield
    except BaseException as error:
        try:
            _delete_replaced(batch)
            _make_durable(batch)
        except OSError as sync_error:  # the block's own error is the one to raise; this one goes with it
            if sys.version_info >= (3, 11):
                error.add_note(f"making the files written so far durable failed too: {sync_error}")
        raise
    else:
        _delete_replaced(batch)
        _make_durable(batch)
    finally:
        _BATCH.reset(token)


def _prepare_folder(folder: Path, batch: _Batch | None) -> str:
    """Make ``folder`` (and its parents) if missing; in a batch, once per folder, noting the folders made. The
    folder's absolute path, the batch's key for it (the batch's syncs do not depend on the working directory)."""
    if batch is None:
        folder.mkdir(parents=True, exist_ok=True)
        return ""
    key = os.path.abspath(folder)
    if key in batch.devices:
        return key
    missing = []
    current = folder
    while not current.is_dir() and current.parent != current:
        missing.append(current)
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    device = os.stat(folder).st_dev
    with batch.lock:
        batch.devices[key] = device
        for made in missing:
            parent = os.path.abspath(made.parent)
            batch.devices.setdefault(parent, device)
            batch.touched.add(parent)
    return key


def _written(path: Path, folder: str, batch: _Batch) -> None:
    with batch.lock:
        batch.touched.add(folder)
        batch.files.append((os.path.join(folder, path.name), folder))


def _make_durable(batch: _Batch) -> None:
    """One ``syncfs`` per filesystem written to; where there is none, an ``fsync`` per file, then one of every
    folder whose entries changed. Everything is tried; the first error is raised at the end."""
    errors: list[OSError] = []
    by_device: dict[int, list[str]] = {}
    for folder in sorted(batch.touched):
        by_device.setdefault(batch.devices[folder], []).append(folder)
    synced: set[int] = set()
    for device, folders in by_device.items():
        for folder in folders:  # the first that still exists
            try:
                if _sync_filesystem_of(folder):
                    synced.add(device)
                break
            except FileNotFoundError:
                continue
            except OSError as error:
                errors.append(error)
                break
    for path, folder in batch.files:
        if batch.devices[folder] not in synced:
            _fsync_path(path, errors)
    if os.name == "posix":  # a folder cannot be opened, or fsync-ed, on Windows
        for folder in sorted(batch.touched):
            if batch.devices[folder] not in synced:  # syncfs has written the folders too
                _fsync_path(folder, errors)
    if errors:
        raise errors[0]


def _sync_filesystem_of(folder: str) -> bool:
    """``syncfs`` of the filesystem holding ``folder``; False where there is no ``syncfs`` to trust."""
    function = _syncfs_function()
    if function is None:
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        function(fd)
    finally:
        os.close(fd)
    return True


def _fsync_path(path: str, errors: list[OSError]) -> None:
    """``fsync`` the file or folder at ``path`` (gone since: nothing to do), adding an error to ``errors``."""
    try:
        fd = os.open(path, os.O_RDONLY if os.name == "posix" else os.O_RDWR)
    except FileNotFoundError:
        return
    except OSError as error:
        errors.append(error)
        return
    try:
        os.fsync(fd)
    except OSError as error:
        errors.append(error)
    finally:
        os.close(fd)


@cache
def _syncfs_function() -> Callable[[int], None] | None:
    """``syncfs(fd)`` raising OSError on failure: on Linux 5.8 or later, where it reports the write-back errors of
    the filesystem's files (before 5.8 it did not, and a failed write would pass silently); else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        release = tuple(int(part) for part in platform.release().split("-")[0].split(".")[:2])
    except ValueError:
        return None
    if release < (5, 8):
        return None
    native: Callable[[int], None] | None = getattr(os, "syncfs", None)
    if native is not None:
        return native
    import ctypes

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # no C library to load, or one without syncfs (before glibc 2.14)
        return None
    syncfs.argtypes = [ctypes.c_int]
    syncfs.restype = ctypes.c_int

    def call(fd: int) -> None:
        if syncfs(fd) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))

    return call


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data`` (the caller has compared the sizes)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def atomic_write(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically, keeping the old file's permissions; nothing is written when it
    already holds exactly ``data`` (then False). Durable when it returns, or in a batch when the batch ends."""
    path = Path(path)
    batch = _current_batch()
    folder = _prepare_folder(path.parent, batch)
    try:
        status = path.stat()
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        if stat.S_ISREG(status.st_mode) and status.st_size == len(data) and _holds(path, data):
            return False
        mode = status.st_mode & 0o7777
    if batch is not None:
        _replace_in_batch(path, data, mode, folder, batch)
        _written(path, folder, batch)
        return True
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _replace_in_batch(path: Path, data: bytes, mode: int, folder: str, batch: _Batch) -> None:
    """Replace ``path`` with ``data`` atomically, deleting the old file only when the batch ends. Creating a file
    can cost far more than writing it: ext4 without a journal looks, for each new inode, past every inode deleted
    in the last minute (bench_normalize.py), and a replacement by rename deletes one inode for each it makes. Here
    the temporary file is swapped with ``path`` in one step (``renameat2`` with RENAME_EXCHANGE, Linux 3.15 or
    later): ``path`` is the new file at once, and the temporary file, now holding the old data, is deleted with
    the others when the batch ends (a reader that opened the old file keeps reading it, as with a rename; a killed
    process leaves these old files behind, named ``.NAME.*.tmp``). Where the filesystem cannot swap, the temporary
    file is renamed over ``path``, as outside a batch."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
        if batch.exchange and path.exists():
            if _exchange(temporary, path):
                with batch.lock:
                    batch.replaced.append(temporary)
                return
            batch.exchange = False
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _exchange(first: str, second: Path) -> bool:
    """Swap two files atomically; False where the system or the filesystem cannot."""
    function = _renameat2_function()
    if function is None:
        return False
    try:
        function(first, os.fspath(second))
    except OSError as error:
        if error.errno in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
            return False
        raise
    return True


@cache
def _renameat2_function() -> Callable[[str, str], None] | None:
    """``renameat2(first, second, RENAME_EXCHANGE)`` raising OSError on failure, where the C library has it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no C library to load, or one without renameat2 (before glibc 2.28)
        return None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2

    def call(first: str, second: str) -> None:
        if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number), second)

    return call


def _delete_replaced(batch: _Batch) -> None:
    for old in batch.replaced:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(old)
    batch.replaced.clear()


def atomic_copy(source: Path, path: Path) -> None:
    """Replace ``path`` with a copy of ``source`` atomically, keeping the source's permissions and times (as
    ``shutil.copy2``). Durable when it returns, or in a batch when the batch ends."""
    path = Path(path)
    batch = _current_batch()
    folder = _prepare_folder(path.parent, batch)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(source, temporary)
        if batch is None:
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if batch is not None:
        _written(path, folder, batch)


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it is below it, as the user would type it."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        relative = os.path.normpath(text)  # what relpath gives, without its two abspath calls per finding
    else:
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive on Windows
            return Path(path).as_posix()
    return (text if relative.startswith("..") else relative).replace(os.sep, "/")


def real_path(path: Path, real_folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, with each folder resolved once: ``real_folders`` is the caller's cache, kept for one
    pass over a site's thousands of files in a few folders."""
    if path.parent not in real_folders:
        real_folders[path.parent] = path.parent.resolve()
    return path.resolve() if path.is_symlink() else real_folders[path.parent] / path.name


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs builds as a page (mkdocs.utils.markdown_extensions): the check reads every file the site publishes."""


def is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def scan_markdown(root: Path, within: Path) -> tuple[list[Path], dict[Path, Path]]:
    """The Markdown files below ``root``, sorted, and apart from them the symbolic links below it (to a file or a
    folder) that lead outside ``within``, each with what it resolves to: MkDocs would follow them and publish
    what they point at. A linked folder inside ``within`` is not walked twice. One ``os.scandir`` per folder,
    without a stat per file: a site has tens of thousands of files."""
    real_within = Path(within).resolve()
    root_outside = not Path(root).resolve().is_relative_to(real_within)
    files: list[Path] = []
    outside: dict[Path, Path] = {}
    folders = [os.fspath(root)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    target = Path(os.path.realpath(entry.path))
                    if not target.is_relative_to(real_within):
                        outside[Path(entry.path)] = target
                        continue
                    if entry.is_dir():
                        continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif is_markdown(entry.name) and entry.is_file():
                    files.append(Path(entry.path))
    if root_outside:  # the folder itself leads out: so does every file in it
        outside.update((path, path.resolve()) for path in files)
        files = []
    return sorted(files), outside


def files_out_of(paths: Iterable[Path], root: Path) -> dict[Path, Path]:
    """Those of ``paths`` (below ``root``) that are symbolic links, or in linked folders, to files outside
    ``root``, each with the file it resolves to. Each folder is resolved once, and only a link is resolved on its
    own (with strings, not Path objects: a unit asks this of thousands of files)."""
    root_text = os.path.normpath(os.fspath(root))
    real_root = os.path.realpath(root_text)
    real_folders: dict[str, str] = {}
    found = {}
    for path in paths:
        text = os.path.normpath(os.fspath(path))
        if not _inside(text, root_text):
            continue
        folder, name = os.path.split(text)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        real = os.path.realpath(text) if os.path.islink(text) else os.path.join(real_folders[folder], name)
        if not _inside(real, real_root):
            found[path] = Path(real)
    return found


def _inside(path: str, folder: str) -> bool:
    """Whether the normalized ``path`` is ``folder`` or below it (as ``Path.is_relative_to``)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def sync_tree(target: Path, wanted: dict[Path, Path | bytes]) -> bool:
    """Make the folder ``target`` hold exactly ``wanted`` (relative path -> source file to link or copy, or
    content), leaving alone the files that are already right, so that a rebuild rewrites only what changed. A file
    from a source is a hard link to it where the filesystem allows (``atomic_link``), and counts as right when it is
    the same file, or a copy of the source's size and modification time (copies keep the source's time). The files
    are written in one durable batch. Whether anything changed."""
    with durable_batch():
        return _sync_tree(Path(target), wanted)


def _sync_tree(target: Path, wanted: dict[Path, Path | bytes]) -> bool:
    existing = files_below(target)
    wanted_names = {os.fspath(rel): source for rel, source in wanted.items()}
    changed = False
    for rel in existing.keys() - wanted_names.keys():
        os.unlink(existing[rel].path)
        changed = True
    for rel, source in wanted_names.items():
        if isinstance(source, Path):
            entry = existing.get(rel)
            if entry is not None and same_or_copy(entry.stat(), os.stat(source)):
                continue
            atomic_link(source, target / rel)
            changed = True
        else:  # which writes nothing when the file already holds these bytes
            changed = atomic_write(target / rel, source) or changed
    return changed


def prune_tree(root: Path, keep: Container[str]) -> dict[str, os.DirEntry[str]]:
    """Delete every file below ``root`` whose relative path (as ``files_below`` gives it) is not in ``keep``, and
    the folders that leaves empty; the files kept, as ``files_below`` found them."""
    existing = files_below(root)
    emptied: set[str] = set()
    for rel in [rel for rel in existing if rel not in keep]:
        os.unlink(existing.pop(rel).path)
        emptied.add(os.path.dirname(os.path.join(root, rel)))
    top = os.path.normpath(root)
    for deepest in sorted(emptied, key=len, reverse=True):
        folder = os.path.normpath(deepest)
        while folder != top and os.path.isdir(folder) and not os.listdir(folder):  # (removed from one deeper)
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    return existing


def files_below(root: Path) -> dict[str, os.DirEntry[str]]:
    """Every file below the folder ``root`` (none if there is no such folder), by its path relative to ``root``,
    as ``rglob("*")`` and ``is_file()`` find them (a symbolic link to a file counts; a linked folder is not
    entered), with one ``os.scandir`` per folder and no stat per file: trees have thousands of files."""
    found: dict[str, os.DirEntry[str]] = {}
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            entries = os.scandir(os.path.join(root, folder))
        except (FileNotFoundError, NotADirectoryError):
            if folder:
                raise
            return found
        with entries:
            for entry in entries:
                rel = os.path.join(folder, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    folders.append(rel)
                elif entry.is_file():
                    found[rel] = entry
    return found


def atomic_link(source: Path, path: Path) -> None:
    """Make ``path`` a hard link to ``source`` (no data copied, no inode made), atomically replacing what is there;
    a copy where the filesystem cannot link (another filesystem, no links). For trees that mirror others and are
    only ever replaced file by file, never written in place."""
    path = Path(path)
    batch = _current_batch()
    folder = _prepare_folder(path.parent, batch)
    if not _link_over(source, path):
        atomic_copy(source, path)
        return
    if batch is not None:
        _written(path, folder, batch)
        return
    errors: list[OSError] = []
    _fsync_path(os.path.dirname(os.path.abspath(path)), errors)  # the new name, durable
    if errors:
        raise errors[0]


def link_or_copy(source: str | Path, path: str | Path) -> None:
    """Make ``path`` a hard link to ``source``, or a copy where the filesystem cannot link, atomically (its folder
    made if missing), without making it durable: for folders rebuilt from others whenever lost, such as a
    version's pages assembled from its units."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if _link_over(source, path):
        return
    folder, name = os.path.split(os.fspath(path))
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{threading.get_ident()}.copy")
    try:
        shutil.copy2(source, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _link_over(source: str | Path, path: str | Path) -> bool:
    """Replace ``path`` with a hard link to ``source`` in one step; False (nothing done) where the filesystem
    cannot link."""
    folder, name = os.path.split(os.fspath(path))
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{threading.get_ident()}.link")
    try:
        os.link(source, temporary)
    except OSError:
        return False
    try:
        os.replace(temporary, path)
    finally:  # left when the rename failed, or did nothing (path was a link to the same file already)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return True


def same_or_copy(mine: os.stat_result, theirs: os.stat_result) -> bool:
    """Whether a file is another (a hard link to it), or a copy of it with its size and modification time."""
    return (mine.st_ino, mine.st_dev) == (theirs.st_ino, theirs.st_dev) or (
        (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns))


def iter_markdown(paths: list[Path], suffixes: tuple[str, ...] = (".md", ".markdown")) -> list[Path]:
    """The files named, and the files with one of ``suffixes`` below the folders named, sorted per folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path / rel for rel in files_below(path) if rel.lower().endswith(suffixes)))
        else:
            found.append(path)
    return found
