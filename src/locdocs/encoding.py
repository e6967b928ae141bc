"""Turn a handoff's bytes into text, and repair mojibake in it.

Handoffs come from outside the team. We accept UTF-8 with or without a BOM and nothing else: UTF-16, binary data
and invalid UTF-8 are errors with a position, never a guess. Mojibake (UTF-8 that was once decoded as Windows-1252,
such as ``beÃ«indigd``) is repaired with ftfy, and every repair is reported so that a person can review it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import EncodingError

BOM = codecs.BOM_UTF8.decode("utf-8")


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from a handoff's bytes."""

    text: str
    """The text, without the BOM."""
    had_bom: bool
    """Whether the bytes started with a UTF-8 BOM."""


@dataclass(frozen=True)
class Repair:
    """One mojibake repair."""

    line: int
    """1-based line of the repaired text."""
    before: str
    """The garbled fragment as it was, widened to whole words."""
    after: str
    """The same fragment repaired."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.before!r} -> {self.after!r}"


def decode(data: bytes) -> DecodedText:
    """Decode UTF-8 bytes, accepting a BOM; raise EncodingError for anything that is not UTF-8 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError("UTF-16 input is not supported: convert the file to UTF-8", line=1, column=1)
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        hint = "UTF-16 without a BOM?" if _looks_like_utf16(data) else "binary data?"
        raise EncodingError(f"NUL byte: not a text file ({hint})", line=line, column=column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        bad = data[exc.start:exc.start + 4]
        raise EncodingError(f"invalid UTF-8 byte sequence {bad!r}: the file must be UTF-8",
                            line=line, column=column) from None
    return DecodedText(text=text, had_bom=had_bom)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:200]
    return sample.count(b"\0") * 3 >= len(sample)


# A byte of UTF-8 continuation (0x80-0xBF) as Windows-1252 or Latin-1 shows it.
_CONTINUATION = ("[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                 "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# A lead byte shown that way, followed by as many continuation bytes as it needs. ftfy reads about 5 MB/s, so only
# lines this pre-filter flags are handed to it; ftfy then decides whether they really are mojibake. One character
# class first keeps the regex engine on its fast path.
_SUSPECT = re.compile(
    f"[\u00c2-\u00f4](?:(?<=[\u00c2-\u00df]){_CONTINUATION}|(?<=[\u00e0-\u00ef]){_CONTINUATION}{{2}}"
    f"|(?<=[\u00f0-\u00f4]){_CONTINUATION}{{3}})"
)
# The same necessary condition on the UTF-8 bytes (lead U+00C2-U+00F4 then one continuation-like character): a
# literal first byte lets it scan at over 1 GB/s, so clean files never pay for decoding the check.
_SUSPECT_UTF8 = re.compile(
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2\x80[\x93\x94\x98-\x9a\x9c-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\xe2\x82\xac|\xe2\x84\xa2)"
)
_WORD_CHAR = re.compile(r"\w")


def might_have_mojibake(data: bytes) -> bool:
    """False when UTF-8 bytes certainly hold no mojibake (a fast test before ``repair_mojibake``)."""
    return _SUSPECT_UTF8.search(data) is not None


def repair_mojibake(text: str, raw: bytes | None = None) -> tuple[str, list[Repair]]:
    """Repair mojibake line by line; return the text and one Repair per changed fragment.

    ``raw``, the UTF-8 bytes ``text`` was decoded from, lets a clean file skip the check at byte speed.
    """
    if raw is not None and not might_have_mojibake(raw):
        return text, []
    if not _SUSPECT.search(text):
        return text, []
    import ftfy  # here: most text has nothing to repair, and ftfy takes a while to import

    lines = text.split("\n")  # not splitlines(): its extra separators would shift line numbers
    repairs: list[Repair] = []
    for number, line in enumerate(lines, 1):
        if not _SUSPECT.search(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            lines[number - 1] = fixed
            repairs.append(_describe(number, line, fixed))
    return ("\n".join(lines) if repairs else text), repairs


def _describe(number: int, before: str, after: str) -> Repair:
    """Cut the changed part out of a line, widened to whole words so that it can be read."""
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(before), len(after)) - prefix
           and before[-1 - suffix] == after[-1 - suffix]):
        suffix += 1
    while prefix > 0 and _WORD_CHAR.match(before[prefix - 1]):
        prefix -= 1
    while suffix > 0 and _WORD_CHAR.match(before[len(before) - suffix]):
        suffix -= 1
    return Repair(line=number, before=before[prefix:len(before) - suffix],
                  after=after[prefix:len(after) - suffix])
