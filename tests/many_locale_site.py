"""A many-locale site made of the shared data's real span handoffs, the way a team would make it, with the CLI only.

Every span handoff of ``../shared/multilocale`` (25 locales) and the first few articles of each span set of
``../shared/corpus`` (sv, nl, fr, zh-CN, zh-TW, de) are ingested with ``locdocs ingest --locale TAG --path REL``
into ``docs/TAG/SET/PATH`` (``SET`` names the article's source repository: ``nuget``, ``quantum``…). The English
article ``docs/en/SET/PATH`` is the English original when the data has it (``multilocale/en-us/…`` or the corpus's
``<owner>__<en-repo>/en-us/…``: a plain copy of its bytes), else the handoff's own English: a copy of the handoff
put through ``locdocs normalize --side source``. Locale folders are BCP 47 tags: the language alone (``ar-sa`` ->
``ar``), with the region where it tells two variants of a language apart (``pt-BR`` and ``pt-PT``, ``zh-CN`` and
``zh-TW``). The site is a git repository with one commit, as ``locdocs build`` needs.

Nothing here imports locdocs: it is the code under test, driven through its command line.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from shared_data import CORPUS, SHARED

MULTILOCALE = SHARED / "multilocale"
DEFAULT_LOCALE = "en"
CORPUS_ARTICLES_PER_SET = 3
"""How many articles of each corpus span set the site takes (the first ones in path order, includes and index
pages left out): enough for every corpus locale to have pages, few enough for the build to take minutes."""

REGION_KEPT = frozenset({"pt", "zh"})
"""Languages whose region tells two variants apart in this data (pt-BR/pt-PT; zh-CN/zh-TW, which differ in
script too): their site locale keeps the region. Every other locale is its language alone (ar-sa -> ar)."""

NATIVE_NAMES = {
    "en": "English", "ar": "العربية", "cs": "Čeština", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά",
    "es": "Español", "fi": "Suomi", "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hu": "Magyar",
    "id": "Bahasa Indonesia", "it": "Italiano", "ja": "日本語", "ko": "한국어", "nb": "Norsk bokmål",
    "nl": "Nederlands", "pl": "Polski", "pt-BR": "Português (Brasil)", "pt-PT": "Português (Portugal)",
    "ru": "Русский", "sv": "Svenska", "th": "ไทย", "tr": "Türkçe", "uk": "Українська", "vi": "Tiếng Việt",
    "zh-CN": "简体中文", "zh-TW": "繁體中文",
}
"""Each locale's name in its own language, as the language switcher shows it."""

RIGHT_TO_LEFT = frozenset({"ar", "he"})

ARTICLE_SETS = {
    "OfficeDocs-AlchemyInsights": "alchemy-insights",
    "docs.microsoft.com-nuget": "nuget",
    "Console-Docs": "console",
    "Contribute": "contribute",
    "quantum-docs": "quantum",
    "customer-insights": "customer-insights",
}
"""The folder of each source repository's articles, by the repository's name without owner, locale and ``-pr``
(the localized repositories have other owners than the English one: Kladdkaka/Contribute.sv-SE ->
MicrosoftDocs/Contribute)."""

RULES = {
    # Readers see these on the page as notices; `locdocs check` still lists them. Real handoffs are older than
    # the English they are shown with (the English recovered with --side source is the handoff's own source, not
    # byte for byte the file its ms.openlocfilehash names), and some translations keep English text: expected.
    "stale_translation": "info",
    "untranslated": "info",
}
"""The locdocs rules set below their default level (config.RULES), and why. Every other rule keeps its default, so
that `mkdocs build --strict` fails on what is wrong with the site, not on the data being old."""

EXTERNAL_BASE_URL = "https://learn.microsoft.com/{locale}/"
"""Where links to the repositories' other articles (not in the data) go: the site has a few articles of each."""

PLACEHOLDERS = {
    ".png": base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJ"
                             "RU5ErkJggg=="),
    ".gif": base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="),
    ".jpg": base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="),
    ".svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    ".pdf": b"%PDF-1.4\n%%EOF\n",
}
"""The data holds the articles' Markdown, not their media: a one-pixel image (or an empty document) stands in for
each media file an article links to, at the path it links to, in the English folder (every locale's pages find
their media there), as the real repositories have them."""
_MEDIA_LINK = re.compile(r"""\]\(\s*<?([^)\s>]+)|\bsrc\s*=\s*["']([^"']+)["']|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$""",
                         re.MULTILINE | re.IGNORECASE)

HOME = """\
# Documentation in many languages

Articles of Microsoft's public documentation repositories, in the languages their translation handoffs came in.
Choose your language in the header; the search looks in the language you read.
"""


@dataclass(frozen=True)
class Handoff:
    """One raw span handoff of the shared data, and where the site puts it."""

    source: Path
    """The raw handoff file (read only)."""
    locale: str
    """The site locale (folder name, a BCP 47 tag) it is ingested into: ``--locale``."""
    rel: PurePosixPath
    """The article's path inside every locale folder: ``--path``."""
    english: Path | None
    """The English original the data has for it, or None (its English is recovered with --side source)."""


@dataclass(frozen=True)
class ManyLocaleSite:
    root: Path
    handoffs: tuple[Handoff, ...]
    """The handoffs in the site."""
    english_from_source: tuple[PurePosixPath, ...]
    """The articles whose English is a handoff's own source side (no English original in the data)."""
    english_from_handoff: dict[PurePosixPath, Handoff]
    """For each of those, the handoff whose source side it is."""
    refused: dict[Handoff, str]
    """The handoffs `locdocs ingest` refused (exit 2), with what it said: not in the site, nor is their English."""

    @property
    def locales(self) -> tuple[str, ...]:
        """Every site locale, English first."""
        return (DEFAULT_LOCALE, *sorted({handoff.locale for handoff in self.handoffs}))

    @property
    def english_articles(self) -> tuple[PurePosixPath, ...]:
        return tuple(sorted({handoff.rel for handoff in self.handoffs}))

    def translations(self, locale: str) -> tuple[PurePosixPath, ...]:
        return tuple(sorted(handoff.rel for handoff in self.handoffs if handoff.locale == locale))

    def markdown(self, locale: str, rel: PurePosixPath) -> Path:
        return self.root / "docs" / locale / rel


def site_locale(value: str) -> str:
    """The site locale for a data locale (a folder such as ``pt-br``, or an ``ms.contentlocale`` such as
    ``ar-SA``): ``pt-BR``, ``ar``."""
    language, _, region = value.strip().replace("_", "-").partition("-")
    language = language.lower()
    return f"{language}-{region.upper()}" if language in REGION_KEPT and region else language


_CONTENT_LOCALE = re.compile(rb"^ms\.contentlocale:[ \t]*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)",
                             re.MULTILINE)


def handoff_locale(handoff: Path, folder_locale: str) -> str:
    """The handoff's ``ms.contentlocale`` (its own word for its language) as a site locale, else its folder's."""
    found = _CONTENT_LOCALE.search(handoff.read_bytes()[:8192])
    return site_locale(found[1].decode() if found else folder_locale)


def article_set(repo_folder: str) -> str:
    """The site folder of a repository's articles, from the data's ``owner__repo[__live-sxs]`` folder name."""
    repo = repo_folder.split("__")[1]
    repo = re.sub(r"\.[A-Za-z]{2,3}-[A-Za-z]{2,4}$", "", repo).removesuffix("-pr")
    return ARTICLE_SETS.get(repo, repo.lower())


def english_originals() -> dict[PurePosixPath, Path]:
    """Every English original of the data, by its site path ``SET/PATH``."""
    found: dict[PurePosixPath, Path] = {}
    for repo in sorted((MULTILOCALE / "en-us").iterdir()):
        for path in sorted(repo.rglob("*.md")):
            found[PurePosixPath(article_set(repo.name), *path.relative_to(repo).parts)] = path
    for english in sorted(CORPUS.glob("*/en-us")):
        for path in sorted(english.rglob("*.md")):
            found.setdefault(PurePosixPath(article_set(english.parent.name), *path.relative_to(english).parts), path)
    return found


def _corpus_articles(locale_folder: Path) -> list[Path]:
    articles = [path for path in sorted(locale_folder.rglob("*.md"))
                if "includes" not in path.relative_to(locale_folder).parts and path.name != "index.md"]
    return articles[:CORPUS_ARTICLES_PER_SET]


def plan_handoffs() -> list[Handoff]:
    """Every multilocale span handoff and the first articles of each corpus span set, sorted by locale and path."""
    originals = english_originals()
    handoffs = []
    for locale_folder in sorted(MULTILOCALE.iterdir()):
        if not locale_folder.is_dir() or locale_folder.name == "en-us":
            continue
        for repo in sorted(locale_folder.iterdir()):
            for path in sorted(repo.rglob("*.md")):
                rel = PurePosixPath(article_set(repo.name), *path.relative_to(repo).parts)
                handoffs.append(Handoff(path, handoff_locale(path, locale_folder.name), rel, originals.get(rel)))
    for span_set in sorted(CORPUS.glob("*__live-sxs")):
        for locale_folder in sorted(p for p in span_set.iterdir() if p.is_dir()):
            for path in _corpus_articles(locale_folder):
                rel = PurePosixPath(article_set(span_set.name), *path.relative_to(locale_folder).parts)
                handoffs.append(Handoff(path, handoff_locale(path, locale_folder.name), rel, originals.get(rel)))
    return sorted(handoffs, key=lambda h: (h.locale, str(h.rel)))


def mkdocs_config(locales: Iterable[str]) -> dict:
    languages = [{"locale": locale, "name": NATIVE_NAMES.get(locale, locale), "build": True}
                 | ({"default": True} if locale == DEFAULT_LOCALE else {}) for locale in locales]
    return {
        "site_name": "Many locales",
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "theme": {"name": "material", "language": DEFAULT_LOCALE, "font": False},
        "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list", "md_in_html", "admonition"],
        # The locdocs rule broken-link reports every link that resolves nowhere, at its level (an error): MkDocs'
        # own report of the same links is left to the log, else `locdocs build`, whose units are MkDocs --strict
        # builds, stops on them even with --allow-errors (docfx's ~/ links, which MkDocs cannot resolve).
        "validation": {"links": {"not_found": "info"}},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "folder", "fallback_to_default": True, "reconfigure_material": True,
                      "languages": languages}},
            {"locdocs": {"exclude": ["index.md"], "rules": dict(RULES), "external_base_url": EXTERNAL_BASE_URL,
                         "title_suffix": r"\s*\|\s*Microsoft Docs"}},
        ],
    }


def write_media_placeholders(docs: Path, english_dir: Path) -> None:
    """A placeholder at every relative media path the site's articles link to (see PLACEHOLDERS)."""
    for article in sorted(docs.rglob("*.md")):
        folder = english_dir / article.parent.relative_to(docs).relative_to(article.relative_to(docs).parts[0])
        for match in _MEDIA_LINK.finditer(article.read_text("utf-8", errors="replace")):
            target = next(group for group in match.groups() if group).split("?")[0].split("#")[0]
            suffix = PurePosixPath(target).suffix.lower()
            if suffix not in PLACEHOLDERS or target.startswith(("/", "~")) or ":" in target:
                continue
            path = Path(os.path.normpath(folder / target))
            if path.is_relative_to(english_dir) and not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(PLACEHOLDERS[suffix])


def _locdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "locdocs", *args], cwd=root, capture_output=True, text=True,
                          timeout=600, check=False)


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)


def make_site(root: Path, *, locales: Iterable[str] | None = None) -> ManyLocaleSite:
    """Make the site in ``root`` (created; must not exist). ``locales``: only these site locales' handoffs
    (for developing against a subset; the tests take them all)."""
    handoffs = plan_handoffs()
    if locales is not None:
        wanted = set(locales)
        handoffs = [handoff for handoff in handoffs if handoff.locale in wanted]
    root.mkdir(parents=True)
    site = ManyLocaleSite(root, tuple(handoffs), (), {}, {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_config(site.locales), allow_unicode=True,
                                                    sort_keys=False), encoding="utf-8")
    (root / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    english_dir = root / "docs" / DEFAULT_LOCALE
    english_dir.mkdir(parents=True)
    (english_dir / "index.md").write_text(HOME, encoding="utf-8")

    # The translations, one `locdocs ingest` per handoff (it reads mkdocs.yml for the site's locales). A handoff it
    # refuses (exit 2, with the reason) is left out, with its English.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda h: _locdocs(root, "ingest", "-q", "--locale", h.locale, "--path", str(h.rel),
                                                   str(h.source)), handoffs))
    refused = {handoff: done for handoff, done in zip(handoffs, results, strict=True) if done.returncode == 2}
    for handoff, done in zip(handoffs, results, strict=True):
        if done.returncode not in (0, 2):
            raise RuntimeError(f"locdocs ingest {handoff.source} failed ({done.returncode}):\n{done.stderr}")
    ingested = [handoff for handoff in handoffs if handoff not in refused]

    # The English: the original where the data has it, else the first handoff's source side.
    from_source: dict[PurePosixPath, Handoff] = {}
    for handoff in ingested:
        target = english_dir / handoff.rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(handoff.english or handoff.source, target)
        if handoff.english is None:
            from_source[handoff.rel] = handoff
    if from_source:
        done = _locdocs(root, "normalize", "-q", "--side", "source", *(str(english_dir / rel) for rel in from_source))
        if done.returncode != 0:
            raise RuntimeError(f"locdocs normalize --side source failed ({done.returncode}):\n{done.stderr}")

    write_media_placeholders(root / "docs", english_dir)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Many-locale site from the shared data's handoffs")
    return ManyLocaleSite(root, tuple(ingested), tuple(sorted(from_source)), from_source,
                          {handoff: done.stderr.strip() for handoff, done in refused.items()})


def site_locales() -> tuple[str, ...]:
    """The site's locales as planned (English first), without making the site: for parametrizing tests."""
    return (DEFAULT_LOCALE, *sorted({handoff.locale for handoff in plan_handoffs()}))


# What a reader would type into the search box: a word of one translated page, worked out from the Markdown the
# site is made of (never from the search index under test).

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.DOTALL | re.MULTILINE)
_NOISE = re.compile(r"`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)|^\s*\[[^\]\n]+\]:.*$|\[!\w+", re.MULTILINE)
SCRIPTS = {"ar": "ARABIC", "he": "HEBREW", "el": "GREEK", "ru": "CYRILLIC", "uk": "CYRILLIC", "hi": "DEVANAGARI",
           "th": "THAI", "ko": "HANGUL"}
"""The script of each locale's words (Latin for the others; Chinese and Japanese are handled apart)."""
MIN_WORD_LETTERS = {"vi": 5}
"""Vietnamese is written in syllables: its words of 7 letters are rare (and often not Vietnamese)."""
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")


def plain_text(markdown: str) -> str:
    """An article's readable text: no front matter, code, HTML tags, link targets or alert markers."""
    return _NOISE.sub(" ", _FENCE.sub(" ", _FRONT_MATTER.sub("", markdown)))


def _letters(token: str) -> int:
    """Its length in letters, combining marks (Thai and Devanagari vowel signs) not counted."""
    return sum(1 for char in token if not unicodedata.category(char).startswith("M"))


def _standalone_tokens(text: str) -> list[str]:
    """Whitespace-separated tokens made only of letters and marks (a search tokenizes on whitespace)."""
    return [token for token in text.split() if token and all(unicodedata.category(c)[0] in "LM" for c in token)]


def _in_script(token: str, script: str) -> bool:
    return all(not char.isalpha() or unicodedata.name(char, "").startswith(script) for char in token)


def candidate_words(text: str, locale: str) -> list[str]:
    """The words of a page a reader of ``locale`` could search for, most frequent first: whole words of the
    locale's script, 7 letters or more (Vietnamese: 5; Latin: with a letter outside ASCII where the language has
    them); for Chinese a 2-4 character word (jieba's segmentation, as a reader would write it), for Japanese a 2-4
    character run of katakana (else kanji), for Korean and Thai a 2-4 letter word between spaces."""
    if locale.startswith("zh"):
        import jieba  # type: ignore[import-untyped]

        found = [word for word in jieba.lcut(text) if 2 <= len(word) <= 4 and _HAN.fullmatch(word)]
    elif locale == "ja":
        found = [run for run in _KATAKANA.findall(text) if len(run.replace("ー", "")) >= 2 and len(run) <= 4] or \
                [run for run in _HAN.findall(text) if 2 <= len(run) <= 4]
    elif locale in ("ko", "th"):
        found = [token for token in _standalone_tokens(text)
                 if 2 <= _letters(token) <= 4 and _in_script(token, SCRIPTS[locale])]
    else:
        script = SCRIPTS.get(locale, "LATIN")
        shortest = MIN_WORD_LETTERS.get(locale, 7)
        found = [token for token in _standalone_tokens(text)
                 if _letters(token) >= shortest and _in_script(token, script)]
        if script == "LATIN" and locale != DEFAULT_LOCALE:
            found = [token for token in found if not token.isascii()] or found
        elif locale == DEFAULT_LOCALE:
            found = [token for token in found if token.isascii()]
    counts: dict[str, int] = {}
    for word in found:
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], -len(word), word))


def search_term(site: ManyLocaleSite, locale: str) -> tuple[PurePosixPath, str]:
    """A page of ``locale`` and a word of it that no other page of the locale, and no English article, has: the
    page a search for the word must find. The page with the most such words is taken (the most translated)."""
    def text(path: Path) -> str:
        return path.read_text("utf-8", errors="replace")

    english = {f"en/{rel}": text(site.markdown(DEFAULT_LOCALE, rel)).casefold() for rel in site.english_articles}
    if locale == DEFAULT_LOCALE:
        pages = {rel: text(site.markdown(locale, rel)) for rel in site.english_articles
                 if rel not in site.english_from_source}
        others = english
    else:
        pages = {rel: text(site.markdown(locale, rel)) for rel in site.translations(locale)}
        others = {**english, **{f"{locale}/{rel}": body.casefold() for rel, body in pages.items()}}
    best: tuple[int, PurePosixPath, str] | None = None
    for rel, markdown in sorted(pages.items()):
        own = f"{locale}/{rel}"
        unique = [word for word in candidate_words(plain_text(markdown), locale)
                  if not any(word.casefold() in body for key, body in others.items() if key != own)]
        if unique and (best is None or len(unique) > best[0]):
            best = (len(unique), rel, unique[0])
    if best is None:
        raise LookupError(f"no word of a {locale} page that only it has")
    return best[1], best[2]
