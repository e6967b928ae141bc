"""Any locale, any repository: a site of 28 locales made of real handoffs (tests/many_locale_site.py), built with
`mkdocs build --strict` and with `locdocs build`, and what its readers get in each locale.

Expected values come from the site's Markdown and the locale tags, never from the code under test: the locale of a
page is its folder, the English heading ids are the English page's own, the search word is a word of the page's
Markdown that no other page of the locale has.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from many_locale_site import DEFAULT_LOCALE, RIGHT_TO_LEFT, ManyLocaleSite, make_site, search_term, site_locales
from mkdocs_build import run_mkdocs
from shared_data import shared_data_missing

pytestmark = [pytest.mark.slow, pytest.mark.shared]

REQUIRED_LOCALES = ("ar", "he", "ja", "ko", "th", "zh-CN", "zh-TW", "pt-BR", "pt-PT", "cs", "pl", "uk")
"""The locales the issue names; the site has 28 besides English."""
CORPUS_LOCALES = ("sv", "nl", "fr", "zh-CN", "zh-TW", "de")
FRONT_MATTER_WITH_SPANS = frozenset({"troubleshoot-presence-issues-outlook.md", "iterations.md", "the-qubit.md"})
"""The multilocale handoffs whose whole front matter went through translation as prose (its README): not YAML in
either language. `locdocs ingest` may refuse them, with where and why; it may refuse nothing else."""
SAME_WORD = frozenset({("fr", "Article"), ("nl", "machine")})
"""Reader messages whose English word is also the word of that language (French "Article", Dutch "machine")."""
BUILD_TIMEOUT = 1800
LOCALES = site_locales() if shared_data_missing() is None else ()
BUILDS = ("mkdocs", "locdocs")
Run = tuple[subprocess.CompletedProcess, Path]
"""A build's process and the site folder it was given."""


@dataclass(frozen=True)
class Built:
    """A built site: ``served`` is the folder to serve, ``version_dir`` the folder of its one version (the same
    for `mkdocs build`; ``current/`` of `locdocs build`), ``prefix`` that folder's URL path from the served root."""

    name: str
    served: Path
    version_dir: Path
    prefix: str
    log: str


@dataclass(frozen=True)
class HtmlPage:
    path: Path
    locale: str
    url: str
    """Its URL path inside the version, without the locale folder: ``nuget/docs/x/``."""


# The site, its check report and its builds: made once per test session.

@pytest.fixture(scope="session")
def many_site(tmp_path_factory: pytest.TempPathFactory) -> ManyLocaleSite:
    return make_site(tmp_path_factory.mktemp("many-locales") / "repo")


@pytest.fixture(scope="session")
def findings(many_site: ManyLocaleSite) -> dict[str, set[str]]:
    """`locdocs check`'s rules per file (docs/LL/…): which pages the check says have a problem."""
    report = many_site.root / ".cache" / "check.json"
    report.parent.mkdir(exist_ok=True)
    done = _locdocs(many_site.root, "check", "--format", "json", "-o", str(report))
    assert done.returncode in (0, 1), done.stderr
    rules: dict[str, set[str]] = {}
    for finding in json.loads(report.read_text("utf-8"))["findings"]:
        rules.setdefault(finding["path"], set()).add(finding["rule"])
    return rules


@pytest.fixture(scope="session")
def mkdocs_strict(many_site: ManyLocaleSite, tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = tmp_path_factory.mktemp("mkdocs-strict") / "site"
    return run_mkdocs(many_site.root, strict=True, site_dir=site, timeout=BUILD_TIMEOUT), site


@pytest.fixture(scope="session")
def locdocs_run(many_site: ManyLocaleSite, tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = tmp_path_factory.mktemp("locdocs-build") / "site"
    return _locdocs(many_site.root, "build", "--repo", str(many_site.root), "--site-dir", str(site)), site


@pytest.fixture(scope="session")
def mkdocs_site(many_site: ManyLocaleSite, mkdocs_strict: Run,
                tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The `mkdocs build` output: the --strict build's when it passed, else a build without --strict (MkDocs
    stops a --strict build with warnings before every locale is written)."""
    done, site = mkdocs_strict
    if done.returncode != 0:
        site = tmp_path_factory.mktemp("mkdocs") / "site"
        done = run_mkdocs(many_site.root, site_dir=site, timeout=BUILD_TIMEOUT)
        if done.returncode != 0:
            pytest.fail(f"mkdocs build (without --strict) failed:\n{_tail(done.stderr)}")
    return Built("mkdocs", site, site, "", done.stderr)


@pytest.fixture(scope="session")
def locdocs_site(many_site: ManyLocaleSite, locdocs_run: Run) -> Built:
    """The `locdocs build` output (``SITE/current/``): when the build refused (errors in the check), built again
    with --allow-errors, to see what readers would get."""
    done, site = locdocs_run
    if done.returncode != 0:
        done = _locdocs(many_site.root, "build", "--repo", str(many_site.root), "--site-dir", str(site),
                        "--allow-errors")
        if done.returncode != 0:
            pytest.fail(f"locdocs build --allow-errors failed:\n{_tail(done.stderr)}")
    versions = [path for path in site.iterdir() if path.is_dir() and (path / "index.html").is_file()
                and path.name != "assets"]
    assert len(versions) == 1, f"one version without versions.yml, found {[p.name for p in versions]}"
    return Built("locdocs", site, versions[0], f"{versions[0].name}/", done.stderr)


@pytest.fixture(scope="session", params=BUILDS)
def built(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session")
def served(built: Built) -> Iterator[tuple[Built, str]]:
    from browser import serve

    with serve(built.served) as url:
        yield built, url


# Helpers.

def _locdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    from versioned_site import offline

    return subprocess.run(offline([sys.executable, "-m", "locdocs", *args]), cwd=root, capture_output=True,
                          text=True, timeout=BUILD_TIMEOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _problems(output: str, limit: int = 60) -> str:
    """The distinct WARNING and ERROR lines of a build's output, and how often each came."""
    counts = Counter(line.strip()[:400] for line in output.splitlines()
                     if line.startswith(("WARNING", "ERROR")) or "Error" in line.split(":")[0])
    shown = [f"{count}× {line}" if count > 1 else line for line, count in list(counts.items())[:limit]]
    more = f"\n… and {len(counts) - limit} more" if len(counts) > limit else ""
    return "\n".join(shown) + more


def article_url(rel: PurePosixPath) -> str:
    """An article's URL inside a locale folder (MkDocs' directory URLs)."""
    return "" if rel.as_posix() == "index.md" else rel.with_suffix("").as_posix() + "/"


def locale_folder(locale: str) -> str:
    return "" if locale == DEFAULT_LOCALE else f"{locale}/"


def html_pages(built: Built, locales: tuple[str, ...]) -> list[HtmlPage]:
    pages = []
    for path in sorted(built.version_dir.rglob("*.html")):
        rel = path.relative_to(built.version_dir)
        if rel.parts[0] in ("assets", "search"):
            continue
        locale = rel.parts[0] if rel.parts[0] in locales else DEFAULT_LOCALE
        inside = PurePosixPath(*rel.parts[1:]) if locale != DEFAULT_LOCALE else PurePosixPath(*rel.parts)
        url = "" if inside.as_posix() == "index.html" else inside.parent.as_posix() + "/"
        pages.append(HtmlPage(path, locale, url if inside.name == "index.html" else inside.as_posix()))
    return pages


def page_of(built: Built, locale: str, rel: PurePosixPath) -> Path:
    return built.version_dir / locale_folder(locale) / article_url(rel) / "index.html"


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_text("utf-8"))


def report(failures: list[str], what: str, limit: int = 40) -> str:
    by_locale = Counter(failure.split(" ", 1)[0] for failure in failures)
    return (f"{len(failures)} {what} ({', '.join(f'{locale}: {n}' for locale, n in sorted(by_locale.items()))}):\n"
            + "\n".join(failures[:limit]) + (f"\n… and {len(failures) - limit} more" if len(failures) > limit else ""))


def heading_ids(path: Path) -> list[str | None]:
    """The ids of the article's headings, in order (notices left out)."""
    document = parse(path)
    articles = document.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')
    assert articles, f"{path}: no article"
    return [heading.get("id") for heading in articles[0].xpath(
        ".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
        '[not(ancestor::*[contains(concat(" ", @class, " "), " locdocs-notice ")])]')]


def english_messages() -> dict[str, str]:
    """Every reader message of the catalog, in English, read through ``message(key, "en")`` whatever the catalog's
    storage (messages.yml, gettext catalogs)."""
    from locdocs.site import messages

    for name in ("english", "catalog"):
        source = getattr(messages, name, None)
        if not callable(source):
            continue
        try:
            keys = source()
        except TypeError:  # takes arguments in this version of the module: not the list of keys
            continue
        if isinstance(keys, Mapping) and keys:
            return {str(key): messages.message(str(key), DEFAULT_LOCALE) for key in keys}
    raise AssertionError("locdocs.site.messages has no list of its message keys (english() or catalog())")


@dataclass(frozen=True)
class MessagePattern:
    key: str
    english: str
    pattern: re.Pattern | None
    """For a message of two words or more: where it appears in a page's text (placeholders match anything)."""


def message_patterns() -> list[MessagePattern]:
    patterns = []
    for key, text in english_messages().items():
        parts = [" ".join(part.split()) for part in re.split(r"\{[^{}]*\}", text)]
        literal_words = " ".join(parts).split()
        if len(literal_words) >= 2:
            names = re.findall(r"\{([^{}]*)\}", text)
            wildcards = [r"\d+" if name == "count" else r".+?" for name in names]
            regex = "".join(re.escape(part) + (wildcards[i] if i < len(wildcards) else "")
                            for i, part in enumerate(parts))
            patterns.append(MessagePattern(key, text, re.compile(regex)))
        elif len(literal_words) == 1 and "{" not in text:
            patterns.append(MessagePattern(key, text, None))
    return patterns


_UNSEEN = {"script", "style", "noscript", "template", "svg"}
_READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def english_messages_on(path: Path, locale: str, patterns: list[MessagePattern]) -> list[str]:
    """The English reader messages a page of ``locale`` shows outside content marked as English."""
    document = parse(path)
    for element in list(document.iter()):
        if not isinstance(element.tag, str) or element is document:
            continue
        if element.tag in _UNSEEN or (element.get("lang") or "").lower().split("-")[0] == "en":
            element.drop_tree()
    visible = [*document.xpath("//head/title"), *document.xpath("//body")]
    text = " ".join(" ".join(element.text_content().split()) for element in visible)
    elements = [element for root in visible for element in root.iter() if isinstance(element.tag, str)]
    texts = {" ".join(element.text_content().split()) for element in elements}
    attributes = {" ".join(value.split()) for element in elements for name in _READ_ATTRIBUTES
                  if (value := element.get(name))}
    found = []
    for message in patterns:
        if (locale, message.english) in SAME_WORD:
            continue
        if message.pattern is not None:
            match = message.pattern.search(text) or next(
                (m for value in attributes if (m := message.pattern.search(value))), None)
            if match:
                found.append(f"{message.key}: {match[0][:80]!r}")
        elif message.english in texts or message.english in attributes:
            found.append(f"{message.key}: {message.english!r}")
    return found


# The site.

def test_the_site_has_the_locales_and_real_handoffs(many_site: ManyLocaleSite) -> None:
    """At least 20 locales (those the issue names among them), every multilocale handoff and some of each corpus
    span set; ingest refuses only handoffs whose front matter is prose in both languages, saying where and why."""
    locales = many_site.locales
    assert set(REQUIRED_LOCALES) <= set(locales) and len(locales) - 1 >= 20, locales
    for locale in CORPUS_LOCALES:
        assert any(h.locale == locale and "corpus" in h.source.parts for h in many_site.handoffs), locale
    for locale in locales[1:]:
        assert many_site.translations(locale), f"{locale} has no page"
    for handoff, said in many_site.refused.items():
        assert handoff.source.name in FRONT_MATTER_WITH_SPANS, f"ingest refused {handoff.source}: {said}"
        assert "Traceback" not in said and re.search(rf"{re.escape(handoff.source.name)}:\d+: ", said), said
    assert len(many_site.handoffs) + len(many_site.refused) >= 85
    assert len(many_site.english_from_source) >= 40, "most English is the handoffs' own source side"


def _check_problems(many_site: ManyLocaleSite, severities: tuple[str, ...] = ("error", "warning")) -> list[str]:
    """The findings of `locdocs check` (the report the ``findings`` fixture wrote) of these severities, as the
    plugin logs them."""
    report = many_site.root / ".cache" / "check.json"
    return [f"{f['path']}:{f['line']}: {f['rule']}: {f['message']}" if f["line"] else
            f"{f['path']}: {f['rule']}: {f['message']}"
            for f in json.loads(report.read_text("utf-8"))["findings"] if f["severity"] in severities]


def test_mkdocs_build_strict_stops_only_on_what_the_check_finds(mkdocs_strict: Run, many_site: ManyLocaleSite,
                                                                findings: dict[str, set[str]]) -> None:
    """No crash, no warning from MkDocs, the theme or static-i18n in any locale: a strict build passes, or stops
    on the real problems of this real content that `locdocs check` reports (links in docfx syntax, which MkDocs
    does not have, in the English articles too; links to hosts the English lacks; an include without front
    matter), each logged once."""
    done, _ = mkdocs_strict
    output = done.stdout + done.stderr
    assert "Traceback" not in output, _tail(output, 60)
    problems = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    others = [line for line in problems if " locdocs: docs/" not in line]
    assert others == [], _problems("\n".join(others))
    expected = _check_problems(many_site)
    logged = [line.split(" locdocs: ", 1)[1] for line in problems]
    assert sorted(logged) == sorted(expected), _problems("\n".join(problems))
    assert done.returncode == (1 if expected else 0)


def test_locdocs_build_refuses_what_the_check_finds_and_builds_every_locale(
        locdocs_run: Run, locdocs_site: Built, many_site: ManyLocaleSite, findings: dict[str, set[str]]) -> None:
    """`locdocs build` checks first: with errors it builds nothing and says so (then, with --allow-errors, the
    locdocs_site fixture builds every locale of the one version, as the page tests below read it)."""
    done, site = locdocs_run
    output = done.stdout + done.stderr
    assert "Traceback" not in output, _tail(output, 60)
    errors = _check_problems(many_site, ("error",))
    if done.returncode != 0:
        assert done.returncode == 1 and "nothing was built or deployed" in output, _tail(output)
    assert (site / "versions.json").is_file() and "Traceback" not in locdocs_site.log
    assert {path.name for path in locdocs_site.version_dir.iterdir() if (path / "index.html").is_file()} >= \
        set(many_site.locales[1:])
    assert errors or done.returncode == 0


# Every page, in both builds.

def test_every_page_says_its_language_and_direction(built: Built, many_site: ManyLocaleSite) -> None:
    """``<html lang>`` is the page's locale as a BCP 47 tag in its usual case (``zh-TW``, ``pt-BR``), and
    ``<body dir>`` (where Material puts it) is rtl for Arabic and Hebrew, ltr elsewhere."""
    pages = html_pages(built, many_site.locales)
    assert {page.locale for page in pages} == set(many_site.locales)
    failures = []
    for page in pages:
        document = parse(page.path)
        lang = document.get("lang")
        body = document.find("body")
        direction = body.get("dir") if body is not None else None
        wanted = "rtl" if page.locale in RIGHT_TO_LEFT else "ltr"
        if lang != page.locale or direction != wanted:
            failures.append(f"{page.locale} {page.url or '(home)'} {page.path.name}: lang={lang!r} dir={direction!r}, "
                            f"want lang={page.locale!r} dir={wanted!r}")
    assert not failures, report(failures, f"pages with a wrong lang or dir in the {built.name} build")


def test_hreflang_alternates_name_the_right_pages(built: Built, many_site: ManyLocaleSite,
                                                 findings: dict[str, set[str]]) -> None:
    """Each article's alternates are tagged with the site's BCP 47 tags, each pointing at that locale's page of the
    same article; a translation lists itself (unless the check says its text is still English) and the English
    page; no locale is announced for an article it has no translation of."""
    tags = set(many_site.locales)
    translated = {locale: set(many_site.translations(locale)) for locale in many_site.locales}
    failures = []
    for rel in many_site.english_articles:
        for locale in many_site.locales:
            path = page_of(built, locale, rel)
            if not path.is_file():
                failures.append(f"{locale} {rel}: no page")
                continue
            links = [(link.get("hreflang"), link.get("href"))
                     for link in parse(path).xpath('//head/link[@rel="alternate"][@hreflang]')]
            found = {lang for lang, _ in links}
            for lang, href in links:
                if lang == "x-default":
                    continue
                if lang not in tags:
                    failures.append(f"{locale} {rel}: hreflang {lang!r} is no site locale tag")
                    continue
                want = "/" + built.prefix + locale_folder(lang) + article_url(rel)
                if not unquote(urlsplit(href).path).endswith(want):
                    failures.append(f"{locale} {rel}: hreflang {lang} -> {href}, want …{want}")
                if lang != DEFAULT_LOCALE and rel not in translated[lang]:
                    failures.append(f"{locale} {rel}: announces a {lang} page, but {lang} has no translation")
            if locale != DEFAULT_LOCALE and rel in translated[locale]:
                still_english = "untranslated" in findings.get(f"docs/{locale}/{rel}", set())
                if DEFAULT_LOCALE not in found or (locale not in found and not still_english):
                    failures.append(f"{locale} {rel}: alternates {sorted(found)} lack en or {locale}")
    assert not failures, report(failures, f"wrong hreflang alternates in the {built.name} build")


def test_no_english_reader_message_on_a_non_english_page(built: Built, many_site: ManyLocaleSite) -> None:
    """The notices, the English-original control, the status page and the 404 page speak the reader's language:
    no reader message's English appears on a page of another locale, outside what is marked lang="en"."""
    patterns = message_patterns()
    assert len(patterns) >= 20, [p.key for p in patterns]
    failures = []
    for page in html_pages(built, many_site.locales):
        if page.locale == DEFAULT_LOCALE:
            continue
        found = english_messages_on(page.path, page.locale, patterns)
        if found:
            failures.append(f"{page.locale} {page.url or '(home)'} {page.path.name}: {'; '.join(found)}")
    assert not failures, report(failures, f"non-English pages with English reader messages in the {built.name} build")


def test_heading_ids_are_the_english_ones(built: Built, many_site: ManyLocaleSite,
                                          findings: dict[str, set[str]]) -> None:
    """Every translated page's headings have the English page's heading ids, in the same order, except in a
    translation the check reports anchor-mismatch for."""
    failures = []
    compared = 0
    for locale in many_site.locales[1:]:
        for rel in many_site.translations(locale):
            if "anchor-mismatch" in findings.get(f"docs/{locale}/{rel}", set()):
                continue
            english, translation = heading_ids(page_of(built, DEFAULT_LOCALE, rel)), \
                heading_ids(page_of(built, locale, rel))
            compared += 1
            if translation != english:
                differ = next((i for i, (a, b) in enumerate(zip(english, translation, strict=False)) if a != b),
                              min(len(english), len(translation)))
                failures.append(f"{locale} {rel}: heading {differ + 1}: "
                                f"{translation[differ:differ + 2]} where English has {english[differ:differ + 2]} "
                                f"({len(translation)} vs {len(english)} headings)")
    assert compared >= 60, compared
    assert not failures, report(failures, f"translations whose heading ids differ from English in {built.name}")


# Search, in Chromium.

def _search(page: Any, query: str) -> list[str]:
    """Type ``query`` into Material's search; the result links (absolute URLs)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    field = page.locator("input.md-search__input")
    field.click()
    meta = page.locator(".md-search-result__meta")
    placeholder = meta.text_content()
    for _ in range(10):  # the index loads in a worker: a query typed before it is ready gets no answer, so retype
        field.fill(query)
        field.press("End")  # a key event as well: Material reads the query on keyboard events too
        try:
            page.wait_for_function("([meta, text]) => meta.textContent !== text",
                                   arg=[meta.element_handle(), placeholder], timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    with contextlib.suppress(PlaywrightTimeout):  # no result, if it times out
        page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)",
                               timeout=1500)
    return page.locator(".md-search-result__item > a, .md-search-result__item > article > a, "
                        ".md-search-result__link").evaluate_all("links => links.map(link => link.href)")


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_search_finds_the_page_with_the_word(page: Any, served: tuple[Built, str], many_site: ManyLocaleSite,
                                            locale: str) -> None:
    """From the locale's home page, a search for a word that only one page of the locale has finds that page."""
    built, base = served
    rel, word = search_term(many_site, locale)
    page.goto(base + built.prefix + locale_folder(locale))
    results = _search(page, word)
    want = "/" + built.prefix + locale_folder(locale) + article_url(rel)
    paths = [unquote(urlsplit(link).path) for link in results]
    assert want in paths, (f"{built.name}: searching {locale} for {word!r} (from {rel}) found "
                           f"{sorted(set(paths))[:8] or 'nothing'}; meta: "
                           f"{page.locator('.md-search-result__meta').text_content()!r}")
