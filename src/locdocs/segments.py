"""Parse the side-by-side span markup of a handoff into segments, and render either side.

A translation system exports every sentence ("segment") of an article as::

    <span data-ttu-id="ID">TRANSLATION</span><span class="sxs-lookup"><span data-stu-id="ID">ENGLISH</span></span>

The parser finds each such pair, keeps both sides, and leaves every byte outside the markup alone, so that the
rendered article keeps its front matter order, blank lines, line endings and trailing spaces. Inside YAML
double-quoted front matter values the attribute quotes are escaped (``data-ttu-id=\\"ID\\"``); the segment text
there is still YAML-escaped, which keeps the YAML valid after rendering.

Two paths give the same result: a single regular expression handles pairs without nested ``<span>`` tags (nearly
all of them) at C speed, and a careful scanner handles the rest, nested spans included, and locates errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from .errors import MarkupError
from .frontmatter import front_matter_end


class Side(str, Enum):
    """Which side of each segment a rendered article keeps."""

    TRANSLATION = "translation"
    SOURCE = "source"


# Text without any <span ...> or </span> tag, written as an unrolled loop so the regex engine never backtracks.
_NO_SPAN_TAG = r"[^<]*(?:<(?!/?span\b)[^<]*)*"
_PAIR = re.compile(
    r'<span data-ttu-id=(?P<q>\\?")(?P<id>[^"\\<>]*)(?P=q)>'
    rf"(?P<target>{_NO_SPAN_TAG})"
    r'</span><span class=(?P=q)sxs-lookup(?P=q)><span data-stu-id=(?P=q)(?P=id)(?P=q)>'
    rf"(?P<source>{_NO_SPAN_TAG})"
    r"</span></span>"
)
# Any piece of segment markup; the careful scanner starts at each one.
_MARKER = re.compile(r"""<span\s+(?:data-ttu-id|data-stu-id|class\s*=\s*\\?["']sxs-lookup)""")
_TRANSLATION_OPEN = re.compile(r"""<span\s+data-ttu-id\s*=\s*(?P<q>\\?["'])(?P<id>[^"'\\<>]*)(?P=q)\s*>""")
_LOOKUP_OPEN = re.compile(r"""<span\s+class\s*=\s*(?P<q>\\?["'])sxs-lookup(?P=q)\s*>""")
_SOURCE_OPEN = re.compile(r"""<span\s+data-stu-id\s*=\s*(?P<q>\\?["'])(?P<id>[^"'\\<>]*)(?P=q)\s*>""")
_SPAN_TAG = re.compile(r"<span\b[^>]*>|</span\s*>")
_SPAN_CLOSE = re.compile(r"</span\s*>")
_TAG = re.compile(r"<[^>]*>")
_LETTER = re.compile(r"[^\W\d_]")


def comparable(text: str) -> str:
    """A segment's text with markup removed and whitespace collapsed, for comparing translation and source."""
    return " ".join(_TAG.sub(" ", text).split())


def has_letter(text: str) -> bool:
    """Text without a letter (numbers, code, punctuation) needs no translation and never counts."""
    return _LETTER.search(text) is not None


def needs_translation(source: str) -> bool:
    """Does a segment's source have a letter outside its markup? Same as ``has_letter(comparable(source))``."""
    return has_letter(_TAG.sub(" ", source) if "<" in source else source)


@dataclass(frozen=True)
class Segment:
    """One translated sentence or paragraph and its English source."""

    id: str
    """The segment id shared by both spans, such as ``03d31-103`` or ``d2d10-p105``."""
    target: str
    """The translation, as written between the tags (may contain Markdown and inline HTML)."""
    source: str
    """The English source, as written between the tags."""
    line: int
    """1-based line of the opening ``<span data-ttu-id>`` tag."""
    column: int
    """1-based column (in characters) of the opening tag."""
    start: int
    """Offset of the opening tag in the text."""
    end: int
    """Offset just past the closing tags of the source span."""
    in_front_matter: bool = False
    """Whether the segment sits in a YAML front matter value (its text is then YAML-escaped)."""

    @cached_property
    def untranslated(self) -> bool:
        """True when the translation equals the source, ignoring whitespace and markup.

        Segments without a letter (numbers, code, punctuation) need no translation and never count.
        """
        source = comparable(self.source)
        return has_letter(source) and comparable(self.target) == source

    def side(self, side: Side) -> str:
        return self.target if side is Side.TRANSLATION else self.source


@dataclass(frozen=True)
class SegmentedText:
    """A handoff's text with the position of every segment in it."""

    text: str
    segments: tuple[Segment, ...]

    def render(self, side: Side = Side.TRANSLATION) -> str:
        """The article without span markup, keeping ``side`` of every segment and every other byte."""
        pieces: list[str] = []
        last = 0
        for segment in self.segments:
            pieces.append(self.text[last:segment.start])
            pieces.append(segment.side(side))
            last = segment.end
        pieces.append(self.text[last:])
        return "".join(pieces)


def has_markup(text: str) -> bool:
    """Whether any piece of segment markup is left in the text."""
    return _MARKER.search(text) is not None


def render(text: str, side: Side = Side.TRANSLATION) -> str:
    """Remove the span markup from ``text``, keeping ``side``; raise MarkupError if it cannot be resolved.

    This is the fast path of ``parse(text).render(side)`` and returns the same text.
    """
    if not has_markup(text):
        return text
    group = "target" if side is Side.TRANSLATION else "source"
    rendered = _PAIR.sub(lambda pair: pair[group], text)  # a callable is faster than a "\\g<...>" template
    if not has_markup(rendered):
        return rendered
    return parse(text).render(side)  # nested spans or malformed markup: the careful scanner decides


def parse(text: str) -> SegmentedText:
    """Find every segment of ``text``; raise MarkupError at the first markup that cannot be resolved."""
    return _Scanner(text).scan()


class _Scanner:
    """Walks from one piece of markup to the next, keeping track of line numbers as it goes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.front_matter_end = front_matter_end(text)
        self._line = 1
        self._line_at = 0  # offset up to which newlines have been counted into _line

    def scan(self) -> SegmentedText:
        return self._scan_simple_pairs() or self._scan_each_marker()

    def _scan_simple_pairs(self) -> SegmentedText | None:
        """One pass over the pairs without nested spans; None if any other markup is between them."""
        text, segments, last = self.text, [], 0
        for pair in _PAIR.finditer(text):
            if _MARKER.search(text, last, pair.start()) is not None:
                return None
            segments.append(self._segment(pair["id"], pair["target"], pair["source"], pair.start(), pair.end()))
            last = pair.end()
        if _MARKER.search(text, last) is not None:
            return None
        return SegmentedText(text, tuple(segments))

    def _scan_each_marker(self) -> SegmentedText:
        """From one piece of markup to the next: nested spans are resolved, malformed markup is located."""
        self._line, self._line_at = 1, 0
        segments: list[Segment] = []
        position = 0
        while (marker := _MARKER.search(self.text, position)) is not None:
            start = marker.start()
            pair = _PAIR.match(self.text, start)
            if pair is not None:
                segment = self._segment(pair["id"], pair["target"], pair["source"], start, pair.end())
            else:
                segment = self._nested_pair(start)
            segments.append(segment)
            position = segment.end
        return SegmentedText(self.text, tuple(segments))

    def _segment(self, segment_id: str, target: str, source: str, start: int, end: int) -> Segment:
        line, column = self.position(start)
        return Segment(id=segment_id, target=target, source=source, line=line, column=column,
                       start=start, end=end, in_front_matter=start < self.front_matter_end)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset at or after the last one asked for."""
        if offset < self._line_at:  # errors may point back at an opening tag
            self._line, self._line_at = 1, 0
        self._line += self.text.count("\n", self._line_at, offset)
        self._line_at = offset
        return self._line, offset - self.text.rfind("\n", 0, offset)

    def error(self, offset: int, message: str) -> MarkupError:
        line, column = self.position(offset)
        return MarkupError(message, line=line, column=column)

    def _nested_pair(self, start: int) -> Segment:
        """Parse one pair the slow way: nested plain spans are allowed, anything else is an error."""
        text = self.text
        opening = _TRANSLATION_OPEN.match(text, start)
        if opening is None:
            if _LOOKUP_OPEN.match(text, start) or _SOURCE_OPEN.match(text, start):
                raise self.error(start, "sxs-lookup source span without its translation span "
                                        "(expected <span data-ttu-id=\"...\"> right before it)")
            raise self.error(start, "malformed segment tag: expected <span data-ttu-id=\"ID\">")
        segment_id = opening["id"]
        target_start = opening.end()
        target_end, after_target = self._closing_tag(target_start, start, f"translation span {segment_id!r}")

        lookup = _LOOKUP_OPEN.match(text, after_target)
        if lookup is None:
            raise self.error(after_target, f"translation span {segment_id!r} is not followed by its "
                                           "<span class=\"sxs-lookup\"> source span")
        source_open = _SOURCE_OPEN.match(text, lookup.end())
        if source_open is None:
            raise self.error(lookup.end(), f"sxs-lookup span of segment {segment_id!r} does not start with "
                                           f"<span data-stu-id=\"{segment_id}\">")
        if source_open["id"] != segment_id:
            raise self.error(source_open.start(), f"mismatched ids: translation span {segment_id!r} is followed "
                                                  f"by source span {source_open['id']!r}")
        source_start = source_open.end()
        source_end, after_source = self._closing_tag(source_start, source_open.start(), f"source span {segment_id!r}")
        lookup_close = _SPAN_CLOSE.match(text, after_source)
        if lookup_close is None:
            raise self.error(after_source, f"sxs-lookup span of segment {segment_id!r} is not closed "
                                           "(expected </span></span>)")
        return self._segment(segment_id, text[target_start:target_end], text[source_start:source_end],
                             start, lookup_close.end())

    def _closing_tag(self, content_start: int, opened_at: int, what: str) -> tuple[int, int]:
        """Start and end offsets of the ``</span>`` that closes a span whose content starts at ``content_start``."""
        depth = 1
        for tag in _SPAN_TAG.finditer(self.text, content_start):
            if tag.group().startswith("</"):
                depth -= 1
                if depth == 0:
                    return tag.start(), tag.end()
            elif _MARKER.match(self.text, tag.start()):
                raise self.error(tag.start(), f"segment markup nested inside {what} opened at "
                                              f"{':'.join(map(str, self.position(opened_at)))}: "
                                              "nesting that cannot be resolved")
            else:
                depth += 1
        raise self.error(opened_at, f"unclosed {what}: no matching </span>")


def markup_positions(text: str) -> list[tuple[int, int, str]]:
    """(line, column, tag) of every piece of segment markup in ``text``, for reporting leftovers."""
    positions = []
    for match in _MARKER.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        tag_end = text.find(">", match.start())
        tag = text[match.start():tag_end + 1 if tag_end >= 0 else match.end()]
        positions.append((text.count("\n", 0, match.start()) + 1, match.start() - line_start + 1, tag))
    return positions
