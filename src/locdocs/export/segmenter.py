"""Split an English article into the segments a translator is offered, as a translation system does.

Offered: each sentence of a paragraph, list item, table cell or heading (without its ``<a name>`` anchor), and
the values of the translated front matter keys (title, description, keywords). Not offered: code blocks, HTML
blocks, front matter keys and the other values. Inline Markdown stays inside the segment (``inline`` turns it
into codes a translator cannot break).

Positions are character offsets into the article's text, so that ``text[start:end]`` is the segment as written
(for a front matter value: the YAML scalar as written, quotes included; ``SourceSegment.text`` is its value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from markdown_it_pyrs import MarkdownIt

from ..config import TRANSLATED_KEYS
from ..frontmatter import front_matter_block, front_matter_end

_MARKDOWN = MarkdownIt("commonmark").enable("table")
_ANCHOR = re.compile(r"""\s*<a\s+(?:name|id)\s*=\s*["'][^"']*["']\s*>\s*</a>\s*""", re.IGNORECASE)
_ATTR_LIST = re.compile(r"""[ \t]+\{:?[ \t]*[^}\n ][^}\n]*?[ \t]*\}[ \t]*$""")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence ends at . ! ? followed by white space and a capital, a digit, an opening mark or inline markup.
_SENTENCE_END = re.compile(r"""(?<=[.!?])[ \t]+(?=[\[\(*_"'“‘`<]*[A-Z0-9])""")
_CJK_SENTENCE_END = re.compile(r"(?<=[。！？])")


@dataclass(frozen=True)
class SourceSegment:
    """One piece of the English a translator is offered."""

    start: int
    end: int
    """``text[start:end]`` of the article is the segment as written."""
    text: str
    """The segment: inline Markdown as written, or a front matter key's value (unescaped)."""
    kind: str
    """``front-matter``, ``heading``, ``paragraph`` (also list items) or ``cell``."""
    key: str | None = None
    """The front matter key, for a front matter value."""


def segment_article(text: str) -> list[SourceSegment]:
    """Every segment of an article, in order. ``text`` is the article without a BOM."""
    body_start = front_matter_end(text)
    segments = _front_matter_segments(text, body_start) if body_start else []
    body = text[body_start:]
    if _LETTER.search(body) is None:
        return segments
    for kind, start, end in _text_blocks(body):
        for sentence_start, sentence_end in split_sentences(body[start:end]):
            piece = body[start + sentence_start:start + sentence_end]
            if _LETTER.search(piece):
                segments.append(SourceSegment(body_start + start + sentence_start, body_start + start + sentence_end,
                                              piece, kind))
    return segments


def _front_matter_segments(text: str, end: int) -> list[SourceSegment]:
    """The values of the translated keys: scalars, or the items of a list of scalars (keywords)."""
    opening = text.index("\n") + 1
    block = front_matter_block(text) or ""
    try:
        root = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    segments = []
    for key_node, value_node in root.value:
        if key_node.value not in TRANSLATED_KEYS:
            continue
        scalars = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for scalar in scalars:
            if isinstance(scalar, yaml.ScalarNode) and isinstance(scalar.value, str) and scalar.tag.endswith(":str") \
                    and _LETTER.search(scalar.value):
                start, stop = opening + scalar.start_mark.index, opening + scalar.end_mark.index
                segments.append(SourceSegment(start, stop, scalar.value, "front-matter", key=key_node.value))
    return segments


def _text_blocks(body: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) character offsets of the inline content of each heading, paragraph, tight list item
    and table cell of ``body``."""
    source = body.encode("utf-8")
    to_char = _char_offsets(body, source)
    blocks = []
    tree = _MARKDOWN.tree(body)
    for node in tree.walk():
        name = node.name
        if name in ("heading", "lheading", "paragraph", "tcell"):
            ranges = [child.srcmap for child in node.children if child.srcmap]
            if not ranges:
                continue
            start, end = to_char(ranges[0][0]), to_char(ranges[-1][1])
            if name in ("heading", "lheading"):
                anchor = _ANCHOR.match(body, start)
                if anchor is not None:
                    start = anchor.end()
                attrs = _ATTR_LIST.search(body, start, end)
                if attrs is not None:
                    end = attrs.start()
                kind = "heading"
            else:
                kind = "cell" if name == "tcell" else "paragraph"
            while end > start and body[end - 1] in " \t\r\n":
                end -= 1
            blocks.append((kind, start, end))
    blocks.sort(key=lambda block: block[1])
    return blocks


def _char_offsets(text: str, source: bytes):
    """A function from a UTF-8 byte offset of ``source`` (``text`` encoded) to the character offset in ``text``."""
    if len(source) == len(text):
        return lambda offset: offset
    table = [0] * (len(source) + 1)
    position = 0
    for index, character in enumerate(text):
        width = len(character.encode("utf-8"))
        for step in range(width):
            table[position + step] = index
        position += width
    table[position] = len(text)
    return table.__getitem__


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a block's inline Markdown, without the white space between them."""
    spans = []
    start = 0
    for boundary in _boundaries(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _boundaries(text: str):
    protected = _protected_spans(text)
    for pattern in (_SENTENCE_END, _CJK_SENTENCE_END):
        for match in pattern.finditer(text):
            if not any(a < match.start() < b for a, b in protected):
                yield match


_CODE_OR_LINK = re.compile(r"`+[^`]*`+|\]\([^)]*\)|<[^>]*>")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Code spans, link targets and tags: a period in them ends no sentence."""
    return [(match.start(), match.end()) for match in _CODE_OR_LINK.finditer(text)]
