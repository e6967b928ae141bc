"""A site of real articles at scale: N English articles with their real handoffs in sv, nl, fr and zh.

The articles are the shared corpus's 55 English originals (Contribute, Console-Docs, NuGet, customer-insights)
and the seed article, each with the raw span-markup handoffs that exist for it (``*__live-sxs``, mapped to the
site's locales: sv-se -> sv, nl-nl -> nl, fr-fr -> fr, zh-cn and zh-tw -> zh; the seeds' newest handoff per
locale). They are copied round after round (``docs/en/<set>/part-NNN/<path>``) until there are N, so the shares
stay the real ones: which locales have a translation, which translations are stale (their ms.openlocfilehash is
not the English file's) and how much of them is still in English.

The result is a copy of this repository with the generated articles added: English in ``docs/en/``, the raw
handoffs in ``content/generated/<locale>/``, ingested (normalized, with XLIFF) into ``docs/<locale>/`` and
``l10n/<locale>/``, a versions.yml with one version, committed to git. Relative links and images of the articles
point at files of their original repositories that are not part of the corpus: the generated mkdocs.yml reports
them at info level rather than failing a --strict build.

    .venv/bin/python benchmarks/corpus.py TARGET [--articles 1000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from locdocs.config import RULES
from locdocs.errors import LocdocsError
from locdocs.history import matches
from locdocs.ingest import plan_ingest, write_plan
from locdocs.layout import Layout
from locdocs.publish.versions import choose_handoffs, english_history, load_handoffs

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LOCDOCS_SHARED", ROOT.parent / "shared"))
SITE_LOCALES = {"sv-se": "sv", "nl-nl": "nl", "fr-fr": "fr", "zh-cn": "zh", "zh-tw": "zh"}
LOCALES = ("en", "sv", "nl", "fr", "zh")
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@localhost"}
IGNORED = shutil.ignore_patterns(".venv", "site", ".cache", ".artifacts", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "*.egg-info")


@dataclass
class Template:
    """One real English article and its real raw handoffs (site locale -> bytes)."""

    set_name: str
    path: PurePosixPath
    english: bytes
    handoffs: dict[str, bytes] = field(default_factory=dict)


def templates(shared: Path = SHARED) -> list[Template]:
    """Every English article of the corpus with its handoffs, and the seed article with its newest ones."""
    corpus = shared / "corpus"
    found: dict[tuple[str, str], Template] = {}
    with open(corpus / "SOURCES.tsv", encoding="utf-8", newline="") as sources:
        rows = list(csv.DictReader(sources, delimiter="\t"))
    for row in rows:
        if row["locale"] == "en-us":
            set_name = row["local_path"].split("/", 1)[0].split("__", 1)[1]
            found[set_name, row["path_in_repo"]] = Template(set_name, PurePosixPath(row["path_in_repo"]),
                                                            (corpus / row["local_path"]).read_bytes())
    for row in rows:
        folder = row["local_path"].split("/", 1)[0]
        if row["has_spans"] != "yes" or row["locale"] not in SITE_LOCALES or not folder.endswith("__live-sxs"):
            continue
        # "Kladdkaka__Contribute.sv-SE__live-sxs" translates "MicrosoftDocs__Contribute"
        repo_name = folder.split("__")[1].rsplit(".", 1)[0].removesuffix("-pr")
        template = found.get((repo_name, row["path_in_repo"]))
        if template is not None:
            template.handoffs[SITE_LOCALES[row["locale"]]] = (corpus / row["local_path"]).read_bytes()
    # The seed article with the handoffs the site shows for its current English (as tools/ingest_content.py).
    handoffs = load_handoffs(ROOT / "content" / "handoffs.tsv", ROOT / "content" / "handoffs")
    revisions = english_history(Layout(root=ROOT, docs_dir=ROOT / "docs"), sorted({h.article for h in handoffs}))
    seeds = [Template("seeds", article, datas[0]) for article, datas in sorted(revisions.items()) if datas]
    for handoff in choose_handoffs(handoffs, revisions, {t.path: t.english for t in seeds}):
        next(t for t in seeds if t.path == handoff.article).handoffs[handoff.locale] = handoff.path.read_bytes()
    return sorted(found.values(), key=lambda t: (t.set_name, str(t.path))) + seeds


def generate(target: Path, articles: int, shared: Path = SHARED) -> Counter:
    """Write the site into ``target`` (a new folder); return how many handoffs each locale got, and failures."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=IGNORED)
    counts: Counter = Counter()
    chosen = templates(shared)
    for number in range(articles):
        template = chosen[number % len(chosen)]
        rel = PurePosixPath(template.set_name, f"part-{number // len(chosen):03d}", template.path)
        english = target / "docs" / "en" / rel
        english.parent.mkdir(parents=True, exist_ok=True)
        english.write_bytes(template.english)
        for locale, handoff in template.handoffs.items():
            raw = target / "content" / "generated" / locale / rel
            raw.parent.mkdir(parents=True, exist_ok=True)
            raw.write_bytes(handoff)
            try:
                write_plan(plan_ingest(raw, handoff, rel_path=rel, locale=locale,
                                       layout=Layout(docs_dir=target / "docs", l10n_dir=target / "l10n")))
                counts[locale] += 1
            except LocdocsError as error:
                counts[f"{locale} refused"] += 1
                print(f"{raw}: {error}", file=sys.stderr)
    configure(target)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True, env=GIT_ENV, capture_output=True)
    subprocess.run(["git", "commit", "-qm", f"generated corpus: {articles} articles"], cwd=target, check=True,
                   env=GIT_ENV, capture_output=True)
    return counts


class _SiteConfigLoader(yaml.SafeLoader):
    """Reads the repository's mkdocs.yml to write a generated site's: ``!ENV [NAME, default]`` becomes its value
    (the generated site is built here, with this environment)."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[str(name)] for name in variables if str(name) in os.environ), default)


_SiteConfigLoader.add_constructor("!ENV", _environment_value)


def load_site_config(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=_SiteConfigLoader)  # a SafeLoader, with !ENV


def configure(target: Path) -> None:
    """The generated site's mkdocs.yml (no nav: every article in the navigation) and versions.yml (one version)."""
    config = load_site_config(target / "mkdocs.yml")
    config.pop("nav", None)  # every generated article in the navigation
    # The articles link to files of their original repositories that are not part of the corpus.
    config["validation"] = {"links": {"not_found": "info", "unrecognized_links": "info", "anchors": "info",
                                      "absolute_links": "info"}, "omitted_files": "info"}
    for entry in config["plugins"]:  # and the findings of real content (missing images, stale anchors) are many:
        if isinstance(entry, dict) and "locdocs" in entry:  # the build logs them without failing
            entry["locdocs"]["rules"] = {rule.replace("-", "_"): "info" for rule in RULES}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    versions = yaml.safe_load((target / "versions.yml").read_text("utf-8"))
    versions["versions"] = versions["versions"][:1]
    (target / "versions.yml").write_text(yaml.safe_dump(versions, sort_keys=False), "utf-8")


def add_versions(target: Path, changed: tuple[int, int]) -> list[PurePosixPath]:
    """Three versions of a generated site, as real documentation keeps them: ``v3`` (latest) is the site as it is
    now; ``v2`` and ``v1`` show an earlier revision of ``changed[0]`` and ``changed[1]`` English articles (spread
    over the sections), from before a paragraph was added to them in a commit of their own. The articles changed
    are among those whose every translation was made from their current English, so that each version shows the
    same translations (current in v1 and v2, stale in v3). Every other page is the same in the three. Returns the
    articles changed."""
    english = target / "docs" / "en"
    candidates = [path for path in sorted(english.rglob("*.md")) if path.parent != english
                  and not path.relative_to(english).as_posix().startswith("billing/")
                  and _translations_current(target, path.relative_to(english))]
    step = max(1, len(candidates) // max(changed))
    articles = candidates[::step][:max(changed)]
    before = {path.relative_to(english).as_posix(): hashlib.sha1(path.read_bytes()).hexdigest() for path in articles}
    for path in articles:
        path.write_bytes(path.read_bytes() + b"\nThis paragraph is new in the latest version.\n")
    versions = yaml.safe_load((target / "versions.yml").read_text("utf-8"))
    pinned = dict(versions["versions"][0].get("english") or {})  # the seed article's revision
    older = list(before.items())
    versions = {"default": "latest", "versions": [
        {"version": "v3", "title": "Version 3", "aliases": ["latest"], "english": pinned},
        {"version": "v2", "title": "Version 2", "english": {**pinned, **dict(older[:changed[0]])}},
        {"version": "v1", "title": "Version 1", "english": {**pinned, **dict(older[:changed[1]])}}]}
    (target / "versions.yml").write_text(yaml.safe_dump(versions, sort_keys=False), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=target, check=True, env=GIT_ENV, capture_output=True)
    subprocess.run(["git", "commit", "-qm", "three versions"], cwd=target, check=True, env=GIT_ENV,
                   capture_output=True)
    return [PurePosixPath(path.relative_to(english).as_posix()) for path in articles]


def _translations_current(target: Path, rel: Path) -> bool:
    english = (target / "docs" / "en" / rel).read_bytes()
    for locale in LOCALES[1:]:
        translation = target / "docs" / locale / rel
        if translation.is_file():
            found = re.search(r"^ms\.openlocfilehash:\s*['\"]?(\w+)", translation.read_text("utf-8"), re.MULTILINE)
            if found is None or not matches(found[1], english):
                return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a folder that does not exist yet")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    if args.target.exists():
        parser.error(f"{args.target} exists")
    counts = generate(args.target, args.articles)
    print(f"{args.articles} English articles; handoffs ingested: "
          + ", ".join(f"{key} {value}" for key, value in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
