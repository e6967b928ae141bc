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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_HEX = re.compile(r"^[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?$")


def hash_forms(data: bytes, algorithm: str = "sha1") -> set[str]:
    """Every form of the content hash a translation system may have recorded for these English bytes."""
    data = data.removeprefix(codecs.BOM_UTF8)
    crlf = re.sub(rb"\r?\n", b"\r\n", data)
    return {hashlib.new(algorithm, form).hexdigest() for form in (data, crlf)}


def is_content_hash(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value))


def matches(openlocfilehash: str, english: bytes) -> bool:
    """Whether a translation's ``ms.openlocfilehash`` names these English bytes."""
    value = openlocfilehash.strip().lower()
    return value in hash_forms(english, "sha256" if len(value) == 64 else "sha1")


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
    """Reads earlier versions of files from the git repository that holds the docs, if there is one."""

    def __init__(self, path: Path) -> None:
        self.root = _toplevel(Path(path).resolve())

    @property
    def available(self) -> bool:
        return self.root is not None

    def revisions(self, path: Path) -> list[Revision]:
        """Committed versions of ``path``, newest first (each distinct content once)."""
        if self.root is None:
            return []
        return list(_revisions(self.root, Path(path).resolve().relative_to(self.root).as_posix()))

    def find(self, path: Path, openlocfilehash: str) -> Revision | None:
        """The newest committed version of ``path`` whose content hash is ``openlocfilehash``."""
        for revision in self.revisions(path):
            if matches(openlocfilehash, revision.data):
                return revision
        return None


def _toplevel(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                              text=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return Path(done.stdout.strip()).resolve() if done.returncode == 0 else None


@lru_cache(maxsize=4096)
def _revisions(root: Path, relative: str) -> tuple[Revision, ...]:
    log = subprocess.run(["git", "log", "--format=%H %ad", "--date=short", "--follow", "--", relative],
                         cwd=root, capture_output=True, text=True, check=False)
    revisions: list[Revision] = []
    seen: set[str] = set()
    for line in log.stdout.splitlines():
        commit, date = line.split()
        blob = subprocess.run(["git", "show", f"{commit}:{relative}"], cwd=root, capture_output=True, check=False)
        if blob.returncode != 0 or blob.stdout in seen:  # renamed away, or the same content again
            continue
        seen.add(blob.stdout)
        revisions.append(Revision(commit=commit, date=date, data=blob.stdout))
    return tuple(revisions)
