"""The English segmenter (locdocs.export.segmenter) against hand-written rules and Microsoft's own segmentation.

Each rule has a small article written here with the segments expected by hand; the real-data tests compare the
segments of English originals with the ``sxs-lookup`` sources of the handoffs made from them (see
benchmarks/bench_segmentation.py for the measurement and its classification of the differences).
"""

from __future__ import annotations

import itertools
import sys
from difflib import SequenceMatcher

import pytest

from locdocs.export.segmenter import SourceSegment, segment_article, split_sentences
from locdocs.segments import has_letter, parse
from shared_data import CORPUS, ROOT, SEEDS, SEEDS_WITH_SPANS, shared_data_missing

needs_shared = pytest.mark.skipif(shared_data_missing() is not None,
                                  reason=f"shared test data missing: {shared_data_missing()}")


def texts(article: str) -> list[str]:
    """The body segments' texts, after checking that each is the article's text at its position."""
    segments = segment_article(article)
    for segment in segments:
        if segment.kind != "front-matter":
            assert article[segment.start:segment.end] == segment.text
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))
    return [s.text for s in segments if s.kind != "front-matter"]


# --- sentences ---------------------------------------------------------------------------------------------------

def test_sentences_of_a_paragraph_across_lines():
    assert texts("First sentence here. Second one!\nThird one? Yes.\n") == [
        "First sentence here.", "Second one!", "Third one?", "Yes."]


def test_no_end_after_an_abbreviation_an_initial_or_an_ellipsis():
    assert texts("Use a tool, e.g. Git or Mercurial. Then commit, i.e. Save it.\n") == [
        "Use a tool, e.g. Git or Mercurial.", "Then commit, i.e. Save it."]
    assert texts("Keys, passwords, etc. All of them are secret.\n") == ["Keys, passwords, etc. All of them are secret."]
    assert texts("The source contains package B. If A is installed, B stays.\n") == [
        "The source contains package B. If A is installed, B stays."]
    assert texts("Wait for it... Then go on.\n") == ["Wait for it... Then go on."]


def test_version_numbers_domains_and_paths():
    assert texts("Install version 2.0.1 of the tool. It works with 1.x too.\n") == [
        "Install version 2.0.1 of the tool.", "It works with 1.x too."]
    # A domain or file name ends a sentence; a path does not.
    assert texts("Publish to docs.microsoft.com. Links are easy.\n") == [
        "Publish to docs.microsoft.com.", "Links are easy."]
    assert texts("Put it under %ProgramData%/NuGet/Config. Installers add files there.\n") == [
        "Put it under %ProgramData%/NuGet/Config. Installers add files there."]


def test_what_follows_a_stop():
    # A small letter continues the sentence, unless a closing quote or emphasis came first.
    assert texts("It uses version 2.0. and more.\n") == ["It uses version 2.0. and more."]
    assert texts('You get "Packages could not be uninstalled." and a prompt.\n') == [
        'You get "Packages could not be uninstalled."', "and a prompt."]
    assert texts("Select **Load from GitHub!** button and go.\n") == ["Select **Load from GitHub!**", "button and go."]
    # A code span, a parenthesis or a dash after the stop starts a new sentence; a closing parenthesis does not end one.
    assert texts("Run it first. `dotnet` then restores. (It is fast.) Then stop. - [#12](https://x.org/12)\n") == [
        "Run it first.", "`dotnet` then restores.", "(It is fast.) Then stop.", "- [#12](https://x.org/12)"]


def test_code_spans_links_and_urls_are_not_cut():
    assert texts('Run `git commit -m "Fix. Now"` first. See [a guide. Really](a.md). Go to https://x.org/a. B.\n') == [
        'Run `git commit -m "Fix. Now"` first.', "See [a guide. Really](a.md).", "Go to https://x.org/a. B."]


def test_bold_and_italic_keep_their_sentences_together():
    assert texts("**We cannot charge your card. Please update it.** Then wait.\n") == [
        "**We cannot charge your card. Please update it.**", "Then wait."]
    assert texts("_Note: This is one. And two._\n") == ["_Note: This is one. And two._"]


def test_split_sentences_alone():
    text = "One. **Two. Three.** Four."
    assert [text[a:b] for a, b in split_sentences(text)] == ["One.", "**Two. Three.**", "Four."]


# --- line breaks and markers -----------------------------------------------------------------------------------

def test_hard_breaks_and_br_tags_separate_segments():
    assert texts("**Char**  \nA union of members.\n") == ["**Char**", "A union of members."]
    assert texts("*Italics*\\\nUse for files.\n") == ["*Italics*", "Use for files."]
    assert texts("| a | b |\n|---|---|\n| Flag | Enables it.<br /><br />To disable it, clear it. |\n") == [
        "a", "b", "Flag", "Enables it.", "To disable it, clear it."]


def test_alerts_and_docfx_markers_are_not_offered():
    assert texts("> [!NOTE]\n> Credentials are saved.\n") == ["Credentials are saved."]
    assert texts("> [!TIP]\r\n> With CRLF line ends.\r\n") == ["With CRLF line ends."]
    assert texts("> [!div class=\"checklist\"]\n> * Create an app\n> * Build it\n") == ["Create an app", "Build it"]
    assert texts("[!INCLUDE [banner](includes/banner.md)]\n\nText.\n") == ["Text."]
    assert texts(":::row:::\n:::column span=\"2\":::\n**Wide column.**\n:::column-end:::\n:::row-end:::\n") == [
        "**Wide column.**"]
    assert texts("> [!div class=\"op_single_selector\"]\n> - [Windows](win.md)\n> - [Mac](mac.md)\n\nText.\n") == [
        "Text."]


def test_link_reference_definitions_are_not_offered():
    assert texts("<!-- links -->\n[docs]: https://docs.microsoft.com\n[site]:(https://example.com)\n\nText.\n") == [
        "Text."]


# --- blocks ------------------------------------------------------------------------------------------------------

def test_headings_without_anchor_closing_hashes_or_attributes():
    assert texts('# <a name="intro"></a>Introduction\n\n## Set up ##\n\n### 1. Create an account {#create}\n\n'
                 "Setext\n------\n") == ["Introduction", "Set up", "1. Create an account", "Setext"]
    assert [s.kind for s in segment_article("# Title\n\nText.\n")] == ["heading", "paragraph"]


def test_list_items_tight_loose_and_nested():
    article = ("- First item. Still first.\n  - Nested item\n- Second item\n\n"
               "1. Loose item.\n\n   Its second paragraph.\n\n   ```\n   code\n   ```\n2. Last\n")
    assert texts(article) == ["First item.", "Still first.", "Nested item", "Second item", "Loose item.",
                              "Its second paragraph.", "Last"]


def test_a_link_that_is_the_whole_segment_offers_its_text():
    assert texts("- [Install packages](install.md)\n- [**AddAlias**](addalias.md)\n- [Docs][ref]\n\n"
                 "[ref]: https://docs.microsoft.com\n") == ["Install packages", "**AddAlias**", "Docs"]
    # Not when the link holds brackets (an image, a bracketed word): then it is offered whole.
    assert texts("[[Core]: handle errors](https://x.org/28)\n") == ["[[Core]: handle errors](https://x.org/28)"]


def test_table_cells():
    assert texts("| Name | Description |\n|---|---|\n| **Flag** | Turns it on. Or off. |\n| `x` | 42 |\n") == [
        "Name", "Description", "**Flag**", "Turns it on.", "Or off."]


def test_code_blocks_html_blocks_images_and_code_only_pieces_are_not_offered():
    article = ("```bash\necho Hello. World.\n```\n\n    indented code\n\n<div>\nHTML block\n</div>\n\n"
               "![Alt text](image.png)\n\n`CTRL_C_EVENT`\n\n**`-Force`**\n\n&nbsp;\n\n<a name=\"x\"></a>\n\n"
               "`csharp`, `cs`\n\n![Alt](image.png \"A title\")\n")
    assert texts(article) == ["`csharp`, `cs`", '![Alt](image.png "A title")']


def test_inline_html_stays_in_the_segment():
    assert texts("Press <kbd>CTRL</kbd>+<kbd>C</kbd> to stop. Then quit.\n") == [
        "Press <kbd>CTRL</kbd>+<kbd>C</kbd> to stop.", "Then quit."]


def test_front_matter_values_and_positions():
    article = "---\ntitle: \"A title: quoted\"\nms.author: someone\nkeywords:\n  - one\n  - two\n---\n# Head\n"
    segments = segment_article(article)
    front = [s for s in segments if s.kind == "front-matter"]
    assert [(s.key, s.text) for s in front] == [("title", "A title: quoted"), ("keywords", "one"),
                                                ("keywords", "two")]
    assert article[front[0].start:front[0].end] == '"A title: quoted"'
    assert segments[-1] == SourceSegment(article.index("Head"), article.index("Head") + 4, "Head", "heading")


def test_cjk_full_stops():
    assert texts("这是第一句。这是第二句。\n") == ["这是第一句。", "这是第二句。"]


def test_a_large_article():
    """Its speed is measured by benchmarks/bench_segmentation.py (no timed assertions in tests)."""
    article = ("## A heading\n\nA sentence with **bold** and `code`. Another one, e.g. this.\n\n"
               "- An item with a [link](a.md).\n- Another item\n\n| A | B |\n|---|---|\n| x. Y | z |\n\n") * 1500
    assert len(article) > 160_000
    # heading, 2 sentences, 2 items, 4 cells ("x. Y": no end after one letter)
    assert len(texts(article)) == 1500 * 9


# --- real data ---------------------------------------------------------------------------------------------------

def _microsoft_sources(handoff: str) -> list[str]:
    return [segment.source for segment in parse(handoff).segments if not segment.in_front_matter]


@needs_shared
@pytest.mark.parametrize(("handoff", "english"), sorted(SEEDS_WITH_SPANS.items()))
def test_seed_english_gives_exactly_microsofts_segments(handoff, english):
    theirs = _microsoft_sources((SEEDS / handoff).read_text("utf-8"))
    ours = texts((SEEDS / "en" / english).read_text("utf-8"))
    assert ours == theirs


@needs_shared
def test_share_of_microsofts_segments_reproduced_over_all_fair_pairs():
    """Computed here from the span sources (not with the benchmark's report): at least 90 % of Microsoft's body
    segments, over every handoff whose ms.openlocfilehash names its English file, are segments of ours."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_segmentation  # benchmarks/ is no package

    pairs = bench_segmentation.fair_pairs(CORPUS.parent)
    assert len(pairs) >= 100
    groups = {pair.group.split()[0] for pair in pairs}
    assert {"corpus", "seeds"} <= groups
    total = reproduced = 0
    for pair in pairs:
        theirs = [" ".join(s.split()) for s in _microsoft_sources(pair.handoff.read_text("utf-8")) if has_letter(s)]
        ours = [" ".join(s.split()) for s in texts(pair.english.read_bytes().decode("utf-8").removeprefix("\ufeff"))]
        matcher = SequenceMatcher(None, theirs, ours, autojunk=False)
        total += len(theirs)
        reproduced += sum(block.size for block in matcher.get_matching_blocks())
    assert total > 10_000
    assert reproduced / total >= 0.9, f"{reproduced} of {total} reproduced"
