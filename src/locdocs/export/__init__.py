"""The way back to translators: the current English as segments for a CAT tool, with what is already translated.

One article of one locale goes through these modules, in this order::

    segmenter   English article -> SourceSegment (sentences, headings, cells, translated front matter values)
    memory      the existing translation (its XLIFF, else aligned with the English it was made from)
                -> a translation memory: English segment -> translation
    leverage    each current segment matched against the memory: exact, fuzzy (with similarity) or new
    inline      a segment's Markdown <-> XLIFF inline codes a translator cannot break
    xliff_file  the export file (XLIFF 1.2, the English as its skeleton) written and read back
    pseudo      a pseudo-translation, for testing layouts before translators start
    report      words and segments per category: what a vendor quote is based on

``locdocs export`` (``cli/export.py``) writes the files; ``locdocs ingest`` takes them back (``ingest.py``),
turning a returned file into a span-marked handoff so that it passes the same checks as any other handoff.
"""
