"""Stage 1 of the pipeline: a raw handoff's bytes in, a clean article and its segments out.

Decoding (BOM, UTF-8 only), mojibake repair and span removal happen here, in that order, so that every later
stage sees clean UTF-8 text. Nothing here touches the file system.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import segments as seg
from .encoding import BOM, Repair, decode, repair_mojibake
from .errors import InputError
from .frontmatter import load_front_matter
from .segments import Segment, Side


@dataclass(frozen=True)
class NormalizeResult:
    """A normalized handoff."""

    text: str
    """The clean article (with the BOM kept when ``keep_bom`` was asked and the input had one)."""
    segments: tuple[Segment, ...] = ()
    """Every segment of the handoff, in order; empty for text without span markup."""
    repairs: tuple[Repair, ...] = ()
    """The mojibake repairs made before the markup was removed."""
    had_bom: bool = False
    """Whether the input started with a UTF-8 BOM."""
    metadata: dict = field(default_factory=dict)
    """The clean article's front matter (empty without one)."""

    @property
    def untranslated(self) -> int:
        return sum(segment.untranslated for segment in self.segments)


def normalize_bytes(data: bytes, *, side: Side = Side.TRANSLATION, repair: bool = True,
                    keep_bom: bool = True, with_segments: bool = False) -> NormalizeResult:
    """Normalize a handoff given as bytes; raise InputError (with line and column) for input it cannot take.

    ``with_segments`` also returns the segments and the front matter (what ingest needs); without it only the
    text is computed, on the fast path.
    """
    decoded = decode(data)
    text, repairs = repair_mojibake(decoded.text, data) if repair else (decoded.text, [])
    if with_segments:
        segmented = seg.parse(text)
        clean = segmented.render(side)
        segments = segmented.segments
        metadata = load_front_matter(clean)
    else:
        clean, segments, metadata = seg.render(text, side), (), {}
    if keep_bom and decoded.had_bom:
        clean = BOM + clean
    return NormalizeResult(text=clean, segments=segments, repairs=tuple(repairs), had_bom=decoded.had_bom,
                           metadata=metadata)


def normalize_text(text: str, side: Side = Side.TRANSLATION) -> str:
    """Remove span markup from already decoded text (no encoding repair); raise MarkupError if malformed."""
    return seg.render(text, side)


__all__ = ["InputError", "NormalizeResult", "normalize_bytes", "normalize_text"]
