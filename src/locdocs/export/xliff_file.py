"""An export file: one article's segments as XLIFF 1.2 for a CAT tool, written, and read back when it returns.

The file is self-contained: the English article, with a marker where each segment goes, is its skeleton
(``<header><skl><internal-file>``), and the export's properties (the English revision, the locale keys) are a
``<prop-group name="locdocs">``. Each segment is a ``<trans-unit>`` whose ``<source>`` holds inline codes
(``inline``); what is known of its translation decides the rest, in the states CAT tools and translate-toolkit
read:

* an exact match: ``<target state="translated" state-qualifier="exact-match">`` and ``approved="yes"``: the
  English is unchanged, so the translation stands (translate-toolkit counts a unit as translated only when it is
  approved; a vendor bills a review at most). When the carried translation's codes differ from the English's,
  which a returned file may not keep, it is offered as ``needs-review-translation`` with a note instead;
* a fuzzy match: ``<target state="needs-review-translation" state-qualifier="fuzzy-match">``, not approved, and an
  ``<alt-trans origin="previous-translation" match-quality="NN">`` with the English it translated, so that the
  translator sees what changed;
* new: no ``<target>`` at all, which every tool reads as untranslated (``state="new"`` with an empty target is
  read the same by translate-toolkit, but some tools take an empty target for a translation into nothing).

Front matter values get their key as ``resname`` and a note; every unit its words (``<count-group>``).

Reading back is for untrusted files: no DTD, no entities, no network, a size limit, and a refusal (XliffError,
with the line) of anything that is not XLIFF 1.2 with our skeleton, unique ids, and targets that keep their
source's codes. What CAT tools do to a file is accepted: other namespaces and attributes, reordered attributes,
re-indented markup, ``<seg-source>``, ``<mrk mtype="seg">`` around a target's text, more ``<alt-trans>``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import XliffError
from ..frontmatter import front_matter_end
from .handoff import marker
from .inline import NAMESPACE, check_codes, element_markdown, fill_element, fill_target, line_of, text_of, word_count
from .units import ExportUnit, Match

_NS = f"{{{NAMESPACE}}}"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FRONT_MATTER = "x-front-matter"
"""The ``restype`` of a front matter value's unit."""
PROPERTY_GROUP = "locdocs"
MAX_BYTES = 64 * 1024 * 1024
"""A returned file larger than this is refused unread: an article's export is a few hundred kilobytes."""


@dataclass(frozen=True)
class ReturnedUnit:
    id: str
    source: str
    """The English, Markdown as in the article (a front matter value: the value)."""
    target: str | None
    """The translation, Markdown; None when the unit has no target or an empty one."""
    state: str | None
    """The target's ``state`` attribute as the CAT tool left it (``translated``, ``needs-review-translation``…)."""


@dataclass(frozen=True)
class ReturnedFile:
    original: str
    """The article's path in the English folder, such as ``billing/article.md``."""
    source_language: str
    target_language: str
    properties: dict[str, str]
    skeleton: str
    units: list[ReturnedUnit] = field(default_factory=list)


def _xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def write_export(units: Sequence[ExportUnit], *, original: str, source_language: str, target_language: str,
                 skeleton: str, properties: Mapping[str, str]) -> bytes:
    """The export file of one article (UTF-8 bytes with an XML declaration)."""
    # lxml-stubs types nsmap without the None key, lxml's (and XML's) name for the default namespace.
    root = etree.Element(_NS + "xliff", nsmap={None: NAMESPACE}, version="1.2")  # type: ignore[dict-item]
    file_element = etree.SubElement(root, _NS + "file", original=original, datatype="x-markdown")
    file_element.set("source-language", source_language)
    file_element.set("target-language", target_language)
    file_element.set("tool-id", "locdocs")
    header = etree.SubElement(file_element, _NS + "header")
    internal = etree.SubElement(etree.SubElement(header, _NS + "skl"), _NS + "internal-file")
    if _XML_INVALID.search(skeleton):  # XML cannot hold it as text: keep it exact all the same
        internal.set("form", "base64")
        internal.text = base64.b64encode(skeleton.encode("utf-8")).decode("ascii")
    else:
        internal.set("form", "text")
        internal.text = skeleton
    etree.SubElement(header, _NS + "tool", {"tool-id": "locdocs", "tool-name": "locdocs"})
    if properties:
        group = etree.SubElement(header, _NS + "prop-group", name=PROPERTY_GROUP)
        for key, value in properties.items():
            etree.SubElement(group, _NS + "prop", {"prop-type": _xml_safe(str(key))}).text = _xml_safe(str(value))
    body = etree.SubElement(file_element, _NS + "body")
    seen: set[str] = set()
    for unit in units:
        if unit.id in seen:
            raise XliffError(f"segment id {unit.id!r} is used twice")
        seen.add(unit.id)
        _write_unit(body, unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_unit(body: etree._Element, unit: ExportUnit) -> None:
    segment = unit.segment
    plain = segment.kind == "front-matter"
    element = etree.SubElement(body, _NS + "trans-unit", id=unit.id)
    element.set(f"{{{_XML_NS}}}space", "preserve")
    if plain:
        element.set("restype", FRONT_MATTER)
        if segment.key:
            element.set("resname", segment.key)
    source = fill_element(etree.SubElement(element, _NS + "source"), segment.text, plain=plain)
    notes = []
    if plain:
        notes.append(f"The value of the front matter key {segment.key}: plain text, not Markdown.")
    approved = False
    if unit.match is not Match.NEW and unit.target:
        target = etree.SubElement(element, _NS + "target")
        same_codes = fill_target(target, unit.target, source, plain=plain)
        if unit.match is Match.EXACT and same_codes:
            target.set("state", "translated")
            approved = True
        else:
            target.set("state", "needs-review-translation")
        target.set("state-qualifier", "exact-match" if unit.match is Match.EXACT else "fuzzy-match")
        if not same_codes:
            notes.append("The translation's tags differ from the English's: make them the same (a returned file "
                         "must keep every tag of the English).")
        if unit.match is Match.FUZZY and unit.previous_source is not None:
            alternative = etree.SubElement(element, _NS + "alt-trans", origin="previous-translation")
            if unit.similarity is not None:
                alternative.set("match-quality", str(round(max(0.0, min(1.0, unit.similarity)) * 100)))
            previous = fill_element(etree.SubElement(alternative, _NS + "source"), unit.previous_source,
                                    plain=plain)
            fill_target(etree.SubElement(alternative, _NS + "target"), unit.target, previous, plain=plain)
    element.set("approved", "yes" if approved else "no")
    for note in notes:
        etree.SubElement(element, _NS + "note", {"from": "locdocs"}).text = note
    counts = etree.SubElement(element, _NS + "count-group", name="words")
    count = etree.SubElement(counts, _NS + "count", {"count-type": "total", "unit": "word"})
    count.text = str(word_count(segment.text, plain=plain))


# --- Reading a returned file --------------------------------------------------------------------------------


def _parse(data: bytes) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise XliffError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB: not an export of one article")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise XliffError(f"not well-formed XML: {error.msg}", line=line) from None
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XliffError("the file has a DOCTYPE, which no XLIFF file needs: refused (entities are not expanded)",
                         line=1)
    for node in root.iter(etree.Entity):
        raise XliffError(f"the file uses the entity {node.text}, which no XLIFF file needs", line=line_of(node))
    return root


def read_export(data: bytes) -> ReturnedFile:
    """Read a returned export file; raise XliffError (with a line where there is one) if it cannot be taken."""
    root = _parse(data)
    if root.tag != _NS + "xliff":
        raise XliffError(f"not an XLIFF 1.2 file: the root element is <{etree.QName(root).localname}> in "
                         f"{etree.QName(root).namespace or 'no namespace'}, not <xliff> in {NAMESPACE}",
                         line=line_of(root))
    if root.get("version") not in ("1.2", None):
        raise XliffError(f"not an XLIFF 1.2 file: version {root.get('version')!r}", line=line_of(root))
    files = root.findall(_NS + "file")
    if len(files) != 1:
        raise XliffError(f"an export file has one <file>, this one {len(files)}", line=line_of(root))
    file_element = files[0]
    skeleton = _skeleton(file_element)
    properties = {}
    for group in file_element.iterfind(f"{_NS}header/{_NS}prop-group"):
        if group.get("name") == PROPERTY_GROUP:
            properties.update({prop.get("prop-type") or "": prop.text or "" for prop in group.iterfind(_NS + "prop")})
    body_start = front_matter_end(skeleton)
    units = []
    seen: set[str] = set()
    body = file_element.find(_NS + "body")
    if body is None:
        raise XliffError("the <file> has no <body>", line=line_of(file_element))
    for element in body.iter(_NS + "trans-unit"):
        unit_id = element.get("id")
        if not unit_id:
            raise XliffError("a <trans-unit> without an id", line=line_of(element))
        if unit_id in seen:
            raise XliffError(f"segment {unit_id}: the id is used twice", line=line_of(element))
        seen.add(unit_id)
        # A front matter value is plain text where the skeleton puts it in the front matter (the handoff writes it
        # there, YAML-escaped); anywhere else it is Markdown, whatever the unit's attributes say.
        position = skeleton.find(marker(unit_id))
        plain = 0 <= position < body_start
        units.append(_read_unit(element, unit_id, plain))
    return ReturnedFile(original=file_element.get("original") or "",
                        source_language=file_element.get("source-language") or "",
                        target_language=file_element.get("target-language") or "",
                        properties=properties, skeleton=skeleton, units=units)


def _skeleton(file_element: etree._Element) -> str:
    internal = file_element.find(f"{_NS}header/{_NS}skl/{_NS}internal-file")
    if internal is None:
        raise XliffError("the file has no skeleton (<header><skl><internal-file>): it is not a locdocs export, or "
                         "a tool removed the English article it is rebuilt from", line=line_of(file_element))
    text = text_of(internal)
    if (internal.get("form") or "text").lower() == "base64":
        try:
            return base64.b64decode(text, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise XliffError("the skeleton is not valid base64 UTF-8", line=line_of(internal)) from None
    return text


def _read_unit(element: etree._Element, unit_id: str, plain: bool) -> ReturnedUnit:
    source = element.find(_NS + "source")
    if source is None:
        raise XliffError(f"segment {unit_id}: the unit has no <source>", line=line_of(element))
    target = element.find(_NS + "target")
    markdown = None
    state = None
    if target is not None:
        state = target.get("state")
        if len(target) or (target.text or "").strip():
            check_codes(source, target, unit_id)
            markdown = element_markdown(target, unit_id, plain=plain)
            if not markdown.strip():
                markdown = None
    return ReturnedUnit(id=unit_id, source=element_markdown(source, unit_id, plain=plain), target=markdown,
                        state=state)

