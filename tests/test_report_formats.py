"""Every output format of `locdocs check`, on the seed site with one error added."""

from __future__ import annotations

import json
import subprocess
import tarfile
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from locdocs.cli import main
from locdocs.config import RULES
from seed_site import ARTICLE
from shared_data import ROOT

ZH = f"docs/zh/{ARTICLE}"
# The official SARIF 2.1.0 schema, as Microsoft ships it in an npm package (fetched once, kept in .cache/).
SARIF_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_SCHEMA_MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="session")
def sarif_schema() -> dict:
    cache = ROOT / ".cache" / "sarif-2.1.0-rtm.5.json"
    if not cache.is_file():
        cache.parent.mkdir(exist_ok=True)
        done = subprocess.run(["npm", "pack", SARIF_PACKAGE, "--pack-destination", str(cache.parent)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"cannot fetch the SARIF schema with npm: {done.stderr}"
        tarball = cache.parent / done.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            cache.write_bytes(archive.extractfile(SARIF_SCHEMA_MEMBER).read())
        tarball.unlink()
    return json.loads(cache.read_text("utf-8"))


@pytest.fixture
def site_with_error(seed_repo: Path) -> Path:
    path = seed_repo / ZH
    text = path.read_text("utf-8").replace("请按照文章中的步骤解决逾期未付余款问题。", "请按照[步骤](#nowhere)。")
    path.write_text(text, encoding="utf-8")
    return seed_repo


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_text(site_with_error: Path, capsys) -> None:
    code, out = _run(capsys)
    assert code == 1
    assert (f"{ZH}:30: broken-link: link '#nowhere': zh/{ARTICLE} has no heading or anchor '#nowhere'"
            in out.splitlines())
    assert out.splitlines()[-1] == "Found 1 error, 15 warnings and 0 notes in 5 files."


def test_json(site_with_error: Path, capsys) -> None:
    code, out = _run(capsys, "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["summary"] == {"error": 1, "warning": 15, "info": 0}
    errors = [f for f in document["findings"] if f["severity"] == "error"]
    assert errors == [{"path": ZH, "line": 30, "rule": "broken-link", "severity": "error", "locale": "zh",
                       "message": f"link '#nowhere': zh/{ARTICLE} has no heading or anchor '#nowhere'"}]
    finding_lines = [line for line in out.splitlines() if line.startswith('    {"path": ')]
    assert [json.loads(line.rstrip(",")) for line in finding_lines] == document["findings"], "one per line"


def test_github_annotations(site_with_error: Path, capsys) -> None:
    code, out = _run(capsys, "--format", "github")
    assert code == 1
    assert (f"::error file={ZH},line=30,title=locdocs broken-link::link '#nowhere'%3A" not in out), \
        "only properties escape ':'"
    assert (f"::error file={ZH},line=30,title=locdocs broken-link::link '#nowhere': zh/{ARTICLE} has no heading "
            "or anchor '#nowhere'") in out.splitlines()
    assert sum(line.startswith("::warning ") for line in out.splitlines()) == 15


def test_sarif_is_valid_against_the_official_schema(site_with_error: Path, capsys, sarif_schema: dict) -> None:
    _, out = _run(capsys, "--format", "sarif")
    log = json.loads(out)
    jsonschema.validate(log, sarif_schema)
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)
    [error] = [r for r in run["results"] if r["level"] == "error"]
    assert error["ruleId"] == "broken-link" and error["message"]["text"].startswith("link '#nowhere'")
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": ZH, "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 30}}
    with pytest.raises(jsonschema.ValidationError):  # the schema really checks: a wrong level is refused
        error["level"] = "fatal"
        jsonschema.validate(log, sarif_schema)


# SARIF 2.1.0 (3.27.10) has the levels error, warning and note; a locdocs "info" is a SARIF "note".
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def test_sarif_levels_follow_the_severities_and_rule_indexes_name_the_rule(site_with_error: Path, capsys) -> None:
    severity = ("--severity", "stale-translation=info")  # three notes besides the error and the warnings
    _, json_out = _run(capsys, "--format", "json", *severity)
    code, out = _run(capsys, "--format", "sarif", *severity)
    assert code == 1
    findings = json.loads(json_out)["findings"]
    run = json.loads(out)["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    assert [(r["ruleId"], r["message"]["text"]) for r in results] == [(f["rule"], f["message"]) for f in findings]
    assert [r["level"] for r in results] == [SARIF_LEVELS[f["severity"]] for f in findings]
    assert Counter(r["level"] for r in results) == {"error": 1, "warning": 12, "note": 3}
    [warning] = [r for r in results if r["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": f"docs/sv/{ARTICLE}", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 34}}]
    assert (warning["ruleId"], warning["level"]) == ("broken-link", "warning")
    assert {r["level"] for r in results if r["ruleId"] == "stale-translation"} == {"note"}
    for result in results:  # ruleIndex points into the driver's rules at the rule named by ruleId
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"], result


def test_junit(site_with_error: Path, capsys, tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    code, out = _run(capsys, "--format", "junit", "--output", str(report))
    assert code == 1 and out == ""
    root = etree.fromstring(report.read_bytes())
    assert root.tag == "testsuites" and root.get("failures") == "16"
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == list(RULES)
    failure = suites["broken-link"].find("testcase[@name='" + ZH + ":30']/failure")
    assert failure.get("type") == "error" and failure.get("message").startswith("link '#nowhere'")
    assert suites["leftover-markup"].find("testcase").get("name") == "no findings"


def test_usage_errors(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "--format", "yaml"])
    assert caught.value.code == 2
    assert main(["status", "--output", "x.txt", "-f", str(ROOT / "mkdocs.yml")]) == 2
