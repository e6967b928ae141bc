"""Collects findings, applying the configured severity of each rule."""

from __future__ import annotations

from pathlib import Path

from ..config import Config, Severity
from ..fileio import display_path
from .findings import Finding

_RANK = {Severity.IGNORE: 0, Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Reporter:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.findings: list[Finding] = []

    def __call__(self, rule: str, file, line: int | None, message: str, *, cap: Severity | None = None,
                 path: Path | None = None, locale: str | None = None) -> None:
        """Record a finding of ``rule`` in ``file`` (a DocFile), unless the rule is ignored.

        ``cap`` makes a milder case of a rule (a BOM, a link outside the content) at most that severe.
        """
        severity = self.config.severity(rule)
        if cap is not None and _RANK[cap] < _RANK[severity]:
            severity = cap
        if severity is Severity.IGNORE:
            return
        self.findings.append(Finding(
            path=display_path(path if path is not None else file.path), line=line, rule=rule, severity=severity,
            locale=locale if locale is not None else getattr(file, "locale", None), message=message))
