"""Split an English article into the segments a translator is offered, as a translation system does.

Offered: each sentence of a paragraph, list item, table cell or heading (without its ``<a name>`` anchor), and
the values of the translated front matter keys (title, description, keywords). Not offered: code blocks, HTML
blocks, front matter keys and the other values. Inline Markdown stays inside the segment (``inline`` turns it
into codes a translator cannot break).

Positions are character offsets into the article's text, so that ``text[start:end]`` is the segment as written
(for a front matter value: the YAML scalar as written, quotes included; ``SourceSegment.text`` is its value).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml
from markdown_it_pyrs import Node

from ..article import MARKDOWN
from ..config import TRANSLATED_KEYS
from ..frontmatter import front_matter_block, front_matter_end

_ANCHOR = re.compile(r"""\s*<a\s+(?:name|id)\s*=\s*["'][^"']*["']\s*>\s*</a>\s*""", re.IGNORECASE)
_ATTR_LIST = re.compile(r"""[ \t]+\{:?[ \t]*[^}\n ][^}\n]*?[ \t]*\}[ \t]*$""")
# docfx's selectors (a list of links to the same article for other platforms) are not translated.
_SELECTOR = re.compile(r"""[ \t]*>[ \t]*\[!div[ \t]+class[ \t]*=[ \t]*["']op_\w*selector""", re.IGNORECASE)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_LETTER = re.compile(r"[^\W\d_]")
# The nodes of markdown-it-pyrs's tree that are blocks; any other child of a block is inline content.
_BLOCKS = frozenset({
    "root", "paragraph", "heading", "lheading", "blockquote", "bullet_list", "ordered_list", "list_item", "table",
    "thead", "tbody", "trow", "tcell", "fence", "code_block", "html_block", "hr", "front_matter",
})
# Inline nodes inside which no sentence ends: Microsoft's pipeline keeps a bold or italic passage together.
_SPANS = frozenset({"strong", "em", "link", "image"})
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
    blocks, spans = _text_blocks(body)
    for kind, start, end in blocks:
        for piece_start, piece_end in _pieces(body, start, end, spans):
            segments.append(SourceSegment(body_start + piece_start, body_start + piece_end,
                                          body[piece_start:piece_end], kind))
    return segments


def _pieces(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) in ``body`` of each segment of the inline content ``body[start:end]`` of one block;
    ``spans`` are the emphasis, links and images of ``body`` (sorted), which no sentence ends inside."""
    content = body[start:end]
    first = bisect.bisect_left(spans, (start, start))
    inside = []
    for a, b in spans[first:]:
        if a >= end:
            break
        inside.append((a - start, b - start))
    for part_start, part_end in _parts(content):
        part = [(a - part_start, b - part_start) for a, b in inside if a >= part_start and b <= part_end]
        for sentence_start, sentence_end in split_sentences(content[part_start:part_end], part):
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


def _text_blocks(body: str) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """(kind, start, end) character offsets of the inline content of each heading, paragraph, list item (a tight
    one has no paragraph) and table cell of ``body``, and (start, end) of its emphasis, links and images."""
    to_char = char_offsets(body, body.encode("utf-8"))
    blocks = []
    spans = []
    skip_until = 0
    for node in MARKDOWN.tree(body).walk():
        name = node.name
        if node.srcmap and to_char(node.srcmap[0]) < skip_until:
            continue
        if name == "blockquote" and node.srcmap and _SELECTOR.match(body, to_char(node.srcmap[0])):
            skip_until = to_char(node.srcmap[1])
            continue
        if name in _SPANS and node.srcmap:
            spans.append((to_char(node.srcmap[0]), to_char(node.srcmap[1])))
            continue
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
    return _join_cells_split_in_code(body, blocks), sorted(spans)


_BACKTICK_RUN = re.compile(r"(?<!\\)`+")


def _join_cells_split_in_code(body: str, blocks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """GFM ends a table cell at a ``|`` even inside a code span (```a | b```), and drops the cells a row has
    beyond the header's; Python-Markdown, which renders the site, and Microsoft's pipeline end it at the first
    ``|`` outside code. A cell whose code span is left open is extended to there, over the cells it covers."""
    joined: list[tuple[str, int, int]] = []
    for kind, start, end in blocks:
        if joined and joined[-1][0] == "cell" and start < joined[-1][2]:
            continue  # covered by the cell before it
        open_code = kind == "cell" and _code_left_open(body[start:end])
        joined.append((kind, start, _rstrip(body, start, _cell_end(body, start)) if open_code else end))
    return joined


def _cell_end(body: str, start: int) -> int:
    """Where a table cell starting at ``start`` ends: at the first unescaped ``|`` outside a code span, else at
    the end of its line."""
    line_end = body.find("\n", start)
    line_end = len(body) if line_end < 0 else line_end
    position = start
    while position < line_end:
        character = body[position]
        if character == "\\":
            position += 2
        elif character == "`":
            run = _BACKTICK_RUN.match(body, position)
            length = len(run.group()) if run else 1
            closing = re.compile(f"(?<!`){'`' * length}(?!`)").search(body, position + length, line_end)
            position = closing.end() if closing else position + length
        elif character == "|":
            return position
        else:
            position += 1
    return line_end


def _code_left_open(text: str) -> bool:
    """Does a run of backticks open a code span that no run of the same length closes?"""
    lengths = [len(run) for run in _BACKTICK_RUN.findall(text)]
    return any(lengths.count(length) % 2 for length in set(lengths))


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


def char_offsets(text: str, source: bytes) -> Callable[[int], int]:
    """A function from a UTF-8 byte offset of ``source`` (``text`` encoded) to the character offset in ``text``.
    Offsets past the end (the parser's source map sometimes overshoots) give the end."""
    if len(source) == len(text):
        return lambda offset: min(offset, len(text))
    table = [0] * (len(source) + 1)
    position = 0
    for index, character in enumerate(text):
        width = len(character.encode("utf-8"))
        for step in range(width):
            table[position + step] = index
        position += width
    table[position] = len(text)
    return lambda offset: table[min(offset, position)]


_CODE_SPAN = r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)"
# What separates two segments inside one block: a hard line break, a <br> tag, and a line that is only a docfx
# marker (an alert's [!NOTE], [!div class=…], [!INCLUDE …], :::row:::) or a link reference definition that the
# parser took for text, with a blockquote's > before it.
_CUT = re.compile(rf"""{_CODE_SPAN}|(?P<cut>[ ]{{2,}}\r?\n|\\\r?\n|<\s*/?\s*br\s*/?\s*>
    |^[ \t>]*(?:\[![A-Za-z][^\n]*\]|:::[^\n]*:::
    |\[[^\]\n]+\]:[ \t]*\(?<?[^\s>)]+>?\)?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?)[ \t]*\r?$)""",
                  re.MULTILINE | re.IGNORECASE | re.DOTALL | re.VERBOSE)
# A link that is a whole segment: its text is the segment (its target is not translated).
_WHOLE_LINK = re.compile(r"""\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]
    (?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\[[^\[\]]*\])""", re.VERBOSE)
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
        if end > start and content[end - 1] == ">" and content[start:end - 1].rstrip(" \t>").endswith("\n"):
            end -= 1
            continue
        link = _WHOLE_LINK.fullmatch(content, start, end)
        if link is None or "[" in link["text"]:  # a link around an image or brackets is offered whole
            return start, end
        start, end = link.start("text"), link.end("text")


def _translatable(piece: str) -> bool:
    return _LETTER.search(piece) is not None and _NOT_TEXT.sub("", piece).strip(" \t\r\n*_") != ""


def split_sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a block's inline Markdown, without the white space between them.

    ``spans``: (start, end) of the emphasis, links and images of ``text``, inside which no sentence ends; found
    with a Markdown parser when not given."""
    if spans is None:
        spans = _inline_spans(text)
    pieces = []
    start = 0
    for boundary_start, boundary_end in _boundaries(text, spans):
        pieces.append((start, boundary_start))
        start = boundary_end
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if b > a]


def _inline_spans(text: str) -> list[tuple[int, int]]:
    to_char = char_offsets(text, text.encode("utf-8"))
    return [(to_char(node.srcmap[0]), to_char(node.srcmap[1])) for node in MARKDOWN.tree(text).walk()
            if node.name in _SPANS and node.srcmap]


# A sentence ends at . ! ? and the closing quotes or emphasis after it, followed by white space (a blockquote's >
# at the start of a line too); then comes anything but a small letter, or anything after a closing quote or
# emphasis. Not after a closing parenthesis: "(See below.) Then" is one segment.
_SENTENCE_END = re.compile(r"""(?P<stop>[.!?]+)(?P<closing>["'\u201d\u2019*_]*)
    (?P<gap>[ \t]+(?:\r?\n[ \t>]*)?|[ \t]*\r?\n[ \t>]*)(?=\S)|[\u3002\uff01\uff1f]""", re.VERBOSE)
# Words a period follows without ending the sentence: abbreviations, one letter (an initial, "package B."),
# an ellipsis, and file names, domains and paths ("nuget.org.", "packages.config.", "%ProgramData%/NuGet/Config.").
_NOT_AN_END = re.compile(r"""(?:^|[\s(\[*_"'])(?:e\.g|i\.e|etc|vs|cf|approx|Mr|Mrs|Ms|Dr|Jr|Sr|Inc|Ltd|Fig|al|[A-Za-z]
    |[\w%$~.-]*[/\\][\w%$~./\\-]*)$|\.\.$""", re.IGNORECASE | re.VERBOSE)
_QUOTE = re.compile(r"[\"'\u201d\u2019]")
_PROTECTED = re.compile(rf"{_CODE_SPAN}|\]\([^)]*\)|<[^<>]*>|\b(?:https?|ftp)://\S+", re.DOTALL)


def _boundaries(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    protected = [(match.start(), match.end()) for match in _PROTECTED.finditer(text)]
    last = 0
    for match in _SENTENCE_END.finditer(text):
        if match["stop"] is None:  # a CJK full stop
            yield match.end(), match.end()
            last = match.end()
            continue
        stop, gap, following = match.start(), match.start("gap"), match.end()
        if any(a <= stop < b for a, b in protected) or any(a < gap < b for a, b in spans):
            continue
        if text[following].islower() and not (_QUOTE.search(match["closing"]) or any(b == gap for _, b in spans)):
            continue
        if _NOT_AN_END.search(text, last, stop) or match["stop"].startswith("..") \
                or not _LETTER.search(text, last, stop):
            continue
        yield gap, following
        last = following
