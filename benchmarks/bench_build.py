"""How fast is the versioned, per-unit build compared with one mkdocs + static-i18n process?

It generates a site of ``--articles`` articles (default 1,000) in 5 locales, as a git repository with one version,
in one of two layouts:

- ``corpus`` (default): the real articles of ``benchmarks/corpus.py`` (the shared corpus and the seed, with their
  real handoffs ingested), in sections of about 56 articles;
- ``flat``: copies of the seed article in every locale, all in one folder: the worst case for the theme, whose
  sidebar then lists every article on every page.

and measures, in the same run:

- ``one process``: ``mkdocs build`` of that site with the locdocs plugin turned off (``enabled: false``): Material
  and static-i18n alone, which build the locales one after the other. The baseline;
- ``one process, locdocs``: the same with the locdocs plugin on (its features, and its sidebar drawn once per group
  of sibling pages), for reference: how much of the gain is the sidebar, how much the units;
- ``full``: ``locdocs build --no-publish`` from a cold cache (one unit per locale, in parallel on every core);
- ``one sv article``: the same after one Swedish article changed (only the sv unit is rebuilt, and in it only
  the pages whose inputs changed);
- ``no change``: the same again with nothing changed (every unit reused);
- search index bytes: each locale's index of the full build against static-i18n's one combined index;
- ``three versions``: the same site with three versions (``corpus.add_versions``: the two older ones show an
  earlier revision of 2 % and 4 % of the English articles), from a cold cache, against the one-version ``full``.

Targets (issues "Versioned publishing", "Scale, speed and robustness" and "Speed at every scale"): full ≤ 0.2 ×
one process; one sv article ≤ 5 % of full; no change ≤ 2 %; each locale's search index ≤ 30 % of the combined
one; three versions ≤ 1.4 × full.
Run from the repository root: ``.venv/bin/python benchmarks/bench_build.py [--articles 1000] [--layout corpus]
[--workdir DIR]``. The exit code is 0 whatever the result: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import corpus
import yaml

from locdocs.plugin.page_reuse import reuse_counts
from locdocs.publish.versions import load_versions

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path("billing/billing-azure-subscription-past-due-balance.md")
LOCALES = ("en", "sv", "nl", "fr", "zh")
# Python as it runs by default, keeping compiled modules: where PYTHONDONTWRITEBYTECODE is set (as on the machine
# these were tuned on), every command would compile locdocs again at its start, which a user's never does.
ENV = {**{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost",
       "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@localhost"}


def generate(repo: Path, articles: int, layout: str) -> None:
    """A copy of the repository with ``articles`` articles in every locale, one version, and mkdocs-stock.yml."""
    if layout == "corpus":
        corpus.generate(repo, articles)
    else:
        _flat(repo, articles)
    config = corpus.load_site_config(repo / "mkdocs.yml")
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "locdocs" in entry:
            entry["locdocs"] = {**(entry["locdocs"] or {}), "enabled": False}
    (repo / "mkdocs-stock.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=ENV, capture_output=True)
    subprocess.run(["git", "commit", "-qm", "benchmark baseline"], cwd=repo, check=True, env=ENV, capture_output=True)


def _flat(repo: Path, articles: int) -> None:
    shutil.copytree(ROOT, repo, symlinks=True, ignore=corpus.IGNORED)
    for locale in LOCALES:
        source = repo / "docs" / locale / ARTICLE
        text = source.read_bytes()
        for number in range(articles - 1):
            (source.parent / f"article-{number:04d}.md").write_bytes(text)
        xliff = repo / "l10n" / locale / (str(ARTICLE) + ".xlf")
        if xliff.is_file():
            for number in range(articles - 1):
                shutil.copyfile(xliff, xliff.parent / f"article-{number:04d}.md.xlf")
    corpus.configure(repo)


def search_index_sizes(one_process: Path, version: Path) -> tuple[int, dict[str, int]]:
    """static-i18n's combined index, and each locale's index of the locdocs build."""
    combined = (one_process / "search" / "search_index.json").stat().st_size
    return combined, {locale: (version / ("" if locale == "en" else locale) / "search" / "search_index.json")
                      .stat().st_size for locale in LOCALES}


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return seconds, done.stderr


def cpu_times() -> list[tuple[int, int]]:
    """Per core, (busy, total) jiffies since boot, from /proc/stat (empty where there is none)."""
    times = []
    with contextlib.suppress(OSError):
        for line in Path("/proc/stat").read_text().splitlines():
            name, *fields = line.split()
            if name.startswith("cpu") and name != "cpu":
                user, nice, system, idle, iowait, irq, softirq, steal = (int(value) for value in fields[:8])
                busy = user + nice + system + irq + softirq + steal
                times.append((busy, busy + idle + iowait))
    return times


def busy_shares(before: list[tuple[int, int]], after: list[tuple[int, int]]) -> list[float]:
    """Each core's busy share of the time between two ``cpu_times()``."""
    return [(busy - busy0) / max(1, total - total0)
            for (busy0, total0), (busy, total) in zip(before, after, strict=True)]


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores {cpu}".strip()


@contextlib.contextmanager
def work_folder(workdir: Path | None, name: str) -> Iterator[Path]:
    """A benchmark's work folder, whose ``repo`` it generates: ``workdir`` (kept, its ``repo`` removed first), else
    a temporary folder, removed when the benchmark ends well (one that failed is left to look at)."""
    work = Path(tempfile.mkdtemp(prefix=f"{name}.")) if workdir is None else workdir
    work.mkdir(parents=True, exist_ok=True)
    if (work / "repo").exists():
        shutil.rmtree(work / "repo")
    yield work
    if workdir is None:
        shutil.rmtree(work, ignore_errors=True)


def verdict(ratio: float, target: float) -> str:
    """A ratio against its target (at most), as every benchmark prints it."""
    return f"{ratio:6.2f}   target <= {target:.2f}  {'PASS' if ratio <= target else 'MISS'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--layout", choices=("corpus", "flat"), default="corpus")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the one-process builds (hours at 5,000 articles): locdocs build alone")
    args = parser.parse_args()
    with work_folder(args.workdir, "bench_build") as work:
        run(work, args.articles, args.layout, baseline=not args.no_baseline)
    return 0


def run(work: Path, articles: int, layout: str, *, baseline: bool = True) -> None:
    repo = work / "repo"
    print(f"generating {articles} articles × {len(LOCALES)} locales ({layout}) in {repo} ...", flush=True)
    generate(repo, articles, layout)
    python = sys.executable
    one_process = with_plugin = 0.0
    if baseline:
        one_process, _ = timed([python, "-m", "mkdocs", "build", "-f", "mkdocs-stock.yml", "--site-dir",
                                str(work / "one-process")], repo)
        print(f"one process (mkdocs + static-i18n): {one_process:7.1f} s", flush=True)
        with_plugin, _ = timed([python, "-m", "mkdocs", "build", "--site-dir", str(work / "one-process-locdocs")],
                               repo)
        print(f"one process, locdocs plugin:       {with_plugin:7.1f} s", flush=True)
    before = cpu_times()
    full, log = timed([python, "-m", "locdocs", "build", "--no-publish"], repo)
    shares = busy_shares(before, cpu_times())
    print(f"full parallel build:               {full:7.1f} s   ({log.strip().splitlines()[-1]})", flush=True)
    if shares:  # the whole machine's, during the build: what else runs counts too
        print("  busy share per core: " + ", ".join(f"cpu{n} {share:.0%}" for n, share in enumerate(shares))
              + f"   least busy {min(shares):.2f}   target >= 0.90  {'PASS' if min(shares) >= 0.90 else 'MISS'}",
              flush=True)
    version = load_versions(repo / "versions.yml").versions[0].name
    if baseline:
        combined, per_locale = search_index_sizes(work / "one-process",
                                                  repo / ".cache" / "build" / "versions" / version)
    changed = sorted((repo / "docs" / "sv").rglob("*.md"))[len(list((repo / "docs" / "sv").rglob("*.md"))) // 2]
    changed.write_text(changed.read_text("utf-8") + "\n<!-- edited by the benchmark -->\n", encoding="utf-8")
    one_article, log = timed([python, "-m", "locdocs", "build", "--no-publish"], repo)
    rebuilt = re.findall(r"^built (.*)$", log, re.MULTILINE)
    print(f"rebuild, one sv article changed:   {one_article:7.1f} s   (rebuilt: {', '.join(rebuilt)})", flush=True)
    unchanged, log = timed([python, "-m", "locdocs", "build", "--no-publish"], repo)
    print(f"rebuild, nothing changed:          {unchanged:7.1f} s   ({log.strip().splitlines()[-1]})", flush=True)
    changed_articles = corpus.add_versions(repo, changed=(max(1, articles // 50), max(2, articles // 25)))
    shutil.rmtree(repo / ".cache" / "build")
    versions, _ = timed([python, "-m", "locdocs", "build", "--no-publish"], repo)
    older = [reuse_counts(unit) for unit in (repo / ".cache" / "build" / "units").glob("v[12]-*") if unit.is_dir()]
    shared = sum(count for count, _ in older) / max(1, sum(pages for _, pages in older))
    print(f"three versions, cold:              {versions:7.1f} s   ({len(changed_articles)} articles differ; "
          f"older versions' pages taken from a newer one: {shared:.0%})", flush=True)
    print()
    if baseline:
        print(f"full / one process:           {verdict(full / one_process, 0.20)}")
        print(f"full / one process, locdocs:  {full / with_plugin:6.2f}   (reference)")
    print(f"one sv article / full:        {verdict(one_article / full, 0.05)}")
    print(f"nothing changed / full:       {verdict(unchanged / full, 0.02)}")
    print(f"three versions / full:        {verdict(versions / full, 1.40)}")
    if baseline:
        print(f"search index, one locale / static-i18n's combined ({combined:,} bytes):")
        for locale, size in per_locale.items():
            print(f"  {locale}: {size:12,} bytes  {verdict(size / combined, 0.30)}")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    raise SystemExit(main())
