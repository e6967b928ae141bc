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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml
from markdown_it_pyrs import MarkdownIt, Node

from ..config import TRANSLATED_KEYS
from ..frontmatter import front_matter_block, front_matter_end

_MARKDOWN = MarkdownIt("commonmark").enable("table")
_ANCHOR = re.compile(r"""\s*<a\s+(?:name|id)\s*=\s*["'][^"']*["']\s*>\s*</a>\s*""", re.IGNORECASE)
_ATTR_LIST = re.compile(r"""[ \t]+\{:?[ \t]*[^}\n ][^}\n]*?[ \t]*\}[ \t]*$""")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_LETTER = re.compile(r"[^\W\d_]")
# The nodes of markdown-it-pyrs's tree that are blocks; any other child of a block is inline content.
_BLOCKS = frozenset({
    "root", "paragraph", "heading", "lheading", "blockquote", "bullet_list", "ordered_list", "list_item", "table",
    "thead", "tbody", "trow", "tcell", "fence", "code_block", "html_block", "hr", "front_matter",
})
_LEAVES = {"paragraph": "paragraph", "heading": "heading", "lheading": "heading", "tcell": "cell"}





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
        for piece_start, piece_end in _pieces(body, start, end):
            segments.append(SourceSegment(body_start + piece_start, body_start + piece_end,
                                          body[piece_start:piece_end], kind))
    return segments


def _pieces(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) in ``body`` of each segment of the inline content ``body[start:end]`` of one block."""
    content = body[start:end]
    for part_start, part_end in _parts(content):
        for sentence_start, sentence_end in split_sentences(content[part_start:part_end]):
            a, b = _trim(content, part_start + sentence_start, part_start + sentence_end)
            if b > a and _translatable(content[a:b]):
                yield start + a, start + b


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
    """(kind, start, end) character offsets of the inline content of each heading, paragraph, list item (a tight
    one has no paragraph) and table cell of ``body``."""
    to_char = _char_offsets(body, body.encode("utf-8"))
    blocks = []
    for node in _MARKDOWN.tree(body).walk():
        name = node.name
        if name in _BLOCKS and name not in _LEAVES:
            blocks += _inline_runs(body, node, to_char)
            continue
        if name not in _LEAVES or not node.srcmap or not node.children:
            continue
        start, end = to_char(node.srcmap[0]), to_char(node.srcmap[1])
        if name == "heading":
            start = to_char(node.children[0].srcmap[0]) if node.children[0].srcmap else start
            closing = _CLOSING_HASHES.search(body, start, end)
            end = closing.start() if closing else end
        elif name == "lheading":
            end = body.rindex("\n", start, end)
        if name in ("heading", "lheading"):
            anchor = _ANCHOR.match(body, start)
            if anchor is not None:
                start = anchor.end()
            attrs = _ATTR_LIST.search(body, start, end)
            if attrs is not None:
                end = attrs.start()
        blocks.append((_LEAVES[name], start, _rstrip(body, start, end)))
    blocks.sort(key=lambda block: block[1])
    return blocks


def _inline_runs(body: str, node: Node, to_char: Callable[[int], int]) -> list[tuple[str, int, int]]:
    """The runs of inline children of a block that is not a leaf: a tight list item's text."""
    runs = []
    children = node.children
    index = 0
    while index < len(children):
        first = children[index].srcmap
        if children[index].name in _BLOCKS or first is None or node.srcmap is None:
            index += 1
            continue
        while index < len(children) and children[index].name not in _BLOCKS:
            index += 1
        following = children[index].srcmap if index < len(children) else None
        start = to_char(first[0])
        end = to_char(following[0] if following is not None else node.srcmap[1])
        runs.append(("paragraph", start, _rstrip(body, start, end)))
    return runs


def _rstrip(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " \t\r\n":
        end -= 1
    return end


def _char_offsets(text: str, source: bytes) -> Callable[[int], int]:
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


_CODE_SPAN = r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)"
# What separates two segments inside one block: a hard line break, a <br> tag, and a line that is only a docfx
# marker (an alert's [!NOTE], [!div class=…], [!INCLUDE …], :::row:::), with a blockquote's > before it.
_CUT = re.compile(rf"""{_CODE_SPAN}|(?P<cut>[ ]{{2,}}\r?\n|\\\r?\n|<\s*/?\s*br\s*/?\s*>
    |^[ \t>]*(?:\[![A-Za-z][^\n]*\]|:::[^\n]*:::)[ \t]*$)""", re.MULTILINE | re.IGNORECASE | re.DOTALL | re.VERBOSE)
# A link that is a whole segment: its text is the segment (its target is not translated).
_WHOLE_LINK = re.compile(r"""\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]
    (?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\[[^\[\]]*\])""", re.VERBOSE)
_IMAGE_ONLY = re.compile(r"!\[[^\]]*\]\([^)\s]*\)")
# What carries no text of its own: code spans, tags, entities, link targets, URLs and images without a title.
_NOT_TEXT = re.compile(rf"""{_CODE_SPAN}|<[^<>]*>|&(?:[A-Za-z]+|\#[0-9]+|\#x[0-9A-Fa-f]+);|\]\([^)]*\)
    |!\[[^\]]*\]\([^)\s]*\)|\b(?:https?|ftp)://\S+""", re.DOTALL | re.VERBOSE)


def _parts(content: str) -> list[tuple[int, int]]:
    """The pieces of a block's inline content between cuts (hard breaks, <br>, docfx marker lines)."""
    parts = []
    start = 0
    for match in _CUT.finditer(content):
        if match["cut"] is not None:
            parts.append((start, match.start()))
            start = match.end()
    parts.append((start, len(content)))
    return parts


def _trim(content: str, start: int, end: int) -> tuple[int, int]:
    """A segment without the white space and blockquote markers around it, and the text of a link that is the
    whole segment."""
    while True:
        while start < end and content[start] in " \t\r\n":
            start += 1
        while end > start and content[end - 1] in " \t\r\n":
            end -= 1
        if start < end and content[start] == ">" and content[:start].rstrip(" \t>").endswith("\n"):
            start += 1
            continue
        link = _WHOLE_LINK.fullmatch(content, start, end)
        if link is None or _IMAGE_ONLY.fullmatch(link["text"].strip()):
            return start, end
        start, end = link.start("text"), link.end("text")


def _translatable(piece: str) -> bool:
    return _LETTER.search(_NOT_TEXT.sub(" ", piece)) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a block's inline Markdown, without the white space between them."""
    spans = []
    start = 0
    for boundary_start, boundary_end in _boundaries(text):
        spans.append((start, boundary_start))
        start = boundary_end
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


# A sentence ends at . ! ? (and the closing marks after it) followed by white space (a blockquote's > too) and a
# capital, a digit, an opening mark or inline markup.
_SENTENCE_END = re.compile(r"""[.!?]+(?P<closing>[)"'\u201d\u2019\]*_]*)(?P<gap>[ \t]*(?:\r?\n[ \t>]*)?[ \t]*)
    (?=[\[(*_"'\u201c\u2018`<]*[A-Z0-9])|[\u3002\uff01\uff1f]""", re.VERBOSE)
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|Mr|Mrs|Ms|Dr|St|Inc|Ltd|Jr|Sr|No|Fig|al)|\.\.)$",
                           re.IGNORECASE)
_PROTECTED = re.compile(rf"{_CODE_SPAN}|\]\([^)]*\)|<[^<>]*>|\b(?:https?|ftp)://\S+", re.DOTALL)


def _boundaries(text: str) -> Iterator[tuple[int, int]]:
    protected = [(match.start(), match.end()) for match in _PROTECTED.finditer(text)]
    last = 0
    for match in _SENTENCE_END.finditer(text):
        gap = match.start("gap")
        if gap < 0:  # a CJK full stop
            gap = match.end()
        elif not match["gap"]:
            continue
        if any(a <= match.start() < b for a, b in protected):
            continue
        if _ABBREVIATION.search(text, last, match.start()) or not _LETTER.search(text, last, match.start()):
            continue
        yield gap, match.end()
        last = match.end()
