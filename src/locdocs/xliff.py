"""Stage 2 output: a handoff's segment pairs as an XLIFF 1.2 file, the bilingual format CAT tools open.

Each segment becomes a ``<trans-unit>`` whose id is the segment id, with the English ``<source>``, the
``<target>`` in the handoff's locale and a state: ``needs-translation`` when the "translation" is still the English
text, ``translated`` otherwise. The unit's line and column in the handoff are kept as a location context, and the
handoff's English revision (``ms.openlocfilehash``) and translation type as file properties, so that later stages
(the status page, "show the English original") can use the file on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

import yaml
from lxml import etree

from .segments import Segment

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_NS = f"{{{NAMESPACE}}}"
# Properties of the handoff kept in the XLIFF header, by front matter key.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HEADER_KEYS = ("ms.openlocfilehash", "ms.sourcegitcommit", "ms.translationtype", "ms.contentlocale",
               "ms.lasthandoff", "ms.locfileid")


@dataclass(frozen=True)
class Unit:
    """One segment pair as read back from an XLIFF file."""

    id: str
    source: str
    target: str
    untranslated: bool
    line: int | None
    column: int | None


def xliff_path(l10n_dir: Path, locale: str, rel: PurePosixPath) -> Path:
    """Where the segment pairs of article ``rel`` in ``locale`` are kept: ``L10N/LOCALE/REL.xlf``."""
    return Path(l10n_dir, locale, *rel.parts[:-1], rel.name + ".xlf")


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
    root = etree.Element(_NS + "xliff", nsmap={None: NAMESPACE}, version="1.2")
    file_element = etree.SubElement(root, _NS + "file", original=original, datatype="x-markdown")
    file_element.set("source-language", source_language)
    file_element.set("target-language", target_language)
    header = etree.SubElement(file_element, _NS + "header")
    if properties:
        group = etree.SubElement(header, _NS + "prop-group", name="handoff")
        for key in HEADER_KEYS:
            if properties.get(key) not in (None, ""):
                etree.SubElement(group, _NS + "prop", {"prop-type": key}).text = str(properties[key])
    body = etree.SubElement(file_element, _NS + "body")
    for segment in segments:
        unit = etree.SubElement(body, _NS + "trans-unit", id=segment.id)
        unit.set("approved", "no")
        etree.SubElement(unit, _NS + "source").text = _xml_safe(
            segment_text(segment.source, segment.in_front_matter))
        target = etree.SubElement(unit, _NS + "target",
                                  state="needs-translation" if segment.untranslated else "translated")
        target.text = _xml_safe(segment_text(segment.target, segment.in_front_matter))
        location = etree.SubElement(unit, _NS + "context-group", purpose="location")
        etree.SubElement(location, _NS + "context", {"context-type": "linenumber"}).text = str(segment.line)
        etree.SubElement(location, _NS + "context", {"context-type": "x-column"}).text = str(segment.column)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters: show them as U+FFFD rather than fail the whole file."""
    return _XML_INVALID.sub("\ufffd", text)


def read_xliff(data: bytes) -> tuple[dict, list[Unit]]:
    """Read an XLIFF 1.2 file written by ``to_xliff``: the handoff properties and the units in order."""
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    properties = {prop.get("prop-type"): prop.text or "" for prop in root.iter(_NS + "prop")}
    units = []
    for unit in root.iter(_NS + "trans-unit"):
        target = unit.find(_NS + "target")
        contexts = {c.get("context-type"): c.text for c in unit.iter(_NS + "context")}
        units.append(Unit(
            id=unit.get("id"),
            source=unit.findtext(_NS + "source") or "",
            target=(target.text or "") if target is not None else "",
            untranslated=target is None or target.get("state") in ("new", "needs-translation"),
            line=int(contexts["linenumber"]) if contexts.get("linenumber") else None,
            column=int(contexts["x-column"]) if contexts.get("x-column") else None,
        ))
    return properties, units
