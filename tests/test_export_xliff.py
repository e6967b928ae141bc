"""Export files (XLIFF 1.2): inline codes, writing, reading back, what CAT tools read and what is refused."""

from __future__ import annotations

from copy import deepcopy

import pytest
from lxml import etree

from locdocs.errors import XliffError
from locdocs.export import xliff_file
from locdocs.export.handoff import make_skeleton
from locdocs.export.inline import NAMESPACE, check_codes, element_markdown, fill_element, fill_target, tokenize
from locdocs.export.segmenter import SourceSegment, segment_article
from locdocs.export.units import ExportUnit, Match
from locdocs.export.xliff_file import read_export, write_export
from locdocs.segments import parse
from shared_data import CORPUS, SEEDS, shared_data_missing

NS = f"{{{NAMESPACE}}}"
ARTICLE = """---
title: Pay your bill | Azure
description: How to pay a past due balance.
ms.date: 05/11/2018
---
# Pay your **past due** balance

Open the [Azure portal](https://portal.azure.com "Portal") and select <kbd>Pay now</kbd>. Run `az billing show`.
See https://example.com/help for more. Use [the guide][guide] and ![a chart](media/chart.png).

| Step | What |
| --- | --- |
| 1 | Select *Pay* |

[guide]: https://example.com/guide
"""


def _segments(text: str = ARTICLE) -> list[SourceSegment]:
    return segment_article(text)


def _units() -> list[ExportUnit]:
    """One unit of each kind: exact, fuzzy (with the English it translated) and new, front matter included."""
    translations = {
        "Pay your bill | Azure": "Betala din räkning | Azure",
        "Pay your **past due** balance": "Betala ditt **förfallna** saldo",
        "Run `az billing show`.": "Kör `az billing show`.",
    }
    units = []
    for number, segment in enumerate(_segments(), start=1):
        unit_id = f"s{number}"
        if segment.text in translations:
            units.append(ExportUnit(unit_id, segment, Match.EXACT, translations[segment.text]))
        elif segment.text.startswith("Open the"):
            units.append(ExportUnit(unit_id, segment, Match.FUZZY,
                                    "Öppna [Azure-portalen](https://portal.azure.com \"Portal\") och välj "
                                    "<kbd>Pay now</kbd>.",
                                    similarity=0.864, previous_source="Open the [Azure portal](https://portal.azure"
                                    ".com \"Portal\") and choose <kbd>Pay now</kbd>."))
        else:
            units.append(ExportUnit(unit_id, segment, Match.NEW))
    return units


def _export(units: list[ExportUnit] | None = None, text: str = ARTICLE) -> bytes:
    units = _units() if units is None else units
    return write_export(units, original="billing/pay.md", source_language="en-US", target_language="sv-SE",
                        skeleton=make_skeleton(text, [(unit.id, unit.segment) for unit in units]),
                        properties={"ms.openlocfilehash": "0123abcd", "ms.contentlocale": "sv-SE"})


def _unit(root: etree._Element, unit_id: str) -> etree._Element:
    return root.find(f".//{NS}trans-unit[@id='{unit_id}']")


def _id_of(text: str) -> str:
    return next(unit.id for unit in _units() if unit.segment.text.startswith(text))


# --- Inline codes -------------------------------------------------------------------------------------------


def _element(markdown: str) -> etree._Element:
    return fill_element(etree.Element(NS + "source"), markdown)


def _codes(markdown: str) -> list[tuple[str, str]]:
    return [(token.kind, token.markdown) for token in tokenize(markdown) if not isinstance(token, str)]


def test_codes_of_each_kind():
    assert _codes("Run `az login` now") == [("ph", "`az login`")]
    assert _codes("see [the docs](a/b.md \"T\") and [ref][r], [c][]") == [
        ("bpt", "["), ("ept", "](a/b.md \"T\")"), ("bpt", "["), ("ept", "][r]"), ("ph", "[c][]")]
    assert _codes("press <kbd>Ctrl</kbd><br> or <a href=\"x\">here</a>") == [
        ("bpt", "<kbd>"), ("ept", "</kbd>"), ("ph", "<br>"), ("bpt", "<a href=\"x\">"), ("ept", "</a>")]
    assert _codes("**bold**, *it*, __b__, _i_, ~~s~~") == [
        ("bpt", "**"), ("ept", "**"), ("bpt", "*"), ("ept", "*"), ("bpt", "__"), ("ept", "__"), ("bpt", "_"),
        ("ept", "_"), ("bpt", "~~"), ("ept", "~~")]
    assert _codes("at <https://a.example> or https://b.example/x.") == [
        ("ph", "<https://a.example>"), ("ph", "https://b.example/x")]
    assert _codes("![alt text](img.png) [!NOTE] a | b") == [
        ("bpt", "!["), ("ept", "](img.png)"), ("ph", "[!NOTE]"), ("ph", "|")]
    assert _codes("line\n> next") == [("ph", "\n> ")]
    # Text, not codes: entities, escapes, intraword underscores, a lone asterisk, escaped brackets.
    assert _codes("&lt;n&gt; \\*x\\* snake_case 5 * 3 \\[optional\\] a < b") == []
    # Brackets without a link target are a shortcut reference link's label ([CommonMark] with "[CommonMark]: URL"
    # elsewhere): kept whole, as a translated label would name no definition.
    assert _codes("see [CommonMark] or [docs][] or [x](y) or [GitHub Flavored Markdown][GFM]") == [
        ("ph", "[CommonMark]"), ("ph", "[docs][]"), ("bpt", "["), ("ept", "](y)"), ("bpt", "["), ("ept", "][GFM]")]
    # Half a pair (the other half is in the next sentence): an isolated code.
    assert _codes("**Note that this is bold.") == [("it", "**")]


def test_bpt_and_ept_share_their_id_and_keep_the_markdown():
    element = _element("A **bold [link](u)** end")
    assert [(etree.QName(code).localname, code.get("id"), code.text) for code in element] == [
        ("bpt", "1", "**"), ("bpt", "2", "["), ("ept", "2", "](u)"), ("ept", "1", "**")]
    assert element.text == "A " and element[1].tail == "link" and element[3].tail == " end"


def _english_segments() -> list[SourceSegment]:
    files = sorted(CORPUS.glob("*/en-us/**/*.md")) + sorted((SEEDS / "en").glob("*.md"))
    assert files
    return [segment for path in files for segment in segment_article(path.read_text("utf-8-sig"))]


def _handoff_segments():
    files = sorted(p for p in CORPUS.glob("*__live-sxs/**/*.md")) + sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))
    segments = []
    for path in files:
        try:
            segments.extend(parse(path.read_text("utf-8-sig", errors="replace")).segments)
        except XliffError:
            continue
        except Exception:  # noqa: BLE001 - a handoff the span parser refuses has no segments to test
            continue
    assert segments
    return segments


def _through_xml(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


@pytest.mark.skipif(shared_data_missing() is not None, reason=f"no shared data: {shared_data_missing()}")
def test_round_trip_of_every_english_segment_is_exact():
    segments = _english_segments()
    wrong = []
    for segment in segments:
        plain = segment.kind == "front-matter"
        element = _through_xml(fill_element(etree.Element(NS + "source"), segment.text, plain=plain))
        if element_markdown(element, plain=plain) != segment.text:
            wrong.append(segment.text)
    assert len(segments) > 1000 and wrong == []


@pytest.mark.skipif(shared_data_missing() is not None, reason=f"no shared data: {shared_data_missing()}")
def test_round_trip_of_every_handoff_translation_is_exact():
    """The translations of the span handoffs, as an export's targets: exact, and nearly all keep their English's
    codes (the others changed markup: a translated image alt text kept as a code, a lost bold)."""
    wrong, same_codes, total = [], 0, 0
    for segment in _handoff_segments():
        plain = segment.in_front_matter
        source = fill_element(etree.Element(NS + "source"), segment.source, plain=plain)
        target = etree.Element(NS + "target")
        exact = fill_target(target, segment.target, source, plain=plain)
        target = _through_xml(target)
        if element_markdown(target, plain=plain) != segment.target:
            wrong.append(segment.target)
        if exact:
            check_codes(_through_xml(source), target, segment.id)
            same_codes += 1
        total += 1
    assert wrong == []
    assert same_codes / total > 0.97


def test_reordered_codes_take_the_ids_of_the_english():
    source = _element("**A** and *B* and `c`")
    target = etree.Element(NS + "target")
    assert fill_target(target, "`c` och *B* och **A**", source)
    check_codes(source, target, "s1")
    assert element_markdown(target) == "`c` och *B* och **A**"


# --- Untrusted text in a target -----------------------------------------------------------------------------


def _target(source_markdown: str, build) -> tuple[etree._Element, etree._Element]:
    source = _element(source_markdown)
    target = deepcopy(source)
    target.tag = NS + "target"
    build(target)
    return source, _through_xml(target)


def test_typed_tag_comes_back_as_text():
    def build(target):
        target.text = "Välj <script>alert(1)</script> "
    source, target = _target("Select <kbd>OK</kbd>.", build)
    check_codes(source, target, "s1")
    markdown = element_markdown(target)
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert markdown.endswith("<kbd>OK</kbd>.")
    assert [token.markdown for token in tokenize(markdown) if not isinstance(token, str)] == ["<kbd>", "</kbd>"]


def test_typed_link_and_line_break_and_pipe_come_back_as_text():
    def build(target):
        target.text = "[x](javascript:alert(1))\n# Rubrik | "
    _, target = _target("A `code` span.", build)
    markdown = element_markdown(target)
    assert "\n" not in markdown
    assert [token.markdown for token in tokenize(markdown) if not isinstance(token, str)] == ["`code`"]


def test_text_that_makes_no_markup_is_left_alone():
    def build(target):
        target.text = "5 * 3 < 7 & snake_case "
    _, target = _target("A `code` span.", build)
    assert element_markdown(target) == "5 * 3 < 7 & snake_case `code` span."


# --- Refusals of broken targets -----------------------------------------------------------------------------


def _broken(source_markdown: str, change) -> str:
    source = _element(source_markdown)
    target = deepcopy(source)
    target.tag = NS + "target"
    change(target)
    with pytest.raises(XliffError) as refused:
        check_codes(source, target, "s7")
    assert "segment s7" in str(refused.value)
    return str(refused.value)


def test_lost_link_is_refused():
    def lose(target):
        for code in list(target):
            target.remove(code)
        target.text = "Open the portal"
    assert "lost the link to https://portal.azure.com" in _broken("Open the [portal](https://portal.azure.com).",
                                                                  lose)


def test_changed_code_span_is_refused():
    def change(target):
        target[0].text = "`rm -rf /`"
    assert "changed the code span `az login`" in _broken("Run `az login` first.", change)


def test_extra_tag_is_refused():
    def add_ph(target):
        etree.SubElement(target, NS + "ph", id="9").text = "<img src=x onerror=alert(1)>"

    def add_g(target):
        etree.SubElement(target, NS + "g", id="1").text = "text"
    assert "extra <ph id=\"9\">" in _broken("Run `az login` first.", add_ph)
    assert "extra <g> tag" in _broken("Run `az login` first.", add_g)


def test_unpaired_bpt_is_refused():
    def unpair(target):
        target.remove(target.find(NS + "ept"))
    assert "lost the bold marker **" in _broken("A **bold** word.", unpair)


def test_closing_before_opening_is_refused():
    def swap(target):
        bpt, ept = target.find(NS + "bpt"), target.find(NS + "ept")
        bpt.tag, ept.tag = NS + "ept", NS + "bpt"
    assert "comes before its opening" in _broken("A **bold** word.", swap)


def test_duplicated_code_is_refused():
    def twice(target):
        target.append(deepcopy(target[0]))
    assert "twice" in _broken("Run `az login` first.", twice)


# --- The export file ----------------------------------------------------------------------------------------


def test_file_structure():
    root = etree.fromstring(_export())
    assert root.tag == NS + "xliff" and root.get("version") == "1.2"
    file_element = root[0]
    assert (file_element.get("original"), file_element.get("source-language"), file_element.get("target-language"),
            file_element.get("datatype")) == ("billing/pay.md", "en-US", "sv-SE", "x-markdown")
    header, body = file_element
    assert [etree.QName(child).localname for child in header] == ["skl", "tool", "prop-group"]
    assert header[0][0].get("form") == "text" and "\ue000s1\ue001" in header[0][0].text
    assert {prop.get("prop-type"): prop.text for prop in header[2]} == {"ms.openlocfilehash": "0123abcd",
                                                                          "ms.contentlocale": "sv-SE"}
    for unit in body:
        names = [etree.QName(child).localname for child in unit]
        assert names[0] == "source" and names[-1] == "count-group"
        assert int(unit[-1][0].text) > 0 and unit[-1][0].get("unit") == "word"
    title = _unit(root, "s1")
    assert (title.get("resname"), title.get("restype")) == ("title", "x-front-matter")
    assert "front matter key title" in title.findtext(NS + "note")
    exact = _unit(root, _id_of("Pay your **"))
    assert exact.get("approved") == "yes"
    assert exact.find(NS + "target").attrib == {"state": "translated", "state-qualifier": "exact-match"}
    fuzzy = _unit(root, _id_of("Open the"))
    assert fuzzy.get("approved") == "no"
    assert fuzzy.find(NS + "target").attrib == {"state": "needs-review-translation", "state-qualifier": "fuzzy-match"}
    alternative = fuzzy.find(NS + "alt-trans")
    assert alternative.attrib == {"origin": "previous-translation", "match-quality": "86"}
    assert element_markdown(alternative.find(NS + "source")).endswith("and choose <kbd>Pay now</kbd>.")
    assert _unit(root, _id_of("Run `az")).find(NS + "target") is not None  # an exact match too
    new = _unit(root, _id_of("See https"))
    assert new.find(NS + "target") is None and new.get("approved") == "no"


def test_exact_match_whose_codes_differ_needs_review():
    segment = _segments()[-1]
    data = _export([ExportUnit("c1", segment, Match.EXACT, "Välj Betala")])  # the *…* is lost
    unit = _unit(etree.fromstring(data), "c1")
    assert unit.get("approved") == "no" and unit.find(NS + "target").get("state") == "needs-review-translation"
    assert "tags differ" in unit.findtext(NS + "note")


def test_read_back_unchanged():
    returned = read_export(_export())
    assert (returned.original, returned.source_language, returned.target_language) == ("billing/pay.md", "en-US",
                                                                                        "sv-SE")
    assert returned.properties["ms.openlocfilehash"] == "0123abcd"
    units = _units()
    assert returned.skeleton == make_skeleton(ARTICLE, [(unit.id, unit.segment) for unit in units])
    assert [unit.id for unit in returned.units] == [unit.id for unit in units]
    for unit, back in zip(units, returned.units, strict=True):
        assert back.source == unit.segment.text
        assert back.target == (unit.target if unit.match is not Match.NEW else None)
    assert {back.state for back in returned.units} == {"translated", "needs-review-translation", None}


def test_skeleton_with_a_control_character_is_kept_exactly():
    text = ARTICLE.replace("for more.", "for more.\x07")
    units = [ExportUnit(f"s{n}", segment, Match.NEW) for n, segment in enumerate(segment_article(text), start=1)]
    returned = read_export(_export(units, text))
    assert returned.skeleton == make_skeleton(text, [(unit.id, unit.segment) for unit in units])
    assert [unit.source for unit in returned.units] == [unit.segment.text for unit in units]


# --- translate-toolkit, a CAT-side library ------------------------------------------------------------------


def test_translate_toolkit_reads_sources_targets_and_states():
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(_export())
    read = {unit.getid().rsplit("\x04", 1)[-1]: unit for unit in store.units}
    units = {unit.id: unit for unit in _units()}
    assert set(read) == set(units)
    for unit_id, unit in units.items():
        tt_unit = read[unit_id]
        if unit.match is Match.EXACT:
            assert tt_unit.istranslated() and not tt_unit.isfuzzy()
            assert tt_unit.target == unit.target
        elif unit.match is Match.FUZZY:
            assert tt_unit.isfuzzy() and not tt_unit.istranslated()
            assert tt_unit.target == unit.target
            assert tt_unit.getalttrans()[0].source == unit.previous_source
        else:
            assert not tt_unit.istranslated() and not tt_unit.isfuzzy() and not tt_unit.target
        assert tt_unit.source == unit.segment.text  # codes read as their Markdown
    bold = read[_id_of("Pay your **")]
    assert [type(piece).__name__ for piece in bold.rich_source[0].sub][:2] == ["StringElem", "UnknownXML"]


def test_translate_toolkit_saves_a_file_we_read_back():
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(_export())
    read = {unit.getid().rsplit("\x04", 1)[-1]: unit for unit in store.units}
    new_id = _id_of("See https")
    read[new_id].settarget("Se hjälpen")  # a plain string: the URL's code is lost
    code_id = _id_of("Select")
    read[code_id].rich_target = read[code_id].rich_source  # the English copied, codes and all
    data = bytes(store)
    with pytest.raises(XliffError, match=f"segment {new_id}: the translation lost the URL"):
        read_export(data)
    read[new_id].rich_target = read[new_id].rich_source
    returned = {unit.id: unit for unit in read_export(bytes(store)).units}
    assert returned[code_id].target == "Select *Pay*"
    assert returned[new_id].target == returned[new_id].source and returned[new_id].state == "translated"


# --- What CAT tools do to a file ----------------------------------------------------------------------------


def test_what_cat_tools_do_is_accepted():
    root = etree.fromstring(_export())
    unit_id = _id_of("Open the")
    unit = _unit(root, unit_id)
    target = unit.find(NS + "target")
    # memoQ/Trados: the target's content inside <mrk mtype="seg">, a <seg-source> beside the source.
    mark = etree.Element(NS + "mrk", mtype="seg", mid="0")
    mark.text, target.text = target.text, None
    for child in list(target):
        mark.append(child)
    target.append(mark)
    seg_source = etree.Element(NS + "seg-source")
    seg_source.append(deepcopy(unit.find(NS + "source")))
    unit.insert(1, seg_source)
    unit.set("{urn:x-tool}extra", "1")
    unit.append(etree.fromstring(f'<alt-trans xmlns="{NAMESPACE}" origin="tm"><target>x</target></alt-trans>'))
    data = etree.tostring(root, pretty_print=True)
    returned = {unit.id: unit for unit in read_export(data).units}
    assert returned[unit_id].target == next(unit.target for unit in _units() if unit.id == unit_id)


def test_an_empty_target_is_none():
    root = etree.fromstring(_export())
    target = _unit(root, _id_of("Pay your **")).find(NS + "target")
    for child in list(target):
        target.remove(child)
    target.text = "  "
    returned = read_export(etree.tostring(root))
    assert next(unit for unit in returned.units if unit.id == _id_of("Pay your **")).target is None


# --- Refused files ------------------------------------------------------------------------------------------


def _refused(data: bytes, message: str) -> XliffError:
    with pytest.raises(XliffError, match=message) as refused:
        read_export(data)
    return refused.value


def test_files_that_are_not_exports_are_refused():
    data = _export()
    _refused(b"<html><body/></html>", "not an XLIFF 1.2 file")
    _refused(data.replace(b'version="1.2"', b'version="2.0"'), "version '2.0'")
    error = _refused(data[:400], "not well-formed XML")
    assert error.line is not None
    root = etree.fromstring(data)
    skl = root.find(f".//{NS}skl")
    skl.getparent().remove(skl)
    _refused(etree.tostring(root), "no skeleton")
    root = etree.fromstring(data)
    units = root.findall(f".//{NS}trans-unit")
    units[1].set("id", units[0].get("id"))
    assert _refused(etree.tostring(root), "the id is used twice").line is not None
    del units[1].attrib["id"]
    _refused(etree.tostring(root), "without an id")


def test_broken_target_in_a_file_is_refused_with_its_line():
    root = etree.fromstring(_export())
    unit_id = _id_of("Pay your **")
    target = _unit(root, unit_id).find(NS + "target")
    target.remove(target.find(NS + "ept"))
    error = _refused(etree.tostring(root, pretty_print=True), f"segment {unit_id}: the translation lost the bold")
    assert error.line is not None and error.line > 1


HOSTILE = {
    "entity": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><xliff version="1.2">&e;</xliff>',
    "billion laughs": (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                       + b"".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
                                  .encode() for n in range(1, 10))
                       + b']><xliff version="1.2">&lol9;</xliff>'),
    "external entity": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                        b'<xliff version="1.2">&e;</xliff>'),
    "network DTD": b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.com/x.dtd"><xliff version="1.2"/>',
    "undeclared entity": b'<xliff version="1.2">&e;</xliff>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_xml_is_refused(name):
    with pytest.raises(XliffError):
        read_export(HOSTILE[name])


def test_huge_file_is_refused_unread(monkeypatch):
    monkeypatch.setattr(xliff_file, "MAX_BYTES", 1000)
    _refused(_export(), "larger than")


def test_huge_text_node_is_refused():
    data = _export().replace(b"How to pay", b"How to pay" + b"x" * 11_000_000, 1)
    _refused(data, "not well-formed XML")
