"""The site's Markdown and HTML transformations, one small fixture each."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

from locdocs.site.anchors import anchors_to_heading_ids
from locdocs.site.head import fix_page_head, head_script
from locdocs.site.links import rewrite_external_links
from locdocs.site.originals import annotate_originals
from locdocs.site.search import split_search_index
from locdocs.site.sitemap import sitemap_pages, write_sitemap
from locdocs.xliff import TransUnit

LOCALES = ("en", "sv", "nl", "fr", "zh")


def test_heading_anchors_become_heading_ids() -> None:
    markdown = ('# <a name="intro"></a>Inleiding \n'
                '## <a name="c-sharp"></a>Over C# ##\r\n'
                "```\n## <a name=\"code\"></a>not a heading\n```\n"
                "## Plain heading\n")
    assert anchors_to_heading_ids(markdown) == ("# Inleiding {#intro}\n"
                                                "## Over C# {#c-sharp}\r\n"
                                                "```\n## <a name=\"code\"></a>not a heading\n```\n"
                                                "## Plain heading\n")


def _unit(target: str, source: str) -> TransUnit:
    return TransUnit(id="x", source=source, target=target, untranslated=False, line=30, column=1)


def test_originals_follow_each_segment_but_not_headings() -> None:
    markdown = "## Betala\n\nBetala nu. Sedan klart.\n\n| A |\n|---|\n| Cell |\n"
    units = [_unit("Betala", "Pay"), _unit("Betala nu.", "Pay now."), _unit("Saknas.", "Missing."),
             _unit("Sedan klart.", "Then done."), _unit("Cell", "Cell EN")]
    out, count = annotate_originals(markdown, units)
    assert count == 3
    original = '<span class="locdocs-original" lang="en" hidden data-search-exclude>'
    assert out == ("## Betala\n\n"
                   f'<span class="locdocs-segment">Betala nu.</span>{original}Pay now.</span> '
                   f'<span class="locdocs-segment">Sedan klart.</span>{original}Then done.</span>\n\n'
                   f'| A |\n|---|\n| <span class="locdocs-segment">Cell</span>{original}Cell EN</span> |\n')


def test_links_outside_the_content_go_to_the_external_base() -> None:
    markdown = ("[card](billing-how-to-change-credit-card.md#step) and [here](present.md) and "
                "![img](missing.md) and [web](https://example.com/x.md)\n"
                "```\n[code](inside-code.md)\n```\n"
                "[ref]: ../other/gone.md\n")
    exists = {PurePosixPath("billing/present.md")}.__contains__
    out = rewrite_external_links(markdown, PurePosixPath("billing/article.md"), "sv",
                                 "https://learn.example.com/{locale}/azure/", exists)
    assert out == ("[card](https://learn.example.com/sv/azure/billing/billing-how-to-change-credit-card#step) and "
                   "[here](present.md) and ![img](missing.md) and [web](https://example.com/x.md)\n"
                   "```\n[code](inside-code.md)\n```\n"
                   "[ref]: https://learn.example.com/sv/azure/other/gone\n")


HEAD = """<head>
<link rel="canonical" href="http://site/sv/about/">
<link rel="alternate" href="../../about/" hreflang="en">
<link rel="alternate" href="./" hreflang="sv">
<link rel="alternate" href="../../nl/about/" hreflang="nl">
</head>"""


def test_alternates_leave_out_fallback_pages_and_add_x_default() -> None:
    fixed = fix_page_head(HEAD, page_url="sv/about/", default_locale="en", fallback_urls={"sv/about/"},
                          english_canonical="http://site/about/")
    assert fixed == """<head>
<link rel="canonical" href="http://site/about/">
<link rel="alternate" href="../../about/" hreflang="en">
<link rel="alternate" href="../../nl/about/" hreflang="nl">
<link rel="alternate" href="../../about/" hreflang="x-default">
</head>"""


def test_sitemap_lists_only_real_translations(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>http://site/about/</loc>
<xhtml:link rel="alternate" hreflang="en" href="http://site/about/"/>
<xhtml:link rel="alternate" hreflang="sv" href="http://site/sv/about/"/></url>
<url><loc>http://site/sv/about/</loc></url>
</urlset>""", encoding="utf-8")
    pages = sitemap_pages(tmp_path / "sitemap.xml", "http://site/")
    assert pages == ["about/", "sv/about/"]
    write_sitemap(tmp_path, "http://site/", pages, default_locale="en", locales=("en", "sv"),
                  fallback_urls={"sv/about/"})
    root = etree.parse(str(tmp_path / "sitemap.xml")).getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    assert root.xpath("//s:loc/text()", namespaces=ns) == ["http://site/about/"]
    assert root.xpath("//x:link/@hreflang", namespaces=ns) == ["en", "x-default"]
    assert (tmp_path / "sitemap.xml.gz").is_file()


def test_search_index_split_per_locale(tmp_path: Path) -> None:
    docs = [{"location": "", "title": "Home", "text": ""}, {"location": "sv/", "title": "Hem", "text": ""},
            {"location": "sv/about/", "title": "About", "text": ""}, {"location": "zh/#x", "title": "家", "text": ""}]
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(
        json.dumps({"config": {"lang": ["en", "sv", "zh"], "separator": "[\\s]+"}, "docs": docs}), "utf-8")
    counts = split_search_index(tmp_path, "en", ["en", "sv", "zh"], {"sv": {"sv/about/"}})
    assert counts == {"en": 1, "sv": 1, "zh": 1}
    zh = json.loads((tmp_path / "zh" / "search" / "search_index.json").read_text("utf-8"))
    assert zh["docs"][0]["title"] == "家" and zh["config"]["lang"] == ["zh"]
    # jieba joins the words it finds with U+200B; CJK punctuation ends words too.
    assert re.fullmatch(zh["config"]["separator"], "\u200b") and re.fullmatch(zh["config"]["separator"], "。")
    sv = json.loads((tmp_path / "sv" / "search" / "search_index.json").read_text("utf-8"))
    assert sv["config"]["lang"] == ["sv"] and not re.fullmatch(sv["config"]["separator"], "。")
    assert head_script("../assets/locdocs/locdocs-head.js", "sv", "../sitemap.xml") == (
        '<script src="../assets/locdocs/locdocs-head.js" data-locale-folder="sv" data-sitemap="../sitemap.xml">'
        "</script>")


def test_a_segment_still_in_english_gets_no_original_but_is_marked_english() -> None:
    markdown = "Betala nu. Azure portal.\n"
    units = [_unit("Betala nu.", "Pay now."),
             TransUnit(id="y", source="Azure portal.", target="Azure portal.", untranslated=True, line=30, column=1)]
    out, count = annotate_originals(markdown, units)
    assert count == 1
    assert out == ('<span class="locdocs-segment">Betala nu.</span><span class="locdocs-original" lang="en" hidden '
                   'data-search-exclude>Pay now.</span> <span lang="en">Azure portal.</span>\n')


def test_originals_by_structure_follow_each_paragraph_and_cell_that_differs() -> None:
    from locdocs.article import Article
    from locdocs.site.originals import annotate_by_structure

    english = Article.from_text("# Pay\n\nPay now.\n\n## Then\n\n- Done <b>soon</b>.\n- Same text\n\n| A |\n|---|\n"
                                "| Cell |\n")
    swedish = "# Betala\n\nBetala nu.\n\n## Sedan\n\n- Klart snart.\n- Same text\n\n| A |\n|---|\n| Cellen |\n"
    out, count = annotate_by_structure(swedish, Article.from_text(swedish), english)
    original = '<span class="locdocs-original" lang="en" hidden data-search-exclude>'
    assert count == 3, "headings and text identical to the English get none"
    assert out == ("# Betala\n\n"
                   f"Betala nu.{original}Pay now.</span>\n\n## Sedan\n\n"
                   f"- Klart snart.{original}Done &lt;b&gt;soon&lt;/b&gt;.</span>\n- Same text\n\n"
                   f"| A |\n|---|\n| Cellen{original}Cell</span> |\n")


def test_headings_get_the_english_ids() -> None:
    from locdocs.site.anchors import heading_ids

    markdown = ("# Titel\n\nText\n\n## Andra {#egen .klass}\n\n```\n## not a heading\n```\n\nRubrik\n------\n\n"
                "### Tredje ###\r\n")
    assert heading_ids(markdown, ["title", "second", "setext", "third"]) == (
        "# Titel {#title}\n\nText\n\n## Andra {#second .klass}\n\n```\n## not a heading\n```\n\nRubrik {#setext}\n"
        "------\n\n### Tredje {#third}\r\n")
    assert heading_ids(markdown, ["title", None, None, "third"]) == (
        "# Titel {#title}\n\nText\n\n## Andra {#egen .klass}\n\n```\n## not a heading\n```\n\nRubrik\n"
        "------\n\n### Tredje {#third}\r\n"), "None: the heading keeps what it has"
    assert heading_ids(markdown, ["too", "few"]) == markdown, "counted otherwise: nothing is changed"
    assert heading_ids("- item\n---\n", ["x"]) == "- item\n---\n", "a rule after a list item is no heading"


@pytest.mark.shared
def test_real_handoffs_without_anchors_get_the_english_heading_ids() -> None:
    """Real span handoffs whose headings lack <a name> anchors (../shared/multilocale): rendered as the site renders
    them, each heading without an anchor has the id of the English heading at its place."""
    from locdocs.article import Article, english_heading_ids
    from locdocs.config import load_config
    from locdocs.normalize import normalize_bytes
    from locdocs.render import Renderer
    from locdocs.site.anchors import anchors_to_heading_ids, heading_ids
    from shared_data import ROOT, SHARED

    root = SHARED / "multilocale"
    english = {Path(*path.relative_to(root / "en-us").parts[1:]): path for path in (root / "en-us").rglob("*.md")}
    render = Renderer(load_config(ROOT / "mkdocs.yml").markdown)
    checked = 0
    for path in sorted(root.glob("*/*/**/*.md")):
        rel = Path(*path.relative_to(root).parts[2:])
        if path.relative_to(root).parts[0] == "en-us" or rel not in english:
            continue
        translation = Article.from_text(normalize_bytes(path.read_bytes()).text)
        source = Article.from_text(english[rel].read_text("utf-8-sig"))
        if all(h.anchor for h in translation.headings) or \
                [h.level for h in translation.headings] != [h.level for h in source.headings]:
            continue
        markdown = heading_ids(anchors_to_heading_ids(translation.body), english_heading_ids(translation, source))
        html = render(markdown)
        for mine, theirs in zip(translation.headings, source.headings, strict=True):
            if mine.anchor is None:
                assert f'id="{theirs.anchor or theirs.slug}"' in html, (path.name, mine.text)
                checked += 1
    assert checked >= 5


@pytest.mark.parametrize(("locale", "expected"), [
    ("sv", "sv"), ("zh", "zh"), ("zh-TW", "zh"), ("pt-BR", "pt"), ("pt_PT", "pt"), ("nb", "no"), ("ja", "ja"),
    ("cs", None), ("pl", None), ("uk", None)])
def test_each_locale_searches_with_the_language_the_theme_has(locale: str, expected: str | None) -> None:
    """Material ships lunr.LL.min.js for some languages only: a locale gets its own, else its language's, else
    none (English rules; the browser never asks for a lunr file that does not exist)."""
    from importlib import resources

    from locdocs.site.search import search_language

    assert search_language(locale) == expected
    if expected not in (None, "en"):
        assert resources.files("material").joinpath(
            f"templates/assets/javascripts/lunr/min/lunr.{expected}.min.js").is_file()


def test_an_attribute_list_keeps_its_id_or_takes_the_english_one() -> None:
    from locdocs.site.anchors import heading_ids

    markdown = "## Rubrik {: #egen-rubrik .viktig }\n\n## Andra { .klass }\n"
    assert heading_ids(markdown, ["egen-rubrik", "second"]) == (
        "## Rubrik {: #egen-rubrik .viktig }\n\n## Andra { .klass #second }\n")


def test_a_handoffs_anchors_name_the_english_headings_as_the_english_page_has_them() -> None:
    """Microsoft's anchors are its own slugs (a dash per removed character, the same anchor for two headings of one
    name); the English page's ids are Python-Markdown's (one dash, ``_1`` for the second): each anchor is taken for
    the English heading it names, which gives the heading its id on the English page."""
    from locdocs.article import Article, english_heading_ids
    from locdocs.render import MarkdownSetup, Renderer, rendered_heading_ids

    english = Article.from_text("# Keys\n\n## Numpad & Function <span id=\"x\">Keys</span>\n\n## Request\n\n"
                                "### Response\n\n## Request 2\n\n### Response\n\n## Next steps\n")
    theirs = rendered_heading_ids(english, Renderer(MarkdownSetup()))
    assert theirs == ["keys", "numpad-function-keys", "request", "response", "request-2", "response_1",
                      "next-steps"]
    translation = Article.from_text(
        '# <a name="keys"></a>Tasten\n\n## <a name="numpad--function-keys"></a>Ziffernblock\n\n'
        '## <a name="request"></a>Anfrage\n\n### <a name="response"></a>Antwort\n\n## Anfrage 2\n\n'
        '### <a name="response"></a>Antwort\n\n## <a name="weiter"></a>Weiter\n')
    assert english_heading_ids(translation, english, theirs) == theirs
    # Named, not placed: in another order, and at another level than the English heading it names.
    swapped = Article.from_text('# Tasten\n\n## <a name="request"></a>Anfrage\n\n'
                                '### <a name="numpad--function-keys"></a>Ziffernblock\n')
    assert english_heading_ids(swapped, english, theirs) == ["keys", "request", "numpad-function-keys"]
