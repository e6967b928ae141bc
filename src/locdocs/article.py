"""An article as later stages see it: front matter, headings with their anchors, links, with line numbers.

Markdown is parsed with markdown-it-py (CommonMark plus tables), so code blocks, HTML blocks and setext headings
are told apart the way a Markdown renderer does; line numbers are 1-based lines of the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from markdown_it import MarkdownIt

from .encoding import BOM
from .errors import FrontMatterError
from .frontmatter import front_matter_end, load_front_matter

_MARKDOWN = MarkdownIt("commonmark").enable("table")
# Headings and paragraphs need only the block structure: skipping inline parsing makes them several times cheaper.
_BLOCKS = MarkdownIt("commonmark").enable("table")
_BLOCKS.core.ruler.disable("inline")
_ANCHOR = re.compile(r"""^\s*<a\s+(?:name|id)\s*=\s*["']([^"']+)["']\s*>\s*</a>\s*""", re.IGNORECASE)
_HTML_URL = re.compile(r"""\b(href|src)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_HEADING_ID_ATTR = re.compile(r"""\{\s*#([\w-]+)[^}]*\}\s*$""")


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


@dataclass(frozen=True)
class Heading:
    """An ATX or setext heading."""

    level: int
    text: str
    """The heading's inline Markdown, without a leading ``<a name>`` anchor."""
    anchor: str | None
    """The id given by a leading ``<a name="...">`` (or ``{#id}``), the one every locale shares."""
    line: int

    @property
    def slug(self) -> str:
        return slugify(self.text)


@dataclass(frozen=True)
class Link:
    """A link or image target found in the article."""

    target: str
    line: int
    image: bool = False


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
    def _tokens(self):
        return _MARKDOWN.parse(self.body)

    @cached_property
    def _blocks(self):
        return _BLOCKS.parse(self.body)

    def _line(self, token) -> int:
        return (token.map[0] if token.map else 0) + self.body_start_line

    @cached_property
    def headings(self) -> list[Heading]:
        headings = []
        tokens = self._blocks
        for index, token in enumerate(tokens):
            if token.type != "heading_open":
                continue
            content = tokens[index + 1].content
            anchor = None
            if (match := _ANCHOR.match(content)) is not None:
                anchor, content = match.group(1), content[match.end():]
            elif (match := _HEADING_ID_ATTR.search(content)) is not None:
                anchor, content = match.group(1), content[:match.start()]
            headings.append(Heading(level=int(token.tag[1]), text=content.strip(), anchor=anchor,
                                    line=self._line(token)))
        return headings

    @cached_property
    def links(self) -> list[Link]:
        links: list[Link] = []
        for token in self._tokens:
            line = self._line(token)
            if token.type == "html_block":
                links.extend(Link(m.group(3), line + token.content.count("\n", 0, m.start()),
                                  image=m.group(1).lower() == "src") for m in _HTML_URL.finditer(token.content))
            for child in token.children or ():
                if child.type == "link_open":
                    links.append(Link(str(child.attrs.get("href", "")), line))
                elif child.type == "image":
                    links.append(Link(str(child.attrs.get("src", "")), line, image=True))
                elif child.type == "html_inline":
                    links.extend(Link(m.group(3), line, image=m.group(1).lower() == "src")
                                 for m in _HTML_URL.finditer(child.content))
        return links

    @cached_property
    def paragraphs(self) -> list[str]:
        """The inline text of every paragraph, heading and table cell, in order (for comparing with English)."""
        return [" ".join(_ANCHOR.sub("", token.content).split()) for token in self._blocks
                if token.type == "inline" and token.content.strip()]

    def anchors(self) -> set[str]:
        """Every id a ``#fragment`` can point at: heading anchors, heading slugs and HTML ids/names."""
        ids = {heading.anchor or heading.slug for heading in self.headings}
        ids.update(heading.slug for heading in self.headings)
        ids.update(re.findall(r"""<[a-z]+[^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']""", self.body, re.IGNORECASE))
        return ids
