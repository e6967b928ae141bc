"""Reading and atomically writing files.

Every file locdocs writes goes through ``atomic_write`` (or ``atomic_copy``): the new content is written to a
temporary file in the same folder, flushed to disk, then renamed over the old one, so a process killed half-way
leaves either the old file or the new one, never a mix. Folders made of many files (a unit's output, a version's
assembled site) are built beside their final place and renamed into it when complete. The pages MkDocs itself
writes are MkDocs' business: ``locdocs build`` publishes them only inside such a folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old file's permissions."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
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


def atomic_copy(source: Path, path: Path) -> None:
    """Replace ``path`` with a copy of ``source`` atomically, keeping the source's permissions and times (as
    ``shutil.copy2``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(source, temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    ``root``, each with the file it resolves to."""
    real_root = Path(root).resolve()
    real_folders: dict[Path, Path] = {}
    found = {}
    for path in paths:
        if not path.is_relative_to(root):
            continue
        real = real_path(path, real_folders)
        if not real.is_relative_to(real_root):
            found[path] = real
    return found


def sync_tree(target: Path, wanted: dict[Path, Path | bytes]) -> None:
    """Make the folder ``target`` hold exactly ``wanted`` (relative path -> source file to copy, or content),
    leaving alone the files that are already right, so that a rebuild rewrites only what changed. A copied file
    counts as right when its size and modification time are the source's (copies keep the source's time)."""
    target = Path(target)
    existing = {path.relative_to(target) for path in target.rglob("*") if path.is_file()} \
        if target.is_dir() else set()
    for rel in existing - wanted.keys():
        (target / rel).unlink()
    for rel, source in wanted.items():
        path = target / rel
        if isinstance(source, Path):
            if rel in existing:
                mine, theirs = path.stat(), source.stat()
                if (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns):
                    continue
            atomic_copy(source, path)
        elif not (rel in existing and path.stat().st_size == len(source) and path.read_bytes() == source):
            atomic_write(path, source)


def iter_markdown(paths: list[Path], suffixes: tuple[str, ...] = (".md", ".markdown")) -> list[Path]:
    """The files named, and the files with one of ``suffixes`` below the folders named, sorted per folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes))
        else:
            found.append(path)
    return found
