"""``locdocs build``: every version × locale as a build unit, in parallel, published with mike."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PublishRefused
from .common import EXIT_CHANGES, EXIT_OK, plural, positive_int

if TYPE_CHECKING:
    from ..publish.units import UnitResult


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build", help="build every version and locale (versions.yml) and publish them with mike",
        description="Build each (version, locale) of versions.yml in its own MkDocs process, in parallel, reusing "
                    "units whose inputs did not change; deploy the versions to the local gh-pages branch with mike "
                    "(no network) and write the whole versioned site to SITE_DIR.")
    build.add_argument("--repo", type=Path, default=Path("."), help="the repository (default: the current folder)")
    build.add_argument("-f", "--config-file", type=Path, default=None,
                       help="the site's MkDocs configuration (default: mkdocs.yml in the repository)")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="default: %(default)s")
    build.add_argument("--cache-dir", type=Path, default=None, help="default: .cache/build")
    build.add_argument("--jobs", "-j", type=positive_int, default=None, metavar="N",
                       help="units built at once (default: one per core)")
    build.add_argument("--branch", default="gh-pages", help="the branch mike deploys to (default: %(default)s)")
    build.add_argument("--no-publish", action="store_true", help="build and assemble only; no mike, no SITE_DIR")
    build.add_argument("--version", dest="versions", action="append", metavar="VERSION",
                       help="build only this version's units (repeatable; implies --no-publish): a CI matrix job")
    build.add_argument("--locale", dest="locales", action="append", metavar="LOCALE",
                       help="build only this locale's units (repeatable; implies --no-publish): a CI matrix job")
    build.add_argument("--push", action="store_true", help="push the branch to origin after publishing")
    build.add_argument("--allow-errors", action="store_true",
                       help="build and publish even if `locdocs check` finds errors in a version (by default the "
                            "build refuses, exit 1; unsafe content is stripped from pages either way)")
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from ..publish.mike import export, publish, push
    from ..publish.pipeline import DEFAULT_CACHE, build_site

    repo = args.repo.resolve()
    config_file = args.config_file.resolve() if args.config_file is not None else repo / "mkdocs.yml"
    cache = repo / (args.cache_dir or DEFAULT_CACHE)  # an absolute --cache-dir stays as it is

    def report(result: UnitResult) -> None:
        verb = "reused" if result.reused else "built"
        note = " (inputs unchanged)" if result.reused else \
            f" ({result.pages_reused} of {result.pages} pages reused)" if result.pages_reused else ""
        print(f"{verb} {result.unit.name} in {result.seconds:.1f} s{note}", file=sys.stderr, flush=True)

    partial = bool(args.versions or args.locales)
    try:
        result = build_site(config_file, cache=cache, jobs=args.jobs, on_unit=report, allow_errors=args.allow_errors,
                            only_versions=set(args.versions or ()), only_locales=set(args.locales or ()))
    except PublishRefused as refused:
        print(refused, file=sys.stderr)
        return EXIT_CHANGES
    for line in result.missing_messages:
        print(f"warning: {line}", file=sys.stderr)
    reused = sum(r.reused for r in result.units)
    print(f"{plural(len(result.units) - reused, 'unit')} built, {reused} reused.", file=sys.stderr)
    if not args.no_publish and not partial:
        publish(result.version_dirs, result.versions, repo, args.branch, root_not_found=result.root_not_found)
        site_dir = args.site_dir if args.site_dir.is_absolute() else repo / args.site_dir
        export(repo, args.branch, site_dir)
        print(f"published {plural(len(result.version_dirs), 'version')} to {args.branch} and {site_dir}",
              file=sys.stderr)
        if args.push:
            push(repo, args.branch)
    return EXIT_OK
