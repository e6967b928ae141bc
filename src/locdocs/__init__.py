"""locdocs: publish localized documentation from translation handoffs.

The pipeline, one module per stage:

    handoff bytes --normalize--> clean article + segments --ingest--> docs/LL/REL + l10n/LL/REL.xlf

``normalize`` (decode, repair mojibake, remove span markup), ``segments`` (the span parser), ``xliff`` (segment
pairs as XLIFF 1.2) and ``ingest`` (where a handoff goes) are plain functions with no I/O except ``ingest``'s
writer; ``cli`` is a thin adapter over them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .encoding import Repair, decode, repair_mojibake
from .errors import EncodingError, FrontMatterError, InputError, LocdocsError, MarkupError, UsageError
from .normalize import NormalizeResult, normalize_bytes, normalize_text
from .segments import Segment, SegmentedText, Side, parse, render

__all__ = [
    "EncodingError", "FrontMatterError", "InputError", "LocdocsError", "MarkupError", "NormalizeResult",
    "Repair", "Segment", "SegmentedText", "Side", "UsageError", "__version__", "decode", "normalize_bytes",
    "normalize_text", "parse", "render", "repair_mojibake",
]
