"""Stage 5's input: the editions of the site (versions.yml) and the source tree of each.

An edition is the site as it was when its English articles had given revisions. The English revisions live in
git history (found by their content hash, the same ``ms.openlocfilehash`` the handoffs carry); the raw handoffs live
where the layout's handoff list says (``content/handoffs.tsv``, naming files of ``content/handoffs/``). For each
article and locale an edition shows the translation made for its revision if there is one, else the newest
translation made for an older revision (stale), else the English page (fallback).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

import yaml

from ..errors import LocdocsError, UsageError
from ..fileio import files_below, sync_tree
from ..frontmatter import load_front_matter
from ..history import GitHistory, matches
from ..ingest import plan_ingest, plan_outputs
from ..layout import Layout
from ..locales import site_locale
from ..normalize import normalize_bytes


@dataclass(frozen=True)
class Version:
    """One edition of the site."""

    name: str
    """The version as it appears in URLs and versions.json, such as ``2018-05``."""
    title: str
    aliases: tuple[str, ...] = ()
    english: dict[str, str] = field(default_factory=dict)
    """Article path (inside the default locale's folder) -> content hash of the English revision it shows."""
    month: tuple[int, int] | None = None
    """(year, month) of an edition named after its date (``2018-05``, or ``date:`` in versions.yml): its title is
    then that month, written in each reader's language."""

    def title_in(self, locale: str) -> str:
        """The version's name for a reader of ``locale``: an edition titled by its month (or not titled) gets the
        month in that language (Babel: "maj 2018", "2018年5月"); any other title stays as it is."""
        if self.month is None:
            return self.title
        from babel import Locale, UnknownLocaleError
        from babel.dates import format_skeleton

        month = date(*self.month, 1)
        if self.title not in (self.name, format_skeleton("yMMMM", month, locale="en")):
            return self.title  # a title of its own
        try:
            return format_skeleton("yMMMM", month, locale=Locale.parse(locale.replace("-", "_")))
        except (ValueError, UnknownLocaleError):
            return self.title


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


SINGLE_VERSION = "current"
"""The one version of a site without versions.yml: its docs as they are now."""


def load_versions(path: Path, *, missing_ok: bool = False) -> Versions:
    """The versions of ``path``; with ``missing_ok``, a site without the file has one version, ``current``: every
    article as it is now (what ``locdocs init --versions`` writes, under a name of its own)."""
    if missing_ok and not path.exists():
        return Versions(versions=(Version(name=SINGLE_VERSION, title=SINGLE_VERSION),), default=SINGLE_VERSION)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    try:
        versions = tuple(Version(name=str(v["version"]), title=str(v.get("title", v["version"])),
                                 aliases=tuple(str(a) for a in v.get("aliases") or ()),
                                 english={str(k): str(h).lower() for k, h in (v.get("english") or {}).items()},
                                 month=_month(str(v.get("date") or v["version"])))
                         for v in data["versions"])
        default = str(data.get("default") or versions[0].name)
    except (KeyError, TypeError, IndexError, AttributeError):
        raise UsageError(f"{path}: expected a list of 'versions:', each with its 'version:' name (and optional "
                         "'title:', 'aliases:' and 'english:' article hashes); delete the file to publish the docs "
                         "as they are") from None
    _check_names(path, versions, default)
    return Versions(versions=versions, default=default)


VERSION_NAME = re.compile(r"[\w+-][\w.+-]*")
"""A version or alias: one folder of the site's URL (``2018-05``, ``v1.2``, ``latest``)."""


def _check_names(path: Path, versions: tuple[Version, ...], default: str) -> None:
    """Raise UsageError for a name that cannot be a folder of the site, or one used twice (mike refuses both)."""
    seen: set[str] = set()
    for name in (name for version in versions for name in (version.name, *version.aliases)):
        if not VERSION_NAME.fullmatch(name):
            raise UsageError(f"{path}: version or alias {name!r} is not one folder name: use letters, digits, "
                             "'.', '-', '+' or '_'")
        if name in seen:
            raise UsageError(f"{path}: {name!r} names two versions (or a version and an alias): give each its own")
        seen.add(name)
    if default not in seen:
        raise UsageError(f"{path}: default {default!r} is none of its versions or aliases ({', '.join(sorted(seen))})")


def _month(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Handoff:
    """A raw handoff of content/handoffs/, and what it says about itself."""

    path: Path
    article: PurePosixPath
    locale: str
    """The site locale, from its ms.contentlocale."""
    english_hash: str
    """Its ms.openlocfilehash: the English revision it was translated from."""


def load_handoffs(listing: Path, folder: Path, locales: Sequence[str] = ()) -> list[Handoff]:
    """The handoffs listed in ``listing`` (tab-separated: handoff file in ``folder``, article path; # comments),
    each in the site locale (of ``locales``) its ``ms.contentlocale`` fits best. Raise UsageError for a list or
    handoff that cannot be read, does not say its locale and English revision, or fits no locale of the site."""
    try:
        with listing.open(encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.reader((line for line in handle if not line.startswith("#")),
                                              delimiter="\t") if row]
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the handoff list {listing}: {error}") from None
    handoffs = []
    for number, (name, *rest) in enumerate(rows, 1):
        path = folder / name
        if not rest:
            raise UsageError(f"{listing}: row {number}: expected a handoff file and an article, tab-separated")
        try:
            metadata = normalize_bytes(path.read_bytes(), with_segments=True).metadata
        except OSError as error:
            raise UsageError(f"{listing}: cannot read handoff {path}: {error.strerror or error}") from None
        except LocdocsError as error:
            raise UsageError(f"{listing}: handoff {path}: {error}") from None
        missing = [key for key in ("ms.contentlocale", "ms.openlocfilehash") if not metadata.get(key)]
        if missing:
            raise UsageError(f"{listing}: handoff {path} has no {' or '.join(missing)}: versions cannot tell which "
                             "locale and English revision it belongs to")
        locale = site_locale(str(metadata["ms.contentlocale"]), locales)
        if locale is None:
            raise UsageError(f"{listing}: handoff {path} is in {metadata['ms.contentlocale']}, which fits none of "
                             f"the site's locales ({', '.join(locales)}): add a language for it to mkdocs.yml")
        handoffs.append(Handoff(path=path, article=PurePosixPath(rest[0]), locale=locale,
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


def english_history(layout: Layout, articles: Iterable[PurePosixPath]) -> dict[PurePosixPath, list[bytes]]:
    """Each article's English revisions, newest first: the working copy, then git history."""
    history = GitHistory(layout.history)
    revisions: dict[PurePosixPath, list[bytes]] = {}
    for article in articles:
        path = layout.english_history_path(article)
        current = [path.read_bytes()] if path.is_file() else []
        revisions[article] = current + [r.data for r in history.revisions(path) if r.data not in current]
    return revisions


def versioned_articles(versions: Versions, handoffs: list[Handoff]) -> list[PurePosixPath]:
    """The articles whose English revision or translations differ between versions."""
    return sorted({h.article for h in handoffs} | {PurePosixPath(a) for v in versions.versions for a in v.english})


def _made_from(translation: Path | bytes | None, english: bytes) -> bool:
    """Whether a translation file's ms.openlocfilehash names these English bytes."""
    if not isinstance(translation, Path):
        return False
    try:
        value = load_front_matter(translation.read_text("utf-8")).get("ms.openlocfilehash")
    except (OSError, UnicodeDecodeError, LocdocsError):
        return False
    return isinstance(value, str) and matches(value, english)


def prepare_version_tree(version: Version, *, layout: Layout, target: Path, handoffs: list[Handoff],
                         revisions: dict[PurePosixPath, list[bytes]],
                         on_change: Callable[[], None] = lambda: None) -> dict[Path, Path]:
    """Write ``target``/docs and ``target``/l10n: the repository's docs and segment files with this edition's
    English revisions and the translations chosen for them (calling ``on_change`` when a file changed).
    ``revisions`` is ``english_history`` of ``versioned_articles``. Returns the handoff each translated article of
    the tree was made from (the article's path inside ``target``)."""
    tree = Layout(docs_dir=Path("docs"), l10n_dir=Path("l10n"), languages=layout.languages)  # inside target
    wanted: dict[Path, Path | bytes] = {}
    for source, folder in ((layout.docs_dir, tree.docs_dir), (layout.l10n_dir, tree.l10n_dir)):
        if source.is_dir():
            wanted.update((folder / rel, Path(entry.path)) for rel, entry in files_below(source).items())
    english = layout.default_locale
    shown: dict[PurePosixPath, bytes] = {}
    for article in sorted({h.article for h in handoffs} | {PurePosixPath(a) for a in version.english}):
        wanted_hash = version.english.get(article.as_posix())
        data = revisions[article][0] if revisions[article] else None
        if wanted_hash is not None:
            data = next((d for d in revisions[article] if matches(wanted_hash, d)), None)
            if data is None:
                raise UsageError(f"{layout.versions_file}: version {version.name}: no revision of "
                                 f"{layout.page(english, article)} with hash {wanted_hash} in the working tree or "
                                 "git history")
        if data is not None:
            shown[article] = data
            wanted[tree.page(english, article)] = data
        for locale_dir in layout.docs_dir.iterdir():  # translations (and their segments) are chosen again below
            if locale_dir.name != english:
                if data is not None and _made_from(wanted.get(tree.page(locale_dir.name, article)), data):
                    continue  # ingested without a handoff from this very revision: kept, unless a handoff is chosen
                wanted.pop(tree.page(locale_dir.name, article), None)
                wanted.pop(tree.xliff(locale_dir.name, article), None)
    origins = {}
    for handoff in choose_handoffs(handoffs, revisions, shown):
        plan = plan_ingest(handoff.path, handoff.path.read_bytes(), rel_path=handoff.article, locale=handoff.locale,
                           layout=tree)
        wanted.update(plan_outputs(plan))
        origins[plan.article] = handoff.path
    # Only what changed since the last build is written: unchanged files keep their time, and MkDocs its work.
    for folder in (tree.docs_dir, tree.l10n_dir):
        if sync_tree(target / folder, {path.relative_to(folder): source for path, source in wanted.items()
                                       if path.parts[0] == folder.name}):
            on_change()
    return origins
