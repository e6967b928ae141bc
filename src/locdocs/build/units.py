"""Build units: one locale of one version, built by MkDocs in its own process, cached by a hash of its inputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import yaml

from .. import __version__
from ..errors import LocdocsError
from ..site.page_reuse import reuse_counts


@dataclass(frozen=True)
class Unit:
    """One locale of one version."""

    version: str
    locale: str
    tree: Path
    """The version's source tree (docs/ and l10n/)."""

    @property
    def name(self) -> str:
        return f"{self.version}/{self.locale}"


@dataclass(frozen=True)
class UnitResult:
    unit: Unit
    output: Path
    reused: bool
    seconds: float
    pages_reused: int = 0
    """Of a unit that was built: how many of its pages came unchanged from its previous output."""
    pages: int = 0


class UnitBuildError(LocdocsError):
    def __init__(self, unit: Unit, log: str) -> None:
        super().__init__(f"building {unit.name} failed:\n{log.strip()[-4000:]}")


def unit_config(base_config: dict, unit: Unit, *, repo: Path, history_dir: Path, languages: list[dict],
                status_file: Path | None = None) -> dict:
    """The MkDocs configuration of a unit: the site's own, without static-i18n, building one locale."""
    config = dict(base_config)
    config["docs_dir"] = str(unit.tree / "docs")
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = {**theme, "custom_dir": str(repo / theme["custom_dir"])}  # relative to mkdocs.yml
    plugins = []
    for entry in config.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "i18n":
            continue
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == "locdocs":
            options.update(unit_locale=unit.locale, languages=languages, history_dir=str(history_dir),
                           l10n_dir=str(unit.tree / "l10n"))
            if status_file is not None:
                options["status_file"] = str(status_file)
        plugins.append({name: options})
    config["plugins"] = plugins
    return config


def context_key(config: dict, shared: str, repo: Path) -> str:
    """A hash of what every page of a unit depends on besides its own files: its configuration, the tool
    versions, the theme overrides, and ``shared`` (what every unit shows of the others: which pages exist in which
    locale, and each translation's state). Paths count relative to the repository, so a clone elsewhere (a CI
    runner) finds the same keys."""
    import material
    import mkdocs

    digest = hashlib.sha256()
    digest.update(yaml.safe_dump(config, sort_keys=True).replace(str(repo), "<repo>").encode())
    digest.update(f"locdocs {__version__} mkdocs {mkdocs.__version__} material {material.__version__}".encode())
    digest.update(shared.encode())
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        _hash_folder(digest, Path(theme["custom_dir"]), repo)
    return digest.hexdigest()[:32]


def unit_key(context: str, unit: Unit, default_locale: str, repo: Path) -> str:
    """A hash of everything the unit's output depends on: its ``context`` (context_key) and the default locale's
    and its own locale's files."""
    digest = hashlib.sha256(context.encode())
    for folder in dict.fromkeys([unit.tree / "docs" / default_locale, unit.tree / "docs" / unit.locale,
                                 unit.tree / "l10n" / unit.locale]):
        _hash_folder(digest, folder, repo)
    return digest.hexdigest()[:32]


def _hash_folder(digest, folder: Path, repo: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.as_posix().replace(str(repo), "<repo>")
            digest.update(name.encode() + b"\0" + path.read_bytes())


def build_unit(unit: Unit, config: dict, key: str, cache: Path, page_cache_key: str | None = None) -> UnitResult:
    """Build a unit in its own process, or reuse the cached output of the same inputs (``key``). With
    ``page_cache_key`` (context_key), the pages of the unit's previous output whose own inputs are unchanged are
    reused (site.page_reuse)."""
    started = time.perf_counter()
    output = cache / f"{unit.version}-{unit.locale}-{key}"
    if (output / ".complete").is_file():
        return UnitResult(unit, output, reused=True, seconds=time.perf_counter() - started)
    previous = max((marker.parent for marker in cache.glob(f"{unit.version}-{unit.locale}-*/.complete")),
                   key=lambda folder: (folder / ".complete").stat().st_mtime_ns, default=None)
    if page_cache_key is not None:
        config = _with_page_cache(config, page_cache_key, previous)
    config_file = cache / f"{unit.version}-{unit.locale}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    partial = output.with_name(output.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    dirty = ["--dirty"] if page_cache_key is not None and previous is not None else []
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *dirty, "--config-file",
                           str(config_file), "--site-dir", str(partial)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        raise UnitBuildError(unit, done.stderr)
    (partial / ".complete").write_text(key, encoding="utf-8")
    shutil.rmtree(output, ignore_errors=True)
    partial.rename(output)
    for stale in cache.glob(f"{unit.version}-{unit.locale}-*"):  # older outputs of this unit
        if stale != output:
            shutil.rmtree(stale, ignore_errors=True)
    pages_reused, pages = reuse_counts(output)
    return UnitResult(unit, output, reused=False, seconds=time.perf_counter() - started, pages_reused=pages_reused,
                      pages=pages)


def _with_page_cache(config: dict, page_cache_key: str, previous: Path | None) -> dict:
    """The unit's configuration with the locdocs plugin's page cache options (not part of the unit's key)."""
    plugins = []
    for entry in config.get("plugins") or []:
        name = next(iter(entry))
        options = dict(entry[name])
        if name == "locdocs":
            options["page_cache_key"] = page_cache_key
            if previous is not None:
                options["reuse_dir"] = str(previous)
        plugins.append({name: options})
    return {**config, "plugins": plugins}


def build_units(units: Iterable[Unit], configs: dict[Unit, dict], keys: dict[Unit, str], cache: Path, *,
                page_cache_keys: dict[Unit, str] | None = None, jobs: int | None = None,
                on_done: Callable[[UnitResult], None] = lambda result: None) -> list[UnitResult]:
    """Build every unit, each in its own MkDocs process, up to ``jobs`` (default: the number of cores) at once."""
    cache.mkdir(parents=True, exist_ok=True)
    units = list(units)
    results = []
    page_cache_keys = page_cache_keys or {}
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        futures = [pool.submit(build_unit, unit, configs[unit], keys[unit], cache, page_cache_keys.get(unit))
                   for unit in units]
        for future in as_completed(futures):
            result = future.result()
            on_done(result)
            results.append(result)
    order = {unit: index for index, unit in enumerate(units)}
    return sorted(results, key=lambda result: order[result.unit])
