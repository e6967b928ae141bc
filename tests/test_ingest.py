"""`locdocs ingest`: handoffs into docs/LL/REL and l10n/LL/REL.xlf, all or nothing."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from locdocs.cli import main
from locdocs.errors import LocdocsError
from locdocs.ingest import plan_ingest, plan_outputs
from locdocs.locales import site_locale
from locdocs.xliff import NAMESPACE, SegmentCounts, count_segments, read_segment_counts, read_xliff
from shared_data import CORPUS, GOLDEN, SEEDS, corpus_span_files

ARTICLE = "billing/billing-azure-subscription-past-due-balance.md"
DUTCH_2017 = SEEDS / "003_ceff8272707b582a.txt"
DUTCH_2018 = SEEDS / "001_bfce40a1323c09cc.txt"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.shared
def test_ingest_one_handoff(repo: Path, capsys) -> None:
    assert main(["ingest", str(DUTCH_2017), "--path", ARTICLE]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        (f"ingested {DUTCH_2017} -> docs/nl/{ARTICLE} (nl-NL, MT): 21 segments, 0 untranslated, 1 repair; "
        "English revision b3942541e603824023c7f216b1840e8bed642a01"),
        f"  {DUTCH_2017}:32: repaired mojibake 'beÃ«indigd' -> 'beëindigd'",
        "ingested 1 handoff: 21 segments, 0 untranslated, 1 repair.",
    ]
    article = repo / "docs" / "nl" / ARTICLE
    assert article.read_bytes() == (GOLDEN / "seeds" / "003_ceff8272707b582a.translation.md").read_bytes()

    xliff = (repo / "l10n" / "nl" / (ARTICLE + ".xlf")).read_bytes()
    root = etree.fromstring(xliff)
    assert root.tag == f"{{{NAMESPACE}}}xliff" and root.get("version") == "1.2"
    file_element = root[0]
    assert (file_element.get("original"), file_element.get("source-language"),
            file_element.get("target-language")) == (ARTICLE, "en-US", "nl-NL")
    properties, units = read_xliff(xliff)
    assert properties["ms.openlocfilehash"] == "b3942541e603824023c7f216b1840e8bed642a01"
    assert properties["ms.translationtype"] == "MT"
    assert len(units) == 21 and not any(unit.untranslated for unit in units)
    assert (units[0].id, units[0].line, units[0].column) == ("97fb2-103", 24, 70)
    assert units[0].source == "Resolve past due balance for your Azure subscription"
    assert units[0].target == "Los vervallen verdelen voor uw Azure-abonnement"
    assert any("beëindigd" in unit.target for unit in units)


@pytest.mark.shared
def test_untranslated_units_are_marked_in_the_xliff(repo: Path) -> None:
    assert main(["ingest", str(DUTCH_2018), "--path", ARTICLE, "-q"]) == 0
    _, units = read_xliff((repo / "l10n" / "nl" / (ARTICLE + ".xlf")).read_bytes())
    assert len(units) == 24 and all(unit.untranslated for unit in units)
    root = etree.fromstring((repo / "l10n" / "nl" / (ARTICLE + ".xlf")).read_bytes())
    states = {t.get("state") for t in root.iter(f"{{{NAMESPACE}}}target")}
    assert states == {"needs-translation"}


@pytest.mark.shared
def test_many_handoffs_take_their_locale_from_the_front_matter(repo: Path, capsys) -> None:
    seeds = [SEEDS / name for name in ("000_e686edcd3c8b43e2.txt", "002_e155a59c93feb457.txt",
                                       "004_4117f1128ac95ed3.txt")]
    assert main(["ingest", *map(str, seeds)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "ingested 3 handoffs: 0 segments, 0 untranslated, 0 repairs."
    for locale, seed in zip(("sv", "zh", "fr"), seeds, strict=False):
        written = repo / "docs" / locale / (seed.stem + ".md")
        assert written.read_bytes() == seed.read_bytes()
        assert (repo / "l10n" / locale / (seed.stem + ".md.xlf")).is_file()


@pytest.mark.shared
def test_a_folder_keeps_relative_paths(repo: Path, capsys) -> None:
    folder = CORPUS / "MicrosoftDocs__customer-insights-pr.sv-se__live-sxs" / "sv-se"
    assert main(["ingest", str(folder), "--docs-dir", "site-docs"]) == 0
    written = sorted(p.relative_to(repo / "site-docs").as_posix() for p in (repo / "site-docs").rglob("*.md"))
    expected = sorted("sv/" + p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    assert written == expected and len(written) == 4
    assert capsys.readouterr().out.splitlines()[-1].startswith("ingested 4 handoffs: ")


@pytest.mark.shared
def test_malformed_handoff_in_a_batch_writes_nothing(repo: Path, capsys) -> None:
    bad = repo / "bad.md"
    shutil.copyfile(GOLDEN / "errors" / "mismatched-ids.input.md", bad)
    assert main(["ingest", str(DUTCH_2017), str(bad), "--locale", "nl"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:65: mismatched ids" in err
    assert "1 handoff could not be ingested; nothing was written." in err
    assert not (repo / "docs").exists() and not (repo / "l10n").exists()


@pytest.mark.shared
@pytest.mark.parametrize(("args", "message"), [
    (["--locale", "sv"], "ms.contentlocale is 'nl-NL' but --locale is 'sv'"),
    (["--path", "../outside.md"], "--path '../outside.md' must be a relative path inside the locale folder"),
    (["--path", "/etc/x.md"], "--path '/etc/x.md' must be a relative path inside the locale folder"),
])
def test_wrong_locale_or_path_is_refused(repo: Path, capsys, args: list[str], message: str) -> None:
    assert main(["ingest", str(DUTCH_2017), *args]) == 2
    assert message in capsys.readouterr().err
    assert not (repo / "docs").exists()


def test_no_locale_anywhere_is_an_error(repo: Path, capsys) -> None:
    handoff = repo / "h.md"
    handoff.write_text("---\ntitle: x\n---\n# x\n", encoding="utf-8")
    assert main(["ingest", str(handoff)]) == 2
    assert "no ms.contentlocale in the front matter: say which locale with --locale" in capsys.readouterr().err
    assert main(["ingest", str(handoff), "--locale", "sv"]) == 0
    assert (repo / "docs" / "sv" / "h.md").is_file()


@pytest.mark.shared
def test_two_handoffs_for_one_article_collide(repo: Path, capsys) -> None:
    copy = repo / "x" / DUTCH_2017.name
    copy.parent.mkdir()
    shutil.copyfile(DUTCH_2017, copy)
    assert main(["ingest", str(DUTCH_2017), str(copy)]) == 2
    assert "which" in capsys.readouterr().err and not (repo / "docs").exists()


@pytest.mark.shared
def test_path_needs_exactly_one_handoff(repo: Path, capsys) -> None:
    assert main(["ingest", str(DUTCH_2017), str(DUTCH_2018), "--path", ARTICLE]) == 2
    assert "--path names one article: give exactly one handoff file with it" in capsys.readouterr().err


@pytest.mark.shared
def test_dry_run_writes_nothing(repo: Path, capsys) -> None:
    assert main(["ingest", str(DUTCH_2017), "--path", ARTICLE, "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"would ingest {DUTCH_2017} -> docs/nl/{ARTICLE} (nl-NL, MT): 21 segments")
    assert out[-1] == "would ingest 1 handoff: 21 segments, 0 untranslated, 1 repair."
    assert not (repo / "docs").exists()


def test_site_locale_without_a_site_is_the_language() -> None:
    assert [site_locale(tag) for tag in ("nl-NL", "zh-CN", "sv-se", "fr")] == ["nl", "zh", "sv", "fr"]


@pytest.mark.parametrize(("content_locale", "site_locales", "expected"), [
    ("nl-NL", ("en", "nl"), "nl"), ("zh-CN", ("en", "zh"), "zh"), ("zh-cn", ("en", "zh", "zh-TW"), "zh"),
    ("zh-TW", ("en", "zh", "zh-TW"), "zh-TW"), ("zh-TW", ("en", "zh"), None), ("zh-HK", ("en", "zh-TW"), "zh-TW"),
    ("pt-BR", ("en", "pt", "pt-BR"), "pt-BR"), ("pt-PT", ("en", "pt", "pt-BR"), "pt"), ("pt-BR", ("en", "pt"), "pt"),
    ("sv_SE", ("en", "sv"), "sv"), ("nb-NO", ("en", "sv"), None),
])
def test_a_content_locale_goes_to_the_site_locale_written_that_way(content_locale: str, site_locales: tuple,
                                                                     expected: str | None) -> None:
    """A region is close enough (Brazilian Portuguese in a site with one pt); a script is not (Traditional Chinese
    never goes into Simplified zh): the expectations are what a reader of each would accept."""
    assert site_locale(content_locale, site_locales) == expected


@pytest.mark.shared
def test_a_traditional_chinese_handoff_is_refused_by_a_simplified_site(tmp_path: Path, monkeypatch, capsys) -> None:
    from shared_data import SHARED

    handoff = next((SHARED / "multilocale" / "zh-tw").rglob("cli-ref-environment-variables.md"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: en, name: English, default: true}\n        - {locale: zh, name: 中文}\n", "utf-8")
    assert main(["ingest", str(handoff), "--path", "env.md"]) == 2
    assert "fits none of the site's locales (en, zh)" in capsys.readouterr().err
    assert main(["ingest", str(handoff), "--path", "env.md", "--locale", "zh"]) == 2
    assert "is not one in zh" in capsys.readouterr().err
    assert not (tmp_path / "docs" / "zh").exists()
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text("utf-8").replace(
        "{locale: zh, name: 中文}", "{locale: zh-TW, name: 繁體中文}"), "utf-8")
    assert main(["ingest", str(handoff), "--path", "env.md"]) == 0
    assert (tmp_path / "docs" / "zh-TW" / "env.md").is_file()


def _has_a_letter(source: str) -> bool:
    """Whether a segment's English has a letter (Unicode category L*) outside its tags: only those need
    translating. Written here, apart from the code under test (segments.needs_translation)."""
    return any(unicodedata.category(char).startswith("L") for char in re.sub(r"<[^>]*>", "", source))


def _header_without_counts(xliff: bytes) -> bytes:
    root = etree.fromstring(xliff)
    for group in root.iter(f"{{{NAMESPACE}}}count-group"):
        group.getparent().remove(group)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.slow
@pytest.mark.shared
def test_the_header_counts_the_segments_that_need_translating(tmp_path: Path) -> None:
    """What the check reads from the header is what counting every unit gives, for every seed and corpus
    handoff; a file without the counts (an older one, another tool's) is counted unit by unit."""
    handoffs = [*SEEDS.glob("0*.txt"), *corpus_span_files()]
    counted = 0
    for number, handoff in enumerate(handoffs):
        try:
            plan = plan_ingest(handoff, handoff.read_bytes(), rel_path="a.md")
        except LocdocsError:
            continue  # a handoff the normalizer refuses, with its reason (tested elsewhere)
        xliff = plan_outputs(plan)[plan.xliff]
        with_counts, without = tmp_path / f"{number}.xlf", tmp_path / f"{number}-plain.xlf"
        with_counts.write_bytes(xliff)
        without.write_bytes(_header_without_counts(xliff))
        properties, counts = read_segment_counts(with_counts)
        assert counts == count_segments(etree.fromstring(xliff)), handoff
        assert read_segment_counts(without) == (properties, counts), handoff
        _, units = read_xliff(xliff)
        to_translate = [unit for unit in units if _has_a_letter(unit.source)]
        assert counts == SegmentCounts(len(to_translate), sum(unit.untranslated for unit in to_translate)), handoff
        counted += counts.to_translate > 0
    assert counted >= 140  # of the 5 seeds and 148 corpus handoffs


# Real handoffs with segments that have no letter (numbers, bold numbers, box-drawing characters): such a segment
# needs no translation and is not counted. (handoff, site locale, units, the letterless sources, untranslated)
LETTERLESS = [
    ("MicrosoftDocs__Console-Docs.de-DE__live-sxs/de-de/docs/createpseudoconsole.md", "de", 55, ["**0**"], 7),
    ("MicrosoftDocs__Console-Docs.fr-FR__live-sxs/fr-fr/docs/console-virtual-terminal-sequences.md", "fr", 718,
     ["0", "1", "22", "4", "24", "7", "27", *map(str, range(30, 50)), *map(str, range(90, 98)),
      *map(str, range(100, 108)), *"┘┐┌└┼─├┤┴┬│"], 220),
]


@pytest.mark.shared
@pytest.mark.parametrize("case", LETTERLESS, ids=["bold-zero", "numbers-and-box-drawing"])
def test_segments_without_letters_are_not_counted_as_to_translate(repo: Path, case: tuple) -> None:
    handoff, locale, units, letterless, untranslated = case
    assert main(["ingest", "-q", str(CORPUS / handoff), "--path", "a.md"]) == 0
    xliff = repo / "l10n" / locale / "a.md.xlf"
    root = etree.fromstring(xliff.read_bytes())
    sources = [unit.findtext(f"{{{NAMESPACE}}}source") for unit in root.iter(f"{{{NAMESPACE}}}trans-unit")]
    assert len(sources) == units
    assert [source for source in sources if not _has_a_letter(source)] == letterless
    states = [target.get("state") for target in root.iter(f"{{{NAMESPACE}}}target")]
    assert states.count("needs-translation") == untranslated
    header = {count.get("count-type"): int(count.text) for count in root.iter(f"{{{NAMESPACE}}}count")}
    assert header == {"x-to-translate": units - len(letterless), "x-untranslated": untranslated}
    assert read_segment_counts(xliff)[1] == SegmentCounts(units - len(letterless), untranslated)
    plain = repo / "plain.xlf"  # without the header's counts: counted unit by unit, with the same result
    plain.write_bytes(_header_without_counts(xliff.read_bytes()))
    assert read_segment_counts(plain)[1] == SegmentCounts(units - len(letterless), untranslated)


@pytest.mark.shared
def test_dutch_2018_counts_every_segment_as_untranslated(repo: Path) -> None:
    assert main(["ingest", str(DUTCH_2018), "--path", ARTICLE, "-q"]) == 0
    _, counts = read_segment_counts(repo / "l10n" / "nl" / (ARTICLE + ".xlf"))
    assert counts == SegmentCounts(to_translate=24, untranslated=24)


@pytest.mark.shared
def test_counts_that_cannot_be_right_are_not_trusted(repo: Path) -> None:
    assert main(["ingest", str(DUTCH_2018), "--path", ARTICLE, "-q"]) == 0
    xliff = repo / "l10n" / "nl" / (ARTICLE + ".xlf")
    xliff.write_bytes(xliff.read_bytes().replace(b'"x-to-translate" unit="segment">24<',
                                                 b'"x-to-translate" unit="segment">3<'))
    assert read_segment_counts(xliff)[1] == SegmentCounts(to_translate=24, untranslated=24)
