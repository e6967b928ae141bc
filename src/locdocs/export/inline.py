"""A segment's inline Markdown as XLIFF 1.2 inline codes a translator cannot break, and back.

Codes. Everything in a segment that is markup rather than text becomes a code whose content is the Markdown as
written, so that the file is self-contained and a CAT tool shows the translator what each code stands for:

* ``<ph>`` (placeholder) for what stands alone: code spans, autolinks and bare URLs, collapsed and shortcut
  reference links (``[CommonMark][]``, ``[CommonMark]``: their text is the label naming the definition), images,
  void or self-closing HTML tags (``<br>``), HTML comments, DocFX blocks (``[!NOTE]``), unescaped table pipes, line
  breaks inside a paragraph (with the indentation or ``>`` of the next line), and characters XML 1.0 cannot hold
  (as ``U+XXXX``);
* ``<bpt>``/``<ept>`` with the same ``id`` for what comes in pairs: emphasis (``**``, ``*``, ``__``, ``_``,
  ``~~``), HTML elements (``<kbd>`` … ``</kbd>``, ``<a href>`` … ``</a>``) and links (``[`` … ``](url)``,
  ``[`` … ``][ref]``), whose text stays translatable;
* ``<it pos="open|close">`` for half a pair whose other half is in another segment (a bold run over two
  sentences, an ``<a>`` closed in the next sentence).

Why ``<bpt>``/``<ept>`` rather than ``<g>``: a ``<g>`` has no content, so the Markdown of the opening and closing
markup would have to live outside the file (or in a private attribute that CAT tools drop), while a
``<bpt>``'s content is the markup itself; bpt/ept may also overlap, which Markdown emphasis and links sometimes
do, and their halves can be told apart from isolated halves (``<it>``), which ``<g>`` cannot express. Trados,
memoQ, Phrase, OmegaT, Okapi and translate-toolkit all read bpt/ept/ph/it (Okapi writes them for Markdown and
HTML itself); ``<g>`` support is no better.

Entities (``&lt;``, ``&nbsp;``) and backslash escapes (``\\*``) stay text: they are characters of the text, a
translator may need to change them (a French non-breaking space), and they never make markup. The pseudo
translation keeps them as they are.

Back from a returned file, codes give their content and text gives itself, so ``markdown -> element ->
markdown`` is exact. A translator's text is untrusted: if, put together, it would make markup the element does
not have (``<script>`` typed as text, a new link, a stray backtick that swallows a code span, a ``|`` that
splits a cell), its markup characters are backslash-escaped, so that it stays the text it was; line breaks typed
in the text become spaces (they could start a heading or a list).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ..errors import XliffError

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_NS = f"{{{NAMESPACE}}}"
_CODE_TAGS = ("ph", "bpt", "ept", "it")

# --- The tokenizer: Markdown inline text -> text and codes --------------------------------------------------

_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BREAK = re.compile(r"(?:\\|[ \t]*)(?:\r\n|\r|\n)[ \t>]*")
_BACKTICKS = re.compile(r"`+")
_TAG_NAME = r"[A-Za-z][A-Za-z0-9-]*"
_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_OPEN_TAG = re.compile(rf"<({_TAG_NAME})(?:{_ATTRIBUTE})*\s*(/?)>")
_CLOSE_TAG = re.compile(rf"</({_TAG_NAME})\s*>")
_OTHER_HTML = re.compile(r"<!-->|<!--->|<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![A-Za-z][^>]*>", re.DOTALL)
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\x00-\x1f]*>"
    r"|<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<]*", re.IGNORECASE)
_DOCFX = re.compile(r"\[![A-Za-z]")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHAR_CODE = re.compile(r"U\+([0-9A-F]{4})")
_VOID_ELEMENTS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                            "track", "wbr"))
_EMPHASIS_TYPES = {"***": "x-bold-italic", "___": "x-bold-italic", "**": "bold", "__": "bold", "*": "italic",
                   "_": "italic", "~~": "x-strikethrough"}


@dataclass
class _Code:
    """One code of a segment: ``kind`` is ph, bpt, ept or it; bpt and ept of a pair share their ``pair``."""

    kind: str
    markdown: str
    ctype: str | None = None
    pair: int | None = None
    pos: str | None = None
    id: str = ""


@dataclass
class _Delimiter:
    """A run of emphasis characters, a code once it has found its partner (or an isolated half)."""

    markdown: str
    can_open: bool
    can_close: bool


@dataclass
class _OpenTag:
    markdown: str
    name: str


def _is_space(character: str) -> bool:
    return character in "\t\n\f\r" or unicodedata.category(character) == "Zs"


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character)[0] in "PS"


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) of the delimiter run text[start:end], as CommonMark defines them."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not _is_space(after) and (not _is_punctuation(after) or _is_space(before) or _is_punctuation(before))
    right = not _is_space(before) and (not _is_punctuation(before) or _is_space(after) or _is_punctuation(after))
    return left, right


def _code_span_end(text: str, start: int, limit: int) -> int | None:
    """The end of the code span opening with the backtick run at ``start``, or None if the run stays literal."""
    run = _BACKTICKS.match(text, start, limit)
    assert run is not None
    length = len(run.group())
    for closing in _BACKTICKS.finditer(text, run.end(), limit):
        if len(closing.group()) == length:
            return closing.end()
    return None


def _bracket_end(text: str, start: int, limit: int) -> int | None:
    """The index of the ``]`` closing the ``[`` at ``start`` (escapes and code spans skipped), or None."""
    depth = 0
    index = start
    while index < limit:
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character == "`":
            end = _code_span_end(text, index, limit)
            if end is not None:
                index = end
                continue
            index += len(_BACKTICKS.match(text, index).group())  # type: ignore[union-attr]
            continue
        if character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _link_tail_end(text: str, start: int, limit: int) -> int | None:
    """The end of a link's ``(destination "title")`` or ``[ref]``/``[]`` starting at ``start`` (just after the
    ``]``), or None when none follows (then the brackets are text)."""
    if start >= limit:
        return None
    if text[start] == "(":
        depth = 0
        index = start
        while index < limit:
            character = text[index]
            if character == "\\":
                index += 2
                continue
            if character == "(":
                depth += 1
            elif character == ")":
                depth -= 1
                if depth == 0:
                    return index + 1
            elif character == "\n" and text[start:index].count("\n") > 1:
                return None
            index += 1
        return None
    if text[start] == "[":
        index = start + 1
        while index < limit and text[index] not in "[]":
            index += 2 if text[index] == "\\" else 1
        if index < limit and text[index] == "]":
            return index + 1
    return None


def _url_end(text: str, start: int, limit: int) -> int | None:
    """The end of a bare URL at ``start`` (GFM's extended autolink: trailing punctuation and unbalanced
    parentheses are not part of it), or None."""
    if start > 0 and not (_is_space(text[start - 1]) or text[start - 1] in "*_~(\"'"):
        return None
    match = _BARE_URL.match(text, start, limit)
    if match is None:
        return None
    end = match.end()
    while end > start:
        last = text[end - 1]
        unbalanced = last == ")" and text.count("(", start, end) < text.count(")", start, end)
        if last not in "?!.,:*_~'\"" and not unbalanced:
            break
        end -= 1
    scheme = text.find("//", start, end)
    body_start = scheme + 2 if scheme >= 0 else start + 4
    return end if end > body_start else None


class _Scanner:
    """Splits a segment into text and provisional codes, left to right, as CommonMark gives precedence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces: list[str | _Code | _Delimiter | _OpenTag] = []
        self.plain: list[str] = []
        self.link_ends: dict[int, int] = {}  # index of a link's (or image's) "]" -> end of its "](url)"
        self.link_opens: dict[int, int] = {}  # index of that "]" -> index in pieces of its "[" (or "![") code
        self.pair = 0
        self.index = 0
        self.limit = len(text)

    def emit(self, code: _Code | _Delimiter | _OpenTag, end: int) -> None:
        if self.plain:
            self.pieces.append("".join(self.plain))
            self.plain.clear()
        self.pieces.append(code)
        self.index = end

    def keep(self, end: int) -> None:
        self.plain.append(self.text[self.index:end])
        self.index = end

    def scan(self) -> list[str | _Code | _Delimiter | _OpenTag]:
        text = self.text
        handlers = {"\\": self.backslash, " ": self.line_break, "\t": self.line_break, "\r": self.line_break,
                    "\n": self.line_break, "`": self.backticks, "<": self.angle, "!": self.image, "[": self.bracket,
                    "|": self.pipe, "*": self.emphasis, "_": self.emphasis, "~": self.emphasis, "h": self.url,
                    "H": self.url, "w": self.url, "W": self.url}
        while self.index < len(text):
            self.limit = min((end for end in self.link_ends if end >= self.index), default=len(text))
            if self.index in self.link_ends:
                self.link_close()
                continue
            character = text[self.index]
            handler = handlers.get(character)
            if handler is not None and handler():
                continue
            if _XML_INVALID.match(character):
                self.emit(_Code("ph", f"U+{ord(character):04X}", "x-char"), self.index + 1)
                continue
            self.keep(self.index + 1)
        self.emit(_Code("ph", ""), len(text))  # flushes the text; this empty code is dropped just below
        self.pieces.pop()
        # A link whose "](url)" was swallowed by something longer: its "[" is text after all.
        for opener_index in self.link_opens.values():
            opener = self.pieces[opener_index]
            assert isinstance(opener, _Code)
            self.pieces[opener_index] = opener.markdown
        return self.pieces

    def link_close(self) -> None:
        end = self.link_ends.pop(self.index)
        opener = self.pieces[self.link_opens.pop(self.index)]
        assert isinstance(opener, _Code)
        self.emit(_Code("ept", self.text[self.index:end], opener.ctype, opener.pair), end)

    def backslash(self) -> bool:
        if self.text[self.index + 1:self.index + 2] in _ASCII_PUNCTUATION and self.index + 1 < len(self.text):
            self.keep(self.index + 2)
            return True
        return self.line_break()

    def line_break(self) -> bool:
        match = _BREAK.match(self.text, self.index, self.limit)
        if match is None:
            return False
        self.emit(_Code("ph", match.group(), "lb"), match.end())
        return True

    def backticks(self) -> bool:
        end = _code_span_end(self.text, self.index, self.limit)
        if end is None:
            run = _BACKTICKS.match(self.text, self.index)
            assert run is not None
            self.keep(run.end())
        else:
            self.emit(_Code("ph", self.text[self.index:end], "x-code"), end)
        return True

    def angle(self) -> bool:
        text, index, limit = self.text, self.index, self.limit
        if (match := _AUTOLINK.match(text, index, limit)) is not None:
            self.emit(_Code("ph", match.group(), "x-url"), match.end())
        elif (match := _OPEN_TAG.match(text, index, limit)) is not None:
            name = match.group(1).lower()
            if match.group(2) or name in _VOID_ELEMENTS:
                ctype = "lb" if name == "br" else "image" if name == "img" else "x-html"
                self.emit(_Code("ph", match.group(), ctype), match.end())
            else:
                self.emit(_OpenTag(match.group(), name), match.end())
        elif (match := _CLOSE_TAG.match(text, index, limit)) is not None:
            self.emit(_OpenTag(match.group(), "/" + match.group(1).lower()), match.end())
        elif (match := _OTHER_HTML.match(text, index, limit)) is not None:
            self.emit(_Code("ph", match.group(), "x-html"), match.end())
        return match is not None

    def open_link(self, start: int, markdown: str, ctype: str) -> bool:
        """A link (or image) whose "[" is at ``start``: its opening a code, its "](url)" registered for later."""
        close = _bracket_end(self.text, start, self.limit)
        end = _link_tail_end(self.text, close + 1, self.limit) if close is not None else None
        if close is None or end is None:
            return False
        self.pair += 1
        self.emit(_Code("bpt", markdown, ctype, self.pair), self.index + len(markdown))
        self.link_ends[close] = end
        self.link_opens[close] = len(self.pieces) - 1
        return True

    def image(self) -> bool:
        # Its alt text is translated, as a link's text is.
        return self.text.startswith("[", self.index + 1) and self.open_link(self.index + 1, "![", "x-image")

    def bracket(self) -> bool:
        if _DOCFX.match(self.text, self.index):
            close = _bracket_end(self.text, self.index, self.limit)
            if close is not None:
                self.emit(_Code("ph", self.text[self.index:close + 1], "x-docfx"), close + 1)
                return True
        # A collapsed or shortcut reference link ([CommonMark][], [CommonMark], defined elsewhere as
        # "[CommonMark]: URL") is its label: a translated label names no definition and the link is lost. (Brackets
        # meant as text are escaped in real docs.)
        close = _bracket_end(self.text, self.index, self.limit)
        if close is not None and self.text.startswith("[]", close + 1):
            self.emit(_Code("ph", self.text[self.index:close + 3], "x-reference"), close + 3)
            return True
        if self.open_link(self.index, "[", "link"):
            return True
        if close is None or close == self.index + 1 or "\n" in self.text[self.index:close] \
                or self.text.startswith(("(", "[", ":"), close + 1):
            return False
        self.emit(_Code("ph", self.text[self.index:close + 1], "x-reference"), close + 1)
        return True

    def pipe(self) -> bool:
        self.emit(_Code("ph", "|", "x-pipe"), self.index + 1)
        return True

    def emphasis(self) -> bool:
        text, index = self.text, self.index
        run_end = index
        while run_end < len(text) and text[run_end] == text[index]:
            run_end += 1
        run = text[index:run_end]
        can_open, can_close = _flanking(text, index, run_end)
        if run[0] == "_":  # an intraword _ neither opens nor closes
            before = text[index - 1] if index else " "
            after = text[run_end] if run_end < len(text) else " "
            can_open, can_close = (can_open and (not can_close or _is_punctuation(before)),
                                   can_close and (not can_open or _is_punctuation(after)))
        if run in _EMPHASIS_TYPES and (can_open or can_close):
            self.emit(_Delimiter(run, can_open, can_close), run_end)
        else:
            self.keep(run_end)
        return True

    def url(self) -> bool:
        end = _url_end(self.text, self.index, self.limit)
        if end is None:
            return False
        self.emit(_Code("ph", self.text[self.index:end], "x-url"), end)
        return True


def _pair_delimiters(pieces: list, result: list, pair: int) -> int:
    """Each emphasis run that can close pairs with the nearest opener of the same run before it."""
    openers: list[int] = []
    for position, piece in enumerate(pieces):
        if not isinstance(piece, _Delimiter):
            continue
        partner = None
        if piece.can_close:
            for depth in range(len(openers) - 1, -1, -1):
                if pieces[openers[depth]].markdown == piece.markdown:
                    partner = openers[depth]
                    del openers[depth:]
                    break
        if partner is not None:
            pair += 1
            ctype = _EMPHASIS_TYPES[piece.markdown]
            result[partner] = _Code("bpt", piece.markdown, ctype, pair)
            result[position] = _Code("ept", piece.markdown, ctype, pair)
        elif piece.can_open:
            openers.append(position)
    return pair


def _pair_tags(pieces: list, result: list, pair: int) -> int:
    """Each closing HTML tag pairs with the nearest unpaired opening tag of the same name."""
    openers: list[int] = []
    for position, piece in enumerate(pieces):
        if not isinstance(piece, _OpenTag):
            continue
        if not piece.name.startswith("/"):
            openers.append(position)
            continue
        for depth in range(len(openers) - 1, -1, -1):
            opener = pieces[openers[depth]]
            if opener.name == piece.name[1:]:
                pair += 1
                ctype = "link" if opener.name == "a" else "x-html"
                result[openers[depth]] = _Code("bpt", opener.markdown, ctype, pair)
                result[position] = _Code("ept", piece.markdown, ctype, pair)
                del openers[depth]
                break
    return pair


def _unpaired(piece: _Delimiter | _OpenTag) -> str | _Code:
    """What found no partner: half a pair whose other half is in another segment, or text."""
    if isinstance(piece, _OpenTag):
        return _Code("it", piece.markdown, "x-html", pos="close" if piece.name.startswith("/") else "open")
    if piece.markdown[0] in "*_" and piece.can_open != piece.can_close:
        return _Code("it", piece.markdown, _EMPHASIS_TYPES[piece.markdown], pos="open" if piece.can_open else "close")
    return piece.markdown


def _pair_up(pieces: list[str | _Code | _Delimiter | _OpenTag]) -> list[str | _Code]:
    """Pair emphasis runs and HTML tags, number every code (a pair's two halves share an id), and merge text."""
    pair = max((piece.pair or 0 for piece in pieces if isinstance(piece, _Code)), default=0)
    result: list[str | _Code | None] = [piece if isinstance(piece, (str, _Code)) else None for piece in pieces]
    pair = _pair_tags(pieces, result, _pair_delimiters(pieces, result, pair))
    merged: list[str | _Code] = []
    ids: dict[int | None, str] = {}
    number = 0
    for position, found in enumerate(result):
        piece = pieces[position]
        item = found if found is not None else _unpaired(piece)  # type: ignore[arg-type]
        if isinstance(item, str):
            if merged and isinstance(merged[-1], str):
                merged[-1] += item
            elif item:
                merged.append(item)
            continue
        if item.kind == "ept":
            item.id = ids[item.pair]
        else:
            number += 1
            item.id = str(number)
            if item.kind == "bpt":
                ids[item.pair] = item.id
        merged.append(item)
    return merged


def tokenize(markdown: str) -> list[str | _Code]:
    """``markdown`` as text and codes, in order; joined back (a code by its ``markdown``) it is ``markdown``."""
    return _pair_up(_Scanner(markdown).scan())


_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")


def word_count(markdown: str, *, plain: bool = False) -> int:
    """The words of a segment as a CAT tool counts them, what a quote is based on: words of its text, not of its
    codes (a link's text counts, its target does not)."""
    pieces = _plain_pieces(markdown) if plain else tokenize(markdown)
    return len(_WORD.findall(" ".join(piece for piece in pieces if isinstance(piece, str))))


# --- Markdown -> element ------------------------------------------------------------------------------------


def fill_element(element: etree._Element, markdown: str, *, plain: bool = False) -> etree._Element:
    """Make ``element`` (a ``<source>`` or ``<target>``, its attributes kept) hold ``markdown`` as text and inline
    codes numbered from 1; with ``plain`` (a front matter value, which is not Markdown) as text alone. Returns
    ``element``."""
    _write_pieces(element, _plain_pieces(markdown) if plain else tokenize(markdown))
    return element


def fill_target(element: etree._Element, markdown: str, source: etree._Element, *, plain: bool = False) -> bool:
    """Fill ``element`` with a translation of ``source`` (a filled element): each of its codes takes the id of the
    source's code with the same content (the first unused one: word order may move codes), a code the source
    does not have a new id. Return whether the translation has exactly the source's codes, which a returned
    file must keep (``check_codes``)."""
    pieces = _plain_pieces(markdown) if plain else tokenize(markdown)
    wanted: dict[tuple[str, ...], list[str]] = {}
    source_codes = list(codes(source))
    closing = {code.id: code.content for code in source_codes if code.kind == "ept"}
    for code in source_codes:
        if code.kind == "ept":
            continue
        key = (code.kind, code.content, closing.get(code.id, "")) if code.kind == "bpt" else (
            code.kind, code.content, code.pos or "")
        wanted.setdefault(key, []).append(code.id)
    numbers = [int(code.id) for code in source_codes if code.id.isdecimal()]
    fresh = max(numbers, default=0)
    target_closing = {piece.id: piece.markdown for piece in pieces if isinstance(piece, _Code) and piece.kind == "ept"}
    renamed: dict[str, str] = {}
    exact = True
    for piece in pieces:
        if not isinstance(piece, _Code) or piece.kind == "ept":
            continue
        key = (piece.kind, piece.markdown, target_closing.get(piece.id, "")) if piece.kind == "bpt" else (
            piece.kind, piece.markdown, piece.pos or "")
        if wanted.get(key):
            renamed[piece.id] = wanted[key].pop(0)
        else:
            fresh += 1
            renamed[piece.id] = str(fresh)
            exact = False
    for piece in pieces:
        if isinstance(piece, _Code):
            piece.id = renamed[piece.id]
    _write_pieces(element, pieces)
    return exact and not any(wanted.values())


def _write_pieces(element: etree._Element, pieces: list[str | _Code]) -> None:
    for child in list(element):
        element.remove(child)
    element.text = None
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        code = etree.SubElement(element, _NS + piece.kind, id=piece.id)
        if piece.kind == "it" and piece.pos:
            code.set("pos", piece.pos)
        if piece.ctype:
            code.set("ctype", piece.ctype)
        code.text = piece.markdown
        last = code


def _plain_pieces(text: str) -> list[str | _Code]:
    """Text whose XML-invalid characters alone are codes."""
    if not _XML_INVALID.search(text):
        return [text] if text else []
    pieces: list[str | _Code] = []
    last = 0
    for number, match in enumerate(_XML_INVALID.finditer(text), start=1):
        pieces.append(text[last:match.start()])
        pieces.append(_Code("ph", f"U+{ord(match.group()):04X}", "x-char", id=str(number)))
        last = match.end()
    pieces.append(text[last:])
    return [piece for piece in pieces if piece != ""]


# --- Element -> Markdown ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InlineCode:
    """A code as read from an element."""

    kind: str
    id: str
    content: str
    ctype: str | None
    pos: str | None

    @property
    def markdown(self) -> str:
        if self.ctype == "x-char" and (match := _CHAR_CODE.fullmatch(self.content)) is not None:
            return chr(int(match.group(1), 16))
        return self.content


def _localname(node: etree._Element) -> str:
    return etree.QName(node).localname


def line_of(node: etree._Element) -> int | None:
    """The line of an element in the file it was parsed from (None for one built in memory)."""
    line = node.sourceline
    return line if isinstance(line, int) else None


def text_of(node: etree._Element) -> str:
    """All the text inside an element, without its tail."""
    return str(etree.tostring(node, method="text", encoding="unicode", with_tail=False))


def read_pieces(element: etree._Element, segment_id: str) -> list[str | InlineCode]:
    """The text and codes of a ``<source>`` or ``<target>`` in order; ``<mrk>`` (a CAT tool's segment or comment
    markers) unwrapped, comments and processing instructions ignored. Raise XliffError for any other element (a
    ``<g>``, ``<x/>``…): export writes none, so it was added."""
    pieces: list[str | InlineCode] = []

    def add_text(text: str | None) -> None:
        if text:
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += text
            else:
                pieces.append(text)

    def walk(node: etree._Element) -> None:
        add_text(node.text)
        for child in node:
            if isinstance(child.tag, str):
                namespace = etree.QName(child).namespace
                name = _localname(child)
                if namespace not in (NAMESPACE, None):
                    raise XliffError(f"segment {segment_id}: an extra <{child.tag}> element that the English does "
                                     "not have", line=line_of(child))
                if name == "mrk":
                    walk(child)
                elif name in _CODE_TAGS:
                    pieces.append(InlineCode(name, child.get("id") or "", text_of(child),
                                             child.get("ctype"), child.get("pos")))
                else:
                    raise XliffError(f"segment {segment_id}: an extra <{name}> tag that the English does not have",
                                     line=line_of(child))
            add_text(child.tail)

    walk(element)
    return pieces


_ESCAPED = re.compile(r"([\\`*_\[\]<>|~!])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def element_markdown(element: etree._Element, segment_id: str = "?", *, plain: bool = False) -> str:
    """The Markdown of a ``<source>`` or ``<target>``: its text, and each code's content. Text that would make
    markup the element does not have is escaped (see the module's docstring); ``plain`` (a front matter value):
    text as it is, line breaks included."""
    pieces = read_pieces(element, segment_id)
    if plain:
        return "".join(piece if isinstance(piece, str) else piece.markdown for piece in pieces)
    texts = [_NEWLINES.sub(" ", piece) if isinstance(piece, str) else piece.markdown for piece in pieces]
    markdown = "".join(texts)
    if _same_codes(texts, pieces, markdown):
        return markdown
    texts = [_ESCAPED.sub(r"\\\1", text) if isinstance(piece, str) else text for text, piece in zip(texts, pieces,
                                                                                                   strict=True)]
    return "".join(texts)


def _same_codes(texts: list[str], pieces: list[str | InlineCode], markdown: str) -> bool:
    """Does ``markdown`` tokenize into codes exactly where the element has them?"""
    expected = []
    position = 0
    for text, piece in zip(texts, pieces, strict=True):
        if not isinstance(piece, str):
            expected.append((position, position + len(text)))
        position += len(text)
    found = []
    position = 0
    for token in tokenize(markdown):
        length = len(token) if isinstance(token, str) else len(token.markdown)
        if not isinstance(token, str):
            found.append((position, position + length))
        position += length
    return _merge_adjacent(found) == _merge_adjacent(expected)


def _merge_adjacent(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with adjacent ones joined: two codes side by side are as safe as one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        elif end > start:
            merged.append((start, end))
    return merged


# --- The check: a target keeps its source's codes -----------------------------------------------------------


_DESCRIPTIONS = {"x-code": "the code span {}", "image": "the image {}", "x-url": "the URL {}",
                 "x-pipe": "a table pipe {}", "x-char": "the character {}", "x-docfx": "the block {}",
                 "bold": "the bold marker {}", "italic": "the italic marker {}",
                 "x-strikethrough": "the strikethrough marker {}", "x-bold-italic": "the bold italic marker {}"}


def describe(code: InlineCode) -> str:
    """A code as a translator knows it: the link to URL, the code span `x`, the tag <kbd>."""
    text = code.content
    shown = text if len(text) <= 60 else text[:57] + "..."
    if text.startswith(("](", "][")):
        destination = text[2:-1].split()
        what = "image" if code.ctype == "x-image" else "link"
        if text.startswith("]["):
            return f"the {what} to [{text[2:-1]}]" if text != "][]" else f"the {what}'s closing ][]"
        return f"the {what} to {destination[0] if destination else '(nothing)'}"
    if text in ("[", "!["):
        return f"the opening {text} of {'an image' if text == '![' else 'a link'}"
    if code.ctype == "lb" and not text.startswith("<"):
        return "a line break"
    if code.ctype in _DESCRIPTIONS:
        return _DESCRIPTIONS[code.ctype].format(shown)
    return f"the tag {shown}" if text.startswith("<") else f"the code {shown}"


def check_codes(source: etree._Element, target: etree._Element, segment_id: str) -> None:
    """Raise XliffError unless ``target`` has exactly the codes of ``source``: the same ids with the same
    content, each once, a pair's opening before its closing (codes may move: word order differs)."""
    source_codes = [piece for piece in read_pieces(source, segment_id) if isinstance(piece, InlineCode)]
    target_codes = [piece for piece in read_pieces(target, segment_id) if isinstance(piece, InlineCode)]
    expected = {(code.kind, code.id): code for code in source_codes}
    line = line_of(target)
    seen: dict[tuple[str, str], int] = {}
    for position, code in enumerate(target_codes):
        key = (code.kind, code.id)
        original = expected.get(key)
        if original is None:
            raise XliffError(f"segment {segment_id}: the translation has an extra <{code.kind} id=\"{code.id}\"> "
                             f"({code.content[:60]!r}) that the English does not have", line=line)
        if key in seen:
            raise XliffError(f"segment {segment_id}: the translation has {describe(original)} twice "
                             f"(<{code.kind} id=\"{code.id}\">)", line=line)
        if code.content != original.content:
            raise XliffError(f"segment {segment_id}: the translation changed {describe(original)} into "
                             f"{code.content[:60]!r}", line=line)
        seen[key] = position
    for key, original in expected.items():
        if key not in seen:
            pair = expected.get(("ept", original.id)) if original.kind == "bpt" else None
            raise XliffError(f"segment {segment_id}: the translation lost {describe(pair or original)} "
                             f"(<{original.kind} id=\"{original.id}\">)", line=line)
    for (kind, code_id), position in seen.items():
        if kind == "bpt" and seen[("ept", code_id)] < position:
            raise XliffError(f"segment {segment_id}: in the translation, {describe(expected[('ept', code_id)])} "
                             f"comes before its opening {expected[(kind, code_id)].content!r}", line=line)


def codes(element: etree._Element, segment_id: str = "?") -> Iterator[InlineCode]:
    """The codes of an element, in order."""
    return (piece for piece in read_pieces(element, segment_id) if isinstance(piece, InlineCode))
