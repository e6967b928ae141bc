"""An article as later stages see it: front matter, headings with their anchors, links, with line numbers.

Markdown is parsed with markdown-it-pyrs (markdown-it in Rust: CommonMark plus tables), so code blocks, HTML
blocks and setext headings are told apart the way a Markdown renderer does, at about ten times the speed of the
pure-Python markdown-it-py (a site of 25,000 files is checked in minutes, not hours). Its syntax tree maps every
node to a UTF-8 byte range of the source; line numbers are 1-based lines of the whole file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from pathlib import PurePosixPath

from markdown_it_pyrs import MarkdownIt, Node

from .encoding import BOM
from .errors import FrontMatterError
from .frontmatter import front_matter_end, load_front_matter

MARKDOWN = MarkdownIt("commonmark").enable("table")
"""The parser every reading of an article's structure uses: here, and the export's segments and alignment."""
_HEADINGS = ("heading", "lheading")
_TEXT_BLOCKS = (*_HEADINGS, "paragraph", "tcell")
_BLOCKS = frozenset({*_TEXT_BLOCKS, "bullet_list", "ordered_list", "list_item", "blockquote", "code_block", "fence",
                     "html_block", "table", "hr"})
_ANCHOR = re.compile(r"""^\s*<a\s+(?:name|id)\s*=\s*["']([^"']+)["']\s*>\s*</a>\s*""", re.IGNORECASE)
_HTML_URL = re.compile(r"""\b(href|src)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
# attr_list's block at the end of a heading, as Python-Markdown finds it: {#id}, {: #id .class }, { .class }.
ATTR_LIST = re.compile(r"""(?:[ \t]+|^)\{:?[ \t]*(?P<attrs>[^}\n ][^}\n]*?)[ \t]*\}[ \t]*$""")
ID_IN_ATTRS = re.compile(r"""(?:^|\s)#([\w-]+)""")


@lru_cache(maxsize=65536)  # the same links recur in every locale of an article
def resolve_link(page: PurePosixPath, path: str) -> PurePosixPath | None:
    """The path inside the locale folder that a relative link on ``page`` points at; None if it climbs out."""
    parts: list[str] = list(page.parent.parts)
    for part in PurePosixPath(path).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


def slugify(text: str) -> str:
    """The anchor id of a heading, as Microsoft Docs and Python-Markdown's toc make it: ``Need help? Contact
    support.`` -> ``need-help-contact-support``. Tags in the heading count as text, as they did there."""
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _start(node: Node) -> int:
    """The byte offset in the body where ``node`` starts: every node the parser reads from the source has one."""
    srcmap = node.srcmap
    if srcmap is None:
        raise ValueError(f"the Markdown parser gave a {node.name} node no source position")
    return srcmap[0]


@dataclass(frozen=True)
class Heading:
    """An ATX or setext heading."""

    level: int
    text: str
    """The heading's inline Markdown, without a leading ``<a name>`` anchor."""
    anchor: str | None
    """The id given by a leading ``<a name="...">`` (or ``{#id}``), the one every locale shares."""
    line: int

    @cached_property
    def slug(self) -> str:
        return slugify(self.text)


def parse_heading(content: str, level: int, line: int) -> Heading:
    """A heading from its inline Markdown: a leading ``<a name>`` anchor, else a trailing ``{#id}``, is its
    anchor, and is not part of its text."""
    anchor = None
    if (match := _ANCHOR.match(content)) is not None:
        anchor, content = match.group(1), content[match.end():]
    elif (match := ATTR_LIST.search(content)) is not None:
        id_match = ID_IN_ATTRS.search(match.group("attrs"))
        anchor, content = (id_match.group(1) if id_match else None), content[:match.start()]
    return Heading(level=level, text=content.strip(), anchor=anchor, line=line)


@dataclass(frozen=True)
class Link:
    """A link or image target found in the article."""

    target: str
    line: int
    image: bool = False


MAX_NESTING = 200
_DEEP_NESTING = re.compile(rf"^[ \t>*+-]{{{MAX_NESTING}}}", re.MULTILINE)


def too_deeply_nested(text: str) -> bool:
    """Does a line open more than MAX_NESTING characters of block quotes, list markers and indentation? Parsers
    recurse once per level (markdown-it's tree walk, Python-Markdown's block parser): such a text would exhaust
    their stack. No real article comes near."""
    return _DEEP_NESTING.search(text) is not None


_TAG = re.compile(r"<[^>\n]*>")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


def heading_names(heading: Heading) -> set[str]:
    """The ids a handoff's ``<a name>`` may give a heading: its own anchor, its slug as Python-Markdown's toc and
    as Microsoft Docs make it (which keeps a dash per removed character: ``Numpad & Function Keys`` ->
    ``numpad--function-keys``), of its text with and without its tags and link targets."""
    names = {heading.anchor, heading.slug} - {None}
    plain = _MARKDOWN_LINK.sub(r"\1", _TAG.sub("", heading.text))
    for text in (heading.text, _TAG.sub("", heading.text), plain):
        kept = re.sub(r"[^\w\s-]", "", text).strip().lower()
        names |= {re.sub(r"[-\s]+", "-", kept), re.sub(r"\s", "-", kept)}
    return {name for name in names if name}


def english_heading_ids(translation: Article, english: Article, theirs: list[str] | None = None) -> list[str | None]:
    """The id each heading of ``translation`` gets on its page: the id the English page gives (``theirs``, default
    the anchors, else the slugs of ``english``'s headings) to the English heading it corresponds to. A heading
    whose ``<a name>`` names an English heading (as any slug of it) corresponds to that one; the others are aligned
    by order and level with the English headings left; a heading neither finds keeps its own anchor, or None. No
    id is given twice."""
    theirs = theirs if theirs is not None else [heading.anchor or heading.slug for heading in english.headings]
    ids: list[str | None] = [None] * len(translation.headings)
    named: dict[str, list[int]] = {}
    for index, heading in enumerate(english.headings):
        for name in heading_names(heading) | {theirs[index]}:
            named.setdefault(name, []).append(index)
    used: set[int] = set()
    for position, heading in enumerate(translation.headings):
        match = next((index for index in named.get(heading.anchor or "", []) if index not in used), None)
        if match is not None:
            ids[position] = theirs[match]
            used.add(match)
    left = [position for position, heading_id in enumerate(ids) if heading_id is None]
    free = [index for index in range(len(english.headings)) if index not in used]
    matcher = SequenceMatcher(None, [translation.headings[p].level for p in left],
                              [english.headings[i].level for i in free], autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            ids[left[block.a + offset]] = theirs[free[block.b + offset]]
    given = {heading_id for heading_id in ids if heading_id}
    for position, heading in enumerate(translation.headings):
        if ids[position] is None and heading.anchor and heading.anchor not in given:
            ids[position] = heading.anchor
            given.add(heading.anchor)
    return ids


@dataclass
class Article:
    """One Markdown file, decoded."""

    text: str
    """The text, without a BOM."""
    front_matter: dict = field(default_factory=dict)
    front_matter_error: FrontMatterError | None = None
    has_front_matter: bool = False
    body_start_line: int = 1
    """The 1-based line where the Markdown after the front matter starts."""

    @classmethod
    def from_text(cls, text: str) -> Article:
        text = text.removeprefix(BOM)
        end = front_matter_end(text)
        article = cls(text=text, has_front_matter=bool(end), body_start_line=text.count("\n", 0, end) + 1)
        try:
            article.front_matter = load_front_matter(text)
        except FrontMatterError as error:
            article.front_matter_error = error
        return article

    @property
    def body(self) -> str:
        return self.text[self._body_offset:]

    @cached_property
    def _body_offset(self) -> int:
        return front_matter_end(self.text)

    @cached_property
    def _source(self) -> bytes:
        """The body as UTF-8: the parser's node ranges are byte offsets into it."""
        return self.body.encode("utf-8")

    @cached_property
    def _nodes(self) -> list[tuple[str, Node]]:
        """Every node of the syntax tree with its type, in document order. The type is read once: each read of a
        node's attribute makes a new Python object, and a site has millions of nodes."""
        if too_deeply_nested(self.body):
            return []  # not parsed at all: the check reports it (unsafe-content), the site never renders it
        return [(node.name, node) for node in MARKDOWN.tree(self.body).walk()][1:]  # without the root

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer(b"\n", self._source))]

    def _line(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset) - 1 + self.body_start_line

    def _inline_source(self, node: Node) -> str:
        """The Markdown of a block's inline content (its children's byte range): markup and all, as written."""
        ranges = [child.srcmap for child in node.children if child.srcmap]
        if not ranges:
            return ""
        return self._source[ranges[0][0]:ranges[-1][1]].decode("utf-8", "replace")

    @cached_property
    def headings(self) -> list[Heading]:
        headings = []
        for name, node in self._nodes:
            if name not in _HEADINGS:
                continue
            headings.append(parse_heading(self._inline_source(node), int(node.meta["level"]),
                                          self._line(_start(node))))
        return headings

    @cached_property
    def links(self) -> list[Link]:
        links: list[Link] = []
        for name, node in self._nodes:
            if name in {"link", "image"}:
                links.append(Link(str(node.meta.get("url", "")), self._line(_start(node)), image=name == "image"))
            elif name in {"html_inline", "html_block"}:
                content, start = node.meta.get("content", ""), _start(node)
                links.extend(Link(m.group(3), self._line(start + len(content[:m.start()].encode("utf-8"))),
                                  image=m.group(1).lower() == "src") for m in _HTML_URL.finditer(content))
        return links

    @cached_property
    def paragraphs(self) -> list[str]:
        """The inline text of every paragraph, heading and table cell, in order (for comparing with English)."""
        texts = (" ".join(_ANCHOR.sub("", self._inline_source(node)).split()) for name, node in self._nodes
                 if name in _TEXT_BLOCKS)
        return [text for text in texts if text]

    @cached_property
    def blocks(self) -> list[tuple[str, str]]:
        """(kind, inline Markdown as written) of every heading, paragraph and table cell, in order: the structure
        a translation shares with its English. The kind is ``h1``…``h6``, ``paragraph`` or ``cell``."""
        blocks = []
        for name, node in self._nodes:
            if name in _HEADINGS:
                blocks.append((f"h{node.meta['level']}", self._inline_source(node)))
            elif name in ("paragraph", "tcell"):
                blocks.append(("paragraph" if name == "paragraph" else "cell", self._inline_source(node)))
            elif name == "list_item":  # a tight list's item holds its text without a paragraph
                inline = []
                for child in node.children:
                    if child.name in _BLOCKS or not child.srcmap:
                        break
                    inline.append(child.srcmap)
                if inline:
                    text = self._source[inline[0][0]:inline[-1][1]].decode("utf-8", "replace")
                    blocks.append(("paragraph", text))
        return blocks

    def anchors(self) -> set[str]:
        """Every id a ``#fragment`` can point at: heading anchors, heading slugs and HTML ids/names."""
        return self._anchors

    @cached_property
    def _anchors(self) -> set[str]:
        ids = {heading.anchor or heading.slug for heading in self.headings}
        ids.update(heading.slug for heading in self.headings)
        ids.update(re.findall(r"""<[a-z]+[^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']""", self.body, re.IGNORECASE))
        return ids
