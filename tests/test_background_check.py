"""The check a MkDocs build runs beside itself (check.BackgroundCheck): the same findings as run_check, and what
stops it raised in the build's process."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from locdocs.check import background, run_check
from locdocs.check.background import BackgroundCheck
from locdocs.config import load_config
from locdocs.errors import LocdocsError, UsageError
from locdocs.translations import DocsIndex


def test_forked_the_findings_are_those_of_run_check(seed_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(seed_repo / "mkdocs.yml")
    expected = run_check(config)
    assert expected  # the seeds have stale translations and links outside the content
    monkeypatch.setattr(background, "can_fork", lambda: True)  # the suite's browser tests leave threads
    check = BackgroundCheck(config, DocsIndex(config))
    assert check._forked is not None
    assert check.findings() == expected


def test_with_other_threads_running_it_starts_a_process(seed_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking a process that runs other threads (mkdocs serve's server) is not safe: a process is started with the
    configuration, and reads the docs itself."""
    config = load_config(seed_repo / "mkdocs.yml")
    monkeypatch.setattr(background.multiprocessing.get_context("fork"), "Process", None)  # a fork would fail
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        check = BackgroundCheck(config, DocsIndex(config))
        assert not check.in_process
        assert check.findings() == run_check(config)
    finally:
        stop.set()
        thread.join()


def test_without_fork_or_pickle_it_checks_at_once(seed_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(seed_repo / "mkdocs.yml")
    monkeypatch.setattr(background, "can_fork", lambda: False)
    monkeypatch.setattr(background, "_pickled", lambda _: None)
    check = BackgroundCheck(config, DocsIndex(config))
    assert check.in_process
    assert check.findings() == run_check(config)


def test_an_input_error_in_the_check_is_raised_in_the_build(seed_repo: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> list:
        raise UsageError("the docs cannot be checked")

    config = load_config(seed_repo / "mkdocs.yml")
    monkeypatch.setattr(background, "run_check", refuse)  # the forked process inherits it
    monkeypatch.setattr(background, "can_fork", lambda: True)  # forked, whatever else the suite runs
    with pytest.raises(LocdocsError, match="the docs cannot be checked"):
        BackgroundCheck(config, DocsIndex(config)).findings()


def test_a_bug_in_the_check_is_raised_with_its_traceback(seed_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*_: object) -> list:
        raise IndexError("a bug in a rule")

    config = load_config(seed_repo / "mkdocs.yml")
    monkeypatch.setattr(background, "run_check", crash)
    monkeypatch.setattr(background, "can_fork", lambda: True)
    with pytest.raises(RuntimeError, match="IndexError"):
        BackgroundCheck(config, DocsIndex(config)).findings()
