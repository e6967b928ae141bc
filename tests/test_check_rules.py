"""One small defect per rule in a copy of the seed site: rule, path, line and message text."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

import pytest

from locdocs.check import run_check
from locdocs.cli import main
from locdocs.config import Severity, load_config
from seed_site import ARTICLE, git
from shared_data import GOLDEN

ZH = f"docs/zh/{ARTICLE}"
SV = f"docs/sv/{ARTICLE}"
FR = f"docs/fr/{ARTICLE}"
ASSET_ID = "d0b88c92-fb9d-4d12-931b-c26104ad63e9"


def findings(repo: Path, rule: str) -> list[tuple[str, int | None, str, str]]:
    return [(f.path, f.line, f.severity.value, f.message)
            for f in run_check(load_config(repo / "mkdocs.yml")) if f.rule == rule]


def replace_in(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / relative
    text = path.read_bytes().decode("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def test_leftover_markup(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, "请按照文章中的步骤解决逾期未付余款问题。",
               '<span data-ttu-id="1-1">请按照</span><span class="sxs-lookup"><span data-stu-id="1-1">Follow</span>'
               '</span>')
    assert findings(seed_repo, "leftover-markup") == [
        (ZH, 30, "error", ("translation markup '<span data-ttu-id=\"1-1\">' left at column 1: "
                          "run `locdocs normalize` on the handoff"))]
    assert main(["check"]) == 1


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("ms.service: billing\n", "ms.service: billing\nms.service: other\n", 12,
     "front matter is not valid YAML: duplicate key 'ms.service' (first on line 11)"),
    ("tags: billing\n", "tags: [billing\n", 10,
     "front matter is not valid YAML: expected ',' or ']', but got ':'"),
    ("---\ntitle:", "---\n- title:", 3, "front matter is not valid YAML: expected <block end>, but found '?'"),
])
def test_front_matter_invalid(seed_repo: Path, old: str, new: str, line: int, message: str) -> None:
    replace_in(seed_repo, ZH, old, new)
    assert findings(seed_repo, "front-matter-invalid") == [(ZH, line, "error", message)]


def test_front_matter_missing_and_not_a_mapping(seed_repo: Path) -> None:
    path = seed_repo / ZH
    path.write_text(path.read_text("utf-8").split("---\n", 2)[2], encoding="utf-8")
    fr = seed_repo / FR
    fr.write_text("---\n- a\n- b\n---\n" + fr.read_text("utf-8").split("---\n", 2)[2], encoding="utf-8")
    assert findings(seed_repo, "front-matter-invalid") == [
        (FR, 2, "error", "front matter must be a mapping of keys to values, not a list"),
        (ZH, 1, "error", "no front matter: a translation needs its ms.* metadata between --- lines at the top")]


def test_front_matter_mismatch(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, f"ms.assetid: {ASSET_ID}", "ms.assetid: 00000000-0000-0000-0000-000000000000")
    replace_in(seed_repo, ZH, "ms.contentlocale: zh-CN", "ms.contentlocale: sv-SE")
    replace_in(seed_repo, ZH, "ms.translationtype: HT\n", "")
    replace_in(seed_repo, ZH, "ms.author: genli\n", "ms.author: genli\nms.custom: extra\n")
    assert findings(seed_repo, "front-matter-mismatch") == [
        (ZH, 1, "error", "required locale key 'ms.translationtype' is missing"),
        (ZH, 10, "error", (f"'ms.assetid' is '00000000-0000-0000-0000-000000000000' but the English article has "
                          f"'{ASSET_ID}'")),
        (ZH, 18, "error", "'ms.custom' is 'extra' but the English article has no such key"),
        (ZH, 21, "error", "ms.contentlocale is 'sv-SE' but the article is in the 'zh' folder"),
    ]


def test_keywords_are_translated_like_title_and_description(seed_repo: Path) -> None:
    """Microsoft's pipeline translates ``keywords`` (the Console docs' handoffs): not a mismatch, and the page
    takes the translation's, as text; another key the English owns still is one."""
    from locdocs.site.page import translated_meta

    replace_in(seed_repo, ZH, "tags: billing\n", "tags: 计费\nkeywords: 计费, <b>余额</b>\n")
    assert [message for _, _, _, message in findings(seed_repo, "front-matter-mismatch")] == [
        "'tags' is '计费' but the English article has 'billing'"]
    meta = translated_meta({"keywords": ["计费", "<b>余额</b>"], "tags": "计费"}, {"tags": "billing"})
    assert meta == {"keywords": ["计费", "&lt;b&gt;余额&lt;/b&gt;"], "tags": "billing"}


def test_a_dropped_english_key_is_missing_with_the_english_value(seed_repo: Path) -> None:
    """ms.topic and ms.date come from the English: a translation without them says what the English revision it
    was made from has (zh: the current 2018-05 English; sv: the 2017-08 revision, an older commit)."""
    replace_in(seed_repo, ZH, "ms.topic: conceptual\n", "")
    replace_in(seed_repo, ZH, "ms.date: 05/11/2018\n", "")
    replace_in(seed_repo, SV, "ms.date: 08/30/2017\n", "")
    commit = git(seed_repo, "log", "--format=%H", "--grep=^English 2017-08-30$").strip()
    assert len(commit) == 40
    assert findings(seed_repo, "front-matter-mismatch") == [
        (SV, 1, "error", f"'ms.date' is missing; English revision {commit[:12]} has '08/30/2017'"),
        (ZH, 1, "error", "'ms.date' is missing; the English article has '05/11/2018'"),
        (ZH, 1, "error", "'ms.topic' is missing; the English article has 'conceptual'"),
    ]


def test_front_matter_is_compared_with_the_revision_it_was_made_from(seed_repo: Path) -> None:
    """sv was made from the 2017-08 English: its ms.topic 'article' is right although 2018-05 says 'conceptual'."""
    assert findings(seed_repo, "front-matter-mismatch") == []
    replace_in(seed_repo, SV, "ms.topic: article", "ms.topic: conceptual")
    [(path, line, severity, message)] = findings(seed_repo, "front-matter-mismatch")
    assert (path, line, severity) == (SV, 15, "error")
    assert message.startswith("'ms.topic' is 'conceptual' but English revision ")
    assert message.endswith(" has 'article'")


def test_empty_and_blank_values_are_the_same(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, "services: ''", "services:")
    assert findings(seed_repo, "front-matter-mismatch") == []


def test_anchor_mismatch(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, '## <a name="resolve-the-past-due-balance"></a>', "## ")
    replace_in(seed_repo, ZH, '<a name="if-i-forget-to-pay-what-happens">', '<a name="if-you-forget-to-pay">')
    replace_in(seed_repo, ZH, '<a name="need-help-contact-support">',
               '<a name="not-getting-billing-email-notifications">')
    # The heading that lost its anchor (line 32) corresponds to the English one at its place (same order and
    # level): the build gives it that id, so it is no finding. So do the heading whose anchor names no English
    # heading (46) and the one whose anchor is taken already (50): the page uses the English ids, which the notes
    # say; no English heading is left without its translation.
    at_its_place = "the page gives the heading the id {!r} of the English heading at its place"
    assert findings(seed_repo, "anchor-mismatch") == [
        (ZH, 46, "info", "anchor 'if-you-forget-to-pay' is not a heading of the English article: "
                         + at_its_place.format("if-i-forget-to-pay-what-happens")),
        (ZH, 50, "info", "anchor 'not-getting-billing-email-notifications' is also on line 42: "
                         + at_its_place.format("need-help-contact-support")),
    ]


def test_a_heading_no_english_heading_corresponds_to_is_an_error(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, '## <a name="need-help-contact-support"></a>',
               '## <a name="need-help-contact-support"></a>需要帮助？\n\n#### <a name="extra"></a>')
    replace_in(seed_repo, ZH, '## <a name="resolve-the-past-due-balance"></a>', "## ")
    assert [(line, severity, message.split(" (")[0]) for _, line, severity, message in
            findings(seed_repo, "anchor-mismatch")] == [
        (52, "error", "anchor 'extra' is not a heading of the English article")]


GUIDE_EN = """\
---
title: Guide
---
# Install the tool

## Before you start

### Check your version

#### On Windows

### Free disk space

## Next steps
"""
GUIDE_SV = """\
---
title: Guide
ms.openlocfilehash: {sha1}
ms.translationtype: HT
ms.contentlocale: sv-SE
---
# <a name="install-the-tool"></a>Installera verktyget

## <a name="before-you-start"></a>Innan du börjar

### <a name="{check}"></a>Kontrollera versionen

#### <a name="{windows}"></a>I Windows

### <a name="free-disk-space"></a>Ledigt diskutrymme

## <a name="next-steps"></a>Nästa steg
"""


def _guide_site(root: Path, check: str, windows: str) -> Path:
    """English and Swedish, one article with h1 to h4 headings; the translation is current (its hash is the
    English file's SHA-1) and its anchors are the given ones for the h3 and h4 headings."""
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Guide\nplugins:\n  - i18n:\n      docs_structure: folder\n"
                                     "      languages:\n        - {locale: en, name: English, default: true}\n"
                                     "        - {locale: sv, name: Svenska}\n  - locdocs\n", encoding="utf-8")
    for locale, text in (("en", GUIDE_EN), ("sv", GUIDE_SV.format(sha1=hashlib.sha1(GUIDE_EN.encode()).hexdigest(),
                                                                  check=check, windows=windows))):
        (root / "docs" / locale).mkdir(parents=True)
        (root / "docs" / locale / "guide.md").write_bytes(text.encode("utf-8"))
    return root


SV_GUIDE = "docs/sv/guide.md"
# The slugs of the English headings, by hand: lower case, punctuation dropped, spaces to dashes.
GUIDE_SLUGS = "install-the-tool, before-you-start, check-your-version, on-windows, free-disk-space, next-steps"


def test_anchors_of_h3_and_deeper_headings_are_compared(tmp_path: Path, monkeypatch) -> None:
    def anchor_findings(check: str, windows: str) -> list:
        monkeypatch.chdir(_guide_site(tmp_path / f"{check}-{windows}", check, windows))
        return findings(Path(), "anchor-mismatch")

    assert anchor_findings("check-your-version", "on-windows") == []
    # An anchor that names no English heading: the heading at its place (same order and level) gives its id.
    at_its_place = "the page gives the heading the id {!r} of the English heading at its place"
    assert anchor_findings("check-the-version", "on-windows") == [
        (SV_GUIDE, 11, "info", "anchor 'check-the-version' is not a heading of the English article: "
                               + at_its_place.format("check-your-version"))]
    assert anchor_findings("check-your-version", "in-windows") == [
        (SV_GUIDE, 13, "info", "anchor 'in-windows' is not a heading of the English article: "
                               + at_its_place.format("on-windows"))]
    # An anchor of another level's heading: named, it is that heading's, and the order is wrong.
    [(_, line, severity, message)] = anchor_findings("on-windows", "check-your-version")
    assert (line, severity) == (7, "error") and message.startswith("headings are in another order than in the ")


def test_anchors_in_another_order(seed_repo: Path) -> None:
    path = seed_repo / ZH
    text = path.read_text("utf-8")
    a = '## <a name="not-getting-billing-email-notifications"></a>收不到计费电子邮件通知？'
    b = '## <a name="if-i-forget-to-pay-what-happens"></a>如果忘记付款，会发生什么？'
    path.write_text(text.replace(a, "@@A@@").replace(b, a).replace("@@A@@", b), encoding="utf-8")
    [(_, line, _, message)] = findings(seed_repo, "anchor-mismatch")
    assert line == 24 and message.startswith("headings are in another order than in the English article: ")


def test_stale_translation_with_an_unusable_hash(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, "ms.openlocfilehash: 5e5d8849e59d95640b490d29bf1233135980486c",
               "ms.openlocfilehash: not-a-hash")
    assert [f for f in findings(seed_repo, "stale-translation") if f[0] == ZH] == [
        (ZH, 18, "warning", ("ms.openlocfilehash 'not-a-hash' is not a SHA-1 or SHA-256 hex digest: the English "
                            "revision of this translation cannot be known"))]


def test_stale_translation_whose_revision_is_not_in_history(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, "ms.openlocfilehash: 5e5d8849e59d95640b490d29bf1233135980486c",
               "ms.openlocfilehash: " + "ab" * 20)
    assert [f for f in findings(seed_repo, "stale-translation") if f[0] == ZH] == [
        (ZH, 18, "warning", (f"made from an older English revision than en/{ARTICLE} ({'ab' * 20}); its English "
                            "revision is not in the git history"))]


def test_untranslated_paragraphs_without_segment_data(seed_repo: Path) -> None:
    """A handoff without span markup: its paragraphs are compared with the English ones."""
    english = (seed_repo / "docs" / "en" / ARTICLE).read_text("utf-8")
    zh = (seed_repo / ZH).read_text("utf-8")
    (seed_repo / ZH).write_text(zh.split("---\n", 2)[1].join(["---\n", "---\n"]) + english.split("---\n", 2)[2],
                                encoding="utf-8")
    assert findings(seed_repo, "untranslated") == [
        (ZH, 1, "warning", "100% of the paragraphs are still the English text (threshold 50%)")]


def test_missing_and_orphan_translation(seed_repo: Path) -> None:
    (seed_repo / FR).unlink()
    (seed_repo / "docs" / "sv" / "billing" / "extra.md").write_text("---\ntitle: x\n---\n# Extra\n", "utf-8")
    assert findings(seed_repo, "missing-translation") == [
        (FR, None, "info", f"{ARTICLE} has no fr translation: readers get the English page")]
    assert findings(seed_repo, "orphan-translation") == [
        ("docs/sv/billing/extra.md", None, "error", "no English source en/billing/extra.md for this translation")]


def test_broken_links(seed_repo: Path) -> None:
    replace_in(seed_repo, ZH, "请按照文章中的步骤解决逾期未付余款问题。",
               "请按照[步骤](#no-such-section)、[图](media/missing.png)、[外](../../../outside.md)和"
               "[节](billing-azure-subscription-past-due-balance.md#need-help-contact-support)。")
    assert [f for f in findings(seed_repo, "broken-link") if f[0] == ZH and f[1] == 30] == [
        (ZH, 30, "error", ("link '#no-such-section': zh/billing/billing-azure-subscription-past-due-balance.md has "
                          "no heading or anchor '#no-such-section'")),
        (ZH, 30, "error", "link '../../../outside.md' points outside the docs folder"),
        (ZH, 30, "error", "link 'media/missing.png': no file billing/media/missing.png in zh/ or en/"),
    ]
    assert (ZH, 34, "warning", ("link 'billing-how-to-change-credit-card.md': billing/billing-how-to-change-credit-"
                               "card.md is not part of the content (set external_base_url so it links somewhere)")) \
        in findings(seed_repo, "broken-link")


def test_links_outside_the_content_are_notes_with_an_external_base_url(seed_repo: Path) -> None:
    replace_in(seed_repo, "mkdocs.yml", "exclude: [index.md]",
               "exclude: [index.md]\n      external_base_url: https://learn.example.com/")
    severities = {f[2] for f in findings(seed_repo, "broken-link")}
    assert severities == {"info"}


def test_a_link_to_the_translation_status_page_is_a_link_inside_the_site(seed_repo: Path) -> None:
    """The plugin adds translation-status.md to every locale: a link to it stays in the site, in check and build."""
    from locdocs.site.page import page_markdown
    from locdocs.translations import DocsIndex

    replace_in(seed_repo, "mkdocs.yml", "exclude: [index.md]",
               "exclude: [index.md]\n      external_base_url: https://learn.example.com/")
    for locale in ("en", "sv"):
        (seed_repo / "docs" / locale / "status-link.md").write_text(
            "# Links\n\n[Status](translation-status.md), [gone](gone.md).\n", "utf-8")
    assert [f[3] for f in findings(seed_repo, "broken-link") if "status-link" in f[0]] == [
        "link 'gone.md': gone.md is not part of the content (the site links to https://learn.example.com/gone)"] * 2
    docs = DocsIndex(load_config(seed_repo / "mkdocs.yml"))
    markdown, _ = page_markdown(docs, "sv", PurePosixPath("status-link.md"),
                                (seed_repo / "docs" / "sv" / "status-link.md").read_text("utf-8"))
    assert "[Status](translation-status.md)" in markdown and "(https://learn.example.com/gone)" in markdown


_NO_ELEMENT = "the English article has no such element with the same URL"
_NO_ATTRIBUTE = "the English article has no such attribute"
_SCHEMES = "links and images may be http, https, mailto or relative"


@pytest.mark.parametrize("inserted, expected", [
    ('请按照<script>alert(1)</script>[步骤](javascript:alert(1))<img src="x.png" onerror="alert(1)">。', [
        f"removed the <script> element and its content: {_NO_ELEMENT}",
        f"removed the javascript: URL in the href of <a>: {_SCHEMES}",
        f"removed the onerror attribute of <img>: {_NO_ATTRIBUTE}",
    ]),
    # Tag and attribute names are ASCII and case-insensitive in HTML: capitals count; a long s is no s, and
    # "<ſcript>" is text.
    ('<SCRIPT>x</SCRIPT><ſcript>y</ſcript><P OnClick = "x()">z</P><a HREF="Data:text/html,1">d</a>', [
        f"removed the <script> element and its content: {_NO_ELEMENT}",
        f"removed the onclick attribute of <p>: {_NO_ATTRIBUTE}",
        f"removed the data: URL in the href of <a>: {_SCHEMES}",
    ]),
], ids=["script-javascript-handler", "capitals-and-lookalikes"])
def test_unsafe_content(seed_repo: Path, inserted: str, expected: list[str]) -> None:
    replace_in(seed_repo, ZH, "请按照文章中的步骤解决逾期未付余款问题。", inserted)
    assert findings(seed_repo, "unsafe-content") == [(ZH, 30, "error", message) for message in sorted(expected)]


def test_encoding(seed_repo: Path) -> None:
    zh = seed_repo / ZH
    zh.write_bytes(b"\xef\xbb\xbf" + zh.read_bytes())
    replace_in(seed_repo, FR, "Résoudre", "RÃ©soudre")
    sv = seed_repo / SV
    sv.write_bytes(sv.read_bytes().replace("förfallit".encode(), b"f\xf6rfallit", 1))
    assert findings(seed_repo, "encoding") == [
        (FR, 24, "warning", "mojibake 'RÃ©soudre': probably 'Résoudre' (`locdocs normalize` repairs it)"),
        (SV, 2, "error", "invalid UTF-8 byte sequence b'\\xf6rfa': the file must be UTF-8"),
        (ZH, 1, "warning", "the file starts with a UTF-8 BOM: save it as UTF-8 without one"),
    ]


def test_severity_is_configuration(seed_repo: Path, capsys) -> None:
    replace_in(seed_repo, "mkdocs.yml", "exclude: [index.md]",
               "exclude: [index.md]\n      rules:\n        stale_translation: error\n        broken_link: ignore")
    config = load_config(seed_repo / "mkdocs.yml")
    assert config.severity("stale-translation") is Severity.ERROR
    assert main(["check"]) == 1
    assert not findings(seed_repo, "broken-link")
    assert main(["check", "--severity", "stale-translation=warn"]) == 0
    assert main(["check", "--severity", "no-such-rule=warn"]) == 2
    assert "unknown rule 'no-such-rule'" in capsys.readouterr().err


def test_configuration_errors_exit_2(seed_repo: Path, capsys) -> None:
    replace_in(seed_repo, "mkdocs.yml", "exclude: [index.md]", "exclude: [index.md]\n      colour: blue")
    assert main(["check"]) == 2
    assert "unknown locdocs option(s): colour" in capsys.readouterr().err
    assert main(["check", "no-such-folder", "-f", str(GOLDEN / "nothing.yml")]) == 2
    shutil.rmtree(seed_repo / "docs")
    assert main(["check", "-f", "mkdocs.yml"]) == 2


def test_yaml_alias_bomb_is_refused_not_expanded(seed_repo: Path) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    replace_in(seed_repo, ZH, "ms.service: billing\n", "ms.service: billing\n" + "\n".join(levels) + "\n")
    assert findings(seed_repo, "front-matter-invalid") == [
        (ZH, 13, "error", "YAML alias *a in front matter: aliases are not allowed here")]


def test_unsafe_content_in_every_page_the_site_publishes(seed_repo: Path) -> None:
    """Pages the other rules leave alone are still published: a site page that is no translation (index.md is
    excluded) and an article with another Markdown suffix MkDocs builds."""
    replace_in(seed_repo, "docs/zh/index.md", "\n", '\n<img src="x.png" onerror="alert(1)">\n')
    english = "---\ntitle: Extra\n---\n# Extra\n\nPlain text.\n"
    (seed_repo / "docs/en/billing/extra.markdown").write_text(english, encoding="utf-8")
    (seed_repo / "docs/zh/billing/extra.markdown").write_text(
        english.replace("Plain text.", "文本<script>alert(1)</script>"), encoding="utf-8")
    assert findings(seed_repo, "unsafe-content") == [
        ("docs/zh/billing/extra.markdown", 6, "error", f"removed the <script> element and its content: {_NO_ELEMENT}"),
        ("docs/zh/index.md", 2, "error", f"removed the onerror attribute of <img>: {_NO_ATTRIBUTE}"),
    ]


@pytest.mark.parametrize("title", ['"<img src=x onerror=alert(1)>"', r'"\x3cimg src=x onerror=alert(1)\x3e"'])
def test_markup_in_translated_front_matter(seed_repo: Path, title: str) -> None:
    replace_in(seed_repo, ZH, "title: 来自 Azure 的逾期未付余款电子邮件 | Microsoft 文档", f"title: {title}")
    assert findings(seed_repo, "unsafe-content") == [
        (ZH, 2, "error", "markup in title '<img src=x onerror=alert(1)>': the page shows it as text")]


def test_markup_in_the_english_of_a_segment(seed_repo: Path) -> None:
    """The handoff's English of a segment is shown on a machine translation's page, and it is not the reviewed
    English article: markup the article lacks is reported (and shown as text)."""
    xliff = "l10n/nl/billing/billing-azure-subscription-past-due-balance.md.xlf"
    replace_in(seed_repo, xliff, "<source>If your payment isn't received",
               "<source>&lt;img src=x onerror=alert(1)&gt;If your payment isn't received")
    text = (seed_repo / xliff).read_text("utf-8")
    unit = text[text.rindex("<trans-unit", 0, text.index("&lt;img")):]
    line = int(unit.split('<context context-type="linenumber">', 1)[1].split("<", 1)[0])
    segment = unit.split('id="', 1)[1].split('"', 1)[0]
    assert findings(seed_repo, "unsafe-content") == [
        (f"docs/nl/{ARTICLE}", line, "error", (f"the English of segment {segment} has '<img', which the English "
                                              "article does not: the page shows it as text"))]


def test_what_the_english_has_a_translation_may_keep(seed_repo: Path) -> None:
    """The English is trusted: the same embed, the same attribute, a link to the same host stay in a translation;
    a link to another host goes. The revision a translation was made from counts as English too."""
    embed = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="v"></iframe>'
    replace_in(seed_repo, f"docs/en/{ARTICLE}", "\n## ",
               f"\n{embed}\n\n[Docs](https://docs.example.org/a){{: target=_blank }}\n\n## ")
    replace_in(seed_repo, ZH, "请按照文章中的步骤解决逾期未付余款问题。",
               f"{embed}\n\n[文档](https://docs.example.org/b){{: target=_blank }}\n\n[外](https://evil.example/)")
    assert findings(seed_repo, "unsafe-content") == [
        (ZH, 34, "error", ("removed the link to evil.example: the English article does not link to that host "
                          "(the plugin option allowed_hosts can allow it)"))]
    assert [f[1] for f in findings(seed_repo, "unsafe-content") if "account.windowsazure.com" in f[3]] == []


def test_what_changed_tells_reworded_sections_from_new_and_removed_ones() -> None:
    from locdocs.article import Article
    from locdocs.changes import compare
    from locdocs.site.notices import SECTIONS_NAMED, _what_changed

    old = Article.from_text("# <a name='pay'></a>Pay your bill\n\nPay the balance in full by the due date.\n\n"
                            "## <a name='old'></a>Old section\n\nNothing alike.\n")
    new = Article.from_text("# <a name='pay-now'></a>Pay your bill now\n\nPay the balance in full by the due date."
                            "\n\n" + "".join(f"## <a name='n{i}'></a>New {i}\n\nText {i}.\n\n" for i in range(5)))
    change = compare(old, new)
    assert (change.changed, change.added, change.removed) == (
        ("Pay your bill now",), tuple(f"New {i}" for i in range(5)), ("Old section",))

    stale = SimpleNamespace(change=change)  # what _what_changed reads of a translation
    assert _what_changed(stale, "en") == (
        "Since then, in the English article: new sections “New 0”, “New 1”, “New 2” and "
        f"{5 - SECTIONS_NAMED} more; reworded “Pay your bill now”; removed “Old section”.")


def test_a_heading_without_anchor_that_no_english_heading_matches(seed_repo: Path) -> None:
    """A heading the English revision has nothing like (an h4 where the English has none) gets no id: reported."""
    sentence = "请按照文章中的步骤解决逾期未付余款问题。"
    replace_in(seed_repo, ZH, sentence, f"{sentence}\n\n#### 额外的标题\n")
    assert findings(seed_repo, "anchor-mismatch") == [
        (ZH, 32, "error", ("heading '额外的标题' has no anchor, and no heading of the English article corresponds "
                           "to it: give it the anchor of the English heading it translates"))]


def test_each_check_function_is_listed_with_the_rules_it_reports() -> None:
    """A function whose rules are all ignored is not run (rules.enabled): its list must name every rule it can
    report, read here from its source."""
    import inspect
    import re

    from locdocs.check.rules import FILE_RULES, RULE_IDS, SITE_RULES, TRANSLATION_RULES

    for function in (*FILE_RULES, *TRANSLATION_RULES, *SITE_RULES):
        reported = set(re.findall(r'report\("([a-z-]+)"', inspect.getsource(function)))
        assert reported == set(RULE_IDS[function]), function.__name__
