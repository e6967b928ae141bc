"""Material's search index, built without Python's ``html.parser``: the same entries, several times faster.

Material's search plugin divides each page's HTML into sections (one per heading with an id) with a subclass of
``html.parser.HTMLParser``, a pure-Python tokenizer that calls a Python method for every tag and every run of text:
a fifth of a ``mkdocs build`` of this site. ``FastSearchIndex`` is Material's ``SearchIndex`` with that one step
replaced: one compiled regular expression cuts the page into text, start tags, end tags and comments, and a loop
keeps the same state as Material's ``Parser`` (its context of open elements, its skipped elements, its sections),
with counters where Material searches lists. Everything after the split (the section's location from the page's
table of contents, its title when it has none, jieba's segmentation of Chinese, tags and boost from the front
matter, the index file itself) is Material's own code, inherited.

The entries are the ones Material's parser gives, quirks included: its elements compare by tag name, so an element
with ``data-search-exclude`` skips every element of the same name in its context, and the first such element to
close ends the skipping of all of them; a heading without an id does not start a section; an empty element is
dropped only when the first opening tag of its name in the section is the last thing in it.

The regular expression matches only the markup whose reading by ``html.parser`` is unambiguous: tags with plain
attributes (whitespace between them, values quoted or bare), end tags, comments. Anything else at a ``<`` (a
``<script>`` or ``<style>``, whose content html.parser reads as raw text, a stray ``<``, ``<!DOCTYPE``, a
processing instruction, an attribute html.parser reads in its tolerant way) makes the page go through Material's
own parser, as does an end tag Material's parser would fail on. ``tests/test_search_index.py`` compares the index
of whole sites built both ways, and pages of awkward HTML.

``use_fast_search_index`` puts it in place of the search plugin's index; ``LOCDOCS_SEARCH_INDEX=material`` in the
environment keeps Material's (to compare, or should a page ever come out differently).
"""

from __future__ import annotations

import os
import re
from html import unescape
from typing import Any

from backrefs import bre
from material.plugins.search.plugin import Parser, SearchIndex, void  # type: ignore[import-untyped]

ENVIRONMENT = "LOCDOCS_SEARCH_INDEX"
"""``material`` keeps Material's own index (its html.parser-based parser)."""

_NAME = r"[^\s\"'<>/=\x00]+"  # stricter than html.parser's attribute name: what it reads the same way
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'>=`<][^\s>]*)"""
_TOKEN = re.compile(
    r"""([^<]*)                                              # 1 text, up to the next <
    (?:
        <([a-zA-Z][^\t\n\r\f />\x00]*)                       # 2 start tag: html.parser's tag name
        ((?:\s+""" + _NAME + r"(?:\s*=\s*" + _VALUE + r""")?)*)  # 3 its attributes
        \s*(/?)>                                             # 4 self-closing
      | </(?:([a-zA-Z][-.a-zA-Z0-9:_]*)\s*                   # 5 end tag: html.parser's endtagfind,
            |([a-zA-Z][^\t\n\r\f />\x00]*))>                 # 6 else its tolerant tag name up to the >
      | <!--.*?--\s*>                                        # a comment, to html.parser's first --\s*>
      | (<)                                                  # 7 anything else at a <: not read here
      | \Z
    )""",
    re.VERBOSE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"\s+(" + _NAME + r""")(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>=`<][^\s>]*)))?""")

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_VOID = frozenset(void)
_KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # Material's Parser.keep
_ALWAYS_SKIPPED = frozenset(("object", "script", "style"))  # Material's Parser.skip, never removed from it
_RAW_TEXT = frozenset(("script", "style"))  # html.parser's CDATA_CONTENT_ELEMENTS
_HAN = bre.compile(r"\p{script: Han}", bre.UNICODE)  # what Material's _segment_chinese segments
_BEFORE_HAN = "\u2e80"  # below the first Han character (CJK radicals): tests/test_search_index.py checks it
_NO_ATTRIBUTES: dict[str, str | None] = {}


class Unsupported(Exception):
    """HTML this module does not read the way html.parser does: the page goes through Material's parser."""


class Section:
    """One section of a page, as Material's parser's ``Section``: its heading's tag (``hx`` for the text before
    the first heading), whether the heading has ``data-search-exclude``, its depth, id, title and text."""

    __slots__ = ("depth", "excluded", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float, excluded: bool = False) -> None:
        self.tag = tag
        self.depth = depth
        self.excluded = excluded
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []


def _attributes(source: str) -> dict[str, str | None]:
    """A start tag's attributes as html.parser gives them: names lower-cased, values unquoted and unescaped, None
    without a value, the last of a repeated name."""
    attributes: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(source):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        attributes[name.lower()] = unescape(value) if value else value
    return attributes


def page_sections(html: str) -> list[Section]:  # noqa: PLR0912, PLR0915 -- one loop, Material's handlers inlined
    """The sections of a page's HTML, as Material's ``Parser`` divides it. Raises ``Unsupported``."""
    sections: list[Section] = []
    section: Section | None = None
    stack: list[str] = []  # the tags of Material's context, innermost last
    counts: dict[str, int] = {}  # how many of each tag the context has
    skipped = set(_ALWAYS_SKIPPED)  # Material's skip: its elements compare by tag, so it is a set of tags
    skipping = 0  # how many elements of the context have a skipped tag
    headerlinks: list[int] = []  # depths of the permalinks (a.headerlink) in the context
    for match in _TOKEN.finditer(html):
        data, tag, attribute_text, self_closing, end_tag, tolerant_end_tag, other = match.groups()
        end_tag = end_tag or tolerant_end_tag
        if data and not skipping:  # Material's handle_data
            if "&" in data:
                data = unescape(data)
            in_pre = counts.get("pre")
            if not in_pre:
                data = " " if data.isspace() else data.replace("\n", " ")
            if section is None:
                section = Section("hx", 0)
                sections.append(section)
            if counts.get(section.tag):
                if not headerlinks:  # html.escape(data, quote=False), without the call
                    section.title.append(data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
            elif data.isspace():
                text = section.text
                if not text or not text[-1].isspace() or in_pre:
                    text.append(data)
            else:
                section.text.append(data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        if tag is not None:  # Material's handle_starttag
            tag = tag.lower()
            if tag in _VOID:
                continue  # not in the context; its end tag (<br/>) never matches the innermost element
            if tag in _RAW_TEXT and not self_closing:
                raise Unsupported(f"<{tag}>: html.parser reads its content as raw text")
            attributes = _attributes(attribute_text) if attribute_text else _NO_ATTRIBUTES
            stack.append(tag)
            counts[tag] = counts.get(tag, 0) + 1
            if tag in skipped:
                skipping += 1
            if tag == "a" and attributes.get("class") == "headerlink":
                headerlinks.append(len(stack))
            if tag in _HEADINGS and "id" in attributes:
                depth = len(stack)
                if tag != "h1" and not sections:
                    sections.append(Section("hx", depth))
                section = Section(tag, depth, "data-search-exclude" in attributes)
                if sections:
                    section.id = attributes["id"]
                sections.append(section)
            if section is None:
                section = Section("hx", 0)
                sections.append(section)
            if attributes and ("data-search-exclude" in attributes or attributes.get("class") == "linenodiv"):
                if tag not in skipped:
                    skipped.add(tag)
                    skipping += counts[tag]
            elif not skipping and tag in _KEEP:
                (section.title if counts.get(section.tag) else section.text).append(f"<{tag}>")
            if not self_closing:
                continue
            end_tag = tag  # html.parser's handle_startendtag: the start tag, then the end tag
        if end_tag is not None:  # Material's handle_endtag
            tag = end_tag.lower()
            if not stack or stack[-1] != tag:
                continue
            assert section is not None  # made by the start tag of any element in the context
            depth = len(stack)
            if section.depth > depth:  # a heading nested in the element that ends: back to the enclosing section
                for previous in reversed(sections):
                    if previous.depth <= depth:
                        section.depth = float("inf")
                        section = previous
                        break
            stack.pop()
            counts[tag] -= 1
            if headerlinks and headerlinks[-1] == depth:
                headerlinks.pop()
            if tag in skipped:
                skipping -= 1
                if tag not in _ALWAYS_SKIPPED:
                    skipped.discard(tag)
                    skipping -= counts[tag]
                continue
            if not skipping and tag in _KEEP:
                parts = section.title if counts.get(section.tag) else section.text
                opening = f"<{tag}>"
                try:
                    index = parts.index(opening)
                except ValueError:
                    raise Unsupported(f"</{tag}> without <{tag}> in its section") from None
                for position in range(index + 1, len(parts)):
                    if not parts[position].isspace():
                        parts.append(f"</{tag}>")
                        break
                else:
                    del parts[index:]  # empty (or only white space)
        elif other is not None:
            raise Unsupported(f"markup at {match.start(7)} that html.parser reads its own way")
    return sections


class FastSearchIndex(SearchIndex):
    """Material's search index, each page divided into sections by ``page_sections``."""

    def add_entry_from_context(self, page: Any) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude") or not isinstance(page.content, str):
            super().add_entry_from_context(page)
            return
        try:
            sections: list[Any] = page_sections(page.content)
        except Unsupported:
            parser = Parser()
            parser.feed(page.content)
            parser.close()
            sections = [section for section in parser.data if not section.is_excluded()]
        else:
            sections = [section for section in sections if not section.excluded]
        for section in sections:
            self.create_entry_for_section(section, page.toc, page.url, page)

    def _segment_chinese(self, data: str) -> str:
        """Material's, without its regular expression's substitution where there is no Han character."""
        if max(data, default=" ") < _BEFORE_HAN or _HAN.search(data) is None:
            return data.strip("\u200b")
        return super()._segment_chinese(data)


def use_fast_search_index(config: Any) -> bool:
    """Put a ``FastSearchIndex`` in place of Material's search plugin's index (made in its ``on_config``), keeping
    its settings and entries; unless ``LOCDOCS_SEARCH_INDEX=material``, the plugin is not Material's, or its index
    is already another class. Returns whether the index is ours."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if isinstance(index, FastSearchIndex):
        return True
    if index is None or type(index) is not SearchIndex or os.environ.get(ENVIRONMENT) == "material":
        return False
    fast = FastSearchIndex(**index.config)
    fast.entries = index.entries  # static-i18n collects the entries of every locale built with this index
    plugin.search_index = fast
    return True
