"""The reader messages: gettext catalogs for every language the theme speaks, placeholders kept, site overrides,
the theme's language and <html lang> for any BCP 47 locale, and a build that says which locales lack a catalog."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locdocs.errors import UsageError
from locdocs.site import messages
from locdocs.site.language import language_tag, set_page_language, text_direction, theme_language, theme_languages
from locdocs.site.messages import Messages, catalog_language, english, message
from mkdocs_build import run_mkdocs

CATALOGS = Path(messages.__file__).parent / "catalogs"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _po_files() -> list[Path]:
    return sorted(CATALOGS.glob("*/LC_MESSAGES/locdocs.po"))


def _entries(path: Path) -> dict[str, tuple[str, str, bool]]:
    with path.open("rb") as file:
        return {str(m.context): (str(m.id), str(m.string), m.fuzzy) for m in read_po(file) if m.id}


def write_config(root: Path, locales: dict[str, str], locdocs: str, head: str = "") -> Path:
    """A site's mkdocs.yml: Material, search, static-i18n with ``locales`` (the first the default), and the locdocs
    plugin with the ``locdocs`` options (YAML lines, indented for it); ``head`` comes after site_name."""
    languages = "\n".join(f"        - {{locale: {locale}, name: {name}{', default: true' if index == 0 else ''}}}"
                          for index, (locale, name) in enumerate(locales.items()))
    config = root / "mkdocs.yml"
    config.write_text(f"""site_name: Test
{head}theme: {{name: material, font: false}}
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: true
      languages:
{languages}
  - locdocs:
{locdocs}
""", "utf-8")
    return config


def test_every_language_of_the_theme_has_a_complete_catalog() -> None:
    """Material speaks these languages: so do the notices, the status page and the banners."""
    theme = sorted(theme_languages() - {"en"})
    assert len(theme) >= 60
    lacking = {language: Messages().untranslated(language) for language in theme}
    assert {language: keys for language, keys in lacking.items() if keys} == {}


@pytest.mark.parametrize("path", _po_files(), ids=lambda path: path.parts[-3])
def test_a_catalog_translates_the_current_english_with_its_placeholders(path: Path) -> None:
    source = _entries(CATALOGS / "locdocs.pot")
    entries = _entries(path)
    assert set(entries) == set(source)
    for key, (msgid, msgstr, fuzzy) in entries.items():
        assert msgid == source[key][0], (key, "translates an older English")
        assert msgstr.strip() and not fuzzy, key
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), (key, msgstr)
    header = path.read_text("utf-8").split('msgid ""', 1)[0]
    assert "How it was translated:" in header and "Corrections are welcome" in header


@pytest.mark.parametrize(("locale", "expected"), [
    ("sv", "sv"), ("sv-SE", "sv"), ("zh-CN", "zh"), ("zh", "zh"), ("nl-BE", "nl"), ("fr-CA", "fr"),
    ("en", None), ("en-GB", None), ("tlh", None)])
def test_a_locale_takes_the_catalog_of_its_language(locale: str, expected: str | None) -> None:
    assert catalog_language(locale) == expected


@pytest.mark.parametrize("locale", ["zh-TW", "zh-HK", "zh-Hant"])
def test_traditional_chinese_never_reads_the_simplified_catalog(locale: str) -> None:
    assert catalog_language(locale) in ("zh-TW", "zh-Hant")
    assert message("stale", locale) != message("stale", "zh")


def test_portuguese_of_brazil_and_of_portugal_each_have_their_own() -> None:
    assert catalog_language("pt-BR") == "pt-BR"
    assert catalog_language("pt-PT") == "pt"


def test_a_translation_that_breaks_a_placeholder_or_is_fuzzy_shows_the_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "catalogs"
    shutil.copytree(CATALOGS, folder)
    po = folder / "sv" / "LC_MESSAGES" / "locdocs.po"
    text = po.read_text("utf-8")
    text = text.replace('msgstr "Sedan dess i den engelska artikeln: {sections}."',
                        'msgstr "Sedan dess i den engelska artikeln: {avsnitt}."')
    text = text.replace('msgctxt "stale"\n', '#, fuzzy\nmsgctxt "stale"\n')
    po.write_text(text, "utf-8")
    for cached in (messages.english, messages.catalog_languages, messages.catalog_language, messages.translations):
        cached.cache_clear()
    monkeypatch.setattr(messages, "_catalogs_dir", lambda: folder)
    try:
        assert message("stale_sections", "sv", sections="X") == "Since then, in the English article: X."
        assert message("stale", "sv") == english()["stale"]
        assert message("read_english", "sv") == "Läs den engelska artikeln"
        assert Messages().untranslated("sv") == ["stale", "stale_sections"]
    finally:
        monkeypatch.undo()
        for cached in (messages.english, messages.catalog_languages, messages.catalog_language,
                       messages.translations):
            cached.cache_clear()


def test_a_site_overrides_a_message_in_its_own_words() -> None:
    site = Messages({"sv": {"stale": "Äldre än originalet."}, "sw": {"stale_more": "na {count} zaidi"}})
    assert site("stale", "sv") == "Äldre än originalet."
    assert site("stale_more", "sw", count="2") == "na 2 zaidi"
    assert site("read_english", "sv") == message("read_english", "sv")
    assert "stale_more" not in site.untranslated("sw") and "stale" in site.untranslated("sw")
    assert site.missing(["en", "sv"]) == []
    [line] = site.missing(["sw"])
    assert line.startswith("sw: reader messages in English (no message catalog fits it")


@pytest.mark.parametrize(("overrides", "says"), [
    ({"sv": {"stael": "x"}}, "no message 'stael'"),
    ({"sv": {"stale_sections": "Sedan dess: {avsnitt}"}}, "must have the placeholders"),
    ({"sv": {"stale_sections": "Sedan dess."}}, "({sections})"),
    ({"sv": {"stale": "Äldre: {x}"}}, "(none)"),
    ({"sv": "Äldre"}, "give message keys and texts"),
])
def test_a_wrong_override_is_refused_with_what_to_write(overrides: dict, says: str) -> None:
    with pytest.raises(UsageError, match=re.escape(says)):
        Messages(overrides)


@pytest.mark.parametrize(("locale", "theme", "tag", "direction"), [
    ("pt-PT", "pt", "pt-PT", "ltr"), ("pt-BR", "pt-BR", "pt-BR", "ltr"), ("pt-br", "pt-BR", "pt-BR", "ltr"),
    ("zh-CN", "zh", "zh-CN", "ltr"), ("zh-TW", "zh-TW", "zh-TW", "ltr"), ("zh-HK", "zh-Hant", "zh-HK", "ltr"),
    ("ar-SA", "ar", "ar-SA", "rtl"), ("he", "he", "he", "rtl"), ("fa-AF", "fa", "fa-AF", "rtl"),
    ("ps", "en", "ps", "rtl"), ("sw", "en", "sw", "ltr"), ("nb", "nb", "nb", "ltr"), ("uk", "uk", "uk", "ltr"),
])
def test_a_locale_gets_the_theme_language_closest_to_it_and_its_own_tag(
        locale: str, theme: str, tag: str, direction: str) -> None:
    assert theme_language(locale) == theme
    assert language_tag(locale) == tag
    assert text_direction(locale) == direction


def test_the_page_says_its_locale_and_direction() -> None:
    page = '<html lang="pt" class="no-js"><head></head><body dir="ltr" data-md-color-scheme="default">'
    assert set_page_language(page, "pt-BR") == page.replace('lang="pt"', 'lang="pt-BR"')
    assert 'lang="ar-SA"' in set_page_language(page, "ar-SA") and 'dir="rtl"' in set_page_language(page, "ar-SA")


@pytest.mark.slow
def test_a_site_in_locales_the_theme_does_not_name_builds_and_says_which_lack_messages(tmp_path: Path) -> None:
    """pt-PT and zh-CN have no theme file of their own (Material names pt and zh), sw none at all: the build
    neither crashes nor hides that Swahili readers would see English notices."""
    locales = {"en": "English", "pt-PT": "Português", "zh-CN": "简体中文", "he": "עברית", "sw": "Kiswahili"}
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("# Home\n\nHello.\n", "utf-8")
    for locale in locales:
        (tmp_path / "docs" / locale).mkdir(exist_ok=True)
    config = write_config(tmp_path, locales, "      rules: {missing_translation: ignore}",
                          head="site_url: http://localhost/\n")
    done = run_mkdocs(tmp_path, site_dir=tmp_path / "site")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING") and "locdocs:" in line]
    assert len(warnings) == 1 and "locdocs: sw: reader messages in English" in warnings[0], warnings
    for locale, direction in (("en", "ltr"), ("pt-PT", "ltr"), ("zh-CN", "ltr"), ("he", "rtl"), ("sw", "ltr")):
        page = (tmp_path / "site" / ("" if locale == "en" else locale) / "index.html").read_text("utf-8")
        assert f'<html lang="{locale}"' in page and f'<body dir="{direction}"' in page, locale
    portuguese = (tmp_path / "site" / "pt-PT" / "index.html").read_text("utf-8")
    assert message("fallback", "pt-PT") in portuguese and message("fallback", "pt-PT") != message("fallback", "en")
    assert run_mkdocs(tmp_path, strict=True, site_dir=tmp_path / "site").returncode == 1  # sw lacks its messages

    config.write_text(config.read_text("utf-8").replace(
        "rules: {missing_translation: ignore}",
        "rules: {missing_translation: ignore}\n      messages: {sw: {fallback: 'Ukurasa huu bado haupatikani kwa "
        "Kiswahili; unaona ukurasa wa Kiingereza.'}}"), "utf-8")
    done = run_mkdocs(tmp_path, site_dir=tmp_path / "site")
    swahili = (tmp_path / "site" / "sw" / "index.html").read_text("utf-8")
    assert "Ukurasa huu bado haupatikani kwa Kiswahili" in swahili

    config.write_text(config.read_text("utf-8").replace("fallback:", "fallbak:"), "utf-8")
    done = run_mkdocs(tmp_path, site_dir=tmp_path / "site")
    assert done.returncode == 1 and "no message 'fallbak'" in done.stderr and "Traceback" not in done.stderr


def test_the_readme_lists_every_catalog() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme.split("## Reader messages in every language", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z]{2,3}(?:_[A-Za-z]+)?)`\s+[A-Z]", section))
    assert listed == {path.parts[-3] for path in _po_files()}


@pytest.mark.slow
def test_the_status_page_of_a_large_site_is_in_the_readers_language(tmp_path: Path) -> None:
    """The status page is the plugin's own page: however many rows (markup) it has, it is rendered and in Swedish,
    never taken for a hostile translation and replaced by the English."""
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "sv").mkdir()
    (tmp_path / "docs" / "en" / "index.md").write_text("# Home\n", "utf-8")
    for number in range(120):
        (tmp_path / "docs" / "en" / f"article-{number:03}.md").write_text(f"# Article {number}\n\nText.\n", "utf-8")
    write_config(tmp_path, {"en": "English", "sv": "Svenska"},
                 "      rules: {missing_translation: ignore}\n      exclude: [index.md]")
    done = run_mkdocs(tmp_path, strict=True, site_dir=tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "sv" / "translation-status" / "index.html").read_text("utf-8")
    assert f">{message('status_title', 'sv')}<" in page and 'data-locdocs-notice="fallback"' not in page
    assert page.count('data-state="missing"') == 120  # the rows, with their markup


def test_the_root_404_speaks_each_language_in_the_sites_words() -> None:
    from locdocs.layout import Language
    from locdocs.site.not_found import RootNotFound

    languages = (Language("en", "English", True), Language("sv", "Svenska"), Language("ar-SA", "العربية"))
    page = RootNotFound("https://example.org/docs/", languages, Messages({"sv": {"not_found_site": "Ingenting."}})) \
        .html([{"version": "2018-05", "title": "2018-05", "aliases": ["latest"]}], "latest")
    assert "Ingenting." in page and message("not_found_site", "en") in page
    assert f'<section lang="ar-SA" dir="rtl">\n  <h1>{message("not_found_title", "ar")}</h1>' in page


@pytest.mark.slow
@pytest.mark.parametrize("own_title", [None, "Länk hit"])
def test_the_heading_links_are_titled_in_the_readers_language(tmp_path: Path, own_title: str | None) -> None:
    """Python-Markdown titles the toc's link after each heading "Permanent link": each locale's pages say it in
    their language, unless the site set its own title."""
    for locale in ("en", "sv"):
        (tmp_path / "docs" / locale).mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("# Home\n\n## Section\n", "utf-8")
    (tmp_path / "docs" / "sv" / "index.md").write_text("# Hem\n\n## Avsnitt\n", "utf-8")
    title = f", permalink_title: {own_title}" if own_title else ""
    (tmp_path / "mkdocs.yml").write_text(f"""site_name: Links
theme: {{name: material, font: false}}
markdown_extensions:
  - toc: {{permalink: true{title}}}
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: en, name: English, default: true}}
        - {{locale: sv, name: Svenska}}
  - locdocs:
      exclude: [index.md]
""", "utf-8")
    done = run_mkdocs(tmp_path, strict=True, site_dir=tmp_path / "site")
    assert done.returncode == 0, done.stderr
    for locale, page in (("en", "index.html"), ("sv", "sv/index.html")):
        html = (tmp_path / "site" / page).read_text("utf-8")
        expected = own_title or message("permalink_title", locale)
        assert html.count('class="headerlink" href="#') == 2 and html.count(f'title="{expected}"') == 2, locale
    assert message("permalink_title", "sv") != message("permalink_title", "en")
