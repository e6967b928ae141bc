"""One page of the site as the build makes it from an article: its Markdown, its front matter, its sanitized HTML.

The MkDocs plugin calls these for every page it builds; ``locdocs check`` calls the same ones for every translated
article, so that the rule ``unsafe-content`` reports exactly what the build removes.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath

from ..article import MAX_NESTING, too_deeply_nested
from ..config import LOCALE_KEYS, TRANSLATED_KEYS
from ..render import Renderer
from ..sanitize import NO_ENGLISH, English, Sanitized, sanitize
from ..translations import DocsIndex, State, Translation
from .anchors import anchors_to_heading_ids, heading_ids
from .links import rewrite_external_links
from .originals import annotate_by_structure, annotate_originals

_TAG = re.compile(r"<[a-zA-Z/!?]")
_URL_HOST = re.compile(r"\b(?:https?:)?//(?:[^@/\s]*@)?([a-z0-9.-]+)", re.IGNORECASE)

MARKUP_CHARACTERS = "<>[](){}*_`|&\\!#"
"""The characters Markdown and HTML are made of. Python-Markdown (and the HTML parser it uses) take time that grows
with the square of some runs of them (``<a <a <a``…, ``[a](`` repeated, deep nesting): a translation may have
about as many of each as its English article, not thousands more."""


def render_hazard(text: str, english: list[str]) -> str | None:
    """Why ``text`` (a translation) must not be rendered, if it must not: far more of a markup character than the
    English texts have (the current English and the revision it was made from), or nesting deeper than any parser's
    stack. Linear time: it is what decides, before anything renders a translation, that it is not rendered."""
    for character in MARKUP_CHARACTERS:
        mine = text.count(character)
        theirs = max((e.count(character) for e in english), default=0)
        if mine > theirs + theirs // 2 + 200:
            return f"{mine} {character!r} against {theirs} in the English article"
    if too_deeply_nested(text) and not any(too_deeply_nested(e) for e in english):
        return f"block quotes, lists or indentation nested more than {MAX_NESTING} levels deep"
    return None


def english_texts(docs: DocsIndex, locale: str, rel: PurePosixPath) -> list[str]:
    """The bodies of the English article ``rel``: as it is now, and the revision the translation in ``locale`` was
    made from (when history has it)."""
    texts = []
    english = docs.english(rel)
    if english is not None and english.article is not None:
        texts.append(english.article.body)
        file = docs.files.get((locale, rel))
        if file is not None and (source := docs.translation(file).source) is not None:
            texts.append(source.body)
    return texts


def page_markdown(docs: DocsIndex, locale: str, rel: PurePosixPath, markdown: str) -> tuple[str, str]:
    """The Markdown the page ``rel`` of ``locale`` is rendered from: a machine translation with the English original
    after each segment (or, without segment data, each paragraph), headings with their English anchor as id, links
    outside the content to their external address. Also how the originals were matched: "segments", "structure",
    or "" (none shown)."""
    originals = ""
    file = docs.files.get((locale, rel))
    if file is not None and locale != docs.default_locale and not docs.excluded(rel) \
            and docs.english(rel) is not None and docs.config.english_originals:
        translation = docs.translation(file)
        if (translation.translation_type or "").upper() == "MT" and translation.state is not State.UNTRANSLATED:
            markdown, originals = _originals(docs, markdown, translation)
    markdown = anchors_to_heading_ids(markdown)
    if file is not None and locale != docs.default_locale and docs.english(rel) is not None \
            and (ids := docs.heading_ids(docs.translation(file))) is not None:
        # each heading gets the id of the English heading it corresponds to, as the English page has it
        markdown = heading_ids(markdown, ids)
    base_url = docs.config.external_base_url
    if base_url:
        markdown = rewrite_external_links(
            markdown, rel, locale, base_url,
            exists=lambda article: docs.is_page(locale, article))
    return markdown, originals


def _originals(docs: DocsIndex, markdown: str, translation: Translation) -> tuple[str, str]:
    """The segments' English originals from the XLIFF of the same handoff; else, by structure, the English revision
    the translation was made from; else none."""
    article = translation.file.article
    if article is None:
        return markdown, ""  # not UTF-8: the check reports it, there is nothing to annotate
    front_matter_lines = article.body_start_line - 1
    units = [unit for unit in docs.segment_pairs(translation) if (unit.line or 0) > front_matter_lines]
    if units:
        markdown, count = annotate_originals(markdown, units)
        return markdown, "segments" if count else ""
    if translation.source is not None:
        markdown, count = annotate_by_structure(markdown, article, translation.source)
        return markdown, "structure" if count else ""
    return markdown, ""


def translated_meta(meta: dict, english: dict) -> dict:
    """A translation's front matter as its page may use it: title, description and keywords (translated) and the
    locale keys as escaped text; every other key (template, hide, search…) is the English article's, never the
    translation's."""
    safe = {key: value for key, value in english.items() if key not in TRANSLATED_KEYS and key not in LOCALE_KEYS}
    for key in (*TRANSLATED_KEYS, *LOCALE_KEYS):
        value = meta.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            safe[key] = html.escape(str(value))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            safe[key] = [html.escape(item) for item in value]  # keywords as a YAML list
    return safe


def text_title(title: str) -> str:
    """A title that MkDocs took from a rendered heading (HTML, tags stripped), as escaped text."""
    return html.escape(html.unescape(title))


def markup_in_front_matter(meta: dict, english: dict) -> list[tuple[str, str]]:
    """The translated front matter values (title, description, keywords) that hold markup their English value does
    not: (key, value). The page shows them as text."""
    found = []
    for key in TRANSLATED_KEYS:
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if isinstance(value, str) and _TAG.search(value) and not _TAG.search(str(english.get(key) or "")):
            found.append((key, value))
    return found


class PageSanitizer:
    """Sanitizes the HTML of translated pages, against the English page of the same article when it must."""

    def __init__(self, docs: DocsIndex) -> None:
        self.docs = docs
        self.renderer = Renderer(docs.config.markdown)
        self._english: dict[PurePosixPath, English] = {}

    def __call__(self, locale: str, rel: PurePosixPath, page_html: str) -> Sanitized:
        # Most removals a real translation would meet are links to the hosts its English links to: those hosts are
        # read from the English text (a scan), so that the English page is rendered only for the rare rest.
        hosts = {host for text in english_texts(self.docs, locale, rel) for host in _URL_HOST.findall(text)}
        return sanitize(page_html, lambda: self.english(locale, rel), (*self.docs.config.allowed_hosts, *hosts))

    def english(self, locale: str, rel: PurePosixPath) -> English:
        """What the English of ``rel`` has: the English page as it is now and, for a translation made from an
        earlier revision, that revision (from git history: reviewed English too)."""
        english = self._english_page(rel)
        file, current = self.docs.files.get((locale, rel)), self.docs.english(rel)
        if file is not None and current is not None and current.article is not None:
            source = self.docs.translation(file).source
            if source is not None and source.text != current.article.text:
                english = english | self._render_english(rel, source.body)
        return english

    def _english_page(self, rel: PurePosixPath) -> English:
        if rel not in self._english:
            file = self.docs.english(rel)
            article = file.article if file is not None else None
            self._english[rel] = NO_ENGLISH if article is None else self._render_english(rel, article.body)
        return self._english[rel]

    def _render_english(self, rel: PurePosixPath, body: str) -> English:
        markdown, _ = page_markdown(self.docs, self.docs.default_locale, rel, body)
        return English.of(self.renderer(markdown))

    def render(self, locale: str, rel: PurePosixPath, markdown: str) -> Sanitized:
        """A translated article's body rendered as the build renders it, then sanitized (never one with too much
        markup: see ``render_hazard``)."""
        markdown, _ = page_markdown(self.docs, locale, rel, markdown)
        return self(locale, rel, self.renderer(markdown))
