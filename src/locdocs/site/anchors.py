"""Localized headings carry the English anchor as ``<a name="id"></a>``; make it the heading's own id.

``## <a name="resolve-the-past-due-balance"></a>Régler le solde`` becomes
``## Régler le solde {#resolve-the-past-due-balance}`` (attr_list), so the table of contents links to it and
``#resolve-the-past-due-balance`` opens the same section in every locale. Source files keep their anchors.
"""

from __future__ import annotations

import re

from .markdown_blocks import rewrite_lines

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
