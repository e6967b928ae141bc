"""Every error locdocs raises on purpose.

Each exception builds its own message from structured fields, so that the CLI, the MkDocs plugin and tests all
show the same text. The CLI maps ``LocdocsError`` to exit code 2; anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class LocdocsError(Exception):
    """Base class: input or usage the tool cannot continue with."""


class InputError(LocdocsError):
    """A problem at a known place in an input file, shown as ``path:line:col: message``."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = str(path) if path is not None else None

    def with_path(self, path: str | Path) -> InputError:
        """Return the same error, naming the file it came from."""
        return type(self)(self.message, line=self.line, column=self.column, path=path)

    def __str__(self) -> str:
        place = [self.path or "<input>"]
        if self.line is not None:
            place.append(str(self.line))
            if self.column is not None:
                place.append(str(self.column))
        return f"{':'.join(place)}: {self.message}"


class MarkupError(InputError):
    """Span markup that cannot be resolved: unclosed, mismatched ids, unresolvable nesting."""


class EncodingError(InputError):
    """Bytes that are not UTF-8 text (invalid sequences, UTF-16, binary data)."""


class FrontMatterError(InputError):
    """Front matter that is missing, unparseable or not a mapping where one is needed."""


class XliffError(InputError):
    """An XLIFF file locdocs cannot take back: not XLIFF 1.2, no skeleton, bad ids, or a translation whose inline
    codes (links, code spans, tags, emphasis) do not match its English."""


class UsageError(LocdocsError):
    """Arguments that contradict each other or name something that does not exist."""


class PublishRefused(LocdocsError):
    """Error-level findings in what ``locdocs build`` would publish: nothing is built or deployed."""

    def __init__(self, findings: dict[str, list]) -> None:
        super().__init__("publish refused")
        self.findings = findings
        """The error-level findings (``check.Finding``) of each version."""

    def __str__(self) -> str:
        lines = [f"{version}: {finding}" for version, found in self.findings.items() for finding in found]
        count = sum(map(len, self.findings.values()))
        summary = (f"{count} error{'s' if count != 1 else ''} in what would be published: nothing was built or "
                   "deployed. Fix them (see `locdocs check`), or publish anyway with `locdocs build --allow-errors` "
                   "(the build still strips unsafe content).")
        return "\n".join([*lines, summary])
