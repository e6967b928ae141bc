"""``locdocs check`` and ``locdocs status``: findings and translation states, configured by mkdocs.yml."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from ..check import default_jobs, exit_code, run_check
from ..check.formats import FORMATS
from ..config import Config
from ..errors import UsageError
from .common import EXIT_OK, emit, positive_int, site_config


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check", help="check the docs across locales: markup, front matter, anchors, staleness, links",
        description="Check every locale of the docs against the English source. Exit 1 when there is an "
                    "error-level finding (--strict: a warning too), 2 for usage or configuration errors. "
                    "Rule severities come from the locdocs plugin's options in mkdocs.yml.")
    _add_site_arguments(check)
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="default: %(default)s")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--severity", action="append", default=[], metavar="RULE=LEVEL",
                       help="override a rule's severity (error, warn, info, ignore); repeatable")
    check.add_argument("--no-versions", dest="versions", action="store_false",
                       help="leave out the translations only a version of versions.yml publishes (from handoffs "
                            "chosen for older English revisions; their errors are checked by default)")
    check.add_argument("-j", "--jobs", type=positive_int, default=default_jobs(), metavar="N",
                       help="check in N processes (default: %(default)s, one per core; 1: in this process)")
    check.set_defaults(run=run_check_command)

    status = commands.add_parser(
        "status", help="per article and locale: current, stale, untranslated or missing",
        description="Show the state of every translation: current, stale, untranslated or missing, MT or HT, "
                    "last handoff.")
    _add_site_arguments(status)
    status.add_argument("--format", choices=("table", "json"), default="table", help="default: %(default)s")
    status.set_defaults(run=run_status)


def _add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("docs_dir", nargs="?", type=Path, metavar="DOCS_DIR",
                        help="the docs folder, one subfolder per locale (default: docs_dir of mkdocs.yml)")
    parser.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the MkDocs configuration to read (default: mkdocs.yml, if there is one)")
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file instead of stdout")


def _site_config(args: argparse.Namespace) -> Config:
    config = site_config(args.config_file)
    if args.docs_dir is not None:
        config = replace(config, layout=replace(config.layout, docs_dir=args.docs_dir))
    if not Path(config.layout.docs_dir).is_dir():
        hint = "" if args.config_file or args.docs_dir or Path("mkdocs.yml").is_file() else \
            ": no mkdocs.yml here either; run `locdocs init` to start a site, or name the docs folder or -f"
        raise UsageError(f"docs folder {config.layout.docs_dir} does not exist{hint}")
    return config


def run_check_command(args: argparse.Namespace) -> int:
    config = _site_config(args)
    overrides = {}
    for item in args.severity:
        rule, sep, level = item.partition("=")
        if not sep:
            raise UsageError(f"--severity {item!r}: expected RULE=LEVEL, such as untranslated=error")
        overrides[rule.strip()] = level.strip()
    config = config.with_severities(overrides)
    findings = run_check(config, jobs=args.jobs)
    if args.versions and Path(config.layout.versions_file).is_file():
        from ..publish.pipeline import DEFAULT_CACHE, check_versions

        findings = sorted([*findings, *check_versions(config, config.layout.root / DEFAULT_CACHE)],
                          key=lambda f: (f.path, f.line or 0, f.rule, f.message))
    emit(FORMATS[args.format](findings), args.output)
    return exit_code(findings, strict=args.strict)


def run_status(args: argparse.Namespace) -> int:
    from ..status import collect_status, status_json, status_table
    from ..translations import DocsIndex

    rows = collect_status(DocsIndex(_site_config(args)))
    if args.format == "json":
        emit(status_json(rows), args.output)
    elif args.output is not None:
        raise UsageError("--output needs --format json")
    else:
        from rich.console import Console

        Console().print(status_table(rows))
    return EXIT_OK
