"""The search index the plugin builds (locdocs.site.search_index) is Material's, entry for entry: on pages of awkward
HTML, on random HTML, and on whole sites built both ways (``LOCDOCS_SEARCH_INDEX=material`` keeps Material's):
the seed site, a site of tricky Markdown in English and Chinese, and a generated site of real articles, with
``mkdocs build`` and with ``locdocs build`` (its units, and a rebuild that reuses pages and their recorded entries).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex

from locdocs.plugin.page_reuse import reuse_counts
from locdocs.site import search_index
from locdocs.site.search_index import ENVIRONMENT, FastSearchIndex, Unsupported, page_sections
from mkdocs_build import run_mkdocs
from shared_data import ROOT, shared_data_missing
from versioned_site import build as locdocs_build

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {}}


def fake_page(html: str, meta: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(content=html, toc=[], url="dir/page/", meta=meta or {}, title="Page title")


def entries(index_class: type, html: str, meta: dict | None = None) -> list[dict] | str:
    """The entries an index makes of one page, or the error it raises."""
    index = index_class(**CONFIG)
    try:
        index.add_entry_from_context(fake_page(html, meta))
    except Exception as error:  # noqa: BLE001 -- Material's own failure, which ours must share
        return f"{type(error).__name__}: {error}"
    return index.entries


def read_as_material(html: str) -> bool:
    """Whether the page went through Material's parser (which html.parser reads its own way)."""
    try:
        page_sections(html)
    except Unsupported:
        return True
    return False


# (name, HTML, whether Material's parser reads it): what Python-Markdown, Material's extensions, the sanitizer and
# raw HTML in an article give, and the quirks of Material's parser.
PAGES = [
    ("preface and headings", ('<p>Before any heading.</p>\n<h1 id="title">Title<a class="headerlink" href="#title" '
     'title="Permanent link">&para;</a></h1>\n<p>Intro <em>text</em>.</p>\n<h2 id="a">A &amp; B</h2>\n<p>x</p>'),
     False),
    ("first heading not h1", '<h2 id="second">Second</h2><p>text</p><h3 id="third">Third</h3><p>more</p>', False),
    ("no heading", "<p>Only a paragraph,\nover two lines.</p>", False),
    ("text before any tag", "plain text first <p>then a paragraph</p>", False),
    ("code", ('<div class="highlight"><pre><span></span><code><span class="k">def</span> <span class="nf">f</span>'
     '(x):\n    return x &lt; 1 and &quot;a&quot; &gt; 2\n\n\n</code></pre></div>\n<p>Inline <code>a &lt;b&gt;</code>'
     ".</p>\n<pre><code>indented   code\n    kept\n</code></pre>"), False),
    ("line numbers", ('<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span>1</span>'
     '\n<span>2</span></pre></div></td><td class="code"><div><pre><code>a = 1\nb = 2\n</code></pre></div></td></tr>'
     "</table>"), False),
    ("table", ("<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><code>x|y</code>"
     "</td>\n<td>&copy; 2024&nbsp;Contoso</td>\n</tr>\n</tbody>\n</table>"), False),
    ("admonition", ('<div class="admonition note">\n<p class="admonition-title">A note</p>\n<p>Text.</p>\n'
     '<h3 id="inside">Heading inside</h3>\n<p>After it, inside.</p>\n</div>\n<p>After the note.</p>'), False),
    ("details", '<details class="tip"><summary>More</summary><p>Hidden <strong>until</strong> opened.</p></details>',
     False),
    ("nested lists", ("<ul>\n<li>one<ul>\n<li>nested <em>two</em><ol>\n<li>three</li>\n</ol>\n</li>\n</ul>\n</li>\n"
     "<li>\n<p>four</p>\n<p>paragraph in item</p>\n</li>\n</ul>"), False),
    ("heading in a list", ('<ul><li><h2 id="in-list">In a list</h2><p>item text</p></li><li>next</li></ul><p>after'
     "</p>"), False),
    ("empty elements", "<p></p>\n<ul><li></li></ul><p> </p><p>kept</p><p>\n</p><sub></sub><sup>x</sup>", False),
    ("excluded heading", ('<h2 id="shown">Shown</h2><p>a</p><h2 id="hidden" data-search-exclude>Hidden</h2><p>b</p>'
     '<h2 id="back">Back</h2><p>c</p>'), False),
    ("excluded block", ('<p>before</p><div data-search-exclude><p>hidden</p><div>inner</div><p>after inner (Material '
     "indexes it: its elements compare by tag)</p></div><p>after</p>"), False),
    ("excluded nested same tag", '<ul><li>a<ul data-search-exclude><li>b</li></ul>c</li><li>d</li></ul>', False),
    ("entities", ("<p>&lt;tag&gt; &amp;amp; &#169; &#x263A; &nbsp; &eacute;t&eacute; &notanentity; AT&T</p>"
     "<p>&nbsp;</p><p>a&nbsp;&nbsp;b</p>"), False),
    ("white space", "<p>a\n\n b</p>\n\n\n<p>\tc\t</p>  <p>\r\nd\r\n</p>\n<pre>  x\n\n   y  </pre>\n", False),
    ("CJK", ('<h1 id="_1">中文标题</h1>\n<p>这是一个中文段落，包含计费和订阅。Azure 订阅已过期。</p>\n<h2 id="_2">'
     "日本語のテキスト と 한국어</h2><p>混合 mixed 文字</p>"), False),
    ("white space runs in pre", ('<pre><code>a\n<span class="w">    </span><span>  </span>b<!-- c -->\n\n</code></pre>'
     "<p>x<span> </span><span> </span>y</p>"), False),
    ("comments", "<p>a<!-- a comment -->b</p><!----><p>c<!-- -- x -- --></p><p>d</p>", False),
    ("raw heading ids and case", ('<H2 ID="Upper">Upper case</H2><P>Para</P><h3 id="raw" class="x">Raw</h3>'
     "<h2>No id: not a section</h2><p>text</p>"), False),
    ("attributes", ('<p class=plain data-x=\'single\' title="a &amp; b" hidden>attrs</p><a href="x?a=1&amp;b=2" '
     'class="headerlink">not in a heading</a><img alt="x" src="y.png"><br/><br /><hr>'), False),
    ("self-closing", '<p>a<span/>b<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>c</p>', False),
    ("xref tags", ("<p><strong>\\<xref:system.string?displayproperty=namewithtype></xref:system.string?displayproperty"
     "=namewithtype></strong> shown</p>"), False),
    ("unclosed and stray end tags", "<p>open <em>never closed<p>next</p></span></div><li>x</li>", False),
    ("headerlink text", '<h2 id="x">Title <a class="headerlink" href="#x">#<span>in</span></a> after</h2><p>t</p>',
     False),
    ("heading in a div", '<div><h2 id="deep">Deep</h2><p>in div</p></div><p>out of div</p><h2 id="next">Next</h2>',
     False),
    ("script and style", '<p>a</p><script>var x = "<p>";</script><style>p{}</style><p>b</p>', True),
    ("stray less-than", "<p>a < b</p>", True),
    ("doctype", "<!DOCTYPE html><p>x</p>", True),
    ("glued attributes", '<p class="a"id="b">x</p>', True),
    ("closing tag without its opening in the section", "<ul><li>a<h2 id=\"h\">H</h2></li></ul>", False),
]


@pytest.mark.parametrize(("html", "material"), [page[1:] for page in PAGES], ids=[page[0] for page in PAGES])
def test_entries_are_materials(html: str, material: bool) -> None:
    assert entries(FastSearchIndex, html) == entries(SearchIndex, html)
    assert read_as_material(html) is material


def test_front_matter_tags_boost_and_exclude() -> None:
    html = '<h1 id="t">T</h1><p>x</p><h2 id="u">U 中文</h2><p>y</p>'
    for meta in ({"tags": ["a", 2, True, None, {"x": 1}], "search": {"boost": 3}}, {"title": "From front matter"},
                 {"search": {"exclude": True}}, {"search": None}, {"tags": "not a list"}):
        assert entries(FastSearchIndex, html, meta) == entries(SearchIndex, html, meta), meta
    assert entries(FastSearchIndex, html, {"search": {"exclude": True}}) == []


def test_every_han_character_is_above_the_shortcut() -> None:
    """_segment_chinese skips Material's expression for text below U+2E80: no Han character is below it."""
    below = "".join(chr(code) for code in range(ord(search_index._BEFORE_HAN)) if not 0xD800 <= code < 0xE000)
    assert search_index._HAN.search(below) is None
    assert search_index._HAN.search(search_index._BEFORE_HAN) is not None


TAGS = ["p", "div", "span", "em", "code", "pre", "li", "ul", "ol", "sub", "sup", "table", "td", "h1", "h2", "h3",
        "a", "br", "img", "script"]
TEXTS = ["text", " ", "\n", "  \n ", "a\nb", "&amp;", "&lt;x&gt;", "&nbsp;", "中文计费", "Azure 订阅", "\t", "é"]
ATTRIBUTES = ["", ' id="x"', ' id="y"', " data-search-exclude", ' class="headerlink"', ' class="linenodiv"',
              ' id="z" data-search-exclude', " class=x"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["open", "open", "close", "close", "text", "text", "void", "comment"]))
        tag = draw(st.sampled_from(TAGS))
        if kind == "open":
            parts.append(f"<{tag}{draw(st.sampled_from(ATTRIBUTES))}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "void":
            parts.append(f"<{tag}/>")
        elif kind == "comment":
            parts.append("<!-- c -->")
        else:
            parts.append(draw(st.sampled_from(TEXTS)))
    return "".join(parts)


@settings(max_examples=1500, deadline=None)
@given(html_pages())
def test_random_html_gives_materials_entries(html: str) -> None:
    assert entries(FastSearchIndex, html) == entries(SearchIndex, html)


# Whole sites, built both ways.


def search_indexes(site: Path) -> dict[str, str]:
    found = {str(path.relative_to(site)): path.read_text("utf-8") for path in sorted(site.rglob("search_index.json"))}
    assert found, f"no search index in {site}"
    return found


def build_both_ways(repo: Path, tmp_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The search indexes of ``mkdocs build`` with Material's index and with ours."""
    indexes = []
    for name, env in (("material", {ENVIRONMENT: "material"}), ("ours", {})):
        done = run_mkdocs(repo, site_dir=tmp_path / name, env=env)
        assert done.returncode == 0, done.stderr
        indexes.append(search_indexes(tmp_path / name))
    return indexes[0], indexes[1]


@pytest.mark.slow
def test_seed_site(seed_repo: Path, tmp_path: Path) -> None:
    config = seed_repo / "mkdocs.yml"  # the seed site, with Material and its search (and the toc's permalinks)
    config.write_text(config.read_text("utf-8").replace(
        "plugins:\n", "theme: {name: material, language: en, font: false}\nmarkdown_extensions:\n"
        "  - toc: {permalink: true}\nplugins:\n  - search\n", 1), "utf-8")
    material, ours = build_both_ways(seed_repo, tmp_path)
    assert ours == material
    assert '"location":"zh/' in material["zh/search/search_index.json"]


TRICKY_YML = """\
site_name: Tricky search
docs_dir: docs
theme: {name: material, language: en, font: false}
markdown_extensions:
  - toc: {permalink: true}
  - tables
  - attr_list
  - md_in_html
  - admonition
  - abbr
  - def_list
  - footnotes
  - pymdownx.details
  - pymdownx.highlight: {linenums_style: table}
  - pymdownx.superfences
  - pymdownx.tasklist
plugins:
  - search: {separator: '[\\s\\u200b\\-]+'}
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: zh, name: 中文, build: true}
  - locdocs:
      exclude: [index.md]
"""

TRICKY_PAGE = """\
---
title: Tricky page
tags: [alpha, 2]
search:
  boost: 2
---
Preface with &amp; entities &lt;tag&gt; and&nbsp;a non-breaking space.

# Tricky <em>page</em> heading

Paragraph with `code`, **bold**, <sub>sub</sub>, <sup>sup</sup>, a footnote[^1] and HTML.

*[HTML]: HyperText Markup Language

## Code

```python linenums="1"
def f(x):
    return x < 1 and "a" > 'b'
```

    indented code
        with   spaces

## Tables

| A | B |
|---|---|
| `x` | &copy; 2024 |
| **bold** | [link](https://example.com) |

## Admonitions

!!! note "A note"
    Text in a note.

??? tip "Collapsed"
    Details, with a list:

    - one
    - two

## Lists

- one
    - nested *two*
        1. three
- four

    paragraph in item

- [x] done
- [ ] to do

Term
:   Definition

## Excluded { data-search-exclude }

Not in the index.

<div data-search-exclude markdown>
Hidden block

<div>inner div</div>

After the inner div (Material indexes this: its parser's elements compare by tag).
</div>

## 中文标题

这是一个中文段落，包含计费和订阅。Azure 订阅已过期。

<!-- a comment -->

Line one
Line two<br/>three

#### Deep heading {#custom-id}

<h2>Raw heading without id</h2>

<h3 id="raw-id" class="x">Raw heading with id</h3>

[^1]: The footnote.
"""

TRICKY_PAGES = {
    "en/index.md": "# Home\n\nWelcome.\n",
    "en/tricky.md": TRICKY_PAGE,
    "en/excluded.md": "---\nsearch:\n  exclude: true\n---\n# Excluded page\n\nNever indexed.\n",
    "en/second-level.md": "## Starts at level two\n\nText.\n\n### Then three\n\nMore.\n",
    "en/no-heading.md": "Just text, no heading at all.\n",
    "zh/index.md": "# 首页\n\n欢迎。\n",
    "zh/tricky.md": TRICKY_PAGE.replace("Tricky page", "棘手的页面").replace("Text in a note", "注释中的文字"),
}


@pytest.mark.slow
def test_tricky_site(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for rel, text in TRICKY_PAGES.items():
        (repo / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / "docs" / rel).write_text(text, "utf-8")
    (repo / "mkdocs.yml").write_text(TRICKY_YML, "utf-8")
    material, ours = build_both_ways(repo, tmp_path)
    assert ours == material
    english = material["search/search_index.json"]
    for expected in ('"boost":2', '"tags":["alpha","2"]', "#custom-id", "Raw heading with id", "\\u200b"):
        assert expected in english or expected in material["zh/search/search_index.json"], expected
    assert "Never indexed" not in english and "Not in the index" not in english


@pytest.fixture(scope="module")
def corpus_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shared_data_missing():
        pytest.skip("the shared test data is missing")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    repo = tmp_path_factory.mktemp("search") / "repo"
    generate(repo, 56)  # each corpus article and the seed once, with their real translations
    return repo


@pytest.mark.slow
@pytest.mark.shared
def test_generated_site_mkdocs_build(corpus_repo: Path, tmp_path: Path) -> None:
    material, ours = build_both_ways(corpus_repo, tmp_path)
    assert ours == material


@pytest.mark.slow
@pytest.mark.shared
def test_generated_site_locdocs_build_and_page_reuse(corpus_repo: Path, tmp_path: Path) -> None:
    """``locdocs build``'s units with our index, then a rebuild after one Swedish article changed (the sv unit
    reuses its other pages and their recorded entries), against a build from scratch with Material's index."""
    repo = tmp_path / "repo"
    shutil.copytree(corpus_repo, repo, symlinks=True)
    version = repo / ".cache" / "build" / "versions"
    done = locdocs_build(repo, "--no-publish")
    assert done.returncode == 0, done.stderr
    first = search_indexes(version)
    changed = next(path for path in sorted((repo / "docs" / "sv").rglob("*.md")) if "\n## " in path.read_text("utf-8"))
    changed.write_text(changed.read_text("utf-8").replace("\n## ", "\n## Ändrad ", 1), "utf-8")
    done = locdocs_build(repo, "--no-publish")
    assert done.returncode == 0, done.stderr
    reused = [reuse_counts(unit) for unit in (repo / ".cache" / "build" / "units").glob("*-sv-*")]
    assert any(0 < count < pages for count, pages in reused), reused  # the sv unit reused all pages but one
    ours = search_indexes(version)
    assert ours != first  # the change is in the index
    shutil.rmtree(repo / ".cache")
    done = locdocs_build(repo, "--no-publish", env={ENVIRONMENT: "material"})
    assert done.returncode == 0, done.stderr
    assert ours == search_indexes(version)
