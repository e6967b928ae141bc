"""The sanitizer of translated pages: what it keeps (everything Markdown makes, real articles untouched) and what it
takes out. The full hostile corpus, built and opened in Chromium, is tests/test_untrusted_translations.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from locdocs.config import load_config
from locdocs.render import Renderer
from locdocs.sanitize import NO_ENGLISH, English, sanitize
from shared_data import CORPUS, ROOT

RENDER = Renderer(load_config(ROOT / "mkdocs.yml").markdown)


def _text(html: str) -> str:
    return LexborHTMLParser(html).body.text(deep=True)


def _english_not_needed() -> English:
    raise AssertionError("nothing was to be removed: the English page need not be rendered")


CONTROLS = {
    "code documenting html": "Use `<script src=\"x.js\">` like this:\n\n```html\n<script>alert(1)</script>\n"
                             "<img src=x onerror=alert(1)>\n```\n",
    "aligned table": "| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |\n",
    "admonition": "!!! note \"Obs\"\n    Text i en ruta.\n",
    "attr_list ids and classes": "## Rubrik {#rubrik .klass }\n\nStycke {: .viktig #stycke }\n",
    "md_in_html": "<div markdown>\n**Fet** text i en div.\n</div>\n",
    "anchors, images and links": '<a name="ankare"></a>Se [sidan](other.md#del) och ![bild](media/bild.png "Titel")'
                                 "\n\n[e-post](mailto:hej@example.com) och [fragment](#ankare)\n",
    "footnotes, lists and quotes": "1. Ett\n2. Två\n\n> Citat\n\n- [ ] att göra\n\n<details><summary>Mer</summary>"
                                   "\n\nText\n</details>\n",
}


@pytest.mark.parametrize("name", list(CONTROLS))
def test_what_markdown_makes_stays_untouched(name: str) -> None:
    html = RENDER(CONTROLS[name])
    result = sanitize(html, _english_not_needed)
    assert result.removals == []
    assert _text(result.html) == _text(html)
    if name == "code documenting html":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.html, "code keeps its text"


OTHER_HOST = "the English article does not link to that host (the plugin option allowed_hosts can allow it)"
NO_ELEMENT = "the English article has no such element with the same URL"
NO_ATTRIBUTE = "the English article has no such attribute"


@pytest.mark.parametrize(("html", "kept", "removed"), [
    ('<p><a href="https://evil.example/x">a</a></p>', '<p><a>a</a></p>',
     [f"removed the link to evil.example: {OTHER_HOST}"]),
    ('<p><img src="//evil.example/i.png" alt="x">t</p>', "<p>t</p>",
     [f"removed the img to evil.example: {OTHER_HOST}"]),
    ('<p><a href=" java\tscript:alert(1)">a</a></p>', "<p><a>a</a></p>",
     ["removed the javascript: URL in the href of <a>: links and images may be http, https, mailto or relative"]),
    ('<p><a href="/\\evil.example/">a</a></p>', "<p><a>a</a></p>", [f"removed the link to evil.example: {OTHER_HOST}"]),
    ('<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><p>t</p>',
     "<p>t</p>", [f"removed the <base> element and its content: {NO_ELEMENT}",
                  f"removed the <meta> element and its content: {NO_ELEMENT}"]),
    ('<form action="https://evil.example/"><p>Lösenord <input name="p"><button>OK</button></p></form>',
     "<p>Lösenord OK</p>",
     [f"removed the <form> element (its text is kept): {NO_ELEMENT}",
      f"removed the <input> element and its content: {NO_ELEMENT}",
      f"removed the <button> element (its text is kept): {NO_ELEMENT}"]),
    ('<p style="position:fixed" onclick="x()" data-md-component="search">t</p>', "<p>t</p>",
     [f"removed the style attribute of <p>: {NO_ATTRIBUTE}", f"removed the onclick attribute of <p>: {NO_ATTRIBUTE}",
      f"removed the data-md-component attribute of <p>: {NO_ATTRIBUTE}"]),
], ids=["other-host-link", "remote-image", "split-javascript", "backslash-host", "base-and-refresh", "form",
        "style-handler-material-data"])
def test_what_the_english_lacks_goes(html: str, kept: str, removed: list[str]) -> None:
    result = sanitize(html, lambda: NO_ENGLISH)
    assert result.html == kept
    assert [str(removal) for removal in result.removals] == removed


def test_what_the_english_has_stays() -> None:
    english = English.of('<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen=""></iframe>'
                         '<p><a href="https://docs.example.org/" target="_blank">d</a></p>')
    html = ('<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen=""></iframe>'
            '<p><a href="https://docs.example.org/other" target="_blank">e</a></p>'
            '<iframe src="https://evil.example/"></iframe>')
    result = sanitize(html, lambda: english)
    assert result.html == ('<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen=""></iframe>'
                           '<p><a href="https://docs.example.org/other" target="_blank">e</a></p>')
    assert [str(removal) for removal in result.removals] == [
        f"removed the <iframe> element and its content: {NO_ELEMENT}"]


def test_allowed_hosts() -> None:
    assert sanitize('<a href="https://partner.example/">p</a>', lambda: NO_ENGLISH,
                    allowed_hosts=["partner.example"]).removals == []


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    html = "<div>" * 5_000 + "<script>alert(1)</script>" + "</div>" * 5_000  # deeper than Python recursion
    result = sanitize(html, lambda: NO_ENGLISH)
    assert "script" not in result.html


def _corpus_pairs() -> list[tuple[Path, Path]]:
    """Microsoft's published (clean) translations of the corpus, each with the English it was made from."""
    english = {}
    for path in CORPUS.glob("*/en-us/**/*.md"):
        english.setdefault(path.relative_to(CORPUS / path.parts[len(CORPUS.parts)] / "en-us"), path)
    pairs = []
    for path in sorted(CORPUS.glob("*/*/**/*.md")):
        folder, locale = path.parts[len(CORPUS.parts)], path.parts[len(CORPUS.parts) + 1]
        rel = path.relative_to(CORPUS / folder / locale)
        if locale != "en-us" and not folder.endswith("__live-sxs") and rel in english:
            pairs.append((path, english[rel]))
    return pairs


def _made_from_the_english_beside_it() -> set[str]:
    """The corpus translations whose ms.openlocfilehash names the English file included (SOURCES.tsv): for the
    others, that English revision is not in the corpus."""
    rows = [line.split("\t") for line in (CORPUS / "SOURCES.tsv").read_text("utf-8").splitlines()[1:]]
    return {row[0] for row in rows if "olh matches included en-us file=yes" in row[-1]}


@pytest.mark.shared
@pytest.mark.slow
def test_real_translations_lose_nothing() -> None:
    """Every published translation of the corpus (rendered as the site renders it) goes through the sanitizer
    with the same text. Those made from the English beside them lose nothing at all; a stale one may only lose a
    link to a host its English revision (not in the corpus) linked to, and the current English no longer does."""
    pairs, current = _corpus_pairs(), _made_from_the_english_beside_it()
    assert len(pairs) >= 140 and sum(p.relative_to(CORPUS).as_posix() in current for p, _ in pairs) >= 100
    changed = []
    for translation, english_file in pairs:
        html = RENDER(translation.read_text("utf-8-sig"))
        result = sanitize(html, lambda english_file=english_file: English.of(
            RENDER(english_file.read_text("utf-8-sig"))))
        name = translation.relative_to(CORPUS).as_posix()
        removals = [str(r) for r in result.removals
                    if name in current or not str(r).startswith("removed the link to ")]
        if removals or _text(result.html) != _text(html):
            changed.append((name, removals[:3]))
    assert changed == []
