"""Put the English source of every segment next to its translation, hidden until the reader asks for it.

Each translated segment of the page's Markdown becomes::

    <span class="locdocs-segment">TRANSLATION</span>
    <span class="locdocs-original" lang="en" hidden data-search-exclude>ENGLISH</span>

``assets/locdocs.js`` shows the originals when the "Show the English original" button is pressed. Headings are
left alone: the table of contents would otherwise repeat the English. The segments come from the handoff's XLIFF
(``l10n/LL/REL.xlf``), in order; a segment whose text cannot be found is skipped, never guessed.

The English of a segment comes from the handoff, not from the reviewed English article: its markup is shown as
text (``<`` and ``>`` escaped), and what Markdown makes of the rest goes through the page's sanitizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..xliff import TransUnit

_HEADING_LINE = re.compile(r"\s{0,3}#{1,6}\s")  # used with match(text, pos): no "^", which pos ignores


def as_text(source: str) -> str:
    """A segment's English as text inside the page's Markdown: ``<`` and ``>`` (escaped with a backslash or not)
    become entities, so no tag, autolink or broken tag comes out of it."""
    for escaped, entity in (("\\<", "&lt;"), ("\\>", "&gt;"), ("<", "&lt;"), (">", "&gt;")):
        source = source.replace(escaped, entity)
    return source


def annotate_originals(markdown: str, units: Iterable[TransUnit]) -> tuple[str, int]:
    """The Markdown with the English original after each segment found; also the number annotated."""
    pieces: list[str] = []
    cursor = 0
    annotated = 0
    for unit in units:
        target = unit.target.strip()
        if not target or "\n\n" in target:
            continue
        found = markdown.find(target, cursor)
        if found < 0:
            continue
        line_start = markdown.rfind("\n", 0, found) + 1
        if _HEADING_LINE.match(markdown, line_start):
            pieces.append(markdown[cursor:found + len(target)])
        else:
            pieces.append(markdown[cursor:found])
            pieces.append(f'<span class="locdocs-segment">{target}</span><span class="locdocs-original" lang="en" '
                          f'hidden data-search-exclude>{as_text(unit.source.strip())}</span>')  # not in its search
            annotated += 1
        cursor = found + len(target)
    pieces.append(markdown[cursor:])
    return "".join(pieces), annotated
