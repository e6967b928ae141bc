"""Stage 2 output: a handoff's segment pairs as an XLIFF 1.2 file, the bilingual format CAT tools open.

Each segment becomes a ``<trans-unit>`` whose id is the segment id, with the English ``<source>``, the
``<target>`` in the handoff's locale and a state: ``needs-translation`` when the "translation" is still the English
text, ``translated`` otherwise. The unit's line and column in the handoff are kept as a location context, and the
handoff's English revision (``ms.openlocfilehash``) and translation type as file properties, so that later stages
(the status page, "show the English original") can use the file on its own. The header also counts the segments
that need translating (those with a letter outside markup) and those still in English: ``locdocs check`` reads
the share of untranslated text of every translation from the first lines of its XLIFF file, not all of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import etree

from .segments import Segment, needs_translation

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_NS = f"{{{NAMESPACE}}}"
# Properties of the handoff kept in the XLIFF header, by front matter key.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HEADER_KEYS = ("ms.openlocfilehash", "ms.sourcegitcommit", "ms.translationtype", "ms.contentlocale",
               "ms.lasthandoff", "ms.locfileid")


@dataclass(frozen=True)
class SegmentCounts:
    """How many segments need translating (have a letter outside markup), and how many of those are still
    the English text."""

    to_translate: int
    untranslated: int


# The header's <count-group>: XLIFF 1.2's place for counts, with custom (x-) count types, in SegmentCounts' order.
_COUNT_GROUP = "segments"
_COUNT_TYPES = ("x-to-translate", "x-untranslated")


@dataclass(frozen=True)
class TransUnit:
    """One segment pair (an XLIFF ``<trans-unit>``) as read back from an XLIFF file."""

    id: str | None
    """None only in a file that leaves out XLIFF's required id."""
    source: str
    target: str
    untranslated: bool
    line: int | None
    column: int | None


def segment_text(text: str, in_front_matter: bool) -> str:
    """The plain text of a segment: front matter values are YAML-escaped in the handoff, so unescape them."""
    if in_front_matter and "\\" in text:
        try:
            value = yaml.safe_load(f'"{text}"')
        except yaml.YAMLError:
            return text
        if isinstance(value, str):
            return value
    return text


def to_xliff(segments: Iterable[Segment], *, original: str, source_language: str = "en-US",
             target_language: str, properties: dict | None = None) -> bytes:
    """Serialize segments as an XLIFF 1.2 document (UTF-8 bytes with an XML declaration)."""
    # lxml-stubs types nsmap without the None key, lxml's (and XML's) name for the default namespace.
    root = etree.Element(_NS + "xliff", nsmap={None: NAMESPACE}, version="1.2")  # type: ignore[dict-item]
    file_element = etree.SubElement(root, _NS + "file", original=original, datatype="x-markdown")
    file_element.set("source-language", source_language)
    file_element.set("target-language", target_language)
    header = etree.SubElement(file_element, _NS + "header")
    if properties:
        group = etree.SubElement(header, _NS + "prop-group", name="handoff")
        for key in HEADER_KEYS:
            if properties.get(key) not in (None, ""):
                etree.SubElement(group, _NS + "prop", {"prop-type": key}).text = str(properties[key])
    count_group = etree.SubElement(header, _NS + "count-group", name=_COUNT_GROUP)
    body = etree.SubElement(file_element, _NS + "body")
    to_translate = untranslated = 0
    for segment in segments:
        unit = etree.SubElement(body, _NS + "trans-unit", id=segment.id)
        unit.set("approved", "no")
        source = _xml_safe(segment_text(segment.source, segment.in_front_matter))
        etree.SubElement(unit, _NS + "source").text = source
        if needs_translation(source):  # counted from the text as written, as count_segments reads it back
            to_translate += 1
            untranslated += segment.untranslated
        target = etree.SubElement(unit, _NS + "target",
                                  state="needs-translation" if segment.untranslated else "translated")
        target.text = _xml_safe(segment_text(segment.target, segment.in_front_matter))
        location = etree.SubElement(unit, _NS + "context-group", purpose="location")
        etree.SubElement(location, _NS + "context", {"context-type": "linenumber"}).text = str(segment.line)
        etree.SubElement(location, _NS + "context", {"context-type": "x-column"}).text = str(segment.column)
    for count_type, value in zip(_COUNT_TYPES, (to_translate, untranslated), strict=True):
        etree.SubElement(count_group, _NS + "count", {"count-type": count_type, "unit": "segment"}).text = str(value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters: show them as U+FFFD rather than fail the whole file."""
    return _XML_INVALID.sub("\ufffd", text)


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))


def _properties(root: etree._Element) -> dict:
    return {prop.get("prop-type"): prop.text or "" for prop in root.iter(_NS + "prop")}


def _untranslated(target: etree._Element | None) -> bool:
    return target is None or target.get("state") in ("new", "needs-translation")


def _number(text: str | None) -> int | None:
    return int(text) if text else None


def read_xliff(data: bytes) -> tuple[dict, list[TransUnit]]:
    """Read an XLIFF 1.2 file written by ``to_xliff``: the handoff properties and the units in order."""
    root = _parse(data)
    units = []
    for unit in root.iter(_NS + "trans-unit"):
        target = unit.find(_NS + "target")
        contexts = {c.get("context-type"): c.text for c in unit.iter(_NS + "context")}
        units.append(TransUnit(
            id=unit.get("id"),
            source=unit.findtext(_NS + "source") or "",
            target=(target.text or "") if target is not None else "",
            untranslated=_untranslated(target),
            line=_number(contexts.get("linenumber")),
            column=_number(contexts.get("x-column")),
        ))
    return _properties(root), units


def read_segment_counts(path: Path) -> tuple[dict, SegmentCounts]:
    """The handoff properties and segment counts of an XLIFF file. The counts come from the header when it has
    them (files written by ``to_xliff``), which is read without the rest of the file; otherwise (an older file,
    or another tool's) from the units. Raise ``etree.XMLSyntaxError`` (or OSError) when it cannot be read."""
    header = _read_header(path)
    if header is not None and (counts := _header_counts(header)) is not None:
        return _properties(header), counts
    root = _parse(Path(path).read_bytes())
    return _properties(root), count_segments(root)


def _read_header(path: Path, chunk_size: int = 4096) -> etree._Element | None:
    """The <header> element, parsed from the start of the file only (lxml's iterparse would read far more)."""
    parser = etree.XMLPullParser(events=("end",), tag=_NS + "header", resolve_entities=False, no_network=True)
    with open(path, "rb") as stream:
        while chunk := stream.read(chunk_size):
            parser.feed(chunk)
            for _, header in parser.read_events():
                if isinstance(header, etree._Element):  # always: only "end" events, each of an element
                    return header
    return None


def _header_counts(header: etree._Element) -> SegmentCounts | None:
    for group in header.iterchildren(_NS + "count-group"):
        if group.get("name") == _COUNT_GROUP:
            found = {count.get("count-type"): (count.text or "").strip() for count in group.iterchildren(_NS + "count")}
            values = [found.get(count_type, "") for count_type in _COUNT_TYPES]
            if all(value.isdecimal() for value in values):
                counts = SegmentCounts(*map(int, values))
                if counts.untranslated <= counts.to_translate:  # else not ours to trust: count the units
                    return counts
    return None


def count_segments(root: etree._Element) -> SegmentCounts:
    """Count the units of a parsed XLIFF file (``to_xliff`` writes these counts in the header)."""
    to_translate = untranslated = 0
    for unit in root.iter(_NS + "trans-unit"):
        if needs_translation(unit.findtext(_NS + "source") or ""):
            to_translate += 1
            untranslated += _untranslated(unit.find(_NS + "target"))
    return SegmentCounts(to_translate=to_translate, untranslated=untranslated)
