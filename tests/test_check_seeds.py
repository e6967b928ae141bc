"""`locdocs check` and `locdocs status` on the seed repository: exactly what is true, and exit 0."""

from __future__ import annotations

import json
from pathlib import Path

from locdocs.check import run_check
from locdocs.cli import main
from locdocs.config import load_config
from seed_site import ARTICLE, NEWER_DUTCH, ingest
from shared_data import ROOT


def _findings(repo: Path, rule: str | None = None):
    return [f for f in run_check(load_config(repo / "mkdocs.yml")) if rule is None or f.rule == rule]


def _status(capsys) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["status", "--format", "json"]) == 0
    return {row["locale"]: row for row in json.loads(capsys.readouterr().out)["articles"]}


def test_seed_site_check_reports_what_is_true(seed_repo: Path, capsys) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    stale = {f.locale: f for f in _findings(seed_repo, "stale-translation")}
    assert set(stale) == {"sv", "fr", "nl"}
    assert stale["sv"].path == f"docs/sv/{ARTICLE}" and stale["sv"].line == 18
    assert stale["sv"].message.startswith("made from English revision ")
    assert stale["sv"].message.endswith(f"(2017-08-30) of en/{ARTICLE}; changed since: front matter only "
                                        "(ms.date, ms.topic); the text is the same")
    for locale in ("fr", "nl"):
        message = stale[locale].message
        assert "(2017-03-28)" in message
        # The title and "If you forget to pay" were reworded (new anchors, much the same text); one section is new
        # in 2018, one is gone: "How to resolve the issue" shares too little with "Resolve the past due balance".
        assert ("changed since: sections reworded: 'Resolve past due balance for your Azure subscription after "
                "getting an email from Azure', 'If I forget to pay, what happens?'; added: 'Resolve the past due "
                "balance', 'Not getting billing email notifications?'; removed: 'How to resolve the issue'; "
                "front matter: ms.date, ms.topic") in message
    assert not _findings(seed_repo, "untranslated")
    rules = {f.rule for f in _findings(seed_repo)}
    assert rules == {"stale-translation", "broken-link"}, "nothing else is wrong with the seeds"
    assert all(f.severity.value == "warning" for f in _findings(seed_repo, "broken-link"))
    assert f"docs/sv/{ARTICLE}:18: stale-translation: made from English revision" in out
    assert out.splitlines()[-1].startswith("Found 0 errors, ")

    status = _status(capsys)
    assert {locale: row["state"] for locale, row in status.items()} == {
        "sv": "stale", "nl": "stale", "fr": "stale", "zh": "current"}
    assert status["zh"]["translation_type"] == "HT" and status["sv"]["translation_type"] == "MT"
    assert status["nl"]["last_handoff"] == "07/11/2017"


def test_newer_dutch_handoff_is_current_but_untranslated(seed_repo: Path, capsys) -> None:
    ingest(seed_repo, NEWER_DUTCH, "nl")
    assert main(["check"]) == 0
    untranslated = _findings(seed_repo, "untranslated")
    assert [(f.path, f.line, f.message) for f in untranslated] == [
        (f"docs/nl/{ARTICLE}", 1, "100% of the segments are still the English text (threshold 50%)")]
    assert {f.locale for f in _findings(seed_repo, "stale-translation")} == {"sv", "fr"}
    status = _status(capsys)
    assert status["nl"]["state"] == "untranslated" and status["nl"]["last_handoff"] == "09/13/2018"
    assert status["zh"]["state"] == "current"
    assert main(["check", "--strict"]) == 1, "warnings fail a strict check"


def test_status_table(seed_repo: Path, capsys) -> None:
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "Translation status" in out and "current" in out and "stale" in out


def test_the_repositorys_own_content_passes_the_check(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", "--strict"]) == 0, capsys.readouterr().out
