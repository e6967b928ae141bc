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
from difflib import SequenceMatcher

from ..article import Article
from ..xliff import TransUnit

_HEADING_LINE = re.compile(r"\s{0,3}#{1,6}\s")  # used with match(text, pos): no "^", which pos ignores


def as_text(source: str) -> str:
    """A segment's English as text inside the page's Markdown: ``<`` and ``>`` (escaped with a backslash or not)
    become entities, so no tag, autolink or broken tag comes out of it."""
    for escaped, entity in (("\\<", "&lt;"), ("\\>", "&gt;"), ("<", "&lt;"), (">", "&gt;")):
        source = source.replace(escaped, entity)
    return source


def _original(english: str) -> str:
    return (f'<span class="locdocs-original" lang="en" hidden data-search-exclude>'  # not in the locale's search
            f'{as_text(" ".join(english.split()))}</span>')


def annotate_originals(markdown: str, units: Iterable[TransUnit]) -> tuple[str, int]:
    """The Markdown with the English original after each segment found whose translation differs from it (a
    segment still in English is marked as English instead); also the number annotated."""
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
        elif unit.untranslated:  # its text is the English: no original to show, but read as English
            pieces.append(f'{markdown[cursor:found]}<span lang="en">{target}</span>')
        else:
            pieces.append(markdown[cursor:found])
            pieces.append(f'<span class="locdocs-segment">{target}</span>{_original(unit.source)}')
            annotated += 1
        cursor = found + len(target)
    pieces.append(markdown[cursor:])
    return "".join(pieces), annotated


def annotate_by_structure(markdown: str, translation: Article, english: Article) -> tuple[str, int]:
    """For a translation without segment data: the English original after each paragraph and table cell, from
    the English revision the translation was made from, matched by the article's structure (the order and level
    of headings, paragraphs and cells); also the number annotated. Blocks whose text is the English are left."""
    mine, theirs = translation.blocks, english.blocks
    matcher = SequenceMatcher(None, [kind for kind, _ in mine], [kind for kind, _ in theirs], autojunk=False)
    pieces: list[str] = []
    cursor = annotated = 0
    for match in matcher.get_matching_blocks():
        for offset in range(match.size):
            (kind, text), (_, source) = mine[match.a + offset], theirs[match.b + offset]
            if kind.startswith("h") or not text.strip() or " ".join(text.split()) == " ".join(source.split()):
                continue
            found = markdown.find(text, cursor)
            if found < 0:
                continue
            end = found + len(text)
            pieces.append(f"{markdown[cursor:end]}{_original(source)}")
            annotated += 1
            cursor = end
    pieces.append(markdown[cursor:])
    return "".join(pieces), annotated
