"""Findings as text, JSON, GitHub workflow annotations, SARIF 2.1.0 or JUnit XML."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from lxml import etree

from .. import __version__
from ..config import RULES, Severity
from .findings import Finding

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def summary(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not findings:
        return "No findings."
    return (f"Found {plural(counts[Severity.ERROR], 'error')}, {plural(counts[Severity.WARNING], 'warning')} and "
            f"{plural(counts[Severity.INFO], 'note')} in {plural(files, 'file')}.")


def format_text(findings: list[Finding]) -> str:
    return "".join(f"{finding}\n" for finding in findings) + summary(findings) + "\n"


def format_json(findings: list[Finding]) -> str:
    """A JSON document with one finding per line: diffs and grep stay readable, and each line is encoded by the
    json module's C encoder (its indenting encoder is pure Python: seconds for the 100,000 findings of a large
    site)."""
    counts = Counter(f.severity.value for f in findings)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    items = "[\n" + ",\n".join(f"    {encode(_finding_json(f))}" for f in findings) + "\n  ]" if findings else "[]"
    summary = {"error": counts["error"], "warning": counts["warning"], "info": counts["info"]}
    return ("{\n"
            f'  "version": {encode(__version__)},\n'
            f'  "findings": {items},\n'
            f'  "summary": {encode(summary)}\n'
            "}\n")


def _finding_json(f: Finding) -> dict:
    return {"path": f.path, "line": f.line, "rule": f.rule, "severity": f.severity.value, "locale": f.locale,
            "message": f.message}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""
    lines = []
    for f in findings:
        properties = [f"file={_escape_property(f.path)}"]
        if f.line:
            properties.append(f"line={f.line}")
        properties.append(f"title={_escape_property(f'locdocs {f.rule}')}")
        lines.append(f"::{_GITHUB_COMMAND[f.severity]} {','.join(properties)}::{_escape_data(f.message)}\n")
    return "".join(lines) + summary(findings) + "\n"


def format_sarif(findings: list[Finding]) -> str:
    """A SARIF 2.1.0 log, the format GitHub code scanning takes."""
    rule_ids = list(RULES)
    rules = [{
        "id": rule.id,
        "name": "".join(word.title() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.severity, "none")},
    } for rule in RULES.values()]
    results = []
    for f in findings:
        location: dict = {"artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"}}
        if f.line:
            location["region"] = {"startLine": f.line}
        result = {"ruleId": f.rule, "ruleIndex": rule_ids.index(f.rule), "level": _SARIF_LEVEL[f.severity],
                  "message": {"text": f.message}, "locations": [{"physicalLocation": location}]}
        if f.locale:
            result["properties"] = {"locale": f.locale}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "locdocs", "version": __version__, "rules": rules}},
                  "columnKind": "unicodeCodePoints", "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def format_junit(findings: list[Finding]) -> str:
    """JUnit XML: a test suite per rule, a failing test case per error or warning, a passing one otherwise."""
    root = etree.Element("testsuites", name="locdocs check")
    total = failures = 0
    for rule in RULES:
        mine = [f for f in findings if f.rule == rule]
        failing = [f for f in mine if f.severity in (Severity.ERROR, Severity.WARNING)]
        suite = etree.SubElement(root, "testsuite", name=rule, tests=str(max(len(mine), 1)),
                                 failures=str(len(failing)), errors="0", skipped="0")
        for f in mine:
            case = etree.SubElement(suite, "testcase", classname=f"locdocs.{rule}",
                                    name=f"{f.path}:{f.line}" if f.line else f.path)
            if f in failing:
                etree.SubElement(case, "failure", type=f.severity.value, message=f.message).text = str(f)
            else:
                etree.SubElement(case, "system-out").text = str(f)
        if not mine:
            etree.SubElement(suite, "testcase", classname=f"locdocs.{rule}", name="no findings")
        total += max(len(mine), 1)
        failures += len(failing)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


FORMATS: dict[str, Callable[[list[Finding]], str]] = {
    "text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif, "junit": format_junit,
}
