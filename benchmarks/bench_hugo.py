"""How far is ``locdocs build`` from a compiled generator? Hugo's time for the same pages, next to ours.

It generates the ``corpus`` site of ``bench_build.py`` (``--articles`` real articles, default 1,000, in 5 locales:
``docs/en``, ``docs/sv``, ``docs/nl``, ``docs/fr``, ``docs/zh``) and measures, in the same run:

- ``locdocs``: ``locdocs build --no-publish`` from a cold cache (``.cache/build`` removed first; one unit per
  locale, in parallel on every core), as ``bench_build.py``'s "full parallel build";
- ``hugo``: ``hugo --quiet --destination DIR`` of the same pages as a Hugo site written by this script, cold (a new
  destination, a new ``--cacheDir`` and no ``resources/`` folder for each run), best of 2 runs;

and counts the HTML files each wrote, so that the comparison is of the same pages. It needs ``hugo`` on PATH (the
Debian package: ``apt-get install hugo``, 0.111.3 on bookworm); without it, it says so and measures ours alone.

The Hugo site (``hugo/`` in the work folder):

- Hugo's multilingual mode with one content folder per language (``languages.en.contentDir = "content/en"``…,
  ``defaultContentLanguageInSubdir = false``, as the locdocs site: English at the root, ``/sv/``… for the others),
  ``disablePathToLower`` (the same URLs as MkDocs', which keeps the case), Goldmark with ``unsafe = true`` (the
  articles hold HTML);
- ``content/<locale>/`` holds every Markdown file of ``docs/<locale>/`` as is, and, where a locale has no
  translation of an English page, the English file, as locdocs renders the English page in that locale's site
  (static-i18n's ``fallback_to_default``): so each language has the same pages as ours;
- fix-ups, only where Hugo would otherwise not build the same pages: ``index.md`` becomes ``_index.md`` (in Hugo an
  ``index.md`` makes its folder a leaf bundle whose other pages are no pages at all; ``_index.md`` makes it a
  section, as a folder with an ``index.md`` is in MkDocs' navigation); ``FIXES`` lists the changes to the files,
  each with the reason (the articles' YAML front matter is otherwise kept byte for byte);
- a minimal theme written by this script (``themes/bench``): ``baseof.html`` (head, header, a language switcher
  linking every translation of the page, a sidebar, the content, a table of contents), ``single.html`` and
  ``list.html`` (title and content; a list page also lists its section's pages), ``404.html``, and a heading render
  hook adding a permalink anchor (MkDocs' ``toc: permalink``). The sidebar lists the top-level sections, the
  page's ancestor sections, the sub-sections of the page's section and the pages of the page's own folder, the
  current one marked: roughly what Material's navigation with ``navigation.prune`` draws; drawn anew for every
  page (no ``partialCached``), as Material does (the locdocs plugin draws it once per group of sibling pages);
- taxonomies and RSS off (the MkDocs site has neither); the sitemap on (it has one); code fences not highlighted
  (the MkDocs site has no highlighting extension).

What the Hugo site does not do that ``locdocs build`` does: Material's full theme (its templates, icons, CSS and
JavaScript assets, the header, tabs, footer, the page metadata), the search index (each locale's
``search_index.json``, with jieba for Chinese), the locdocs plugin (translation status banners and the
translation-status page, the checks and the HTML sanitizer for translations, the per-unit cache), MkDocs'
Markdown extensions (admonitions, ``attr_list``, ``md_in_html``: Goldmark renders their syntax as text) and link
validation; nor does it copy the site's other files. Hugo does less, so the ratio overstates a like-for-like gap:
it says how far our build is from a compiled generator doing the core of the same work on the same pages.

Run from the repository root: ``.venv/bin/python benchmarks/bench_hugo.py [--articles 1000] [--workdir DIR]``.
The exit code is 0 whatever the result: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench_build import ENV, LOCALES, generate, machine, work_folder

from locdocs.publish.versions import load_versions

RUNS = 2
INSTALL = ("hugo is not on PATH: only locdocs build is measured. To compare, install Hugo "
           "(Debian: apt-get install hugo, 0.111.3 on bookworm) and run this again.")
LANGUAGE_NAMES = {"en": "English", "sv": "Svenska", "nl": "Nederlands", "fr": "Français", "zh": "中文"}
FIXES = {
    "no front matter, a list first": "a file without front matter whose text starts with '-' (a list) gets an "
                                     "empty front matter: Hugo reads a leading '-' as a YAML delimiter and refuses "
                                     "the file",
}
"""What ``for_hugo`` changes, and why Hugo needs it."""

CONFIG = """\
baseURL = "http://localhost/"
title = "locdocs benchmark"
theme = "bench"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = false
disablePathToLower = true
pluralizeListTitles = false
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = true

[markup.highlight]
codeFences = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

BASEOF = """\
<!doctype html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<title>{{ with .Title }}{{ . }} - {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="languages"><ul>
{{ range .AllTranslations }}<li{{ if eq .Lang $.Lang }} class="active"{{ end }}>\
<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a></li>
{{ end }}</ul></nav>
</header>
<nav class="sidebar">
<ul class="top">
{{ range site.Sections }}<li{{ if $.IsDescendant . }} class="active"{{ end }}>\
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
<ol class="ancestors">
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ol>
{{ with .CurrentSection }}<ul class="sections">
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
<ul class="pages">
{{ $dir := "" }}{{ with $.File }}{{ $dir = .Dir }}{{ end }}\
{{ range .RegularPages }}{{ if eq .File.Dir $dir }}<li{{ if eq . $ }} class="active"{{ end }}>\
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}{{ end }}</ul>
{{ end }}</nav>
<main>
{{ block "main" . }}{{ end }}
</main>
<nav class="toc">{{ .TableOfContents }}</nav>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>
</article>{{ end }}
"""

NOT_FOUND = """\
{{ define "main" }}<h1>404</h1>{{ end }}
"""

HEADING = """\
<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }}\
<a class="headerlink" href="#{{ .Anchor | safeURL }}">&para;</a></h{{ .Level }}>
"""


def hugo_site(repo: Path, site: Path) -> tuple[dict[str, int], Counter[str]]:
    """Write the Hugo project for the site of ``repo`` into ``site``; return how many English pages each locale
    got in place of a missing translation, and how many files each of ``FIXES`` changed."""
    if site.exists():
        shutil.rmtree(site)
    config = [CONFIG]
    for weight, locale in enumerate(LOCALES, 1):
        config.append(f'\n[languages.{locale}]\ncontentDir = "content/{locale}"\n'
                      f'languageName = "{LANGUAGE_NAMES[locale]}"\nweight = {weight}\n')
    site.mkdir(parents=True)
    (site / "hugo.toml").write_text("".join(config), "utf-8")
    layouts = site / "themes" / "bench" / "layouts"
    for name, text in {"_default/baseof.html": BASEOF, "_default/single.html": SINGLE, "_default/list.html": LIST,
                       "404.html": NOT_FOUND, "_default/_markup/render-heading.html": HEADING}.items():
        (layouts / name).parent.mkdir(parents=True, exist_ok=True)
        (layouts / name).write_text(text, "utf-8")
    english = sorted(path.relative_to(repo / "docs" / "en") for path in (repo / "docs" / "en").rglob("*.md"))
    fallbacks = dict.fromkeys(LOCALES, 0)
    fixes: Counter[str] = Counter()
    for locale in LOCALES:
        for rel in english:
            source = repo / "docs" / locale / rel
            if not source.is_file():
                source = repo / "docs" / "en" / rel
                fallbacks[locale] += 1
            target = site / "content" / locale / (rel.with_name("_index.md") if rel.name == "index.md" else rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(for_hugo(source.read_bytes(), fixes))
    return fallbacks, fixes


def for_hugo(text: bytes, fixes: Counter[str]) -> bytes:
    """The Markdown file as Hugo will build it: as is, but for ``FIXES`` (each counted in ``fixes``)."""
    start = text.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"-") and not re.match(rb"---[ \t]*\r?\n", start):
        fixes["no front matter, a list first"] += 1
        return b"---\n---\n" + text
    return text


def html_files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.html")}


def examples(paths: set[str]) -> str:
    """A few of ``paths``, the shortest first (the pages of a kind, rather than articles)."""
    shown = sorted(paths, key=lambda path: (len(path), path))[:6]
    return ", ".join(shown) + (", …" if len(paths) > len(shown) else "")


def run(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{(done.stderr or done.stdout)[-3000:]}")
    return seconds


def hugo_build(hugo: str, site: Path, destination: Path, cache: Path) -> float:
    """One cold Hugo build: no destination, no resources folder, a new cache folder."""
    for folder in (destination, cache, site / "resources"):
        shutil.rmtree(folder, ignore_errors=True)
    return run([hugo, "--quiet", "--destination", str(destination), "--cacheDir", str(cache)], site)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    hugo = shutil.which("hugo")
    if hugo is None:
        print(INSTALL, flush=True)
    with work_folder(args.workdir, "bench_hugo") as work:
        measure(work, args.articles, hugo)
    return 0


def measure(work: Path, articles: int, hugo: str | None) -> None:
    repo = work / "repo"
    print(f"generating {articles} articles × {len(LOCALES)} locales (corpus) in {repo} ...", flush=True)
    generate(repo, articles, "corpus")
    markdown = {locale: sum(1 for _ in (repo / "docs" / locale).rglob("*.md")) for locale in LOCALES}
    print("Markdown files: " + ", ".join(f"{locale} {count:,}" for locale, count in markdown.items()), flush=True)

    shutil.rmtree(repo / ".cache" / "build", ignore_errors=True)
    ours = run([sys.executable, "-m", "locdocs", "build", "--no-publish"], repo)
    version = load_versions(repo / "versions.yml").versions[0].name
    our_pages = html_files(repo / ".cache" / "build" / "versions" / version)
    print(f"locdocs build --no-publish, cold: {ours:7.1f} s   {len(our_pages):,} HTML files", flush=True)

    if hugo is not None:
        compare(hugo, work, repo, ours, our_pages)
    else:
        print(INSTALL)
    print(f"machine: {machine()}")


def compare(hugo: str, work: Path, repo: Path, ours: float, our_pages: set[str]) -> None:
    """Build the same pages with Hugo, and print both."""
    version_line = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.strip()
    fallbacks, fixes = hugo_site(repo, work / "hugo")
    print("Hugo site: English in place of a missing translation: "
          + ", ".join(f"{locale} {count:,}" for locale, count in fallbacks.items() if locale != "en"), flush=True)
    for fix, count in fixes.items():
        print(f"fix-up, {count:,} files: {FIXES[fix]}")
    times = []
    for number in range(RUNS):
        times.append(hugo_build(hugo, work / "hugo", work / "hugo-public", work / "hugo-cache"))
        print(f"hugo, cold, run {number + 1}:            {times[-1]:7.2f} s", flush=True)
    hugo_pages = html_files(work / "hugo-public")
    best = min(times)
    print()
    print(f"{version_line}")
    print(f"locdocs build, cold:         {ours:7.1f} s   {len(our_pages):,} HTML files")
    print(f"hugo, cold (best of {RUNS}):     {best:7.2f} s   {len(hugo_pages):,} HTML files")
    print(f"  the same path in both: {len(our_pages & hugo_pages):,}; only ours: {len(our_pages - hugo_pages):,} "
          f"({examples(our_pages - hugo_pages)}); only Hugo's: {len(hugo_pages - our_pages):,} "
          f"({examples(hugo_pages - our_pages)})")
    print(f"locdocs / hugo:              {ours / best:7.1f}×")


if __name__ == "__main__":
    raise SystemExit(main())
