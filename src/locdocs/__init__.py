"""locdocs: publish localized documentation from translation handoffs.

The pipeline, one module (or package) per stage:

    handoff bytes --normalize--> clean article + segments --ingest--> docs/LL/REL + l10n/LL/REL.xlf
        --check/status--> findings, translation states --site (MkDocs plugin)--> what readers see
        --build--> units (version x locale), assembled, published with mike

``normalize`` (decode, repair mojibake, remove span markup), ``segments`` (the span parser), ``xliff`` and
``ingest``; ``translations`` (the state of every translation) with ``article``, ``history`` and ``changes``;
``check/`` and ``status``; ``site/`` with ``plugin``; ``versions`` and ``build/``. ``cli/`` is a thin adapter.
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
