"""What a check reports."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Severity


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in the docs."""

    path: str
    """The file, relative to the repository (or as given)."""
    line: int | None
    """1-based line, or None for a whole-file finding."""
    rule: str
    """Stable rule id, such as ``stale-translation``."""
    severity: Severity
    locale: str | None
    message: str
    """Names the value found and what was expected."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.rule}: {self.message}"
