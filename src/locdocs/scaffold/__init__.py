"""A new translation site, as ``locdocs init`` writes it, from the templates beside this module.

The templates (``*.in``) are plain text with ``@NAME@`` placeholders; ``plan_site`` fills them in for a site's
locales and says where each goes, ``write_site`` writes them (never over an existing file unless told to)::

    mkdocs.yml.in              mkdocs.yml: Material, search, static-i18n (one folder per locale), locdocs
    versions.yml.in            versions.yml (optional): one version, the English as it is now
    index.md.in                docs/<source locale>/index.md; an empty docs/LL/ (kept with .gitkeep) per locale
    check.yml.in, publish.yml.in   .github/workflows/: locdocs check on pull requests, build and deploy on main
    pre-commit-config.yaml.in  .pre-commit-config.yaml: the hooks of locdocs' .pre-commit-hooks.yaml
    requirements.txt.in        requirements.txt: locdocs, pinned, for the workflows
    TRANSLATING.md.in          TRANSLATING.md: the team's guide (ingest, check, build)
    gitignore.in               .gitignore
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..errors import UsageError
from ..fileio import atomic_write
from ..locales import is_language_tag

TEMPLATES: dict[str, str] = {
    "mkdocs.yml.in": "mkdocs.yml",
    "versions.yml.in": "versions.yml",
    "index.md.in": "docs/{default}/index.md",
    "check.yml.in": ".github/workflows/check.yml",
    "publish.yml.in": ".github/workflows/publish.yml",
    "pre-commit-config.yaml.in": ".pre-commit-config.yaml",
    "requirements.txt.in": "requirements.txt",
    "TRANSLATING.md.in": "TRANSLATING.md",
    "gitignore.in": ".gitignore",
}
"""Each template, and where in the new site it goes (``{default}``: the source locale)."""
KEEP = ".gitkeep"
"""Keeps a locale's empty folder in git (MkDocs leaves dot files out of the site)."""
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


@dataclass(frozen=True)
class Source:
    """Where the new site's workflows and pre-commit get locdocs: a git repository (a URL, or a clone's path) at
    a revision."""

    repo: str
    rev: str

    @property
    def is_path(self) -> bool:
        """A clone on this machine, which CI cannot reach."""
        return "://" not in self.repo

    @property
    def requirement(self) -> str:
        """The pip requirement: ``locdocs @ git+URL@REV``; a clone's as a plain ``git+file:///PATH@REV`` line,
        which pip's requirements files take (pip's PEP 508 parser refuses a ``file:///`` URL after ``@``)."""
        if self.is_path:
            return f"git+{Path(self.repo).as_uri()}@{self.rev}"
        return f"locdocs @ git+{self.repo}@{self.rev}"


def _head(clone: Path) -> str | None:
    """The commit checked out in ``clone``, if it is the top of a git repository."""
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=clone, capture_output=True,
                              text=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2 or Path(lines[0]).resolve() != clone.resolve():
        return None
    return lines[1]


def parse_source(text: str) -> Source:
    """``--source``: a git URL with ``@REV`` (a tag or commit), or a clone's path (``@REV`` optional: its
    checked-out commit)."""
    repo, rev = text.removeprefix("git+"), ""
    head, at, tail = repo.rpartition("@")
    if at and tail and "/" not in tail and ":" not in tail:
        repo, rev = head, tail
    if "://" in repo:
        if not rev:
            raise UsageError(f"--source {text!r}: add the tag or commit to install, such as {text}@v1.0")
        return Source(repo, rev)
    if ":" in repo:
        raise UsageError(f"--source {text!r}: give an https:// or ssh:// URL, or the path of a clone")
    path = Path(repo).expanduser().resolve()
    commit = _head(path)
    if commit is None:
        raise UsageError(f"--source {text!r}: {path} is not a git clone of locdocs: give its URL with @REV")
    return Source(str(path), rev or commit)


def installed_source() -> Source:
    """Where this locdocs was installed from (pip's direct_url.json): a git URL at its commit, or a clone's path
    at its checked-out commit."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        text = distribution("locdocs").read_text("direct_url.json")
    except PackageNotFoundError:
        text = None
    data = json.loads(text) if text else {}
    url = str(data.get("url", ""))
    vcs = data.get("vcs_info") or {}
    if vcs.get("commit_id"):
        return Source(url, str(vcs["commit_id"]))
    if url.startswith("file://"):
        path = Path(unquote(urlsplit(url).path))
        if (commit := _head(path)) is not None:
            return Source(str(path), commit)
    raise UsageError("cannot tell which git repository this locdocs was installed from: say where the site's "
                     "workflows get it with --source URL@REV")


def check_locale(tag: str) -> str:
    """A locale of the new site: a BCP 47 language tag, written as langcodes standardizes it."""
    import langcodes

    if not is_language_tag(tag) or not langcodes.tag_is_valid(tag) or langcodes.Language.get(tag).language in (
            None, "und"):
        raise UsageError(f"--locale {tag!r} is not a BCP 47 language tag such as 'en', 'sv', 'pt-BR' or 'zh-TW'")
    standard = langcodes.standardize_tag(tag)
    if standard != tag:
        raise UsageError(f"--locale {tag!r}: write it as {standard!r} (its folder and URL prefix)")
    return tag


def language_name(tag: str) -> str:
    """What the language switcher shows: the language's name in itself (CLDR, through Babel), capitalized:
    ``sv`` -> Svenska, ``pt-BR`` -> Português (Brasil); the tag itself when CLDR has no name for it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag, sep="-")
        name = locale.get_display_name(locale) or tag
    except (ValueError, UnknownLocaleError):
        name = tag
    return name[:1].upper() + name[1:]


def this_month() -> str:
    """The name of a site's first version: this month, ``2025-06`` (each reader sees it in their language)."""
    return date.today().strftime("%Y-%m")


@dataclass(frozen=True)
class SiteSpec:
    """What ``locdocs init`` was asked for."""

    locales: tuple[str, ...]
    """Every locale, the source (English) one first."""
    site_name: str
    source: Source
    version: str | None = None
    """The one version of versions.yml; None: no versions.yml (``locdocs build`` publishes one version)."""
    external_base_url: str | None = None


def _yaml(value: object) -> str:
    """A YAML scalar or flow sequence (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def render(template: str, values: Mapping[str, str]) -> str:
    """The template with each ``@NAME@`` replaced; a line that is only a placeholder whose value is empty goes."""
    lines = []
    for line in template.splitlines(keepends=True):
        names = PLACEHOLDER.findall(line)
        unknown = [name for name in names if name not in values]
        if unknown:
            raise KeyError(f"template placeholder @{unknown[0]}@ has no value")
        if line.strip() and PLACEHOLDER.fullmatch(line.strip()) and not values[names[0]]:
            continue
        lines.append(PLACEHOLDER.sub(lambda match: values[match.group(1)], line))
    return "".join(lines)


def plan_site(spec: SiteSpec) -> dict[PurePosixPath, bytes]:
    """Every file of the new site (its path in the site -> its content), the locales' folders included."""
    from ..publish.versions import VERSION_NAME

    default, *others = spec.locales
    if spec.version is not None and not VERSION_NAME.fullmatch(spec.version):
        raise UsageError(f"--versions {spec.version!r}: a version is one folder name (letters, digits, '.', '-', "
                         "'+' or '_'), such as 2025-06")
    languages = []
    for locale in spec.locales:
        languages += [f"        - locale: {locale}", f"          name: {_yaml(language_name(locale))}"]
        languages += ["          default: true"] if locale == default else []
        languages += ["          build: true"]
    options = [f"      external_base_url: {_yaml(spec.external_base_url)}   # links to articles not in the site"
               ] if spec.external_base_url else []
    values = {
        "SITE_NAME": _yaml(spec.site_name), "SITE_NAME_TEXT": spec.site_name, "DEFAULT": default,
        "OTHER_LOCALES": ", ".join(others) or "none yet", "LANGUAGES": "\n".join(languages),
        "LOCDOCS_OPTIONS": "\n".join(options), "LOCALES": _yaml(list(spec.locales)),
        "VERSION": _yaml(spec.version or ""), "REQUIREMENT": spec.source.requirement,
        "HOOKS_REPO": _yaml(spec.source.repo), "HOOKS_REV": _yaml(spec.source.rev),
    }
    templates = resources.files(__name__)
    files = {}
    for template, target in TEMPLATES.items():
        if template == "versions.yml.in" and spec.version is None:
            continue
        text = templates.joinpath(template).read_text(encoding="utf-8")
        files[PurePosixPath(target.format(default=default))] = render(text, values).encode("utf-8")
    for locale in others:
        files[PurePosixPath("docs", locale, KEEP)] = b""
    return files


def write_site(target: Path, files: Mapping[PurePosixPath, bytes], *, force: bool = False) -> list[PurePosixPath]:
    """Write the site's files into ``target``; return those written. Raise UsageError, writing nothing, if one of
    them exists (unless ``force``). A locale folder's .gitkeep is written only into a folder with nothing in it."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file: give locdocs init a folder")
    if folders := [rel for rel in files if (target / rel).is_dir()]:
        raise UsageError(f"{target / folders[0]} is a folder: locdocs init would write a file there")
    existing = [rel for rel in files if rel.name != KEEP and (target / rel).exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(map(str, existing))} already exist{'s' if len(existing) == 1 else ''} in "
                         f"{target}: locdocs init writes over nothing (--force replaces them)")
    written = []
    for rel, data in files.items():
        path = target / rel
        if rel.name == KEEP and path.parent.is_dir() and any(path.parent.iterdir()):
            continue
        try:
            atomic_write(path, data)
        except OSError as error:  # a file where a folder goes, a folder we may not write to
            raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
        written.append(rel)
    return written
