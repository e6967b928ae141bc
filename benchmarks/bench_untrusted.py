"""What does treating translations as untrusted cost?

Two measurements, each against a baseline measured in the same run:

- ``check``: ``run_check`` (in this process) of a site whose one translation is a 1 MB hostile article, for each
  shape of hostile Markdown known to make a parser take quadratic time or recurse per level (unclosed tags, open
  links, nesting…), against the same site with a 1 MB ordinary translation (the baseline). Target (issue
  "Translations are untrusted input"): every hostile article checked in about 1 s or less.
- ``sanitizer share``: a real ``mkdocs build`` (in this process, the locdocs plugin on) of a site of ``--articles``
  generated articles (``benchmarks/corpus.py``) in 5 locales, with the time spent in the page sanitizer summed:
  its share of the whole build. Target: ≤ 10 % at 1,000 articles.

Run from the repository root: ``.venv/bin/python benchmarks/bench_untrusted.py [--articles 1000] [--workdir DIR]``.
The exit code is 0 whatever the result: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import corpus
from bench_build import machine

from locdocs.check import run_check
from locdocs.config import load_config
from locdocs.site.page import PageSanitizer

MEGABYTE = 1024 * 1024
HOSTILE = {
    "unclosed tags": "<a " * (MEGABYTE // 3),
    "unclosed quoted tags": '<a x="' * (MEGABYTE // 6),
    "open links": "[a](" * (MEGABYTE // 4),
    "open brackets": "[" * MEGABYTE,
    "nested divs": "<div>" * (MEGABYTE // 5),
    "nested quotes": ">" * (MEGABYTE // 2) + " x",
    "nested lists": "".join("  " * level + "- x\n" for level in range(700)),
    "event handlers": '<a href="javascript:x" onclick="y">z</a>\n' * (MEGABYTE // 40),
    "attribute lists": "Text {: onclick=x }\n\n" * (MEGABYTE // 21),
    "comments": "<!--" * (MEGABYTE // 4),
}
ORDINARY = ("Ett vanligt stycke text med en [länk](other.md) och *betoning*, som i en riktig översättning.\n\n"
            * (MEGABYTE // 100))
MKDOCS_YML = """site_name: bench
docs_dir: docs
markdown_extensions: [toc, attr_list, tables, md_in_html, admonition]
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, default: true, name: English}
        - {locale: sv, name: Svenska}
  - locdocs
"""


def check_seconds(site: Path, translation: str) -> tuple[float, int]:
    """Seconds to check a site whose Swedish article is ``translation``, and the number of findings."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "docs" / "en").mkdir(parents=True)
    (site / "docs" / "sv").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (site / "docs" / "en" / "a.md").write_text("---\ntitle: A\n---\n# A\n\nText with a [link](other.md).\n", "utf-8")
    (site / "docs" / "sv" / "a.md").write_text("---\ntitle: A\nms.contentlocale: sv-se\nms.translationtype: HT\n"
                                               f"---\n# A\n\n{translation}\n", "utf-8")
    start = time.perf_counter()
    findings = run_check(load_config(site / "mkdocs.yml"))
    return time.perf_counter() - start, len(findings)


def sanitizer_share(workdir: Path, articles: int) -> tuple[float, float]:
    """(build seconds, of which in the sanitizer) of a plain ``mkdocs build`` of a generated site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as load_mkdocs_config

    repo = workdir / "site-repo"
    shutil.rmtree(repo, ignore_errors=True)
    corpus.generate(repo, articles)
    spent = [0.0]
    call = PageSanitizer.__call__

    def timed(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return call(self, *args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    PageSanitizer.__call__ = timed  # type: ignore[method-assign]
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        config = load_mkdocs_config(str(repo / "mkdocs.yml"), site_dir=str(workdir / "site-out"))
        start = time.perf_counter()
        build(config)
        total = time.perf_counter() - start
    finally:
        os.chdir(cwd)
        PageSanitizer.__call__ = call  # type: ignore[method-assign]
    return total, spent[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles of the generated site (default 1000)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the generated files here")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-untrusted-"))
    print(machine())
    baseline, _ = check_seconds(workdir / "check", ORDINARY)
    print(f"check of a 1 MB ordinary translation (baseline): {baseline:.2f} s")
    print(f"{'1 MB hostile translation':28} {'seconds':>8} {'× baseline':>11} {'findings':>9}")
    for name, text in HOSTILE.items():
        seconds, findings = check_seconds(workdir / "check", text)
        print(f"{name:28} {seconds:8.2f} {seconds / baseline:11.2f} {findings:9}", flush=True)
    total, spent = sanitizer_share(workdir, args.articles)
    print(f"mkdocs build of {args.articles} articles × 5 locales: {total:.1f} s, of which the sanitizer "
          f"{spent:.1f} s: {spent / total:.1%} of the build")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
