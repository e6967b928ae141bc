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


def unit_key(config: dict, unit: Unit, shared: str, default_locale: str, repo: Path) -> str:
    """A hash of everything the unit's output depends on: its configuration, the tool versions, the default
    locale's and its own locale's files, and ``shared`` (what every unit shows of the others: which pages exist in
    which locale, and each translation's state). Paths count relative to the repository, so a clone elsewhere (a
    CI runner) finds the same keys."""
    import material
    import mkdocs

    digest = hashlib.sha256()
    digest.update(yaml.safe_dump(config, sort_keys=True).replace(str(repo), "<repo>").encode())
    digest.update(f"locdocs {__version__} mkdocs {mkdocs.__version__} material {material.__version__}".encode())
    digest.update(shared.encode())
    folders = [unit.tree / "docs" / default_locale, unit.tree / "docs" / unit.locale, unit.tree / "l10n" / unit.locale]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        folders.append(Path(theme["custom_dir"]))
    for folder in dict.fromkeys(folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.as_posix().replace(str(repo), "<repo>")
                digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def build_unit(unit: Unit, config: dict, key: str, cache: Path) -> UnitResult:
    """Build a unit in its own process, or reuse the cached output of the same inputs (``key``)."""
    started = time.perf_counter()
    output = cache / f"{unit.version}-{unit.locale}-{key}"
    if (output / ".complete").is_file():
        return UnitResult(unit, output, reused=True, seconds=time.perf_counter() - started)
    config_file = cache / f"{unit.version}-{unit.locale}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    partial = output.with_name(output.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
                           "--site-dir", str(partial)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        raise UnitBuildError(unit, done.stderr)
    (partial / ".complete").write_text(key, encoding="utf-8")
    shutil.rmtree(output, ignore_errors=True)
    partial.rename(output)
    for stale in cache.glob(f"{unit.version}-{unit.locale}-*"):  # older outputs of this unit
        if stale != output:
            shutil.rmtree(stale, ignore_errors=True)
    return UnitResult(unit, output, reused=False, seconds=time.perf_counter() - started)


def build_units(units: Iterable[Unit], configs: dict[Unit, dict], keys: dict[Unit, str], cache: Path, *,
                jobs: int | None = None,
                on_done: Callable[[UnitResult], None] = lambda result: None) -> list[UnitResult]:
    """Build every unit, each in its own MkDocs process, up to ``jobs`` (default: the number of cores) at once."""
    cache.mkdir(parents=True, exist_ok=True)
    units = list(units)
    results = []
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        futures = [pool.submit(build_unit, unit, configs[unit], keys[unit], cache) for unit in units]
        for future in as_completed(futures):
            result = future.result()
            on_done(result)
            results.append(result)
    order = {unit: index for index, unit in enumerate(units)}
    return sorted(results, key=lambda result: order[result.unit])
