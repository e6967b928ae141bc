"""Hashes of files, remembered between builds by what the filesystem says of each file.

A build keys its units and its translation states by the bytes of every file they are made from: thousands of
files read and hashed again on every run, although a rebuild usually finds all but a few unchanged. As git's index
does, a ``FileDigests`` keeps each file's SHA-256 with its status (size, modification and change times, by device
and inode, so that the hard links of the version trees and the repository's file share one entry) and hashes again
only a file whose status differs.

A change the status could miss: the change time (ctime) is set by the kernel on every write, rename, link or
chmod, and cannot be set back by a program (``touch`` sets the modification time only). But it has a granularity:
Linux stamps files with a clock that moves once per tick (1 to 10 ms), and some filesystems keep whole seconds
only. A file written again in the tick it was hashed in keeps its ctime. So a file whose ctime is within
``UNSURE`` of the moment it was hashed (two ticks and more, or 2 s where the ctime has no fraction of a second) is
not remembered: it is hashed again on every run until it is older (git's "racily clean" entries). An inode number
taken again by another file comes with a new ctime. (On FAT, whose ctime is the creation time, a file rewritten
with the same size within its 2 s modification time could be missed: a filesystem no docs repository lives on.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from .fileio import atomic_write

UNSURE = 100_000_000
"""Nanoseconds: a file changed less than this before it was hashed may change again with the same status."""
UNSURE_WHOLE_SECONDS = 2_000_000_000
"""The same on a filesystem whose times have no fraction of a second."""


class FileDigests:
    """SHA-256 digests of files, kept in ``memo`` (a JSON file, None for none) between runs."""

    def __init__(self, memo: Path | None = None) -> None:
        self.memo = memo
        self._known: dict[str, list] = {}
        self._used: dict[str, list] = {}
        if memo is not None:
            with contextlib.suppress(OSError, ValueError):  # none yet, or damaged: only a slower run
                known = json.loads(memo.read_text("utf-8"))
                if isinstance(known, dict):
                    self._known = known

    def digest(self, path: Path | str) -> bytes:
        """The SHA-256 of the file's bytes (raises OSError as reading it would)."""
        status = os.stat(path)
        key = f"{status.st_dev}:{status.st_ino}"
        seen = [status.st_size, status.st_mtime_ns, status.st_ctime_ns]
        entry = self._known.get(key)
        if entry is not None and entry[:3] == seen:
            self._used[key] = entry
            return bytes.fromhex(entry[3])
        hashed_at = time.time_ns()
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read()).digest()
        unsure = UNSURE_WHOLE_SECONDS if status.st_ctime_ns % 1_000_000_000 == 0 else UNSURE
        if status.st_ctime_ns < hashed_at - unsure:
            self._used[key] = [*seen, digest.hex()]
        return digest

    def save(self) -> None:
        """Keep the digests of the files asked for in this run (not those of files no longer asked for)."""
        if self.memo is not None and self._used != self._known:
            atomic_write(self.memo, json.dumps(self._used, separators=(",", ":")).encode("utf-8"))
