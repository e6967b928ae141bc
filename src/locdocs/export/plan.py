"""Which articles of a locale to send to translators, and what each export file offers.

An article is exported when its translation is missing, stale, still mostly English, or of an unknown English
revision; a current translation is already done. For each exported article the current English is segmented and
matched against a translation memory of the translation there is: the segment pairs of its handoff's XLIFF
(``l10n/LL/REL.xlf``), else the translation aligned with the English revision it was made from (from git
history). When that revision cannot be had, the translation is aligned with the current English, and what it
offers is fuzzy at best.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..errors import UsageError
from ..locales import language_tag
from ..translations import DocsIndex, State, Translation
from .handoff import make_skeleton
from .leverage import leverage
from .memory import TranslationMemory, translation_memory
from .segmenter import SourceSegment, segment_article
from .units import ExportUnit, Match

TO_TRANSLATE = (State.MISSING, State.STALE, State.UNTRANSLATED, State.UNKNOWN)
"""The states of a translation that an export sends out."""


@dataclass(frozen=True)
class ArticleExport:
    """One article of one locale: the state of its translation and, when exported, its units."""

    locale: str
    rel: PurePosixPath
    state: State
    segments: tuple[SourceSegment, ...]
    """The current English's segments."""
    units: tuple[ExportUnit, ...]
    """What the export offers for each segment: empty for a translation that is not exported."""
    skeleton: str
    """The English with a marker per unit (``handoff.make_skeleton``)."""
    properties: dict[str, str]
    """The locale keys a returned file's handoff gets: the English revision, the content locale."""
    memory_basis: str
    """Where carried translations come from: ``segments`` (the handoff's XLIFF), ``alignment``, or ``none``."""

    @property
    def exported(self) -> bool:
        return bool(self.units)


def plan_exports(docs: DocsIndex, locale: str, articles: Sequence[PurePosixPath] = (), *,
                 include_current: bool = False) -> list[ArticleExport]:
    """The export of each English article (or of ``articles``) in ``locale``; current translations are planned
    with their units only when ``include_current`` (else as already done, without units)."""
    if locale == docs.default_locale:
        raise UsageError(f"--locale {locale} is the English source: export a translation locale "
                         f"({', '.join(docs.translation_locales) or 'none configured'})")
    known = docs.english_articles()
    chosen = list(articles) or [rel for rel in known if not docs.excluded(rel)]
    for rel in chosen:
        if rel not in known:
            raise UsageError(f"{rel}: no such English article in {docs.docs_dir / docs.default_locale}")
    return [_plan_article(docs, locale, rel, include_current) for rel in chosen]


def _plan_article(docs: DocsIndex, locale: str, rel: PurePosixPath, include_current: bool) -> ArticleExport:
    english = docs.english(rel)
    assert english is not None  # plan_exports chose an English article
    file = docs.files.get((locale, rel))
    translation = docs.translation(file) if file is not None else None
    state = translation.state if translation is not None else State.MISSING
    content_locale = str(file.front_matter.get("ms.contentlocale") or "") if file is not None else ""
    properties = {
        "ms.openlocfilehash": hashlib.sha1(english.data.removeprefix(b"\xef\xbb\xbf")).hexdigest(),
        "ms.contentlocale": content_locale or language_tag(locale),
    }
    if english.article is None:
        raise UsageError(f"{english.path}: {english.encoding_error}")
    text = english.article.text
    segments = tuple(segment_article(text))
    if (state not in TO_TRANSLATE and not include_current) or not segments:
        return ArticleExport(locale, rel, state, segments, (), "", properties, "none")
    memory, basis = _memory(docs, translation)
    units = leverage(segments, memory)
    if basis == "alignment" and translation is not None and translation.source is None:
        # Aligned with the current English, as the English it was made from is unknown: nothing is certain.
        units = [replace(unit, match=Match.FUZZY, similarity=unit.similarity or 1.0, previous_source=unit.segment.text)
                 if unit.match is Match.EXACT else unit for unit in units]
    skeleton = make_skeleton(text, [(unit.id, unit.segment) for unit in units])
    return ArticleExport(locale, rel, state, segments, tuple(units), skeleton, properties, basis)


def _memory(docs: DocsIndex, translation: Translation | None) -> tuple[TranslationMemory | None, str]:
    """The translation memory of an article's translation, and where it comes from."""
    if translation is None or translation.file.article is None:
        return None, "none"
    try:
        units = docs.segment_pairs(translation)
    except Exception:  # an unreadable XLIFF only means we align instead  # noqa: BLE001
        units = []
    english = translation.aligned_with
    if units:
        return translation_memory(translation.file.article.text, english.text if english else None, units), "segments"
    if english is None:
        return None, "none"
    return translation_memory(translation.file.article.text, english.text), "alignment"
