"""The locdocs MkDocs plugin in a real `mkdocs build`: findings are logged, so --strict fails on them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_build import run_mkdocs
from seed_site import ARTICLE

pytestmark = pytest.mark.slow


def _build(repo: Path, *, strict: bool = False) -> subprocess.CompletedProcess:
    return run_mkdocs(repo, strict=strict, site_dir=repo / "site")


def _locdocs_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if " locdocs: " in line]


def test_findings_are_logged_once_and_fail_a_strict_build(seed_repo: Path) -> None:
    done = _build(seed_repo, strict=True)
    assert done.returncode == 1
    lines = _locdocs_lines(done.stderr)
    stale = [line for line in lines if "stale-translation" in line]
    assert len(stale) == 3, "checked once, not once per locale build"
    assert any(line.startswith(f"WARNING -  locdocs: docs/sv/{ARTICLE}:18: stale-translation: made from English "
                               "revision ") and line.endswith("changed since: front matter only (ms.date, "
                                                             "ms.topic); the text is the same")
               for line in stale)


def test_rule_levels_come_from_the_plugin_config(seed_repo: Path) -> None:
    config = seed_repo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "exclude: [index.md]", "exclude: [index.md]\n      rules:\n        stale_translation: info\n"
                               "        broken_link: info\n        untranslated: error"), encoding="utf-8")
    done = _build(seed_repo)  # not strict: MkDocs' own link warnings do not matter here
    assert done.returncode == 0, done.stderr
    lines = _locdocs_lines(done.stderr)
    assert lines and all(line.startswith("INFO    -  locdocs: ") for line in lines)


def test_a_bad_option_is_a_configuration_error(seed_repo: Path) -> None:
    config = seed_repo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "exclude: [index.md]", "exclude: [index.md]\n      rules:\n        stale_translation: loud"), "utf-8")
    done = _build(seed_repo)
    assert done.returncode == 1
    assert "stale_translation" in done.stderr and "loud" in done.stderr
