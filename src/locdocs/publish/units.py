"""Build units: one locale of one version, built by MkDocs in its own process, cached by a hash of its inputs.

A unit's process (``python -m locdocs.publish.unit_build SPEC``) loads the site's own mkdocs.yml through MkDocs and
overrides what a unit changes (unit_build.py); the spec says what that is (plugin.unit.UnitSpec).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from ..errors import LocdocsError
from ..file_digests import FileDigests
from ..fileio import atomic_write, files_below
from ..plugin.page_reuse import merge_parts, reuse_counts
from ..plugin.unit import UnitSpec


@dataclass(frozen=True)
class BuildUnit:
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
    unit: BuildUnit
    output: Path
    reused: bool
    seconds: float
    pages_reused: int = 0
    """Of a unit that was built: how many of its pages came unchanged from its previous output."""
    pages: int = 0


class UnitBuildError(LocdocsError):
    def __init__(self, unit: BuildUnit, log: str) -> None:
        super().__init__(f"building {unit.name} failed:\n{log.strip()[-4000:]}")


def _describe(value: object) -> str:
    """A stable name for what JSON cannot hold: ``!!python/name:`` objects by their import path."""
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    return f"{module}.{name}" if module and name else repr(value)


VERSION_FIELDS = ("site_url", "tree", "status_file", "site_dir", "reuse_dirs", "page_cache_key", "part", "parts",
                  "template_cache")
"""The fields of a unit's spec that differ between versions, or say where rather than what: left out of the context
key, so that the same page in two versions has the same key (plugin.page_reuse)."""


def context_key(site_config: dict, spec: UnitSpec, repo: Path) -> str:
    """A hash of what every page of a unit depends on besides its own inputs and the unit's pages, the same in every
    version: the site's configuration as MkDocs reads it (``site_config``: tags and INHERIT resolved) but its URL,
    the unit's spec but its version's places, the tool versions and locdocs' own files, the theme overrides. Paths
    count relative to the repository, so a clone elsewhere (a CI runner) finds the same keys."""
    import material
    import mkdocs

    unit = {key: value for key, value in asdict(spec).items() if key not in VERSION_FIELDS}
    config = {key: value for key, value in site_config.items() if key != "site_url"}
    text = json.dumps({"config": config, "unit": unit}, sort_keys=True, default=_describe)
    digest = hashlib.sha256(text.replace(str(repo), "<repo>").encode())
    digest.update(f"locdocs {__version__} mkdocs {mkdocs.__version__} material {material.__version__}".encode())
    if (overrides := theme_overrides(site_config, Path(spec.config_file))) is not None:
        _hash_folder(digest, overrides, repo, FileDigests())
    digest.update(package_digest().encode())  # locdocs' own code, templates and catalogs, as installed
    return digest.hexdigest()[:32]


def theme_overrides(site_config: dict, config_file: Path) -> Path | None:
    theme = site_config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        return config_file.parent / str(theme["custom_dir"])
    return None


def mentions_host(site_config: dict, config_file: Path, site_url: str) -> bool:
    """Whether the site's configuration or theme overrides write the site's host anywhere but in ``site_url``:
    then no page is taken from another version with its URL replaced, as the replacement could reach such text."""
    host = urlsplit(site_url).netloc
    if not host:
        return False
    config = {key: value for key, value in site_config.items() if key != "site_url"}
    if host in json.dumps(config, default=_describe, ensure_ascii=False):
        return True
    overrides = theme_overrides(site_config, config_file)
    return overrides is not None and any(
        host.encode() in path.read_bytes() for path in overrides.rglob("*") if path.is_file())


PACKAGE = Path(__file__).resolve().parents[1]


@cache
def package_digest(package: Path = PACKAGE) -> str:
    """A hash of the locdocs package as installed (code, templates, catalogs, assets; not bytecode): a unit built
    by other code is not reused, even at the same version number (this repository changes locdocs between
    releases; the CI cache keeps units across commits)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def unit_key(context: str, unit: BuildUnit, locales: Iterable[str], default_locale: str, repo: Path, *,
             version_context: str = "", digests: dict[Path, str] | None = None,
             files: FileDigests | None = None) -> str:
    """A hash of everything the unit's output depends on: its ``context`` (context_key) and ``version_context``
    (what it shows of its version: its URL, every translation's state), its docs (the default locale's and its own
    locale's files, and the files outside every locale folder, such as stylesheets) and its locale's segment
    files. ``digests``: the hashes of folders worked out for the other units of the version (each hashes the
    default locale's); ``files``: the hashes of files, remembered between builds (by default, from their bytes)."""
    others = set(locales) - {default_locale, unit.locale}
    digest = hashlib.sha256(f"{context}\0{version_context}".encode())
    docs = unit.tree / "docs"
    folders = [entry for entry in sorted(docs.iterdir()) if entry.name not in others] if docs.is_dir() else []
    for entry in [*folders, unit.tree / "l10n" / unit.locale]:
        digest.update(_entry_digest(entry, repo, {} if digests is None else digests, files or FileDigests()).encode())
    return digest.hexdigest()[:32]


def _entry_digest(entry: Path, repo: Path, digests: dict[Path, str], files: FileDigests) -> str:
    """A hash of a file, or of every file below a folder (paths relative to the repository)."""
    if entry not in digests:
        digest = hashlib.sha256()
        if entry.is_dir():
            _hash_folder(digest, entry, repo, files)
        elif entry.is_file():
            _hash_file(digest, os.fspath(entry), repo, files)
        digests[entry] = digest.hexdigest()
    return digests[entry]


def _hash_folder(digest: hashlib._Hash, folder: Path, repo: Path, files: FileDigests) -> None:
    for _, entry in sorted(files_below(folder).items()):
        _hash_file(digest, entry.path, repo, files)


def _hash_file(digest: hashlib._Hash, path: str, repo: Path, files: FileDigests) -> None:
    digest.update(path.replace(str(repo), "<repo>").replace(os.sep, "/").encode() + b"\0" + files.digest(path))


MIN_PART_PAGES = 150
"""A unit built from scratch is shared out in parts of at least this many pages (each part's process reads the
whole unit and writes its theme files: below that, a part costs more than it saves)."""


@dataclass
class _UnitBuild:
    """A unit being built: its parts' processes (one, or several that merge_parts puts together)."""

    unit: BuildUnit
    key: str
    output: Path
    partial: Path
    started: float
    specs: list[Path]
    folders: list[Path]
    left: int = 0


def _start(unit: BuildUnit, spec: UnitSpec, key: str, cache: Path, *, donors: Sequence[Path],
           parts: int) -> UnitResult | _UnitBuild:
    """The unit's cached output when its inputs are unchanged; else its build, in ``parts`` processes when it has no
    earlier output to take pages from (with one, it renders few). With the spec's ``page_cache_key``, pages are
    reused where their inputs are those of a page of the unit's previous output or of ``donors`` (the same
    locale's outputs in other versions; plugin.page_reuse)."""
    started = time.perf_counter()
    output = cache / f"{unit.version}-{unit.locale}-{key}"
    if (output / ".complete").is_file():
        return UnitResult(unit, output, reused=True, seconds=time.perf_counter() - started)
    previous = _previous_output(unit, cache)
    partial = output.with_name(output.name + ".partial")
    if previous is not None and spec.page_cache_key:
        # Built in the previous output itself, which no other unit reads (other versions' units take the new
        # one): its unchanged pages stay where they are, and the unit's thousands of folders are not made again
        # (nor the old ones deleted). The plugin deletes the rest before MkDocs writes (the assembled versions
        # link these files: none is written in place). Should the build fail, the next one starts from scratch.
        shutil.rmtree(partial, ignore_errors=True)
        (previous / ".complete").unlink()
        previous.rename(partial)
        previous = partial
    sources = ([] if previous is None else [previous]) + list(donors)
    reuse_dirs = tuple(str(folder) for folder in sources) if spec.page_cache_key else ()
    parts = 1 if reuse_dirs or not spec.page_cache_key else parts
    build = _UnitBuild(unit, key, output, partial, started, specs=[], folders=[], left=parts)
    for part in range(parts):
        folder = partial if parts == 1 else output.with_name(f"{output.name}.part{part}")
        if folder != previous:
            shutil.rmtree(folder, ignore_errors=True)
        spec_file = cache / f"{unit.version}-{unit.locale}{'' if parts == 1 else f'.part{part}'}.json"
        atomic_write(spec_file, replace(spec, site_dir=str(folder), reuse_dirs=reuse_dirs, part=part, parts=parts,
                                        template_cache=str(cache / "templates")).to_json().encode("utf-8"))
        build.specs.append(spec_file)
        build.folders.append(folder)
    return build


class UnitProcesses:
    """The MkDocs processes that build units (``publish.unit_build``), one per unit (or part), one started ahead
    when asked (``prepare``): it imports MkDocs, the theme and locdocs (about half a second) while the build is
    still working out what to build, then waits for its unit's spec on its standard input. One no unit takes is
    ended. (Not started ahead always: on a machine whose cores are busy, or on a run with nothing to build, it
    would only take time.)"""

    def __init__(self, ready: int = 0) -> None:
        self._lock = threading.Lock()
        self._ready = [self._start() for _ in range(ready)]

    def prepare(self) -> None:
        """Start one process ahead, unless one is ready."""
        with self._lock:
            if not self._ready:
                self._ready.append(self._start())

    def __enter__(self) -> UnitProcesses:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "locdocs.publish.unit_build", "-"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def run(self, unit: BuildUnit, spec_file: Path) -> None:
        """Build one unit (or part) from its spec."""
        with self._lock:
            process = self._ready.pop() if self._ready else self._start()
        _, errors = process.communicate(f"{spec_file}\n")
        if process.returncode != 0:
            raise UnitBuildError(unit, errors)

    def close(self) -> None:
        """End the processes no unit took, at once (they have written nothing: they may be importing still)."""
        with self._lock:
            ready, self._ready = self._ready, []
        for process in ready:
            process.kill()
            process.communicate()


def _finish(build: _UnitBuild, cache: Path) -> UnitResult:
    """Publish a unit's output as a whole, by renaming its finished folder: no file of it is seen half done."""
    if len(build.folders) > 1:
        shutil.rmtree(build.partial, ignore_errors=True)
        merge_parts(build.folders).rename(build.partial)
    atomic_write(build.partial / ".complete", build.key.encode())
    shutil.rmtree(build.output, ignore_errors=True)
    build.partial.rename(build.output)
    unit = build.unit
    for stale in cache.glob(f"{unit.version}-{unit.locale}-*"):  # older outputs of this unit
        if stale != build.output:
            shutil.rmtree(stale, ignore_errors=True)
    pages_reused, pages = reuse_counts(build.output)
    return UnitResult(unit, build.output, reused=False, seconds=time.perf_counter() - build.started,
                      pages_reused=pages_reused, pages=pages)


def build_units(units: Iterable[BuildUnit], specs: dict[BuildUnit, UnitSpec], keys: dict[BuildUnit, str],
                cache: Path, *, jobs: int | None = None, share: bool = True, split: bool = True,
                on_done: Callable[[UnitResult], None] = lambda result: None,
                processes: UnitProcesses | None = None) -> list[UnitResult]:
    """Build every unit, each in MkDocs processes of its own, up to ``jobs`` (default: the number of cores) at once,
    the largest first.

    With ``share``, a unit waits for the same locale's unit of the version listed before it, and takes the pages
    that are the same from those earlier versions' outputs instead of rendering them again. With ``split``, the
    units built from scratch that would otherwise end alone on a core (the smallest, as many as the cores do not
    divide) are shared out in one part per core (of at least MIN_PART_PAGES pages each). ``processes``: the
    MkDocs processes to take, some started ahead (by default, each started when its unit is to build)."""
    cache.mkdir(parents=True, exist_ok=True)
    units = list(units)
    workers = jobs or os.cpu_count() or 1
    processes = processes or UnitProcesses()
    after: dict[BuildUnit, BuildUnit | None] = {}
    last: dict[str, BuildUnit] = {}
    for unit in units:
        after[unit] = last.get(unit.locale) if share else None
        last[unit.locale] = unit
    sizes: dict[BuildUnit, tuple[int, int]] = {}  # worked out only for units to build (not on a no-change run)

    def size(unit: BuildUnit) -> tuple[int, int]:
        if unit not in sizes:
            sizes[unit] = _size(unit, specs[unit])
        return sizes[unit]

    parts = _parts(units, after, cache, workers, size) if split else dict.fromkeys(units, 1)
    outputs: dict[BuildUnit, Path] = {}
    results = []
    pending = list(units)
    tasks: list[tuple[float, int, _UnitBuild, Path]] = []  # a heap: the largest part first
    running: dict[Future[None], _UnitBuild] = {}
    counter = itertools.count()

    def done(result: UnitResult) -> None:
        outputs[result.unit] = result.output
        on_done(result)
        results.append(result)

    with ThreadPoolExecutor(max_workers=workers) as pool:

        def submit() -> None:
            while tasks and len(running) < workers:
                _, _, build, spec_file = heapq.heappop(tasks)
                running[pool.submit(processes.run, build.unit, spec_file)] = build

        while pending or tasks or running:
            for unit in [unit for unit in pending if after[unit] is None or after[unit] in outputs]:
                pending.remove(unit)
                build = _start(unit, specs[unit], keys[unit], cache, donors=_donors(unit, after, outputs),
                               parts=parts[unit])
                if isinstance(build, UnitResult):
                    done(build)
                    continue
                for spec_file in build.specs:  # (the counter keeps the order of equal sizes)
                    heapq.heappush(tasks, (-size(unit)[1] / len(build.specs), next(counter), build, spec_file))
            if not tasks and not running:
                continue  # a unit reused whole: its followers may be ready now
            submit()
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            complete = []
            for future in finished:
                build = running.pop(future)
                future.result()
                build.left -= 1
                if build.left == 0:
                    complete.append(build)
            submit()  # the cores go on while the finished units are put together
            for build in complete:
                done(_finish(build, cache))
    order = {unit: index for index, unit in enumerate(units)}
    return sorted(results, key=lambda result: order[result.unit])


def _parts(units: list[BuildUnit], after: dict[BuildUnit, BuildUnit | None], cache: Path, workers: int,
           size: Callable[[BuildUnit], tuple[int, int]]) -> dict[BuildUnit, int]:
    """How many parts each unit is built in: one per core for the units built from scratch that would end alone
    on a core (the smallest, as many as the cores do not divide), when large enough; one for the others."""
    parts = dict.fromkeys(units, 1)
    if workers > 1:
        fresh = sorted((unit for unit in units if after[unit] is None and _previous_output(unit, cache) is None),
                       key=lambda unit: size(unit)[1], reverse=True)
        for unit in fresh[len(fresh) - len(fresh) % workers:]:
            if size(unit)[0] >= workers * MIN_PART_PAGES:
                parts[unit] = workers
    return parts


def _size(unit: BuildUnit, spec: UnitSpec) -> tuple[int, int]:
    """How large the unit is, about: its pages (the default locale's Markdown files), and the bytes of those and
    of its locale's."""
    pages = size = 0
    for locale in dict.fromkeys((spec.default_locale, unit.locale)):
        folder = unit.tree / "docs" / locale
        for path in folder.rglob("*.md") if folder.is_dir() else ():
            pages += locale == spec.default_locale
            size += path.stat().st_size
    return pages, size


def _previous_output(unit: BuildUnit, cache: Path) -> Path | None:
    """The newest output an earlier build of the unit left (whose pages a new build takes where unchanged)."""
    return max((marker.parent for marker in cache.glob(f"{unit.version}-{unit.locale}-*/.complete")),
               key=lambda folder: (folder / ".complete").stat().st_mtime_ns, default=None)


def _donors(unit: BuildUnit, after: dict[BuildUnit, BuildUnit | None], outputs: dict[BuildUnit, Path]) -> list[Path]:
    """The outputs of the same locale in the versions before ``unit``'s, the nearest first."""
    donors = []
    earlier = after[unit]
    while earlier is not None:
        donors.append(outputs[earlier])
        earlier = after[earlier]
    return donors
