"""``locdocs status``: per article and locale, is the translation current, stale, untranslated or missing?

The same rows feed the terminal table, the JSON output and the site's translation-status page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import __version__
from .file_digests import FileDigests
from .fileio import atomic_write
from .forked import forked_map
from .translations import DocFile, DocsIndex, State

if TYPE_CHECKING:
    from rich.table import Table


@dataclass(frozen=True)
class StatusRow:
    """The state of one article in one locale."""

    article: str
    """Path inside the locale folder, such as ``billing/article.md``."""
    locale: str
    state: str
    """current, stale, untranslated, missing or unknown."""
    translation_type: str | None
    """MT (machine) or HT (human)."""
    last_handoff: str | None
    english_revision: str | None
    """The ms.openlocfilehash the translation was made from."""
    detail: str
    """What changed in the English since (stale), or the untranslated share."""

    def as_dict(self) -> dict:
        """The row's fields (``dataclasses.asdict`` without its deep copy: every field is a string or None)."""
        return dict(vars(self))


def collect_status(docs: DocsIndex, cache: Path | None = None, jobs: int = 1,
                   files: FileDigests | None = None) -> list[StatusRow]:
    """Every article's row in every locale. With ``cache`` (a JSON file this function keeps), a row whose inputs
    (the translation, its English article and XLIFF, the English file's commits, the settings) are unchanged
    since the last call is read from it rather than analysed again; ``files`` tells their hashes (by default,
    from their bytes). The others are analysed in ``jobs`` processes (where forking is safe)."""
    known = _read_cache(cache)
    files = files or FileDigests()
    english_digests: dict[PurePosixPath, bytes] = {}  # each English article's, worked out once for all its locales
    slots: list[tuple[str, DocFile | None, StatusRow | None]] = []  # (key, file, its row when known)
    for rel in docs.english_articles():
        if docs.excluded(rel):
            continue
        for locale in docs.translation_locales:
            file = docs.files.get((locale, rel))
            if file is None:
                slots.append(("", None, StatusRow(rel.as_posix(), locale, State.MISSING.value, None, None, None,
                                                  "readers get the English page")))
                continue
            key = _row_key(docs, file, files, english_digests) if cache is not None else ""
            slots.append((key, file, StatusRow(**known[key]) if key in known else None))
    todo = [file for _, file, row in slots if row is None and file is not None]
    if len(todo) > 1 and jobs > 1:
        docs.history.prepare_fork()  # one git log, read here and inherited, rather than one per process
    analysed = iter(forked_map(lambda file: _row(docs, file), todo, jobs))
    rows, seen = [], {}
    for key, file, known_row in slots:
        row = known_row if known_row is not None else next(analysed)
        if file is not None:
            seen[key] = row.as_dict()
        rows.append(row)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, json.dumps(seen, ensure_ascii=False).encode("utf-8"))
    return rows


def _row(docs: DocsIndex, file: DocFile) -> StatusRow:
    translation = docs.translation(file)
    detail = ""
    if translation.state is State.STALE:
        detail = (translation.change.describe() if translation.change
                  else "its English revision is not in the git history")
    elif translation.untranslated_share is not None and translation.untranslated_share > 0:
        detail = f"{translation.untranslated_share:.0%} of the {translation.untranslated_basis} in English"
    return StatusRow(file.rel.as_posix(), file.locale, translation.state.value, translation.translation_type,
                     translation.last_handoff, str(file.front_matter.get("ms.openlocfilehash") or "") or None,
                     detail)


def _row_key(docs: DocsIndex, file: DocFile, files: FileDigests,
             english_digests: dict[PurePosixPath, bytes]) -> str:
    if file.rel not in english_digests:
        english = docs.english(file.rel)
        commits = docs.history.commits(docs.english_history_path(file.rel))
        english_digests[file.rel] = (files.digest(english.path) if english is not None else b"") + \
            " ".join(commits).encode()
    xliff = docs.xliff_path(file)
    digest = hashlib.sha256(f"{__version__}\0{docs.config.untranslated_threshold}\0{file.locale}\0{file.rel}"
                            .encode())
    digest.update(files.digest(file.path) + (files.digest(xliff) if xliff.is_file() else b"-"))
    digest.update(english_digests[file.rel])
    return digest.hexdigest()


def _read_cache(cache: Path | None) -> dict[str, dict]:
    try:
        return json.loads(cache.read_text("utf-8")) if cache is not None and cache.is_file() else {}
    except ValueError:
        return {}  # a damaged cache is only a slower run


def status_json(rows: list[StatusRow]) -> str:
    return json.dumps({"articles": [row.as_dict() for row in rows]}, ensure_ascii=False, indent=2) + "\n"


_STYLE = {"current": "green", "stale": "yellow", "untranslated": "magenta", "missing": "red", "unknown": "red"}


def status_table(rows: list[StatusRow]) -> Table:
    """A rich Table of the rows, for the terminal."""
    from rich.table import Table

    table = Table(title="Translation status")
    for column in ("Article", "Locale", "State", "Type", "Last handoff", "Detail"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.article, row.locale, f"[{_STYLE[row.state]}]{row.state}[/]", row.translation_type or "",
                      row.last_handoff or "", row.detail)
    return table
