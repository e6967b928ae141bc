"""Stage 5's input: the editions of the site (versions.yml) and the source tree of each.

An edition is the site as it was when its English articles had given revisions. The English revisions live in
git history (found by their content hash, the same ``ms.openlocfilehash`` the handoffs carry); the raw handoffs live
in ``content/handoffs/``. For each article and locale an edition shows the translation made for its revision if
there is one, else the newest translation made for an older revision (stale), else the English page (fallback).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable

import yaml

from .errors import UsageError
from .fileio import sync_tree
from .history import GitHistory, matches
from .ingest import plan_ingest, plan_outputs, site_locale
from .normalize import normalize_bytes
from .xliff import xliff_path


@dataclass(frozen=True)
class Version:
    """One edition of the site."""

    name: str
    """The version as it appears in URLs and versions.json, such as ``2018-05``."""
    title: str
    aliases: tuple[str, ...] = ()
    english: dict[str, str] = field(default_factory=dict)
    """Article path (inside docs/en/) -> content hash of the English revision this edition shows."""


@dataclass(frozen=True)
class Versions:
    versions: tuple[Version, ...]
    default: str
    """The version or alias the site's root redirects to."""

    def get(self, name: str) -> Version:
        for version in self.versions:
            if version.name == name:
                return version
        raise UsageError(f"no version {name!r} in versions.yml; there are: "
                         f"{', '.join(v.name for v in self.versions)}")


def load_versions(path: Path) -> Versions:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    try:
        versions = tuple(Version(name=str(v["version"]), title=str(v.get("title", v["version"])),
                                 aliases=tuple(str(a) for a in v.get("aliases") or ()),
                                 english={str(k): str(h).lower() for k, h in (v.get("english") or {}).items()})
                         for v in data["versions"])
        default = str(data.get("default") or versions[0].name)
    except (KeyError, TypeError, IndexError) as error:
        raise UsageError(f"{path}: expected 'versions:' entries with 'version:' ({error})") from None
    return Versions(versions=versions, default=default)


@dataclass(frozen=True)
class Handoff:
    """A raw handoff of content/handoffs/, and what it says about itself."""

    path: Path
    article: PurePosixPath
    locale: str
    """The site locale, from its ms.contentlocale."""
    english_hash: str
    """Its ms.openlocfilehash: the English revision it was translated from."""


def load_handoffs(listing: Path, folder: Path) -> list[Handoff]:
    """The handoffs listed in ``listing`` (tab-separated: handoff file, article path; # comments)."""
    with listing.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
                if row]
    handoffs = []
    for name, article, *_ in rows:
        metadata = normalize_bytes((folder / name).read_bytes(), with_segments=True).metadata
        handoffs.append(Handoff(path=folder / name, article=PurePosixPath(article),
                                locale=site_locale(str(metadata["ms.contentlocale"])),
                                english_hash=str(metadata["ms.openlocfilehash"]).lower()))
    return handoffs


def choose_handoffs(handoffs: list[Handoff], english_revisions: dict[PurePosixPath, list[bytes]],
                    shown: dict[PurePosixPath, bytes]) -> list[Handoff]:
    """For each article and locale, the handoff made for the shown English revision, else the newest older one.

    ``english_revisions`` lists each article's English revisions newest first; ``shown`` is the revision shown.
    """
    chosen: dict[tuple[PurePosixPath, str], tuple[int, Handoff]] = {}
    for handoff in handoffs:
        revisions = english_revisions.get(handoff.article, [])
        age = next((i for i, data in enumerate(revisions) if matches(handoff.english_hash, data)), None)
        current = shown.get(handoff.article)
        shown_age = next((i for i, data in enumerate(revisions) if data == current), 0)
        if age is None or age < shown_age:
            continue  # made from an unknown revision, or from one newer than this edition
        key = (handoff.article, handoff.locale)
        if key not in chosen or age < chosen[key][0]:
            chosen[key] = (age, handoff)
    return [handoff for _, handoff in sorted(chosen.values(), key=lambda item: str(item[1].path))]


def english_history(repo: Path, docs_dir: Path, articles: Iterable[PurePosixPath],
                    english: str = "en") -> dict[PurePosixPath, list[bytes]]:
    """Each article's English revisions (``docs_dir/english/``), newest first: the working copy, then git history."""
    history = GitHistory(repo)
    revisions: dict[PurePosixPath, list[bytes]] = {}
    for article in articles:
        path = docs_dir / english / article
        current = [path.read_bytes()] if path.is_file() else []
        revisions[article] = current + [r.data for r in history.revisions(path) if r.data not in current]
    return revisions


def versioned_articles(versions: Versions, handoffs: list[Handoff]) -> list[PurePosixPath]:
    """The articles whose English revision or translations differ between versions."""
    return sorted({h.article for h in handoffs} | {PurePosixPath(a) for v in versions.versions for a in v.english})


def prepare_version_tree(version: Version, *, repo: Path, target: Path, handoffs: list[Handoff],
                         revisions: dict[PurePosixPath, list[bytes]], english: str = "en") -> None:
    """Write ``target``/docs and ``target``/l10n: the current docs with this edition's English revisions and
    the translations chosen for them. ``revisions`` is ``english_history`` of ``versioned_articles``."""
    docs = repo / "docs"
    wanted: dict[Path, Path | bytes] = {Path(path.relative_to(repo)): path for folder in (docs, repo / "l10n")
                                        if folder.is_dir() for path in folder.rglob("*") if path.is_file()}
    shown: dict[PurePosixPath, bytes] = {}
    for article in sorted({h.article for h in handoffs} | {PurePosixPath(a) for a in version.english}):
        wanted_hash = version.english.get(article.as_posix())
        data = revisions[article][0] if revisions[article] else None
        if wanted_hash is not None:
            data = next((d for d in revisions[article] if matches(wanted_hash, d)), None)
            if data is None:
                raise UsageError(f"versions.yml: version {version.name}: no revision of docs/en/{article} with "
                                 f"hash {wanted_hash} in the working tree or git history")
        if data is not None:
            shown[article] = data
            wanted[Path("docs", english, article)] = data
        for locale_dir in docs.iterdir():  # translations (and their segments) are chosen again below
            if locale_dir.name != english:
                wanted.pop(Path("docs", locale_dir.name, article), None)
                wanted.pop(xliff_path(Path("l10n"), locale_dir.name, article), None)
    for handoff in choose_handoffs(handoffs, revisions, shown):
        wanted.update(plan_outputs(plan_ingest(handoff.path, handoff.path.read_bytes(), rel_path=handoff.article,
                                               locale=handoff.locale, docs_dir=Path("docs"),
                                               l10n_dir=Path("l10n"))))
    # Only what changed since the last build is written: unchanged files keep their time, and MkDocs its work.
    for folder in ("docs", "l10n"):
        sync_tree(target / folder, {path.relative_to(folder): source for path, source in wanted.items()
                                    if path.parts[0] == folder})
