"""Which English revision a translation was made from: ``ms.openlocfilehash`` and the git history of docs/en/.

``ms.openlocfilehash`` is a hash of the English file's content (checked on over 21,000 localized file versions,
see ../shared/corpus/README.md): SHA-1, or SHA-256 when it has 64 hex digits; of the bytes as stored or with line
endings converted to CRLF; always without a UTF-8 BOM. Never git's blob id.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from .fileio import real_path

_HEX = re.compile(r"^[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?$")


def _forms(data: bytes) -> Iterator[bytes]:
    """The English bytes as a translation system may have hashed them: as stored, then with CRLF line ends."""
    data = data.removeprefix(codecs.BOM_UTF8)
    yield data
    yield data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def is_content_hash(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(_HEX.match(value))


def matches(openlocfilehash: str, english: bytes) -> bool:
    """Whether a translation's ``ms.openlocfilehash`` names these English bytes."""
    value = openlocfilehash.strip().lower()
    algorithm = "sha256" if len(value) == 64 else "sha1"
    return any(hashlib.new(algorithm, form).hexdigest() == value for form in _forms(english))


@dataclass(frozen=True)
class Revision:
    """One committed version of an English file."""

    commit: str
    date: str
    """The commit's author date, ``YYYY-MM-DD``."""
    data: bytes

    @property
    def short(self) -> str:
        return self.commit[:12]


class GitHistory:
    """Reads earlier versions of files from the git repository that holds the docs, if there is one.

    One ``git log`` lists, once, which commits touched which file; blobs are read through one long-running
    ``git cat-file --batch``: a site of thousands of articles costs two processes, not thousands.
    """

    def __init__(self, path: Path) -> None:
        self.root = _toplevel(Path(path).resolve())
        self._commits: dict[str, list[tuple[str, str]]] | None = None
        self._cat: subprocess.Popen[bytes] | None = None
        self._cache: dict[str, list[Revision]] = {}
        self._real_folders: dict[Path, Path] = {}
        self._relatives: dict[Path, str | None] = {}

    @property
    def available(self) -> bool:
        return self.root is not None

    def _log(self) -> dict[str, list[tuple[str, str]]]:
        """File path -> [(commit, date)] newest first, for every file of the repository's history."""
        if self._commits is None:
            self._commits = {}
            log = subprocess.run(["git", "log", "--format=%x00%H %ad", "--date=short", "--name-only",
                                  "--no-renames"], cwd=self.root, capture_output=True, text=True, check=False)
            commit = date = ""
            for line in log.stdout.splitlines():
                if line.startswith("\0"):
                    commit, date = line[1:].split()
                elif line:
                    self._commits.setdefault(line, []).append((commit, date))
        return self._commits

    def _blob(self, commit: str, relative: str) -> bytes | None:
        if self._cat is None:
            self._cat = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE)
        stdin, stdout = self._cat.stdin, self._cat.stdout
        if stdin is None or stdout is None:
            raise RuntimeError("git cat-file --batch has no pipes")  # never: it is started with both
        stdin.write(f"{commit}:{relative}\n".encode())
        stdin.flush()
        header = stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            return None  # deleted in that commit
        data = stdout.read(int(header[2]))
        stdout.read(1)  # the newline after each blob
        return data

    def _relative(self, path: Path) -> str | None:
        """``path`` as git names it: resolved, relative to the repository (None outside it)."""
        if self.root is None:
            return None
        if path not in self._relatives:  # asked again for each locale of an English article
            real = real_path(Path(path), self._real_folders)
            self._relatives[path] = real.relative_to(self.root).as_posix() if real.is_relative_to(self.root) \
                else None
        return self._relatives[path]

    def revisions(self, path: Path) -> list[Revision]:
        """Committed versions of ``path``, newest first (each distinct content once)."""
        relative = self._relative(path)
        if relative is None:
            return []
        if relative not in self._cache:
            revisions: list[Revision] = []
            seen: set[bytes] = set()
            for commit, date in self._log().get(relative, []):
                data = self._blob(commit, relative)
                if data is not None and data not in seen:
                    seen.add(data)
                    revisions.append(Revision(commit=commit, date=date, data=data))
            self._cache[relative] = revisions
        return self._cache[relative]

    def commits(self, path: Path) -> list[str]:
        """The commits that touched ``path``, newest first (from the one git log: no blob is read)."""
        relative = self._relative(path)
        return [] if relative is None else [commit for commit, _ in self._log().get(relative, [])]

    def forget(self, path: Path) -> None:
        """Drop the revisions of ``path`` read so far (read again if asked for)."""
        relative = self._relative(path)
        if relative is not None:
            self._cache.pop(relative, None)

    def find(self, path: Path, openlocfilehash: str) -> Revision | None:
        """The newest committed version of ``path`` whose content hash is ``openlocfilehash``."""
        for revision in self.revisions(path):
            if matches(openlocfilehash, revision.data):
                return revision
        return None

    def prepare_fork(self) -> None:
        """Before forking processes that read history: read the git log here, once for all of them, and stop the
        blob reader (its pipe, shared, would mix their answers); each process starts its own when it needs one."""
        if self.root is not None:
            self._log()
        self.close()

    def close(self) -> None:
        if self._cat is not None:
            for pipe in (self._cat.stdin, self._cat.stdout):
                if pipe is not None:
                    pipe.close()
            self._cat.wait()
            self._cat = None

    def __del__(self) -> None:
        try:  # noqa: SIM105 - not contextlib.suppress: at interpreter shutdown that module may be torn down already
            self.close()
        except Exception:  # interpreter shutdown: nothing left to close  # noqa: BLE001
            pass


def _toplevel(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                              text=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return Path(done.stdout.strip()).resolve() if done.returncode == 0 else None
