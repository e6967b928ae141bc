"""Each segment of the current English matched against a locale's translation memory: exact, fuzzy or new.

Unit ids are ``1``, ``2``, … in the order of the segments. An export file carries the English it was made from
as its skeleton, so a returned file is read against that file, never against a later English: its ids need only be
unique in the file, and plain order is the one scheme that is obviously unique, short and readable in a CAT tool.
An id made from the text (a hash) would stay put when another part of the article changes, but needs a suffix for
sentences that occur twice and would promise a stability between exports that nothing reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..segments import needs_translation
from .memory import DEFAULT_THRESHOLD, TranslationMemory
from .segmenter import SourceSegment
from .units import ExportUnit, Match


def leverage(segments: Sequence[SourceSegment], memory: TranslationMemory | None,
             threshold: float = DEFAULT_THRESHOLD) -> list[ExportUnit]:
    """One unit per segment, in order: EXACT with the translation of the same English; else FUZZY with the
    translation of the most similar English (at least ``threshold``), its similarity and that English; else NEW.
    A front matter value matches only values of the same key, a body segment only body segments.

    The segmenter offers no segment without a letter. A segment whose letters are all inside markup (an HTML tag
    alone) needs no translation either: unless the memory has it, it is EXACT, carried as it is."""
    units = []
    for number, segment in enumerate(segments, start=1):
        unit_id = str(number)
        key = segment.key if segment.kind == "front-matter" else None
        exact = memory.exact(segment.text, key) if memory is not None else None
        if exact is not None:
            units.append(ExportUnit(unit_id, segment, Match.EXACT, target=exact))
            continue
        if not needs_translation(segment.text):
            units.append(ExportUnit(unit_id, segment, Match.EXACT, target=segment.text))
            continue
        fuzzy = memory.best_fuzzy(segment.text, threshold, key) if memory is not None else None
        if fuzzy is not None:
            units.append(ExportUnit(unit_id, segment, Match.FUZZY, target=fuzzy.target,
                                    similarity=round(fuzzy.similarity, 4), previous_source=fuzzy.source))
        else:
            units.append(ExportUnit(unit_id, segment, Match.NEW))
    return units
