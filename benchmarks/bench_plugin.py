"""What the locdocs plugin costs a plain ``mkdocs build`` and a ``mkdocs serve`` rebuild, against MkDocs alone.

Writers run ``mkdocs serve`` (or ``mkdocs build``) while editing, not ``locdocs build``. This generates the corpus
layout site of ``benchmarks/bench_build.py`` (``--articles`` articles × 5 locales) and measures, in one run:

- ``build``: ``mkdocs build`` with Material and static-i18n alone (the plugin ``enabled: false``), and with the
  plugin; target: with ≤ 1.1 × without (issue "Speed at every scale");
- ``rebuild``: what ``mkdocs serve`` does after an edit: in one process that has built the site once, one Swedish
  article changes and the site is built again, with a second thread running as serve's server does (so the
  plugin's check cannot run in a forked process and runs in the build); target: about MkDocs' own time.

Each is run ``--repeat`` times (default 3), alternating, and the fastest run counts: on a shared machine one
build's time varies by a fifth from run to run. Run from the repository root:
``.venv/bin/python benchmarks/bench_plugin.py [--articles 300] [--repeat 3] [--workdir DIR]``.
The exit code is 0 whatever the result: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from pathlib import Path

from bench_build import ENV, generate, machine, timed, verdict, work_folder


def rebuild_time(repo: Path, config_file: str) -> float:
    """Seconds of the second build of a process that built the site, after one sv article changed (as serve)."""
    script = f"""
import logging, sys, threading, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
server = threading.Event()
threading.Thread(target=server.wait, daemon=True).start()  # mkdocs serve's server thread
def once():
    config = load_config({config_file!r}, site_dir={str(repo / "site-rebuild")!r})
    config.plugins.on_startup(command="serve", dirty=False)
    started = time.perf_counter()
    build(config, serve_url=None)
    return time.perf_counter() - started
once()
articles = sorted(Path("docs/sv").rglob("*.md"))
changed = articles[len(articles) // 2]
changed.write_text(changed.read_text("utf-8") + "\\n<!-- edited by the benchmark -->\\n", encoding="utf-8")
print(once())
changed.write_text(changed.read_text("utf-8").replace("\\n<!-- edited by the benchmark -->\\n", ""), "utf-8")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=repo, env=ENV, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        sys.exit(f"the rebuild with {config_file} failed:\n{done.stderr[-3000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating; the fastest counts")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with work_folder(args.workdir, "bench_plugin") as work:
        run(work, args.articles, args.repeat)
    return 0


def run(work: Path, articles: int, repeat: int) -> None:
    repo = work / "repo"
    print(f"generating {articles} articles × 5 locales (corpus) in {repo} ...", flush=True)
    generate(repo, articles, "corpus")
    python = sys.executable
    builds: dict[str, list[float]] = {"stock": [], "plugin": [], "stock rebuild": [], "plugin rebuild": []}
    for number in range(repeat):  # alternating, so that a slow moment of the machine hits both alike
        builds["stock"].append(timed([python, "-m", "mkdocs", "build", "-f", "mkdocs-stock.yml", "--site-dir",
                                      str(work / "a")], repo)[0])
        builds["plugin"].append(timed([python, "-m", "mkdocs", "build", "--site-dir", str(work / "b")], repo)[0])
        builds["stock rebuild"].append(rebuild_time(repo, "mkdocs-stock.yml"))
        builds["plugin rebuild"].append(rebuild_time(repo, "mkdocs.yml"))
        print(f"run {number + 1}: " + ", ".join(f"{name} {times[-1]:.1f} s" for name, times in builds.items()),
              flush=True)
    stock, plugin = min(builds["stock"]), min(builds["plugin"])
    stock_rebuild, plugin_rebuild = min(builds["stock rebuild"]), min(builds["plugin rebuild"])
    print(f"mkdocs build, MkDocs alone:        {stock:7.1f} s")
    print(f"mkdocs build, with locdocs:        {plugin:7.1f} s")
    print(f"serve rebuild, MkDocs alone:       {stock_rebuild:7.1f} s")
    print(f"serve rebuild, with locdocs:       {plugin_rebuild:7.1f} s")
    print()
    print(f"build, with / without:        {verdict(plugin / stock, 1.10)}")
    print(f"serve rebuild, with / without:{verdict(plugin_rebuild / stock_rebuild, 1.10)}")
    print(f"machine: {machine()}, {len(os.sched_getaffinity(0))} cores, threads here: {threading.active_count()}")


if __name__ == "__main__":
    raise SystemExit(main())
