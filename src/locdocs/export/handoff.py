"""An export file's skeleton, and the span-marked handoff a returned file becomes.

The skeleton is the English article with a marker where each segment was. A returned file is turned back into a
handoff exactly like those a translation system delivers (each segment as ``<span data-ttu-id>`` translation +
``sxs-lookup`` English, the locale keys in the front matter), so that ``locdocs ingest`` takes it through the
same normalizer, refusals and untrusted-content rules as any other handoff.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

import yaml

from ..config import LOCALE_KEYS
from ..errors import XliffError
from ..frontmatter import front_matter_end
from .segmenter import SourceSegment

if TYPE_CHECKING:
    from .xliff_file import ReturnedFile

# Private-use characters: no English article has them (export refuses one that does), every XML parser keeps them.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([^{_CLOSE}\n]+){_CLOSE}")
_ID = re.compile(r"[^\"\\<>&\s]+")


def marker(unit_id: str) -> str:
    """What stands in the skeleton where segment ``unit_id`` goes."""
    return f"{_OPEN}{unit_id}{_CLOSE}"


def make_skeleton(english: str, segments: Sequence[tuple[str, SourceSegment]]) -> str:
    """``english`` with each segment (id, segment) replaced by its marker. Segments are in order and apart."""
    if _OPEN in english or _CLOSE in english:
        raise XliffError("the English article contains U+E000 or U+E001, which export uses as segment markers")
    pieces, last = [], 0
    for unit_id, segment in segments:
        start, end = segment.start, segment.end
        if segment.kind == "front-matter" and end - start >= 2 and english[start] in "'\"" \
                and english[end - 1] == english[start]:
            start, end = start + 1, end - 1  # a quoted value keeps its quotes: the handoff writes it alike
        pieces.append(english[last:start])
        pieces.append(marker(unit_id))
        last = end
    pieces.append(english[last:])
    return "".join(pieces)


def fill_skeleton(skeleton: str, units: Mapping[str, tuple[str, str]], properties: Mapping[str, str]) -> str:
    """The handoff: each marker replaced by its unit's (translation, English) as a span pair, and the locale keys
    of ``properties`` (``ms.openlocfilehash``…) set in the front matter. Raise XliffError when a marker has no
    unit or a unit no marker."""
    body_start = front_matter_end(skeleton)
    used: set[str] = set()

    def pair(match: re.Match[str]) -> str:
        unit_id = match[1]
        if unit_id not in units:
            raise XliffError(f"segment {unit_id!r} of the skeleton is missing from the file's units")
        if _ID.fullmatch(unit_id) is None:
            raise XliffError(f"segment id {unit_id!r} cannot be written in a handoff")
        used.add(unit_id)
        target, source = units[unit_id]
        if match.start() < body_start:
            return _front_matter_value(unit_id, target, source, quoted_by=skeleton[match.start() - 1])
        return _span_pair(unit_id, target, source, quote='"')

    text = _MARKER.sub(pair, skeleton)
    if unused := sorted(set(units) - used, key=str):
        raise XliffError(f"segment {unused[0]!r} has no place in the file's skeleton")
    return _with_locale_keys(text, properties)


def _span_pair(unit_id: str, target: str, source: str, quote: str) -> str:
    return (f"<span data-ttu-id={quote}{unit_id}{quote}>{target}</span><span class={quote}sxs-lookup{quote}>"
            f"<span data-stu-id={quote}{unit_id}{quote}>{source}</span></span>")


def _front_matter_value(unit_id: str, target: str, source: str, quoted_by: str) -> str:
    """A front matter value's span pair in the quoting of the English value (``quoted_by`` is the character before
    the marker): inside its double or single quotes; plain where the English was plain and both texts can be;
    else as a double-quoted scalar, as Microsoft writes them."""
    if quoted_by == '"':
        return _span_pair(unit_id, _yaml_escape(target), _yaml_escape(source), quote='\\"')
    if quoted_by == "'":
        return _span_pair(unit_id, target.replace("'", "''"), source.replace("'", "''"), quote='"')
    if _plain(target) and _plain(source):
        return _span_pair(unit_id, target, source, quote='"')
    return '"' + _span_pair(unit_id, _yaml_escape(target), _yaml_escape(source), quote='\\"') + '"'


def _plain(text: str) -> bool:
    """Can ``text`` be written as a plain YAML scalar, and read back as itself?"""
    if not text or "\n" in text or text != text.strip():
        return False
    try:
        return yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        return False


def _yaml_escape(text: str) -> str:
    """Text inside a YAML double-quoted scalar: backslashes, quotes and line breaks escaped."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def _with_locale_keys(text: str, properties: Mapping[str, str]) -> str:
    """The front matter with the locale keys of ``properties`` (and today's ``ms.lasthandoff``) set, replacing
    any the English had; a front matter block is added to an article without one."""
    values = {key: properties[key] for key in LOCALE_KEYS if properties.get(key)}
    values.setdefault("ms.lasthandoff", date.today().strftime("%m/%d/%Y"))
    lines = [f"{key}: {_plain_or_quoted(value)}" for key, value in values.items()]
    end = front_matter_end(text)
    if not end:
        return "---\n" + "\n".join(lines) + "\n---\n" + text
    newline = "\r\n" if "\r\n" in text[:end] else "\n"
    head = text[:end]
    closing = head.rstrip("\r\n")
    closing_start = closing.rfind("\n") + 1
    kept = [line for line in head[:closing_start].splitlines(keepends=True)
            if line.split(":", 1)[0].strip() not in values]
    return "".join(kept) + newline.join(lines) + newline + head[closing_start:] + text[end:]


def _plain_or_quoted(value: str) -> str:
    """A locale key's value as YAML that reads back as this string (a hash of digits alone is quoted)."""
    return value if _plain(value) else '"' + _yaml_escape(value) + '"'


def returned_handoff(returned: ReturnedFile, translation_type: str | None = None) -> str:
    """The span-marked handoff of a returned export file: each unit's target (its English where a translator
    left it empty, which then reads as untranslated) next to its English, with the locale keys the export
    recorded, the file's target language and the translation type (HT unless ``translation_type`` says)."""
    units = {unit.id: (unit.target if unit.target else unit.source, unit.source) for unit in returned.units}
    properties = {**returned.properties, "ms.contentlocale": returned.target_language or
                  returned.properties.get("ms.contentlocale", ""),
                  "ms.translationtype": translation_type or returned.properties.get("ms.translationtype") or "HT"}
    return fill_skeleton(returned.skeleton, units, properties)
