"""The check rules. Each is a function that reports findings through a ``Reporter``; ``RULE_FUNCTIONS`` runs them.

File rules look at one file (English or localized); translation rules at a localized article next to the English
revision it was made from; site rules at the whole docs folder.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from ..article import resolve_link
from ..config import LOCALE_KEYS, TRANSLATED_KEYS, Config, Severity
from ..encoding import repair_mojibake
from ..layout import external_url
from ..locales import same_locale
from ..segments import markup_positions
from ..site.page import PageSanitizer, english_texts, markup_in_front_matter, render_hazard
from ..translations import DocFile, DocsIndex, State, Translation
from ..xliff import read_xliff
from .reporter import Reporter

# --- file rules: every file -----------------------------------------------------------------------------------


def check_encoding(docs: DocsIndex, file: DocFile, report: Reporter) -> None:
    if file.encoding_error is not None:
        error = file.encoding_error
        report("encoding", file, error.line, error.message)
        return
    if file.article is None:
        return  # only with an encoding error, reported above
    if file.had_bom:
        report("encoding", file, 1, "the file starts with a UTF-8 BOM: save it as UTF-8 without one",
               cap=Severity.WARNING)
    _, repairs = repair_mojibake(file.article.text, file.data)
    for repair in repairs:
        report("encoding", file, repair.line, f"mojibake {repair.before!r}: probably {repair.after!r} "
                                              "(`locdocs normalize` repairs it)", cap=Severity.WARNING)


def check_leftover_markup(docs: DocsIndex, file: DocFile, report: Reporter) -> None:
    if file.article is None:
        return
    reported_lines = set()
    for line, column, tag in markup_positions(file.article.text):
        if line not in reported_lines:
            reported_lines.add(line)
            report("leftover-markup", file, line, f"translation markup {tag!r} left at column {column}: "
                                                  "run `locdocs normalize` on the handoff")


def check_front_matter_valid(docs: DocsIndex, file: DocFile, report: Reporter) -> None:
    article = file.article
    if article is None:
        return
    if article.front_matter_error is not None:
        report("front-matter-invalid", file, article.front_matter_error.line or 1, article.front_matter_error.message)
    elif not article.has_front_matter and file.locale != docs.default_locale and not docs.excluded(file.rel):
        report("front-matter-invalid", file, 1, "no front matter: a translation needs its ms.* metadata "
                                                "between --- lines at the top")


def check_links(docs: DocsIndex, file: DocFile, report: Reporter) -> None:
    article = file.article
    if article is None:
        return
    for link in article.links:
        parts = urlsplit(link.target)
        if parts.scheme or parts.netloc or link.target.startswith(("/", "mailto:")) or not link.target:
            continue
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        target: DocFile | None
        if not path:
            target = file
        else:
            resolved = resolve_link(file.rel, path)
            if resolved is None:
                report("broken-link", file, link.line, f"link {link.target!r} points outside the docs folder")
                continue
            target = docs.files.get((file.locale, resolved)) or docs.english(resolved)
            if target is None:
                if docs.is_page(file.locale, resolved) or docs.asset_exists(file.locale, resolved):
                    continue  # a page the plugin adds, or an image or another asset that exists
                if resolved.suffix == ".md" and not link.image:
                    base = docs.config.external_base_url
                    where = (f"the site links to {external_url(base, file.locale, resolved, fragment)}" if base
                             else "set external_base_url so it links somewhere")
                    report("broken-link", file, link.line,
                           f"link {link.target!r}: {resolved} is not part of the content ({where})",
                           cap=Severity.INFO if docs.config.external_base_url else Severity.WARNING)
                else:
                    report("broken-link", file, link.line, f"link {link.target!r}: no file {resolved} in "
                                                           f"{file.locale}/ or {docs.default_locale}/")
                continue
        if fragment and (anchors := docs.anchors(target)) is not None and fragment not in anchors:
            report("broken-link", file, link.line,
                   f"link {link.target!r}: {target.locale}/{target.rel} has no heading or anchor '#{fragment}'")


_sanitizers: weakref.WeakKeyDictionary[DocsIndex, PageSanitizer] = weakref.WeakKeyDictionary()


def check_unsafe_content(docs: DocsIndex, file: DocFile, report: Reporter) -> None:
    """What the build removes from a translated page (every page of a locale folder: excluded pages and orphans
    too), as the build's own sanitizer finds it; markup in its front matter title or description, and in the English
    of its segments, which the page shows as text."""
    article = file.article
    if file.locale == docs.default_locale or article is None:
        return
    english = docs.english(file.rel)
    for key, value in markup_in_front_matter(file.front_matter, english.front_matter if english else {}):
        report("unsafe-content", file, _key_line(file, key),
               f"markup in {key} {value[:60]!r}: the page shows it as text")
    for line, segment, tag in _markup_in_segment_sources(docs, file):
        report("unsafe-content", file, line, f"the English of segment {segment} has {tag!r}, which the English "
                                             "article does not: the page shows it as text")
    hazard = render_hazard(article.body, english_texts(docs, file.locale, file.rel))
    if hazard is not None:
        report("unsafe-content", file, article.body_start_line,
               f"{hazard}: too much markup to render safely; the page shows the English article instead")
        return
    sanitizer = _sanitizers.get(docs) or _sanitizers.setdefault(docs, PageSanitizer(docs))
    cursor, line = len(article.text) - len(article.body), article.body_start_line
    for removal in sanitizer.render(file.locale, file.rel, article.body).removals:
        # Each removal is looked for after the one before (the walk is in document order), so the text is read
        # once; one that cannot be found as written (an entity-encoded URL) is put at the line of the one before.
        match = re.compile(re.escape(removal.needle), re.IGNORECASE).search(article.text, cursor)
        found = match.start() if match else -1
        if found >= 0:
            line += article.text.count("\n", cursor, found)
            cursor = found
        report("unsafe-content", file, line, str(removal))


def _markup_in_segment_sources(docs: DocsIndex, file: DocFile) -> list[tuple[int, str, str]]:
    """(line, segment id, tag) of each tag in the handoff's English of a segment (kept in the XLIFF) that the
    English article lacks: the handoff's English is shown on the page, and it is not the reviewed one."""
    xliff, english = docs.xliff_path(file), docs.english(file.rel)
    if not xliff.is_file():
        return []
    try:
        _, units = read_xliff(xliff.read_bytes())
    except Exception:  # an unreadable XLIFF is not shown either  # noqa: BLE001
        return []
    known = english.article.text.lower() if english is not None and english.article is not None else ""
    found = []
    for unit in units:
        for tag in sorted(set(_SOURCE_TAG.findall(unit.source))):
            if tag.lower() not in known:
                found.append((unit.line or 1, unit.id or "?", tag))
    return found


_SOURCE_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]*")


FILE_RULES = (check_encoding, check_leftover_markup, check_front_matter_valid, check_links, check_unsafe_content)

# --- translation rules: a localized article and its English source ----------------------------------------------


def check_front_matter_mismatch(docs: DocsIndex, translation: Translation, report: Reporter) -> None:
    file, front_matter = translation.file, translation.file.front_matter
    if file.article is None or file.article.front_matter_error is not None or not file.article.has_front_matter:
        return
    content_locale = front_matter.get("ms.contentlocale")
    if content_locale and not same_locale(str(content_locale), file.locale):
        report("front-matter-mismatch", file, _key_line(file, "ms.contentlocale"),
               f"ms.contentlocale is {content_locale!r} but the article is in the {file.locale!r} folder")
    for key in docs.config.required_locale_keys:
        if front_matter.get(key) in (None, ""):
            report("front-matter-mismatch", file, 1, f"required locale key {key!r} is missing")
    source = translation.source
    if source is None:
        return  # the English revision is unknown: stale-translation says so
    revision = f"English revision {translation.revision.short}" if translation.revision else "the English article"
    for key in sorted(set(source.front_matter) | set(front_matter), key=str):
        if key in LOCALE_KEYS or key in TRANSLATED_KEYS:
            continue
        mine, theirs = front_matter.get(key), source.front_matter.get(key)
        if (_blank(mine) and _blank(theirs)) or mine == theirs:
            continue
        if key not in front_matter:
            report("front-matter-mismatch", file, 1, f"{key!r} is missing; {revision} has {theirs!r}")
        elif key not in source.front_matter:
            report("front-matter-mismatch", file, _key_line(file, key),
                   f"{key!r} is {mine!r} but {revision} has no such key")
        else:
            report("front-matter-mismatch", file, _key_line(file, key),
                   f"{key!r} is {mine!r} but {revision} has {theirs!r}")


def _blank(value: object) -> bool:
    """'' and an empty value mean the same: some handoffs write one, some the other."""
    return value is None or value == ""


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _key_line(file: DocFile, key: str) -> int:
    if file.article is None:
        return 1  # not UTF-8, so no front matter: its findings are about the file as a whole
    match = re.search(rf"^{re.escape(key)}\s*:", file.article.text, re.MULTILINE)
    return _line(file.article.text, match.start()) if match else 1


def check_anchors(docs: DocsIndex, translation: Translation, report: Reporter) -> None:
    """Each heading gets the id of the English heading it corresponds to (docs.heading_ids): named by its
    ``<a name>``, else at its place by order and level. Reported: a heading that corresponds to none and has no
    anchor, English headings that none corresponds to, headings in another order than the English ones, and (as
    notes: the page uses the English id) an anchor that names no English heading or one named already. Against
    the current English when the revision the translation was made from is unknown, all as notes."""
    file = translation.file
    ids = docs.heading_ids(translation)
    english = translation.aligned_with
    if ids is None or english is None or file.article is None:
        return
    cap = None if translation.source is not None else Severity.INFO
    expected = docs.english_page_ids(english)
    if translation.source is not None:
        revision = f"English revision {translation.revision.short}" if translation.revision else "the English article"
    else:
        revision = "the current English article"
    headings = file.article.headings
    named: dict[str, int] = {}
    for heading, heading_id in zip(headings, ids, strict=True):
        if heading_id is None:
            report("anchor-mismatch", file, heading.line, f"heading {heading.text!r} has no anchor, and no heading of "
                                                          f"{revision} corresponds to it: give it the anchor of the "
                                                          "English heading it translates", cap=cap)
        elif heading_id not in expected:
            report("anchor-mismatch", file, heading.line, f"anchor {heading_id!r} is not a heading of {revision} "
                                                          f"(its headings: {', '.join(expected)})", cap=cap)
        elif heading.anchor and heading.anchor != heading_id:
            why = (f"also on line {named[heading.anchor]}" if heading.anchor in named
                   else f"not a heading of {revision}")
            report("anchor-mismatch", file, heading.line, f"anchor {heading.anchor!r} is {why}: the page gives the "
                                                          f"heading the id {heading_id!r} of the English heading at "
                                                          "its place", cap=Severity.INFO)
        if heading.anchor:
            named.setdefault(heading.anchor, heading.line)
    missing = [anchor for anchor in expected if anchor not in ids]
    if missing:
        report("anchor-mismatch", file, headings[0].line if headings else 1,
               f"{revision} has headings {', '.join(repr(a) for a in missing)} that this translation lacks", cap=cap)
    order = [expected.index(heading_id) for heading_id in ids if heading_id in expected]
    if order != sorted(order):
        report("anchor-mismatch", file, headings[0].line,
               f"headings are in another order than in {revision}: "
               f"{', '.join(h for h in ids if h in expected)} instead of {', '.join(expected)}", cap=cap)


def check_stale(docs: DocsIndex, translation: Translation, report: Reporter) -> None:
    file = translation.file
    value = file.front_matter.get("ms.openlocfilehash")
    if translation.english is None or not value:
        return
    english = f"{docs.default_locale}/{translation.english.rel}"
    if translation.state is State.UNKNOWN:
        report("stale-translation", file, _key_line(file, "ms.openlocfilehash"),
               f"ms.openlocfilehash {value!r} is not a SHA-1 or SHA-256 hex digest: the English revision "
               "of this translation cannot be known")
    elif translation.state is State.STALE:
        if translation.revision is None:
            since = ("its English revision is not in the git history"
                     if docs.history.available else "no git history to tell what changed")
            message = f"made from an older English revision than {english} ({value}); {since}"
        elif translation.change is None:  # found in the history, but those bytes are not UTF-8 text
            message = (f"made from English revision {translation.revision.short} ({translation.revision.date}) "
                       f"of {english}, which is not UTF-8: what changed since cannot be told")
        else:
            message = (f"made from English revision {translation.revision.short} ({translation.revision.date}) "
                       f"of {english}; changed since: {translation.change.describe()}")
        report("stale-translation", file, _key_line(file, "ms.openlocfilehash"), message)


def check_untranslated(docs: DocsIndex, translation: Translation, report: Reporter) -> None:
    share = translation.untranslated_share
    if share is not None and share > docs.config.untranslated_threshold:
        report("untranslated", translation.file, 1,
               f"{share:.0%} of the {translation.untranslated_basis} are still the English text "
               f"(threshold {docs.config.untranslated_threshold:.0%})")


TRANSLATION_RULES = (check_front_matter_mismatch, check_anchors, check_stale, check_untranslated)

# --- site rules -------------------------------------------------------------------------------------------------


def check_missing_and_orphans(docs: DocsIndex, report: Reporter) -> None:
    for rel in docs.english_articles():
        if docs.excluded(rel):
            continue
        for locale in docs.translation_locales:
            if (locale, rel) not in docs.files:
                report("missing-translation", None, None,
                       f"{rel} has no {locale} translation: readers get the English page",
                       path=docs.docs_dir / locale / rel, locale=locale)
    for file in docs.localized_files():
        if docs.english(file.rel) is None and not docs.excluded(file.rel):
            report("orphan-translation", file, None,
                   f"no English source {docs.default_locale}/{file.rel} for this translation")


def check_links_out_of_docs(docs: DocsIndex, report: Reporter) -> None:
    """A symbolic link in docs/ to a file elsewhere would publish that file (MkDocs follows links): it is left
    out of the site and reported."""
    for path, target in sorted(docs.outside.items()):
        locale = path.relative_to(docs.docs_dir).parts[0]
        report("unsafe-content", None, None, f"symbolic link to {target}, outside the docs folder: not published",
               path=path, locale=locale)


SITE_RULES = (check_missing_and_orphans, check_links_out_of_docs)

RULE_IDS: dict[Callable[..., None], tuple[str, ...]] = {
    check_encoding: ("encoding",), check_leftover_markup: ("leftover-markup",),
    check_front_matter_valid: ("front-matter-invalid",), check_links: ("broken-link",),
    check_unsafe_content: ("unsafe-content",), check_front_matter_mismatch: ("front-matter-mismatch",),
    check_anchors: ("anchor-mismatch",), check_stale: ("stale-translation",), check_untranslated: ("untranslated",),
    check_missing_and_orphans: ("missing-translation", "orphan-translation"),
    check_links_out_of_docs: ("unsafe-content",)}
"""The rules each check function reports."""

CheckFunction = TypeVar("CheckFunction", bound=Callable[..., None])


def enabled(functions: tuple[CheckFunction, ...], config: Config) -> list[CheckFunction]:
    """The check functions with a rule the configuration does not ignore: an ignored rule is not worked out."""
    return [function for function in functions
            if any(config.severity(rule) is not Severity.IGNORE for rule in RULE_IDS[function])]
