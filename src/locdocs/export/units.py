"""What an export offers a translator for one segment: the English and what is already known of its translation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .segmenter import SourceSegment


class Match(str, Enum):
    """How much of a segment's translation is already known; what a vendor's quote is based on."""

    EXACT = "exact"
    """The English is unchanged since the revision the translation was made from: its translation is carried."""
    FUZZY = "fuzzy"
    """The English changed: the previous translation of the most similar English segment is offered, to review."""
    NEW = "new"
    """Nothing to offer: the segment is new, or its translation was still the English text."""


@dataclass(frozen=True)
class ExportUnit:
    """One segment of an export file."""

    id: str
    """The trans-unit id, unique in the file."""
    segment: SourceSegment
    """The current English."""
    match: Match
    target: str | None = None
    """The translation offered (Markdown as in the translated article): for EXACT and FUZZY matches."""
    similarity: float | None = None
    """For a FUZZY match: how similar (0-1) the English it translated is to the current English."""
    previous_source: str | None = None
    """For a FUZZY match: the English the offered translation was made from."""
