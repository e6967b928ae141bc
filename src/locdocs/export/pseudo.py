"""Pseudo-localization: a "translation" that looks foreign and runs long, with the structure left intact.

Layouts break on longer text, accented capitals, and strings nobody sent for translation; a pseudo-translation
shows all three before translators start. Only the text a translator would translate changes: the inline codes
of the segment (links' targets, code spans, tags, emphasis markers) are kept as they are, and so are entities and
backslash escapes in the text. Letters get accents, every segment grows by about 40 % (the usual allowance for
English into German or Finnish), and brackets mark where a segment starts and ends, so that text outside them
is seen to be untranslatable or untranslated. No accented letter is one of Windows-1252's 0x80-0xBF: after an
accented capital such a character reads as UTF-8 mojibake, which ingest would "repair".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import replace

from lxml import etree

from .inline import NAMESPACE, element_markdown, fill_element
from .units import ExportUnit, Match

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéḟĝĥíĵķĺɱñóþǫŕśťúṽŵẋýźÁƁÇĐÉḞĜĤÍĴĶĹṀÑÓÞǪŔŚŤÚṼŴẊÝŹ")
# Kept as written: HTML entities and Markdown's backslash escapes (their letters are not text).
_KEEP = re.compile(r"&#?\w+;|\\.")
GROWTH = 0.4
OPEN, CLOSE, PAD = "⟦", "⟧", "·"
# Inline codes whose content is the original markup, never text (XLIFF 1.2); <g> and <mrk> hold text.
_CODES = {"ph", "bpt", "ept", "it", "x", "bx", "ex"}


def pseudo_text(text: str) -> str:
    """Accent the letters of ``text``, keeping entities and escapes."""
    pieces, last = [], 0
    for kept in _KEEP.finditer(text):
        pieces.append(text[last:kept.start()].translate(_ACCENTED))
        pieces.append(kept.group())
        last = kept.end()
    pieces.append(text[last:].translate(_ACCENTED))
    return "".join(pieces)


def pseudo_element(source: etree._Element, tag: str) -> etree._Element:
    """A copy of an XLIFF ``<source>`` as a ``<target>`` (``tag``, with its namespace) whose text is
    pseudo-translated: accented, bracketed and padded by GROWTH of its letters; inline codes unchanged."""
    target = etree.Element(tag)
    target.text = source.text
    for child in source:
        target.append(deepcopy(child))
    letters = 0
    for node, attribute in _text_slots(target):
        value = getattr(node, attribute)
        if value:
            letters += sum(character.isalpha() for character in value)
            setattr(node, attribute, pseudo_text(value))
    padding = (" " + PAD * max(1, round(letters * GROWTH))) if letters else ""
    target.text = OPEN + (target.text or "")
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + padding + CLOSE
    else:
        target.text += padding + CLOSE
    return target


def _text_slots(target: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """(element, "text" or "tail") of every piece of translatable text in ``target``, in document order."""
    yield target, "text"
    for child in target:
        if etree.QName(child).localname not in _CODES:
            yield from _text_slots(child)
        yield child, "tail"


def pseudo_units(units: Sequence[ExportUnit]) -> list[ExportUnit]:
    """Each unit with a pseudo-translation of its English as an exact match: a file a CAT tool need not touch,
    which ``locdocs ingest`` takes as it is."""
    pseudo = []
    for unit in units:
        plain = unit.segment.kind == "front-matter"
        source = fill_element(etree.Element(f"{{{NAMESPACE}}}source"), unit.segment.text, plain=plain)
        target = pseudo_element(source, f"{{{NAMESPACE}}}target")
        pseudo.append(replace(unit, match=Match.EXACT, target=element_markdown(target, unit.id, plain=plain),
                              similarity=None, previous_source=None))
    return pseudo
