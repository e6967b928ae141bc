"""Collects findings, applying the configured severity of each rule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, Severity
from ..fileio import display_path
from .findings import Finding

if TYPE_CHECKING:
    from ..translations import DocFile

_RANK = {Severity.IGNORE: 0, Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Reporter:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.findings: list[Finding] = []

    def __call__(self, rule: str, file: DocFile | None, line: int | None, message: str, *,
                 cap: Severity | None = None, path: Path | None = None, locale: str | None = None) -> None:
        """Record a finding of ``rule`` in ``file``, unless the rule is ignored. A finding about no one file (a
        missing translation) gives its ``path`` and ``locale`` instead.

        ``cap`` makes a milder case of a rule (a BOM, a link outside the content) at most that severe.
        """
        severity = self.config.severity(rule)
        if cap is not None and _RANK[cap] < _RANK[severity]:
            severity = cap
        if severity is Severity.IGNORE:
            return
        if path is None:
            if file is None:
                raise TypeError(f"a {rule} finding names neither a file nor a path")
            path = file.path
        self.findings.append(Finding(
            path=display_path(path), line=line, rule=rule, severity=severity,
            locale=locale if locale is not None else getattr(file, "locale", None), message=message))
