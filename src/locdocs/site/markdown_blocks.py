"""Walk a page's Markdown line by line, skipping fenced code, so rewrites never touch code samples."""

from __future__ import annotations

import re
from collections.abc import Callable

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def rewrite_lines(markdown: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every line outside fenced code blocks (line endings kept)."""
    lines = markdown.splitlines(keepends=True)
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        lines[index] = rewrite(line)
    return "".join(lines)
