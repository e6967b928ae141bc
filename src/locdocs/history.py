"""Which English revision a translation was made from: ``ms.openlocfilehash`` and the git history of docs/en/.

``ms.openlocfilehash`` is a hash of the English file's content (checked on over 21,000 localized file versions,
see ../shared/corpus/README.md): SHA-1, or SHA-256 when it has 64 hex digits; of the bytes as stored or with line
endings converted to CRLF; always without a UTF-8 BOM. Never git's blob id.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from .fileio import atomic_write, real_path

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
            self._commits = _shared_log(self.root) if self.root is not None else {}
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


_LOGS: dict[Path, tuple[str, dict[str, list[tuple[str, str]]]]] = {}
"""Each repository's log at the commit it was last read at: every GitHistory of a process shares it."""
_log_memo: Path | None = None


def remember_logs(folder: Path | None) -> None:
    """Keep each repository's log in ``folder`` (``locdocs build``'s cache), by the commit it ends at: a rebuild
    at the same commit reads it instead of running ``git log`` over the whole history again (seconds, on a long
    one). Not for a shallow clone, whose history can grow at the same commit."""
    global _log_memo  # noqa: PLW0603 - one setting for the GitHistory objects a build makes everywhere
    _log_memo = folder


def _shared_log(root: Path) -> dict[str, list[tuple[str, str]]]:
    head = subprocess.run(["git", "rev-parse", "--is-shallow-repository", "--verify", "-q", "HEAD"], cwd=root,
                          capture_output=True, text=True, check=False).stdout.split()
    commit = head[1] if head[:1] == ["false"] and len(head) == 2 else ""  # "": shallow, or no commit yet
    if root not in _LOGS or _LOGS[root][0] != commit or not commit:
        memo = _log_memo / f"{hashlib.sha256(str(root).encode()).hexdigest()[:16]}.json" \
            if _log_memo is not None and commit else None
        log = None
        if memo is not None:
            with contextlib.suppress(OSError, ValueError):
                kept = json.loads(memo.read_text("utf-8"))
                if kept.get("head") == commit:
                    log = {path: [tuple(entry) for entry in entries] for path, entries in kept["log"].items()}
        if log is None:
            log = _read_log(root)
            if memo is not None:
                atomic_write(memo, json.dumps({"head": commit, "log": log}, separators=(",", ":")).encode())
        _LOGS[root] = (commit, log)
    return _LOGS[root][1]


def _read_log(root: Path) -> dict[str, list[tuple[str, str]]]:
    log: dict[str, list[tuple[str, str]]] = {}
    done = subprocess.run(["git", "log", "--format=%x00%H %ad", "--date=short", "--name-only", "--no-renames"],
                          cwd=root, capture_output=True, text=True, check=False)
    commit = date = ""
    for line in done.stdout.splitlines():
        if line.startswith("\0"):
            commit, date = line[1:].split()
        elif line:
            log.setdefault(line, []).append((commit, date))
    return log


def _toplevel(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                              text=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return Path(done.stdout.strip()).resolve() if done.returncode == 0 else None
