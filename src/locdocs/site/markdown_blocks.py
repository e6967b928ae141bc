"""Walk a page's Markdown line by line, skipping fenced code, so rewrites never touch code samples."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def outside_fences(lines: list[str]) -> Iterator[int]:
    """The indexes of the lines that are neither fenced code nor its fences."""
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence = match.group(1)
        else:
            yield index


def rewrite_lines(markdown: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every line outside fenced code blocks (line endings kept)."""
    lines = markdown.splitlines(keepends=True)
    for index in outside_fences(lines):
        lines[index] = rewrite(lines[index])
    return "".join(lines)
