"""`locdocs check` on a site of hundreds of real articles (benchmarks/corpus.py): shared out among processes, it
finds exactly what one process finds."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from locdocs import check as check_module
from locdocs.check import PARALLEL_MIN_ARTICLES, run_check
from locdocs.cli import main
from locdocs.config import load_config
from shared_data import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate


def _fork_even_beside_threads(monkeypatch) -> None:
    """The command line forks only while no other thread runs; the browser tests earlier in the suite leave one
    (Playwright's, idle here): the processes are forked all the same, so that they are what is tested."""
    from locdocs import forked

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(check_module, "can_fork", lambda: True)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("scale") / "site"
    generate(site, PARALLEL_MIN_ARTICLES + 60)
    return site


@pytest.mark.slow
@pytest.mark.shared
def test_processes_find_what_one_process_finds(corpus_site: Path, monkeypatch) -> None:
    config = load_config(corpus_site / "mkdocs.yml")
    alone = run_check(config, jobs=1)
    shared_out = []
    in_processes = check_module._check_in_processes

    def spy(site, articles, jobs, config):
        shared_out.append((len(articles), jobs))
        return in_processes(site, articles, jobs, config)

    monkeypatch.setattr(check_module, "_check_in_processes", spy)
    _fork_even_beside_threads(monkeypatch)
    assert run_check(config, jobs=2) == alone
    [(articles, jobs)] = shared_out  # the generated articles and the repository's own
    assert jobs == 2 and articles >= PARALLEL_MIN_ARTICLES + 60
    rules = Counter(finding.rule for finding in alone)
    assert {"stale-translation", "untranslated", "broken-link", "missing-translation", "anchor-mismatch",
            "front-matter-invalid"} <= rules.keys(), rules


@pytest.mark.slow
@pytest.mark.shared
def test_the_cli_report_does_not_depend_on_jobs(corpus_site: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(corpus_site)
    reports = []
    for jobs in ("1", "2"):
        assert main(["check", "--jobs", jobs, "--format", "json"]) == 0  # every rule is at info level here
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] and '"rule": "stale-translation"' in reports[0]


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--jobs", jobs])
    assert exit_info.value.code == 2
    assert f"expected a whole number of processes, 1 or more, not '{jobs}'" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.shared
def test_translation_states_worked_out_in_processes_are_those_of_one(corpus_site: Path, monkeypatch) -> None:
    """`locdocs build` works out the translation states (the status pages) in one process per core."""
    from locdocs import status
    from locdocs.translations import DocsIndex

    config = load_config(corpus_site / "mkdocs.yml")
    alone = status.collect_status(DocsIndex(config), jobs=1)
    shared_out = []
    real_forked_map = status.forked_map

    def spy(function, items, jobs):
        items = list(items)
        shared_out.append((len(items), jobs))
        return real_forked_map(function, items, jobs)

    monkeypatch.setattr(status, "forked_map", spy)
    _fork_even_beside_threads(monkeypatch)
    assert status.collect_status(DocsIndex(config), jobs=2) == alone
    [(analysed, jobs)] = shared_out
    assert jobs == 2 and analysed >= 100
    assert {row.state for row in alone} >= {"current", "stale", "missing"}
