"""The whole versioned build: version trees, units, assembly. ``build_site`` is what ``locdocs build`` runs."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..check import default_jobs, run_check
from ..check.findings import Finding
from ..config import (
    DEFAULT_VERSIONS_FILE,
    RULES,
    Config,
    Severity,
    layout_from_mkdocs,
    plugin_options,
    read_mkdocs_config,
)
from ..errors import PublishRefused, UsageError
from ..file_digests import FileDigests
from ..fileio import atomic_write, display_path
from ..history import remember_logs
from ..layout import Layout, locale_prefix
from ..plugin.unit import UnitSpec
from ..render import MarkdownSetup
from ..site.head import english_text_urls
from ..site.messages import Messages
from ..site.not_found import RootNotFound
from ..site.sitemap import sitemap_pages, write_sitemap
from ..status import collect_status
from ..translations import DocsIndex
from .assemble import assemble
from .unit_build import site_config_data
from .units import BuildUnit, UnitProcesses, UnitResult, build_units, context_key, mentions_host, unit_key
from .versions import (
    Version,
    Versions,
    english_history,
    load_handoffs,
    load_versions,
    prepare_version_tree,
    versioned_articles,
)

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DEFAULT_CACHE = Path(".cache/build")
"""Where ``locdocs build`` keeps version trees and units, relative to the repository."""


@dataclass(frozen=True)
class BuildResult:
    versions: Versions
    version_dirs: dict[str, Path]
    units: list[UnitResult]
    root_not_found: RootNotFound | None = None
    """The site's root 404.html, once the versions it names are known (``publish`` writes it)."""
    missing_messages: list[str] = field(default_factory=list)
    """A line per locale whose readers see some messages in English (no catalog fits it): said once, here, not by
    each unit (a unit is a strict build)."""


def build_site(config_file: Path, *, cache: Path, jobs: int | None = None, only_versions: set[str] | None = None,
               only_locales: set[str] | None = None, allow_errors: bool = False,
               share_pages: bool = True, split_units: bool = True,
               on_unit: Callable[[UnitResult], None] = lambda result: None) -> BuildResult:
    """Build every (version, locale) unit of the site's versions and assemble each version.

    With ``only_versions`` or ``only_locales``, build just those units (a CI matrix job) and assemble nothing.
    Every version is checked first: an error-level finding in what would be built raises ``PublishRefused``
    (before anything is built), unless ``allow_errors``. With ``share_pages``, a page that is the same in two
    versions is rendered once (plugin.page_reuse); with ``split_units``, a unit built from scratch is shared out
    among the cores (publish.units). The output is the same without either.
    """
    with UnitProcesses() as processes:
        return _build_site(config_file, processes, cache=cache, jobs=jobs, only_versions=only_versions,
                           only_locales=only_locales, allow_errors=allow_errors, share_pages=share_pages,
                           split_units=split_units, on_unit=on_unit)


def _build_site(config_file: Path, processes: UnitProcesses, *, cache: Path, jobs: int | None,
                only_versions: set[str] | None, only_locales: set[str] | None, allow_errors: bool,
                share_pages: bool, split_units: bool, on_unit: Callable[[UnitResult], None]) -> BuildResult:
    mkdocs_config = read_mkdocs_config(config_file)
    options = plugin_options(mkdocs_config)
    layout = layout_from_mkdocs(mkdocs_config, options)
    if not layout.languages:
        raise UsageError(f"{config_file}: the i18n plugin lists no languages: locdocs build needs the site's locales")
    default = layout.default_locale
    # Without versions.yml, one version: the docs as they are now (a configured versions_file must exist).
    versions = load_versions(layout.versions_file, missing_ok=options.versions_file == DEFAULT_VERSIONS_FILE)
    for name in sorted(only_versions or ()):
        versions.get(name)  # an unknown version is a mistake, not a build of nothing
    if unknown := sorted(set(only_locales or ()) - set(layout.locales)):
        raise UsageError(f"no locale {unknown[0]!r} in {config_file.name}; the site's locales are: "
                         f"{', '.join(layout.locales)}")
    site_url = (mkdocs_config.site_url or DEFAULT_SITE_URL).rstrip("/") + "/"
    site_config = site_config_data(config_file)
    units: list[BuildUnit] = []
    specs: dict[BuildUnit, UnitSpec] = {}
    keys: dict[BuildUnit, str] = {}
    english_text: dict[str, set[str]] = {}
    refused: dict[str, list[Finding]] = {}
    config = Config.from_options(options, layout, MarkdownSetup.of(mkdocs_config))
    files = FileDigests(cache / "digests.json")  # the hashes of unchanged files, kept from the last build
    remember_logs(cache / "git-log")  # and the git log, at the same commit
    # A changed tree will most likely rebuild a unit: its MkDocs process imports meanwhile.
    for version, tree, origins, docs in version_trees(config, versions, cache, on_change=processes.prepare):
        status, english_text[version.name] = _status(docs, cache / "status" / f"{version.name}.json", files)
        status_file = tree / "status.json"
        atomic_write(status_file, json.dumps(status, ensure_ascii=False).encode("utf-8"))
        version_context = hashlib.sha256(json.dumps(status, sort_keys=True).encode()).hexdigest()
        version_keys = []
        digests: dict[Path, str] = {}  # of the version's folders, hashed once for all its units
        for language in layout.languages:
            unit = BuildUnit(version.name, language.locale, tree)
            spec = UnitSpec(config_file=str(config_file.resolve()), locale=language.locale,
                            languages=layout.languages, tree=str(tree), history_dir=str(layout.history.resolve()),
                            site_dir="", site_url=f"{site_url}{version.name}/", default_version=versions.default,
                            status_file=str(status_file),
                            version_titles={v.title: v.title_in(language.locale) for v in versions.versions})
            page_cache_key = context_key(site_config, spec, layout.root.resolve())
            key = unit_key(page_cache_key, unit, layout.locales, default, layout.root.resolve(),
                           version_context=f"{spec.site_url}\0{version_context}", digests=digests, files=files)
            version_keys.append(key)
            if (only_versions and version.name not in only_versions) or (
                    only_locales and language.locale not in only_locales):
                continue
            units.append(unit)
            specs[unit] = replace(spec, page_cache_key=page_cache_key)
            keys[unit] = key
        # The version's units' keys cover all it is built from: its check is that of the last run with the same.
        memo = (cache / "check" / f"{version.name}.json", "\n".join(version_keys))
        if (not only_versions or version.name in only_versions) and (
                errors := _version_errors(docs, tree, origins, only_locales, memo=memo)):
            refused[version.name] = errors
    files.save()
    if refused and not allow_errors:
        raise PublishRefused(refused)
    share = share_pages and not mentions_host(site_config, config_file, site_url)
    results = build_units(units, specs, keys, cache / "units", jobs=jobs, share=share, split=split_units,
                          on_done=on_unit, processes=processes)
    if only_versions or only_locales:
        return BuildResult(versions=versions, version_dirs={}, units=results)
    version_dirs = {version.name: _assemble_version(version, results, layout, cache, site_url=site_url,
                                                    english_text=english_text[version.name])
                    for version in versions.versions}
    messages = Messages(config.messages)
    return BuildResult(versions=versions, version_dirs=version_dirs, units=results,
                       root_not_found=RootNotFound(site_url=site_url, languages=layout.languages, messages=messages),
                       missing_messages=messages.missing(layout.locales))


def _assemble_version(version: Version, results: list[UnitResult], layout: Layout, cache: Path, *, site_url: str,
                      english_text: set[str]) -> Path:
    """The version's units side by side, with its sitemap; kept as it is when its units are the same."""
    outputs = {r.unit.locale: r.output for r in results if r.unit.version == version.name}
    target = cache / "versions" / version.name
    marker = target.with_name(f"{version.name}.built-from")  # beside the folder mike publishes
    before = None
    with contextlib.suppress(OSError, ValueError, AttributeError):
        before = {locale: Path(path) for locale, path in json.loads(marker.read_text("utf-8")).items()}
    if before != outputs:  # else: the same units
        marker.unlink(missing_ok=True)  # until the folder is whole again
        assemble(outputs, layout.default_locale, target)
        _version_sitemap(outputs, layout, target, f"{site_url}{version.name}/", english_text)
        atomic_write(marker, json.dumps({locale: str(path) for locale, path in outputs.items()}).encode("utf-8"))
    return target


def version_trees(config: Config, versions: Versions, cache: Path, on_change: Callable[[], None] = lambda: None
                  ) -> Iterator[tuple[Version, Path, dict[Path, Path], DocsIndex]]:
    """Each version's source tree, prepared in ``cache``: the version, the tree, the handoff each of its translated
    articles was made from, and its docs, read with ``config`` (the repository's). ``on_change``: called when a
    tree changed."""
    layout = config.layout
    handoffs = load_handoffs(layout.handoff_list, layout.handoff_dir, layout.locales) if layout.handoff_list else []
    revisions = english_history(layout, versioned_articles(versions, handoffs))
    for version in versions.versions:
        tree = cache / "trees" / version.name
        origins = prepare_version_tree(version, layout=layout, target=tree, handoffs=handoffs, revisions=revisions,
                                       on_change=on_change)
        yield version, tree, origins, DocsIndex(replace(config, layout=layout.for_tree(tree)))


def check_versions(config: Config, cache: Path) -> list[Finding]:
    """The error-level findings of what only a version of versions.yml publishes: the translations chosen for an
    older English revision, from handoffs. Each version's tree is prepared (in ``cache``) and checked; a finding
    in a file the docs folder has too, byte for byte, is the plain check's and left out."""
    found: dict[tuple, tuple[Finding, list[str]]] = {}
    for version, tree, origins, docs in version_trees(config, load_versions(config.layout.versions_file), cache):
        for finding in _version_errors(docs, tree, origins, only_locales=None, docs_dir=config.layout.docs_dir):
            found.setdefault((finding.path, finding.line, finding.rule, finding.message), (finding, []))[1].append(
                version.name)
    return [replace(finding, message=f"in version{'s' if len(names) > 1 else ''} {', '.join(names)}: "
                                     f"{finding.message}") for finding, names in found.values()]


def _version_errors(docs: DocsIndex, tree: Path, origins: dict[Path, Path], only_locales: set[str] | None, *,
                    docs_dir: Path | None = None, memo: tuple[Path, str] | None = None) -> list[Finding]:
    """The error-level findings of a version's tree (in the locales being built). A finding in a translation made
    from a handoff names the handoff; with ``docs_dir``, one in a file that folder has too, byte for byte, is
    left out. ``memo``: a file keeping the findings, and the key of what they were found in."""
    errors = []
    for finding in _error_findings(docs, memo):
        if only_locales and finding.locale not in only_locales:
            continue
        try:
            in_tree = Path(finding.path).resolve().relative_to(tree.resolve())
        except ValueError:  # not about a file of the tree
            errors.append(finding)
            continue
        if docs_dir is not None and in_tree.parts[0] == "docs":
            in_docs = docs_dir / in_tree.relative_to("docs")
            if in_docs.is_file() and in_docs.read_bytes() == (tree / in_tree).read_bytes():
                continue
        origin = origins.get(in_tree)
        errors.append(replace(finding, path=display_path(origin)) if origin is not None else finding)
    return errors


def _error_findings(docs: DocsIndex, memo: tuple[Path, str] | None) -> list[Finding]:
    """The error-level findings of the docs; those ``memo`` keeps when its key is the same (the findings name
    files relative to the working directory: it is part of the key)."""
    key = f"{os.getcwd()}\n{memo[1]}" if memo is not None else ""
    if memo is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            kept = json.loads(memo[0].read_text("utf-8"))
            if kept["key"] == key:
                return [Finding(**{**finding, "severity": Severity(finding["severity"])})
                        for finding in kept["findings"]]
    findings = [finding for finding in run_check(errors_only(docs.config), docs, jobs=default_jobs())
                if finding.severity is Severity.ERROR]  # (a rule's milder cases are capped below error)
    if memo is not None:
        atomic_write(memo[0], json.dumps({"key": key, "findings": [asdict(finding) for finding in findings]},
                                         ensure_ascii=False).encode("utf-8"))
    return findings


def errors_only(config: Config) -> Config:
    """``config`` with every rule that is not an error ignored: the rules a version check does not need to run."""
    return config.with_severities({rule: Severity.IGNORE.value for rule in RULES
                                   if config.severity(rule) is not Severity.ERROR})


def _status(docs: DocsIndex, cache: Path, files: FileDigests) -> tuple[list[dict], set[str]]:
    """A version's status rows (kept in ``cache``), and its pages whose text is the English under another locale's
    URL (fallback pages, untranslated translations): left out of the sitemap, as of each page's alternates."""
    rows = collect_status(docs, cache, jobs=default_jobs(), files=files)
    untranslated = ((row.locale, row.article) for row in rows if row.state == "untranslated")
    return [row.as_dict() for row in rows], english_text_urls(docs.fallback_urls(), untranslated, docs.layout.url)


def _version_sitemap(outputs: dict[str, Path], layout: Layout, target: Path, site_url: str,
                     english_text: set[str]) -> None:
    """The version's one sitemap, of the pages its units' sitemaps list (the default locale's first), but the pages
    whose text is the English under another locale's URL."""
    default = layout.default_locale
    pages: list[str] = []
    for locale, output in sorted(outputs.items(), key=lambda item: item[0] != default):
        prefix = locale_prefix(locale, default)
        pages.extend(url for url in sitemap_pages(output / "sitemap.xml", site_url) if url.startswith(prefix))
    write_sitemap(target, site_url, pages, default_locale=default, locales=layout.locales,
                  fallback_urls=english_text)
