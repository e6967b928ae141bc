"""Reading and atomically writing files.

Every file locdocs writes goes through ``atomic_write``: the new content is written to a temporary file in the same
folder, flushed to disk, then renamed over the old one, so a process killed half-way leaves either the old file or
the new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
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


def iter_markdown(paths: list[Path], suffixes: tuple[str, ...] = (".md", ".markdown")) -> list[Path]:
    """The files named, and the files with one of ``suffixes`` below the folders named, sorted per folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes))
        else:
            found.append(path)
    return found
