"""The round trip: ``locdocs export`` -> a CAT tool fills the targets -> ``locdocs ingest`` takes the file back.

On the seed site (a git repository of the English revisions with every handoff ingested) and on the corpus's
English articles. What a CAT tool does to a file is done here with lxml on the XLIFF itself: the targets are
written into the file, nothing else is touched.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from locdocs.article import Article
from locdocs.cli import main
from locdocs.config import LOCALE_KEYS
from locdocs.export.handoff import make_skeleton, returned_handoff
from locdocs.export.inline import element_markdown
from locdocs.export.leverage import leverage
from locdocs.export.pseudo import pseudo_units
from locdocs.export.segmenter import segment_article
from locdocs.export.xliff_file import read_export, write_export
from locdocs.frontmatter import load_front_matter
from locdocs.normalize import normalize_bytes
from locdocs.segments import parse
from seed_site import ARTICLE, build_seed_repo, git
from shared_data import CORPUS, SEEDS, SHARED, shared_data_missing

pytestmark = pytest.mark.skipif(shared_data_missing() is not None, reason=f"no shared data: {shared_data_missing()}")

XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
NS = {"x": XLIFF}


@pytest.fixture(scope="module")
def seed_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_repo(tmp_path_factory.mktemp("seed") / "repo")


@pytest.fixture
def repo(seed_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the seed repository, as the current folder."""
    copy = tmp_path / "repo"
    shutil.copytree(seed_repo, copy, symlinks=True)
    monkeypatch.chdir(copy)
    return copy


def without_locale_keys(text: str) -> str:
    """An article without the front matter lines of the locale keys (which only a translation has), and without
    the front matter that held only them."""
    kept = "".join(line for line in text.splitlines(keepends=True)
                   if line.split(":", 1)[0].strip() not in LOCALE_KEYS)
    return kept.removeprefix("---\n---\n")


def fill_targets(path: Path, fill) -> None:
    """Do what a translator's CAT tool does: give every trans-unit a target, ``fill(source element)``."""
    tree = etree.parse(str(path))
    for unit in tree.iterfind(".//x:trans-unit", NS):
        source = unit.find("x:source", NS)
        for old in unit.findall("x:target", NS):
            unit.remove(old)
        target = fill(source)
        target.tag = f"{{{XLIFF}}}target"
        target.set("state", "translated")
        source.addnext(target)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def copy_of(source: etree._Element) -> etree._Element:
    from copy import deepcopy

    return deepcopy(source)


@dataclass(frozen=True)
class Offered:
    """A unit of an export file as exported: what the translator gets."""

    id: str
    source: str
    target: str | None
    state: str | None


def offered(path: Path) -> list[Offered]:
    """The units of an export file as written (read_export would refuse a fuzzy target whose links differ from
    the English: a translator has to fix those before the file comes back)."""
    units = []
    for unit in etree.parse(str(path)).iterfind(".//x:trans-unit", NS):
        target = unit.find("x:target", NS)
        units.append(Offered(unit.get("id"), element_markdown(unit.find("x:source", NS)),
                             None if target is None else element_markdown(target),
                             None if target is None else target.get("state")))
    return units


def report(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    capsys.readouterr()
    assert main(["export", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


# --- What is exported ------------------------------------------------------------------------------------------

def test_a_current_translation_is_done_and_a_stale_one_is_exported(repo: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    zh = report(capsys, "--locale", "zh", "--dry-run")  # zh: HT, from the current (2018-05) English
    fr = report(capsys, "--locale", "fr", "--dry-run")  # fr: from 2017-03, whose sections were rewritten since
    [zh_row] = [row for row in zh["articles"] if row["article"] == ARTICLE]
    [fr_row] = [row for row in fr["articles"] if row["article"] == ARTICLE]
    assert (zh_row["state"], zh_row["exported"]) == ("current", False)
    assert zh_row["done"]["segments"] > 20 and zh_row["new"]["segments"] == 0
    assert (fr_row["state"], fr_row["exported"]) == ("stale", True)
    assert fr_row["done"]["segments"] == 0
    assert fr_row["new"]["segments"] + fr_row["fuzzy"]["segments"] + fr_row["exact"]["segments"] == \
        zh_row["done"]["segments"]  # every segment of the same English, counted once
    assert not (repo / "export").exists()  # --dry-run


def test_the_nl_handoff_still_in_english_offers_nothing_as_translated(repo: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The Dutch of the site (the 2017-03 handoff) is real Dutch; ingest the 2018-05 one, whose "translation" is
    the English text: it is untranslated, exported, and none of its English is carried as a translation."""
    assert main(["ingest", "-q", str(SEEDS / "001_bfce40a1323c09cc.txt"), "--path", ARTICLE]) == 0
    nl = report(capsys, "--locale", "nl")
    [row] = [row for row in nl["articles"] if row["article"] == ARTICLE]
    assert (row["state"], row["exported"]) == ("untranslated", True)
    assert row["exact"]["segments"] == row["fuzzy"]["segments"] == 0
    units = offered(repo / "export" / "nl" / (ARTICLE + ".xlf"))
    assert units and all(unit.target is None for unit in units)


# --- Round trips -----------------------------------------------------------------------------------------------

def test_filling_every_target_with_its_source_gives_back_the_english(repo: Path) -> None:
    assert main(["export", "--locale", "fr"]) == 0
    exported = repo / "export" / "fr" / (ARTICLE + ".xlf")
    fill_targets(exported, copy_of)
    assert main(["ingest", "-q", str(exported)]) == 0
    english = (repo / "docs" / "en" / ARTICLE).read_text("utf-8")
    ingested = (repo / "docs" / "fr" / ARTICLE).read_text("utf-8")
    assert without_locale_keys(ingested) == english
    metadata = load_front_matter(ingested)
    assert metadata["ms.contentlocale"] == "fr-FR" and metadata["ms.translationtype"] == "HT"
    assert metadata["ms.openlocfilehash"] == hashlib.sha1((repo / "docs" / "en" / ARTICLE).read_bytes()).hexdigest()


def english_files() -> list[Path]:
    """Every English article of the shared data: the corpus's, multilocale's and the seeds' revisions."""
    found = [*CORPUS.glob("*/en-us/**/*.md"), *(SHARED / "multilocale" / "en-us").glob("**/*.md"),
             *(SEEDS / "en").glob("*.md")]
    return sorted(p for p in found if p.is_file())


def test_every_corpus_article_survives_export_and_return_unchanged() -> None:
    """Export each English article of the corpus, return it with every target its source, and make the handoff:
    its clean text is the English article, byte for byte, plus the locale keys."""
    files = english_files()
    assert len(files) >= 60
    for path in files:
        english = path.read_text("utf-8-sig")
        units = leverage(segment_article(english), None)
        skeleton = make_skeleton(english, [(unit.id, unit.segment) for unit in units])
        data = write_export(units, original="a.md", source_language="en-US", target_language="fr-FR",
                            skeleton=skeleton, properties={"ms.openlocfilehash": "0" * 40})
        tree = etree.fromstring(data)
        for unit in tree.iterfind(".//x:trans-unit", NS):
            target = copy_of(unit.find("x:source", NS))
            target.tag = f"{{{XLIFF}}}target"
            unit.find("x:source", NS).addnext(target)
        returned = read_export(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        clean = normalize_bytes(returned_handoff(returned).encode("utf-8"), keep_bom=False).text
        assert without_locale_keys(clean) == english, path


def test_a_pseudo_translation_keeps_ids_links_code_and_keys(repo: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """export --pseudo, ingest: every segment reads foreign and longer, and what is not text is intact."""
    assert main(["export", "--locale", "sv", "--pseudo"]) == 0
    exported = repo / "export" / "sv" / (ARTICLE + ".xlf")
    capsys.readouterr()
    assert main(["ingest", "-q", str(exported)]) == 0
    assert "0 untranslated, 0 repairs" in capsys.readouterr().out  # no accented letter reads as mojibake
    english = Article.from_text((repo / "docs" / "en" / ARTICLE).read_text("utf-8"))
    pseudo = Article.from_text((repo / "docs" / "sv" / ARTICLE).read_text("utf-8"))
    assert set(pseudo.front_matter) - set(LOCALE_KEYS) == set(english.front_matter)
    assert pseudo.front_matter["title"] != english.front_matter["title"]
    assert [link.target for link in pseudo.links] == [link.target for link in english.links]
    assert len(pseudo.headings) == len(english.headings)
    assert all(re.search("[áéíóú]", heading.text) for heading in pseudo.headings)
    assert [h.level for h in pseudo.headings] == [h.level for h in english.headings]
    assert re.findall(r"`[^`]+`", pseudo.body) == re.findall(r"`[^`]+`", english.body)
    for mine, theirs in zip(pseudo.headings, english.headings, strict=True):
        assert len(mine.text) > 1.3 * len(theirs.text)
    # The check finds no error in it (anchors, links, front matter all line up with the English).
    assert main(["check", "--severity", "untranslated=ignore"]) == 0


# --- Reuse after an English edit --------------------------------------------------------------------------------

EDITED_SECTION = "## If I forget to pay, what happens?"


def edit_one_section(repo: Path) -> None:
    """Reword one sentence of one section of the current English and add one, and commit."""
    english = repo / "docs" / "en" / ARTICLE
    text = english.read_text("utf-8")
    old = "The service is canceled and your resources are no longer available."
    assert old in text and EDITED_SECTION in text
    text = text.replace(old, "The service is cancelled and your resources can no longer be used. "
                             "You can sign up again at any time.")
    english.write_text(text, "utf-8")
    git(repo, "commit", "-q", "-am", "English: one section edited")


@pytest.mark.parametrize("locale", ["sv", "fr"])
def test_after_an_edit_of_one_section_only_its_segments_change(repo: Path, locale: str) -> None:
    assert main(["export", "--locale", locale, "--all"]) == 0
    before = offered(repo / "export" / locale / (ARTICLE + ".xlf"))
    edit_one_section(repo)
    shutil.rmtree(repo / "export")
    assert main(["export", "--locale", locale, "--all"]) == 0
    after = offered(repo / "export" / locale / (ARTICLE + ".xlf"))
    english = (repo / "docs" / "en" / ARTICLE).read_text("utf-8")
    section_start = english.index(EDITED_SECTION)
    section_end = english.index("\n## ", section_start + 1)
    edited = english[section_start:section_end]
    previous = {unit.source: unit for unit in before}
    changed = [unit for unit in after if unit.source not in previous]
    assert changed and all(unit.source in edited for unit in changed)
    assert all(unit.state != "translated" for unit in changed)  # new, or a fuzzy match to review
    for unit in after:
        if unit.source in previous:  # unchanged English: the same translation, in the same state
            assert (unit.target, unit.state) == (previous[unit.source].target, previous[unit.source].state)
    if locale == "sv":  # translated from 2017-08, whose text is the current English's: all of it is carried
        assert all(unit.target and unit.state == "translated" for unit in after if unit not in changed)
    carried = [unit for unit in after if unit.source in previous and unit.target]
    assert len(carried) >= len(after) // 2  # most of the article's translation is carried


# --- What comes back is checked --------------------------------------------------------------------------------

def test_a_target_that_loses_a_link_is_refused_naming_its_segment(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--locale", "fr"]) == 0
    exported = repo / "export" / "fr" / (ARTICLE + ".xlf")
    tree = etree.parse(str(exported))
    broken = next(unit for unit in tree.iterfind(".//x:trans-unit", NS)
                  if unit.find("x:source", NS).find("x:bpt", NS) is not None
                  and "](" in "".join(unit.find("x:source", NS).itertext()))
    for old in broken.findall("x:target", NS):
        broken.remove(old)
    target = etree.SubElement(broken, f"{{{XLIFF}}}target", state="translated")
    target.text = "Texte sans son lien."
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    before = (repo / "docs" / "fr" / ARTICLE).read_bytes()
    capsys.readouterr()
    assert main(["ingest", str(exported)]) == 2
    error = capsys.readouterr().err
    assert broken.get("id") in error and "nothing was written" in error
    assert (repo / "docs" / "fr" / ARTICLE).read_bytes() == before


def test_the_next_export_carries_what_the_returned_file_translated(repo: Path) -> None:
    """After a returned file is ingested, its segment pairs (l10n/LL/REL.xlf) are the memory of the next export:
    an English edit of one section leaves every other segment an exact match with its returned translation."""
    assert main(["export", "--locale", "sv", "--pseudo", "-o", "returned"]) == 0
    assert main(["ingest", "-q", str(repo / "returned" / "sv" / (ARTICLE + ".xlf"))]) == 0
    returned = {unit.source: unit.target for unit in offered(repo / "returned" / "sv" / (ARTICLE + ".xlf"))}
    edit_one_section(repo)
    assert main(["export", "--locale", "sv"]) == 0
    after = offered(repo / "export" / "sv" / (ARTICLE + ".xlf"))
    english = (repo / "docs" / "en" / ARTICLE).read_text("utf-8")
    edited = english[english.index(EDITED_SECTION):]
    for unit in after:
        if unit.source in returned:
            assert (unit.state, unit.target) == ("translated", returned[unit.source])
        else:
            assert unit.source in edited and unit.state != "translated"
    assert sum(unit.source not in returned for unit in after) == 2  # the reworded sentence and the new one


def test_the_report_counts_the_words_of_the_english(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The words of the current article, counted here from Microsoft's own segments of it (the 2018-05 Dutch
    handoff's English) and its title and description: words, without link targets and emphasis markers."""
    sources = [segment.source for segment in parse((SEEDS / "001_bfce40a1323c09cc.txt").read_text("utf-8")).segments]
    metadata = load_front_matter((SEEDS / "en" / "2018-05-11.md").read_text("utf-8"))
    texts = [*sources, metadata["title"], metadata["description"]]
    words = sum(len(re.findall(r"\w+(?:['’.-]\w+)*", re.sub(r"\]\([^)]*\)", " ", text))) for text in texts)
    zh = report(capsys, "--locale", "zh", "--dry-run")
    [row] = [row for row in zh["articles"] if row["article"] == ARTICLE]
    assert row["done"] == {"segments": len(texts), "words": words}
    assert zh["total"]["done"] == row["done"]


@pytest.mark.parametrize(("arguments", "message"), [
    (["--locale", "en"], "is the English source"),
    (["--locale", "de"], "not one of the site's locales"),
    (["--locale", "sv", "billing/nothing.md"], "no such English article"),
    (["--locale", "sv", "../secret.md"], "name an English article"),
])
def test_export_refuses_what_it_cannot_do(repo: Path, capsys: pytest.CaptureFixture[str], arguments: list[str],
                                          message: str) -> None:
    capsys.readouterr()
    assert main(["export", *arguments]) == 2
    assert message in capsys.readouterr().err
    assert not (repo / "export").exists()


def test_an_article_can_be_named_from_the_repository(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    named = report(capsys, "--locale", "fr", "--dry-run", f"docs/en/{ARTICLE}")
    assert [row["article"] for row in named["articles"]] == [ARTICLE]


def test_every_corpus_article_pseudo_translated_keeps_its_structure() -> None:
    """Export each English article of the shared data, pseudo-translate it and make the handoff: the clean
    article has the English's headings (count and levels), link targets, code spans, code blocks and front
    matter keys; its text is not the English."""
    for path in english_files():
        english_text = path.read_text("utf-8-sig")
        units = pseudo_units(leverage(segment_article(english_text), None))
        if not units:
            continue
        skeleton = make_skeleton(english_text, [(unit.id, unit.segment) for unit in units])
        data = write_export(units, original="a.md", source_language="en-US", target_language="qps-ploc",
                            skeleton=skeleton, properties={"ms.openlocfilehash": "0" * 40})
        clean = normalize_bytes(returned_handoff(read_export(data)).encode("utf-8"), keep_bom=False,
                                repair=False).text
        english, pseudo = Article.from_text(english_text), Article.from_text(clean)
        assert [h.level for h in pseudo.headings] == [h.level for h in english.headings], path
        assert [link.target for link in pseudo.links] == [link.target for link in english.links], path
        code = re.compile(r"(?<![\\`])`[^`\n]+(?<!\\)`")  # code spans (an escaped backtick is text)
        assert code.findall(pseudo.body) == code.findall(english.body), path
        assert re.findall(r"(?m)^ *```.*$", pseudo.body) == re.findall(r"(?m)^ *```.*$", english.body), path
        assert set(pseudo.front_matter) - set(LOCALE_KEYS) == set(english.front_matter), path
        assert pseudo.body != english.body, path


@pytest.mark.parametrize("report_format", ["table", "json"])
def test_the_report_goes_to_a_file_when_asked(repo: Path, capsys: pytest.CaptureFixture[str],
                                              report_format: str) -> None:
    capsys.readouterr()
    assert main(["export", "--locale", "fr", "--dry-run", "--format", report_format, "--report", "quote.txt"]) == 0
    assert capsys.readouterr().out == ""
    written = (repo / "quote.txt").read_text("utf-8")
    assert ARTICLE[:20] in written and ("Leverage" in written if report_format == "table" else
                                        json.loads(written)["articles"][0]["state"] == "stale")
