"""Localized headings carry the English anchor as ``<a name="id"></a>``; make it the heading's own id.

``## <a name="resolve-the-past-due-balance"></a>Régler le solde`` becomes
``## Régler le solde {#resolve-the-past-due-balance}`` (attr_list), so the table of contents links to it and
``#resolve-the-past-due-balance`` opens the same section in every locale. Source files keep their anchors.
"""

from __future__ import annotations

import re

from ..article import ATTR_LIST, ID_IN_ATTRS
from .markdown_blocks import outside_fences, rewrite_lines

_HEADING_WITH_ANCHOR = re.compile(
    r"""^(?P<hashes>\s{0,3}#{1,6})[ \t]+<a\s+(?:name|id)\s*=\s*["'](?P<id>[^"']+)["']\s*>\s*</a>[ \t]*"""
    r"""(?P<text>.*?)[ \t]*(?P<eol>\r?\n?)$""")


_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")  # an ATX heading's optional closing sequence


def _rewrite(line: str) -> str:
    match = _HEADING_WITH_ANCHOR.match(line)
    if match is None:
        return line
    text = _CLOSING_HASHES.sub("", match["text"]) or match["id"]
    return f"{match['hashes']} {text} {{#{match['id']}}}{match['eol']}"


def anchors_to_heading_ids(markdown: str) -> str:
    return rewrite_lines(markdown, _rewrite)


_ATX = re.compile(r"^(?P<head>\s{0,3}#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*(?P<eol>\r?\n?)$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)[ \t]*\r?\n?$")
_NOT_SETEXT_TEXT = re.compile(r"^(?:\s{4}|\s{0,3}(?:[#>|]|[-*+][ \t]|\d+[.)][ \t]|<))")


def heading_ids(markdown: str, ids: list[str | None]) -> str:
    """Give the n-th heading of ``markdown`` (ATX or setext, outside fenced code) the id ``ids[n]``, in place of an
    id of its own (``{#…}``, where anchors_to_heading_ids put its ``<a name>``); None leaves a heading as it is.
    The headings are counted as markdown-it counts them (Article.headings, where ``ids`` come from); when the count
    here differs (a heading inside HTML or a block quote), nothing is changed."""
    lines = markdown.splitlines(keepends=True)
    found: list[tuple[int, bool]] = []  # (line index of the heading text, setext?)
    previous = -2
    for index in outside_fences(lines):
        line, follows = lines[index], previous == index - 1
        previous = index
        if _ATX.match(line):
            found.append((index, False))
        elif (_SETEXT_UNDERLINE.match(line) and follows and lines[index - 1].strip()
              and not _NOT_SETEXT_TEXT.match(lines[index - 1]) and not _SETEXT_UNDERLINE.match(lines[index - 1])
              and (not found or found[-1][0] != index - 1)):
            found.append((index - 1, True))
    if len(found) != len(ids):
        return markdown
    for (index, setext), heading_id in zip(found, ids, strict=True):
        line = lines[index]
        body, eol = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")):]
        if not setext:
            body = _CLOSING_HASHES.sub("", body).rstrip()
        attrs = ATTR_LIST.search(body)
        if heading_id is None:
            continue
        if attrs is not None and (own := ID_IN_ATTRS.search(attrs.group("attrs"))) is not None:
            start, end = attrs.start("attrs") + own.start(1), attrs.start("attrs") + own.end(1)
            lines[index] = f"{body[:start]}{heading_id}{body[end:]}{eol}"
        elif attrs is not None:  # an attribute list without an id (classes): the id joins it
            lines[index] = f"{body[:attrs.end('attrs')]} #{heading_id}{body[attrs.end('attrs'):]}{eol}"
        else:
            lines[index] = f"{body.rstrip()} {{#{heading_id}}}{eol}"
    return "".join(lines)
