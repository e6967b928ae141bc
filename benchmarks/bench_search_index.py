"""How long does building the search index take, with Material's parser and with the plugin's (site/search_index.py)?

It generates a site of ``--articles`` real articles × 5 locales (``corpus.py``; or takes ``--repo``, one made
before) and builds it twice with ``mkdocs build`` and the locdocs plugin, each in a process of its own: with
Material's index (``LOCDOCS_SEARCH_INDEX=material``) and with ours, timing the build and the search plugin's
``on_page_context`` (the page's sections and entries, and the removal of ``data-search-*`` attributes from the
page). The first build also keeps every page as the search plugin saw it (HTML, table of contents, URL, front
matter); then, in one process, the same pages are indexed by Material's ``SearchIndex`` and by ``FastSearchIndex``,
alternately, best of ``--repeat``: the whole of ``add_entry_from_context``, and the division into sections alone
(Material's ``Parser`` against ``page_sections``). The two indexes' entries must be equal.

Target (issue "Speed at every scale"): the search index built without a second parse of every page, the same
index. Run from the repository root: ``.venv/bin/python benchmarks/bench_search_index.py [--articles 200]
[--repo DIR] [--workdir DIR] [--repeat 3]``. The exit code is 0 whatever the timings (1 if the entries differ).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import corpus
from bench_build import machine

from locdocs.site.search_index import ENVIRONMENT, FastSearchIndex, Unsupported, page_sections

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_worker(repo: Path, site_dir: Path, record: Path | None) -> None:
    """``mkdocs build`` in this process with the search plugin's on_page_context timed (and each page recorded):
    prints ``{"build": s, "search": s, "pages": n}``."""
    from material.plugins.search import plugin as search_plugin
    from mkdocs.__main__ import cli

    spent = [0.0]
    pages = [0]
    on_page_context = search_plugin.SearchPlugin.on_page_context
    recording = record.open("wb") if record is not None else None

    def timed(self: Any, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        pages[0] += 1
        if recording is not None:  # written at once: the build's heap (and its garbage collections) stay as they are
            pickle.dump(SimpleNamespace(content=page.content, toc=page.toc, url=page.url, meta=dict(page.meta),
                                        title=page.title), recording)
        started = time.perf_counter()
        result = on_page_context(self, context, page=page, config=config, nav=nav)
        spent[0] += time.perf_counter() - started
        return result

    search_plugin.SearchPlugin.on_page_context = timed  # measurement only: the hook as it is, with a clock around it
    os.chdir(repo)
    started = time.perf_counter()
    cli(["build", "-q", "--site-dir", str(site_dir)], standalone_mode=False)
    seconds = time.perf_counter() - started
    if recording is not None:
        recording.close()
    print(json.dumps({"build": seconds, "search": spent[0], "pages": pages[0]}))


def timed_build(repo: Path, site_dir: Path, material: bool, record: Path | None = None) -> dict:
    env = {**ENV, ENVIRONMENT: "material"} if material else {k: v for k, v in ENV.items() if k != ENVIRONMENT}
    command = [sys.executable, __file__, "--build-worker", str(repo), str(site_dir)]
    if record is not None:
        command.append(str(record))
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_of(repeat: int, runs: dict) -> dict[str, float]:
    """Each function's best time over ``repeat`` alternating rounds."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def sections_or_none(html: str) -> list | None:
    """Our sections of a page, or None where Material's parser reads it (the page's fallback)."""
    try:
        return page_sections(html)
    except Unsupported:
        return None


def index_timings(pages: list, repeat: int) -> tuple[dict[str, float], bool, int]:
    """The best times of Material's and our indexing of the same pages, whether their entries are equal, and how
    many entries there are."""
    from material.plugins.search.plugin import Parser, SearchIndex

    config = {"lang": ["en"], "separator": r"[\s\u200b\-]+", "pipeline": [], "fields": {}}
    indexes: dict[str, SearchIndex] = {}

    def index_with(index_class: type) -> None:
        index = indexes[index_class.__name__] = index_class(**config)
        for page in pages:
            index.add_entry_from_context(page)

    def material_sections() -> None:
        for page in pages:
            parser = Parser()
            parser.feed(page.content)
            parser.close()

    def our_sections() -> None:
        for page in pages:
            sections_or_none(page.content)

    index_with(SearchIndex)  # loads jieba's dictionary, outside the timings
    best = best_of(repeat, {"material": lambda: index_with(SearchIndex),
                            "ours": lambda: index_with(FastSearchIndex),
                            "material sections": material_sections, "our sections": our_sections})
    entries = indexes["FastSearchIndex"].entries
    return best, indexes["SearchIndex"].entries == entries, len(entries)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--build-worker":
        build_worker(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]) if len(sys.argv) > 4 else None)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repo", type=Path, help="a site corpus.py generated before")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_search.")) if args.workdir is None else args.workdir
    work.mkdir(parents=True, exist_ok=True)
    repo = args.repo
    if repo is None:
        repo = work / "repo"
        print(f"generating {args.articles} articles × 5 locales in {repo} ...", flush=True)
        corpus.generate(repo, args.articles)
    record = work / "pages.pickle"
    print("building with Material's search index, then with ours ...", flush=True)
    before = timed_build(repo.resolve(), work / "site-material", material=True, record=record)
    after = timed_build(repo.resolve(), work / "site-ours", material=False)
    pages = []
    with record.open("rb") as recorded:
        while recorded.peek(1):
            pages.append(pickle.load(recorded))
    identical = all((work / "site-material" / path.relative_to(work / "site-ours")).read_bytes() == path.read_bytes()
                    for path in (work / "site-ours").rglob("search_index.json"))

    best, equal, entries = index_timings(pages, args.repeat)
    fallback = sum(sections_or_none(page.content) is None for page in pages)
    count = len(pages)
    size = sum(len(page.content) for page in pages) / count

    def per_page(seconds: float, pages: int = count) -> str:
        return f"{seconds / pages * 1000:7.2f} ms/page"

    print()
    print(f"{count} pages (HTML {size / 1000:.1f} kB on average; {fallback} read by Material's parser), "
          f"{entries} entries, best of {args.repeat}:")
    print(f"  add_entry_from_context  Material {per_page(best['material'])}   ours {per_page(best['ours'])}   "
          f"ratio {best['material'] / best['ours']:5.2f}×")
    print(f"  sections only           Material {per_page(best['material sections'])}   ours "
          f"{per_page(best['our sections'])}   ratio {best['material sections'] / best['our sections']:5.2f}×")
    print(f"  entries equal: {'yes' if equal else 'NO'}; search_index.json files of the two builds identical: "
          f"{'yes' if identical else 'NO'}")
    print("mkdocs build, search plugin's on_page_context (sections, entries, attribute removal) in the build:")
    for name, run in (("Material's index", before), ("ours", after)):
        print(f"  {name:16}  build {run['build']:6.1f} s   on_page_context {run['search']:5.2f} s = "
              f"{per_page(run['search'], run['pages'])}, {run['search'] / run['build']:5.1%} of the build")
    print(f"machine: {machine()}")
    return 0 if equal and identical else 1


if __name__ == "__main__":
    sys.exit(main())
