"""The whole versioned build: version trees, units, assembly. ``build_site`` is what ``locdocs build`` runs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from ..config import config_from_options, plugin_options, read_mkdocs_yml, site_languages
from ..site.locale_build import page_url
from ..status import collect_status
from ..translations import Site
from ..versions import (Versions, english_history, load_handoffs, load_versions, prepare_version_tree,
                        versioned_articles)
from .assemble import assemble, write_sitemap
from .units import Unit, UnitResult, build_units, context_key, unit_config, unit_key


STATUS_URL = "translation-status/"  # generated in every locale by the plugin


@dataclass(frozen=True)
class BuildResult:
    versions: Versions
    version_dirs: dict[str, Path]
    units: list[UnitResult]


def build_site(repo: Path, *, cache: Path, jobs: int | None = None, only_versions: set[str] | None = None,
               only_locales: set[str] | None = None,
               on_unit: Callable[[UnitResult], None] = lambda result: None) -> BuildResult:
    """Build every (version, locale) unit of the repository's versions.yml and assemble each version.

    With ``only_versions`` or ``only_locales``, build just those units (a CI matrix job) and assemble nothing.
    """
    base_config = read_mkdocs_yml(repo / "mkdocs.yml")
    languages = site_languages(base_config)
    default = next(lang["locale"] for lang in languages if lang["default"])
    versions = load_versions(repo / "versions.yml")
    handoffs = load_handoffs(repo / "content" / "handoffs.tsv", repo / "content" / "handoffs")
    revisions = english_history(repo, repo / "docs", versioned_articles(versions, handoffs), default)
    site_url = str(base_config.get("site_url") or "http://127.0.0.1:8000/").rstrip("/") + "/"
    units: list[Unit] = []
    configs: dict[Unit, dict] = {}
    keys: dict[Unit, str] = {}
    page_cache_keys: dict[Unit, str] = {}
    real: dict[str, dict[str, set[str]]] = {}
    for version in versions.versions:
        tree = cache / "trees" / version.name
        prepare_version_tree(version, repo=repo, target=tree, handoffs=handoffs, revisions=revisions,
                             english=default)
        site = Site(replace(config_from_options(
            plugin_options(base_config, "locdocs") or {},
            docs_dir=tree / "docs", base=tree, default_locale=default,
            locales=tuple(lang["locale"] for lang in languages)), history_dir=repo / "docs"))
        pages: dict[str, set[str]] = {STATUS_URL: {lang["locale"] for lang in languages}}
        for locale, rel in site.files:
            pages.setdefault(page_url(rel), set()).add(locale)
        real[version.name] = pages
        status = [asdict(row) for row in collect_status(site, cache / "status" / f"{version.name}.json")]
        status_file = tree / "status.json"
        status_file.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
        shared = hashlib.sha256(json.dumps({
            "pages": {url: sorted(locales) for url, locales in sorted(pages.items())},
            "status": status}, sort_keys=True).encode()).hexdigest()
        for language in languages:
            if (only_versions and version.name not in only_versions) or (
                    only_locales and language["locale"] not in only_locales):
                continue
            unit = Unit(version.name, language["locale"], tree)
            config = unit_config(base_config, unit, repo=repo, history_dir=repo / "docs",
                                 languages=languages, status_file=status_file)
            config["site_url"] = f"{site_url}{version.name}/"
            config.setdefault("extra", {})
            config["extra"] = {**config["extra"], "version": {"provider": "mike", "default": versions.default}}
            units.append(unit)
            configs[unit] = config
            page_cache_keys[unit] = context_key(config, shared, repo)
            keys[unit] = unit_key(page_cache_keys[unit], unit, default, repo)
    results = build_units(units, configs, keys, cache / "units", page_cache_keys=page_cache_keys, jobs=jobs,
                          on_done=on_unit)
    if only_versions or only_locales:
        return BuildResult(versions=versions, version_dirs={}, units=results)
    version_dirs = {}
    for version in versions.versions:
        outputs = {r.unit.locale: r.output for r in results if r.unit.version == version.name}
        target = cache / "versions" / version.name
        built_from = "\n".join(sorted(str(path) for path in outputs.values()))
        marker = target.with_name(f"{version.name}.built-from")  # beside the folder mike publishes
        if not (marker.is_file() and marker.read_text(encoding="utf-8") == built_from):  # else: the same units
            assemble(outputs, default, target)
            write_sitemap(outputs, default, target, f"{site_url}{version.name}/", real[version.name])
            marker.write_text(built_from, encoding="utf-8")
        version_dirs[version.name] = target
    return BuildResult(versions=versions, version_dirs=version_dirs, units=results)
